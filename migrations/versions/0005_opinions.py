"""Second opinions: friends' answers to "What would you do?", and the owner's "How sure are you
now?" on the result itself.

Why: a friend's opinion belongs to the result it is about and goes with it (ON DELETE CASCADE:
deleted with the result and with its expiry); one row per browser (a unique index on the result
and the hash of the browser's secret). The owner's answer is one nullable column.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "opinions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("result_id", sa.Integer,
                  sa.ForeignKey("results.id", ondelete="CASCADE"), nullable=False),
        sa.Column("browser_hash", sa.String(64), nullable=False),
        sa.Column("choice", sa.String(16), nullable=False),
        sa.Column("note", sa.String(200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
    )
    op.create_index("ux_opinions_result_browser", "opinions", ["result_id", "browser_hash"],
                    unique=True)
    op.add_column("results", sa.Column("confidence", sa.String(16), nullable=True))


def downgrade() -> None:
    op.drop_table("opinions")
    # not batch mode: on SQLite a batch rebuild drops `results`, and its foreign keys cascade
    # that drop to every card and finish; SQLite 3.35+ drops a column in place
    op.drop_column("results", "confidence")
