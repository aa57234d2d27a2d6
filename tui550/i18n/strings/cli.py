"""Messages and help of the command line."""

STRINGS: dict[str, tuple[str, str]] = {
    "cli.help": (
        "tui550：在投影的终端上主持“550”重点项目调度会。",
        'tui550: run the "550" key-projects scheduling meeting on the projected terminal.',
    ),
    "cli.opt.db": (
        "数据库文件路径或 URL（环境变量 TUI550_DB）。",
        "Database file path or URL (env TUI550_DB).",
    ),
    "cli.opt.lang": (
        "本次运行的界面语言：zh 或 en（不保存；在程序中切换语言才会记住）。",
        "Interface language for this run: zh or en (not saved; switching it in the app is).",
    ),
    "cli.opt.config": ("设置文件路径。", "Settings file path."),
    "cli.opt.debug": ("出错时显示完整的错误跟踪。", "Show the full traceback on errors."),
    "cli.opt.events": (
        "把事件（保存、切换项目、错误）以 JSON 行写入此文件。",
        "Write events (saves, project changes, errors) to this file as JSON lines.",
    ),
    "cli.opt.version": ("显示版本并退出。", "Show the version and exit."),
    "cli.demo.help": ("打开演示会议（独立的演示数据库）。", "Open the demo meeting (its own demo database)."),
    "cli.demo.reset": ("重新生成演示数据库。", "Recreate the demo database."),
    "cli.demo.no_open": (
        "只写入演示数据库，不打开界面。",
        "Only write the demo database; do not open the app.",
    ),
    "cli.demo.written": ("演示数据库已写入：{path}", "Demo database written: {path}"),
    "cli.demo.not_demo": (
        "该数据库不是演示数据库，且不为空：{path}",
        "This database is not empty and is not the demo's: {path}",
    ),
    "cli.demo.not_demo.remedy": (
        "演示不会覆盖真实数据；请用 --db 指定其他文件。",
        "The demo never overwrites real data; choose another file with --db.",
    ),
    "cli.meetings.help": ("列出全部会议。", "List all meetings."),
    "cli.meetings.none": ("还没有会议。", "No meetings yet."),
    "cli.col.id": ("编号", "id"),
    "cli.col.date": ("日期", "date"),
    "cli.col.title": ("会议", "title"),
    "cli.col.state": ("状态", "state"),
    "cli.bad_lang": ("不支持的语言：{lang}", "Unsupported language: {lang}"),
    "cli.bad_lang.remedy": ("请用 zh 或 en。", "Use zh or en."),
}
