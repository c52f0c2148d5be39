"""Shared reading helpers: encodings, delimiters, header synonyms, numbers and dates.

Platform exports differ in encoding (UTF-8 with BOM, UTF-16LE with BOM, Windows-1252 after an
Excel round-trip), delimiter (`,` or `;`), number style (`1234.5` or `1.234,5`) and date style.
These helpers detect each from the content instead of assuming it.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import datetime

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from connectors.base import ImportRejected

NULL_TOKENS = {"", "undefined", "n/a", "na", "-", "–", "—", "null", "none", "nan", "--"}

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
    return next(csv.reader([line], delimiter=delimiter), [])


def read_table(text: str, *, skip_lines: int = 0, delimiter: str | None = None) -> tuple[list[str], pd.DataFrame]:
    """Header and rows (all text) of a delimited table starting `skip_lines` lines down.

    Quoted fields may hold delimiters, doubled quotes and newlines. Uses Arrow's CSV reader,
    which is fast enough for million-row exports.
    """
    lines = text.split("\n", skip_lines + 1)
    if len(lines) <= skip_lines:
        raise ImportRejected("Die Datei endet vor der Kopfzeile.")
    header_line = lines[skip_lines].rstrip("\r")
    delimiter = delimiter or sniff_delimiter(header_line)
    body = "\n".join(lines[skip_lines:]) if skip_lines else text
    try:
        table = pacsv.read_csv(
            io.BytesIO(body.encode("utf-8")),
            read_options=pacsv.ReadOptions(autogenerate_column_names=True, block_size=1 << 24),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter, newlines_in_values=True, invalid_row_handler=_reject_row
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=_all_text(body, delimiter), strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid as exc:
        raise ImportRejected(f"Die Tabelle ist nicht lesbar ({_arrow_reason(exc)}).") from None
    frame = table.to_pandas()
    if frame.empty:
        return [], frame
    header = [str(v) for v in frame.iloc[0].tolist()]
    rows = frame.iloc[1:].reset_index(drop=True)
    rows.columns = range(len(header))
    return header, rows


def _reject_row(row) -> str:
    return "error"


def _all_text(body: str, delimiter: str) -> dict:
    first = body.split("\n", 1)[0]
    width = max(len(parse_csv_line(first.rstrip("\r"), delimiter)), 1)
    return {f"f{i}": pa.string() for i in range(width)}


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


def to_count(series: pd.Series | None, column: str, *, allow_negative: bool = False) -> pd.Series | None:
    """A count column: whole numbers; negative values are an error unless the platform
    documents them (TikTok's comment counts)."""
    numbers = to_number(series, column)
    if numbers is None:
        return None
    if not allow_negative and (numbers < 0).any():
        position = int((numbers < 0).fillna(False).to_numpy().nonzero()[0][0])
        raise ImportRejected(f"Spalte „{column}“, Datenzeile {position + 1}: negative Anzahl {numbers.iloc[position]:g}.")
    if (numbers.abs() > 1e12).any():
        raise ImportRejected(f"Spalte „{column}“ enthält unplausibel große Werte (über 10^12).")
    return numbers.round().astype("Int64")


# -- dates -----------------------------------------------------------------------------------


def to_datetime(series: pd.Series, column: str, formats: Iterable[str]) -> pd.Series:
    """Parse with the first format that reads every non-empty value; error otherwise."""
    text = series.astype("string").str.strip()
    text = text.mask(text.str.casefold().isin(NULL_TOKENS))
    present = text.dropna()
    for fmt in formats:
        parsed = pd.to_datetime(text, format=fmt, errors="coerce")
        if parsed.notna().sum() == len(present):
            return parsed
    example = present.iloc[0] if len(present) else ""
    raise ImportRejected(f"Spalte „{column}“: Datumsformat von „{example}“ nicht erkannt.")


def localize(naive: pd.Series, timezone: str) -> pd.Series:
    """Local wall-clock times to UTC (ambiguous autumn hours read as standard time)."""
    return naive.dt.tz_localize(timezone, ambiguous="NaT", nonexistent="shift_forward").dt.tz_convert("UTC")


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


def parse_iso_date(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        return None
