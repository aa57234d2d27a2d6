"""A folder of hostile inputs, made at test time (`make_all(folder)`), or by hand:

    python -m tests.support.hostile_inputs DIR

Each maker writes one file (or special file) and returns its path. Nothing here
ever opens a real device for writing: the devices the tests use are private
copies (`mknod`, root only) or are only named, never written.
"""

from __future__ import annotations

import copy
import io
import json
import os
import stat
import sys
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tui550.core.db import open_database
from tui550.core.exchange import load, parse

ESCAPES = (
    "\x1b]52;c;ZXZpbA==\x07 \x1b]0;pwned\x07 \x1b[2J \x1b]52;c;ZXZpbA==\x1b\\ "
    "\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\ \u202eevil\u202c \x9b31m"
)
UUIDS = {
    "unit": "00000000-0000-4000-8000-000000000001",
    "unit2": "00000000-0000-4000-8000-000000000002",
    "project": "00000000-0000-4000-8000-000000000003",
    "meeting": "00000000-0000-4000-8000-000000000004",
    "item": "00000000-0000-4000-8000-000000000005",
    "attachment": "00000000-0000-4000-8000-000000000006",
}
T = "2026-07-06T01:00:00+00:00"

_CT = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
    '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
    'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_BOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>{doctype}<workbook xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships"><sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_BOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main"><sheetData>'
)
_SHEET_TAIL = "</sheetData></worksheet>"


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _row(n: int, *texts: str) -> str:
    cells = "".join(_cell(f"{chr(65 + i)}{n}", v) for i, v in enumerate(texts))
    return f'<row r="{n}">{cells}</row>'


