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
from datetime import date, datetime

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from connectors.base import ImportRejected, SourceFile

# Cells that mean "no value" in a number column: NULL, never 0 (TikTok writes `undefined`, X `-`,
# Excel `#N/A` or, in German, `#NV`; `k.a.` is "keine Angabe").
NULL_TOKENS = {"", "undefined", "n/a", "na", "-", "–", "—", "null", "none", "nan", "--", "#n/a", "#nv", "k.a."}

# -- text ------------------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """Bytes to text, the encoding told by the BOM or tried in a safe order."""
    if not data.strip(b"\x00\r\n\t \xef\xbb\xbf\xff\xfe"):
        raise ImportRejected("Die Datei ist leer.")
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        encoding = "utf-16"
    elif data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif len(data) > 3 and data[1] == 0 and data[3] == 0:  # UTF-16LE without BOM
        encoding = "utf-16-le"
    else:
        encoding = None
    if encoding:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            raise ImportRejected(
                f"Die Datei ist laut BOM {encoding.upper()}, enthält aber ungültige Zeichen "
                "(abgeschnitten oder beschädigt?)."
            ) from None
    if b"\x00" in data[:4096]:
        raise ImportRejected("Das ist keine Textdatei (Binärdaten); erwartet wird CSV, XLSX, XLS oder ZIP.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Excel on Windows saves CSV as Windows-1252; it decodes every byte but five.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def decode_head(data: bytes, size: int = 65536) -> str:
    """The first part of a file as text, for detection without decoding a huge file."""
    head = data[:size]
    if len(data) > size:
        head = head[: len(head) - len(head) % 2] if head[:2] in (b"\xff\xfe", b"\xfe\xff") else head
        for cut in range(4):  # do not end inside a multi-byte character
            try:
                return decode(head[: len(head) - cut])
            except ImportRejected:
                continue
    return decode(head)


def normalise_header(name: object) -> str:
    """Compare headers ignoring case, spacing, quote styles and dash variants."""
    text = unicodedata.normalize("NFKC", str(name or "")).strip().strip("\ufeff")
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = re.sub(r"[\u201c\u201d\u201e\u00ab\u00bb\"]", "", text)
    return re.sub(r"\s+", " ", text).casefold()


def split_lines(text: str) -> list[str]:
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
    except csv.Error as exc:
        raise ImportRejected(f"Zeile nicht lesbar ({exc}).") from None


@dataclass
class DelimitedTable:
    """A delimited table with its header read; rows are read on demand (see `open_table`)."""

    data: bytes  # UTF-8
    header: list[str]
    skip_rows: int  # physical rows before the first data row
    delimiter: str

    @property
    def _names(self) -> list[str]:
        return [f"f{i}" for i in range(max(len(self.header), 1))]

    def _options(self, columns: list[int] | None, block_size: int) -> dict:
        names = self._names
        keep = [names[i] for i in columns] if columns is not None else None
        return {
            "read_options": pacsv.ReadOptions(skip_rows=self.skip_rows, column_names=names, block_size=block_size),
            "parse_options": pacsv.ParseOptions(delimiter=self.delimiter, newlines_in_values=True),
            "convert_options": pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names}, include_columns=keep,
                strings_can_be_null=False, quoted_strings_can_be_null=False,
            ),
        }

    def read(self) -> pd.DataFrame:
        """All rows at once, columns numbered by position."""
        try:
            frame = pacsv.read_csv(pa.BufferReader(self.data), **self._options(None, 1 << 24)).to_pandas()
        except pa.ArrowInvalid as exc:
            raise ImportRejected(f"Die Tabelle ist nicht lesbar ({_arrow_reason(exc)}).") from None
        frame.columns = range(len(frame.columns))
        return frame

    def batches(self, columns: list[int], block_size: int = 1 << 24) -> Iterator[pd.DataFrame]:
        """The chosen columns in blocks of rows (Arrow-backed), so that a million-row export never
        sits in memory as text and as converted values at once. Frames keep column positions as names."""
        try:
            # Arrow parses blocks in parallel; each block is released once the caller converted it
            pending = pacsv.read_csv(pa.BufferReader(self.data), **self._options(sorted(columns), block_size)).to_batches()
            pending.reverse()
            while pending:
                frame = pa.Table.from_batches([pending.pop()]).to_pandas(types_mapper=pd.ArrowDtype)
                frame.columns = sorted(columns)
                yield frame
        except pa.ArrowInvalid as exc:
            raise ImportRejected(f"Die Tabelle ist nicht lesbar ({_arrow_reason(exc)}).") from None


