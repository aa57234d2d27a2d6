"""board index

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26

A covering index for the supervision board and the accountability figures: with
it they read the index alone, not the item rows (100,000 items: the first page
of the board and the figures by unit each take tens of milliseconds instead of
hundreds; bench/followup_bench.py measures them).
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COLUMNS = [
    "status",
    "kind",
    "deleted_at",
    "due",
    "actual",
    "extensions",
    "escalation",
    "lead_unit_id",
    "created_at",
    "closed_at",
    "meeting_id",
    "project_id",
    "id",
]


def upgrade() -> None:
    with op.batch_alter_table("item", schema=None) as batch_op:
        batch_op.create_index("ix_item_board", COLUMNS, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("item", schema=None) as batch_op:
        batch_op.drop_index("ix_item_board")
