"""Meta Business Suite `Audience.csv`: age × gender of a Page's followers, plus top lists.

Format (docs/platform-exports.md §4): UTF-16LE with BOM, every field quoted, a `sep=,` line for
Excel, then blocks separated by blank lines. Each block starts with a one-cell label line:

    "Age & gender"   header `"","Men","Women"`, rows `18-24` … `65+`, values in percent
    "Top cities"     a row of labels and a row of percentages      (skipped)
    "Top countries"  the same                                       (skipped)
    "Top pages"      an affinity index that can exceed 100          (skipped: not a share)
    "Follows"        `"Date","Primary"` and new follows per day     (→ daily followers_gained)

Percentages become shares (`12.3` → 0.123) of the `followers` audience; an empty cell stays a
NULL share (suppressed), never 0. The snapshot is dated by the period it describes: the end of a
period in the file name (`…Sep-01-2025_Sep-30-2025…`), else the last day of the `Follows` block,
else (with a note) the export day. There is no 13-17 row: that bucket is "not supplied" and gets
no row, never a 0. Unknown blocks are skipped and named in the import notes. The file names neither platform nor account, so the
platform comes from the upload form (`ctx.platform`) and the municipality's account is used.
English block labels are verified; Swedish and German ones are unverified hints.
"""

from __future__ import annotations

import csv
import io
import re

import pandas as pd

from analytics.i18n import Message
from connectors.audience import canonical_age
from connectors.base import AccountRef, ImportContext, ImportRejected, Parsed, SourceFile
from connectors.io import (
    Columns,
    assumed_as_of_note,
    check_dates,
    check_day,
    check_lines,
    decode,
    decode_head,
    name_period,
    normalise_header,
    to_count,
    to_datetime,
    to_number,
)

FORMAT = "meta_audience"
PLATFORM = None  # Facebook or Instagram, told by the user
LABEL = Message("connector.format.meta_audience")

# Block labels (normalised). English verified; Swedish and German are unverified hints.
AGE_GENDER = {"age & gender", "age and gender", "ålder och kön", "alter & geschlecht", "alter und geschlecht"}
SKIPPED = {
    "top cities": "cities", "städer": "cities", "topp städer": "cities",
    "top-städte": "cities", "top städte": "cities", "städte": "cities",
    "top countries": "countries", "länder": "countries", "topp länder": "countries",
    "top-länder": "countries", "top länder": "countries",
    "top pages": "pages", "topp sidor": "pages", "top-seiten": "pages", "top seiten": "pages",
}  # what a skipped block holds: connector.meta_audience.skipped.<value>
FOLLOWS = {
    "follows": None, "facebook follows": "facebook", "instagram follows": "instagram",
    "följer": None, "follower": None, "neue follower": None,
}
GENDER_SYNONYMS = {
    "male": ["Men", "Män", "Männer", "Male"],
    "female": ["Women", "Kvinnor", "Frauen", "Female"],
}
DAILY_HEADER = {"date", "datum"}
DATE_FORMATS = ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d", "%d.%m.%Y", "%m/%d/%Y"]
MAX_LINES = 100_000  # the real file has a few dozen lines and a Follows block of up to a year


Row = tuple[int, list[str]]  # (line number, cells)


def _rows(text: str) -> list[Row]:
    """All CSV rows after the `sep=` line with their line numbers; blank lines stay as rows
    without cells (block separators)."""
    check_lines(text, MAX_LINES)
    lines = text.split("\n", 1)
    delimiter, offset = ",", 0
    if lines[0].strip().lower().startswith("sep="):
        delimiter = lines[0].strip()[4:5] or ","
        text, offset = (lines[1] if len(lines) > 1 else ""), 1
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [(reader.line_num + offset, [cell.strip() for cell in row]) for row in reader]
    except csv.Error:
        raise ImportRejected("connector.io.row_unreadable", row=str(reader.line_num + offset + 1)) from None


def _blocks(rows: list[Row]) -> list[tuple[str, list[Row]]]:
    """(label, rows under the label) per block; blocks are separated by blank rows."""
    blocks: list[tuple[str, list[Row]]] = []
    current: list[Row] = []
    for line, row in [*rows, (0, [])]:
        if any(cell for cell in row):
            current.append((line, row))
        elif current:
            label_cells = [c for c in current[0][1] if c]
            label = label_cells[0] if len(label_cells) == 1 else ""
            blocks.append((label, current[1:] if label else current))
            current = []
    return blocks


def _key(label: str) -> str:
    return re.sub(r"\s+", " ", normalise_header(label))


def detect(source: SourceFile) -> bool:
    try:
        text = decode_head(source.data, 8000)
    except ImportRejected:
        return False
    if not text.lstrip("\ufeff").lower().startswith("sep="):
        return False
    try:
        blocks = _blocks(_rows(text))
    except ImportRejected:
        return False
    keys = {_key(label) for label, _ in blocks}
    return bool(keys & (AGE_GENDER | set(SKIPPED)))


