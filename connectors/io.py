"""Shared reading helpers: encodings, delimiters, header synonyms, numbers and dates.

Platform exports differ in encoding (UTF-8 with BOM, UTF-16LE with BOM, Windows-1252 after an
Excel round-trip), delimiter (`,` or `;`), number style (`1234.5` or `1.234,5`) and date style.
These helpers detect each from the content instead of assuming it.
"""

from __future__ import annotations

import codecs
import csv
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from analytics import platforms
from analytics.i18n import Message
from connectors.base import ImportRejected, SourceFile

# Cells that mean "no value" in a number column: NULL, never 0 (TikTok writes `undefined`, X `-`,
# Excel `#N/A` or, in German, `#NV`; `k.a.` is "keine Angabe").
NULL_TOKENS = {"", "undefined", "n/a", "na", "-", "–", "—", "null", "none", "nan", "--", "#n/a", "#nv", "k.a."}

# Limits that keep any upload within seconds and a bounded amount of memory, by design:
TEXT_LIMIT = 32 << 20  # files parsed as Python text (every format but the Meta post export, read by Arrow)
HEAD_SIZE = 1 << 20  # the header line must fit in the first MB
BLOCK_SIZE = 1 << 24  # Arrow's CSV block
MAX_COLUMNS = 16384  # as many as Excel has
MAX_ROWS = 200_000  # rows of a table read whole (the Meta post export is read in blocks)
MAX_FIELD = 1 << 20  # one cell; the longest real one is a caption of 63,206 characters
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

# -- text ------------------------------------------------------------------------------------


