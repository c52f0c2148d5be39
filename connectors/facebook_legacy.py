"""Legacy Facebook Page Insights export (classic Pages, until November 2023), page and post level.

Format (docs/platform-exports.md §6): `.csv` (UTF-8, no BOM seen, `,`, quoted only when needed)
or `.xls`. **Two header rows**: row 1 the metric names, row 2 one description per column starting
`Lifetime:`, `Daily:`, `Weekly:` or `28 Days:` (that prefix identifies the export). Names repeat:
each pair is a "(Total Count)" and a "(Unique Users)" variant told apart only by row 2, so a
repeated name gets that marker appended (`Lifetime Organic views to 95% (Unique Users)`).

* Post level (`Facebook Insights Data Export (Post Level) - <Page> - <date>.csv`): `Post ID` is
  `<pageid>_<postid>` (the page id part names the account), `Posted` is `M/D/YYYY H:MM`
  (read as Europe/Berlin wall-clock time, like the Business Suite export), `Lifetime Post Total
  Reach` → reach, `Lifetime Post Total Impressions` → impressions (metric version `impressions`),
  `Lifetime Post Consumptions` (clicks anywhere, total count) → clicks. Lifetime figures as of
  the export day.
* Page level (`Facebook Insights Data Export - <Page> - <date>.csv`, about 2,000 columns): one
  row per `Date` (probably `YYYY-MM-DD`; unverified, `M/D/YYYY` is accepted too). `Lifetime Total
  Likes` → followers (absolute), `Daily New Likes` → followers_gained, `Daily Unlikes` →
  followers_lost, `Daily Total Reach` → reach, `Daily Total Impressions` → impressions,
  `Daily Logged-in Page Views` → visits. `Lifetime Likes by Gender and Age - F.18-24` … are counts
  of fans: the last day that has them becomes one audience snapshot dated that day (`followers`,
  share computed within the snapshot, `U.` → gender `other`, an empty bucket NULL). Empty metric
  cells are NULL: the day stays, its value unknown. The file names no page: the municipality's
  Facebook account is used. The many other metric columns are recognised and not stored.

The `.xls` variant (an `.xlsx` too) is read by `connectors.workbook`: the sheet `Key Metrics` (or
else the first sheet) holds the same two header rows (sheet name unverified). Headers are partly localised; English names are
verified, the Chinese ones seen in one project are hints, German is unknown.
"""

from __future__ import annotations

import csv
import io
import re

import pandas as pd

from analytics.i18n import Message
from connectors import workbook
from connectors.audience import canonical_age, canonical_gender
from connectors.base import AccountRef, ImportContext, ImportRejected, Parsed, SourceFile
from connectors.files import is_workbook
from connectors.io import (
    Columns,
    check_dates,
    check_ids,
    check_width,
    decode,
    decode_head,
    localize,
    match_synonyms,
    to_count,
    to_datetime,
    unique_posts,
    where,
)

FORMAT = "facebook_legacy"
PLATFORM = "facebook"
LABEL = Message("connector.format.facebook_legacy")
TIMEZONE = "Europe/Berlin"

DESCRIPTION = re.compile(r"^\s*(Lifetime|Daily|Weekly|28 Days)\s*:", re.IGNORECASE)
MARKER = re.compile(r"\((Unique Users|Total Count)\)\s*$", re.IGNORECASE)
GENDER_AGE = re.compile(r"^Lifetime Likes by Gender and Age\s*-\s*([FMU])\.(.+)$", re.IGNORECASE)
# Column groups of the page-level export that are recognised but not stored.
KNOWN_PREFIX = re.compile(r"^(Lifetime|Daily|Weekly|28 Days)\b", re.IGNORECASE)

POST_SYNONYMS = {
    # Chinese names: seen in one Taiwanese project's post-level file (hints).
    "post_id": ["Post ID", "貼文編號"],
    "permalink": ["Permalink", "永久連結"],
    "message": ["Post Message", "文章標題"],
    "type": ["Type", "類型"],
    "posted": ["Posted", "發佈日期"],
    "reach": ["Lifetime Post Total Reach"],
    "impressions": ["Lifetime Post Total Impressions"],
    "clicks": ["Lifetime Post Consumptions"],
}
POST_IGNORED = ["Countries", "Languages", "Audience Targeting"]
PAGE_SYNONYMS = {
    "date": ["Date", "Datum"],
    "followers": ["Lifetime Total Likes"],
    "followers_gained": ["Daily New Likes"],
    "followers_lost": ["Daily Unlikes"],
    "reach": ["Daily Total Reach"],
    "impressions": ["Daily Total Impressions"],
    "visits": ["Daily Logged-in Page Views"],
}
PAGE_METRICS = ["followers", "followers_gained", "followers_lost", "reach", "impressions", "visits"]
# ISO8601: workbook date cells, with or without a time of day (see `connectors.workbook`)
POSTED_FORMATS = ["%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M",
                  "ISO8601"]
