"""TikTok Studio exports: overview, followers, content and viewers.

Format (docs/platform-exports.md §9): one zip per section, flat, the @handle **only in the zip
name** (the loader keeps it as `source.container`):

    Overview_<YYYY-MM-DD first day>_<epoch end>_<handle>.zip   Overview.csv
    Followers_<handle>.zip   FollowerHistory.csv, FollowerGender.csv,
                             FollowerTopTerritories.csv, FollowerActivity.csv
    Content_<handle>.zip     Content.csv
    Viewers_<handle>.zip     Viewers.xlsx (XLSX only)

CSVs are UTF-8 with BOM, every field quoted, no newline after the last line, one row per day in
ascending order, the last row the period's last day. Dates have **no year** and are localised
(`September 25`, `25 September`; German `25. September` and Swedish `25 september` unverified;
Japanese `9月16日` and Russian `18 января` seen).

The years come from the download's **period**: first day and end (the epoch seconds as a
Europe/Berlin date) in the Overview zip name — the file's own, else that of an Overview zip
uploaded with it (`ctx.siblings`: same handle; for a file without handle the only one). So all
files of one download land in one period, whenever they are imported (`Years`, `resolve_series`):
a daily series whose last row falls inside the period ends at the latest such date not after its
end, earlier rows step back a year only at a December → January wrap; a series that merely starts
inside the period is placed forward from its first day. `Content.csv` post times are each the
latest such date not after the period's end; `FollowerGender.csv` is dated by the period's end.
Without a period (or when the series does not meet it) the export day (file date, else today)
takes the end's place, and a note says which year was assumed and why.

* `Overview.csv` `"Date","Video Views","Profile Views","Likes","Comments","Shares"[,"New followers"]`
  → daily views, visits (profile views), interactions (likes + comments + shares, comments may be
  negative), followers_gained. The Business Suite variant adds `Reached audience` → reach and
  `Lost followers` → followers_lost (Swedish names verified).
* `FollowerHistory.csv` `"Date","Followers","Difference in followers from previous day"` →
  daily followers (running total; the difference is derived data and not stored).
* `FollowerGender.csv` `"Gender","Distribution"` (Female/Male/Other, fractions) → audience
  `followers`, age group `all`, dated by the period's end (see above).
* `FollowerTopTerritories.csv`, `FollowerActivity.csv`: recognised and skipped with a note.
* `Content.csv` `"Time","Video title","Video link","Post time","Total likes","Total comments",
  "Total shares","Total views"` → posts (lifetime totals as of the export day; negative comment
  counts are kept as given). The post id comes from the video link.
* `Viewers.xlsx` `Date | Total Viewers | New Viewers | Returning Viewers` → daily reach (Total
  Viewers); `undefined` means no data: the day is kept with a NULL value, never 0.

Small accounts get header-only files: that is "too little data", imported as zero rows with a
note, not an error. German headers are unverified hints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

import pandas as pd

from analytics.i18n import Message
from connectors import workbook
from connectors.audience import canonical_gender
from connectors.base import AccountRef, ImportContext, ImportRejected, Parsed, SourceFile
from connectors.files import is_workbook
from connectors.io import (
    NULL_TOKENS,
    Columns,
    add_up,
    assumed_as_of_note,
    check_dates,
    day_basis,
    decode,
    decode_head,
    has_values,
    localize,
    match_synonyms,
    parse_csv_line,
    read_table,
    split_lines,
    to_count,
    to_number,
    unique_posts,
    where,
)

FORMAT = "tiktok"
PLATFORM = "tiktok"
LABEL = "TikTok Studio – Export"
TIMEZONE = "Europe/Berlin"

SYNONYMS = {
    # English verified; Swedish from the Business Suite mapping; German unverified hints.
    "date": ["Date", "Datum"],
    "video_views": ["Video Views", "Videovisningar", "Videoaufrufe"],
    "profile_views": ["Profile Views", "Profilvisningar", "Profilaufrufe"],
    "reach": ["Reached audience", "Målgrupp som nåtts", "Erreichtes Publikum"],
    "likes": ["Likes", "Gilla-markeringar", "„Gefällt mir“-Angaben"],
    "comments": ["Comments", "Kommentarer", "Kommentare"],
    "shares": ["Shares", "Delningar", "Geteilte Inhalte", "Teilen"],
    "new_followers": ["New followers", "Nya följare", "Neue Follower"],
    "lost_followers": ["Lost followers", "Tappade följare", "Verlorene Follower"],
    "followers": ["Followers", "Följare", "Follower"],
    "gender": ["Gender", "Kön", "Geschlecht"],
    "distribution": ["Distribution", "Fördelning", "Verteilung"],
    "territories": ["Top territories", "Topp-territorier", "Top-Regionen"],
    "hour": ["Hour", "Timme", "Stunde"],
    "active_followers": ["Active followers", "Aktiva följare", "Aktive Follower"],
    "time": ["Time", "Tid", "Zeit"],
    "title": ["Video title", "Videotitel"],
    "link": ["Video link", "Videolänk", "Videolink"],
    "post_time": ["Post time", "Publiceringstid", "Veröffentlichungszeit"],
    "total_likes": ["Total likes", "Gilla-markeringar totalt", "Likes insgesamt"],
    "total_comments": ["Total comments", "Kommentarer totalt", "Kommentare insgesamt"],
    "total_shares": ["Total shares", "Delningar totalt", "Geteilte Inhalte insgesamt"],
    "total_views": ["Total views", "Visningar totalt", "Aufrufe insgesamt"],
    "total_viewers": ["Total Viewers", "Totalt antal tittare", "Zuschauer insgesamt"],
    "new_viewers": ["New Viewers", "Nya tittare", "Neue Zuschauer"],
    "returning_viewers": ["Returning Viewers", "Återkommande tittare", "Wiederkehrende Zuschauer"],
}
IGNORED = ["Difference in followers from previous day", "Net growth", "Nettotillväxt", "Nettowachstum",
           "Views in the last 7 days"]

# Which file a header is: the fields it must have.
KINDS = [
    ("content", {"link", "post_time"}),
    ("activity", {"date", "hour", "active_followers"}),
    ("history", {"date", "followers"}),
    ("viewers", {"date", "total_viewers"}),
    # Studio and Business Suite overviews both have profile views; X's overview has "Video views"
    # but "Profile visits", so it does not match.
    ("overview", {"date", "video_views", "profile_views"}),
    ("overview", {"date", "reach", "new_followers", "lost_followers"}),
    ("gender", {"gender", "distribution"}),
    ("territories", {"territories", "distribution"}),
]
ZIP_NAME = re.compile(
    r"^(?P<section>Overview|Followers|Content|Viewers)_"
    r"(?:(?P<first>\d{4}-\d{2}-\d{2})_(?P<epoch>\d{9,11})_)?(?P<handle>[\w.]+?)(?:\s*\(\d+\))?\.(?:zip|csv|xlsx)$",
    re.IGNORECASE,
)
LINK = re.compile(r"tiktok\.com/@(?P<handle>[\w.]+)/(?:video|photo)/(?P<id>\d+)")

MONTHS = {
    # English
    **{m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                   "september", "october", "november", "december"], 1)},
    **{m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                   "nov", "dec"], 1)},
    "sept": 9,
    # German (unverified for TikTok)
    **{m: i for i, m in enumerate(["januar", "februar", "märz", "april", "mai", "juni", "juli", "august",
                                   "september", "oktober", "november", "dezember"], 1)},
    "jänner": 1, "maerz": 3, "mrz": 3, "mär": 3, "okt": 10, "dez": 12,
    # Swedish
    **{m: i for i, m in enumerate(["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
                                   "september", "oktober", "november", "december"], 1)},
    # Russian (genitive, as in "18 января")
    **{m: i for i, m in enumerate(["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                                   "сентября", "октября", "ноября", "декабря"], 1)},
}
DAY_MONTH = re.compile(r"^(\d{1,2})\.?\s*([^\W\d_]+)\.?$")
MONTH_DAY = re.compile(r"^([^\W\d_]+)\.?\s*(\d{1,2})(?:st|nd|rd|th)?$")
JAPANESE = re.compile(r"^(\d{1,2})月(\d{1,2})日$")
FULL_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%m/%d/%Y", "%Y-%m-%d %H:%M:%S", "%B %d, %Y", "%b %d, %Y"]
GENDERS = {"kvinna": "female", "kvinnor": "female", "man": "male", "män": "male", "annat": "other",
           "andra": "other", "others": "other"}


# -- year-less dates -------------------------------------------------------------------------


def month_day(text: str) -> tuple[int, int] | date:
    """`September 25`, `25 September`, `25. September`, `9月16日` → (month, day); a full date
    (`2025-09-25`) → that date. Raises ImportRejected for anything else."""
    value = re.sub(r"\s+", " ", str(text)).strip().casefold()
    for fmt in FULL_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    match = JAPANESE.match(value)
    if match:
        month, day = int(match.group(1)), int(match.group(2))
    elif (match := DAY_MONTH.match(value)) and match.group(2) in MONTHS:
        month, day = MONTHS[match.group(2)], int(match.group(1))
    elif (match := MONTH_DAY.match(value)) and match.group(1) in MONTHS:
        month, day = MONTHS[match.group(1)], int(match.group(2))
    else:
        raise ImportRejected("connector.tiktok.date_unknown", value=str(text))
    if not (1 <= month <= 12 and 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)):
        raise ImportRejected("connector.tiktok.no_such_date", value=str(text))
    return month, day


def _make(year: int, md: tuple[int, int], text: str) -> date:
    try:
        return date(year, *md)
    except ValueError:
        raise ImportRejected("connector.tiktok.not_in_year", value=str(text), year=str(year)) from None


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _latest(md: tuple[int, int], limit: date) -> date:
    """The latest date with this month and day that is not after `limit`."""
    year = limit.year if md <= (limit.month, limit.day) else limit.year - 1
    while md == (2, 29) and not _is_leap(year):
        year -= 1
    return date(year, *md)


def _earliest(md: tuple[int, int], limit: date) -> date:
    """The earliest date with this month and day that is not before `limit`."""
    year = limit.year if md >= (limit.month, limit.day) else limit.year + 1
    while md == (2, 29) and not _is_leap(year):
        year += 1
    return date(year, *md)


def resolve_series(texts: list[str], end: date, first: date | None = None) -> list[date] | None:
    """Dates of a daily series without years. Rows ascend; the month-day may only fall back at
    a year wrap (November/December → January/February), anything else is rejected as unsorted.

    Without `first`, `end` is the export day: the last row is the latest such date not after it,
    and the years are assigned walking backward. With the download's period (`first`, `end`):
    TikTok's last row is the period's last day, so a series whose last row falls inside the period
    is placed the same way (backward from `end`); one that only starts inside it is placed walking
    forward from `first`; None when the series does not meet the period at all. Series with
    years are returned as they are.
    """
    parsed = [month_day(t) for t in texts]
    if all(isinstance(p, date) for p in parsed):
        return list(parsed)
    if any(isinstance(p, date) for p in parsed):
        raise ImportRejected("connector.tiktok.mixed_years")
    mds: list[tuple[int, int]] = parsed  # type: ignore[assignment]
    wraps = sum(1 for a, b in zip(mds, mds[1:], strict=False) if b < a)
    if len(mds) > 2 and wraps > (len(mds) - 1) / 2:
        # Newest first (not seen, but cheap to handle): resolve the reversed series.
        days = resolve_series(list(reversed(texts)), end, first)
        return None if days is None else list(reversed(days))
    for i in range(1, len(mds)):  # a step back is a new year only from Nov/Dec to Jan/Feb
        if mds[i] < mds[i - 1] and mds[i][0] + 12 - mds[i - 1][0] > 2:
            raise ImportRejected("connector.tiktok.unsorted", later=texts[i], earlier=texts[i - 1])
    last = _latest(mds[-1], end)
    if first is None or last >= first:  # walk backward from the last row
        years = [last.year]
        for earlier, later in zip(reversed(mds[:-1]), reversed(mds[1:]), strict=True):
            years.append(years[-1] - (earlier > later))
        years.reverse()
    elif (start := _earliest(mds[0], first)) <= end:  # walk forward from the first row
        years = [start.year]
        for earlier, later in zip(mds, mds[1:], strict=False):
            years.append(years[-1] + (later < earlier))
    else:
        return None
    return [_make(year, md, text) for year, md, text in zip(years, mds, texts, strict=True)]


def resolve_each(texts: list[str], limit: date) -> list[date]:
    """Dates without years in no particular order (post times): each is the latest such date not
    after `limit` (the end of the download's period, else the export day)."""
    result = []
    for text in texts:
        md = month_day(text)
        result.append(md if isinstance(md, date) else _latest(md, limit))
    return result


class Period(NamedTuple):
    """The period of one TikTok download, as its Overview zip name states it."""

    first: date
    end: date  # the epoch seconds of the name as a Europe/Berlin date
    name: str  # the zip (or file) name it was read from

    def __str__(self) -> str:
        return str(self.span)

    @property
    def span(self) -> Message:
        """`01.09.2025–30.09.2025` in the reader's format."""
        return Message("connector.tiktok.span", first=self.first, last=self.end)


def name_info(name: str | None) -> tuple[str | None, Period | None]:
    """(handle, period) from a TikTok zip or file name; (None, None) for any other name."""
    base = re.split(r"[\\/]", name or "")[-1]
    match = ZIP_NAME.match(base)
    if not match:
        return None, None
    period = None
    if match.group("first"):
        try:
            first = date.fromisoformat(match.group("first"))
            end = pd.Timestamp(int(match.group("epoch")), unit="s", tz="UTC").tz_convert(TIMEZONE).date()
            period = Period(first, end, base) if first <= end else None
        except (ValueError, OverflowError):
            period = None
    return match.group("handle"), period


def download_period(source: SourceFile, ctx: ImportContext) -> tuple[str | None, Period | None, Message | None]:
    """(handle, period of the download, why no period is known).

    The period comes from the file's own zip (or file) name, else from an Overview zip uploaded
    together with it (`ctx.siblings`): the one with the same handle, or for a file without handle
    the only one in the upload.
    """
    handle, period = next((info for info in (name_info(source.container), name_info(source.name)) if info[0]),
                          (None, None))
    if period:
        return handle, period, None
    candidates = [p for h, p in map(name_info, ctx.siblings)
                  if p and (handle is None or h.casefold() == handle.casefold())]
    if len({(p.first, p.end) for p in candidates}) == 1:
        return handle, candidates[0], None
    if candidates:
        return handle, None, Message("connector.tiktok.periods_differ")
    return handle, None, Message("connector.tiktok.no_period")


@dataclass
class Years:
    """Gives the year-less dates of one file their years and says in `notes` where they came from:
    the download's period, else (as a last resort) the export day."""

    source: SourceFile
    period: Period | None
    why_not: Message | None  # why no period is known
    export_day: date
    notes: list[Message]

    def series(self, texts: list[str]) -> list[date]:
        """An ascending daily series (see `resolve_series`)."""
        why = self.why_not
        if self.period:
            days = resolve_series(texts, self.period.end, self.period.first)
            if days is not None:
                return self._from_period(days, texts)
            why = Message("connector.tiktok.period_mismatch", period=self.period.span, name=self.period.name)
        return self._assumed(resolve_series(texts, self.export_day), texts, why)

    def each(self, texts: list[str]) -> list[date]:
        """Dates in no particular order (post times), each the latest such date not after the
        period's end."""
        if self.period:
            return self._from_period(resolve_each(texts, self.period.end), texts)
        return self._assumed(resolve_each(texts, self.export_day), texts, self.why_not)

    def as_of(self) -> date:
        """The day a snapshot without any date describes: the end of the download's period."""
        if self.period:
            self._from_period([], [])
            return self.period.end
        reason = Message("connector.tiktok.no_period_and", why=self.why_not)
        self.notes.append(assumed_as_of_note(self.source, self.export_day, reason))
        return self.export_day

    def _from_period(self, days: list[date], texts: list[str]) -> list[date]:
        if texts and not _yearless(texts):
            return days
        if self.period.name not in (self.source.container, self.source.name):
            self.notes.append(Message("connector.tiktok.period_from_sibling", period=self.period.span,
                                      name=self.period.name))
        if days and min(days).year != max(days).year:
            self.notes.append(Message("connector.tiktok.year_wrap", first=min(days), last=max(days),
                                      period=self.period.span))
        return days

    def _assumed(self, days: list[date], texts: list[str], why: Message | None) -> list[date]:
        if _yearless(texts):
            years = sorted({d.year for d in days})
            if len(years) > 1:
                self.notes.append(Message("connector.tiktok.years_assumed", years="/".join(map(str, years)),
                                          first=min(days), last=max(days), why=why, basis=day_basis(self.source),
                                          day=self.export_day))
            else:
                self.notes.append(Message("connector.tiktok.year_assumed", year=str(years[0]), why=why,
                                          basis=day_basis(self.source), day=self.export_day))
        return days


def _yearless(texts: list[str]) -> bool:
    return bool(texts) and not isinstance(month_day(texts[0]), date)


# -- reading ---------------------------------------------------------------------------------


def _table(source: SourceFile) -> tuple[list[str], pd.DataFrame]:
    if is_workbook(source.data):
        sheets = workbook.read(source.data, pick=workbook.first_sheet)
        sheet = next(iter(sheets.values()), None)
        if sheet is None or not sheet.rows:
            raise ImportRejected("connector.tiktok.empty_workbook")
        header, frame = sheet.table()
        return [h.strip() for h in header], frame
    text = decode(source.data)
    stripped = text.strip()
    if "\n" not in stripped and "\r" not in stripped:  # header only (small accounts): Arrow needs a line end
        header = parse_csv_line(stripped)
        return header, pd.DataFrame(columns=range(len(header)), dtype="string")
    return read_table(text)


def _head(source: SourceFile) -> list[str]:
    if is_workbook(source.data):
        sheet = next(iter(workbook.read(source.data, max_rows=1, pick=workbook.first_sheet).values()), None)
        return sheet.rows[0] if sheet and sheet.rows else []
    first = split_lines(decode_head(source.data, 4000))[0]
    return parse_csv_line(first)


def _kind(header: list[str]) -> str | None:
    fields = match_synonyms(header, SYNONYMS)
    for kind, needed in KINDS:
        if needed <= fields:
            return kind
    return None


def detect(source: SourceFile) -> bool:
    try:
        return _kind(_head(source)) is not None
    except ImportRejected:
        return False


def parse(source: SourceFile, ctx: ImportContext) -> list[Parsed]:
    header, rows = _table(source)
    kind = _kind(header)
    if kind is None:
        raise ImportRejected("connector.tiktok.not_tiktok")
    cols = Columns(header, SYNONYMS, IGNORED)
    handle, period, why_not = download_period(source, ctx)
    export_day = ctx.export_date(source)
    rows = rows[has_values(rows)]
    notes: list[Message] = []
    years = Years(source, period, why_not, export_day, notes)
    result = Parsed(
        platform="tiktok", format=FORMAT, format_label=Message("connector.format.comma", label=LABEL,
                                                                  part=Message(f"connector.tiktok.kind.{kind}")), account=None,
        metrics_as_of=export_day, unmapped_columns=cols.unmapped, notes=notes,
    )
    if rows.empty:
        notes.append(Message("connector.tiktok.header_only", name=source.name))
    elif kind in ("territories", "activity"):
        notes.append(Message("connector.tiktok.not_taken", name=source.name, kind=Message(f"connector.tiktok.kind.{kind}")))
    elif kind == "content":
        result.posts, link_handle = _content(cols, rows, years)
        handle = handle or link_handle
    elif kind == "gender":
        result.audience = _gender(cols, rows, years.as_of())
    else:
        result.daily = _daily(kind, cols, rows, years)
    result.account = AccountRef("tiktok", handle=handle, url=f"https://www.tiktok.com/@{handle}") if handle \
        else AccountRef("tiktok")
    return [result]


def _count(cols: Columns, rows: pd.DataFrame, field: str, *, allow_negative: bool = False) -> pd.Series | None:
    if field not in cols:
        return None
    return to_count(cols.get(rows, field), cols.header[cols.index[field]], allow_negative=allow_negative)


def _dates(cols: Columns, rows: pd.DataFrame, field: str) -> list[str]:
    """A date column's texts, each checked on its own so that an error names its row."""
    column = cols.header[cols.index[field]]
    texts = cols.get(rows, field).astype(str)
    for row, text in texts.items():
        try:
            month_day(text)
        except ImportRejected as exc:
            raise ImportRejected("connector.tiktok.at", column=column, row=str(row), reason=exc.message) from None
    return texts.tolist()


def _daily(kind: str, cols: Columns, rows: pd.DataFrame, years: Years) -> pd.DataFrame:
    column = cols.header[cols.index["date"]]
    days = pd.Series(years.series(_dates(cols, rows, "date")), index=rows.index)
    check_dates(days, column, "tiktok", years.export_day)
    twice = days.duplicated(keep=False)
    if twice.any():
        rows_ = days[twice].index[:2]
        raise ImportRejected("connector.tiktok.day_twice", day=days[twice].iloc[0], first=str(rows_[0]),
                             second=str(rows_[-1]))
    series: dict[str, pd.Series | None] = {}
    if kind == "history":
        series["followers"] = _count(cols, rows, "followers")
    elif kind == "viewers":
        series["reach"] = _count(cols, rows, "total_viewers")
    else:
        series["views"] = _count(cols, rows, "video_views")
        series["visits"] = _count(cols, rows, "profile_views")
        series["reach"] = _count(cols, rows, "reach")
        series["followers_gained"] = _count(cols, rows, "new_followers")
        series["followers_lost"] = _count(cols, rows, "lost_followers")
        series["interactions"] = add_up([_count(cols, rows, "likes"), _count(cols, rows, "shares"),
                                         _count(cols, rows, "comments", allow_negative=True)])
    frames = [
        pd.DataFrame({"day": days, "metric": metric, "value": values.astype("Float64"), "filled": False})
        for metric, values in series.items() if values is not None
    ]
    daily = pd.concat(frames, ignore_index=True)  # a NULL day stays: covered, value unknown
    daily["value"] = daily["value"].astype("float64")
    return daily


def _gender(cols: Columns, rows: pd.DataFrame, as_of: date) -> pd.DataFrame:
    labels = cols.get(rows, "gender").str.strip()
    values = to_number(cols.get(rows, "distribution"), cols.header[cols.index["distribution"]],
                       integer=False, percent=True)
    if (values < 0).any():
        raise ImportRejected("connector.tiktok.negative_shares")
    shares = values / 100 if (values > 1).any() else values  # fractions; percent in look-alike files
    if (shares > 1).any():
        raise ImportRejected("connector.tiktok.shares_over_100")
    genders = labels.map(lambda label: GENDERS.get(label.casefold()) or canonical_gender(label))
    audience = pd.DataFrame({
        "as_of": as_of, "audience": "followers", "age_group": "all", "gender": genders,
        "share": shares.astype("float64"), "count": pd.array([pd.NA] * len(rows), dtype="Int64"),
        "raw_label": labels,
    })  # a suppressed share stays NULL
    if audience.duplicated(["gender"]).any():
        raise ImportRejected("connector.tiktok.gender_twice")
    return audience.reset_index(drop=True)


def _content(cols: Columns, rows: pd.DataFrame, years: Years) -> tuple[pd.DataFrame, str | None]:
    cols.require("link", "post_time")
    links = cols.get(rows, "link").str.strip()
    found = links.str.extract(LINK)
    if found["id"].isna().any():
        bad = links[found["id"].isna()].iloc[0]
        raise ImportRejected("connector.tiktok.bad_link", value=bad)
    handles = found["handle"].dropna().unique()
    post_times = cols.get(rows, "post_time").astype(str)
    missing = post_times.str.strip().str.casefold().isin(NULL_TOKENS)
    if missing.any():
        raise ImportRejected("connector.tiktok.no_post_time", where=where(post_times, "Post time", missing))
    post_times = _dates(cols, rows, "post_time")
    days = pd.Series(years.each(post_times), index=rows.index)
    check_dates(days, cols.header[cols.index["post_time"]], "tiktok", years.export_day)
    published = localize(pd.to_datetime(days), TIMEZONE)
    title = cols.get(rows, "title")
    posts = pd.DataFrame({
        "post_id": found["id"],
        "published_at": published,
        "post_type": links.str.contains("/photo/", regex=False).map({True: "photo", False: "video"}),
        "message": title.mask(title.str.strip() == "") if title is not None else None,
        "url": links,
        "views": _count(cols, rows, "total_views"),
        "likes": _count(cols, rows, "total_likes"),
        "comments": _count(cols, rows, "total_comments", allow_negative=True),
        "shares": _count(cols, rows, "total_shares"),
    })
    return unique_posts(posts, years.notes), (handles[0] if len(handles) == 1 else None)
