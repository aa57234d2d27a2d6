"""Reading a spreadsheet file into rows of cell values, whatever it turns out to be.

The file's bytes decide what it is, not its name: a zip is tried as .xlsx, an
OLE2 container is either an old .xls or a password-protected .xlsx (Excel wraps
encrypted workbooks in OLE2), anything else named .csv/.txt/.tsv is decoded as
text. Rows are produced one at a time so that a 100,000-row file never sits in
memory twice; each comes with the number the spreadsheet shows for it.

Only a regular file is read (a FIFO would block for ever). A workbook's members
are measured before any is parsed: one whose XML would expand past
`MAX_UNCOMPRESSED`, or whose shared strings (which are read whole) pass
`MAX_SHARED_STRINGS`, is refused as a zip bomb would be. A CSV file is decoded
one physical line at a time, so that a byte the encoding cannot read is reported
on the row that holds it, and no line may pass `MAX_LINE_BYTES`.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from tui550.core.errors import UserError
from tui550.core.files import check_input
from tui550.core.text import TEXT_MAX

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
# What an import may cost (docs/import-limits.md): the whole workbook unpacked, its
# shared strings (which openpyxl keeps in memory), one CSV line, one cell.
MAX_UNCOMPRESSED = 256 * 1024 * 1024
MAX_SHARED_STRINGS = 48 * 1024 * 1024
MAX_CELL_CHARS = TEXT_MAX
MAX_LINE_BYTES = 4 * MAX_CELL_CHARS + 1024
# A formula element in sheet XML, with or without a namespace prefix.
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")

Progress = Callable[[int], None]


@dataclass
class Row:
    number: int  # as the spreadsheet numbers it (1-based, title rows included)
    values: list[Any]
    # Columns (0-based) holding a formula that has no cached value.
    uncached: set[int] = field(default_factory=set)


@dataclass
class Table:
    """An open source of rows; `rows()` may be called once."""

    path: Path
    fmt: str  # "xlsx" or "csv"
    sheet: str | None
    sheets: tuple[str, ...]
    encoding: str | None
    _rows: Callable[[], Iterator[Row]]
    _close: Callable[[], None] = lambda: None

    def rows(self) -> Iterator[Row]:
        return self._rows()

    def close(self) -> None:
        self._close()


def open_table(path: Path, sheet: str | None = None) -> Table:
    """Open `path` for reading rows; a clear UserError for anything that is not a table."""
    check_input(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(4096)
    except FileNotFoundError:
        raise UserError("import.no_file", "import.no_file.remedy", path=str(path)) from None
    except IsADirectoryError:
        raise UserError("import.is_folder", "import.no_file.remedy", path=str(path)) from None
    except OSError as exc:
        raise UserError(
            "import.cannot_read", "import.no_file.remedy", path=str(path), reason=exc.strerror or str(exc)
        ) from None
    suffix = path.suffix.lower()
    if size == 0:
        raise UserError("import.empty_file", "import.empty_file.remedy", path=str(path))
    if head.startswith(OLE_MAGIC):
        with path.open("rb") as fh:
            body = fh.read(min(size, 1 << 20))
        if _ENCRYPTED_MARK in body:
            raise UserError("import.encrypted", "import.encrypted.remedy", path=str(path))
        raise UserError("import.xls", "import.xls.remedy", path=str(path))
    if suffix == ".xls":
        raise UserError("import.xls", "import.xls.remedy", path=str(path))
    if head.startswith(ZIP_MAGIC):
        return _open_xlsx(path, sheet)
    if suffix in TEXT_SUFFIXES:
        return _open_csv(path, head)
    raise UserError("import.unknown_format", "import.unknown_format.remedy", path=str(path))


def _open_xlsx(path: Path, sheet: str | None) -> Table:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            _check_sizes(path, archive)
            if "xl/workbook.xml" not in names:
                raise UserError("import.not_xlsx", "import.not_xlsx.remedy", path=str(path))
            sheet_paths = _sheet_paths(archive)
            with_formulas = {
                name
                for name, member in sheet_paths.items()
                if member in names and _has_formula(archive, member)
            }
        values_book = load_workbook(path, read_only=True, data_only=True)
    except UserError:
        raise
    except Exception as exc:  # zipfile, XML and openpyxl errors all mean "damaged"
        raise UserError(
            "import.corrupt", "import.corrupt.remedy", path=str(path), reason=type(exc).__name__
        ) from None
    sheets = tuple(values_book.sheetnames)
    if sheet is not None and sheet not in sheets:
        values_book.close()
        raise UserError("import.no_sheet", "import.no_sheet.remedy", sheet=sheet, sheets="、".join(sheets))

    def close() -> None:
        values_book.close()

    def rows_of(name: str) -> Iterator[Row]:
        ws = values_book[name]
        ws.reset_dimensions()  # trust the cells, not the (often wrong) stored dimension
        missing: dict[int, set[int]] = {}
        try:
            if name in with_formulas:
                with zipfile.ZipFile(path) as archive:
                    missing = _uncached_formulas(archive, sheet_paths[name])
            for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
                uncached = {i for i in missing.get(number, ()) if i >= len(values) or values[i] is None}
                yield Row(number, list(values), uncached)
        except UserError:
            raise
        except Exception as exc:
            raise UserError(
                "import.corrupt", "import.corrupt.remedy", path=str(path), reason=type(exc).__name__
            ) from None

    table = Table(
        path=path,
        fmt="xlsx",
        sheet=sheet,
        sheets=sheets,
        encoding=None,
        _rows=lambda: rows_of(table.sheet or sheets[0]),
        _close=close,
    )
    return table


def _check_sizes(path: Path, archive: zipfile.ZipFile) -> None:
    """Refuse a workbook that would unpack to more than we read, before parsing it.

    The sizes in the directory are what the members claim; a member that inflates
    past its claim is cut off by zipfile itself (it checks the CRC and the size)."""
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.filename.lower().endswith("sharedstrings.xml") and info.file_size > MAX_SHARED_STRINGS:
            raise UserError(
                "import.too_big_unpacked",
                "import.too_big.remedy",
                path=str(path),
                size=info.file_size // (1024 * 1024),
                limit=MAX_SHARED_STRINGS // (1024 * 1024),
            )
    if total > MAX_UNCOMPRESSED:
        raise UserError(
            "import.too_big_unpacked",
            "import.too_big.remedy",
            path=str(path),
            size=total // (1024 * 1024),
            limit=MAX_UNCOMPRESSED // (1024 * 1024),
        )


def _sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its XML member, from the workbook and its relationships."""

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    try:
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except KeyError:
        return {}
    targets = {r.get("Id"): r.get("Target") or "" for r in rels}
    out: dict[str, str] = {}
    for sheet in book.iter(main + "sheet"):
        target = targets.get(sheet.get(rel + "id"), "")
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        out[sheet.get("name") or ""] = target
    return out


