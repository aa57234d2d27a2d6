"""Messages of exporting (minutes, lists) and of the exchange file (dump, load)."""

STRINGS: dict[str, tuple[str, str]] = {
    "cli.export.help": (
        "导出会议纪要或清单：docx、xlsx、md、html 或 json。",
        "Export the minutes or lists: docx, xlsx, md, html or json.",
    ),
    "cli.export.meeting": (
        "会议：编号、日期（2026-07-05）或 latest。",
        "The meeting: id, date (2026-07-05) or latest.",
    ),
    "cli.export.format": (
        "格式：docx、pdf、xlsx、md、html 或 json。",
        "Format: docx, pdf, xlsx, md, html or json.",
    ),
    "cli.export.out": (
        "输出文件或文件夹（默认：当前文件夹，按会议名称命名）。",
        "Output file or folder (default: the current folder, named after the meeting).",
    ),
    "cli.export.force": ("覆盖已有文件。", "Overwrite an existing file."),
    "cli.export.unit": (
        "清单只含该单位（牵头或配合）的事项。",
        "Limit the lists to this unit's items (lead or co-unit).",
    ),
    "cli.export.split": (
        "按责任单位分别生成清单文件，写入 --out 文件夹。",
        "Write one list file per responsible unit into the --out folder.",
    ),
    "cli.export.written": ("已导出：{path}", "Exported: {path}"),
    "cli.dump.help": (
        "把整个数据库或一个会议写成交换文件（JSON）。",
        "Write the whole database, or one meeting, to an exchange file (JSON).",
    ),
    "cli.dump.meeting": (
        "只导出该会议（默认：整个数据库）。",
        "Only this meeting (default: the whole database).",
    ),
    "cli.dump.out": ("交换文件路径。", "The exchange file to write."),
    "cli.load.help": (
        "读入交换文件，按 UUID 合并到数据库。",
        "Read an exchange file and merge it into the database by UUID.",
    ),
    "cli.load.file": ("交换文件路径。", "The exchange file to read."),
    "cli.load.dry_run": (
        "只显示将会发生的变化，不写入数据库。",
        "Only show what would change; write nothing.",
    ),
    "cli.load.summary": (
        "新增 {added} 条，相同跳过 {same} 条，冲突 {conflicts} 条。",
        "Added {added}, identical skipped {same}, conflicts {conflicts}.",
    ),
    "cli.load.summary_dry": (
        "（试运行）将新增 {added} 条，相同跳过 {same} 条，冲突 {conflicts} 条；数据库未改动。",
        "(dry run) Would add {added}, skip {same} identical, conflicts {conflicts}; nothing was written.",
    ),
    "cli.load.table": ("  {table}：新增 {added}，相同 {same}", "  {table}: added {added}, identical {same}"),
    "cli.load.conflict": (
        "  冲突 {table} {key}（{detail}）：保留本库记录，未覆盖。",
        "  conflict {table} {key} ({detail}): kept this database's record, not overwritten.",
    ),
    "export.empty": (
        "会议“{title}”还没有任何记录，无可导出。",
        'The meeting "{title}" has nothing captured yet: nothing to export.',
    ),
    "export.empty.remedy": (
        "请先在会上记录内容，或选择其他会议（tui550 meetings 可列出全部）。",
        "Capture something first, or choose another meeting (tui550 meetings lists them).",
    ),
    "export.out.remedy": (
        "请用 --out 指定一个可写的文件夹或文件。",
        "Choose a writable folder or file with --out.",
    ),
    "export.split_needs_folder": (
        "按单位拆分时 --out 须是文件夹：{path}",
        "With --split-by-unit, --out must be a folder: {path}",
    ),
    "export.bad_format": ("不支持的格式：{fmt}", "Unsupported format: {fmt}"),
    "export.bad_format.remedy": (
        "请用 docx、pdf、xlsx、md、html 或 json。",
        "Use docx, pdf, xlsx, md, html or json.",
    ),
    "export.json_whole": (
        "json 交换文件总是包含整个会议，不能按单位筛选或拆分。",
        "The json exchange file always holds the whole meeting; it cannot be cut by unit.",
    ),
    "export.json_whole.remedy": (
        "去掉 --unit 或 --split-by-unit，或选择 xlsx 等格式。",
        "Drop --unit or --split-by-unit, or choose xlsx or another format.",
    ),
    "exchange.not_json": ("不是有效的 JSON 文件：{reason}", "Not a valid JSON file: {reason}"),
    "exchange.not_ours": ("不是 tui550 的交换文件。", "Not a tui550 exchange file."),
    "exchange.bad": ("交换文件内容有误（{reason}）。", "The exchange file is damaged ({reason})."),
    "exchange.file.remedy": (
        "请用 tui550 dump 重新生成该文件；数据库未改动。",
        "Make the file again with tui550 dump; the database was not changed.",
    ),
    "exchange.newer": (
        "交换文件由更新版本的 tui550 生成（格式 {version}）。",
        "The exchange file was made by a newer tui550 (format {version}).",
    ),
    "exchange.newer.remedy": (
        "请升级 tui550 后再读入；数据库未改动。",
        "Upgrade tui550 to read it; the database was not changed.",
    ),
    "exchange.invalid": (
        "交换文件有误，未读入任何内容：{path}：{reason}",
        "The exchange file is wrong; nothing was loaded: {path}: {reason}",
    ),
    "exchange.invalid_more": (
        "交换文件有误，未读入任何内容：{path}：{reason}（另有 {others} 处问题）",
        "The exchange file is wrong; nothing was loaded: {path}: {reason} ({others} more problems)",
    ),
    "exchange.db_failed": (
        "读入时数据库出错，未保存任何内容：{reason}",
        "The database failed during the load; nothing was saved: {reason}",
    ),
    "exchange.db_failed.remedy": (
        "请检查数据库后重试；交换文件未改动。",
        "Check the database and try again; the exchange file is unchanged.",
    ),
    "exchange.why.missing": ("缺少必填值", "a required value is missing"),
    "exchange.why.type": ("类型不对，应为 {expected}", "wrong type, expected {expected}"),
    "exchange.why.no_zone": ("时间没有时区", "a timestamp without a time zone"),
    "exchange.why.unreadable": ("无法读取的值 {value}", "an unreadable value {value}"),
    "exchange.why.year": ("年份 {year} 不在 {low}–{high} 之间", "the year {year} is not within {low}–{high}"),
    "exchange.why.not_finite": ("不是有限的数值", "not a finite number"),
    "exchange.why.too_big": ("附件超过 {limit} MB", "an attachment over {limit} MB"),
    "exchange.why.too_long": (
        "文字太长：{length} 个字符，最多 {limit} 个",
        "text too long: {length} characters, at most {limit}",
    ),
    "exchange.why.enum": (
        "不认识的值 {value}（可用：{allowed}）",
        "unknown value {value} (allowed: {allowed})",
    ),
    "exchange.why.unknown_table": ("不认识的表", "an unknown table"),
    "exchange.why.unknown_column": ("不认识的列", "an unknown column"),
    "exchange.why.duplicate": ("同一主键出现两次", "the same key twice"),
    "exchange.why.reference": ("指向不存在的 {table} 记录", "points at a {table} row that does not exist"),
    "exchange.why.self_merge": ("单位被合并到自身", "a unit merged into itself"),
    "pdf.no_office": (
        "未安装 LibreOffice，无法生成 PDF。",
        "LibreOffice is not installed: no PDF can be made.",
    ),
    "pdf.no_office.remedy": (
        "请安装 {package}（如 sudo apt install {package}），或改用 docx/xlsx 格式。",
        "Install {package} (e.g. sudo apt install {package}), or use docx/xlsx.",
    ),
    "pdf.failed": ("LibreOffice 未能生成 PDF：{reason}", "LibreOffice made no PDF: {reason}"),
    "pdf.failed.remedy": (
        "请改用 docx 或 xlsx 格式，再用办公软件另存为 PDF。",
        "Export as docx or xlsx and save it as PDF from an office program.",
    ),
}
