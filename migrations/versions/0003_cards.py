"""The preview card's PNG, kept per result (drawn once, deleted with its result).

Why: drawing a card costs tens of milliseconds of CPU; it was drawn on every request.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cards",
        sa.Column("result_id", sa.Integer,
                  sa.ForeignKey("results.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("version", sa.String(64), nullable=False),
        sa.Column("png", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("cards")