def parse(source: SourceFile, ctx: ImportContext) -> list[Parsed]:
    text = decode(source.data)
    if not text.lower().startswith("sep="):
        raise ImportRejected("connector.meta_audience.not_audience")
    blocks = _blocks(_rows(text))
    export_day = ctx.export_date(source)
    notes: list[Message] = []
    unmapped: list[str] = []
    audience_parts: list[pd.DataFrame] = []
    daily_parts: list[pd.DataFrame] = []
    file_platform: str | None = None
    for label, body in blocks:
        key = _key(label)
        if key in AGE_GENDER:
            frame, block_unmapped = _age_gender(body)
            unmapped += block_unmapped
            if frame.empty:
                notes.append(Message("connector.meta_audience.empty_block", label=label))
            audience_parts.append(frame)
        elif key in SKIPPED:
            notes.append(Message("connector.meta_audience.skipped_block", label=label,
                                 what=Message(f"connector.meta_audience.skipped.{SKIPPED[key]}")))
        elif key in FOLLOWS:
            file_platform = FOLLOWS[key] or file_platform
            daily_parts.append(_follows(body, export_day, FOLLOWS[key] or ctx.platform or "facebook"))
        else:
            notes.append(Message("connector.meta_audience.unknown_block",
                                 label=label or (body[0][1][0] if body and body[0][1] else "?")))
    if not audience_parts and not daily_parts:
        raise ImportRejected("connector.meta_audience.no_blocks")

    platform = file_platform or ctx.platform
    if platform not in ("facebook", "instagram"):
        raise ImportRejected("connector.meta_audience.no_platform")
    audience = pd.concat(audience_parts, ignore_index=True) if audience_parts else None
    daily = pd.concat(daily_parts, ignore_index=True) if daily_parts else None
    if audience is not None and audience.empty:
        audience = None
    if audience is not None:
        audience.insert(0, "as_of", _as_of(source, daily, export_day, notes, platform))
    if daily is not None:
        daily = daily.groupby("day", as_index=False).last()
        daily = daily[["day", "metric", "value", "filled"]]
    return [Parsed(
        platform=platform, format=FORMAT, format_label=LABEL, account=AccountRef(platform),
        audience=audience, daily=daily, metrics_as_of=export_day,
        unmapped_columns=list(dict.fromkeys(unmapped)), notes=notes,
    )]


def _as_of(source: SourceFile, daily: pd.DataFrame | None, export_day, notes: list[Message], platform: str):
    """The day the age × gender snapshot describes: the end of the period the file covers."""
    period = name_period(source.name, source.container)
    if period:
        as_of = period[1]
    elif daily is not None and len(daily):
        as_of = daily["day"].max()
    else:
        notes.append(assumed_as_of_note(source, export_day, Message("connector.meta_audience.no_period")))
        return export_day
    check_day(as_of, Message("connector.meta_audience.period_end"), platform, export_day)
    return as_of


def _age_gender(body: list[Row]) -> tuple[pd.DataFrame, list[str]]:
    if not body:
        return pd.DataFrame(columns=["audience", "age_group", "gender", "share", "count", "raw_label"]), []
    header = body[0][1]
    cols = Columns(header, GENDER_SYNONYMS)
    if not ({"male", "female"} & set(cols.index)):
        raise ImportRejected("connector.meta_audience.no_gender_columns")
    width = len(header)
    records = []
    for line, row in body[1:]:
        if len(row) != width:
            raise ImportRejected("connector.meta_audience.row_width", row=str(line), got=str(len(row)),
                                 expected=str(width))
        age = canonical_age(row[0])
        for gender, position in cols.index.items():
            records.append({"line": line, "age": age, "raw_age": row[0], "gender": gender,
                            "raw_gender": header[position], "value": row[position]})
    frame = pd.DataFrame(records, columns=["line", "age", "raw_age", "gender", "raw_gender", "value"])
    frame.index = frame.pop("line")
    percent = to_number(frame["value"].astype("string"), "Age & gender", integer=False, percent=True)
    if percent is not None and ((percent < 0) | (percent > 100)).any():
        raise ImportRejected("connector.meta_audience.percent_range")
    audience = pd.DataFrame({
        "audience": "followers",
        "age_group": frame["age"],
        "gender": frame["gender"],
        "share": (percent / 100).astype("float64") if percent is not None else pd.Series(dtype="float64"),
        "count": pd.array([pd.NA] * len(frame), dtype="Int64"),
        "raw_label": frame["raw_age"] + " " + frame["raw_gender"],
    }).reset_index(drop=True)
    if audience.duplicated(["age_group", "gender"]).any():
        raise ImportRejected("connector.meta_audience.age_twice")
    return audience, cols.unmapped


def _follows(body: list[Row], export_day, platform: str) -> pd.DataFrame:
    if not body or len(body[0][1]) < 2 or _key(body[0][1][0]) not in DAILY_HEADER:
        raise ImportRejected("connector.meta_audience.no_follows_header")
    short = [line for line, row in body[1:] if len(row) < 2]
    if short:
        raise ImportRejected("connector.meta_audience.follows_short", row=str(short[0]))
    lines = [line for line, _ in body[1:]]
    frame = pd.DataFrame([row[:2] for _, row in body[1:]], index=lines, columns=[0, 1], dtype="string")
    moments = to_datetime(frame[0], "Date", DATE_FORMATS)
    check_dates(moments, "Date", platform, export_day)
    values = to_count(frame[1], "Primary")
    daily = pd.DataFrame({"day": moments.dt.date, "metric": "followers_gained", "value": values.astype("Float64"),
                          "filled": False})
    daily = daily.dropna(subset=["day"])  # a day with an empty value stays, NULL
    daily["value"] = daily["value"].astype("float64")
    return daily.reset_index(drop=True)