_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_VALUE = re.compile(rb"<(?:\w+:)?v>[^<]")


def _uncached_formulas(archive: zipfile.ZipFile, member: str) -> dict[int, set[int]]:
    """Cells whose formula has no saved value, by row number: a scan of the raw XML.

    Cheaper than reading the sheet a second time through openpyxl, and only done
    for sheets that have formulas at all.
    """
    found: dict[int, set[int]] = {}
    rest = b""
    with archive.open(member) as fh:
        while True:
            chunk = fh.read(1 << 20)
            data = rest + chunk
            if chunk:
                end = data.rfind(b"</row>")
                if end < 0:  # no whole row yet: read on
                    rest = data
                    continue
                cut = end + len(b"</row>")
            else:
                cut = len(data)
            block, rest = data[:cut], data[cut:]
            for cell in _CELL.finditer(block):
                body = cell.group(2) or b""
                if _FORMULA.search(body) and not _VALUE.search(body):
                    ref = _REF.search(cell.group(1))
                    if ref:
                        found.setdefault(int(ref[2]), set()).add(_column_index(ref[1].decode()))
            if not chunk:
                return found


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def _has_formula(archive: zipfile.ZipFile, name: str) -> bool:
    tail = b""
    with archive.open(name) as fh:
        while chunk := fh.read(1 << 20):
            if _FORMULA.search(tail + chunk):
                return True
            tail = chunk[-16:]
    return False


