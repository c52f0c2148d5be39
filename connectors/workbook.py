"""The one workbook reader: XLSX and XLS sheets as rows of text cells, bounded by design.

XLSX is a zip of XML parts. Its table of contents is checked first (`files.open_zip`: size of the
directory, number of parts, declared sizes, method); every part is then inflated in chunks with a
running count against the upload's size limit and the compression-ratio limit, and fed to expat
as it comes, so that nothing is inflated or kept beyond the limits: at most `MAX_CELLS` cells per
workbook (rows × width), `MAX_CHARS` characters of text, `MAX_STYLES` cell styles. A DOCTYPE
(entity bombs) is refused. `max_rows` reads only the first rows of each sheet (for `detect`), and
only as many shared strings as those rows use.

XLS (the old binary format, LinkedIn's exports) is read with xlrd (`on_demand`), up to
`MAX_XLS_BYTES` and `MAX_CELLS` per sheet.

Workbooks that take values from other files (external links: `xl/externalLinks/`, formulas like
`[1]Sheet1!A1` or `'C:\\[Book.xlsx]Sheet1'!A1`, DDE; in XLS an external SUPBOOK) are refused: their
cached values do not come from the export. Cells are text as the export would show them: whole
numbers without `.0`, date cells as `YYYY-MM-DD` (`YYYY-MM-DD HH:MM:SS` with a time of day),
booleans `WAHR`/`FALSCH`, error cells empty.
"""

from __future__ import annotations

import math
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from xml.parsers import expat

import pandas as pd

from analytics.i18n import Message
from connectors.base import ImportRejected
from connectors.files import OLE2_MAGIC, Budget, inflate, is_workbook, open_zip
from connectors.io import TEXT_LIMIT

MAX_CELLS = 1_000_000  # rows × width over all sheets read
MAX_CHARS = TEXT_LIMIT  # characters of text over all sheets and shared strings
MAX_STYLES = 100_000
MAX_PARTS = 1000
MAX_XLS_BYTES = 16 << 20
MAX_COLUMN = 16384  # XFD, Excel's last column
MAX_ROW = 1_048_576
# Formulas that take a value from another file: `[1]Sheet1!A1`, `'[1]My sheet'!A1`, `[Book.xlsx]`, DDE.
EXTERNAL = re.compile(r"\[\d+\][\w.]*!|'\[\d+\][^']*'!|\.xl\w*\]|\w+\|'[^']*'!", re.I)
EXTERNAL_REASON = Message("connector.workbook.external")
BOMB = Message("connector.workbook.bomb")
_DATE_FORMAT_IDS = set(range(14, 18)) | {22} | set(range(27, 37)) | set(range(50, 59))
_TIME_FORMAT_IDS = set(range(18, 22)) | set(range(45, 48))


@dataclass
class Sheet:
    name: str
    rows: list[list[str]]  # the rows that hold a value, each as wide as the sheet
    numbers: list[int]  # their row numbers in the sheet (from 1)

    def table(self, header: int = 0) -> tuple[list[str], pd.DataFrame]:
        """The header at `rows[header]` and the rows below it as text, indexed by row number."""
        names = self.rows[header]
        body, numbers = self.rows[header + 1:], self.numbers[header + 1:]
        frame = pd.DataFrame(body, columns=range(len(names)), index=numbers, dtype="string") if body \
            else pd.DataFrame(columns=range(len(names)), dtype="string")
        return names, frame


Pick = Callable[[list[str]], list[str]]


def read(data: bytes, *, max_rows: int | None = None, pick: Pick | None = None) -> dict[str, Sheet]:
    """The sheets of an XLSX or XLS workbook (decided by content), those `pick` chooses from the
    sheet names (default: all); with `max_rows`, only their first rows that hold a value."""
    if not is_workbook(data):
        raise ImportRejected("connector.workbook.not_a_workbook")
    pick = pick or (lambda names: names)
    if data[:8] == OLE2_MAGIC:
        return _read_xls(data, max_rows, pick)
    return _Xlsx(data).read(max_rows, pick)


