"""Item lists: this meeting's captures and the project's items carried from earlier.

A list widget of our own on Textual's line API rather than a DataTable. The
meeting repaints these lists after every capture and every project switch,
and a DataTable renders each visible cell through Rich again whenever it
repaints, which made painting most of a capture on the benchmark district.
Here each item is rendered once into strips, at the current width, and kept;
painting a line is a list lookup, and a capture renders only the new item.
The text column takes the width left over and wraps (up to six lines), so a
long sentence stays readable instead of being cut off; every column breaks its
lines by Chinese rules and ends a cut with "…" (`linebreak`).

The selected row must be found from the back of the room: while the list has focus
it is drawn over every colour its cells have (the theme's block cursor) and marked
with "►" in its first cell.
"""

from __future__ import annotations

import uuid
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from tui550.app.widgets.linebreak import fit_lines, line_count
from tui550.core.day_text import DUE_CELLS, due_label
from tui550.core.domain import ItemView, Kind, Light
from tui550.core.lights import days_overdue, light
from tui550.i18n import t

if TYPE_CHECKING:
    from textual.theme import Theme

    from tui550.core.followup.views import SupervisionRow

LIGHT_VARS = {
    Light.RED: "error",
    Light.YELLOW: "warning",
    Light.GREEN: "success",
    Light.GREY: "panel-lighten-3",
}
KIND_MARK = {
    Kind.MINUTE: "kind.short.minute",
    Kind.DECISION: "kind.short.decision",
    Kind.ISSUE: "kind.short.issue",
    Kind.DEADLINE: "kind.short.deadline",
}
MAX_ROW_LINES = 6
PAD = 1  # blank cells either side of every column
CURSOR_MARK = "►"  # in the selected row's first cell (East Asian width neutral: one cell)
STRIPS_KEPT = 2000  # rendered items kept (a few screens of every project shown lately)


EVIDENCE_MARK = "📎 "  # before the text of an item with files attached


def units_text(item: ItemView) -> str:
    names = [item.lead_unit.name] if item.lead_unit else []
    names += [u.name for u in item.co_units]
    return "、".join(names)


def due_text(item: ItemView, year: int) -> str:
    """The due column: 7月31日, with its year when that is not ``year`` (the year in view)."""
    return due_label(item.due, item.cadence, year)


