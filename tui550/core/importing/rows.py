"""Turning data rows into checked records, with every problem named by row and column."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

from tui550.core.cadence import parse_cadence
from tui550.core.domain import Status
from tui550.core.importing.headers import KEY_FIELD, Header, column_letter, field_for
from tui550.core.importing.values import (
    BadValue,
    NotADate,
    cell_text,
    is_section,
    is_subtotal,
    parse_date,
    parse_number,
    parse_percent,
    parse_status,
    split_units,
)
from tui550.core.text import limit_of


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth saying) about one cell or row."""

    row: int | None
    column: str | None  # "C（牵头单位）"
    key: str
    args: dict[str, object] = field(default_factory=dict)


@dataclass(slots=True)
class ProjectRecord:
    row: int
    name: str
    code: str | None = None
    values: dict[str, Any] = field(default_factory=dict)  # model field -> value (only cells given)
    street: str | None = None
    lead_unit: str | None = None
    units: list[str] | None = None  # None: the cell was empty or absent
    # The month's figures (month, investment completed, 形象进度 %), if the ledger has them.
    month: tuple[date, float | None, float | None] | None = None


@dataclass(slots=True)
class IssueRecord:
    row: int
    text: str
    project: str | None
    project_code: str | None
    category: str | None
    lead_unit: str | None
    units: list[str]
    steps: str | None
    due: date | None
    status: Status | None  # None: not given (a new issue is open)
    cadence: str | None = None  # a standing 完成时限 (每月底前, 长期坚持), kept as written


