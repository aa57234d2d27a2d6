"""The app's follow-up parts: carried items in the meeting, the supervision screen, the wall chart."""

STRINGS = {
    # commands
    "cmd.app.supervision": ("督办台账", "Supervision"),
    "cmd.app.supervision.help": (
        "全部未办结事项：按单位、项目、类别、灯色、督办等级筛选；单位问效",
        "Every open item, filtered by unit, project, category, light, escalation; accountability by unit",
    ),
    "cmd.app.wallchart": ("挂图作战", "Wall chart"),
    "cmd.app.wallchart.help": (
        "全部项目的时间节点排在月份时间轴上，标出今天",
        "Every project's milestones on a month timeline, today marked",
    ),
    "cmd.carried.report": ("报完成", "Reported"),
    "cmd.carried.report.help": (
        "把选中的事项记为已报完成（今天）",
        "Mark the selected item reported done (today)",
    ),
    "cmd.carried.close": ("销号", "Close"),
    "cmd.carried.close.help": (
        "核验后销号：填写核验情况和核验人",
        "Close after verification: the note and the verifier",
    ),
    "cmd.carried.extend": ("延期", "Extend"),
    "cmd.carried.extend.help": (
        "经会议同意延期：新的时限和理由",
        "Extend as agreed by the meeting: the new date and the reason",
    ),
    "cmd.carried.escalate": ("督办", "Escalate"),
    "cmd.carried.escalate.help": (
        "督办等级提高一级，并说明理由",
        "Raise the escalation one level, with a reason",
    ),
    "cmd.supervision.light": ("灯色", "Light"),
    "cmd.supervision.light.help": (
        "按灯色筛选：全部 → 红 → 黄 → 绿",
        "Filter by light: all → red → yellow → green",
    ),
    "cmd.supervision.escalation": ("督办等级", "Escalation"),
    "cmd.supervision.escalation.help": (
        "按督办等级筛选：全部 → 蓝及以上 → 黄及以上 → 红",
        "Filter by escalation: all → blue and up → yellow and up → red",
    ),
    "cmd.supervision.category": ("类别", "Category"),
    "cmd.supervision.category.help": (
        "按问题类别筛选，依次切换",
        "Filter by problem category, one after another",
    ),
    "cmd.supervision.view": ("事项/单位", "Items/units"),
    "cmd.supervision.view.help": (
        "在督办事项和单位问效之间切换",
        "Switch between the items and accountability by unit",
    ),
    "cmd.supervision.history": ("历史", "History"),
    "cmd.supervision.history.help": ("选中事项的全部变更记录", "The selected item's whole history"),
    "cmd.supervision.back": ("返回", "Back"),
    "cmd.supervision.back.help": ("回到上一屏", "Back to the previous screen"),
    "cmd.wall.street": ("街道", "Street"),
    "cmd.wall.street.help": ("按街道筛选，依次切换", "Filter by street, one after another"),
    "cmd.wall.unit": ("单位", "Unit"),
    "cmd.wall.unit.help": ("按责任单位筛选，依次切换", "Filter by responsible unit, one after another"),
    "cmd.wall.kinds": ("节点/全部", "Milestones/all"),
    "cmd.wall.kinds.help": (
        "只看时间节点，或全部有时限的事项",
        "Milestones only, or every item with a due date",
    ),
    "cmd.wall.earlier": ("前移", "Earlier"),
    "cmd.wall.earlier.help": ("时间轴前移三个月", "Move the timeline three months back"),
    "cmd.wall.later": ("后移", "Later"),
    "cmd.wall.later.help": ("时间轴后移三个月", "Move the timeline three months on"),
    "cmd.wall.back": ("返回", "Back"),
    "cmd.wall.back.help": ("回到上一屏", "Back to the previous screen"),
    # help texts for F1
    "help.supervision": (
        "督办台账：全部未办结事项，最紧急的在前。输入单位或项目名称缩小范围；F2 灯色，F3 督办等级，"
        "F4 类别，F5 切换到单位问效。Tab 进入列表后：r 报完成，c 销号，x 延期，u 督办，h 历史。Esc 返回。",
        "Supervision: every open item, most urgent first. Type a unit or project name to narrow; F2 light, "
        "F3 escalation, F4 category, F5 accountability by unit. Tab into the list, then: r reported, "
        "c close, x extend, u escalate, h history. Esc goes back.",
    ),
    "help.wallchart": (
        "挂图作战：每行一个项目，每列一个月。✓ 已完成，● 待完成，✗ 逾期；↻ 周期性事项（每周五、每月底前），"
        "标在下次时限所在的月份，长期坚持标在本月；◆ 标出本月。输入名称缩小范围；"
        "F2 街道，F3 单位，F4 节点/全部，F5/F6 时间轴前后移。Esc 返回。",
        "Wall chart: one row a project, one column a month. ✓ done, ● due, ✗ overdue; ↻ a recurring "
        "item (每周五, 每月底前) in the month of its next date, 长期坚持 in this month; ◆ marks this "
        "month. Type a name to narrow; F2 street, F3 unit, F4 milestones/all, F5/F6 move the timeline. "
        "Esc goes back.",
    ),
    # carried items in the meeting
    "carried.col.follow": ("督办/跟踪", "Follow-up"),
    "carried.badge": ("跟踪{n}次", "{n} mtgs"),
    "carried.status.reported": ("已报", "rep."),
    "carried.status.in_progress": ("推进中", "doing"),
    "escalation.short.blue": ("蓝督", "blue"),
    "escalation.short.yellow": ("黄督", "yellow"),
    "escalation.short.red": ("红督", "RED"),
    "carried.done.report": ("已报完成：{text}", "Reported done: {text}"),
    "carried.done.close": ("已销号：{text}", "Closed: {text}"),
    "carried.done.extend": ("已延期至 {due}：{text}", "Extended to {due}: {text}"),
    "carried.done.escalate": ("已督办（{level}）：{text}", "Escalated ({level}): {text}"),
    "carried.none": (
        "请先在列表中选中一个事项（Esc 或 Tab 进入列表）。",
        "Select an item in the list first (Esc or Tab moves to the list).",
    ),
    "carried.no_meeting": (
        "延期要由一次会议同意，但还没有任何会议。",
        "An extension is agreed by a meeting, and there is none yet.",
    ),
    "form.close.title": ("销号：{text}", "Close: {text}"),
    "form.close.note": ("核验情况", "Verification note"),
    "form.close.note.placeholder": ("例如：现场察看，已完工", "e.g. checked on site, finished"),
    "form.close.verifier": ("核验人", "Verifier"),
    "form.extend.title": ("延期：{text}", "Extend: {text}"),
    "form.extend.due": ("新的完成时限（当前 {due}）", "New due date (now {due})"),
    "form.extend.due.placeholder": ("例如：8月底、两周内、2026-09-30", "e.g. 8月底, 两周内, 2026-09-30"),
    "form.extend.reason": ("延期理由", "Reason"),
    "form.extend.resolved": ("新时限：{date}", "New date: {date}"),
    "form.escalate.title": ("督办：{text}", "Escalate: {text}"),
    "form.escalate.reason": ("督办理由", "Reason"),
    "form.hint": ("Enter 下一项/确定 · Esc 取消", "Enter next field / confirm · Esc cancel"),
    # supervision screen
    "sv.title": ("督办台账 · {date}", "Supervision · {date}"),
    "sv.tab.items": ("督办事项", "Open items"),
    "sv.tab.units": ("单位问效", "Accountability"),
    "sv.filter.placeholder": ("输入单位或项目名称筛选…", "Type a unit or project name to narrow…"),
    "sv.filters": (
        "灯色：{light}  督办：{escalation}  类别：{category}",
        "Light: {light}  Escalation: {escalation}  Category: {category}",
    ),
    "sv.all": ("全部", "all"),
    "sv.at_least": ("{level}及以上", "{level} and up"),
    "sv.count": (
        "共 {total} 项，已显示 {shown} 项（向下翻页加载更多）",
        "{total} items, {shown} shown (scroll down for more)",
    ),
    "sv.count.all": ("共 {total} 项", "{total} items"),
    "sv.col.light": ("灯", "Lt"),
    "sv.col.escalation": ("督办", "Esc."),
    "sv.col.project": ("项目", "Project"),
    "sv.col.text": ("事项", "Item"),
    "sv.col.unit": ("牵头单位", "Lead unit"),
    "sv.col.due": ("时限", "Due"),
    "sv.col.carried": ("跟踪", "Mtgs"),
    "sv.col.status": ("状态", "Status"),
    "sv.general": ("（会议总体）", "(meeting)"),
    "sv.no_unit": ("（未定单位）", "(no unit)"),
    "sv.col.assigned": ("交办", "Given"),
    "sv.col.closed": ("销号", "Closed"),
    "sv.col.rate": ("办结率", "Rate"),
    "sv.col.bar": ("办结情况", "Closing"),
    "sv.col.overdue": ("逾期", "Late now"),
    "sv.col.avg_late": ("平均逾期天数", "Avg days late"),
    "sv.col.repeated": ("多次延期", "Re-extended"),
    "sv.trend.title": ("近{n}次会议未办结 / 逾期事项", "Open / overdue items at the last {n} meetings"),
    "sv.trend.line": ("{date}  未办结 {open:>5}  {open_bar}", "{date}  open    {open:>5}  {open_bar}"),
    "sv.trend.late": (
        "            逾期 {overdue:>5}  {overdue_bar}",
        "            overdue {overdue:>5}  {overdue_bar}",
    ),
    "sv.history.title": ("事项历史：{text}", "History: {text}"),
    # wall chart screen
    "wc.title": (
        "挂图作战 · {first} — {last} · 今天 {today}",
        "Wall chart · {first} — {last} · today {today}",
    ),
    "wc.filter.placeholder": (
        "输入项目、街道或单位名称筛选…",
        "Type a project, street or unit name to narrow…",
    ),
    "wc.filters": (
        "街道：{street}  单位：{unit}  范围：{kinds}",
        "Street: {street}  Unit: {unit}  Showing: {kinds}",
    ),
    "wc.kinds.deadline": ("时间节点", "milestones"),
    "wc.kinds.all": ("全部有时限事项", "all deadlines"),
    "wc.legend": (
        "✓ 已完成  ● 待完成  ✗ 逾期  ↻ 周期性  ◆ 本月",
        "✓ done  ● due  ✗ overdue  ↻ recurs  ◆ this month",
    ),
    "wc.col.project": ("项目", "Project"),
    "wc.col.street": ("街道", "Street"),
    **{
        f"wc.month.{n}": (f"{n}月", name)
        for n, name in enumerate(
            ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), start=1
        )
    },
    "wc.count": ("{shown} / {total} 个项目", "{shown} of {total} projects"),
    "wc.empty": ("没有符合条件的项目。", "No project matches."),
}