DATE_FORMATS = ["%Y-%m-%d", "%m/%d/%Y", "%Y-%m-%d %H:%M:%S", "%d.%m.%Y", "%m/%d/%Y %H:%M", "ISO8601"]
SHEET = "Key Metrics"


# -- reading both header rows --------------------------------------------------------------


def _csv_rows(text: str, limit: int | None = None) -> tuple[list[list[str]], list[int]]:
    """The rows of the text that hold a value, with their line numbers; `limit`: only the first ones."""
    rows: list[list[str]] = []
    numbers: list[int] = []
    cells = 0
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for row in reader:
            if not any(c.strip() for c in row):
                continue
            cells += len(row)
            check_width(len(row), reader.line_num)
            if cells > workbook.MAX_CELLS:
                raise ImportRejected("connector.facebook_legacy.too_many_cells", limit=workbook.MAX_CELLS)
            rows.append(row)
            numbers.append(reader.line_num)
            if limit and len(rows) >= limit:
                break
    except csv.Error:
        raise ImportRejected("connector.io.row_unreadable", row=str(reader.line_num + 1)) from None
    return rows, numbers


def _rows(source: SourceFile, limit: int | None = None, head: bool = False) -> tuple[list[list[str]], list[int]]:
    """Rows holding a value, with their row numbers: the `Key Metrics` sheet (or the first) of a
    workbook, or the CSV."""
    if is_workbook(source.data):
        sheets = workbook.read(source.data, max_rows=limit, pick=lambda names: [SHEET] if SHEET in names else names[:1])
        sheet = next(iter(sheets.values()), None)
        return (sheet.rows, sheet.numbers) if sheet else ([], [])
    text = decode_head(source.data, 1 << 20) if head else decode(source.data)
    return _csv_rows(text, limit)


def _is_description_row(row: list[str]) -> bool:
    filled = [c for c in row if c.strip()]
    return bool(filled) and sum(bool(DESCRIPTION.match(c)) for c in filled) >= max(1, len(filled) * 0.8)


def _header(names: list[str], descriptions: list[str]) -> list[str]:
    """Names with repeated ones told apart by their row-2 marker, e.g. `… (Unique Users)`."""
    counts: dict[str, int] = {}
    for name in names:
        counts[name.strip()] = counts.get(name.strip(), 0) + 1
    header = []
    for position, raw in enumerate(names):
        name = raw.strip()
        description = descriptions[position] if position < len(descriptions) else ""
        marker = MARKER.search(description)
        header.append(f"{name} ({marker.group(1)})" if counts[name] > 1 and marker else name)
    return header


def _kind(rows: list[list[str]]) -> str | None:
    """'posts', 'page' or None, from the two header rows."""
    if len(rows) < 2 or not _is_description_row(rows[1]):
        return None
    fields = match_synonyms(rows[0], POST_SYNONYMS)
    if {"post_id", "posted"} <= fields:
        return "posts"
    page = match_synonyms(rows[0], PAGE_SYNONYMS)
    if "date" in page and (set(PAGE_METRICS) & page or any(GENDER_AGE.match(n.strip()) for n in rows[0])):
        return "page"
    return None


def detect(source: SourceFile) -> bool:
    try:
        return _kind(_rows(source, limit=2, head=True)[0]) is not None
    except ImportRejected:
        return False


def parse(source: SourceFile, ctx: ImportContext) -> list[Parsed]:
    rows, numbers = _rows(source)
    kind = _kind(rows[:2])
    if kind is None:
        raise ImportRejected("connector.facebook_legacy.not_legacy")
    header = _header(rows[0], rows[1])
    width = len(header)
    body = rows[2:]
    for number, row in zip(numbers[2:], body, strict=True):
        if len(row) > width and any(c.strip() for c in row[width:]):
            raise ImportRejected("connector.facebook_legacy.row_width", row=number, got=str(len(row)),
                                 expected=str(width))
    frame = pd.DataFrame([(r + [""] * (width - len(r)))[:width] for r in body], columns=range(width),
                         index=numbers[2:], dtype="string")
    if frame.empty:
        raise ImportRejected("connector.facebook_legacy.headers_only")
    if kind == "posts":
        return [_posts(header, frame, source, ctx)]
    return [_page(header, frame, source, ctx)]


# -- post level ------------------------------------------------------------------------------


