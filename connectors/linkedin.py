"""LinkedIn Page analytics exports: content, followers and visitors workbooks.

Format (docs/platform-exports.md §10): `.xls` workbooks in the old binary format (BIFF), also
accepted as `.xlsx` (re-saved by Excel). Three downloads, told apart by the columns of their sheets,
never by the file or sheet names:

* content `<page>_content_<n>.xls`: sheet `Metrics` (one row per day: `Impressions (organic)`,
  `Clicks (total)`, `Reactions (total)`, `Comments (total)`, `Reposts (total)`; older exports say
  `Shares (…)`; `Engagement rate (…)` is a fraction) and sheet `All posts` (one row per post,
  lifetime figures as of the export day; older exports say `Update title/link/type`).
  Row 1 is a note, row 2 the header: the header row is detected, not assumed.
* followers `<page>_followers_<n>.xls`: sheet `New followers` (`Total followers` is the number of
  **new** follows that day) and demographic sheets (`Location`, `Job function`, …) without age or
  gender, which are skipped.
* visitors `<page>_visitors_<n>.xls`: sheet `Visitor metrics`, {Overview, Life, Jobs, Total} ×
  {page views, unique visitors} × {desktop, mobile, total}; `Total page views (total)` → visits.

Dates are text `MM/DD/YYYY` (date cells are accepted too); an empty or `-` value is NULL (the day
stays, a sum with a NULL part is NULL). Mapping to mart.account_daily:
impressions = `Impressions (total)`, reach = `Unique impressions (organic)` (the only unique
count LinkedIn gives), interactions = reactions + comments + reposts, link_clicks = `Clicks`
(LinkedIn counts all clicks on the content, the closest metric there is), followers_gained =
`Total followers` of `New followers`, visits = `Total page views (total)`. Posts carry no time of
day; activity ids encode their creation time (id >> 22 = Unix ms), used when it agrees with the
`Created date`, else local midnight. The page is named only by the file name
(`<page>_content_…`); without it the municipality's LinkedIn account is used.
Headers: English verified; Portuguese hints from a third-party importer, German unverified.
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from analytics.i18n import Message
from connectors import workbook
from connectors.base import AccountRef, ImportContext, ImportRejected, Parsed, SourceFile
from connectors.files import is_workbook
from connectors.io import (
    Columns,
    add_up,
    check_dates,
    localize,
    match_synonyms,
    to_count,
    to_datetime,
    to_number,
    unique_posts,
)

FORMAT = "linkedin"
PLATFORM = "linkedin"
LABEL = "LinkedIn Page Analytics"
TIMEZONE = "Europe/Berlin"
HEADER_SEARCH_ROWS = 12  # the header is found within the first rows (row 2 in real exports)

# {metric} ({variant}) headers of the `Metrics` sheet. German names unverified (no sample seen);
# Portuguese after a Brazilian importer (`Impressões (orgânicas)` seen, the rest inferred).
_METRIC_NAMES = {
    "impressions": ["Impressions", "Impressões", "Impressionen"],
    "unique_impressions": ["Unique impressions", "Impressões únicas", "Eindeutige Impressionen"],
    "clicks": ["Clicks", "Cliques", "Klicks"],
    "reactions": ["Reactions", "Reações", "Reaktionen"],
    "comments": ["Comments", "Comentários", "Kommentare"],
    "reposts": ["Reposts", "Shares", "Compartilhamentos", "Geteilte Inhalte"],
    "engagement_rate": ["Engagement rate", "Taxa de engajamento", "Engagement-Rate", "Interaktionsrate"],
}
_VARIANTS = {
    "organic": ["organic", "orgânicas", "orgânico", "organisch"],
    "sponsored": ["sponsored", "patrocinadas", "patrocinado", "gesponsert"],
    "total": ["total", "gesamt", "insgesamt"],
}
DATE_NAMES = ["Date", "Data", "Datum"]

METRICS_SYNONYMS: dict[str, list[str]] = {"date": DATE_NAMES} | {
    f"{metric}_{variant}": [f"{name} ({word})" for name in names for word in words]
    for metric, names in _METRIC_NAMES.items() for variant, words in _VARIANTS.items()
}
POSTS_SYNONYMS = {
    "title": ["Post title", "Update title", "Título da publicação", "Beitragstitel"],
    "link": ["Post link", "Update link", "Link da publicação", "Beitragslink"],
    "type": ["Post type", "Update type", "Tipo de publicação", "Beitragstyp"],
    "created": ["Created date", "Data de criação", "Erstellungsdatum"],
    "impressions": ["Impressions", "Impressões", "Impressionen"],
    "views": ["Views", "Visualizações", "Aufrufe"],
    "clicks": ["Clicks", "Cliques", "Klicks"],
    "likes": ["Likes", "Reactions", "Reações", "Gefällt mir", "Reaktionen"],
    "comments": ["Comments", "Comentários", "Kommentare"],
    "reposts": ["Reposts", "Shares", "Compartilhamentos", "Geteilte Inhalte"],
    "content_type": ["Content Type", "Tipo de conteúdo", "Inhaltstyp"],
}
POSTS_IGNORED = [
    "Campaign name", "Posted by", "Campaign start date", "Campaign end date", "Audience",
    "Offsite Views", "Click through rate (CTR)", "Follows", "Engagement rate",
]
FOLLOWERS_SYNONYMS = {
    "date": DATE_NAMES,
    "sponsored": ["Sponsored followers", "Seguidores patrocinados", "Gesponserte Follower"],
    "organic": ["Organic followers", "Seguidores orgânicos", "Organische Follower"],
    "invited": ["Auto-invited followers", "Seguidores convidados automaticamente"],
    "total": ["Total followers", "Total de seguidores", "Follower insgesamt"],
}
VISITORS_SYNONYMS: dict[str, list[str]] = {"date": DATE_NAMES} | {
    f"{section}_{measure}_{device}".lower().replace(" ", "_"): [f"{section} {measure} ({device})"]
    for section in ("Overview", "Life", "Jobs", "Total")
    for measure in ("page views", "unique visitors")
    for device in ("desktop", "mobile", "total")
}
DATE_FORMATS = ["%m/%d/%Y", "%Y-%m-%d", "%d.%m.%Y", "%m/%d/%y", "ISO8601"]  # ISO: date cells (`workbook`)
_FILE_NAME = re.compile(r"^(?P<page>.+?)_(?P<kind>content|followers|visitors)(?:_[^.]*)?(?: \(\d+\))?\.xlsx?$", re.I)
_ACTIVITY = re.compile(r"urn:li:(activity|share|ugcPost):(\d+)", re.I | re.ASCII)

# -- workbook reading ------------------------------------------------------------------------

Sheet = list[list[str]]


def read_workbook(data: bytes, max_rows: int | None = None) -> dict[str, workbook.Sheet]:
    """Every sheet of an XLS or XLSX workbook (see `connectors.workbook`)."""
    return workbook.read(data, max_rows=max_rows)


def find_header(rows: Sheet, synonyms: dict[str, list[str]], needed: set[str], any_of: set[str]) -> int | None:
    """Index of the first row (within the first rows) holding the `needed` fields and one of `any_of`."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        fields = match_synonyms(row, synonyms)
        if needed <= fields and fields & any_of:
            return index
    return None


