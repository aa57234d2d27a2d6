"""Keeping the project ledger up: adding, archiving, monthly figures (CLI and screen)."""

STRINGS: dict[str, tuple[str, str]] = {
    "project.month.bad_month": ("看不懂的月份：{value}", "Not a month: {value}"),
    "project.month.bad_invested": (
        "当月完成投资不能为负数：{value}",
        "The month's investment cannot be negative: {value}",
    ),
    "project.month.bad_progress": (
        "形象进度应为 0 到 100 之间的百分数：{value}",
        "形象进度 is a percentage from 0 to 100: {value}",
    ),
    "project.month.remedy": (
        "月份写 2026-07 或 7月；投资写万元数；形象进度写 45 或 45%。",
        "Write the month as 2026-07 or 7月, the investment in 10k¥, the progress as 45 or 45%.",
    ),
    "project.not_found": ("找不到项目：{name}", "No such project: {name}"),
    "project.ambiguous": ("“{name}”对应多个项目：{options}", '"{name}" matches several projects: {options}'),
    "project.pick.remedy": (
        "请写项目编号、完整名称或编号前缀（tui550 projects 可列出全部）。",
        "Give the project's code, full name or id prefix (tui550 projects lists them).",
    ),
    "lui.field.content": ("建设内容", "Content"),
    "lui.field.month_invested": ("当月完成投资(万元)", "Invested this month (10k¥)"),
    "lui.month.invested": (
        "{y}年{m}月完成投资 {amount} 万元（本年累计 {total}）",
        "{y}-{m:02d}: {amount} invested (this year {total})",
    ),
    "lui.month.progress": ("形象进度 {pct}%", "Progress {pct}%"),
    "lui.archived": ("已归档", "archived"),
    "cmd.projects.add": ("新增", "Add"),
    "cmd.projects.add.help": ("新增一个项目（与修改同样的字段）", "Add a project (the same fields as Edit)"),
    "cmd.projects.months": ("月报", "Monthly"),
    "cmd.projects.months.help": (
        "录入选中项目每月的完成投资和形象进度",
        "Enter the selected project's monthly investment and progress",
    ),
    "cmd.projects.archive": ("归档/恢复", "Archive/restore"),
    "cmd.projects.archive.help": (
        "归档选中项目（不再列入台账和议程）；对已归档项目则恢复",
        "Archive the selected project (off the list and the agenda); restore an archived one",
    ),
    "cmd.projects.show_archived": ("显示已归档", "Show archived"),
    "cmd.projects.show_archived.help": (
        "在台账中显示或隐藏已归档的项目",
        "Show or hide archived projects in the list",
    ),
    "home.no_projects.title": ("还没有项目", "No projects yet"),
    "home.no_projects": (
        "会议的议程由项目组成，而台账中还没有项目。\n"
        "· 按 P 打开项目台账，按 A 逐个新增；\n"
        "· 或在终端运行 tui550 import projects 台账.xlsx 导入已有台账"
        "（tui550 template projects 可生成空白台账）；\n"
        "· 或运行 tui550 demo 查看演示。",
        "A meeting's agenda is made of projects, and the ledger has none yet.\n"
        "· Press P for the ledger, then A to add projects one by one;\n"
        "· or run tui550 import projects ledger.xlsx to import a ledger "
        "(tui550 template projects writes a blank one);\n"
        "· or run tui550 demo to see a demo.",
    ),
    "cmd.list.evidence": ("佐证", "Evidence"),
    "cmd.list.evidence.help": (
        "选中事项的佐证材料：附上文件、取出文件",
        "The selected item's evidence: attach a file, take one out",
    ),
    "cmd.supervision.evidence": ("佐证", "Evidence"),
    "cmd.supervision.evidence.help": (
        "选中事项的佐证材料：附上文件、取出文件",
        "The selected item's evidence: attach a file, take one out",
    ),
    "ev.title": ("佐证材料：{text}", "Evidence: {text}"),
    "ev.attach": ("附上文件", "Attach file"),
    "ev.attach.placeholder": ("文件路径，回车附上", "A file's path; Enter attaches it"),
    "ev.folder": ("取出到文件夹", "Take out into"),
    "ev.hint": (
        "在列表中回车把文件取出到文件夹（再用看图或办公软件打开）；在路径行回车附上文件。Esc 关闭。",
        "Enter on a file writes it into the folder (open it from there); Enter on the path line attaches. Esc closes.",
    ),
    "ev.col.name": ("文件", "File"),
    "ev.col.size": ("字节", "Bytes"),
    "ev.col.when": ("附上时间", "Attached"),
    "ev.col.who": ("附上人", "By"),
    "ev.extracted": ("已取出：{path}", "Written: {path}"),
    "lui.units.added": ("新增单位：{names}", "New units: {names}"),
    "lui.form.new": ("新增项目", "New project"),
    "lui.form.new_hint": (
        "回车保存，Esc 取消，↑↓ 换行。单位名同快速录入，可写简称。",
        "Enter saves, Esc cancels, ↑↓ move. Units as on the capture line, short names too.",
    ),
    "lui.months.title": ("每月完成投资和形象进度：{name}", "Monthly figures: {name}"),
    "lui.months.month": ("月份", "Month"),
    "lui.months.invested": ("当月投资(万元)", "Invested (10k¥)"),
    "lui.months.progress": ("形象进度(%)", "Progress (%)"),
    "lui.months.col.month": ("月份", "Month"),
    "lui.months.col.invested": ("当月完成投资", "Invested"),
    "lui.months.col.year": ("本年累计", "This year"),
    "lui.months.col.progress": ("形象进度", "Progress"),
    "lui.months.hint": (
        "回车保存这一月（已有的月份会被更正），可接着录下一月；Esc 关闭。",
        "Enter saves the month (an entered month is corrected); go on with the next; Esc closes.",
    ),
    "lui.archive.done": (
        "已归档：{name}（V 显示已归档项目，X 恢复）",
        "Archived: {name} (V shows archived projects, X restores)",
    ),
    "lui.archive.restored": ("已恢复：{name}", "Restored: {name}"),
    "lui.projects.title_archived": (
        "项目台账（含已归档，显示 {shown} / 共 {total} 个）",
        "Projects, archived included ({shown} of {total} shown)",
    ),
    # The command line
    "cli.projects.help": (
        "项目台账：列出、新增、修改、归档、恢复项目，录入每月投资和形象进度，导出台账。",
        "The project ledger: list, add, edit, archive and restore projects, enter monthly figures, export.",
    ),
    "cli.projects.all": ("连已归档的项目一起列出。", "List archived projects too."),
    "cli.projects.add.help": ("新增一个项目。", "Add a project."),
    "cli.projects.edit.help": (
        "修改项目的字段（只改给出的选项）。",
        "Change a project's fields (only those given).",
    ),
    "cli.projects.archive.help": (
        "归档项目：不再列入台账和议程，事项和记录保留。",
        "Archive a project: off the list and the agenda; its items and history stay.",
    ),
    "cli.projects.restore.help": ("恢复已归档的项目。", "Restore an archived project."),
    "cli.projects.month.help": (
        "录入或更正某月的完成投资和形象进度。",
        "Enter or correct a month's investment and progress.",
    ),
    "cli.projects.export.help": (
        "导出项目台账（xlsx，含最近一月的完成投资和形象进度）。",
        "Export the ledger (xlsx, with the latest month's investment and progress).",
    ),
    "cli.projects.project": (
        "项目：编号、完整名称或编号前缀。",
        "The project: code, full name or id prefix.",
    ),
    "cli.projects.name": ("项目名称。", "The project's name."),
    "cli.projects.month": ("月份：2026-07 或 7月（今年）。", "The month: 2026-07, or 7月 (this year)."),
    "cli.projects.invested": ("当月完成投资（万元）。", "Investment completed in the month (10k¥)."),
    "cli.projects.progress": (
        "月末形象进度（百分数，如 45）。",
        "形象进度 at the month's end (percent, e.g. 45).",
    ),
    "cli.projects.note": ("备注。", "A note."),
    "cli.projects.units": ("责任单位，用顿号或逗号分开。", "Responsible units, separated by 、 or commas."),
    "cli.projects.field": ("项目的{field}。", "The project's {field}."),
    "cli.projects.none": (
        "还没有项目。可用 tui550 import projects 导入台账，或 tui550 projects add 逐个新增。",
        "No projects yet. Import a ledger with tui550 import projects, or add one with tui550 projects add.",
    ),
    "cli.projects.row": (
        "{id}  {code}{name}  牵头：{lead}{month}{archived}",
        "{id}  {code}{name}  lead: {lead}{month}{archived}",
    ),
    "cli.projects.saved": ("已保存：{name}", "Saved: {name}"),
    "cli.projects.archived": ("已归档：{name}", "Archived: {name}"),
    "cli.projects.restored": ("已恢复：{name}", "Restored: {name}"),
    "cli.projects.month_saved": ("已保存 {name}：{figures}", "Saved {name}: {figures}"),
    "cli.projects.file": ("项目台账", "project ledger"),
    "export.ledger.month": ("{y}年{m}月完成投资(万元)", "Invested in {y}-{m:02d} (10k¥)"),
    "export.ledger.year": ("本年累计完成投资(万元)", "Invested this year (10k¥)"),
    "export.ledger.progress": ("形象进度(%)", "Progress (%)"),
    "export.ledger.archived": ("已归档", "Archived"),
}
