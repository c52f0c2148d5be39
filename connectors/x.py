"""X (Twitter) analytics exports: legacy tweet activity, 2024+ post content and account overview.

Format (docs/platform-exports.md §11), told apart by their header:

* legacy `tweet_activity_metrics*.csv` (Twitter Analytics until about 2023): every field quoted,
  possibly a UTF-8 BOM, numbers may be floats (`"424.0"`), promoted columns hold `"-"` without a
  promotion, time `YYYY-MM-DD HH:MM +0000` (UTC). Until 2015 `favorites` instead of `likes`.
  The account is the handle in `Tweet permalink` (`https://twitter.com/<handle>/status/<id>`).
* `account_analytics_content_<from>_<to>.csv` (2024+): quoted only when needed, `Date` is
  `Ddd, Mon D, YYYY` without a time. The time is derived from the post id (a snowflake id:
  `(id >> 22) + 1288834974657` = Unix ms) when that lands within a day of `Date`; otherwise
  local midnight. The account is the handle in `Post Link`.
* `account_overview_analytics.csv` (2024+): one row per day, newest first; it names no account,
  so the municipality's X account is used.

Mapping: impressions → impressions, likes/favorites → likes, replies → comments, retweets and
reposts → shares (X's separate `Shares`, sending a post by message or link, is not stored),
bookmarks → saves, url clicks → clicks, media views → video_views. Overview: Impressions,
New follows → followers_gained, Unfollows → followers_lost, Engagements → interactions,
Profile visits → visits, Video views → video_views.
Headers: English verified, Korean from a public parser, German hints unverified.
"""

from __future__ import annotations

import re
from datetime import date

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
    parse_csv_line,
    read_table,
    sniff_delimiter,
    split_lines,
    to_count,
    to_datetime,
    unique_posts,
)

FORMAT = "x"
PLATFORM = "x"
LABEL = "X (Twitter) Analytics"
TIMEZONE = "Europe/Berlin"
TWITTER_EPOCH_MS = 1288834974657

# German names are unverified hints (no German export seen); Korean from a public parser.
LEGACY_SYNONYMS = {
    "tweet_id": ["Tweet id", "Tweet-ID"],
    "permalink": ["Tweet permalink", "Tweet-Permalink"],
    "text": ["Tweet text", "Tweet-Text"],
    "time": ["time", "Zeit"],
    "impressions": ["impressions", "Impressionen"],
    "engagements": ["engagements", "Interaktionen"],
    "engagement_rate": ["engagement rate", "Interaktionsrate"],
    "retweets": ["retweets", "Retweets"],
    "replies": ["replies", "Antworten"],
    "likes": ["likes", "favorites", "Gefällt mir", "Favoriten"],
    "url_clicks": ["url clicks", "URL-Klicks"],
    "media_views": ["media views", "Medienaufrufe"],
}
LEGACY_IGNORED = [
    "user profile clicks", "hashtag clicks", "detail expands", "permalink clicks", "app opens",
    "app installs", "follows", "email tweet", "dial phone", "media engagements",
] + [f"promoted {name}" for name in (
    "impressions", "engagements", "engagement rate", "retweets", "replies", "likes", "favorites",
    "user profile clicks", "url clicks", "hashtag clicks", "detail expands", "permalink clicks",
    "app opens", "app installs", "follows", "email tweet", "dial phone", "media views",
    "media engagements",
)]
CONTENT_SYNONYMS = {
    "post_id": ["Post id", "Post-ID", "포스트 ID"],
    "date": ["Date", "Datum", "날짜"],
    "text": ["Post text", "Post-Text", "Beitragstext", "포스트 텍스트"],
    "link": ["Post Link", "Post-Link", "Link zum Post", "포스트 링크"],
    "impressions": ["Impressions", "Impressionen", "노출수"],
    "likes": ["Likes", "Gefällt mir", "마음에 들어요"],
    "engagements": ["Engagements", "Interaktionen", "참여수"],
    "bookmarks": ["Bookmarks", "Lesezeichen", "북마크"],
    "reposts": ["Reposts", "재게시물"],
    "replies": ["Replies", "Antworten", "답글"],
    "url_clicks": ["URL Clicks", "URL-Klicks"],
}
CONTENT_IGNORED = ["Shares", "New follows", "Profile visits", "Detail Expands", "Hashtag Clicks",
                   "Permalink Clicks", "Teilen", "Neue Follower", "Profilbesuche"]
