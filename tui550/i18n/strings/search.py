"""Search: the command line's help and output labels (the app's dialog adds its own)."""

STRINGS: dict[str, tuple[str, str]] = {
    "search.help": (
        "在全部会议、项目、单位和事项中搜索。筛选：类型:问题 单位:住建局 项目:名称 逾期。",
        "Search all meetings, projects, units and items. Filters: kind:issue unit:NAME project:NAME overdue.",
    ),
    "search.arg.query": (
        "搜索内容，可含筛选条件；含空格的原文请加引号。",
        "What to search for, with filters; quote literal text that has spaces.",
    ),
    "search.opt.json": ("以 JSON 输出（供程序读取）。", "Print JSON (for programs)."),
    "search.opt.limit": ("最多显示的结果数。", "At most this many results."),
    "search.none": ("没有找到：{query}", "Nothing found: {query}"),
    "search.entity.unit": ("单位", "unit"),
    "search.entity.project": ("项目", "project"),
    "search.entity.meeting": ("会议", "meeting"),
    "search.overdue": ("逾期", "overdue"),
}
