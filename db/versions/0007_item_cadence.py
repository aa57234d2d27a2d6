"""item cadence

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03

A standing deadline (长期坚持, 常态化, 每周五, 每月底前, 每季度末) is kept as the words
said, in `item.cadence`, beside `due` (which stays empty for such an item). Existing
items have no cadence: the column is added empty and every row keeps its values.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD/DROP COLUMN on both backends: a batch copy of the table on SQLite would
    # trip over the search triggers that name it.
    op.add_column("item", sa.Column("cadence", sqlmodel.sql.sqltypes.AutoString(), nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE item DROP COLUMN cadence")
