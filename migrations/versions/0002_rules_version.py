"""The rules version as its own column (backfilled from each snapshot), and an expiry index.

Why: a stored result says which rules produced it without opening its snapshot (the page
re-scores every stored answer set against today's rules and says when the verdict would now
differ), and the purge command deletes by expiry without scanning the table.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

results = sa.table("results", sa.column("id", sa.Integer), sa.column("snapshot", sa.JSON),
                   sa.column("rules_version", sa.String))


def upgrade() -> None:
    with op.batch_alter_table("results") as batch:
        batch.add_column(sa.Column("rules_version", sa.String(32), nullable=False,
                                   server_default="unknown"))
    bind = op.get_bind()
    for row_id, snapshot in bind.execute(sa.select(results.c.id, results.c.snapshot)).all():
        version = str((snapshot or {}).get("rules_version") or "unknown")[:32]
        bind.execute(results.update().where(results.c.id == row_id)
                     .values(rules_version=version))
    op.create_index("ix_results_expires_at", "results", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_results_expires_at", "results")
    with op.batch_alter_table("results") as batch:
        batch.drop_column("rules_version")