def _posts(header: list[str], rows: pd.DataFrame, source: SourceFile, ctx: ImportContext) -> Parsed:
    ignored = POST_IGNORED + [n for n in header if KNOWN_PREFIX.match(n)]
    cols = Columns(header, POST_SYNONYMS, ignored)
    cols.require("post_id", "posted")
    ids = cols.get(rows, "post_id").str.strip()
    keep = check_ids(ids, rows, "Post ID")
    rows, ids = rows[keep], ids[keep]
    if ids.empty:
        raise ImportRejected("connector.facebook_legacy.no_posts")
    parts = ids.str.extract(r"^(\d+)_(\d+)$")
    if parts[0].isna().any():
        bad = ids[parts[0].isna()].iloc[0]
        raise ImportRejected("connector.facebook_legacy.bad_post_id", value=bad)
    pages = parts[0].unique()
    if len(pages) > 1:
        raise ImportRejected("connector.facebook_legacy.several_pages", pages=[str(p) for p in pages[:3]])
    export_day = ctx.export_date(source)
    published = localize(to_datetime(cols.get(rows, "posted"), "Posted", POSTED_FORMATS), TIMEZONE)
    check_dates(published, "Posted", PLATFORM, export_day)

    def count(field: str) -> pd.Series | None:
        return to_count(cols.get(rows, field), cols.header[cols.index[field]]) if field in cols else None

    message = cols.get(rows, "message")
    posts = pd.DataFrame({
        "post_id": ids,
        "published_at": published,
        "post_type": cols.get(rows, "type"),
        "message": message.mask(message.str.strip() == "") if message is not None else None,
        "url": cols.get(rows, "permalink"),
        "reach": count("reach"),
        "impressions": count("impressions"),
        "clicks": count("clicks"),
    })
    skipped = len([n for n in header if KNOWN_PREFIX.match(n)]) - len({"reach", "impressions", "clicks"} & set(cols.index))
    notes = [Message("connector.facebook_legacy.impressions_note")]
    posts = unique_posts(posts, notes)
    if skipped > 0:
        notes.append(Message("connector.facebook_legacy.skipped_note", n=str(skipped)))
    return Parsed(
        platform="facebook", format=FORMAT, format_label=Message("connector.format.comma", label=LABEL, part=Message("connector.format.part.posts")),
        account=AccountRef("facebook", account_id=str(pages[0])), posts=posts,
        metrics_as_of=export_day, metric_version="impressions", unmapped_columns=cols.unmapped, notes=notes,
    )


# -- page level ------------------------------------------------------------------------------


def _page(header: list[str], rows: pd.DataFrame, source: SourceFile, ctx: ImportContext) -> Parsed:
    gender_age = {i: GENDER_AGE.match(name) for i, name in enumerate(header)}
    gender_age = {i: m for i, m in gender_age.items() if m}
    ignored = [n for n in header if KNOWN_PREFIX.match(n)]
    cols = Columns(header, PAGE_SYNONYMS, ignored)
    cols.require("date")
    export_day = ctx.export_date(source)
    moments = to_datetime(cols.get(rows, "date"), "Date", DATE_FORMATS)
    if moments.isna().any():
        raise ImportRejected("connector.facebook_legacy.no_date", where=where(moments, "Date", moments.isna()))
    check_dates(moments, "Date", PLATFORM, export_day)
    days = moments.dt.date

    parts = []
    for metric in PAGE_METRICS:
        if metric in cols:
            values = to_count(cols.get(rows, metric), cols.header[cols.index[metric]])
            parts.append(pd.DataFrame({"day": days, "metric": metric, "value": values.astype("Float64"), "filled": False}))
    daily = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["day", "metric", "value", "filled"])
    daily = daily.drop_duplicates(["day", "metric"], keep="last")  # an empty cell: the day stays, NULL
    daily["value"] = daily["value"].astype("float64")

    audience = _page_audience(header, rows, days, gender_age)
    if daily.empty and audience is None:
        raise ImportRejected("connector.facebook_legacy.no_page_values")
    used = len([m for m in PAGE_METRICS if m in cols]) + len(gender_age)
    skipped = len(ignored) - used
    notes = [Message("connector.facebook_legacy.skipped_note", n=str(skipped))] if skipped > 0 else []
    return Parsed(
        platform="facebook", format=FORMAT, format_label=Message("connector.format.comma", label=LABEL,
                                                                 part=Message("connector.format.part.page_stats")),
        account=AccountRef("facebook"), daily=daily.reset_index(drop=True), audience=audience,
        metrics_as_of=export_day, unmapped_columns=cols.unmapped, notes=notes,
    )


def _page_audience(header, rows: pd.DataFrame, days: pd.Series, gender_age: dict) -> pd.DataFrame | None:
    """The fans by gender and age on the last day that has them (counts and shares)."""
    if not gender_age:
        return None
    counts = pd.DataFrame({i: to_count(rows[i], header[i]) for i in gender_age})
    filled = counts.notna().any(axis=1)
    if not filled.any():
        return None
    last = filled[filled].index.max()
    snapshot = counts.loc[last]
    matches = list(gender_age.values())
    frame = pd.DataFrame({  # an empty bucket stays, its count and share NULL
        "age_group": [canonical_age(m.group(2)) for m in matches],
        "gender": [canonical_gender(m.group(1)) for m in matches],
        "count": pd.array([snapshot[i] for i in gender_age], dtype="Int64"),
        "raw_label": [f"{m.group(1)}.{m.group(2).strip()}" for m in matches],
    })
    if frame.duplicated(["age_group", "gender"]).any():
        raise ImportRejected("connector.facebook_legacy.group_twice")
    total = frame["count"].sum()
    frame["share"] = (frame["count"] / total).astype("float64") if total else float("nan")
    frame["as_of"] = days.loc[last]
    frame["audience"] = "followers"
    return frame[["as_of", "audience", "age_group", "gender", "share", "count", "raw_label"]]

