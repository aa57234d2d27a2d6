"""Progress lines of long work on the command line."""

STRINGS: dict[str, tuple[str, str]] = {
    "progress.line": ("进度 · {what}：{counted}", "progress · {what}: {counted}"),
    "progress.import.read": ("读取行", "reading rows"),
    "progress.import.write": ("写入记录", "writing records"),
    "progress.load": ("读入记录", "loading records"),
    "progress.dump": ("导出数据表", "dumping tables"),
    "progress.backup": ("备份数据页", "backing up pages"),
    "progress.restore": ("恢复数据页", "restoring pages"),
}
