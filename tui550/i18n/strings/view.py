"""Strings of the read-only view (`tui550 view`); serving it to browsers is in `serve`."""

STRINGS = {
    "cmd.view.quit": ("退出", "Quit"),
    "cmd.view.quit.help": (
        "关闭这个只读画面（会议不受影响）",
        "Close this read-only view (the meeting goes on)",
    ),
    "view.status": (
        "只读画面 · 跟随主持人当前项目 · 数据：{source}",
        "Read-only view · follows the facilitator's project · data: {source}",
    ),
    "view.lost": (
        "暂时无法读取数据库（{source}）：{reason}。恢复后自动刷新。",
        "Cannot read the database ({source}) for now: {reason}. The view refreshes when it is back.",
    ),
    "cli.view.help": (
        "只读画面：跟随主持人的当前项目，供第二台投影或分会场使用。",
        "A read-only view that follows the facilitator's project, for a second projector or a remote room.",
    ),
    "cli.view.meeting": (
        "会议：编号、日期或 latest；默认为正在进行的会议，否则为最近一次。",
        "The meeting: id, date or latest; default: the meeting in progress, else the latest.",
    ),
}