def open_table(content: str | bytes, *, skip_lines: int = 0, delimiter: str | None = None) -> DelimitedTable:
    """The header of a delimited table whose header row is `skip_lines` lines down.

    Quoted fields may hold delimiters, doubled quotes and newlines. UTF-8 bytes go to Arrow's
    CSV reader as they are; other encodings (UTF-16, Windows-1252 after Excel) are decoded first.
    """
    if isinstance(content, bytes):
        if content.startswith(b"\xef\xbb\xbf"):
            content = memoryview(content)[3:]
        elif content[:2] in (b"\xff\xfe", b"\xfe\xff") or not _is_utf8(content):
            content = decode(bytes(content))
    head = content[:65536] if isinstance(content, str) else decode_head(bytes(content[:65536]))
    lines = split_lines(head)
    if len(lines) <= skip_lines or not lines[skip_lines].strip():
        raise ImportRejected("Die Datei endet vor der Kopfzeile.")
    delimiter = delimiter or sniff_delimiter(lines[skip_lines])
    header = [str(h).strip() for h in parse_csv_line(lines[skip_lines], delimiter)]
    data = content.encode("utf-8") if isinstance(content, str) else content
    return DelimitedTable(data, header, skip_lines + 1, delimiter)


def read_table(content: str | bytes, *, skip_lines: int = 0, delimiter: str | None = None) -> tuple[list[str], pd.DataFrame]:
    """Header and all rows (as text, columns numbered by position) of a delimited table."""
    table = open_table(content, skip_lines=skip_lines, delimiter=delimiter)
    return table.header, table.read()