def first_sheet(names: list[str]) -> list[str]:
    return names[:1]


# -- cell text ---------------------------------------------------------------------------------


def number_text(value: float | str) -> str:
    if isinstance(value, str):
        if value.isdigit() and len(value) < 16 and (value[0] != "0" or value == "0"):
            return value  # the common case: a whole number as Excel writes it
        value = float(value)
    if not math.isfinite(value):
        return ""
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def date_text(serial: float, date1904: bool, time_only: bool = False) -> str:
    """An Excel day number as `YYYY-MM-DD` (with ` HH:MM:SS` when it has a time of day), in a time
    format as `HH:MM:SS`. Day 0 is 31.12.1899; Excel's invented 29.02.1900 counts as in Excel."""
    if not 0 <= serial < 2958466:
        return number_text(serial)
    if time_only:
        seconds = round(serial % 1 * 86400) % 86400
        return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    base = datetime(1904, 1, 1) if date1904 else datetime(1899, 12, 30 if serial >= 61 else 31)
    moment = base + timedelta(seconds=round(serial * 86400))
    day = f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
    return day if moment.time() == datetime.min.time() else f"{day} {moment:%H:%M:%S}"


# -- XLSX --------------------------------------------------------------------------------------


class _Stop(Exception):
    """Enough rows read."""


def _local(tag: str) -> str:
    """`x:row` → `row` (parts are parsed without namespace processing)."""
    return tag[tag.index(":") + 1:] if ":" in tag else tag


_COLUMNS: dict[str, int] = {}


def _column(reference: str) -> int:
    """`C7` → 3 (columns count from 1)."""
    letters = reference.rstrip("0123456789").upper()
    if len(letters) > 3:
        return MAX_COLUMN + 1
    number = _COLUMNS.get(letters)
    if number is None:
        number = 0
        for char in letters:
            number = number * 26 + (ord(char) - 64) if "A" <= char <= "Z" else MAX_COLUMN + 1
        _COLUMNS[letters] = number
    return number