class RowParser:
    """Checks one data row at a time against a header; collects problems and warnings."""

    def __init__(self, kind: str, header: Header, ref: date | None = None) -> None:
        self.kind = kind
        self.header = header
        self.ref = ref  # relative dates (12月底, 下周五) are read against it
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.skipped = 0
        self._bad: bool = False
        self._row = 0
        self._values: list[Any] = []
        self._uncached: set[int] = set()

    def where(self, name: str) -> str:
        column = self.header.columns[name]
        return f"{column_letter(column)}（{self.header.names.get(column, '')}）"

    def _problem(self, name: str | None, key: str, **args: object) -> None:
        self._bad = True
        self.problems.append(Problem(self._row, self.where(name) if name else None, key, args))

    def _warn(self, name: str | None, key: str, **args: object) -> None:
        self.warnings.append(Problem(self._row, self.where(name) if name else None, key, args))

    def _raw(self, name: str) -> Any:
        column = self.header.columns.get(name)
        if column is None or column >= len(self._values):
            if column is not None and column in self._uncached:
                self._problem(name, "import.formula_uncached")
            return None
        if column in self._uncached:
            self._problem(name, "import.formula_uncached")
            return None
        return self._values[column]

    def _text(self, name: str) -> str | None:
        text = cell_text(self._raw(name))
        # The same limits as every other way into the store (text.limit_of).
        if text is not None and len(text) > limit_of(name):
            self._problem(name, "import.too_long", limit=limit_of(name))
            return None
        return text

    def _units(self, name: str) -> list[tuple[str, bool]]:
        """The unit names of a cell; a cell with text but no name in it (`..`, `、、`) is a
        problem, not an empty cell: the row meant a unit and would silently lose it."""
        raw = self._raw(name)
        found = split_units(raw)
        text = cell_text(raw)
        if not found and text is not None:
            self._problem(name, "import.no_unit_name", value=text[:40])
        if any(len(unit) > limit_of("name") for unit, _ in found):
            self._problem(name, "import.too_long", limit=limit_of("name"))
            return []
        return found

    def _parsed(self, name: str, parser: Callable[[Any], Any]) -> Any:
        raw = self._raw(name)
        try:
            return parser(raw)
        except NotADate as exc:
            self._warn(name, exc.key, **exc.args_)
        except BadValue as exc:
            self._problem(name, exc.key, **exc.args_)
        return None

    def _month_figures(self) -> tuple[date, float | None, float | None] | None:
        invested = None
        if "month_invested" in self.header.columns:
            invested = self._parsed("month_invested", parse_number)
            if invested is not None:
                invested = round(invested * self.header.scale.get("month_invested", 1.0), 4)
        pct = self._parsed("progress_pct", parse_percent) if "progress_pct" in self.header.columns else None
        if invested is None and pct is None:
            return None
        month = self.header.month or (self.ref or date.today()).replace(day=1)
        return month, invested, pct

    def skip(self, number: int, values: list[Any]) -> bool:
        """Blank rows, subtotals, group headings and repeated header rows carry no record."""
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            return True
        if is_subtotal(values) or is_section(values):
            self.skipped += 1
            return True
        key = KEY_FIELD[self.kind]
        column = self.header.columns.get(key)
        if column is not None and column < len(values) and field_for(self.kind, values[column]) == key:
            self.skipped += 1  # the header repeated on every printed page
            return True
        return False

    def _start(self, number: int, values: list[Any], uncached: set[int]) -> None:
        self._row, self._values, self._uncached, self._bad = number, values, uncached, False

    def project(self, number: int, values: list[Any], uncached: set[int]) -> ProjectRecord | None:
        self._start(number, values, uncached)
        name = self._text("name")
        if not name:
            self._problem("name", "import.no_name")
            return None
        record = ProjectRecord(row=number, name=name, code=self._text("code"))
        given = self.header.columns
        for key in ("category", "leader", "annual_target", "content", "status", "note"):
            if key in given and (text := self._text(key)) is not None:
                record.values[key] = text
        for key in ("investment_total", "investment_year"):
            if key in given:
                number_value = self._parsed(key, parse_number)
                if number_value is not None:
                    record.values[key] = round(number_value * self.header.scale.get(key, 1.0), 4)
        for key, end in (("planned_start", False), ("planned_end", True)):
            if key in given:
                day = self._parsed(key, partial(parse_date, end=end, ref=self.ref))
                if day is not None:
                    record.values[key] = day
        start, finish = record.values.get("planned_start"), record.values.get("planned_end")
        if start and finish and finish < start:
            self._problem(
                "planned_end", "import.end_before_start", start=start.isoformat(), end=finish.isoformat()
            )
        if "month_invested" in given or "progress_pct" in given:
            record.month = self._month_figures()
        street = self._units("street")
        record.street = street[0][0] if street else None
        lead = self._units("lead_unit")
        if len(lead) > 1:
            self._warn("lead_unit", "import.several_leads", first=lead[0][0])
        units = self._units("units")
        marked = [n for n, is_lead in units if is_lead]
        record.lead_unit = lead[0][0] if lead else (marked[0] if marked else None)
        if units:
            record.units = [n for n, _ in units if n != record.lead_unit]
        return None if self._bad else record

    def issue(self, number: int, values: list[Any], uncached: set[int]) -> IssueRecord | None:
        self._start(number, values, uncached)
        text = self._text("text")
        if not text:
            self._problem("text", "import.no_text")
        project, code = self._text("project"), self._text("project_code")
        if not project and not code:
            self._problem("project" if "project" in self.header.columns else None, "import.no_project")
        lead = self._units("lead_unit")
        units = self._units("units")
        if lead:
            lead_name: str | None = lead[0][0]
        else:
            # Issue lists often have only 责任单位: its first (or marked) unit leads.
            marked = [n for n, is_lead in units if is_lead]
            lead_name = marked[0] if marked else (units[0][0] if units else None)
        written = cell_text(self._raw("due"))
        cadence = parse_cadence(written) if written is not None else None
        due = None
        if "due" in self.header.columns and cadence is None:
            due = self._parsed("due", partial(parse_date, end=True, ref=self.ref))
        status = None
        if cell_text(self._raw("status")) is not None:
            status = self._parsed("status", parse_status)
        category, steps = self._text("category"), self._text("steps")
        if self._bad or not text:
            return None
        return IssueRecord(
            row=number,
            text=text,
            project=project,
            project_code=code,
            category=category,
            lead_unit=lead_name,
            units=[n for n, _ in units if n != lead_name],
            steps=steps,
            due=due,
            status=status,
            cadence=cadence,
        )
