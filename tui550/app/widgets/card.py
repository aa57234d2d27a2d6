"""The project card: what the room needs to know about the project being discussed."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.css.scalar import Unit
from textual.widgets import Static

from tui550.core.day_text import due_label
from tui550.core.domain import ItemView, Kind, Light, ProjectView
from tui550.core.lights import light
from tui550.core.month_text import figures_text
from tui550.i18n import t

LIGHT_CLASS = {
    Light.RED: "error",
    Light.YELLOW: "warning",
    Light.GREEN: "success",
    Light.GREY: "panel-lighten-3",
}


def _money(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}"


class ProjectCard(Static):
    DEFAULT_CSS = """
    ProjectCard { height: auto; max-height: 9; padding: 0 1; background: $background;
                  border-bottom: solid $primary; }
    /* Most projects' cards then have one shape: the wall does not move between them. */
    ProjectCard.-project { min-height: 5; }
    """
    HELP_KEY = "help.card"

    def show(self, text: Text) -> None:
        """Show `text`, laying the screen out again only if it takes other lines than what
        it replaces: the next project's card usually has the same shape, and a layout (two,
        as the card's size changes inside the first) was most of a switch's paint."""
        width = self.content_region.width
        self.update(text, layout=False)
        lines = self.get_content_height(self.size, self.app.size, width) if width > 0 else None
        if lines is None or self._height_for(lines) != self.outer_size.height:
            self.refresh(layout=True)

    def _height_for(self, lines: int) -> int:
        """The card's height with `lines` of content, within its minimum and maximum."""
        styles = self.styles
        height = lines + styles.gutter.height
        low, high = styles.min_height, styles.max_height
        if low is not None and low.unit is Unit.CELLS:
            height = max(height, int(low.value))
        if high is not None and high.unit is Unit.CELLS:
            height = min(height, int(high.value))
        return height

    def show_project(
        self,
        project: ProjectView | None,
        deadlines: list[ItemView],
        today: date,
        yellow_days: int,
        general_title: str = "",
        year: int | None = None,
    ) -> None:
        """``year``: the meeting's; its dates are shown without it (default today's)."""
        self.set_class(project is not None, "-project")
        if project is None:
            self.show(Text(general_title, style="bold"))
            return
        colours = self.app.theme_variables
        text = Text()
        if project.code:
            text.append(f"{project.code}  ", style="bold")
        text.append(project.name, style=f"bold {colours.get('primary', 'yellow')}")
        if project.street:
            text.append(f"  ·  {project.street}")
        text.append("\n")
        text.append(t("card.lead"), style="bold")
        text.append(project.lead_unit.name if project.lead_unit else "—")
        if project.units:
            text.append("   ")
            text.append(t("card.units"), style="bold")
            text.append("、".join(u.name for u in project.units))
        if project.leader:
            text.append("   ")
            text.append(t("card.leader"), style="bold")
            text.append(project.leader)
        text.append("\n")
        if project.annual_target:
            text.append(t("card.target"), style="bold")
            text.append(project.annual_target)
        if project.investment_total is not None:
            text.append("   ")
            text.append(
                t(
                    "card.investment",
                    total=_money(project.investment_total),
                    year=_money(project.investment_year),
                )
            )
        if project.latest is not None:
            text.append("\n")
            text.append(figures_text(project.latest))
        milestones = [d for d in deadlines if d.kind is Kind.DEADLINE]
        if milestones:
            text.append("\n")
            text.append(t("card.deadlines"), style="bold")
            for n, d in enumerate(milestones[:4]):
                lit = light(d.status, d.due_on(today), today, yellow_days)
                if n:
                    text.append("  ")
                text.append("● ", style=colours.get(LIGHT_CLASS[lit], "white"))
                text.append(d.text)
                if d.has_deadline:
                    text.append(" " + due_label(d.due, d.cadence, today.year if year is None else year))
        self.show(text)
