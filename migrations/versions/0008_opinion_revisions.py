"""Which version of the result each friend's answer was about.

Why: the owner can change their answers, and the verdict with them; a friend's "I'd take it"
about the earlier verdict must not be counted as if it were about the new one. Each opinion
records the result's revision (results.revision, raised by every update) when it was given or
last changed; the page counts only those about the current revision and marks the others
"given about an earlier verdict". Existing opinions are taken to be about the result as it is
now (their result's current revision): nothing already shown changes at upgrade.

Revision ID: 0008
Revises: 0007
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("opinions", sa.Column("result_revision", sa.Integer, nullable=False,
                                        server_default="0"))
    op.execute("UPDATE opinions SET result_revision = (SELECT results.revision FROM results"
               " WHERE results.id = opinions.result_id)")


def downgrade() -> None:
    op.drop_column("opinions", "result_revision")