OVERVIEW_SYNONYMS = {
    "date": ["Date", "Datum", "날짜"],
    "impressions": ["Impressions", "Impressionen", "노출수"],
    "engagements": ["Engagements", "Interaktionen", "참여수"],
    "new_follows": ["New follows", "Neue Follower", "새 팔로워"],
    "unfollows": ["Unfollows", "Entfolgungen", "팔로우 취소"],
    "profile_visits": ["Profile visits", "Profilbesuche", "프로필 방문"],
    "video_views": ["Video views", "Videoaufrufe", "동영상 조회수"],
}
OVERVIEW_IGNORED = ["Likes", "Bookmarks", "Shares", "Replies", "Reposts", "Create Post", "Media views",
                    "Gefällt mir", "Lesezeichen", "Antworten", "Medienaufrufe"]
OVERVIEW_METRICS = {
    "impressions": "impressions", "new_follows": "followers_gained", "unfollows": "followers_lost",
    "engagements": "interactions", "profile_visits": "visits", "video_views": "video_views",
}
LEGACY_TIME_FORMATS = ["%Y-%m-%d %H:%M %z", "%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M"]
DAY_FORMATS = ["%a, %b %d, %Y", "%b %d, %Y", "%Y-%m-%d", "%m/%d/%Y", "%d.%m.%Y"]
_STATUS_LINK = re.compile(r"(?:twitter|x)\.com/([A-Za-z0-9_]{1,15})/status(?:es)?/(\d+)", re.I)


def _header(text: str) -> list[str]:
    first = split_lines(text[:20000])[0]
    return parse_csv_line(first, sniff_delimiter(first))


def _kind(header: list[str]) -> str | None:
    legacy = match_synonyms(header, LEGACY_SYNONYMS)
    if {"tweet_id", "time", "impressions"} <= legacy:
        return "legacy"
    content = match_synonyms(header, CONTENT_SYNONYMS)
    if {"post_id", "date", "impressions"} <= content and "link" in content:
        return "content"
    overview = match_synonyms(header, OVERVIEW_SYNONYMS)
    if "date" in overview and {"new_follows", "unfollows"} & overview and "impressions" in overview:
        return "overview"
    return None


def detect(source: SourceFile) -> bool:
    try:
        return _kind(_header(decode_head(source.data))) is not None
    except ImportRejected:
        return False


def parse(source: SourceFile, ctx: ImportContext) -> list[Parsed]:
    text = decode(source.data)
    kind = _kind(_header(text))
    if kind is None:
        raise ImportRejected("connector.x.not_x")
    header, rows = read_table(text)
    if kind == "overview":
        return [_overview(header, rows, source, ctx)]
    return [_posts(kind, header, rows, source, ctx)]


def snowflake_time(post_id: str) -> pd.Timestamp | None:
    """The creation time an X post id encodes (ids since late 2010), or None."""
    if not post_id.isdigit() or len(post_id) > 20:
        return None
    millis = (int(post_id) >> 22) + TWITTER_EPOCH_MS
    if millis < 1_288_834_974_657 + 86_400_000:  # older, sequential ids carry no time
        return None
    return pd.Timestamp(millis, unit="ms", tz="UTC")


def _count(cols: Columns, rows: pd.DataFrame, field: str) -> pd.Series | None:
    if field not in cols:
        return None
    return to_count(cols.get(rows, field), cols.header[cols.index[field]])


