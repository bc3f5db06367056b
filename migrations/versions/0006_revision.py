"""A revision number on each result, raised by every update of its answers or details.

Why: the result page asks on every view which version of its page to show. It used to read
the snapshot, answers and details as text and hash them; a number in the same indexed row
answers the same question without carrying kilobytes out of the database. Existing rows start
at 0 (the page caches of a deploy start empty, so no kept page is mistaken for another).

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("results", sa.Column("revision", sa.Integer, nullable=False,
                                       server_default="0"))


def downgrade() -> None:
    # not batch mode: a batch rebuild drops `results`, and its foreign keys cascade that drop
    # to every card, finish and opinion; SQLite 3.35+ drops a column in place
    op.drop_column("results", "revision")