class _Xlsx:
    def __init__(self, data: bytes):
        self.archive = open_zip(data, MAX_PARTS, BOMB)
        self.budget = Budget(BOMB, Message("connector.workbook.in_workbook"))
        self.chars = self.cells = 0
        self.date1904, self.dates = False, {}
        names = self.archive.NameToInfo
        if any(n.lower().startswith("xl/externallinks/") for n in names):
            raise ImportRejected(EXTERNAL_REASON)

    def read(self, max_rows: int | None, pick: Pick) -> dict[str, Sheet]:
        with self.archive:
            workbook = self._main_part()
            sheets, self.date1904 = self._workbook(workbook)
            rels = self._relationships(workbook)
            self.dates = self._date_styles(rels.get("styles"))
            chosen = pick([n for n, _ in sheets])
            raw = {name: self._sheet(name, rels.get(rid), max_rows) for name, rid in sheets if name in chosen}
            needed = max((v for rows in raw.values() for _, row in rows for v in row.values() if isinstance(v, int)),
                         default=-1) + 1
            strings = self._shared_strings(rels.get("sharedStrings"), needed)
            return {name: self._resolve(name, rows, strings) for name, rows in raw.items()}

    # parts

    def _parse(self, part: str | None, start, end=None, text=None) -> bool:
        """Feed one part to expat as it inflates; False if the workbook has no such part."""
        info = self.archive.NameToInfo.get(part or "")
        if info is None:
            return False
        parser = expat.ParserCreate()  # no namespace processing (faster); handlers drop prefixes (`x:row`)
        parser.buffer_text = True
        parser.StartDoctypeDeclHandler = _no_doctype
        parser.StartElementHandler = start
        if end:
            parser.EndElementHandler = end
        if text:
            parser.CharacterDataHandler = text
        try:
            for chunk in inflate(self.archive, info, self.budget):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except _Stop:
            pass
        except expat.ExpatError:
            raise ImportRejected("connector.workbook.damaged",
                                 detail=Message("connector.workbook.bad_xml", part=part)) from None
        return True

    def _relationships(self, part: str) -> dict[str, str]:
        """Relationship id (and type: `styles`, `sharedStrings`) → part name, for `part`."""
        folder, name = posixpath.split(part)
        found: dict[str, str] = {}

        def start(tag, attrs):
            if _local(tag) != "Relationship":
                return
            kind = attrs.get("Type", "").rsplit("/", 1)[-1]
            if kind == "externalLink":
                raise ImportRejected(EXTERNAL_REASON)
            if attrs.get("TargetMode") == "External":  # hyperlinks
                return
            target = attrs.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            found[attrs.get("Id", "")] = path
            found.setdefault(kind, path)

        self._parse(posixpath.join(folder, "_rels", name + ".rels"), start)
        return found

    def _main_part(self) -> str:
        """The workbook part the package names (`xl/workbook.xml` in every real file)."""
        found = []
        self._parse("_rels/.rels", lambda tag, attrs: found.append(attrs.get("Target", "").lstrip("/"))
                    if _local(tag) == "Relationship" and attrs.get("Type", "").endswith("/officeDocument") else None)
        return found[0] if found else "xl/workbook.xml"

    def _workbook(self, part: str) -> tuple[list[tuple[str, str]], bool]:
        sheets, date1904 = [], [False]

        def start(tag, attrs):
            tag = _local(tag)
            if tag == "sheet":
                rid = next((v for k, v in attrs.items() if k.rpartition(":")[2] == "id"), "")
                sheets.append((attrs.get("name", f"Blatt {len(sheets) + 1}"), rid))
            elif tag == "workbookPr":
                date1904[0] = attrs.get("date1904", "0").lower() in ("1", "true")
            elif tag == "externalReference":
                raise ImportRejected(EXTERNAL_REASON)

        if not self._parse(part, start):
            raise ImportRejected("connector.workbook.damaged", detail=Message("connector.workbook.no_sheet_list"))
        return sheets, date1904[0]

    def _date_styles(self, part: str | None) -> dict[int, bool]:
        """The cell styles (index into cellXfs) that show a number as a date: style → time only."""
        from openpyxl.styles.numbers import is_date_format

        custom: dict[int, str] = {}
        styles: list[int] = []
        inside = [False]

        def start(tag, attrs):
            tag = _local(tag)
            if tag == "numFmt":
                custom[int(attrs.get("numFmtId", "0") or 0)] = attrs.get("formatCode", "")
            elif tag == "cellXfs":
                inside[0] = True
            elif tag == "xf" and inside[0]:
                styles.append(int(attrs.get("numFmtId", "0") or 0))
                if len(styles) > MAX_STYLES:
                    raise ImportRejected("connector.workbook.too_many_styles")

        def end(tag):
            if _local(tag) == "cellXfs":
                inside[0] = False

        try:
            self._parse(part, start, end)
        except ValueError:
            raise ImportRejected("connector.workbook.damaged", detail=Message("connector.workbook.bad_styles")) from None
        dates = {}
        for index, fmt in enumerate(styles):
            code = re.sub(r'"[^"]*"|\[[^]]*]', "", custom.get(fmt, "").lower())  # without quoted text, [colours]
            if fmt in _DATE_FORMAT_IDS | _TIME_FORMAT_IDS or code and is_date_format(code):
                dates[index] = fmt in _TIME_FORMAT_IDS or bool(code) and not re.search(r"[dy]", code)
        return dates

    def _count_chars(self, count: int) -> None:
        self.chars += count
        if self.chars > MAX_CHARS:
            raise ImportRejected("connector.workbook.too_much_text", limit=MAX_CHARS)

    def _shared_strings(self, part: str | None, needed: int) -> list[str]:
        """The first `needed` shared strings (cells refer to them by number)."""
        strings: list[str] = []
        if needed == 0:
            return strings
        if needed > MAX_CELLS:
            raise ImportRejected("connector.workbook.too_many_strings", n=needed, limit=MAX_CELLS)
        state = {"parts": [], "text": False, "phonetic": False}

        def start(tag, attrs):
            tag = _local(tag)
            if tag == "si":
                state["parts"] = []
            elif tag == "t" and not state["phonetic"]:
                state["text"] = True
            elif tag == "rPh":
                state["phonetic"] = True

        def end(tag):
            tag = _local(tag)
            if tag == "t":
                state["text"] = False
            elif tag == "rPh":
                state["phonetic"] = False
            elif tag == "si":
                strings.append("".join(state["parts"]))
                if len(strings) >= needed:
                    raise _Stop

        def text(data):
            if state["text"]:
                self._count_chars(len(data))
                state["parts"].append(data)

        self._parse(part or "xl/sharedStrings.xml", start, end, text)
        if len(strings) < needed:
            raise ImportRejected("connector.workbook.damaged", detail=Message("connector.workbook.missing_string"))
        return strings

    def _sheet(self, name: str, part: str | None, max_rows: int | None) -> list[tuple[int, dict[int, str | int]]]:
        """Rows of a sheet with a value: (row number, {column: text, or shared-string number})."""
        rows: list[tuple[int, dict[int, str | int]]] = []
        state = {"row": 0, "cells": {}, "column": 0, "type": "n", "style": 0, "capture": None, "buffer": [],
                 "value": None, "inline": [], "phonetic": False, "width": 0}

        def start(tag, attrs):
            tag = _local(tag)
            if tag == "row":
                state["row"] = int(attrs["r"]) if attrs.get("r", "").isdigit() else state["row"] + 1
                state["cells"], state["column"] = {}, 0
                if state["row"] > MAX_ROW:
                    raise _too_large(name, Message("connector.workbook.at_row", row=state["row"]))
            elif tag == "c":
                reference = attrs.get("r", "")
                state["column"] = _column(reference) if reference else state["column"] + 1
                if state["column"] > MAX_COLUMN:
                    raise _too_large(name, Message("connector.workbook.at_cell", cell=reference))
                state["type"], state["value"], state["inline"] = attrs.get("t", "n"), None, []
                state["style"] = int(attrs["s"]) if attrs.get("s", "").isdigit() else 0
            elif tag in ("v", "f") or tag == "t" and not state["phonetic"]:
                state["capture"], state["buffer"] = tag, []
            elif tag == "rPh":
                state["phonetic"] = True

        def end(tag):
            tag = _local(tag)
            if tag == state["capture"]:
                captured = "".join(state["buffer"])
                state["capture"] = None
                if tag == "v":
                    state["value"] = captured
                elif tag == "t":
                    state["inline"].append(captured)
                elif EXTERNAL.search(captured):
                    raise ImportRejected(EXTERNAL_REASON)
            elif tag == "rPh":
                state["phonetic"] = False
            elif tag == "c":
                value = self._cell(state)
                if value != "":
                    state["cells"][state["column"]] = value
            elif tag == "row" and state["cells"]:
                rows.append((state["row"], state["cells"]))
                state["width"] = max(state["width"], max(state["cells"]))
                self.cells += len(state["cells"])
                if len(rows) * state["width"] > MAX_CELLS or self.cells > MAX_CELLS:
                    raise _too_large(name, Message("connector.workbook.size", rows=len(rows), columns=state["width"]))
                if max_rows is not None and len(rows) >= max_rows:
                    raise _Stop

        def text(data):
            if state["capture"]:
                self._count_chars(len(data))
                state["buffer"].append(data)

        if not self._parse(part, start, end, text):
            raise ImportRejected("connector.workbook.damaged", detail=Message("connector.workbook.no_sheet", sheet=name))
        return rows

    def _cell(self, state: dict) -> str | int:
        kind, value = state["type"], state["value"]
        if kind == "inlineStr":
            return "".join(state["inline"])
        if value is None or kind == "e":
            return ""
        if kind == "s":
            if not value.strip().isdigit():
                raise ImportRejected("connector.workbook.damaged", detail=Message("connector.workbook.bad_string_ref"))
            return int(value)
        if kind == "b":
            return "WAHR" if value.strip() in ("1", "true") else "FALSCH"
        if kind in ("str", "d"):
            return value
        try:
            style = state["style"]
            return date_text(float(value), self.date1904, self.dates[style]) if style in self.dates \
                else number_text(value)
        except ValueError:
            raise ImportRejected("connector.workbook.damaged",
                                 detail=Message("connector.workbook.not_a_number", value=value[:20])) from None

    def _resolve(self, name: str, rows: list[tuple[int, dict[int, str | int]]], strings: list[str]) -> Sheet:
        width = max((max(cells) for _, cells in rows), default=0)
        table = []
        for _, cells in rows:
            row = [""] * width
            for column, value in cells.items():
                row[column - 1] = strings[value] if isinstance(value, int) else value
            table.append(row)
        return Sheet(name, table, [number for number, _ in rows])


