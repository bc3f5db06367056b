"""One result per finished questionnaire: the finish key's hash (unique) and the sealed link.

Why: a replayed final POST stored a new result every time; now it finds the one it stored.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "finishes",
        sa.Column("result_id", sa.Integer,
                  sa.ForeignKey("results.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("finish_hash", sa.String(64), nullable=False),
        sa.Column("seal", sa.String(128), nullable=False),
    )
    op.create_index("ux_finishes_finish_hash", "finishes", ["finish_hash"], unique=True)


def downgrade() -> None:
    op.drop_table("finishes")
