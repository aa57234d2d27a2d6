"""Messages of the deadline and quick-add parsers (tui550.core.deadlines, .quickadd).

Dates come as ``y``, ``m``, ``d`` so each language writes them its own way.
"""

STRINGS = {
    # Deadline refusals: every one carries the phrase as typed.
    "parse.deadline.empty": ("时限为空", "No deadline given"),
    "parse.deadline.impossible": (
        "没有这个日期：{phrase}",
        "No such date: {phrase}",
    ),
    "parse.deadline.past": (
        "时限已过：{y}年{m}月{d}日（{phrase}）",
        "Deadline already past: {y}-{m:02d}-{d:02d} ({phrase})",
    ),
    "parse.deadline.recurring": (
        "看不懂的周期：{phrase}（可写具体日期，或 每周五、每月底前、每季度末、长期坚持、常态化）",
        "Not a known cadence: {phrase} (give a date, or 每周五, 每月底前, 每季度末, 长期坚持, 常态化)",
    ),
    "parse.deadline.vague": (
        "时限不明确：{phrase}，请写明具体日期",
        "Deadline too vague: {phrase}; give a date",
    ),
    "parse.deadline.ago": (
        "“{phrase}”是过去的时间；期限请写“…内”，如“3天内”",
        "“{phrase}” means ago; for a period write “…内”, e.g. “3天内”",
    ),
    "parse.deadline.unknown": (
        "看不懂的时限：{phrase}（可写 7月底、本周五、两周内、2026-07-31）",
        "Deadline not understood: {phrase} (try 7月底, 本周五, 两周内, 2026-07-31)",
    ),
    "parse.due.duplicate": (
        "已有时限，忽略：{phrase}",
        "A deadline is already set; ignored: {phrase}",
    ),
    # Units and categories.
    "parse.unit.unknown": (
        "未知单位：{name}",
        "Unknown unit: {name}",
    ),
    "parse.unit.unknown_suggest": (
        "未知单位：{name}；是否为：{options}",
        "Unknown unit: {name}; did you mean: {options}",
    ),
    "parse.street.unknown": (
        "未知街道：{name}",
        "Unknown street: {name}",
    ),
    "parse.street.unknown_suggest": (
        "未知街道：{name}；是否为：{options}",
        "Unknown street: {name}; did you mean: {options}",
    ),
    "parse.street.ambiguous": (
        "街道“{name}”不唯一：{options}",
        "Street “{name}” is ambiguous: {options}",
    ),
    "parse.unit.ambiguous": (
        "单位“{name}”不唯一：{options}",
        "Unit “{name}” is ambiguous: {options}",
    ),
    "parse.category.ambiguous": (
        "类别“{name}”不唯一：{options}",
        "Category “{name}” is ambiguous: {options}",
    ),
    "parse.category.duplicate": (
        "已有类别，忽略：{name}",
        "A category is already set; ignored: {name}",
    ),
    # The line as a whole.
    "parse.quickadd.empty": ("请输入内容", "Type the item first"),
    "parse.quickadd.only_metadata": (
        "只有单位、时限或类别，缺少事项内容",
        "Only units, date or category: the item needs a text",
    ),
    "parse.internal": (
        "这一行无法解析，将按原文保存",
        "This line could not be parsed; it is kept as typed",
    ),
    # What was understood, shown before saving.
    "parse.understood.kind.minute": ("类型：纪要", "Kind: minute"),
    "parse.understood.kind.decision": ("类型：议定事项", "Kind: decision"),
    "parse.understood.kind.issue": ("类型：问题清单", "Kind: issue"),
    "parse.understood.kind.deadline": ("类型：时间节点", "Kind: deadline"),
    "parse.understood.minute.progress": ("类型：纪要·进展情况", "Kind: minute, progress"),
    "parse.understood.minute.problem": ("类型：纪要·存在问题", "Kind: minute, problem"),
    "parse.understood.minute.next": ("类型：纪要·下步打算", "Kind: minute, next step"),
    "parse.understood.minute.remark": ("类型：纪要·其他", "Kind: minute, remark"),
    "parse.understood.text": ("内容：{text}", "Text: {text}"),
    "parse.understood.lead": ("牵头：{name}", "Lead: {name}"),
    "parse.understood.co": ("配合：{name}", "With: {name}"),
    "parse.understood.due": (
        "时限：{y}年{m}月{d}日（{phrase}）",
        "Due: {y}-{m:02d}-{d:02d} ({phrase})",
    ),
    "parse.understood.cadence": (
        "时限：{cadence}（常设，下次 {y}年{m}月{d}日）",
        "Due: {cadence} (standing; next {y}-{m:02d}-{d:02d})",
    ),
    "parse.understood.cadence.standing": (
        "时限：{cadence}（常设，长期有效）",
        "Due: {cadence} (standing, no fixed date)",
    ),
    "parse.understood.category": ("类别：{name}", "Category: {name}"),
    "parse.understood.category_new": ("类别：{name}（新类别）", "Category: {name} (new)"),
}