def _workbook(
    path: Path,
    rows: Callable[[], Any],
    *,
    doctype: str = "",
    name: str = "项目台账",
    extra: dict[str, bytes] | None = None,
) -> Path:
    """A minimal .xlsx whose sheet XML is streamed from `rows()` (chunks of str)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _BOOK.format(doctype=doctype, name=name))
        z.writestr("xl/_rels/workbook.xml.rels", _BOOK_RELS)
        for member, data in (extra or {}).items():
            z.writestr(member, data)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(_SHEET_HEAD.encode())
            for chunk in rows():
                sheet.write(chunk.encode("utf-8"))
            sheet.write(_SHEET_TAIL.encode())
    return path


def xlsx_bomb(folder: Path) -> Path:
    """About a megabyte on disk whose sheet XML unpacks to 300 MiB."""
    filler = "<!--" + "x" * (1 << 20) + "-->"

    def rows() -> Any:
        yield _row(1, "项目编号", "项目名称")
        for _ in range(300):
            yield filler

    return _workbook(folder / "bomb.xlsx", rows)


def shared_strings_bomb(folder: Path) -> Path:
    """Shared strings (which openpyxl reads whole) of 60 MiB, from a small file."""
    body = io.BytesIO()
    body.write(
        b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    )
    body.write(b"<si><t>" + b"a" * (60 << 20) + b"</t></si></sst>")
    return _workbook(
        folder / "strings-bomb.xlsx",
        lambda: iter([_row(1, "项目编号", "项目名称")]),
        extra={"xl/sharedStrings.xml": body.getvalue()},
    )


def xlsx_xxe(folder: Path) -> Path:
    doctype = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    rows = [_row(1, "项目编号", "项目名称"), _row(2, "A1", "&e;")]
    return _workbook(folder / "xxe.xlsx", lambda: iter(rows), doctype=doctype, name="&e;")


def xlsx_laughs(folder: Path) -> Path:
    ents = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    doctype = f'<!DOCTYPE x [<!ENTITY l0 "lol">{ents}]>'
    return _workbook(
        folder / "laughs.xlsx", lambda: iter([_row(1, "项目编号", "项目名称")]), doctype=doctype, name="&l9;"
    )


def xlsx_many_rows(folder: Path, rows: int = 60_000) -> Path:
    def chunks() -> Any:
        yield _row(1, "项目编号", "项目名称", "总投资")
        for n in range(2, rows + 2):
            yield _row(n, f"B{n}", f"项目{n}", str(n))

    return _workbook(folder / "many-rows.xlsx", chunks)


def csv_many_rows(folder: Path, rows: int = 1_000_000) -> Path:
    path = folder / "many-rows.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("项目编号,项目名称,总投资\r\n")
        for n in range(rows):
            fh.write(f"B{n},项目{n},{n}\r\n")
    return path


def csv_gbk_bad_row3(folder: Path) -> Path:
    path = folder / "gbk-bad-row3.csv"
    good = "项目编号,项目名称\r\nA1,民主路改造\r\n".encode("gbk")
    path.write_bytes(good + b"A2,\x81\x20bad\r\nA3," + "焦西".encode("gbk") + b"\r\n")
    return path


def csv_utf8_bad_late(folder: Path, row: int = 30_002) -> Path:
    """UTF-8 with a stray byte on row `row` (the header is row 1)."""
    path = folder / "utf8-bad-late.csv"
    with path.open("wb") as fh:
        fh.write("项目编号,项目名称\r\n".encode())
        for n in range(2, row):
            fh.write(f"B{n},项目{n}\r\n".encode())
        fh.write(b"B,\xff\r\n")
    return path


def csv_huge_cell(folder: Path) -> Path:
    path = folder / "huge-cell.csv"
    with path.open("w", encoding="utf-8") as fh:
        fh.write("项目编号,项目名称\r\nA1,")
        fh.write("长" * 5_000_000)
        fh.write("\r\n")
    return path


def csv_lead_dots(folder: Path) -> Path:
    path = folder / "lead-dots.csv"
    path.write_text("项目编号,项目名称,牵头单位\r\nA1,民主路改造,..\r\n", encoding="utf-8")
    return path


def fifo(folder: Path, name: str = "pipe.csv") -> Path:
    path = folder / name
    os.mkfifo(path)
    return path


def private_device(folder: Path, name: str = "null-copy") -> Path | None:
    """A character device like /dev/null, of our own (root only); None otherwise."""
    path = folder / name
    try:
        os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        return None
    return path


# --- exchange files ----------------------------------------------------------------------


def exchange(**changes: Any) -> dict[str, Any]:
    """A small valid exchange file; `changes` maps "table.column" (first row) to a value."""
    record = {"created_at": T, "updated_at": T, "version": 1, "deleted_at": None}
    data: dict[str, Any] = {
        "format": "tui550-exchange",
        "version": 1,
        "schema": "0001",
        "scope": {"all": True},
        "tables": {
            "unit": [
                {
                    **record,
                    "id": UUIDS["unit"],
                    "name": "区测试局",
                    "kind": "department",
                    "note": None,
                    "merged_into_id": None,
                }
            ],
            "unit_alias": [],
            "project_unit": [],
            "agenda_entry": [],
            "item_unit": [],
            "attachment": [],
            "history": [],
            "project": [
                {
                    **record,
                    "id": UUIDS["project"],
                    "code": "T-1",
                    "name": "测试项目",
                    "category": None,
                    "street_id": None,
                    "leader": None,
                    "lead_unit_id": UUIDS["unit"],
                    "investment_total": 100.0,
                    "investment_year": None,
                    "annual_target": None,
                    "content": None,
                    "planned_start": None,
                    "planned_end": None,
                    "status": None,
                    "note": None,
                }
            ],
            "meeting": [
                {
                    **record,
                    "id": UUIDS["meeting"],
                    "title": "测试会议",
                    "issue_no": None,
                    "date": "2026-07-06",
                    "starts_at": None,
                    "ends_at": None,
                    "place": None,
                    "chair": None,
                    "attendees": None,
                    "non_voting": None,
                    "absentees": None,
                    "recorder": None,
                    "state": "closed",
                    "current_position": 0,
                }
            ],
            "item": [
                {
                    **record,
                    "id": UUIDS["item"],
                    "meeting_id": UUIDS["meeting"],
                    "project_id": UUIDS["project"],
                    "kind": "issue",
                    "tag": None,
                    "text": "正常的事项",
                    "category": None,
                    "steps": None,
                    "lead_unit_id": UUIDS["unit"],
                    "due": "2026-07-31",
                    "actual": None,
                    "status": "open",
                    "created_by": "tester",
                    "original_due": "2026-07-31",
                    "extensions": 0,
                    "escalation": 0,
                    "closed_at": None,
                    "closed_by": None,
                    "closed_note": None,
                }
            ],
        },
    }
    data = copy.deepcopy(data)
    for where, value in changes.items():
        table, column = where.split(".")
        data["tables"][table][0][column] = value
    return data


def exchange_database(path: Path) -> str:
    """A database at `path` holding the small valid exchange file; its URL."""
    db = open_database(str(path))
    try:
        load(db, parse(json.dumps(exchange()).encode()))
    finally:
        db.close()
    return str(path)


def write_exchange(folder: Path, name: str, data: dict[str, Any] | str) -> Path:
    path = folder / name
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


# (file name, changes, the JSON path the refusal names)
BAD_EXCHANGES: tuple[tuple[str, dict[str, Any], str], ...] = (
    ("kind-evil.json", {"item.kind": "evil"}, "tables.item[0].kind"),
    ("status-whatever.json", {"item.status": "whatever"}, "tables.item[0].status"),
    ("text-integer.json", {"item.text": 12345}, "tables.item[0].text"),
    ("year-1.json", {"item.due": "0001-01-01"}, "tables.item[0].due"),
    ("year-9999.json", {"meeting.date": "9999-12-31"}, "tables.meeting[0].date"),
    ("unit-self-merge.json", {"unit.merged_into_id": UUIDS["unit"]}, "tables.unit[0].merged_into_id"),
    (
        "dangling-project.json",
        {"item.project_id": "00000000-0000-4000-8000-0000000000ff"},
        "tables.item[0].project_id",
    ),
    ("bool-version.json", {"item.version": True}, "tables.item[0].version"),
    ("no-zone.json", {"item.created_at": "2026-07-06T01:00:00"}, "tables.item[0].created_at"),
)


def nan_exchange(folder: Path) -> Path:
    """NaN and Infinity are not JSON, but Python's reader accepts them."""
    text = json.dumps(exchange(), ensure_ascii=False).replace(
        '"investment_total": 100.0', '"investment_total": NaN'
    )
    assert "NaN" in text
    return write_exchange(folder, "nan.json", text)


