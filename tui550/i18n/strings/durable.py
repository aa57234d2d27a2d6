"""Backups, restore, disk trouble and save conflicts."""

STRINGS: dict[str, tuple[str, str]] = {
    "cli.backup.help": (
        "备份数据库（默认存入数据库旁的 backups 文件夹）。",
        "Back up the database (by default into the backups folder beside it).",
    ),
    "cli.backup.out": ("备份文件的路径。", "Where to write the backup."),
    "cli.backup.force": ("覆盖已存在的文件。", "Overwrite an existing file."),
    "cli.backup.done": ("已备份到 {path}", "Backed up to {path}"),
    "cli.restore.help": (
        "用备份文件替换当前数据库的内容（先备份当前内容）。",
        "Replace the database's content with a backup (after backing up the current content).",
    ),
    "cli.restore.file": ("要恢复的备份文件。", "The backup file to restore."),
    "cli.restore.yes": ("不询问，直接恢复。", "Restore without asking."),
    "cli.restore.confirm": (
        "用 {source} 替换 {target} 的内容？当前内容会先备份。",
        "Replace the content of {target} with {source}? The current content is backed up first.",
    ),
    "cli.restore.done": (
        "已恢复 {source}。原内容备份在 {backup}",
        "Restored {source}. The previous content is backed up at {backup}",
    ),
    "cli.restore.done_new": ("已恢复 {source}。", "Restored {source}."),
    "cli.restore.cancelled": ("已取消，数据库未改动。", "Cancelled; the database is unchanged."),
    "restore.needs_yes": (
        "恢复会替换数据库内容，但无法在此询问确认。",
        "A restore replaces the database's content, but there is no terminal to confirm it.",
    ),
    "restore.needs_yes.remedy": ("确认无误后加 --yes 再运行。", "Run again with --yes once you are sure."),
    "restore.source.remedy": (
        "请选择 tui550 的备份文件；数据库未改动。",
        "Choose a tui550 backup file; the database is unchanged.",
    ),
    "restore.same_file": (
        "不能用数据库自身恢复自身：{path}",
        "Cannot restore a database from itself: {path}",
    ),
    "backup.server_unsupported": (
        "服务器上的数据库不能用备份文件整体替换。",
        "A database on a server is not replaced by restoring a file.",
    ),
    "backup.server_unsupported.remedy": (
        "用 tui550 load 合并 tui550 backup 写出的 JSON 文件，或用 pg_restore。",
        "Merge the JSON file that tui550 backup wrote with tui550 load, or use pg_restore.",
    ),
    "conflict.title": ("保存冲突：别人已修改了这一条", "Save conflict: someone else changed this item"),
    "conflict.theirs": ("他们保存的（版本 {version}，{who}）：", "Theirs (version {version}, by {who}):"),
    "conflict.yours": ("你的修改：", "Yours:"),
    "conflict.gone": ("这一条已被删除。", "This item has been deleted."),
    "conflict.keep_theirs": ("保留他们的", "Keep theirs"),
    "conflict.overwrite": ("用我的覆盖", "Overwrite with mine"),
    "conflict.kept": ("已保留他们的版本。", "Kept their version."),
    "conflict.overwritten": ("已用你的修改覆盖。", "Overwritten with yours."),
    "capture.retrying": (
        "磁盘恢复后会自动重试；也可按 Enter 立即重试。",
        "It is retried automatically once the disk is back; Enter retries now.",
    ),
}
