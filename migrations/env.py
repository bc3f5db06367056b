"""Alembic environment: the app's own DATABASE_URL, or the connection the app hands over.

Why: migrations run on first use inside the app (app/db.py passes its open write connection
in `config.attributes["connection"]`), by `flask --app app db-upgrade`, or by plain `alembic`
from the checkout (then the URL comes from the app's config: instance folder, environment).
"""
from alembic import context

from app.storage import cards, finish  # noqa: F401  (register their tables)
from app.storage.models import Base

target_metadata = Base.metadata


def run(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    from app import create_app
    from app.storage.db import begin, make_engine

    engine = make_engine(create_app().config["DATABASE_URL"])
    with engine.connect() as conn, conn.begin():
        begin(conn, write=True)
        run(conn)
    engine.dispose()
