"""Messages of the core: database, records, meetings."""

STRINGS: dict[str, tuple[str, str]] = {
    "db.no_folder": ("数据库所在文件夹不存在：{folder}", "The database folder does not exist: {folder}"),
    "db.no_folder.remedy": (
        "请先创建该文件夹，或用 --db 指定其他位置。",
        "Create the folder first, or choose another place with --db.",
    ),
    "db.is_folder": ("数据库路径是一个文件夹：{path}", "The database path is a folder: {path}"),
    "db.path.remedy": (
        "请用 --db 指定 tui550 的数据库文件；该文件未被改动。",
        "Point --db at a tui550 database file; this file was not changed.",
    ),
    "db.no_permission": ("没有读写权限：{path}", "No permission to read and write: {path}"),
    "db.no_permission.remedy": (
        "请检查文件权限，或用 --db 指定其他位置。",
        "Check the file's permissions, or choose another place with --db.",
    ),
    "db.not_database": (
        "不是数据库文件，或文件已损坏：{path}",
        "Not a database file, or the file is damaged: {path}",
    ),
    "db.foreign": (
        "这是其他程序的数据库，不是 tui550 的：{path}",
        "This database belongs to another program, not tui550: {path}",
    ),
    "db.newer": (
        "数据库由更新版本的 tui550 创建（版本 {revision}）：{path}",
        "The database was made by a newer tui550 (schema {revision}): {path}",
    ),
    "db.newer.remedy": (
        "请升级 tui550 后再打开；该文件未被改动。",
        "Upgrade tui550 to open it; the file was not changed.",
    ),
    "db.needs_upgrade": (
        "数据库需要升级（当前版本 {revision}）。",
        "The database needs an upgrade (schema {revision}).",
    ),
    "db.needs_upgrade.remedy": (
        "正常启动 tui550 即可自动备份并升级。",
        "Start tui550 normally: it backs the file up and upgrades it.",
    ),
    "db.cannot_connect": ("无法连接数据库 {url}：{reason}", "Cannot connect to {url}: {reason}"),
    "db.cannot_connect.remedy": (
        "请检查服务器地址、用户名和网络。",
        "Check the server address, the user name and the network.",
    ),
    "error.storage": ("无法写入数据库：{reason}", "Cannot write to the database: {reason}"),
    "error.storage.remedy": (
        "条目仍保留在输入行中；请检查磁盘后重试。",
        "The item stays on the capture line; check the disk and try again.",
    ),
    "error.conflict": (
        "保存冲突：{entity} 已被他人修改（当前版本 {version}）。",
        "Conflict: someone else changed this {entity} (now version {version}).",
    ),
    "error.conflict.remedy": (
        "请重新打开该条目，核对后再保存。",
        "Reopen the item, compare, and save again.",
    ),
    "error.unexpected": ("意外错误：{reason}", "Unexpected error: {reason}"),
    "error.unexpected.remedy": (
        "加 --debug 可查看详细信息；数据已保存的部分不受影响。",
        "Add --debug for details; what was saved is safe.",
    ),
    "unit.empty_name": ("单位名称不能为空。", "A unit needs a name."),
    "unit.exists": ("单位已存在：{name}", "The unit already exists: {name}"),
    "project.empty_name": ("项目名称不能为空。", "A project needs a name."),
    "project.unknown": ("找不到项目：{id}", "No such project: {id}"),
    "item.empty": ("内容为空，未保存。", "Nothing to save: the text is empty."),
    "item.empty.remedy": ("请先输入内容再按回车。", "Type the text first, then press Enter."),
    "item.unknown": ("找不到条目：{id}", "No such item: {id}"),
    "meeting.empty_title": ("会议名称不能为空。", "A meeting needs a title."),
    "meeting.unknown": ("找不到会议：{selector}", "No such meeting: {selector}"),
    "meeting.none": ("还没有任何会议。", "There are no meetings yet."),
    "meeting.none.remedy": (
        "先运行 tui550 创建会议，或运行 tui550 demo 查看演示。",
        "Create one in tui550 first, or try tui550 demo.",
    ),
    "meeting.none_on_date": ("{date} 没有会议。", "No meeting on {date}."),
    "meeting.several_on_date": ("{date} 有多个会议：{listing}", "Several meetings on {date}: {listing}"),
    "meeting.ambiguous": (
        "有多个会议以 {selector} 开头：{listing}",
        "Several meetings start with {selector}: {listing}",
    ),
    "meeting.select.remedy": (
        "请用编号、日期（2026-07-05）或 latest 指定会议；tui550 meetings 可列出全部。",
        "Name a meeting by id, date (2026-07-05) or latest; tui550 meetings lists them.",
    ),
    "meeting.closed": ("会议已结束：{title}", "The meeting is closed: {title}"),
    "meeting.closed.remedy": ("已结束的会议只能查看和导出。", "A closed meeting can be viewed and exported."),
    "state.planned": ("未开始", "planned"),
    "state.in_progress": ("进行中", "in progress"),
    "state.closed": ("已结束", "closed"),
    "kind.minute": ("纪要", "minute"),
    "kind.decision": ("议定事项", "decision"),
    "kind.issue": ("问题", "issue"),
    "kind.deadline": ("时间节点", "deadline"),
    "tag.progress": ("进展", "progress"),
    "tag.problem": ("问题", "problem"),
    "tag.next": ("下步打算", "next step"),
    "tag.remark": ("其他", "remark"),
    "status.open": ("待办", "open"),
    "status.in_progress": ("推进中", "in progress"),
    "status.reported": ("已报完成", "reported done"),
    "status.closed": ("已销号", "closed"),
    "light.red": ("逾期", "overdue"),
    "light.yellow": ("临期", "due soon"),
    "light.green": ("正常", "on track"),
    "light.grey": ("已销号", "closed"),
    "text.too_long": (
        "“{field}”太长：{length} 个字符，最多 {limit} 个。",
        "{field} is too long: {length} characters, at most {limit}.",
    ),
    "text.too_long.remedy": (
        "请缩短后再保存；较长的材料可作为附件上传。",
        "Shorten it and save again; attach a long document as a file instead.",
    ),
}
