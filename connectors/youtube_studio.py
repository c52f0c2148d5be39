"""YouTube Studio advanced-mode export: `Table data.csv`, `Chart data.csv`, `Totals.csv`.

Format (docs/platform-exports.md §7): a zip holding the three files (the loader unpacks it and
each member is detected on its own), UTF-8 without BOM, CRLF or LF, `,`, quoted only when
needed, one header row.

* `Table data.csv`, content report: `Content,Video title,Video publish time,…,Views,Watch time
  (hours),…,Impressions,…`, often followed by a `Total` row (skipped; files without it are
  accepted). `Content` is the video id, `Video publish time` is `Jan 13, 2026` (read as midnight
  Europe/Berlin). `Impressions` (older) and `Thumbnail impressions` (2025+) both → impressions;
  `Watch time (hours)` → watch_time_seconds (× 3600). Figures are totals for the chosen period as
  of the export day (a snapshot, stored with the export date).
* `Totals.csv`: `Date,Views`, dates `YYYY-MM-DD` → daily views.
* `Chart data.csv`: `Date,<dimension columns…>,Views`. It holds only the rows charted in Studio
  (the top videos, cities, …), so its sum per day is not the channel's total and would contradict
  `Totals.csv` from the same zip: it is recognised and skipped with a note. A chart file without
  dimension columns (`Date,Views`) is read like `Totals.csv`.
* Other Studio tables with `Views` and `Watch time (hours)` but neither `Content` nor `Date`
  (`Cities`, traffic sources, geography, …) are recognised and skipped with a note, so that a zip
  holding them still imports. Viewer age/gender tables belong to `youtube_demographics`.

The files name no channel; Studio's zip names end with it (`Content 2025-12-01_2026-01-14
Stadt Musterstadt.zip`), which the loader matches against the municipality register. Otherwise
the municipality's YouTube account is used. English headers are verified; German ones are
unverified hints.
"""

from __future__ import annotations

import re

import pandas as pd

from analytics.i18n import Message
from connectors.base import AccountRef, ImportContext, ImportRejected, Parsed, SourceFile
from connectors.io import (
    Columns,
    check_dates,
    check_ids,
    decode,
    decode_head,
    localize,
    match_synonyms,
    normalise_header,
    parse_csv_line,
    read_table,
    split_lines,
    to_count,
    to_datetime,
    to_number,
    unique_posts,
)

ZIP_NAME = re.compile(r"^.+?\s\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\s+(?P<channel>.+?)(?:\s*\(\d+\))?\.zip$", re.I)

FORMAT = "youtube_studio"
PLATFORM = "youtube"
LABEL = Message("connector.format.youtube_studio")
TIMEZONE = "Europe/Berlin"

SYNONYMS = {
    # German entries are unverified hints (no German Studio export seen).
    "content": ["Content", "Inhalt"],
    "title": ["Video title", "Videotitel"],
    "published": ["Video publish time", "Veröffentlichungszeitpunkt des Videos", "Veröffentlichungsdatum des Videos"],
    "date": ["Date", "Datum"],
    "views": ["Views", "Aufrufe"],
    "watch_hours": ["Watch time (hours)", "Wiedergabezeit (Stunden)"],
    "impressions": ["Impressions", "Thumbnail impressions", "Impressionen", "Thumbnail-Impressionen"],
    # Presumably present only when the user adds them in Studio (unverified).
    "likes": ["Likes", "Mag ich"],
    "comments": ["Comments added", "Hinzugefügte Kommentare", "Kommentare"],
    "shares": ["Shares", "Geteilte Inhalte", "Teilen"],
}
IGNORED = [
    "Video title", "Duration", "Dauer", "Subscribers", "Abonnenten", "Estimated revenue (USD)",
    "Average view duration", "Durchschnittliche Wiedergabedauer", "Impressions click-through rate (%)",
    "Thumbnail click-through rate (%)", "Klickrate der Impressionen (%)", "Average percentage viewed (%)",
    "Subscribers gained", "Subscribers lost", "Unique viewers", "RPM (USD)", "CPM (USD)",
]
PUBLISHED_FORMATS = ["%b %d, %Y", "%B %d, %Y", "%Y-%m-%d", "%d.%m.%Y", "%m/%d/%Y"]
DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%b %d, %Y"]
METRIC_FIELDS = ["views", "watch_hours", "impressions", "likes", "comments", "shares"]
DEMOGRAPHIC = {"viewer age", "viewer gender", "alter der zuschauer", "geschlecht der zuschauer"}


def _header(source: SourceFile) -> list[str]:
    text = decode_head(source.data, 8000)
    if text.startswith("\ufeff"):
        text = text[1:]
    return parse_csv_line(split_lines(text)[0])


def _kind(header: list[str]) -> str | None:
    """'table', 'chart', 'totals', 'other' (recognised, skipped) or None."""
    fields = match_synonyms(header, SYNONYMS)
    if not header or "views" not in fields:
        return None
    first = header[0].strip().casefold()
    if first in DEMOGRAPHIC:
        return None
    if first in ("date", "datum"):
        return "chart" if _dimensions(header) else "totals"
    if "content" in fields and ({"published", "title"} & fields):
        return "table"
    if "watch_hours" in fields and first not in ("content", "inhalt"):
        return "other"
    return None


