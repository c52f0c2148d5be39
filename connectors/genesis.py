"""Official population by age group: Regionalstatistik 12411-02-03-5 (Gemeinden) and -4 (Kreise).

Format (docs/genesis-format.md), three variants told apart by their first line:

* classic CSV, wide layout (real): ISO-8859-1, `;`, `GENESIS-Tabelle: 12411-02-03-5-B`, title
  lines, `Stichtag: 31.12.2018`, three header lines (sex `Insgesamt`/`männlich`/`weiblich`, the
  variable, the 17 age labels + `Insgesamt`, once per sex), one line per region (`DG`, 5-digit
  Kreis, 8-digit Gemeinde; `-` or `.` in every cell for dissolved or secret regions), then a
  `__________` line and quoted footnotes. The data start at the first line whose first field is a
  region code; only the `Insgesamt` block is read.
* classic CSV, long layout (secondary): one line per Stichtag, region and age group
  (`31.12.2022;01001;Flensburg;unter 3 Jahre;200;100;100`); the header line count varies, so the
  data start at the first line beginning with a `dd.mm.yyyy` date.
* flat file `ffcsv` (real): UTF-8 with BOM, header `statistics_code;…`, one value per line with
  numbered variables (`GEMEIN`/`KREISE` region, `GES` sex with an empty code for the total,
  `ALTX20` age with keys like `ALT010B15`, `ALT075UM`), unsorted.

The 17 official groups are summed onto the canonical platform buckets (18-24 = 18–20 + 20–25, …,
65+ = 65–75 + `75 Jahre und mehr`). 13-17 cannot be formed exactly: it is 2/5 × `10 bis unter 15`
+ `15 bis unter 18` and stored with `derived = true`. Only 8-digit codes of municipalities in the
shipped municipality directory (the one core.municipalities is loaded from) are stored; Kreise,
Länder, unknown codes and rows of `-`/`.` are skipped and counted in the notes. The reference date
is the Stichtag; a file with several Stichtage keeps the latest.
"""

from __future__ import annotations

import csv
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

import pandas as pd

from analytics.i18n import Message
from analytics.reference import MUNICIPALITIES_CSV
from connectors.base import POPULATION_COLUMNS, ImportContext, ImportRejected, Parsed, SourceFile
from connectors.io import (
    Columns,
    check_day,
    decode,
    decode_head,
    normalise_header,
    parse_csv_line,
    read_table,
    split_lines,
)

FORMAT = "genesis"
PLATFORM = "population"  # not a social-media platform: official statistics without an account
LABEL = Message("connector.format.genesis")

# Canonical bucket -> [from, to) in years; None = open-ended (core.age_groups).
BUCKETS: dict[str, tuple[int, int | None]] = {
    "13-17": (13, 18), "18-24": (18, 25), "25-34": (25, 35), "35-44": (35, 45),
    "45-54": (45, 55), "55-64": (55, 65), "65+": (65, None),
}
PLACEHOLDERS = {"-", ".", "x", "...", "/", ""}
MAX_VALUES = 500_000  # all of Germany's municipalities × 18 age groups is 200,000
TOTAL_LABELS = {"insgesamt", "total"}
FOOTER = "__________"
FFCSV_SYNONYMS = {
    "statistics_code": ["statistics_code"],
    "time": ["time"],
    "value": ["value"],
}
_DATE = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4}$")
_CODE = re.compile(r"^(DG|\d{2,8})$")
_STICHTAG = re.compile(r"Stichtag:?\s*(\d{1,2}\.\d{1,2}\.\d{4})", re.I)

Interval = tuple[int, int | None]


@dataclass
class Record:
    ags: str
    interval: Interval | None  # None = the row's total (`Insgesamt`)
    value: int | None  # None for `-`, `.`, `x`, … (never 0)
    reference_date: date


# -- age labels ------------------------------------------------------------------------------