class ItemTable(ScrollView, can_focus=True):
    """Rows keyed by item id; `items` mirrors what is shown, oldest first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("home", "cursor_to(0)", show=False),
        Binding("end", "cursor_to(-1)", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"itemtable--header", "itemtable--cursor"}
    DEFAULT_CSS = """
    ItemTable { height: 1fr; background: $background; color: $foreground;
                overflow-x: hidden; overflow-y: scroll; scrollbar-size-vertical: 1;
                scrollbar-visibility: hidden; }
    ItemTable:focus { scrollbar-visibility: visible; }
    ItemTable > .itemtable--header { background: $panel; color: $foreground; text-style: bold; }
    ItemTable > .itemtable--cursor { background: $block-cursor-background;
                                     color: $block-cursor-foreground; text-style: bold; }
    """

    FIXED = (("mark", 6), ("units", 16), ("due", DUE_CELLS))
    # Carried rows also show their status, escalation and the "carried N meetings" badge.
    FOLLOW = ("follow", 16)

    def __init__(
        self,
        *,
        carried: bool = False,
        today: date,
        yellow_days: int,
        year: int | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.carried = carried
        self.today = today
        # Dates of this year are shown without it: the meeting's year, else today's.
        self._year = today.year if year is None else year
        self.yellow_days = yellow_days
        self.items: list[ItemView] = []
        self.info: dict[uuid.UUID, SupervisionRow] = {}
        self.cursor_row = 0
        self._text_width = 40
        self._starts: list[int] = []  # first line of each item
        self._heights: list[int] = []
        # Rendered at the current width, with what they were rendered from: a switch back to
        # a project, or a live refresh, finds most of its rows ready.
        self._strips: dict[uuid.UUID, tuple[ItemView, object, date, list[Strip]]] = {}
        self._header: Strip | None = None
        # Our own style, read for every line painted: Textual works it out from the
        # ancestors each time (a third of painting the list). Kept until the CSS changes.
        self._base: Style | None = None
        self._base_was: Style | None = None
        # The header's and the cursor's styles, likewise: Textual drops its own cache of
        # them at every refresh, and a capture's paint would work both out again.
        self._parts: dict[str, Style] = {}
        self._after_draw: list[Callable[[], None]] = []

    @property
    def year(self) -> int:
        return self._year

    @year.setter
    def year(self, year: int) -> None:
        if year != self._year:
            self._year = year
            self._strips.clear()  # rows rendered with the other year's dates
            self.refresh()

    # --- columns ---------------------------------------------------------------------------
    def _fixed(self) -> tuple[tuple[str, int], ...]:
        return (*self.FIXED, self.FOLLOW) if self.carried else self.FIXED

    def _widths(self) -> list[int]:
        fixed = [w for _, w in self._fixed()]
        return [fixed[0], self._text_width, *fixed[1:]]

    def _headers(self) -> list[str]:
        keys = ["list.col.kind", "list.col.text", "list.col.units", "list.col.due"]
        if self.carried:
            keys.append("carried.col.follow")
        return [t(key) for key in keys]

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, _theme: Theme) -> None:
        self._strips.clear()  # the lights' colours come from the theme
        self._header = None
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base = None
        self._parts.clear()

    def _part_style(self, name: str) -> Style:
        style = self._parts.get(name)
        if style is None:
            style = self._parts[name] = self.get_component_rich_style(name)
        return style

    @property
    def base_style(self) -> Style:
        """`rich_style`, worked out again only after a style change; rows rendered in
        another base style are rendered again."""
        base = self._base
        if base is None:
            base = self._base = self.rich_style
            if base != self._base_was:
                self._base_was = base
                self._strips.clear()
        return base

    def on_resize(self, event: events.Resize) -> None:
        fixed = sum(w for _, w in self._fixed()) + 2 * PAD * (len(self._fixed()) + 1)
        width = max(16, event.size.width - 1 - fixed)  # the scrollbar's column, always reserved
        if width != self._text_width:
            self._text_width = width
            self._strips.clear()
            self._header = None
            self._lay_out()
        # A new height changes what fits: the cursor's row comes into view again. Unfocused,
        # the cursor is on the newest row (carried: the most urgent), unless it was just put
        # on an item to show (a search result), whose focus may arrive after this resize.
        self._show_cursor(False)

    # --- what a row shows ------------------------------------------------------------------
    def light_of(self, item: ItemView) -> Light | None:
        return (
            light(item.status, item.due_on(self.today), self.today, self.yellow_days)
            if item.tracked
            else None
        )

    def _colour(self, which: Light) -> str:
        return self.app.theme_variables.get(LIGHT_VARS[which], "white")

    def _follow(self, item: ItemView) -> Text:
        row = self.info.get(item.id)
        out = Text()
        if item.status is not None and item.status.value in ("reported", "in_progress"):
            out.append(t(f"carried.status.{item.status.value}") + " ")
        if row is None:
            return out
        if row.escalation:
            colour = {1: "primary", 2: "warning", 3: "error"}[int(row.escalation)]
            out.append(
                t(f"escalation.short.{row.escalation.colour}") + " ",
                style=f"bold {self.app.theme_variables.get(colour, 'white')}",
            )
        if row.carried:
            out.append(t("carried.badge", n=row.carried))
        return out

    def row_cells(self, item: ItemView) -> tuple[Text, ...]:
        """The cells of an item's row, left to right."""
        lit = self.light_of(item)
        if item.version == 0:  # held on this computer, not yet on the server (app/held_captures.py)
            mark = Text(t("outbox.mark"), style=f"bold reverse {self._colour(Light.YELLOW)}")
        else:
            mark = Text("● " if lit else "  ", style=self._colour(lit) if lit else "")
            mark.append(t(KIND_MARK[item.kind]) if not item.tag else t(f"tag.short.{item.tag.value}"))
        text = Text(EVIDENCE_MARK + item.text) if item.evidence else Text(item.text)
        due = Text(due_text(item, self.year))
        if lit is Light.RED:
            late = days_overdue(item.due, self.today)
            due = Text(t("list.overdue_days", days=late), style=f"bold {self._colour(Light.RED)}")
        elif lit is not None and item.has_deadline:
            due.stylize(self._colour(lit))
        if self.carried:
            return mark, text, Text(units_text(item)), due, self._follow(item)
        return mark, text, Text(units_text(item)), due

    def get_row_at(self, row: int) -> tuple[Text, ...]:
        return self.row_cells(self.items[row])

    @property
    def row_count(self) -> int:
        return len(self.items)

    def _height(self, item: ItemView) -> int:
        text = EVIDENCE_MARK + item.text if item.evidence else item.text
        return min(line_count(text, self._text_width), MAX_ROW_LINES)

    def _render_cells(self, cells: Iterable[Text], height: int, base: Style) -> list[Strip]:
        """Cells wrapped to their column widths and cropped to `height` lines, side by side."""
        console = self.app.console
        columns: list[list[list[Segment]]] = []
        for cell, width in zip(cells, self._widths(), strict=True):
            # Lines broken here (Chinese rules, "…" at a cut), so Rich only draws them.
            fitted = Text("\n").join(fit_lines(cell, width, height))
            options = console.options.update(width=width, height=height, no_wrap=True)
            lines = console.render_lines(fitted, options, style=base, pad=True)[:height]
            blank = [Segment(" " * width, base)]
            columns.append(lines + [blank] * (height - len(lines)))
        pad = Segment(" " * PAD, base)
        strips = []
        for n in range(height):
            segments: list[Segment] = []
            for column in columns:
                segments += [pad, *column[n], pad]
            strips.append(Strip(segments))
        return strips

    def _item_strips(self, index: int) -> list[Strip]:
        item = self.items[index]
        row = self.info.get(item.id) if self.carried else None
        cached = self._strips.get(item.id)
        if cached is not None and cached[0] == item and cached[1] == row and cached[2] == self.today:
            return cached[3]
        if len(self._strips) >= STRIPS_KEPT:
            self._strips.clear()
        strips = self._render_cells(self.row_cells(item), self._heights[index], self.base_style)
        self._strips[item.id] = (item, row, self.today, strips)
        return strips

    # --- the line API ----------------------------------------------------------------------
    def _lay_out(self) -> None:
        """Heights and first lines of every item (no rendering), and the scrollable size."""
        self._heights = [self._height(item) for item in self.items]
        self._starts = []
        line = 0
        for height in self._heights:
            self._starts.append(line)
            line += height
        self._resize_to(Size(0, line + 1))  # + the header; never wider than the view
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            style = self._part_style("itemtable--header")
            if self._header is None:
                self._header = self._render_cells((Text(h) for h in self._headers()), 1, style)[0]
            return self._header.crop_extend(0, width, style)
        base = self.base_style
        line = self.scroll_offset.y + y - 1
        if not self.items or line >= self._starts[-1] + self._heights[-1]:
            return Strip.blank(width, base)
        index = bisect_right(self._starts, line) - 1
        strip = self._item_strips(index)[line - self._starts[index]]
        if index == self.cursor_row and self.has_focus:
            strip = self._cursor_line(strip, first=line == self._starts[index])
        return strip.crop_extend(0, width, base)

    def _cursor_line(self, strip: Strip, *, first: bool) -> Strip:
        """A line of the selected row: the cursor's colours over the cells' own (a light's
        colour must not hide the selection), and the mark on its first line."""
        style = self._part_style("itemtable--cursor")
        if first:
            strip = Strip.join([Strip([Segment(CURSOR_MARK)], 1), strip.crop(PAD)])
        return Strip(Segment.apply_style(strip, post_style=style), strip.cell_length)

    # --- changing what is shown ------------------------------------------------------------
    def set_items(
        self, items: Iterable[ItemView], info: Mapping[uuid.UUID, SupervisionRow] | None = None
    ) -> None:
        self.items = list(items)
        if info is not None:
            self.info = dict(info)
        self.cursor_row = min(self.cursor_row, max(0, len(self.items) - 1))
        self._lay_out()
        if self.carried:
            # Carried items come most urgent first: unfocused, the list shows its top.
            if self.items and not self.has_focus:
                self.move_cursor(row=0)
        else:
            self.scroll_to_newest()

    def after_next_draw(self, callback: Callable[[], None]) -> None:
        """Call `callback` once the list has been drawn, after that frame is out.

        For timings, and for work that must not compete with the frame (a switch's writes,
        start-up's reads ahead): `call_after_refresh` may run before the frame that shows a
        change (widgets tell the screen what to repaint from their own queues)."""
        self._after_draw.append(callback)
        self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        lines = super().render_lines(crop)
        if self._after_draw:
            waiting, self._after_draw = self._after_draw, []
            # Next on the screen's own queue: the frame is written within the update that
            # drew these lines, and the app's queue (keys, workers' news) may be long.
            for callback in waiting:
                self.screen.call_next(callback)
        return lines

    def append_item(self, item: ItemView) -> None:
        self.items.append(item)
        height = self._height(item)
        self._starts.append(self._starts[-1] + self._heights[-1] if self._heights else 0)
        self._heights.append(height)
        self._resize_to(Size(0, self._starts[-1] + height + 1))
        self.scroll_to_newest()
        self.refresh()

    def _resize_to(self, size: Size) -> None:
        """A new virtual size (another project's items, one more item). Textual lays the
        whole screen out for that, twice when a scrollbar comes or goes inside the first
        layout. That is needed only if a scrollbar shown only on overflow does come or go,
        or if the list's height follows its lines (auto) and is not already at its
        maximum; otherwise the thumb is updated as Textual does for a size change without
        layout (`Widget._size_updated`). Our lists keep their scrollbar (overflow-y:
        scroll) and take a share of the room, so neither happens."""
        old, shown = self.virtual_size.height, self.container_size.height
        height, styles = self.styles.height, self.styles
        sized_by_lines = height is not None and height.is_auto
        at_most = old > shown and size.height >= shown  # was and stays cut to its maximum
        toggles = styles.overflow_y == "auto" and (size.height > shown) != self.show_vertical_scrollbar
        if toggles or (sized_by_lines and size.height != old and not at_most):
            self.virtual_size = size
            return
        self.set_reactive(ScrollView.virtual_size, size)
        bar = self._hidden_scrollbar()
        if bar is None:
            self._scroll_update(size)
            return
        bar.set_reactive(ScrollBar.window_virtual_size, size.height)
        bar.set_reactive(ScrollBar.window_size, self.container_size.height - self.scrollbar_size_horizontal)
        self.scroll_y = self.validate_scroll_y(self.scroll_y)

    def _hidden_scrollbar(self) -> ScrollBar | None:
        """The vertical scrollbar while it keeps its column but is hidden (unfocused).

        A hidden scrollbar is not on the screen's map, and Textual arranges the whole screen
        again when something off the map is refreshed: a capture's new size and scroll
        would do that every time. Its thumb is set quietly instead, and drawn when focus
        shows it."""
        if self.styles.scrollbar_visibility == "hidden" and self.show_vertical_scrollbar:
            return self.vertical_scrollbar
        return None

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        bar = self._hidden_scrollbar()
        if bar is None:
            super().watch_scroll_y(old_value, new_value)
            return
        bar.set_reactive(ScrollBar.position, new_value)
        if round(old_value) != round(new_value):
            self.refresh(self.size.region)

    def replace_item(self, item: ItemView) -> None:
        for n, old in enumerate(self.items):
            if old.id == item.id:
                self.items[n] = item
                self._strips.pop(item.id, None)
        self._lay_out()
        self.select(item.id)

    def remove_item(self, item_id: uuid.UUID) -> None:
        self.items = [i for i in self.items if i.id != item_id]
        self._strips.pop(item_id, None)
        self.cursor_row = min(self.cursor_row, max(0, len(self.items) - 1))
        self._lay_out()

    # --- the cursor ------------------------------------------------------------------------
    def scroll_to_newest(self) -> None:
        if self.items and not self.has_focus:
            self.move_cursor(row=len(self.items) - 1, animate=False)

    def move_cursor(self, *, row: int, animate: bool = False) -> None:
        if not self.items:
            return
        self.cursor_row = max(0, min(row, len(self.items) - 1))
        self._show_cursor(animate)
        self.refresh()

    def _show_cursor(self, animate: bool) -> None:
        """Scroll so that the cursor's whole row is in view (below the header)."""
        height = self.scrollable_content_region.height
        if not self._starts or height < 2:
            return  # not laid out yet: on_resize scrolls once the height is known
        first = self._starts[self.cursor_row]
        last = first + self._heights[self.cursor_row]
        visible = height - 1  # below the header
        top = self.scroll_offset.y
        if first < top:
            self.scroll_to(y=first, animate=animate)
        elif last > top + visible:
            self.scroll_to(y=last - visible, animate=animate)

    def action_cursor(self, step: int) -> None:
        self.move_cursor(row=self.cursor_row + step)

    def action_cursor_to(self, row: int) -> None:
        self.move_cursor(row=row if row >= 0 else len(self.items) - 1)

    def on_click(self, event: events.Click) -> None:
        line = self.scroll_offset.y + event.y - 1
        if event.y >= 1 and self._starts and line < self._starts[-1] + self._heights[-1]:
            self.move_cursor(row=bisect_right(self._starts, line) - 1)

    def on_focus(self) -> None:
        self.refresh()  # the cursor shows only while the list has focus

    def on_blur(self) -> None:
        self.refresh()

    def select(self, item_id: uuid.UUID) -> None:
        for n, item in enumerate(self.items):
            if item.id == item_id:
                self.move_cursor(row=n, animate=False)

    def selected(self) -> ItemView | None:
        if not self.items or self.cursor_row < 0 or self.cursor_row >= len(self.items):
            return None
        return self.items[self.cursor_row]
