"""YouTube Studio demographic tables: Viewer age, Viewer gender, and age × gender.

Format (docs/platform-exports.md §7): UTF-8 without BOM, CRLF or LF, header
`Viewer age,Views (%),…`; age labels with an EN DASH (`18–24 years`), values are percent of
views (`0.61` = 0.61 %); an empty cell stays a NULL share. The files name no channel: the
municipality's YouTube account is used. The snapshot is dated by the end of the period in the
zip name (Studio names its zips like `Cities 2026-01-01_2026-01-14 <Kanal>.zip`; the loader keeps
it as the member's container) or in the file name; only without one by the export day, with a note.
"""

from __future__ import annotations

import pandas as pd

from analytics.i18n import Message
from connectors.audience import canonical_age, canonical_gender
from connectors.base import ImportContext, ImportRejected, Parsed, SourceFile
from connectors.io import (
    Columns,
    assumed_as_of_note,
    check_day,
    decode,
    decode_head,
    match_synonyms,
    name_period,
    parse_csv_line,
    read_table,
    split_lines,
    to_number,
)
from connectors.youtube_studio import channel

FORMAT = "youtube_demographics"
PLATFORM = "youtube"
LABEL = Message("connector.format.youtube_demographics")

SYNONYMS = {
    "age": ["Viewer age", "Alter der Zuschauer", "Zuschaueralter"],
    "gender": ["Viewer gender", "Geschlecht der Zuschauer", "Zuschauergeschlecht"],
    "views_pct": ["Views (%)", "Aufrufe (%)"],
}
IGNORED = ["Average view duration", "Average percentage viewed (%)", "Watch time (hours) (%)",
           "Durchschnittliche Wiedergabedauer", "Wiedergabezeit (Stunden) (%)"]


def _header(source: SourceFile) -> list[str]:
    first = split_lines(decode_head(source.data, 4000))[0]
    return parse_csv_line(first)


def detect(source: SourceFile) -> bool:
    try:
        fields = match_synonyms(_header(source), SYNONYMS)
    except ImportRejected:
        return False
    return "views_pct" in fields and bool({"age", "gender"} & fields)


def parse(source: SourceFile, ctx: ImportContext) -> list[Parsed]:
    header, rows = read_table(decode(source.data))
    cols = Columns(header, SYNONYMS, IGNORED)
    cols.require("views_pct")
    if "age" not in cols and "gender" not in cols:
        raise ImportRejected("connector.youtube_demographics.no_columns")
    rows = rows[rows[0].str.strip().str.casefold() != "total"]
    if rows.empty:
        raise ImportRejected("connector.youtube_demographics.no_rows")
    percent = to_number(cols.get(rows, "views_pct"), "Views (%)", integer=False, percent=True)
    if ((percent < 0) | (percent > 100)).any():
        raise ImportRejected("connector.youtube_demographics.percent_range")
    export_day = ctx.export_date(source)
    period = name_period(source.container, source.name)
    as_of = period[1] if period else export_day
    check_day(as_of, Message("connector.youtube_demographics.period_end"), PLATFORM, export_day)
    notes = [] if period else [assumed_as_of_note(source, export_day)]
    raw_age = cols.get(rows, "age")
    raw_gender = cols.get(rows, "gender")
    audience = pd.DataFrame({
        "as_of": as_of,
        "audience": "viewers",
        "age_group": raw_age.map(canonical_age) if raw_age is not None else "all",
        "gender": raw_gender.map(canonical_gender) if raw_gender is not None else "all",
        "share": (percent / 100).astype("float64"),
        "count": pd.array([pd.NA] * len(rows), dtype="Int64"),
        "raw_label": (raw_age if raw_age is not None else raw_gender).str.strip(),
    }).reset_index(drop=True)
    if audience.duplicated(["age_group", "gender"]).any():
        raise ImportRejected("connector.youtube_demographics.group_twice")
    return [Parsed(
        platform="youtube", format=FORMAT, format_label=LABEL, account=channel(source),
        audience=audience, metrics_as_of=export_day, unmapped_columns=cols.unmapped, notes=notes,
    )]