def encoding_of(data: bytes, *, head: bool = False) -> str:
    """The encoding of a text file: told by its BOM, by the NUL pattern of UTF-16 without BOM,
    else UTF-8, else Windows-1252 (Excel on Windows), else Latin-1. Rejects empty and binary
    files. `head`: `data` is the start of a longer file and may end inside a character."""
    if re.search(rb"[^\x00\r\n\t \xef\xbb\xbf\xff\xfe]", data) is None:
        raise ImportRejected("connector.io.empty")
    if data.startswith(UTF16_BOMS):
        return "utf-16"
    if data.startswith(UTF8_BOM):
        return "utf-8-sig"
    sample = data[:4096]
    half = len(sample) // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if half >= 2 and odd > half * 0.3 and even < half * 0.05:
        return "utf-16-le"  # ASCII text in UTF-16 without BOM: every second byte is 0
    if half >= 2 and even > half * 0.3 and odd < half * 0.05:
        return "utf-16-be"
    if len(re.findall(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]", sample)) > len(sample) / 100:
        raise ImportRejected("connector.io.binary")
    if _is_utf8(data, final=not head):
        return "utf-8"
    return "latin-1" if re.search(rb"[\x81\x8d\x8f\x90\x9d]", data) else "cp1252"


def decode(data: bytes) -> str:
    """Bytes to text, the encoding told by the BOM or tried in a safe order (see `encoding_of`).
    Files read this way are parsed in Python, so their size is capped at `TEXT_LIMIT`."""
    if len(data) > TEXT_LIMIT:
        raise ImportRejected("connector.io.text_too_large", size=f"{len(data) / 1048576:.0f}",
                             limit=TEXT_LIMIT >> 20)
    return _decode(data, encoding_of(data))


def decode_head(data: bytes, size: int = 65536) -> str:
    """The first part of a file as text, for detection without decoding a huge file."""
    head = data[:size]
    if len(data) <= size:
        return _decode(head, encoding_of(head))
    encoding = encoding_of(head, head=True)
    if encoding.startswith("utf-16"):
        head = head[: len(head) - len(head) % 2]
    elif encoding.startswith("utf-8"):
        head = head[: len(head) - _incomplete_tail(head)]
    return _decode(head, encoding)


def _decode(data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        if encoding.startswith("utf-16") and encoding != "utf-16":
            raise ImportRejected("connector.io.utf16_unreadable") from None
        raise ImportRejected("connector.io.bom_invalid", encoding=encoding.upper().removesuffix("-SIG")) from None
    nul = text.find("\x00")
    if nul >= 0:
        raise ImportRejected(_nul_reason(text.count("\n", 0, nul) + 1))
    return text


def _nul_reason(line: int) -> Message:
    return Message("connector.io.nul", row=line)


def _incomplete_tail(data: bytes) -> int:
    """How many bytes at the end of a cut UTF-8 text belong to a character cut in half."""
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte & 0xC0 != 0x80:  # the lead byte of the last character
            needed = 2 if byte >> 5 == 0b110 else 3 if byte >> 4 == 0b1110 else 4 if byte >> 3 == 0b11110 else 1
            return back if needed > back else 0
    return 0


def utf8(data: bytes) -> bytes | memoryview:
    """A text file as UTF-8 bytes for Arrow: UTF-8 as it is (without BOM), other encodings
    (UTF-16, Windows-1252 after Excel) transcoded in slices, never held as one Python string.
    NUL bytes are refused, naming their line."""
    encoding = encoding_of(data)
    if encoding == "utf-8-sig" and not _is_utf8(memoryview(data)[3:]):
        raise ImportRejected("connector.io.bom_invalid", encoding="UTF-8")
    if encoding in ("utf-8", "utf-8-sig"):
        raw = data
        result = memoryview(data)[3:] if encoding == "utf-8-sig" else data
    else:
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            parts = [decoder.decode(data[i:i + BLOCK_SIZE]).encode() for i in range(0, len(data), BLOCK_SIZE)]
            parts.append(decoder.decode(b"", final=True).encode())
        except UnicodeDecodeError:
            _decode(data[:4096], encoding)  # the sentence for the encoding
            raise ImportRejected("connector.io.invalid_chars") from None
        raw = result = b"".join(parts).removeprefix(UTF8_BOM)
        del parts
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise ImportRejected(_nul_reason(raw.count(b"\n", 0, nul) + 1))
    return result


def normalise_header(name: object) -> str:
    """Compare headers ignoring case, spacing, quote styles and dash variants."""
    text = unicodedata.normalize("NFKC", str(name or "")).strip().strip("\ufeff")
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = re.sub(r"[\u201c\u201d\u201e\u00ab\u00bb\"]", "", text)
    return re.sub(r"\s+", " ", text).casefold()


def check_lines(text: str, max_lines: int = 4 * MAX_ROWS) -> None:
    """Refuse a text with more than `max_lines` lines before anything holds them one by one."""
    if text.count("\n") > max_lines or text.count("\r") > max_lines:
        raise ImportRejected("connector.io.too_many_lines", limit=max_lines)


def split_lines(text: str, max_lines: int = 4 * MAX_ROWS) -> list[str]:
    """The lines of a text (any line ending), refused beyond `max_lines` before they are split."""
    check_lines(text, max_lines)
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def sniff_delimiter(line: str) -> str:
    """`,`, `;` or tab: whichever occurs most often outside quotes in a header line."""
    outside = re.sub(r'"[^"]*"', "", line)
    counts = {d: outside.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def parse_csv_line(line: str, delimiter: str = ",") -> list[str]:
    try:
        return next(csv.reader([line.replace("\r", "")], delimiter=delimiter), [])
    except csv.Error:
        raise ImportRejected("connector.io.line_unreadable") from None


@dataclass
class DelimitedTable:
    """A delimited table with its header read; rows are read on demand (see `open_table`).

    Frames are indexed by the row number a spreadsheet shows (the header row counts), so that
    every error can name the row."""

    data: bytes | memoryview  # UTF-8
    header: list[str]
    skip_rows: int  # physical rows before the first data row
    delimiter: str

    @property
    def _names(self) -> list[str]:
        return [f"f{i}" for i in range(max(len(self.header), 1))]

    def _options(self, columns: list[int] | None, block_size: int = BLOCK_SIZE, threads: bool = True) -> dict:
        names = self._names
        keep = [names[i] for i in columns] if columns is not None else None
        return {
            "read_options": pacsv.ReadOptions(skip_rows=self.skip_rows, column_names=names, block_size=block_size,
                                              use_threads=threads),
            "parse_options": pacsv.ParseOptions(delimiter=self.delimiter, newlines_in_values=True),
            "convert_options": pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names}, include_columns=keep,
                strings_can_be_null=False, quoted_strings_can_be_null=False,
            ),
        }

    def read(self, max_rows: int = MAX_ROWS) -> pd.DataFrame:
        """All rows at once, columns numbered by position."""
        try:
            table = pacsv.read_csv(pa.BufferReader(self.data), **self._options(None))
        except pa.ArrowInvalid as exc:
            raise ImportRejected(self._problem(exc)) from None
        self._check_fields(table, self.skip_rows + 1, list(range(len(self._names))))
        if table.num_rows > max_rows:
            raise ImportRejected("connector.io.too_many_rows", rows=table.num_rows, limit=max_rows)
        frame = table.to_pandas()
        frame.columns = range(len(frame.columns))
        frame.index = pd.RangeIndex(self.skip_rows + 1, self.skip_rows + 1 + len(frame))
        return frame

    def batches(self, columns: list[int], block_size: int = BLOCK_SIZE) -> Iterator[pd.DataFrame]:
        """The chosen columns in blocks of rows (Arrow-backed), so that a million-row export never
        sits in memory as text and as converted values at once. Frames keep column positions as names."""
        first = self.skip_rows + 1
        try:  # Arrow reads block by block; each block is released once the caller converted it
            reader = pacsv.open_csv(pa.BufferReader(self.data), **self._options(sorted(columns), block_size))
            for batch in reader:
                self._check_fields(batch, first, sorted(columns))
                frame = pa.Table.from_batches([batch]).to_pandas(types_mapper=pd.ArrowDtype)
                frame.columns = sorted(columns)
                frame.index = pd.RangeIndex(first, first + len(frame))
                first += len(frame)
                yield frame
        except pa.ArrowInvalid as exc:
            raise ImportRejected(self._problem(exc)) from None

    def _check_fields(self, rows: pa.Table | pa.RecordBatch, first: int, columns: list[int]) -> None:
        """No cell longer than `MAX_FIELD`: the error names its row and column."""
        for position, column in zip(columns, rows.columns, strict=True):
            lengths = pc.binary_length(column)
            longest = pc.max(lengths).as_py()
            if longest and longest > MAX_FIELD:
                row = first + pc.index(lengths, longest).as_py()
                name = self.header[position] if position < len(self.header) else str(position + 1)
                raise ImportRejected("connector.io.field_too_long", column=name, row=row, limit=MAX_FIELD >> 20)

    def _problem(self, exc: Exception) -> Message:
        """Arrow's error as a sentence naming the row (found again on this error path only)."""
        message = str(exc)
        if "straddl" in message or "block size" in message:
            line = _long_line(self.data, BLOCK_SIZE)
            if line:
                return Message("connector.io.line_too_long", row=line, limit=BLOCK_SIZE >> 20)
            return Message("connector.io.entry_too_long", limit=BLOCK_SIZE >> 20)
        match = re.search(r"Expected (\d+) columns, got (\d+)", message)
        if match:
            expected, got = (int(n) for n in match.groups())
            row = None
            try:  # single-threaded, Arrow names the row
                pacsv.read_csv(pa.BufferReader(self.data), **self._options([0], threads=False))
            except pa.ArrowInvalid as again:
                found = re.search(r"Row #(\d+)", str(again))
                row = int(found.group(1)) if found else None
            if row:
                return Message("connector.io.row_width", row=row, got=got, expected=expected)
            return Message("connector.io.some_row_width", got=got, expected=expected)
        if "UTF8" in message or "UTF-8" in message:
            return Message("connector.io.not_utf8")
        return Message("connector.io.table_unreadable")


def _long_line(data, limit: int) -> int | None:
    """The number of the first line longer than `limit` bytes, if any."""
    raw = data.obj if isinstance(data, memoryview) else data
    start, line = (3 if isinstance(data, memoryview) else 0), 1
    while start < len(raw):
        end = raw.find(b"\n", start)
        end = len(raw) if end < 0 else end
        if end - start > limit:
            return line
        start, line = end + 1, line + 1
    return None


def open_table(content: str | bytes, *, skip_lines: int = 0, delimiter: str | None = None) -> DelimitedTable:
    """The header of a delimited table whose header row is `skip_lines` lines down.

    Quoted fields may hold delimiters, doubled quotes and newlines. UTF-8 bytes go to Arrow's
    CSV reader as they are; other encodings (UTF-16, Windows-1252 after Excel) are transcoded.
    """
    data = utf8(content) if isinstance(content, bytes) else content.encode("utf-8")
    head = bytes(data[:HEAD_SIZE])
    head = head[: len(head) - _incomplete_tail(head)].decode("utf-8")
    lines = split_lines(head)
    if len(lines) <= skip_lines or not lines[skip_lines].strip():
        raise ImportRejected("connector.io.no_header")
    if len(lines) == skip_lines + 1 and len(data) > HEAD_SIZE:
        raise ImportRejected("connector.io.header_too_long", row=str(skip_lines + 1), limit=HEAD_SIZE >> 20)
    delimiter = delimiter or sniff_delimiter(lines[skip_lines])
    header = [str(h).strip() for h in parse_csv_line(lines[skip_lines], delimiter)]
    check_width(len(header))
    return DelimitedTable(data, header, skip_lines + 1, delimiter)


def check_width(columns: int, row: int | None = None) -> None:
    """No more columns than Excel has, in the header or (`row`) a row."""
    if columns > MAX_COLUMNS:
        if row is None:
            raise ImportRejected("connector.io.header_too_wide", columns=columns, limit=MAX_COLUMNS)
        raise ImportRejected("connector.io.row_too_wide", row=str(row), columns=columns, limit=MAX_COLUMNS)


def read_table(content: str | bytes, *, skip_lines: int = 0, delimiter: str | None = None,
               max_rows: int = MAX_ROWS) -> tuple[list[str], pd.DataFrame]:
    """Header and all rows (as text, columns numbered by position, indexed by row number)."""
    table = open_table(content, skip_lines=skip_lines, delimiter=delimiter)
    return table.header, table.read(max_rows)


def _is_utf8(data, final: bool = True) -> bool:
    """Checked in slices, so a large file is never held as decoded text."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for start in range(0, len(view), BLOCK_SIZE):
            decoder.decode(view[start:start + BLOCK_SIZE])
        decoder.decode(b"", final=final)
    except UnicodeDecodeError:
        return False
    return True


# -- columns ---------------------------------------------------------------------------------


class Columns:
    """Maps a file's header onto canonical field names through a synonym table.

    `synonyms` maps each field to the header strings that mean it (English, Swedish, German
    hints...). Matching ignores case, spacing, quote style and dash variants. Repeated header
    names get `#2`, `#3` suffixes so that no column is lost.
    """

    def __init__(self, header: list[str], synonyms: Mapping[str, Iterable[str]], ignored: Iterable[str] = ()):
        self.header = dedupe(header)
        lookup = {normalise_header(s): field for field, names in synonyms.items() for s in names}
        ignore = {normalise_header(s) for s in ignored}
        self.index: dict[str, int] = {}
        self.unmapped: list[str] = []
        for position, name in enumerate(self.header):
            key = normalise_header(name)
            field = lookup.get(key)
            if field and field not in self.index:
                self.index[field] = position
            elif key and key not in ignore and not field:
                self.unmapped.append(name)

    def __contains__(self, field: str) -> bool:
        return field in self.index

    def require(self, *fields: str) -> None:
        missing = [f for f in fields if f not in self.index]
        if missing:
            raise ImportRejected("connector.io.required_columns", columns=missing)

    def get(self, rows: pd.DataFrame, field: str) -> pd.Series | None:
        if field not in self.index:
            return None
        return rows[self.index[field]]


def dedupe(header: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    result = []
    for name in header:
        name = str(name).strip().strip("\ufeff")
        seen[name] = seen.get(name, 0) + 1
        result.append(name if seen[name] == 1 else f"{name} #{seen[name]}")
    return result


def match_synonyms(header: list[str], synonyms: Mapping[str, Iterable[str]]) -> set[str]:
    """The canonical fields a header contains (used by `detect` functions)."""
    return set(Columns(header, synonyms).index)


# -- numbers ---------------------------------------------------------------------------------

_EN_GROUPED = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")
_DE_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")
_DE_DECIMAL = re.compile(r"^-?\d*,\d+$")


def number_style(values: pd.Series, integer: bool) -> str:
    """'en' (1234.5 / 1,234) or 'de' (1.234,5), decided per column from its values."""
    sample = values[values.str.contains(r"[.,]", regex=True)]
    if sample.empty:
        return "en"
    both = sample[sample.str.contains(",") & sample.str.contains(r"\.", regex=True)]
    if len(both):
        first = both.iloc[0]
        return "de" if first.rfind(",") > first.rfind(".") else "en"
    if sample.str.match(_DE_DECIMAL).any() and not sample.str.match(_EN_GROUPED).all():
        return "de"
    if sample.str.match(_EN_GROUPED).all():
        return "en" if integer else "de"
    if integer and sample.str.match(_DE_GROUPED).all():
        return "de"
    return "en"


def to_number(series: pd.Series | None, column: str, *, integer: bool = True, percent: bool = False) -> pd.Series | None:
    """Text to numbers: NULL tokens become NA, signs are kept, the style is detected.

    Raises ImportRejected naming the column and the first value that is not a number.
    """
    if series is None:
        return None
    fast = _plain_integers(series) if integer and not percent else None
    if fast is not None:
        return fast.astype("Float64")
    text = series.astype("string").str.strip().str.replace("\u00a0", "", regex=False)
    text = text.str.replace("\u2212", "-", regex=False).str.replace(" ", "", regex=False)
    if percent:
        text = text.str.rstrip("%")
    text = text.mask(text.str.casefold().isin(NULL_TOKENS))
    present = text.dropna()
    if present.empty:
        return pd.Series(pd.NA, index=series.index, dtype="Float64")
    if number_style(present, integer) == "de":
        text = text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        text = text.str.replace(",", "", regex=False)
    numbers = pd.to_numeric(text, errors="coerce")
    bad = text.notna() & ~(numbers.abs() < float("inf")).fillna(False)  # not a number, or infinite
    if bad.any():
        raise ImportRejected("connector.io.not_a_number", where=where(series, column, bad), value=_first(series, bad))
    return numbers.astype("Float64")


def row_number(index: pd.Index, position: int) -> int:
    """The row a spreadsheet shows for a row of a frame: frames of files are indexed by it (see
    `DelimitedTable`, `workbook.Sheet`); for frames built otherwise the position counted from 1."""
    label = index[position]
    if isinstance(index, pd.RangeIndex) and index.start == 0 or not isinstance(label, int | np.integer):
        return position + 1
    return int(label)


def where(series: pd.Series, column: str, mask: pd.Series) -> Message:
    """`Spalte „Likes“, Zeile 7` for the first row where `mask` holds."""
    position = int(np.flatnonzero(mask.fillna(False).to_numpy(dtype=bool))[0])
    return Message("connector.io.where", column=column, row=row_number(series.index, position))


def _first(series: pd.Series, mask: pd.Series) -> str:
    value = str(series.iloc[int(np.flatnonzero(mask.fillna(False).to_numpy(dtype=bool))[0])])
    return value if len(value) <= 40 else value[:40] + "…"


_NULLS = pa.array(sorted(NULL_TOKENS))


def _plain_integers(series: pd.Series) -> pd.Series | None:
    """The common case, done in Arrow: a column of bare integers and NULL tokens. None otherwise."""
    try:
        arr = pa.array(series, type=pa.string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    try:  # bare digits only: one cast does it
        if pc.all(pc.match_substring_regex(arr, r"^-?[0-9]{1,15}$")).as_py():
            return pc.cast(arr, pa.int64()).to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get) \
                .set_axis(series.index)
    except pa.ArrowInvalid:
        pass
    stripped = pc.utf8_trim_whitespace(arr)
    missing = pc.is_in(pc.utf8_lower(stripped), value_set=_NULLS)
    values = pc.if_else(missing, pa.scalar(None, pa.string()), stripped)
    if not pc.all(pc.match_substring_regex(values, r"^-?[0-9]{1,15}$"), skip_nulls=True).as_py():
        return None
    return pc.cast(values, pa.int64()).to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get).set_axis(series.index)


def add_up(parts: Iterable[pd.Series | None]) -> pd.Series | None:
    """Row-wise sum of the columns a file has; NULL where any of them is NULL (a missing value is
    unknown, not 0). None when the file has none of the columns."""
    present = [p for p in parts if p is not None]
    if not present:
        return None
    return pd.concat(present, axis=1).sum(axis=1, skipna=False)


def to_count(series: pd.Series | None, column: str, *, allow_negative: bool = False) -> pd.Series | None:
    """A count column: whole numbers (`424.0` is 424); fractions are an error, and so are negative
    values unless the platform documents them (TikTok's comment counts)."""
    if series is None:
        return None
    numbers = _plain_integers(series)
    if numbers is None:
        numbers = to_number(series, column)
    fractional = numbers % 1 != 0
    if fractional.any():
        raise ImportRejected("connector.io.fractional_count", where=where(series, column, fractional),
                             value=_first(series, fractional))
    if not allow_negative and (numbers < 0).any():
        raise ImportRejected("connector.io.negative_count", where=where(series, column, numbers < 0),
                             value=_first(series, numbers < 0))
    if (numbers.abs() > 1e12).any():
        raise ImportRejected("connector.io.count_too_large", where=where(series, column, numbers.abs() > 1e12),
                             value=_first(series, numbers.abs() > 1e12))
    return numbers if numbers.dtype == "Int64" else numbers.astype("Int64")


# -- dates -----------------------------------------------------------------------------------


def to_datetime(series: pd.Series, column: str, formats: Iterable[str]) -> pd.Series:
    """Parse with the first format that reads every non-empty value; error naming the row otherwise."""
    formats = list(formats)
    fast = _arrow_datetime(series, formats)
    if fast is not None:
        return fast
    text = series.astype("string").str.strip()
    text = text.mask(text.str.casefold().isin(NULL_TOKENS))
    present = text.notna()
    best = None
    for fmt in formats:
        parsed = pd.to_datetime(text, format=fmt, errors="coerce")
        if parsed.notna().sum() == present.sum():
            return parsed
        best = parsed if best is None or parsed.notna().sum() > best.notna().sum() else best
    bad = present & (best.isna() if best is not None else present)
    raise ImportRejected("connector.io.date_format", where=where(series, column, bad), value=_first(series, bad))


_DIRECTIVES = {"d": r"(?P<day>\d{1,2})", "m": r"\d{1,2}", "Y": r"\d{4}", "y": r"\d{2}", "H": r"\d{1,2}",
               "M": r"\d{2}", "S": r"\d{2}", "b": r"[A-Za-z]{3}", "a": r"[A-Za-z]{3}", "z": r"[+-]\d{4}"}


def _arrow_datetime(series: pd.Series, formats: list[str]) -> pd.Series | None:
    """Fast path in Arrow for gap-free columns. Arrow's strptime lets `31.02.` roll over into
    March, so the parsed day is checked against the day digits in the text. None if unsure."""
    try:
        arr = pc.utf8_trim_whitespace(pa.array(series, type=pa.string(), from_pandas=True))
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    for fmt in formats:
        pieces = re.split(r"%(.)", fmt)
        if any(d not in _DIRECTIVES for d in pieces[1::2]) or "d" not in pieces[1::2]:
            continue
        try:
            parsed = pc.strptime(arr, format=fmt, unit="s", error_is_null=False)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            continue
        pattern = "^" + "".join(re.escape(p) if i % 2 == 0 else _DIRECTIVES[p] for i, p in enumerate(pieces)) + "$"
        days = pc.cast(pc.struct_field(pc.extract_regex(arr, pattern), [0]), pa.int64())
        if not pc.all(pc.equal(days, pc.day(parsed))).as_py():
            return None  # an impossible date: let the careful path find and name it
        return parsed.to_pandas().set_axis(series.index)
    return None


def localize(naive: pd.Series, timezone: str) -> pd.Series:
    """Local wall-clock times to UTC (ambiguous autumn hours read as standard time)."""
    standard_time = np.zeros(len(naive), dtype=bool)
    return naive.dt.tz_localize(timezone, ambiguous=standard_time, nonexistent="shift_forward").dt.tz_convert("UTC")


# The earliest year a platform's figures can describe (the year it started): anything before is
# impossible, such as Excel's day 0 (1899/1900) or year 1 from an empty date.
EARLIEST = {"facebook": 2004, "linkedin": 2003, "youtube": 2005, "x": 2006, "instagram": 2010, "tiktok": 2016,
            "mastodon": 2016, "population": 1950}


def _too_early(platform: str) -> Message:
    year = str(EARLIEST[platform])  # text: a year is no number to group
    if platform == "population":
        return Message("connector.io.before_population", year=year)
    name = "X (Twitter)" if platform == "x" else platforms.label(platform)
    return Message("connector.io.before_platform", platform=name, year=year)


def _day(value: str) -> date | str:
    """`2026-11-22` as a date (shown in the reader's format); years a date cannot hold as they are."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        return f"{value[-2:]}.{value[-5:-3]}.{value[:-6]}"


def check_dates(values: pd.Series, column: str, platform: str, export_day: date) -> None:
    """Dates before the platform existed or after the export day are errors naming column and row.

    `values` are days (`date`) or moments; moments with a time zone are compared as Berlin days
    and may lie one day after the export day (the file date is the computer's, maybe UTC)."""
    if not len(values):
        return
    days, slack = values, 0
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        days, slack = values.dt.tz_convert("Europe/Berlin").dt.tz_localize(None), 1
    if pd.api.types.is_datetime64_any_dtype(days.dtype):
        days = days.to_numpy().astype("datetime64[D]")
    else:
        days = np.array([None if pd.isna(d) else d for d in days], dtype="datetime64[D]")
    early = pd.Series(days < np.datetime64(f"{EARLIEST[platform]}-01-01"))
    late = pd.Series(days > np.datetime64(export_day + timedelta(days=slack)))
    for mask, problem in ((early, Message("connector.io.empty_date_hint", problem=_too_early(platform))),
                          (late, Message("connector.io.after_export_future", export_day=export_day))):
        if mask.any():
            day = _day(str(np.datetime_as_string(days[int(np.flatnonzero(mask.to_numpy())[0])], unit="D")))
            raise ImportRejected("connector.io.bad_date", where=where(values, column, mask.set_axis(values.index)),
                                 day=day, problem=problem)


def check_day(day: date, what: Message, platform: str, export_day: date | None) -> None:
    """One date (a period's end in a file name, a Stichtag): within the platform's lifetime and
    not after the export day. `what` names it: `Das Ende des Zeitraums`."""
    if day.year < EARLIEST[platform]:
        raise ImportRejected("connector.io.day_problem", what=what, day=day, problem=_too_early(platform))
    if export_day is not None and day > export_day:
        raise ImportRejected("connector.io.day_problem", what=what, day=day,
                             problem=Message("connector.io.after_export", export_day=export_day))


# -- posts -----------------------------------------------------------------------------------

FIGURES = ["published_at", "views", "reach", "impressions", "likes", "comments", "shares", "saves", "clicks",
           "video_views", "watch_time_seconds"]


def has_values(rows: pd.DataFrame) -> pd.Series:
    """Whether each row holds a value in any column (column by column, not row by row)."""
    if rows.empty:
        return pd.Series(False, index=rows.index)
    return pd.concat([rows[c].astype("string").fillna("").str.strip() != "" for c in rows.columns], axis=1).any(axis=1)


def check_ids(ids: pd.Series, rows: pd.DataFrame, column: str) -> pd.Series:
    """Which rows are posts: a row with figures but without a post id is an error naming the row;
    rows empty throughout are skipped."""
    missing = ids.isna() | (ids.astype("string").str.strip() == "")
    if missing.any():
        stray = has_values(rows[missing.to_numpy()])
        if stray.any():
            row = row_number(stray.index, int(np.flatnonzero(stray.to_numpy())[0]))
            raise ImportRejected("connector.io.no_post_id", row=row, column=column)
    return ~missing


def unique_posts(posts: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    """One row per post id. Rows repeating a post with the same figures are collapsed with a note;
    the same post with different figures is an error naming the post and both rows."""
    repeated = posts["post_id"].duplicated(keep=False)
    if not repeated.any():
        return posts
    figures = ["post_id", *(c for c in FIGURES if c in posts.columns)]
    distinct = posts[repeated].drop_duplicates(figures)
    clash = distinct["post_id"].duplicated(keep=False)
    if clash.any():
        post_id = distinct.loc[clash, "post_id"].iloc[0]
        positions = np.flatnonzero((posts["post_id"] == post_id).to_numpy())[:2]
        raise duplicate_clash(post_id, [row_number(posts.index, int(p)) for p in positions])
    extra = posts["post_id"].duplicated(keep="first")
    notes.append(duplicate_note(int(extra.sum()), row_number(posts.index, int(np.flatnonzero(extra.to_numpy())[0]))))
    return posts[~extra]


def duplicate_clash(post_id: str, rows: list[int]) -> ImportRejected:
    return ImportRejected("connector.io.duplicate_clash", post_id=str(post_id), first=rows[0], second=rows[-1])


def duplicate_note(count: int, first_row: int) -> Message:
    return Message("connector.io.duplicate_note", n=str(count), row=first_row)


# -- periods ---------------------------------------------------------------------------------

_ISO_PERIOD = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})\s*(?:_|-|–|—|bis|to)\s*(\d{4}-\d{2}-\d{2})(?!\d)")
_META_PERIOD = re.compile(r"(?<![A-Za-z])([A-Z][a-z]{2}-\d{2}-\d{4})_([A-Z][a-z]{2}-\d{2}-\d{4})(?!\d)")


def name_period(*names: str | None) -> tuple[date, date] | None:
    """The period the first of these file or zip names states: `2026-01-01_2026-01-14` (YouTube
    Studio zips, X) or Meta's `Sep-01-2025_Sep-30-2025`. None when none states one."""
    for name in names:
        for pattern, fmt in ((_ISO_PERIOD, "%Y-%m-%d"), (_META_PERIOD, "%b-%d-%Y")):
            match = pattern.search(re.split(r"[\\/]", name or "")[-1])
            if match:
                try:
                    first, end = (datetime.strptime(g, fmt).date() for g in match.groups())
                except ValueError:
                    continue
                if first <= end:
                    return first, end
    return None


def day_basis(source: SourceFile) -> Message:
    """What the export day of a file is: its file date (CLI, demo) or the day of the upload."""
    return Message("connector.io.basis_file_date" if source.export_date else "connector.io.basis_import_date")


def assumed_as_of_note(source: SourceFile, day: date, reason: Message | None = None) -> Message:
    """The note for a snapshot dated by the export day because nothing in or beside it dates it."""
    return Message("connector.io.assumed_as_of", day=day, reason=reason or Message("connector.io.no_period"),
                   basis=day_basis(source))
