"""Results made on a device: one row per result made in a browser that holds a device cookie
("Your interviews", GET /mine).

Why a table of its own: the device is a fact about who made a result, not part of the result,
and forgetting a device removes only these rows. The cookie's value is never stored, only its
hash (`device_hash`, indexed: /mine lists by it); the share token is kept sealed with a pad
derived from the cookie and the result's token hash (`link_seal`), so only the browser holding
the cookie can turn a row back into a link, and a copy of the database opens nothing. Rows go
with their result (ON DELETE CASCADE), so a delete or an expiry purge removes them at once.
Results made before this revision have no row: they are not listed, and nobody is asked.

Revision ID: 0007
Revises: 0006
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "device_results",
        sa.Column("result_id", sa.Integer,
                  sa.ForeignKey("results.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("device_hash", sa.String(64), nullable=False),
        sa.Column("link_seal", sa.String(64), nullable=False),
    )
    op.create_index("ix_device_results_device_hash", "device_results", ["device_hash"])


def downgrade() -> None:
    op.drop_table("device_results")
