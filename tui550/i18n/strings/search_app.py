"""Search in the app: the search screen, jumping to a result, read-only meetings."""

STRINGS: dict[str, tuple[str, str]] = {
    "cmd.home.search": ("搜索", "Search"),
    "cmd.home.search.help": ("在全部会议、项目和事项中搜索", "Search all meetings, projects and items"),
    "search.title": ("搜索：全部会议、项目、单位和事项", "Search: every meeting, project, unit and item"),
    "search.placeholder": (
        "输入文字；筛选：类型:问题 单位:住建局 项目:名称 逾期",
        "Type text; filters: kind:issue unit:NAME project:NAME overdue",
    ),
    "search.hint": ("↑↓ 选择 · 回车 跳转 · Esc 返回", "↑↓ choose · Enter go there · Esc back"),
    "search.empty_query": ("输入要找的文字，结果随输入显示", "Type what to find; results appear as you type"),
    "search.count": ("{n} 条结果（最新的在前）", "{n} results (newest first)"),
    "search.count_more": (
        "前 {n} 条结果（最新的在前），输入更多文字或筛选以缩小范围",
        "First {n} results (newest first); type more or filter to narrow",
    ),
    "search.searching": ("正在搜索…", "Searching…"),
    "search.failed": ("搜索失败：{reason}", "Search failed: {reason}"),
    "search.general": ("会议总体", "Whole meeting"),
    "search.not_on_agenda": (
        "该项目不在这次会议的议程中：{name}",
        "That project is not on this meeting's agenda: {name}",
    ),
    "search.item_not_shown": (
        "该事项不在当前列表中（可能已删除）",
        "That item is not in the list (perhaps deleted)",
    ),
    "meeting.carried_title_more": (
        "往期未办结事项（{n}，按时限显示前 {shown} 条）",
        "Open from earlier meetings ({n}; the {shown} due soonest shown)",
    ),
    "meeting.read_only": ("只读", "read-only"),
    "meeting.read_only_note": (
        "只读查看：{title}（F12 返回）",
        "Viewing read-only: {title} (F12 to go back)",
    ),
}