def _no_doctype(*_args) -> None:
    raise ImportRejected("connector.workbook.doctype")


def _too_large(sheet: str, what: Message) -> ImportRejected:
    return ImportRejected("connector.workbook.sheet_too_large", sheet=sheet, what=what, limit=MAX_CELLS)


# -- XLS ---------------------------------------------------------------------------------------


class _Discard:
    """xlrd writes warnings about damaged files to a log; they are not for the officer."""

    def write(self, _text: str) -> None:
        pass


def _read_xls(data: bytes, max_rows: int | None, pick: Pick) -> dict[str, Sheet]:
    import xlrd
    from xlrd.book import SUPBOOK_DDEOLE, SUPBOOK_EXTERNAL

    if len(data) > MAX_XLS_BYTES:
        raise ImportRejected("connector.workbook.xls_too_large", size=len(data) >> 20, limit=MAX_XLS_BYTES >> 20)
    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True, logfile=_Discard())
    except Exception as exc:  # xlrd raises many kinds of errors on damaged files
        if "encrypted" in str(exc).lower() or "EncryptedPackage".encode("utf-16-le") in data:
            raise ImportRejected("connector.workbook.password") from None
        raise ImportRejected("connector.workbook.xls_damaged") from None
    try:
        if {SUPBOOK_EXTERNAL, SUPBOOK_DDEOLE} & set(getattr(book, "_supbook_types", ())):
            raise ImportRejected(EXTERNAL_REASON)
        sheets, cells = {}, 0
        for name in pick(book.sheet_names()):
            try:
                sheet = book.sheet_by_name(name)
            except Exception:
                raise ImportRejected("connector.workbook.xls_damaged") from None
            cells += sheet.nrows * sheet.ncols
            if cells > MAX_CELLS:
                raise _too_large(name, Message("connector.workbook.size", rows=sheet.nrows, columns=sheet.ncols))
            rows, numbers = [], []
            for index in range(sheet.nrows):
                row = [_xls_text(cell, book.datemode, xlrd) for cell in sheet.row(index)]
                if any(row):
                    rows.append(row + [""] * (sheet.ncols - len(row)))
                    numbers.append(index + 1)
                    if max_rows is not None and len(rows) >= max_rows:
                        break
            sheets[name] = Sheet(name, rows, numbers)
            book.unload_sheet(name)
        return sheets
    finally:
        book.release_resources()


def _xls_text(cell, datemode: int, xlrd) -> str:
    if cell.ctype == xlrd.XL_CELL_DATE:
        return date_text(cell.value, datemode == 1)
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        return number_text(float(cell.value))
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return "WAHR" if cell.value else "FALSCH"
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    return str(cell.value)