def _posts(kind: str, header: list[str], rows: pd.DataFrame, source: SourceFile, ctx: ImportContext) -> Parsed:
    legacy = kind == "legacy"
    cols = Columns(header, LEGACY_SYNONYMS if legacy else CONTENT_SYNONYMS,
                   LEGACY_IGNORED if legacy else CONTENT_IGNORED)
    id_field, link_field = ("tweet_id", "permalink") if legacy else ("post_id", "link")
    cols.require(id_field, "time" if legacy else "date", "impressions")
    ids = cols.get(rows, id_field).str.strip()
    keep = check_ids(ids, rows, cols.header[cols.index[id_field]])
    rows, ids = rows[keep], ids[keep]
    if rows.empty:
        raise ImportRejected("connector.io.header_only_posts")
    links = cols.get(rows, link_field) if link_field in cols else pd.Series("", index=rows.index, dtype="string")
    matches = links.fillna("").str.extract(_STATUS_LINK)
    # A spreadsheet round-trip can turn ids into `6.5E+17`: the link keeps the exact id.
    ids = ids.where(ids.str.fullmatch(r"\d+"), matches[1])
    if ids.isna().any():
        bad = cols.get(rows, id_field)[ids.isna()].iloc[0]
        raise ImportRejected("connector.x.bad_id", value=bad)
    handles = matches[0].dropna().str.lower().unique()
    if len(handles) > 1:
        raise ImportRejected("connector.x.several_accounts", accounts=list(handles[:3]))

    export_day = ctx.export_date(source)
    notes: list[Message] = []
    if legacy:
        moments = to_datetime(cols.get(rows, "time"), cols.header[cols.index["time"]], LEGACY_TIME_FORMATS)
        published = moments.dt.tz_convert("UTC") if moments.dt.tz is not None else moments.dt.tz_localize("UTC")
        time_column = cols.header[cols.index["time"]]
    else:
        time_column = cols.header[cols.index["date"]]
        days = to_datetime(cols.get(rows, "date"), time_column, DAY_FORMATS)
        check_dates(days, time_column, PLATFORM, export_day)
        published, guessed = _content_times(ids, days)
        if guessed:
            notes.append(Message("connector.x.midnight", n=str(guessed)))
    check_dates(published, time_column, PLATFORM, export_day)

    handle = handles[0] if len(handles) else None
    posts = pd.DataFrame({
        "post_id": ids,
        "published_at": published,
        "message": cols.get(rows, "text"),
        "url": links.where(links.str.strip() != "") if link_field in cols else None,
        "impressions": _count(cols, rows, "impressions"),
        "likes": _count(cols, rows, "likes"),
        "comments": _count(cols, rows, "replies"),
        "shares": _count(cols, rows, "retweets" if legacy else "reposts"),
        "saves": None if legacy else _count(cols, rows, "bookmarks"),
        "clicks": _count(cols, rows, "url_clicks"),
        "video_views": _count(cols, rows, "media_views") if legacy else None,
    })
    posts = unique_posts(posts, notes).reset_index(drop=True)
    account = AccountRef(PLATFORM, handle=handle, url=f"https://x.com/{handle}" if handle else None)
    label = Message("connector.format.part.tweet_activity" if legacy else "connector.format.part.posts")
    return Parsed(
        platform=PLATFORM, format=f"x_{'tweet_activity' if legacy else 'content'}", format_label=Message("connector.format.dash", label=LABEL, part=label),
        account=account, posts=posts, metrics_as_of=export_day, metric_version="impressions",
        unmapped_columns=cols.unmapped, notes=notes,
    )


def _content_times(ids: pd.Series, days: pd.Series) -> tuple[pd.Series, int]:
    """Snowflake times where they fall within a day of `Date`, else local midnight of `Date`."""
    midnight = localize(days, TIMEZONE)
    result, guessed = [], 0
    for post_id, day, fallback in zip(ids, days, midnight, strict=True):
        moment = snowflake_time(post_id)
        if moment is not None and pd.notna(day) and abs((moment.tz_convert(TIMEZONE).date() - day.date()).days) <= 1:
            result.append(moment)
        else:
            result.append(fallback)
            guessed += 1
    return pd.Series(result, index=ids.index, dtype="datetime64[ns, UTC]"), guessed


def _overview(header: list[str], rows: pd.DataFrame, source: SourceFile, ctx: ImportContext) -> Parsed:
    cols = Columns(header, OVERVIEW_SYNONYMS, OVERVIEW_IGNORED)
    cols.require("date")
    rows = rows[cols.get(rows, "date").str.strip() != ""]
    if rows.empty:
        raise ImportRejected("connector.io.header_only_daily")
    moments = to_datetime(cols.get(rows, "date"), cols.header[cols.index["date"]], DAY_FORMATS)
    export_day: date = ctx.export_date(source)
    check_dates(moments, cols.header[cols.index["date"]], PLATFORM, export_day)
    days = moments.dt.date
    parts = []
    for field, metric in OVERVIEW_METRICS.items():
        values = _count(cols, rows, field)
        if values is not None:
            parts.append(pd.DataFrame({"day": days, "metric": metric, "value": values.astype("Float64"), "filled": False}))
    if not parts:
        raise ImportRejected("connector.x.no_metric")
    daily = pd.concat(parts, ignore_index=True).dropna(subset=["day"])  # an empty value stays, NULL
    daily = daily.drop_duplicates(["day", "metric"], keep="first").sort_values(["metric", "day"])  # newest first in file
    return Parsed(
        platform=PLATFORM, format="x_overview", format_label=Message("connector.format.dash", label=LABEL,
                                                               part=Message("connector.format.part.account_overview")),
        account=AccountRef(PLATFORM), daily=daily.astype({"value": "float64"}).reset_index(drop=True),
        metrics_as_of=export_day, unmapped_columns=cols.unmapped,
    )