def huge_text_exchange(folder: Path, chars: int = 5_000_000) -> Path:
    return write_exchange(folder, "huge-text.json", exchange(**{"item.text": "长" * chars}))


def escapes_exchange(folder: Path) -> Path:
    data = exchange(**{"item.text": "逃逸" + ESCAPES, "unit.name": "区" + ESCAPES[:12] + "局"})
    return write_exchange(folder, "escapes.json", data)


def make_all(folder: Path) -> dict[str, Path | None]:
    folder.mkdir(parents=True, exist_ok=True)
    made: dict[str, Path | None] = {
        "xlsx_bomb": xlsx_bomb(folder),
        "shared_strings_bomb": shared_strings_bomb(folder),
        "xlsx_xxe": xlsx_xxe(folder),
        "xlsx_laughs": xlsx_laughs(folder),
        "csv_gbk_bad_row3": csv_gbk_bad_row3(folder),
        "csv_lead_dots": csv_lead_dots(folder),
        "csv_huge_cell": csv_huge_cell(folder),
        "fifo": fifo(folder),
        "device": private_device(folder),
        "nan": nan_exchange(folder),
        "escapes": escapes_exchange(folder),
    }
    for name, changes, _ in BAD_EXCHANGES:
        made[name] = write_exchange(folder, name, exchange(**changes))
    return made


if __name__ == "__main__":
    for key, path in make_all(Path(sys.argv[1])).items():
        print(f"{key}: {path}")


def large_exchange(folder: Path, megabytes: int = 30) -> Path:
    """A valid exchange file of about `megabytes` MB: items of 10,000 characters each."""
    data = exchange()
    first = data["tables"]["item"][0]
    text = "项目推进中的问题说明" * 1000
    count = megabytes * 1024 * 1024 // (len(text.encode("utf-8")) + 600)
    data["tables"]["item"] = [
        {**first, "id": str(uuid.UUID(int=n + 1, version=4)), "text": text} for n in range(count)
    ]
    return write_exchange(folder, "large.json", data)