def age_interval(label: str) -> Interval | None:
    """`unter 3 Jahre` → (0, 3), `3 bis unter 6 Jahre` → (3, 6), `75 Jahre und mehr` → (75, None),
    ffcsv keys `ALT010B15` / `ALT075UM`, single years `17-Jährige`; None for anything else."""
    text = re.sub(r"\s+", " ", str(label)).strip().casefold()
    key = re.fullmatch(r"alt(\d{3})(?:b(\d{2,3})|(um))", text)
    if key:
        return int(key.group(1)), (int(key.group(2)) if key.group(2) else None)
    match = re.fullmatch(r"unter (\d+) jahre?n?", text)
    if match:
        return 0, int(match.group(1))
    match = re.fullmatch(r"(\d+) bis unter (\d+) jahre?n?", text)
    if match and int(match.group(1)) < int(match.group(2)):
        return int(match.group(1)), int(match.group(2))
    match = re.fullmatch(r"(\d+) jahre? und (mehr|älter|darüber)", text)
    if match:
        return int(match.group(1)), None
    match = re.fullmatch(r"(\d+)-jährige", text)
    if match:
        return int(match.group(1)), int(match.group(1)) + 1
    return None


def to_buckets(groups: dict[Interval, int]) -> dict[str, tuple[int, bool]]:
    """Canonical bucket → (population, derived) from official groups. A group that lies only
    partly in a bucket contributes its share of years (10–15 → 2/5 to 13-17) and marks the
    bucket derived; the groups used must cover the bucket's years exactly once."""
    open_starts = [start for start, end in groups if end is None]
    result = {}
    for bucket, (low, high) in BUCKETS.items():
        total, covered, derived = 0.0, 0, False
        limit = high if high is not None else (min(open_starts) if open_starts else None)
        if limit is None or limit < low:
            raise _uncovered(bucket)
        for (start, end), value in groups.items():
            if end is None:
                if high is None and start >= low:
                    total += value  # the open-ended group (`75 Jahre und mehr`)
                elif high is None or start < high:
                    raise _uncovered(bucket)  # an open group cannot be split
                continue
            overlap = min(end, limit) - max(start, low)
            if overlap <= 0:
                continue
            total += value * overlap / (end - start)
            covered += overlap
            derived = derived or overlap < end - start
        if covered != limit - low:
            raise _uncovered(bucket)
        result[bucket] = (int(math.floor(total + 0.5)), derived)
    return result


def _uncovered(bucket: str) -> ImportRejected:
    return ImportRejected("connector.genesis.uncovered", group=bucket)


# -- municipalities --------------------------------------------------------------------------


@lru_cache(maxsize=1)
def known_municipalities() -> frozenset[str]:
    """AGS of the shipped municipality directory (the source of core.municipalities)."""
    with open(MUNICIPALITIES_CSV, encoding="utf-8", newline="") as handle:
        return frozenset(row["ags"] for row in csv.DictReader(handle))


# -- detection -------------------------------------------------------------------------------


def _variant(text: str) -> str | None:
    first = next((line for line in split_lines(text[:8000]) if line.strip()), "").lstrip("\ufeff").strip().lstrip('"')
    if first.startswith("GENESIS-Tabelle:"):
        return "classic"
    head = normalise_header(first.split(";", 1)[0])
    if head == "statistics_code":
        return "ffcsv"
    if head == "statistik_code":
        return "flat_old"
    return None


def detect(source: SourceFile) -> bool:
    try:
        return _variant(decode_head(source.data)) is not None
    except ImportRejected:
        return False


# -- parsing ---------------------------------------------------------------------------------


def parse(source: SourceFile, ctx: ImportContext) -> list[Parsed]:
    text = decode(source.data)
    variant = _variant(text)
    notes: list[Message] = []
    if "\ufffd" in text:
        notes.append(Message("connector.genesis.replacement_chars"))
    if variant == "classic":
        table, records, layout = _classic(text)
    elif variant == "ffcsv":
        (table, records), layout = _ffcsv(text), "ffcsv"
    elif variant == "flat_old":
        raise ImportRejected("connector.genesis.flat_old")
    else:
        raise ImportRejected("connector.genesis.not_genesis")
    if not table.startswith("12411"):
        raise ImportRejected("connector.genesis.not_population", table=table)
    if not any(r.interval is not None for r in records):
        raise ImportRejected("connector.genesis.no_age_groups", table=table)
    population, row_notes = _population(records)
    notes += row_notes
    check_day(population["reference_date"].max(), Message("connector.genesis.the_stichtag"), "population",
              ctx.export_date(source))
    return [Parsed(
        platform=PLATFORM, format=f"{FORMAT}_{layout}", format_label=Message("connector.format.paren", label=LABEL, part=table),
        account=None, population=population, notes=notes,
        metrics_as_of=population["reference_date"].max(),
    )]