def table(sheet: workbook.Sheet, header_row: int, synonyms: dict[str, list[str]], ignored=()) -> tuple[Columns, pd.DataFrame]:
    """Header mapping and the data rows below it (text, indexed by their row number in the sheet)."""
    header, frame = sheet.table(header_row)
    return Columns(header, synonyms, ignored), frame


# -- detection -------------------------------------------------------------------------------

_KINDS = {  # sheet kind -> (synonyms, needed fields, any of these fields)
    "metrics": (METRICS_SYNONYMS, {"date"}, {f"impressions_{v}" for v in _VARIANTS}),
    "posts": (POSTS_SYNONYMS, {"link", "created"}, {"impressions", "clicks", "likes"}),
    "followers": (FOLLOWERS_SYNONYMS, {"date"}, {"total", "organic"}),
    "visitors": (VISITORS_SYNONYMS, {"date"}, {"total_page_views_total", "overview_page_views_total",
                                              "total_page_views_desktop"}),
}


def _classify(sheets: dict[str, workbook.Sheet]) -> dict[str, tuple[str, int]]:
    """Sheet name -> (kind, header row) for every sheet LinkedIn-specific columns were found in."""
    found = {}
    for name, sheet in sheets.items():
        for kind, (synonyms, needed, any_of) in _KINDS.items():
            header = find_header(sheet.rows, synonyms, needed, any_of)
            if header is not None:
                found[name] = (kind, header)
                break
    return found


