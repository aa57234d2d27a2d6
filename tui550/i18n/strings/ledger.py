"""Messages of the ledger: importing, templates, units, backward scheduling, agenda."""

STRINGS: dict[str, tuple[str, str]] = {
    # Reading files
    "import.no_file": ("找不到文件：{path}", "No such file: {path}"),
    "import.no_file.remedy": ("请检查文件路径。", "Check the file's path."),
    "import.is_folder": ("这是一个文件夹，不是文件：{path}", "This is a folder, not a file: {path}"),
    "import.cannot_read": ("无法读取 {path}：{reason}", "Cannot read {path}: {reason}"),
    "import.empty_file": ("文件是空的：{path}", "The file is empty: {path}"),
    "import.empty_file.remedy": ("请选择填好数据的台账文件。", "Choose a ledger file that has data in it."),
    "import.encrypted": ("该工作簿设置了密码：{path}", "The workbook is password-protected: {path}"),
    "import.encrypted.remedy": (
        "请在 Excel/WPS 中取消密码后另存为 .xlsx 再导入。",
        "Remove the password in Excel or WPS, save as .xlsx, and import that.",
    ),
    "import.xls": ("不支持旧版 .xls 格式：{path}", "The old .xls format is not supported: {path}"),
    "import.xls.remedy": (
        "请在 Excel/WPS 中“另存为” .xlsx 格式后再导入。",
        'Open it in Excel or WPS, "Save As" .xlsx, and import that.',
    ),
    "import.unknown_format": (
        "不是可导入的表格文件：{path}",
        "Not a spreadsheet that can be imported: {path}",
    ),
    "import.unknown_format.remedy": ("请导入 .xlsx 或 .csv 文件。", "Import an .xlsx or .csv file."),
    "import.binary": ("文件内容不是文本表格：{path}", "The file is not a text table: {path}"),
    "import.not_xlsx": (
        "这是压缩包，但不是 Excel 工作簿：{path}",
        "This is a zip file but not an Excel workbook: {path}",
    ),
    "import.not_xlsx.remedy": (
        "请在 Excel/WPS 中另存为 .xlsx 后再导入。",
        "Save it as .xlsx in Excel or WPS, then import that.",
    ),
    "import.corrupt": (
        "工作簿已损坏，无法读取（{reason}）：{path}",
        "The workbook is damaged and cannot be read ({reason}): {path}",
    ),
    "import.corrupt.remedy": (
        "请用 Excel/WPS 打开并重新另存为 .xlsx；数据库未被改动。",
        "Open it in Excel or WPS and save it again as .xlsx; the database was not changed.",
    ),
    "import.no_sheet": (
        "没有名为“{sheet}”的工作表；现有：{sheets}",
        'No sheet called "{sheet}"; the sheets are: {sheets}',
    ),
    "import.no_sheet.remedy": (
        "请用 --sheet 指定上面列出的工作表之一。",
        "Name one of the sheets above with --sheet.",
    ),
    "import.bad_encoding": (
        "第 {row} 行无法按 {encoding} 编码读取：{path}",
        "Row {row} cannot be read as {encoding}: {path}",
    ),
    "import.bad_encoding.remedy": (
        "请在 Excel/WPS 中另存为“CSV UTF-8”或 .xlsx 后再导入。",
        'Save it as "CSV UTF-8" or .xlsx in Excel or WPS, then import that.',
    ),
    "import.bad_csv": (
        "第 {row} 行不是有效的 CSV（{reason}）：{path}",
        "Row {row} is not valid CSV ({reason}): {path}",
    ),
    "import.no_header": ("在文件开头找不到表头行：{path}", "No header row found near the top of: {path}"),
    "import.no_header.projects.remedy": (
        "表头至少要有“项目名称”和另一列（如 项目编号、牵头单位、总投资）；可用 tui550 template projects 生成模板。",
        "The header needs 项目名称 and another known column (项目编号, 牵头单位, 总投资...); tui550 template projects writes a blank one.",
    ),
    "import.no_header.issues.remedy": (
        "表头至少要有“问题描述”和另一列（如 项目名称、责任单位、完成时限）；可用 tui550 template issues 生成模板。",
        "The header needs 问题描述 and another known column (项目名称, 责任单位, 完成时限...); tui550 template issues writes a blank one.",
    ),
    "import.no_rows": ("表头下面没有数据行：{path}", "There are no data rows under the header: {path}"),
    "import.no_rows.remedy": (
        "请检查是否选对了文件和工作表（--sheet）。",
        "Check that this is the right file and sheet (--sheet).",
    ),
    "import.meeting_title": ("问题清单导入：{file}（{date}）", "Issue list imported: {file} ({date})"),
    # Row problems
    "import.formula_uncached": (
        "公式没有计算结果（文件保存时未计算）",
        "a formula without a computed value (the file was saved uncalculated)",
    ),
    "import.too_big_unpacked": (
        "工作簿解压后达 {size} MB，超过上限 {limit} MB，未读取：{path}",
        "The workbook unpacks to {size} MB, over the limit of {limit} MB; it was not read: {path}",
    ),
    "import.cell_too_big": (
        "第 {row} 行有单元格超过 {limit} 个字符，未读取：{path}",
        "Row {row} has a cell over {limit} characters; the file was not read: {path}",
    ),
    "import.too_many_rows": (
        "文件超过 {limit} 行，未导入：{path}",
        "The file has more than {limit} rows; nothing was imported: {path}",
    ),
    "import.too_big.remedy": (
        "请拆分成较小的文件后分别导入；数据库未被改动。",
        "Split it into smaller files and import them one by one; the database is unchanged.",
    ),
    "ledger.import.more_problems": (
        "……另有 {count} 处问题未列出。",
        "... and {count} more problems not listed.",
    ),
    "import.no_unit_name": ("“{value}”不是单位名称", "“{value}” is not a unit's name"),
    "import.too_long": ("内容过长（超过 {limit} 字）", "text too long (over {limit} characters)"),
    "import.no_name": ("缺少项目名称", "no project name"),
    "import.no_text": ("缺少问题描述", "no problem description"),
    "import.no_project": ("缺少项目名称或编号", "no project name or code"),
    "import.end_before_start": (
        "竣工时间 {end} 早于开工时间 {start}",
        "completion {end} is before the start {start}",
    ),
    "import.several_leads": (
        "牵头单位有多个，取第一个：{first}",
        "several lead units; the first is used: {first}",
    ),
    "import.bad_number": ("不是数字：{value}", "not a number: {value}"),
    "import.bad_date": ("无法识别的日期：{value}", "not a date: {value}"),
    "import.progress_words": (
        "形象进度“{value}”不是百分数，未录入",
        '形象进度 "{value}" is not a percentage; not entered',
    ),
    "import.bad_progress": ("形象进度应在 0 到 100 之间：{value}", "形象进度 is between 0 and 100: {value}"),
    "ledger.import.months": (
        "录入 {count} 个项目 {month} 的完成投资和形象进度",
        "Monthly figures of {month} for {count} projects",
    ),
    "ledger.field.month_invested": ("当月完成投资", "invested this month"),
    "ledger.field.progress_pct": ("形象进度", "progress"),
    "import.not_a_date": ("“{value}”不是日期，按空白处理", '"{value}" is not a date; left empty'),
    "import.bad_status": (
        "无法识别的状态：{value}（可用：未解决、推进中、已报完成、已解决）",
        "unknown status: {value} (use 未解决, 推进中, 已报完成, 已解决)",
    ),
    "import.duplicate_row": ("与第 {first} 行重复", "duplicates row {first}"),
    "import.unknown_project": (
        "台账中没有该项目：{project}（请先导入项目台账）",
        "no such project in the ledger: {project} (import the project ledger first)",
    ),
    # The import command
    "ledger.import.help": (
        "导入项目台账或问题清单（.xlsx、.csv）。",
        "Import a project ledger or an issue list (.xlsx, .csv).",
    ),
    "ledger.import.projects.help": (
        "导入“550”重点项目台账：按编号（或名称）更新已有项目，新增其余项目。",
        'Import the "550" project ledger: update projects matched by code (or name), add the rest.',
    ),
    "ledger.import.issues.help": (
        "导入已有的问题清单，归入一次“导入”会议（或 --meeting 指定的会议）。",
        'Import an existing issue list into an "import" meeting (or the one named by --meeting).',
    ),
    "ledger.import.file": ("要导入的 .xlsx 或 .csv 文件。", "The .xlsx or .csv file to import."),
    "ledger.import.sheet": (
        "工作表名称（默认：第一个有表头的工作表）。",
        "Sheet name (default: the first sheet with a header).",
    ),
    "ledger.import.dry_run": (
        "只显示将新增、更新和不变的内容，不写入。",
        "Only show what would be added, updated and left unchanged.",
    ),
    "ledger.import.skip_bad": (
        "写入正确的行，列出并跳过有问题的行。",
        "Write the good rows; list and skip the bad ones.",
    ),
    "ledger.import.meeting": (
        "问题归入的会议（编号、日期或 latest）。",
        "The meeting the issues belong to (id, date or latest).",
    ),
    "ledger.import.sheet_of": ("工作表“{sheet}”", 'sheet "{sheet}"'),
    "ledger.import.encoding_of": ("编码 {encoding}", "encoding {encoding}"),
    "ledger.import.file_line": (
        "文件：{path}（{where}），表头在第 {row} 行",
        "File: {path} ({where}), header on row {row}",
    ),
    "ledger.import.used": ("使用的列：{columns}", "Columns used: {columns}"),
    "ledger.import.ignored": ("忽略的列：{columns}", "Columns ignored: {columns}"),
    "ledger.import.counted": (
        "读取 {rows} 行，有效 {records} 条，跳过合计/小计/分组行 {skipped} 行",
        "{rows} rows read, {records} records, {skipped} subtotal/heading rows skipped",
    ),
    "ledger.import.warning": ("提示：{where}{message}", "Note: {where}{message}"),
    "ledger.import.at_row": ("第 {row} 行：", "row {row}: "),
    "ledger.import.at_cell": ("第 {row} 行 {column}：", "row {row}, {column}: "),
    "ledger.import.reference": (
        "相对日期（如 12月底、下周五）按 {date} 推算",
        "Relative dates (12月底, 下周五) read against {date}",
    ),
    "ledger.import.as_of": (
        "推算相对日期（如 12月底）所依据的日期，默认今天。",
        "The date relative dates (12月底) are read against; default today.",
    ),
    "ledger.import.bad_as_of": ("看不懂的日期：{value}", "Not a date: {value}"),
    "ledger.import.bad_as_of.remedy": ("请写成 2026-07-20 的形式。", "Write it as 2026-07-20."),
    "ledger.import.dry_failed": (
        "试运行发现 {count} 处问题，正式导入将不写入任何数据。",
        "The dry run found {count} problems; a real import would write nothing.",
    ),
    "ledger.import.failed": (
        "发现 {count} 处问题，未写入任何数据。",
        "{count} problems found; nothing was written.",
    ),
    "ledger.import.failed.remedy": (
        "请改正上面列出的单元格后重新导入，或加 --skip-bad 只导入正确的行。",
        "Fix the cells listed above and import again, or add --skip-bad to import only the good rows.",
    ),
    "ledger.import.skipped_row": ("已跳过：{where}{message}", "Skipped: {where}{message}"),
    "ledger.import.bad_row": ("有问题：{where}{message}", "Problem: {where}{message}"),
    "ledger.import.units_added": ("新增单位：{units}", "New units: {units}"),
    "ledger.import.noun.projects": ("项目", "projects"),
    "ledger.import.noun.issues": ("问题", "issues"),
    "ledger.import.would": (
        "试运行（未写入）：将新增 {added} 个{noun}，更新 {updated} 个，不变 {unchanged} 个，有问题 {bad} 行（{seconds} 秒）。",
        "Dry run (nothing written): would add {added} {noun}, update {updated}, leave {unchanged} unchanged; {bad} bad rows ({seconds} s).",
    ),
    "ledger.import.done": (
        "已导入：新增 {added} 个{noun}，更新 {updated} 个，不变 {unchanged} 个，跳过 {bad} 行（{seconds} 秒）。",
        "Imported: {added} {noun} added, {updated} updated, {unchanged} unchanged, {bad} rows skipped ({seconds} s).",
    ),
    "ledger.import.meeting_made": ("问题已归入会议：{title}", "The issues belong to the meeting: {title}"),
    # Fields, as the report names them
    "ledger.field.code": ("项目编号", "code"),
    "ledger.field.name": ("项目名称", "name"),
    "ledger.field.category": ("类别", "category"),
    "ledger.field.street": ("所属街道", "street"),
    "ledger.field.street_id": ("所属街道", "street"),
    "ledger.field.leader": ("包联领导", "leader in charge"),
    "ledger.field.lead_unit": ("牵头单位", "lead unit"),
    "ledger.field.lead_unit_id": ("牵头单位", "lead unit"),
    "ledger.field.units": ("责任单位", "responsible units"),
    "ledger.field.co_units": ("配合单位", "co-units"),
    "ledger.field.investment_total": ("总投资", "total investment"),
    "ledger.field.investment_year": ("年度计划投资", "investment planned this year"),
    "ledger.field.annual_target": ("年度目标", "annual target"),
    "ledger.field.content": ("建设内容", "content"),
    "ledger.field.planned_start": ("计划开工", "planned start"),
    "ledger.field.planned_end": ("计划竣工", "planned completion"),
    "ledger.field.status": ("状态", "status"),
    "ledger.field.note": ("备注", "note"),
    "ledger.field.project": ("项目名称", "project"),
    "ledger.field.project_code": ("项目编号", "project code"),
    "ledger.field.text": ("问题描述", "problem"),
    "ledger.field.steps": ("解决措施", "resolution steps"),
    "ledger.field.due": ("完成时限", "due date"),
    "ledger.field.serial": ("序号", "serial number"),
    # Templates and output files
    "ledger.template.help": (
        "生成一张可直接填写并导入的空白台账（projects 或 issues）。",
        "Write a blank ledger that imports as is (projects or issues).",
    ),
    "ledger.template.kind": (
        "projects（项目台账）或 issues（问题清单）。",
        "projects (the ledger) or issues (an issue list).",
    ),
    "ledger.template.bad_kind": ("不认识的模板类型：{kind}", "Unknown template kind: {kind}"),
    "ledger.template.bad_kind.remedy": ("请用 projects 或 issues。", "Use projects or issues."),
    "ledger.template.file.projects": ("重点项目台账模板.xlsx", "key-projects-ledger-template.xlsx"),
    "ledger.template.file.issues": ("问题清单模板.xlsx", "issue-list-template.xlsx"),
    "ledger.template.written": ("已写入：{path}", "Written: {path}"),
    "ledger.opt.out": ("输出文件（或文件夹）。", "Output file (or folder)."),
    "ledger.opt.force": ("覆盖已存在的文件。", "Overwrite an existing file."),
    # Units
    "ledger.units.help": (
        "列出单位及其别名；合并同一单位的不同叫法；添加别名。",
        "List units with their aliases; merge names of the same unit; add an alias.",
    ),
    "ledger.units.merge.help": (
        "把其他单位合并到 KEEP：项目、条目全部转过去，原名称保留为别名。",
        "Merge the other units into KEEP: projects and items move over, their names stay as aliases.",
    ),
    "ledger.units.alias.help": (
        "给单位添加一个别名（简称或全称）。",
        "Give a unit another name (short or full).",
    ),
    "ledger.units.keep": ("保留的单位（名称、别名或编号）。", "The unit to keep (name, alias or id)."),
    "ledger.units.others": ("要并入的单位。", "The units to merge into it."),
    "ledger.units.unit": ("单位（名称、别名或编号）。", "The unit (name, alias or id)."),
    "ledger.units.alias": ("新的别名。", "The new alias."),
    "ledger.units.unalias.help": ("去掉单位的一个别名。", "Remove one of a unit's aliases."),
    "ledger.units.old_alias": ("要去掉的别名。", "The alias to remove."),
    "ledger.units.rename.help": (
        "给单位改名，原名留作别名。",
        "Rename a unit; the old name stays as an alias.",
    ),
    "ledger.units.new_name": ("新的名称。", "The new name."),
    "ledger.units.none": ("还没有单位。", "No units yet."),
    "ledger.units.aliases": ("  别名：{aliases}", "  aliases: {aliases}"),
    "ledger.units.merged": ("{name}  别名：{aliases}", "{name}  aliases: {aliases}"),
    "ledger.unit_kind.street": ("街道", "street"),
    "ledger.unit_kind.department": ("部门", "department"),
    "ledger.unit_kind.company": ("企业", "company"),
    "ledger.unit_kind.other": ("其他", "other"),
    "ledger.unit.no_such.remedy": (
        "tui550 units 可列出全部单位及别名。",
        "tui550 units lists every unit with its aliases.",
    ),
    "ledger.unit.unknown": ("找不到单位：{id}", "No such unit: {id}"),
    "ledger.unit.empty_alias": ("别名不能为空。", "An alias cannot be empty."),
    "ledger.unit.name_taken.name": (
        "“{alias}”是单位“{owner}”的名称，不能再用于其他单位。",
        '"{alias}" is the name of the unit "{owner}" and cannot name another.',
    ),
    "ledger.unit.name_taken.alias": (
        "“{alias}”已是单位“{owner}”的别名，不能再用于其他单位。",
        '"{alias}" is already an alias of the unit "{owner}".',
    ),
    "ledger.unit.name_taken.short": (
        "“{alias}”现在能找到单位“{owner}”（简称），用作别名会让它改指别的单位。",
        '"{alias}" now finds the unit "{owner}" as a short name; as an alias it would lead elsewhere.',
    ),
    "ledger.unit.no_alias": ("单位“{name}”没有别名“{alias}”。", 'The unit "{name}" has no alias "{alias}".'),
    "ledger.unit.alias_taken.remedy": (
        "如果它们是同一单位，请用 tui550 units merge 合并。",
        "If they are the same unit, merge them with tui550 units merge.",
    ),
    "ledger.unit.merge_nothing": ("没有可合并的单位。", "Nothing to merge."),
    "ledger.unit.merge_nothing.remedy": (
        "请指定保留的单位和至少一个其他（未合并过的）单位。",
        "Name the unit to keep and at least one other unit not merged before.",
    ),
    "ledger.unit.already_merged": ("单位“{name}”已被合并过。", 'The unit "{name}" was already merged.'),
    # Agenda
    "agenda.already": ("该项目已在议程中：{name}", "The project is already on the agenda: {name}"),
    "agenda.already.remedy": ("可以调整它在议程中的位置。", "Move it within the agenda instead."),
    "agenda.bad_time_box": ("时长不合适：{seconds} 秒", "Not a usable time box: {seconds} s"),
    "agenda.bad_time_box.remedy": (
        "每个项目的时长应在 1 秒到 4 小时之间。",
        "A project's time box is between 1 second and 4 hours.",
    ),
    "agenda.unknown": ("找不到议程条目：{id}", "No such agenda entry: {id}"),
    # Backward scheduling
    "schedule.deadline_text": ("完成{phase}（倒排工期）", "{phase} done (backward schedule)"),
    "schedule.bad_phase_name": ("阶段名称为空或重复：{name}", "A phase name is empty or repeated: {name}"),
    "schedule.bad_days": (
        "阶段“{name}”的天数不合适：{days}",
        'Phase "{name}" has an unusable number of days: {days}',
    ),
    "schedule.no_phases": ("倒排工期模板没有阶段。", "The backward-schedule template has no phases."),
    "schedule.bad_anchor": ("模板中没有阶段“{name}”。", 'The template has no phase "{name}".'),
    "schedule.phases.remedy": (
        "每个阶段要有不重复的名称和 0–3650 天的工期。",
        "Each phase needs its own name and 0 to 3650 days.",
    ),
}