def _check_count(values: int) -> None:
    if values > MAX_VALUES:
        raise ImportRejected("connector.genesis.too_many_values", n=values, limit=MAX_VALUES)


def _stichtag(text: str) -> date:
    return datetime.strptime(text.strip(), "%d.%m.%Y").date()


def _value(cell: str, column: str, row: int) -> int | None:
    text = cell.strip().replace("\u00a0", "").replace(" ", "")
    if text.casefold() in PLACEHOLDERS:
        return None
    if not re.fullmatch(r"\d+|\d{1,3}(\.\d{3})+", text):
        raise ImportRejected("connector.genesis.not_a_population", row=str(row), column=column, value=cell.strip())
    return int(text.replace(".", ""))


def _classic(text: str) -> tuple[str, list[Record], str]:
    lines = split_lines(text)
    first = next((line for line in lines if line.strip()), "")
    table = match.group(1) if (match := re.search(r"GENESIS-Tabelle:\s*([\w.-]+)", first)) else "?"
    start, layout = None, None
    for index, line in enumerate(lines[1:], start=1):
        if line.startswith(FOOTER):
            break
        first = parse_csv_line(line, ";")[:1]
        cell = first[0].strip() if first else ""
        if _DATE.match(cell):
            start, layout = index, "long"
            break
        if _CODE.match(cell) and line.count(";") >= 2:
            start, layout = index, "wide"
            break
    if start is None:
        raise ImportRejected("connector.genesis.no_data_row", table=table)
    end = next((i for i in range(start, len(lines)) if lines[i].startswith(FOOTER)), len(lines))
    header = [parse_csv_line(line, ";") for line in lines[1:start]]
    body = [(start + i + 1, parse_csv_line(line, ";")) for i, line in enumerate(lines[start:end]) if line.strip()]
    if layout == "wide":
        return table, _wide(table, header, body), "wide"
    return table, _long(header, body), "long"


def _wide(table: str, header: list[list[str]], body: list[tuple[int, list[str]]]) -> list[Record]:
    stichtag = next((m.group(1) for row in header for m in [_STICHTAG.search(";".join(row))] if m), None)
    if stichtag is None:
        raise ImportRejected("connector.genesis.no_stichtag", table=table)
    reference_date = _stichtag(stichtag)
    labels_row = max(header, key=lambda row: sum(age_interval(c) is not None for c in row), default=[])
    if sum(age_interval(c) is not None for c in labels_row) < 5:
        raise ImportRejected("connector.genesis.no_age_header", table=table)
    sexes = next((row for row in header if row is not labels_row and any(
        normalise_header(c) in ("männlich", "weiblich", "male", "female") for c in row)), None)
    columns: dict[int, Interval | None] = {}
    seen: set = set()
    for position, label in enumerate(labels_row):
        interval = age_interval(label)
        is_total = normalise_header(label) in TOTAL_LABELS
        if interval is None and not is_total:
            continue
        if sexes is not None and normalise_header(sexes[position] if position < len(sexes) else "") not in TOTAL_LABELS:
            continue
        if interval in seen or (is_total and "total" in seen):
            continue  # repeated block without a sex line: the first one is the total
        seen.add(interval if interval is not None else "total")
        columns[position] = interval
    _check_count(len(body) * len(columns))
    records = []
    for line_no, row in body:
        code = row[0].strip()
        for position, interval in columns.items():
            cell = row[position] if position < len(row) else ""
            records.append(Record(code, interval, _value(cell, labels_row[position], line_no), reference_date))
    return records


def _long(header: list[list[str]], body: list[tuple[int, list[str]]]) -> list[Record]:
    value_column = 4
    for row in header:
        totals = [i for i, c in enumerate(row) if i >= 4 and normalise_header(c) in TOTAL_LABELS]
        if totals:
            value_column = totals[0]
            break
    _check_count(len(body))
    records = []
    for line_no, row in body:
        if len(row) <= value_column or not _DATE.match(row[0].strip()):
            raise ImportRejected("connector.genesis.long_row", row=str(line_no))
        label = row[3].strip()
        interval = age_interval(label)
        if interval is None and normalise_header(label) not in TOTAL_LABELS:
            raise ImportRejected("connector.genesis.row_age_group", row=str(line_no), label=label)
        code = row[1].strip()
        records.append(Record(code, interval, _value(row[value_column], "Insgesamt", line_no), _stichtag(row[0])))
    return records