def detect(source: SourceFile) -> bool:
    if not is_workbook(source.data):
        return False
    try:
        return bool(_classify(read_workbook(source.data, max_rows=HEADER_SEARCH_ROWS)))
    except ImportRejected:
        return False


# -- parsing ---------------------------------------------------------------------------------


def parse(source: SourceFile, ctx: ImportContext) -> list[Parsed]:
    sheets = read_workbook(source.data)
    kinds = _classify(sheets)
    if not kinds:
        raise ImportRejected("connector.linkedin.not_linkedin")
    export_day = ctx.export_date(source)
    daily_parts: list[pd.DataFrame] = []
    posts = None
    unmapped: list[str] = []
    notes: list[Message] = []
    for name, sheet in sheets.items():
        if name not in kinds:
            if sheet.rows:
                notes.append(Message("connector.linkedin.sheet_skipped", sheet=name))
            continue
        kind, header_row = kinds[name]
        synonyms = _KINDS[kind][0]
        cols, frame = table(sheet, header_row, synonyms, POSTS_IGNORED if kind == "posts" else ())
        unmapped += [f"{name}: {c}" for c in cols.unmapped]
        if frame.empty:
            notes.append(Message("connector.linkedin.sheet_empty", sheet=name))
            continue
        if kind == "posts":
            posts, post_notes = _posts(cols, frame, export_day)
            notes += post_notes
        else:
            daily_parts.append(_daily(kind, cols, frame, export_day))

    daily = None
    if daily_parts:
        daily = pd.concat(daily_parts, ignore_index=True)
        daily = daily.drop_duplicates(["day", "metric"], keep="last").reset_index(drop=True)
    if (daily is None or daily.empty) and (posts is None or posts.empty):
        raise ImportRejected("connector.linkedin.no_values")

    kind_names = {k for k, _ in kinds.values()}
    sub = "content" if kind_names & {"metrics", "posts"} else ("followers" if "followers" in kind_names else "visitors")
    label = Message(f"connector.format.part.{sub}")
    return [Parsed(
        platform=PLATFORM, format=f"{FORMAT}_{sub}", format_label=Message("connector.format.dash", label=LABEL, part=label),
        account=_account(source.name), posts=posts, daily=daily, metrics_as_of=export_day,
        unmapped_columns=unmapped, notes=notes,
    )]


def _account(file_name: str) -> AccountRef:
    match = _FILE_NAME.match(file_name.rsplit("/", 1)[-1])
    if not match:
        return AccountRef(PLATFORM)
    slug = re.sub(r"[^a-z0-9-]+", "-", match.group("page").strip().lower()).strip("-")
    return AccountRef(PLATFORM, handle=slug or None)


def _days(cols: Columns, frame: pd.DataFrame, export_day: date) -> pd.Series:
    column = cols.header[cols.index["date"]]
    moments = to_datetime(cols.get(frame, "date"), column, DATE_FORMATS)
    if moments.isna().all():
        raise ImportRejected("connector.linkedin.no_date", column=column)
    check_dates(moments, column, PLATFORM, export_day)
    return moments.dt.date


def _count(cols: Columns, frame: pd.DataFrame, field: str) -> pd.Series | None:
    if field not in cols:
        return None
    return to_count(cols.get(frame, field), cols.header[cols.index[field]])


def _combined(cols: Columns, frame: pd.DataFrame, metric: str) -> pd.Series | None:
    """`<metric> (total)`, else organic + sponsored (whichever exist)."""
    total = _count(cols, frame, f"{metric}_total")
    return total if total is not None else add_up(_count(cols, frame, f"{metric}_{v}") for v in ("organic", "sponsored"))


