"""Command-line tasks: `flask --app app db-upgrade` and `flask --app app purge-results`.

Why commands: the schema is upgraded on first use anyway, but a deploy step should be able to
do it explicitly; purging is idempotent and prints a count, so it is safe to run from cron.
"""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from . import db, store


@click.command("db-upgrade")
@with_appcontext
def db_upgrade_command():
    """Apply every database migration (Alembic upgrade head)."""
    engine = db.make_engine(current_app.config["DATABASE_URL"])
    db.upgrade(engine)
    engine.dispose()
    click.echo("Database is up to date.")


@click.command("purge-results")
@with_appcontext
def purge_results_command():
    """Delete results past their expiry date and print how many."""
    with db.session(write=True) as s:
        count = store.purge_expired(s, now=store.utcnow())
    click.echo(f"Deleted {count} expired result{'s' if count != 1 else ''}.")


COMMANDS = (db_upgrade_command, purge_results_command)