def _ffcsv(text: str) -> tuple[str, list[Record]]:
    header, rows = read_table(text, delimiter=";")
    cols = Columns(header, FFCSV_SYNONYMS)
    cols.require("statistics_code", "time", "value")
    if rows.empty:
        raise ImportRejected("connector.genesis.flat_empty")
    table = str(cols.get(rows, "statistics_code").iloc[0]).strip()
    position = {name.casefold(): i for i, name in enumerate(cols.header)}
    variables = {}
    for n in range(1, 10):
        code_col = position.get(f"{n}_variable_code")
        attr_col = position.get(f"{n}_variable_attribute_code")
        label_col = position.get(f"{n}_variable_attribute_label")
        if code_col is not None and attr_col is not None:
            variables[n] = (rows[code_col].str.strip().iloc[0].upper(), attr_col, label_col)
    region = next((v for v in variables.values() if v[0] in ("GEMEIN", "KREISE", "DLAND", "DINSG", "REGBEZ")), None)
    age = next((v for v in variables.values() if v[0].startswith("ALT")), None)
    sex = next((v for v in variables.values() if v[0] == "GES"), None)
    if region is None:
        raise ImportRejected("connector.genesis.no_region", table=table)
    if age is None:
        return table, []
    if sex is not None:
        rows = rows[rows[sex[1]].str.strip() == ""]
    _check_count(len(rows))
    records = []
    times = cols.get(rows, "time").str.strip()
    values = cols.get(rows, "value")
    for index in rows.index:
        key = rows.at[index, age[1]].strip()
        label = rows.at[index, age[2]].strip() if age[2] is not None else ""
        interval = (age_interval(key) or age_interval(label)) if key else None
        if key and interval is None:
            raise ImportRejected("connector.genesis.unknown_age_group", label=label or key, code=key)
        try:
            reference_date = date.fromisoformat(times.at[index])
        except ValueError:
            raise ImportRejected("connector.genesis.bad_stichtag", value=times.at[index]) from None
        records.append(Record(rows.at[index, region[1]].strip(), interval,
                              _value(values.at[index], "value", int(index)), reference_date))
    return table, records


def _population(records: list[Record]) -> tuple[pd.DataFrame, list[Message]]:
    notes = []
    dates = {r.reference_date for r in records}
    latest = max(dates)
    if len(dates) > 1:
        notes.append(Message("connector.genesis.several_dates", n=len(dates), day=latest))
    regions: dict[str, dict] = defaultdict(dict)
    for r in records:
        if r.reference_date == latest:
            regions[r.ags][r.interval] = r.value
    known = known_municipalities()
    higher = unknown = placeholder = mismatch = 0
    unknown_codes: list[str] = []
    frames = []
    for ags, groups in regions.items():
        if not re.fullmatch(r"\d{8}", ags):
            higher += 1
            continue
        if ags not in known:
            unknown += 1
            unknown_codes.append(ags)
            continue
        total = groups.pop(None, None)
        if not groups or any(v is None for v in groups.values()):
            placeholder += 1
            continue
        buckets = to_buckets(groups)
        if total is not None and sum(groups.values()) != total:
            mismatch += 1
        frames += [(ags, bucket, value, latest, derived) for bucket, (value, derived) in buckets.items()]
    if higher:
        notes.append(Message("connector.genesis.higher_skipped", n=str(higher)))
    if unknown:
        notes.append(Message("connector.genesis.unknown_skipped", n=str(unknown), codes=unknown_codes[:5]))
    if placeholder:
        notes.append(Message("connector.genesis.placeholder_skipped", n=str(placeholder)))
    if mismatch:
        notes.append(Message("connector.genesis.total_mismatch", n=str(mismatch)))
    if not frames:
        raise ImportRejected("connector.genesis.no_municipality")
    notes.append(Message("connector.genesis.estimated_13_17"))
    population = pd.DataFrame(frames, columns=POPULATION_COLUMNS)
    population["population"] = population["population"].astype("Int64")
    return population, notes
