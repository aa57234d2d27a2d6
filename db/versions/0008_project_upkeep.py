"""project upkeep

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03

A ledger kept up between meetings: a project can be archived (finished, dropped,
moved to another list) and restored, so it leaves the agenda without losing its
history; and each month's figures the "550" ledgers report, the investment
completed that month (万元) and the 形象进度 (percent of the works done), are kept
per project and month. Existing projects are all live and have no figures yet.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

from tui550.core.coltypes import UTCDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.add_column(sa.Column("archived_at", UTCDateTime(timezone=True), nullable=True))
    op.create_table(
        "project_month",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("project_id", sa.Uuid(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("invested", sa.Float(), nullable=True),
        sa.Column("progress_pct", sa.Float(), nullable=True),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("project_id", "month", name="uq_project_month"),
    )
    op.create_index("ix_project_month_project_id", "project_month", ["project_id"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        # As every table of ours (0003): a committed change tells the open screens.
        op.execute("""
            CREATE TRIGGER tui550_notify_project_month
            AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "project_month"
            FOR EACH STATEMENT EXECUTE FUNCTION tui550_notify_change()
        """)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute('DROP TRIGGER IF EXISTS tui550_notify_project_month ON "project_month"')
    op.drop_index("ix_project_month_project_id", table_name="project_month")
    op.drop_table("project_month")
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.drop_column("archived_at")
