"""A meeting's life: preparing, starting, deleting, restoring and amending it."""

STRINGS = {
    "meeting.none_held": ("还没有记录了事项的会议。", "No meeting holds any items yet."),
    "meeting.none_held.remedy": (
        "latest 指最近一次已开或已结束且有记录的会议；请用编号或日期指定，tui550 meetings 可列出全部。",
        "latest is the most recent started or closed meeting with items; name one by id or date (tui550 meetings lists them).",
    ),
    "meeting.not_a_meeting": (
        "“{title}”是台账维护或导入的记录，不是会议。",
        "“{title}” is a ledger-upkeep or import record, not a meeting.",
    ),
    "meeting.not_a_meeting.remedy": (
        "记录无需开始；可在会议列表中查看。",
        "Records are not started; view them on the meetings list.",
    ),
    "meeting.another_running": (
        "另一个会议正在进行：{title}（{id}）",
        "Another meeting is in progress: {title} ({id})",
    ),
    "meeting.another_running.remedy": (
        "请先结束它（F10），或确认同时进行（命令行加 --alongside）。",
        "Close it first (F10), or confirm running both (--alongside on the command line).",
    ),
    "meeting.restore_running.remedy": (
        "请先结束正在进行的会议，再恢复这个会议。",
        "Close the meeting in progress before restoring this one.",
    ),
    "meeting.not_deleted": ("会议未被删除：{title}", "The meeting is not deleted: {title}"),
    "meeting.not_deleted.remedy": ("只能恢复已删除的会议。", "Only a deleted meeting can be restored."),
    "meeting.deleted.remedy": (
        "请用已删除会议编号的前几位（至少4位）指定。",
        "Name the deleted meeting by the first digits of its id (at least 4).",
    ),
    "meeting.amend.no_reason": (
        "会议已结束：{title}，修改须说明原因。",
        "The meeting is closed: {title}; a change needs a reason.",
    ),
    "meeting.amend.no_reason.remedy": (
        "在会议列表按 A 进入更正模式并填写原因。",
        "Press A on the meetings list to amend it, giving the reason.",
    ),
    "meeting.amend.not_closed": ("会议尚未结束：{title}", "The meeting is not closed: {title}"),
    "meeting.amend.not_closed.remedy": (
        "未结束的会议可直接修改。",
        "A meeting not yet closed can be edited directly.",
    ),
    "kind.meeting.meeting": ("会议", "meeting"),
    "kind.meeting.upkeep": ("台账维护", "ledger upkeep"),
    "kind.meeting.import": ("清单导入", "list import"),
    # the meetings list
    "cmd.home.start": ("开始会议", "Start"),
    "cmd.home.start.help": (
        "开始选中的（已准备的）会议，进入会场",
        "Start the selected prepared meeting and open it",
    ),
    "cmd.home.amend": ("更正", "Amend"),
    "cmd.home.amend.help": (
        "更正已结束的会议：填写一次原因，然后可修改、改类型、删除条目",
        "Amend a closed meeting: give the reason once, then edit, re-kind or delete its items",
    ),
    "cmd.home.delete": ("删除会议", "Delete"),
    "cmd.home.delete.help": (
        "删除选中的会议及其条目（可用 Ctrl+Z 撤销）",
        "Delete the selected meeting and its items (Ctrl+Z undoes)",
    ),
    "cmd.home.undo": ("撤销删除", "Undo delete"),
    "cmd.home.undo.help": ("恢复刚删除的会议及其条目", "Bring back the meeting just deleted, with its items"),
    "cmd.home.records": ("台账/导入记录", "Records"),
    "cmd.home.records.help": (
        "在会议与台账维护、清单导入记录之间切换",
        "Switch between meetings and the ledger-upkeep and import records",
    ),
    "home.meetings_title": (
        "会议（R：台账维护与导入记录）",
        "Meetings (R: ledger-upkeep and import records)",
    ),
    "home.records_title": (
        "台账维护与清单导入记录（R：回到会议）",
        "Ledger-upkeep and import records (R: back to meetings)",
    ),
    "home.records_empty": ("还没有台账维护或清单导入记录。", "No ledger-upkeep or import records yet."),
    "home.col.issue_no": ("期号", "Issue"),
    "home.col.kind": ("类别", "Kind"),
    "home.not_planned": ("只能开始未开始的会议：{title}", "Only a planned meeting can be started: {title}"),
    "home.confirm_second": (
        "“{title}”正在进行。同时开始第二个会议？",
        "“{title}” is in progress. Start a second meeting alongside it?",
    ),
    "home.confirm_second.yes": ("同时开始", "Start alongside"),
    "home.confirm.no": ("取消", "Cancel"),
    "home.confirm_delete": (
        "删除“{title}”及其 {count} 条事项？（可用 Ctrl+Z 撤销）",
        "Delete “{title}” and its {count} items? (Ctrl+Z undoes)",
    ),
    "home.confirm_delete.yes": ("删除会议和 {count} 条事项", "Delete the meeting and its {count} items"),
    "home.deleted": (
        "已删除“{title}”（{count} 条事项）。Ctrl+Z 撤销。",
        "Deleted “{title}” ({count} items). Ctrl+Z undoes.",
    ),
    "home.restored": ("已恢复“{title}”。", "Restored “{title}”."),
    "home.nothing_to_undo": ("没有可撤销的删除。", "Nothing to undo."),
    "home.amend_only_closed": (
        "只能更正已结束的会议；未结束的会议可直接修改。",
        "Only a closed meeting is amended; one not yet closed is edited directly.",
    ),
    "home.amend_reason": (
        "更正“{title}”：请填写更正原因（记入每条修改的历史）",
        "Amend “{title}”: the reason (kept in the history of each change)",
    ),
    "home.amend_hint": ("回车确认，Esc 取消。", "Enter confirms, Esc cancels."),
    "meeting.amending": ("更正中：{reason}", "amending: {reason}"),
    "meeting.amend_note": (
        "更正模式：在列表上 E 修改、K 改类型、D 删除（Ctrl+Z 撤销）；每条修改连同原因记入历史。",
        "Amending: on the list E edits, K re-kinds, D deletes (Ctrl+Z undoes); each change is kept in the history with the reason.",
    ),
    "meeting.changed_in": ("于“{title}”会上修改", "changed during “{title}”"),
    # the command line
    "cli.meeting.help": ("会议：开始、删除、恢复。", "A meeting: start, delete, undelete."),
    "cli.meeting.start.help": ("开始已准备的会议并打开会场。", "Start a prepared meeting and open it."),
    "cli.meeting.delete.help": (
        "删除会议及其条目（可用 undelete 恢复）；有条目时须确认。",
        "Delete a meeting with its items (undelete brings it back); one with items asks first.",
    ),
    "cli.meeting.undelete.help": (
        "恢复已删除的会议及随之删除的条目。",
        "Bring back a deleted meeting with the items deleted with it.",
    ),
    "cli.meeting.arg": (
        "会议：编号（前几位）、日期（2026-07-05）或 latest。",
        "The meeting: id (or its first digits), date (2026-07-05) or latest.",
    ),
    "cli.meeting.deleted_arg": (
        "已删除会议的编号（前几位，至少4位）。",
        "The deleted meeting's id (its first digits, at least 4).",
    ),
    "cli.meeting.alongside": (
        "已有会议进行中时，确认同时开始。",
        "Start it although another meeting is in progress.",
    ),
    "cli.meeting.no_open": ("只开始，不打开会场。", "Start it without opening the app."),
    "cli.meeting.yes": ("不再询问，直接删除（含其条目）。", "Delete without asking (items included)."),
    "cli.meeting.started": (
        "已开始：{title}（{id}）。运行 tui550 进入会场。",
        "Started: {title} ({id}). Run tui550 to open it.",
    ),
    "cli.meeting.deleted": (
        "已删除：{title}（{count} 条事项）。恢复：tui550 meeting undelete {id}",
        "Deleted: {title} ({count} items). To undo: tui550 meeting undelete {id}",
    ),
    "cli.meeting.restored": ("已恢复：{title}（{count} 条事项）。", "Restored: {title} ({count} items)."),
    "cli.meeting.kept": ("未删除。", "Not deleted."),
    "cli.meeting.confirm_delete": (
        "删除“{title}”及其 {count} 条事项？（可用 tui550 meeting undelete 恢复）",
        "Delete “{title}” and its {count} items? (tui550 meeting undelete brings it back)",
    ),
    "cli.meeting.needs_yes": (
        "“{title}”有 {count} 条事项，删除前须确认。",
        "“{title}” holds {count} items: deleting it needs a confirmation.",
    ),
    "cli.meeting.needs_yes.remedy": (
        "在终端中运行以确认，或加 --yes。",
        "Run it in a terminal to confirm, or add --yes.",
    ),
    "cli.meetings.records": ("台账维护与清单导入记录：", "Ledger-upkeep and import records:"),
    # the demo database
    "demo.badge": (" 演示 ", " DEMO "),
    "home.demo_running": (
        "演示数据库中有进行中的会议“{title}”。它不在这里：运行 tui550 demo 继续。",
        "A meeting is in progress in the demo database: “{title}”. It is not here: run tui550 demo to resume it.",
    ),
    "cmd.prepare.next_field": ("下一栏", "Next field"),
    "cmd.prepare.next_field.help": (
        "到表单的下一栏（创建会议用 F10）",
        "To the form's next field (F10 creates the meeting)",
    ),
    "prep.create_button": ("创建会议（F10）", "Create (F10)"),
}