def _daily(kind: str, cols: Columns, frame: pd.DataFrame, export_day: date) -> pd.DataFrame:
    days = _days(cols, frame, export_day)
    series: dict[str, pd.Series | None] = {}
    if kind == "metrics":
        series["impressions"] = _combined(cols, frame, "impressions")
        series["reach"] = _count(cols, frame, "unique_impressions_organic")
        series["interactions"] = add_up(_combined(cols, frame, m) for m in ("reactions", "comments", "reposts"))
        series["link_clicks"] = _combined(cols, frame, "clicks")
        for variant in _VARIANTS:  # a fraction: checked, not stored (mart has no rates)
            field = f"engagement_rate_{variant}"
            if field in cols:
                to_number(cols.get(frame, field), cols.header[cols.index[field]], integer=False, percent=True)
    elif kind == "followers":
        total = _count(cols, frame, "total")
        if total is None:
            total = add_up(_count(cols, frame, f) for f in ("organic", "sponsored", "invited"))
        series["followers_gained"] = total
    else:
        visits = _count(cols, frame, "total_page_views_total")
        if visits is None:
            visits = add_up(_count(cols, frame, f"total_page_views_{d}") for d in ("desktop", "mobile"))
        if visits is None:
            visits = _count(cols, frame, "overview_page_views_total")
        series["visits"] = visits
    long = [
        pd.DataFrame({"day": days, "metric": metric, "value": values.astype("Float64"), "filled": False})
        for metric, values in series.items() if values is not None
    ]
    result = pd.concat(long, ignore_index=True).dropna(subset=["day"])  # an empty value stays, NULL
    return result.astype({"value": "float64"})


def post_id_from_link(link: str) -> str | None:
    """`urn:li:activity:NNN` (or share/ugcPost) from a post link, else its last path part."""
    link = (link or "").strip()
    if not link:
        return None
    match = _ACTIVITY.search(link)
    if match:
        return f"urn:li:{match.group(1)}:{match.group(2)}"
    path = re.split(r"[?#]", link.split("://", 1)[-1])[0]
    parts = [p for p in path.split("/")[1:] if p]
    return parts[-1] if parts else link


def _activity_time(post_id: str | None) -> pd.Timestamp | None:
    """Creation time encoded in a LinkedIn activity/share id (first 41 bits: Unix ms)."""
    match = re.fullmatch(r"urn:li:\w+:(\d{1,20})", post_id or "", re.ASCII)
    if not match:
        return None
    millis = int(match.group(1)) >> 22
    if not (1_000_000_000_000 <= millis <= 4_000_000_000_000):
        return None
    return pd.Timestamp(millis, unit="ms", tz="UTC")


def _posts(cols: Columns, frame: pd.DataFrame, export_day: date) -> tuple[pd.DataFrame, list[Message]]:
    cols.require("link", "created")
    notes = []
    ids = cols.get(frame, "link").map(post_id_from_link)
    keep = ids.notna()
    if (~keep).any():
        notes.append(Message("connector.linkedin.no_link", n=str(int((~keep).sum()))))
    frame, ids = frame[keep], ids[keep]
    created = to_datetime(cols.get(frame, "created"), cols.header[cols.index["created"]], DATE_FORMATS)
    check_dates(created, cols.header[cols.index["created"]], PLATFORM, export_day)
    midnight = localize(created.dt.normalize(), TIMEZONE)
    published = []
    derived = 0
    for post_id, day, fallback in zip(ids, created, midnight, strict=True):
        moment = _activity_time(post_id)
        if moment is not None and pd.notna(day) and abs((moment.tz_convert(TIMEZONE).date() - day.date()).days) <= 1:
            published.append(moment)
            derived += 1
        else:
            published.append(fallback)
    published_at = pd.Series(published, index=frame.index, dtype="datetime64[ns, UTC]") if len(published) \
        else midnight
    if derived < len(published):
        notes.append(Message("connector.linkedin.midnight"))
    content_type = cols.get(frame, "content_type")
    posts = pd.DataFrame({
        "post_id": ids,
        "published_at": published_at,
        "post_type": content_type.mask(content_type.str.strip() == "") if content_type is not None else None,
        "message": cols.get(frame, "title"),
        "url": cols.get(frame, "link").str.strip(),
        "impressions": _count(cols, frame, "impressions"),
        "likes": _count(cols, frame, "likes"),
        "comments": _count(cols, frame, "comments"),
        "shares": _count(cols, frame, "reposts"),
        "clicks": _count(cols, frame, "clicks"),
        "video_views": _count(cols, frame, "views"),
    })
    return unique_posts(posts, notes).reset_index(drop=True), notes

