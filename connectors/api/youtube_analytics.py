"""YouTube Analytics API (v2 `reports`): channel daily views, watch time, subscribers gained and
lost, and `ageGroup,gender` viewer percentages into the audience `viewers`.

Needs an OAuth access token of the channel (`BUERGERNAH_YOUTUBE_TOKEN` or `youtube_token` in
`[buergernah]`); refreshing it is left to whoever issues it. Base URL: `youtube_base_url`.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

import pandas as pd

from analytics.i18n import Message
from connectors.api.common import ApiSource, Fetched, Target, daily_frame, pull_window, raw_from_parsed
from connectors.api.http import ApiError, AuthError, HttpClient, setting, token
from connectors.audience import canonical_age, canonical_gender
from connectors.base import AUDIENCE_COLUMNS, AccountRef, ImportRejected, Parsed

DEFAULT_BASE_URL = "https://youtubeanalytics.googleapis.com"
FIRST_PULL_DAYS = 90
DAILY_METRICS = {"views": "views", "estimatedMinutesWatched": "watch_time_seconds",
                 "subscribersGained": "followers_gained", "subscribersLost": "followers_lost"}


def reports_url(base: str | None = None) -> str:
    return (base or setting("youtube_base_url", DEFAULT_BASE_URL)).rstrip("/") + "/v2/reports"


def parse_spec(spec: str) -> Target:
    """`youtube:<channel id>` or `youtube:http://127.0.0.1:8000/<channel id>`."""
    _, _, rest = spec.strip().partition(":")
    base = None
    if re.match(r"^[a-z][a-z0-9+.-]*://", rest, re.I):
        parts = urlsplit(rest)
        base = f"{parts.scheme}://{parts.netloc}"
        rest = parts.path.strip("/").split("/")[-1]
    if not re.fullmatch(r"UC[A-Za-z0-9_-]{10,}", rest or ""):
        raise ValueError(Message("connector.api.youtube_spec", spec=spec))
    ref = AccountRef("youtube", account_id=rest, url=f"https://www.youtube.com/channel/{rest}")
    return Target("youtube", rest, reports_url(base), ref, f"youtube:{base + '/' if base else ''}{rest}")


def target_for_account(row: dict) -> Target | None:
    ident = row.get("account_id")
    if row.get("platform") == "youtube" and ident and re.fullmatch(r"UC[A-Za-z0-9_-]{10,}", str(ident)):
        return parse_spec(f"youtube:{ident}")
    return None


def _table(body: dict) -> list[dict]:
    """`columnHeaders` + `rows` as dicts; no `rows` key means no data."""
    names = [h.get("name") for h in body.get("columnHeaders") or []]
    return [dict(zip(names, row, strict=False)) for row in body.get("rows") or []]


def fetch(client: HttpClient, target: Target, *, last_day: date | None, since: date | None,
          today: date) -> Fetched:
    access = token("youtube", target.ident)
    if not access:
        raise AuthError(Message("connector.api.no_youtube_token"))
    headers = {"Authorization": f"Bearer {access}"}
    start, end = pull_window(last_day, since, today, FIRST_PULL_DAYS)
    common = {"ids": f"channel=={target.ident}", "startDate": start.isoformat(), "endDate": end.isoformat()}
    body = client.get_json(target.base_url, headers=headers, params={
        **common, "dimensions": "day", "metrics": ",".join(DAILY_METRICS), "sort": "day"})
    daily_rows = []
    for row in _table(body):
        day = date.fromisoformat(row["day"])
        for metric, column in DAILY_METRICS.items():
            value = row.get(metric)
            if value is None:
                continue
            daily_rows.append((day, column, float(value) * (60 if metric == "estimatedMinutesWatched" else 1)))
    notes = []
    if not daily_rows:
        notes.append(Message("connector.api.no_daily", first=start, last=end))
    body = client.get_json(target.base_url, headers=headers, params={
        **common, "dimensions": "ageGroup,gender", "metrics": "viewerPercentage", "sort": "gender,ageGroup"})
    rows = []
    for row in _table(body):
        try:
            rows.append({"as_of": end, "audience": "viewers", "age_group": canonical_age(row["ageGroup"]),
                         "gender": canonical_gender(row["gender"]), "share": float(row["viewerPercentage"]) / 100,
                         "count": None, "raw_label": f"{row['ageGroup']}/{row['gender']}"})
        except ImportRejected as exc:
            raise ApiError(Message("connector.api.field_error", field="ageGroup/gender", reason=exc.message)) from None
    audience = pd.DataFrame(rows, columns=AUDIENCE_COLUMNS) if rows else None
    if audience is None:
        notes.append(Message("connector.api.no_demographics_youtube"))
    else:
        audience["count"] = audience["count"].astype("Int64")
    ref = AccountRef("youtube", account_id=target.ident, url=target.ref.url)
    parsed = Parsed(platform="youtube", format="youtube_analytics_api", format_label="YouTube Analytics API",
                    account=ref, daily=daily_frame(daily_rows), audience=audience, metrics_as_of=today,
                    notes=notes)
    return Fetched(parsed, raw_from_parsed(parsed, target.spec, today), [], notes, ref)


def _fetch(client: HttpClient, target: Target, *, last_day: date | None, since: date | None, today: date,
           **_) -> Fetched:
    return fetch(client, target, last_day=last_day, since=since, today=today)


SOURCE = ApiSource("youtube_analytics", ("youtube",), parse_spec, target_for_account, _fetch,
                   token_service="youtube")
