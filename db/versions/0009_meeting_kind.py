"""meeting kind

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03

Every item belongs to a meeting, so the ledger upkeep (台账维护) and an issue-list
import (问题清单导入) each write theirs under a meeting row of their own. Until now
nothing but the title told them from meetings held: lists mixed them in, `latest`
could pick one, and the follow-up count counted them. `meeting.kind` says what a row
is: `meeting` (held, or prepared to be), `upkeep` or `import`.

Existing rows: the upkeep record named in the `setting` table and rows titled as the
upkeep and the import name theirs (in either language) take those kinds. A meeting
left in progress with nothing captured and no project's timer run was created and
opened at once, as creating a meeting used to do; it is set back to planned, so it
is started on its day and is never taken for the meeting in progress.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# The titles the upkeep and the import gave their records (both languages).
UPKEEP_TITLES = ("台账维护（%", "Ledger upkeep (%")
IMPORT_TITLES = ("问题清单导入：%", "Issue list imported: %")


def upgrade() -> None:
    # A plain ADD COLUMN: on SQLite a batch copy of the table would drop its triggers.
    op.add_column(
        "meeting",
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default="meeting"),
    )
    upkeep = " OR ".join(f"title LIKE '{p}'" for p in UPKEEP_TITLES)
    imported = " OR ".join(f"title LIKE '{p}'" for p in IMPORT_TITLES)
    op.execute(f"UPDATE meeting SET kind = 'upkeep' WHERE {upkeep}")
    op.execute(f"UPDATE meeting SET kind = 'import' WHERE {imported}")
    bind = op.get_bind()
    known = bind.execute(sa.text("SELECT value FROM setting WHERE key = 'ledger.upkeep_meeting'")).scalar()
    if known:
        value = str(known).strip('"')
        for row in bind.execute(sa.text("SELECT id FROM meeting")).scalars():
            if str(row).replace("-", "") == value.replace("-", ""):
                bind.execute(sa.text("UPDATE meeting SET kind = 'upkeep' WHERE id = :id"), {"id": row})
    op.execute("""UPDATE meeting SET state = 'planned'
        WHERE state = 'in_progress' AND kind = 'meeting'
          AND NOT EXISTS (SELECT 1 FROM item WHERE item.meeting_id = meeting.id)
          AND NOT EXISTS (SELECT 1 FROM agenda_entry a
                          WHERE a.meeting_id = meeting.id AND a.elapsed_s > 0)""")


def downgrade() -> None:
    # SQLite's own DROP COLUMN (3.35+): a batch copy would break the items' foreign keys.
    op.drop_column("meeting", "kind")
