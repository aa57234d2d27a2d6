"""Help and messages of the follow-up commands (report, wallchart, item)."""

STRINGS: dict[str, tuple[str, str]] = {
    "cli.report.help": (
        "生成落实情况通报（各单位确定事项、办结率、逾期事项）。",
        "Write the follow-up report (per unit: items, closing rate, overdue items).",
    ),
    "cli.report.meeting": (
        "只统计该次会议确定的事项（编号、日期或 latest）。",
        "Only the items agreed at this meeting (id, date or latest).",
    ),
    "cli.report.since": (
        "只统计该日期（YYYY-MM-DD）及以后会议确定的事项。",
        "Only items from meetings on or after this date (YYYY-MM-DD).",
    ),
    "cli.report.unit": ("只统计该单位（名称或简称）。", "Only this unit (name or short name)."),
    "cli.report.file": ("落实情况通报-{date}", "followup-report-{date}"),
    "cli.wall.help": (
        "导出挂图作战图（各项目时间节点按月排布）。",
        "Export the wall chart (every project's milestones by month).",
    ),
    "cli.wall.street": ("只显示该街道的项目。", "Only projects in this street."),
    "cli.wall.unit": ("只显示该单位牵头或参与的。", "Only what this unit leads or helps with."),
    "cli.wall.all_kinds": (
        "同时显示有完成时限的议定事项和问题。",
        "Also show decisions and issues that have a due date.",
    ),
    "cli.wall.file": ("挂图作战-{date}", "wall-chart-{date}"),
    "cli.item.help": (
        "督查局跟踪办理事项：报完成、销号、退回、延期、督办、附佐证。",
        "Follow up items: report done, close, return, extend, escalate, attach evidence.",
    ),
    "cli.item.id": (
        "事项编号，或至少 6 位的编号前缀。",
        "The item's id, or at least its first 6 hex digits.",
    ),
    "cli.item.meeting": (
        "在哪次会议上作出（编号、日期或 latest）。",
        "The meeting this happens in (id, date or latest).",
    ),
    "cli.item.agreed_at": (
        "同意延期的会议（编号、日期或 latest）。",
        "The meeting that agreed the extension (id, date or latest).",
    ),
    "cli.item.list.help": ("列出在办事项，最紧急的在前。", "List open items, most urgent first."),
    "cli.item.show.help": (
        "显示事项详情、佐证材料和变更记录。",
        "Show an item, its evidence and its history.",
    ),
    "cli.item.start.help": ("开始推进（待办 → 推进中）。", "Start work (open → in progress)."),
    "cli.item.report.help": ("报完成。", "Report the item done."),
    "cli.item.close.help": (
        "核验后销号（需说明和核验人）。",
        "Close after verification (note and verifier required).",
    ),
    "cli.item.return.help": ("退回已报完成的事项（需理由）。", "Return a reported item (reason required)."),
    "cli.item.extend.help": (
        "延期（新时限、理由、同意的会议）。",
        "Extend (new date, reason, agreeing meeting).",
    ),
    "cli.item.escalate.help": (
        "手动督办加一级（--down 降一级）。",
        "Raise the escalation by hand (--down lowers it).",
    ),
    "cli.item.attach.help": (
        "附上佐证材料（照片、文件）；--list 列出，--extract 取出。",
        "Attach evidence (photo, document); --list lists it, --extract writes it back out.",
    ),
    "cli.item.attach.follow": (
        "FILE 是符号链接时，读取它指向的文件（默认拒绝）。",
        "If FILE is a symbolic link, read what it points to (refused by default).",
    ),
    "cli.item.actual": ("完成日期（YYYY-MM-DD，默认今天）。", "The date done (YYYY-MM-DD; default today)."),
    "cli.item.report_note": ("完成情况说明。", "A note on what was done."),
    "cli.item.close_note": ("核验情况说明。", "How it was verified."),
    "cli.item.verifier": ("核验人。", "Who verified it."),
    "cli.item.reason": ("理由。", "The reason."),
    "cli.item.to": ("新的完成时限（YYYY-MM-DD）。", "The new due date (YYYY-MM-DD)."),
    "cli.item.down": ("降低一级。", "Lower by one level."),
    "cli.item.changed": ("事项 {id} 现为{status}：{text}", "Item {id} is now {status}: {text}"),
    "cli.item.light": (
        "只列出这种灯色的事项：red、yellow、green 或 grey。",
        "Only items of this light: red, yellow, green or grey.",
    ),
    "cli.item.limit": ("最多列出多少条（默认 50）。", "At most this many items (default 50)."),
    "cli.fu.format": ("文件格式：{allowed}。", "File format: {allowed}."),
    "cli.fu.out": (
        "写到这个文件，或这个文件夹下（默认当前文件夹）。",
        "Write to this file, or into this folder (default: the current folder).",
    ),
    "cli.attach.file": (
        "要附上的文件（照片、扫描件、文档）。",
        "The file to attach (photo, scan, document).",
    ),
    "cli.attach.list": ("列出事项已附的佐证材料。", "List the item's evidence files."),
    "cli.attach.extract": ("把事项的佐证材料取出为文件。", "Write the item's evidence files back out."),
    "cli.attach.out": (
        "取出到这个文件夹（只有一个文件时也可是文件名；默认当前文件夹）。",
        "Extract into this folder (or to this file name when there is one file; default: here).",
    ),
    "cli.attach.one_of": (
        "请给出要附的文件，或 --list、--extract 之一。",
        "Give a file to attach, or one of --list and --extract.",
    ),
    "cli.attach.one_of.remedy": (
        "如：tui550 item attach 1a2b3c 照片.jpg；tui550 item attach --list 1a2b3c",
        "E.g. tui550 item attach 1a2b3c photo.jpg; tui550 item attach --list 1a2b3c",
    ),
    "cli.attach.none": ("这个事项还没有佐证材料。", "This item has no evidence yet."),
    "cli.attach.row": (
        "{id}  {name}（{size} 字节，{sha}）  {when}  {who}",
        "{id}  {name} ({size} bytes, {sha})  {when}  {who}",
    ),
    "cli.item.attached": ("已附上：{name}（{size} 字节，{sha}）", "Attached: {name} ({size} bytes, {sha})"),
    "cli.item.none": ("没有在办事项。", "No open items."),
    "cli.item.closed_by": ("销号核验", "Verified by"),
    "cli.fu.written": ("已写入：{path}", "Written: {path}"),
    "cli.fu.bad_date": ("{option} 的日期无法识别：{value}", "Not a date for {option}: {value}"),
    "cli.fu.bad_date.remedy": ("请写成 2026-07-05 的形式。", "Write it as 2026-07-05."),
    "cli.fu.bad_format": ("不支持的取值：{value}", "Not supported: {value}"),
    "cli.fu.bad_format.remedy": ("可选：{allowed}", "Choose one of: {allowed}"),
}