def _is_utf8(data) -> bool:
    """Checked in slices, so a large file is never held as decoded text."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for start in range(0, len(view), 1 << 24):
            decoder.decode(view[start:start + (1 << 24)])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _arrow_reason(exc: Exception) -> str:
    message = str(exc)
    match = re.search(r"Expected (\d+) columns, got (\d+)", message)
    if match:
        return f"eine Zeile hat {match.group(2)} statt {match.group(1)} Spalten; abgeschnitten oder beschädigt?"
    return message.splitlines()[0][:200]


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
            raise ImportRejected(f"Pflichtspalte(n) fehlen: {', '.join(missing)}.")

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
    bad = numbers.isna() & text.notna()
    if bad.any():
        position = int(bad.to_numpy().nonzero()[0][0])
        raise ImportRejected(
            f"Spalte „{column}“, Datenzeile {position + 1}: „{series.iloc[position]}“ ist keine Zahl."
        )
    return numbers.astype("Float64")


_NULLS = pa.array(sorted(NULL_TOKENS))


def _plain_integers(series: pd.Series) -> pd.Series | None:
    """The common case, done in Arrow: a column of bare integers and NULL tokens. None otherwise."""
    try:
        arr = pa.array(series, type=pa.string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    try:  # bare digits only: one cast does it
        if pc.all(pc.match_substring_regex(arr, r"^-?[0-9]{1,15}$")).as_py():
            return pd.Series(pc.cast(arr, pa.int64()).to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get),
                             index=series.index)
    except pa.ArrowInvalid:
        pass
    stripped = pc.utf8_trim_whitespace(arr)
    missing = pc.is_in(pc.utf8_lower(stripped), value_set=_NULLS)
    values = pc.if_else(missing, pa.scalar(None, pa.string()), stripped)
    if not pc.all(pc.match_substring_regex(values, r"^-?[0-9]{1,15}$"), skip_nulls=True).as_py():
        return None
    return pd.Series(pc.cast(values, pa.int64()).to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get),
                     index=series.index)


def add_up(parts: Iterable[pd.Series | None]) -> pd.Series | None:
    """Row-wise sum of the columns a file has; NULL where any of them is NULL (a missing value is
    unknown, not 0). None when the file has none of the columns."""
    present = [p for p in parts if p is not None]
    if not present:
        return None
    return pd.concat(present, axis=1).sum(axis=1, skipna=False)


def to_count(series: pd.Series | None, column: str, *, allow_negative: bool = False) -> pd.Series | None:
    """A count column: whole numbers; negative values are an error unless the platform
    documents them (TikTok's comment counts)."""
    if series is None:
        return None
    numbers = _plain_integers(series)
    if numbers is None:
        numbers = to_number(series, column)
    if not allow_negative and (numbers < 0).any():
        position = int((numbers < 0).fillna(False).to_numpy().nonzero()[0][0])
        raise ImportRejected(f"Spalte „{column}“, Datenzeile {position + 1}: negative Anzahl {numbers.iloc[position]:g}.")
    if (numbers.abs() > 1e12).any():
        raise ImportRejected(f"Spalte „{column}“ enthält unplausibel große Werte (über 10^12).")
    return numbers if numbers.dtype == "Int64" else numbers.round().astype("Int64")


# -- dates -----------------------------------------------------------------------------------


def to_datetime(series: pd.Series, column: str, formats: Iterable[str]) -> pd.Series:
    """Parse with the first format that reads every non-empty value; error otherwise."""
    formats = list(formats)
    fast = _arrow_datetime(series, formats)
    if fast is not None:
        return fast
    text = series.astype("string").str.strip()
    text = text.mask(text.str.casefold().isin(NULL_TOKENS))
    present = text.dropna()
    for fmt in formats:
        parsed = pd.to_datetime(text, format=fmt, errors="coerce")
        if parsed.notna().sum() == len(present):
            return parsed
    example = present.iloc[0] if len(present) else ""
    raise ImportRejected(f"Spalte „{column}“: Datumsformat von „{example}“ nicht erkannt.")


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
        return pd.Series(parsed.to_pandas(), index=series.index)
    return None


def localize(naive: pd.Series, timezone: str) -> pd.Series:
    """Local wall-clock times to UTC (ambiguous autumn hours read as standard time)."""
    standard_time = np.zeros(len(naive), dtype=bool)
    return naive.dt.tz_localize(timezone, ambiguous=standard_time, nonexistent="shift_forward").dt.tz_convert("UTC")


def check_not_future(moments: pd.Series, column: str, export_day) -> None:
    """Reject dates after the export day: a post cannot be published after it was exported."""
    limit = pd.Timestamp(export_day, tz="UTC") + pd.Timedelta(days=2)
    late = moments.dropna()
    late = late[late > limit]
    if len(late):
        raise ImportRejected(
            f"Spalte „{column}“ enthält Zeitpunkte in der Zukunft ({late.iloc[0]:%d.%m.%Y}), "
            f"nach dem Exportdatum {export_day:%d.%m.%Y}."
        )


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


def day_basis(source: SourceFile) -> str:
    """What the export day of a file is: its file date (CLI, demo) or the day of the upload."""
    return "Dateidatum" if source.export_date else "Importdatum"


def assumed_as_of_note(source: SourceFile, day: date, reason: str = "die Datei nennt keinen Zeitraum") -> str:
    """The note for a snapshot dated by the export day because nothing in or beside it dates it."""
    return f"Stand {day:%d.%m.%Y} angenommen: {reason}; Grundlage ist das {day_basis(source)}."
