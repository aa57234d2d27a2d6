"""Strings of the shared (server) database: connecting, the outbox, the change feed."""

STRINGS = {
    "db.bad_url": ("数据库地址格式不正确：{url}", "The database address is not a valid URL: {url}"),
    "db.bad_url.remedy": (
        "请使用如 postgresql://用户名:密码@服务器:5432/库名 的地址。",
        "Use an address like postgresql://user:password@host:5432/name.",
    ),
    "db.unsupported": ("不支持此类数据库：{url}", "This kind of database is not supported: {url}"),
    "db.unsupported.remedy": (
        "请使用 SQLite 文件或 PostgreSQL 服务器（postgresql://...）。",
        "Use a SQLite file or a PostgreSQL server (postgresql://...).",
    ),
    "db.no_driver": (
        "缺少 PostgreSQL 驱动（psycopg）。",
        "The PostgreSQL driver (psycopg) is not installed.",
    ),
    "db.no_driver.remedy": (
        "请安装：pip install 'tui550[postgres]'。",
        "Install it: pip install 'tui550[postgres]'.",
    ),
    "error.storage.read": ("无法读取数据库：{reason}", "Cannot read the database: {reason}"),
    "error.storage.read.remedy": (
        "请检查网络或数据库服务器；恢复后画面会自动刷新。",
        "Check the network or the database server; the screen refreshes when it is back.",
    ),
    "outbox.pending": (
        "有 {count} 条记录暂存在本机，连接恢复后自动保存。",
        "{count} items are kept on this computer and will be saved when the connection returns.",
    ),
    # The mark of a held capture in the list: six cells at most (the mark column's width).
    "outbox.mark": ("未保存", "queued"),
    "outbox.not_yet": (
        "这一条还未保存到服务器，连接恢复后才能修改。",
        "This item is not on the server yet: it can be changed once the connection returns.",
    ),
    "outbox.kept": (
        "已暂存本机（未保存到服务器）{kind}：{text}",
        "Kept on this computer, not yet on the server ({kind}): {text}",
    ),
    "outbox.flushed": ("已补存 {count} 条暂存记录。", "{count} kept items have been saved."),
}
