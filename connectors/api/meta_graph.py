"""Meta Graph API: Facebook Page insights and Instagram insights, with a Page access token.

The API version is pinned (`meta_api_version`, default below) and the base URL configurable
(`meta_base_url`), both from `BUERGERNAH_*` or `[buergernah]` in `.streamlit/secrets.toml`.
Metrics carry their post-2025 names (docs: platform-exports.md §13–15). A retired or unavailable
metric (Graph error code 100, "invalid metric") is reported in the pull's notes and skipped.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pandas as pd

from analytics.i18n import Message
from connectors.api.common import (
    ApiSource,
    Fetched,
    Target,
    daily_frame,
    days_between,
    pull_window,
    raw_from_parsed,
    utc_timestamps,
)
from connectors.api.http import ApiError, AuthError, HttpClient, MetricUnavailable, setting, token
from connectors.audience import canonical_age, canonical_gender
from connectors.base import AUDIENCE_COLUMNS, POST_COLUMNS, AccountRef, ImportRejected, Parsed

DEFAULT_BASE_URL = "https://graph.facebook.com"
DEFAULT_VERSION = "v24.0"
PACIFIC = ZoneInfo("America/Los_Angeles")
FIRST_PULL_DAYS = 90  # history read on the first pull (Graph allows 90 days per query)
REREAD_DAYS = 28  # post figures younger than this still change

PAGE_METRICS = {  # Page insights, period=day → core daily metric
    "page_follows": "followers",
    "page_daily_follows_unique": "followers_gained",
    "page_daily_unfollows_unique": "followers_lost",
    "page_media_view": "views",
    "page_total_media_view_unique": "reach",
    "page_post_engagements": "interactions",
    "page_views_total": "visits",
}
POST_METRICS = {"post_media_view": "views", "post_total_media_view_unique": "reach", "post_clicks": "clicks"}
IG_SERIES = {"reach": "reach", "follower_count": "followers_gained"}  # period=day time series
IG_TOTALS = {"views": "views", "total_interactions": "interactions", "profile_views": "visits",
             "website_clicks": "link_clicks"}  # metric_type=total_value, one day per query
IG_MEDIA_METRICS = {"views": "views", "reach": "reach", "saved": "saves", "shares": "shares"}
IG_TOTAL_DAYS = 30


def api_root(base: str | None = None) -> str:
    base = (base or setting("meta_base_url", DEFAULT_BASE_URL)).rstrip("/")
    version = setting("meta_api_version", DEFAULT_VERSION)
    return f"{base}/{version}"


def parse_spec(spec: str) -> Target:
    """`facebook:<page id>`, `instagram:<ig user id>`, or either with an API base
    (`facebook:http://127.0.0.1:8000/<page id>`)."""
    platform, _, rest = spec.strip().partition(":")
    platform = platform.lower()
    if platform not in ("facebook", "instagram") or not rest:
        raise ValueError(Message("connector.api.graph_spec", spec=spec))
    base = None
    if re.match(r"^[a-z][a-z0-9+.-]*://", rest, re.I):
        parts = urlsplit(rest)
        ident = parts.path.strip("/").split("/")[-1]
        base = f"{parts.scheme}://{parts.netloc}"
    else:
        ident = rest.strip()
    if not re.fullmatch(r"\d+", ident or ""):
        raise ValueError(Message("connector.api.graph_id", spec=spec))
    ref = AccountRef(platform, account_id=ident)
    return Target(platform, ident, api_root(base), ref, f"{platform}:{base + '/' if base else ''}{ident}")


def target_for_account(row: dict) -> Target | None:
    ident = row.get("account_id")
    if row.get("platform") in ("facebook", "instagram") and ident and re.fullmatch(r"\d+", str(ident)):
        return parse_spec(f"{row['platform']}:{ident}")
    return None


def graph_day(end_time: str) -> date:
    """The day a Graph `end_time` closes: `2025-06-01T07:00:00+0000` (midnight Pacific) → 2025-05-31."""
    moment = datetime.strptime(end_time, "%Y-%m-%dT%H:%M:%S%z")
    return (moment.astimezone(PACIFIC) - timedelta(seconds=1)).date()


class Insights:
    """Reads insights and remembers metrics the API refused, so that each is reported once."""

    def __init__(self, client: HttpClient, access_token: str):
        self.client = client
        self.token = access_token
        self.unavailable: dict[str, Message] = {}  # metric → why (the API's words)

    def get(self, url: str, params: dict | None = None) -> dict:
        return self.client.get_json(url, params={**(params or {}), "access_token": self.token})

    def insights(self, object_url: str, metrics: list[str], params: dict) -> list[dict]:
        wanted = [m for m in metrics if m not in self.unavailable]
        if not wanted:
            return []
        try:
            return self._one(object_url, wanted, params)
        except MetricUnavailable as exc:
            if len(wanted) == 1:
                self.unavailable[wanted[0]] = exc.message
                return []
        found: list[dict] = []
        for metric in wanted:  # one refused metric fails the whole request: ask one by one
            try:
                found += self._one(object_url, [metric], params)
            except MetricUnavailable as exc:
                self.unavailable[metric] = exc.message
        return found

    def _one(self, object_url: str, metrics: list[str], params: dict) -> list[dict]:
        body = self.get(f"{object_url}/insights", {**params, "metric": ",".join(metrics)})
        return body.get("data") or []

    def notes(self) -> list[Message]:
        return [Message("connector.api.metric_unavailable", metric=metric, reason=reason)
                for metric, reason in self.unavailable.items()]


def _require_token(target: Target) -> str:
    found = token("meta", target.ident)
    if not found:
        raise AuthError(Message("connector.api.no_meta_token"))
    return found


def _daily_from_series(data: list[dict], mapping: dict[str, str], start: date, end: date) -> list[tuple]:
    rows = []
    for entry in data:
        metric = mapping.get(entry.get("name"))
        if metric is None:
            continue
        for point in entry.get("values") or []:
            if "end_time" not in point or isinstance(point.get("value"), dict):
                continue
            day = graph_day(point["end_time"])
            if start <= day <= end:
                rows.append((day, metric, _number(point.get("value"))))
    return rows


def _number(value) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, dict):  # e.g. a breakdown by ads/organic: the sum is the metric
        numbers = [v for v in value.values() if isinstance(v, int | float)]
        return float(sum(numbers)) if numbers else None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _lifetime(data: list[dict]) -> dict[str, float | None]:
    out = {}
    for entry in data:
        values = entry.get("values") or []
        if values:
            out[entry.get("name")] = _number(values[-1].get("value"))
        elif "total_value" in entry:
            out[entry.get("name")] = _number((entry.get("total_value") or {}).get("value"))
    return out


def _posts_frame(rows: list[dict]) -> pd.DataFrame:
    posts = pd.DataFrame(rows, columns=POST_COLUMNS)
    posts["published_at"] = utc_timestamps(list(posts["published_at"]))
    for column in ("views", "reach", "impressions", "likes", "comments", "shares", "saves", "clicks", "video_views"):
        posts[column] = pd.array(pd.to_numeric(posts[column], errors="coerce").round(), dtype="Int64")
    posts["watch_time_seconds"] = posts["watch_time_seconds"].astype("float64")
    return posts


# -- Facebook Page ----------------------------------------------------------------------------
def fetch_page(client: HttpClient, target: Target, *, last_day: date | None, newest_post: datetime | None,
               since: date | None, today: date) -> Fetched:
    graph = Insights(client, _require_token(target))
    root = target.base_url
    page = graph.get(f"{root}/{target.ident}", {"fields": "id,name,link,followers_count"})
    start, end = pull_window(last_day, since, today, FIRST_PULL_DAYS)
    daily_rows = []
    for chunk_start, chunk_end in days_between(start, end, 90):
        data = graph.insights(f"{root}/{target.ident}", list(PAGE_METRICS), {
            "period": "day", "since": chunk_start.isoformat(),
            "until": (chunk_end + timedelta(days=1)).isoformat()})
        daily_rows += _daily_from_series(data, PAGE_METRICS, chunk_start, chunk_end)
    if page.get("followers_count") is not None and not any(r[1] == "followers" and r[0] == today for r in daily_rows):
        daily_rows.append((today, "followers", float(page["followers_count"])))

    post_since = _post_since(newest_post, since, today)
    rows = []
    fields = ("id,created_time,message,permalink_url,status_type,shares,"
              "reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0)")
    for batch in client.paginate_graph(f"{root}/{target.ident}/posts", params={
            "fields": fields, "since": int(post_since.timestamp()), "limit": 100, "access_token": graph.token}):
        for post in batch.get("data") or []:
            figures = _lifetime(graph.insights(f"{root}/{post['id']}", list(POST_METRICS), {"period": "lifetime"}))
            rows.append({
                "post_id": str(post["id"]), "published_at": post.get("created_time"),
                "post_type": post.get("status_type"), "message": post.get("message"),
                "url": post.get("permalink_url"),
                "likes": ((post.get("reactions") or {}).get("summary") or {}).get("total_count"),
                "comments": ((post.get("comments") or {}).get("summary") or {}).get("total_count"),
                "shares": (post.get("shares") or {}).get("count", 0 if "shares" not in post else None),
                **{column: figures.get(metric) for metric, column in POST_METRICS.items()},
            })
    ref = AccountRef("facebook", account_id=target.ident, name=page.get("name"), url=page.get("link"))
    parsed = Parsed(platform="facebook", format="meta_graph_page", format_label=Message("connector.format.meta_graph_page"),
                    account=ref, posts=_posts_frame(rows), daily=daily_frame(daily_rows), metrics_as_of=today,
                    metric_version="views", notes=graph.notes())
    return Fetched(parsed, raw_from_parsed(parsed, target.spec, today), [], parsed.notes, ref)


def _post_since(newest_post: datetime | None, since: date | None, today: date) -> datetime:
    if since is not None:
        return datetime(since.year, since.month, since.day, tzinfo=UTC)
    if newest_post is not None:
        return newest_post - timedelta(days=REREAD_DAYS)
    start = today - timedelta(days=FIRST_PULL_DAYS)
    return datetime(start.year, start.month, start.day, tzinfo=UTC)


# -- Instagram -----------------------------------------------------------------------------------
def fetch_instagram(client: HttpClient, target: Target, *, last_day: date | None, newest_post: datetime | None,
                    since: date | None, today: date) -> Fetched:
    graph = Insights(client, _require_token(target))
    root = target.base_url
    node = f"{root}/{target.ident}"
    user = graph.get(node, {"fields": "id,username,name,followers_count,media_count"})
    start, end = pull_window(last_day, since, today, IG_TOTAL_DAYS)
    daily_rows = []
    for chunk_start, chunk_end in days_between(start, end, 30):
        data = graph.insights(node, list(IG_SERIES), {
            "period": "day", "since": chunk_start.isoformat(), "until": (chunk_end + timedelta(days=1)).isoformat()})
        daily_rows += _daily_from_series(data, IG_SERIES, chunk_start, chunk_end)
    day = max(start, end - timedelta(days=IG_TOTAL_DAYS - 1))
    while day <= end:  # total_value metrics give one figure per query: ask day by day
        data = graph.insights(node, list(IG_TOTALS), {
            "period": "day", "metric_type": "total_value", "since": day.isoformat(),
            "until": (day + timedelta(days=1)).isoformat()})
        for name, value in _lifetime(data).items():
            if name in IG_TOTALS:
                daily_rows.append((day, IG_TOTALS[name], value))
        day += timedelta(days=1)
    if user.get("followers_count") is not None:
        daily_rows.append((today, "followers", float(user["followers_count"])))

    notes: list[str] = []
    audience = demographics(graph, node, today, notes)

    post_since = _post_since(newest_post, since, today)
    rows = []
    fields = "id,caption,media_type,media_product_type,timestamp,permalink,like_count,comments_count"
    for batch in client.paginate_graph(f"{node}/media", params={"fields": fields, "limit": 100,
                                                                 "access_token": graph.token}):
        media = batch.get("data") or []
        older = False
        for item in media:
            published = datetime.strptime(item["timestamp"], "%Y-%m-%dT%H:%M:%S%z")
            if published < post_since:
                older = True
                continue
            figures = _lifetime(graph.insights(f"{root}/{item['id']}", list(IG_MEDIA_METRICS), {}))
            rows.append({
                "post_id": str(item["id"]), "published_at": item["timestamp"],
                "post_type": _ig_type(item), "message": item.get("caption"), "url": item.get("permalink"),
                "likes": item.get("like_count"), "comments": item.get("comments_count"),
                **{column: figures.get(metric) for metric, column in IG_MEDIA_METRICS.items()},
            })
        if older:
            break
    handle = user.get("username")
    ref = AccountRef("instagram", account_id=target.ident, handle=handle, name=user.get("name") or handle,
                     url=f"https://www.instagram.com/{handle}/" if handle else None)
    notes = graph.notes() + notes
    parsed = Parsed(platform="instagram", format="meta_graph_instagram",
                    format_label="Meta Graph API (Instagram)", account=ref, posts=_posts_frame(rows),
                    daily=daily_frame(daily_rows), audience=audience, metrics_as_of=today,
                    metric_version="views", notes=notes)
    return Fetched(parsed, raw_from_parsed(parsed, target.spec, today), [], notes, ref)


def _ig_type(item: dict) -> str:
    product = (item.get("media_product_type") or "").upper()
    if product in ("REELS", "STORY"):
        return product.lower().rstrip("s")
    return {"IMAGE": "photo", "VIDEO": "video", "CAROUSEL_ALBUM": "carousel"}.get(
        (item.get("media_type") or "").upper(), "post")


def demographics(graph: Insights, node: str, today: date, notes: list[Message]) -> pd.DataFrame | None:
    """`follower_demographics` by age and gender → audience `followers`, counts and shares."""
    try:
        data = graph.insights(node, ["follower_demographics"], {
            "period": "lifetime", "metric_type": "total_value", "breakdown": "age,gender"})
    except ApiError as exc:
        if isinstance(exc, AuthError):
            raise
        notes.append(Message("connector.api.demographics_failed", error=exc.message))
        return None
    results = []
    for entry in data:
        for breakdown in (entry.get("total_value") or {}).get("breakdowns") or []:
            keys = breakdown.get("dimension_keys") or []
            for result in breakdown.get("results") or []:
                values = dict(zip(keys, result.get("dimension_values") or [], strict=False))
                results.append((values.get("age"), values.get("gender"), result.get("value")))
    if not results:
        if "follower_demographics" not in graph.unavailable:
            notes.append(Message("connector.api.no_demographics_meta"))
        return None
    rows = []
    for age, gender, value in results:
        try:
            rows.append({"age_group": canonical_age(age), "gender": canonical_gender(gender),
                         "count": int(value) if value is not None else None, "raw_label": f"{age}/{gender}"})
        except ImportRejected as exc:
            raise ApiError(Message("connector.api.field_error", field="follower_demographics", reason=exc.message)) from None
    frame = pd.DataFrame(rows).groupby(["age_group", "gender"], as_index=False).agg(
        count=("count", "sum"), raw_label=("raw_label", "first"))
    total = frame["count"].sum()
    frame["share"] = frame["count"] / total if total else None
    frame["as_of"] = today
    frame["audience"] = "followers"
    frame["count"] = frame["count"].astype("Int64")
    return frame[AUDIENCE_COLUMNS]


def _fetch(client: HttpClient, target: Target, **window) -> Fetched:
    return (fetch_page if target.platform == "facebook" else fetch_instagram)(client, target, **window)


SOURCE = ApiSource("meta_graph", ("facebook", "instagram"), parse_spec, target_for_account, _fetch,
                   token_service="meta")