def _dimensions(header: list[str]) -> list[str]:
    """The columns of a daily file that split a day into rows (Content, Cities, …)."""
    metrics = {normalise_header(n) for f in METRIC_FIELDS for n in SYNONYMS[f]}
    metrics |= {normalise_header(n) for n in IGNORED if n not in ("Video title", "Duration", "Dauer")}
    return [h for h in header[1:] if h.strip() and normalise_header(h) not in metrics]


def channel(source: SourceFile) -> AccountRef:
    """The YouTube account a Studio file belongs to, named by its zip where the zip says."""
    match = ZIP_NAME.match((source.container or "").rsplit("/", 1)[-1])
    return AccountRef("youtube", name=match.group("channel").strip() if match else None)


def detect(source: SourceFile) -> bool:
    try:
        return _kind(_header(source)) is not None
    except ImportRejected:
        return False


def parse(source: SourceFile, ctx: ImportContext) -> list[Parsed]:
    header, rows = read_table(decode(source.data))
    kind = _kind(header)
    if kind is None:
        raise ImportRejected("connector.youtube_studio.not_studio")
    if kind == "chart":
        return [Parsed(
            platform="youtube", format=FORMAT, format_label=Message("connector.format.comma", label=LABEL, part=Message("connector.format.part.chart")),
            account=channel(source), metrics_as_of=ctx.export_date(source),
            notes=[Message("connector.youtube_studio.chart_skipped", name=source.name,
                           dimensions=", ".join(_dimensions(header))[:80])],
        )]
    if kind == "other":
        return [Parsed(
            platform="youtube", format=FORMAT, format_label=Message("connector.format.comma", label=LABEL,
                                                                 part=Message("connector.format.part.table", name=header[0])),
            account=channel(source), metrics_as_of=ctx.export_date(source),
            notes=[Message("connector.youtube_studio.table_skipped", table=header[0], name=source.name)],
        )]
    cols = Columns(header, SYNONYMS, IGNORED)
    rows = rows[rows[0].str.strip().str.casefold() != "total"]
    if kind == "table":
        return [_table(cols, rows, source, ctx)]
    return [_daily(cols, rows, source, ctx)]


def _table(cols: Columns, rows: pd.DataFrame, source: SourceFile, ctx: ImportContext) -> Parsed:
    cols.require("content", "views")
    ids = cols.get(rows, "content").str.strip()
    keep = check_ids(ids, rows, cols.header[cols.index["content"]])
    rows, ids = rows[keep], ids[keep]
    if rows.empty:
        raise ImportRejected("connector.youtube_studio.no_videos")
    if not ids.str.fullmatch(r"[A-Za-z0-9_-]{6,20}").all():
        bad = ids[~ids.str.fullmatch(r"[A-Za-z0-9_-]{6,20}")].iloc[0]
        raise ImportRejected("connector.youtube_studio.bad_id", value=bad)
    export_day = ctx.export_date(source)
    published = None
    if "published" in cols:
        published = localize(to_datetime(cols.get(rows, "published"), "Video publish time", PUBLISHED_FORMATS), TIMEZONE)
        check_dates(published, "Video publish time", PLATFORM, export_day)

    def count(field: str) -> pd.Series | None:
        return to_count(cols.get(rows, field), cols.header[cols.index[field]]) if field in cols else None

    hours = to_number(cols.get(rows, "watch_hours"), "Watch time (hours)", integer=False)
    if hours is not None and (hours < 0).any():
        raise ImportRejected("connector.youtube_studio.negative_watch_time")
    posts = pd.DataFrame({
        "post_id": ids,
        "published_at": published,
        "post_type": "video",
        "message": cols.get(rows, "title"),
        "url": "https://www.youtube.com/watch?v=" + ids,
        "views": count("views"),
        "impressions": count("impressions"),
        "likes": count("likes"),
        "comments": count("comments"),
        "shares": count("shares"),
        "watch_time_seconds": (hours * 3600).astype("float64") if hours is not None else None,
    })
    notes = [Message("connector.youtube_studio.table_period")]
    return Parsed(
        platform="youtube", format=FORMAT, format_label=Message("connector.format.comma", label=LABEL, part=Message("connector.format.part.content")), account=channel(source),
        posts=unique_posts(posts, notes), metrics_as_of=export_day, unmapped_columns=cols.unmapped, notes=notes,
    )


def _daily(cols: Columns, rows: pd.DataFrame, source: SourceFile, ctx: ImportContext) -> Parsed:
    cols.require("date", "views")
    if rows.empty:
        raise ImportRejected("connector.io.header_only_daily")
    export_day = ctx.export_date(source)
    moments = to_datetime(cols.get(rows, "date"), "Date", DATE_FORMATS)
    check_dates(moments, "Date", PLATFORM, export_day)
    views = to_count(cols.get(rows, "views"), "Views")
    series = pd.DataFrame({"day": moments.dt.date, "value": views.astype("Float64")}).dropna(subset=["day"])
    series = series.groupby("day", as_index=False)["value"].sum(min_count=1)  # an empty value stays, NULL
    series["metric"] = "views"
    series["filled"] = False
    series["value"] = series["value"].astype("float64")
    return Parsed(
        platform="youtube", format=FORMAT, format_label=Message("connector.format.comma", label=LABEL,
                                                          part=Message("connector.format.part.daily_totals")), account=channel(source),
        daily=series[["day", "metric", "value", "filled"]].reset_index(drop=True), metrics_as_of=export_day,
        unmapped_columns=cols.unmapped,
    )