def detect_encoding(head: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK,
    which is what Excel and WPS write for "CSV" on Chinese Windows)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=False)  # a character cut at the end of `head` is fine
        return "utf-8"
    except UnicodeDecodeError as exc:
        # GBK text fails as UTF-8 at its first Chinese character. Text that was valid
        # UTF-8, Chinese included, up to a stray byte is UTF-8 with one bad byte: read it
        # as such, so the row holding that byte is the one reported.
        return "utf-8" if any(b >= 0x80 for b in head[: exc.start]) else "gb18030"


def _sniff_delimiter(sample: str) -> str:
    lines = [ln for ln in sample.splitlines()[:30] if ln.strip()]
    best, best_count = ",", 0
    for delimiter in (",", "\t", ";"):
        count = max((ln.count(delimiter) for ln in lines), default=0)
        if count > best_count:
            best, best_count = delimiter, count
    return best


def _open_csv(path: Path, head: bytes) -> Table:
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UserError("import.binary", "import.unknown_format.remedy", path=str(path))
    with path.open("rb") as fh:
        sample = fh.read(1 << 20)
    encoding = detect_encoding(sample)
    text_sample = sample.decode(encoding, errors="ignore")
    delimiter = _sniff_delimiter(text_sample)
    handle: list[io.BufferedReader] = []

    def close() -> None:
        for fh in handle:
            fh.close()

    def rows() -> Iterator[Row]:
        fh = path.open("rb")
        handle.append(fh)
        csv.field_size_limit(MAX_CELL_CHARS)
        number = 0
        try:
            for number, values in enumerate(csv.reader(_lines(fh, encoding), delimiter=delimiter), start=1):
                yield Row(number, list(values))
        except UnicodeDecodeError:
            raise UserError(
                "import.bad_encoding",
                "import.bad_encoding.remedy",
                path=str(path),
                row=number + 1,
                encoding=encoding,
            ) from None
        except LineTooLong:
            raise UserError(
                "import.cell_too_big",
                "import.too_big.remedy",
                path=str(path),
                row=number + 1,
                limit=MAX_CELL_CHARS,
            ) from None
        except csv.Error as exc:
            if "field larger" in str(exc):
                raise UserError(
                    "import.cell_too_big",
                    "import.too_big.remedy",
                    path=str(path),
                    row=number + 1,
                    limit=MAX_CELL_CHARS,
                ) from None
            raise UserError(
                "import.bad_csv",
                "import.bad_encoding.remedy",
                path=str(path),
                row=number + 1,
                reason=str(exc),
            ) from None
        finally:
            fh.close()

    return Table(path=path, fmt="csv", sheet=None, sheets=(), encoding=encoding, _rows=rows, _close=close)


class LineTooLong(ValueError):
    pass


def _lines(fh: io.BufferedReader, encoding: str) -> Iterator[str]:
    """The file's lines, decoded one at a time (line ends kept, as csv wants them).

    A decoding error is raised while the line holding it is read, so the reader's
    row count names that row. UTF-16 cannot be split on the byte of a line end: it is
    decoded as a stream (its errors are rare, and reported on the row being read)."""
    if encoding == "utf-16":
        yield from io.TextIOWrapper(fh, encoding=encoding, newline="", errors="strict")
        return
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    while True:
        line = fh.readline(MAX_LINE_BYTES + 1)
        if not line:
            decoder.decode(b"", final=True)
            return
        if len(line) > MAX_LINE_BYTES:
            raise LineTooLong
        yield decoder.decode(line)
