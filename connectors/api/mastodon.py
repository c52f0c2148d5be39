"""Mastodon (REST API, public data, no token).

`@stadt@social.example` or `https://social.example/@stadt` → account lookup, statuses 40 per page
(`Link: rel="next"`, falling back to `max_id`), one post row per own status with favourites as
likes, reblogs as shares, replies as comments (quotes kept in `core.post_extra_values`), and
`followers_count` as the day's follower snapshot.

Privacy: boosts, non-public statuses and replies to other people are skipped; mentions are
removed from the text; nobody but the town's own account is stored (no repliers, no mentions).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pandas as pd

from analytics.i18n import Message
from connectors.api.common import ApiSource, Fetched, Target, daily_frame, utc_timestamps
from connectors.api.http import ApiError, HttpClient, NotFound
from connectors.base import POST_COLUMNS, AccountRef, Parsed

PLATFORM = "mastodon"
FORMAT = "mastodon_api"
LABEL = Message("connector.format.mastodon_api")
PAGE_SIZE = 40
REREAD_DAYS = 14  # counts of posts younger than this still change and are read again


# -- sources ------------------------------------------------------------------------------
def parse_spec(spec: str) -> Target:
    """`@user@host`, `user@host`, `https://host[:port]/@user` or `https://host/users/user`."""
    text = spec.strip()
    if text.lower().startswith("mastodon:"):
        text = text[len("mastodon:"):]
    if re.match(r"^[a-z][a-z0-9+.-]*://", text, re.I):
        parts = urlsplit(text)
        path = parts.path.strip("/")
        match = re.fullmatch(r"@([A-Za-z0-9_.-]+)(?:@([^/@]+))?", path) or \
            re.fullmatch(r"users/([A-Za-z0-9_.-]+)", path)
        if not parts.netloc or not match:
            raise ValueError(Message("connector.api.mastodon_url", spec=spec))
        user = match.group(1)
        domain = match.group(2) if match.lastindex and match.lastindex > 1 and match.group(2) else parts.netloc
        base = f"{parts.scheme}://{parts.netloc}"
        url = f"{base}/@{user}" + (f"@{domain}" if domain != parts.netloc else "")
        acct = user if domain == parts.netloc else f"{user}@{domain}"
    else:
        match = re.fullmatch(r"@?([A-Za-z0-9_.-]+)@([A-Za-z0-9.-]+(?::\d+)?)", text)
        if not match:
            raise ValueError(Message("connector.api.mastodon_handle", spec=spec))
        user, domain = match.groups()
        base = f"https://{domain}"
        url = f"{base}/@{user}"
        acct = user
    ref = AccountRef(PLATFORM, account_id=f"{user}@{domain}".lower(), handle=f"@{user}@{domain}", url=url)
    return Target(PLATFORM, acct, base, ref, f"mastodon:{url}")


def target_for_account(row: dict) -> Target | None:
    """The target of a registered account: its profile URL, else an `@user@host` handle."""
    for candidate in (row.get("url"), row.get("handle"), row.get("account_id")):
        if candidate:
            try:
                return parse_spec(candidate)
            except ValueError:
                continue
    return None


# -- HTML → text ----------------------------------------------------------------------------
class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("br",):
            self.parts.append("\n")
        elif tag == "p" and self.parts:
            self.parts.append("\n\n")
        elif tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def html_to_text(content: str | None) -> str | None:
    """Mastodon's HTML `content` as plain text (paragraphs and line breaks kept; links in full,
    as Mastodon splits them into visible and `invisible` spans)."""
    if not content:
        return None if content is None else ""
    parser = _Text()
    parser.feed(content)
    parser.close()
    text = html.unescape("".join(parser.parts))
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def remove_mentions(text: str | None, mentions: list[dict]) -> str | None:
    """Take other people's handles out of a post's text (`@name` → `@…`)."""
    if not text:
        return text
    for mention in mentions or []:
        for name in {mention.get("acct"), mention.get("username")}:
            if name:
                text = re.sub(rf"@{re.escape(name)}(?:@[\w.-]+)?(?![\w@])", "@…", text)
    return text


# -- fetching -------------------------------------------------------------------------------
def lookup(client: HttpClient, target: Target) -> dict:
    try:
        return client.get_json(f"{target.base_url}/api/v1/accounts/lookup", params={"acct": target.ident})
    except NotFound:
        raise ApiError(Message("connector.api.mastodon_not_found", handle=target.ref.handle,
                               server=target.base_url)) from None


def statuses(client: HttpClient, base_url: str, account_id: str, *, stop_before: datetime | None,
             max_pages: int = 250) -> Iterator[dict]:
    """The account's statuses, newest first, until one is older than `stop_before`."""
    url: str | None = f"{base_url}/api/v1/accounts/{account_id}/statuses"
    params: dict | None = {"limit": PAGE_SIZE, "exclude_reblogs": "true"}
    for _ in range(max_pages):
        response = client.get(url, params=params)
        page = response.json()
        if not isinstance(page, list):
            raise ApiError(Message("connector.api.mastodon_unexpected", server=base_url))
        if not page:
            return
        reached = False
        for status in page:
            created = _parse_time(status.get("created_at"))
            if stop_before is not None and created is not None and created < stop_before:
                reached = True
                continue
            yield status
        if reached:
            return
        next_url = response.links.get("next", {}).get("url")
        if next_url:
            url, params = next_url, None
        elif len(page) >= PAGE_SIZE:
            url = f"{base_url}/api/v1/accounts/{account_id}/statuses"
            params = {"limit": PAGE_SIZE, "exclude_reblogs": "true", "max_id": page[-1]["id"]}
        else:
            return


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _post_type(status: dict) -> str:
    media = status.get("media_attachments") or []
    if media:
        kind = media[0].get("type")
        return {"image": "photo", "gifv": "video", "video": "video", "audio": "audio"}.get(kind, "media")
    if status.get("poll"):
        return "poll"
    if status.get("card"):
        return "link"
    return "text"


def fetch(client: HttpClient, target: Target, *, newest_stored: datetime | None, since: date | None,
          today: date) -> Fetched:
    account = lookup(client, target)
    own_id = str(account["id"])
    if since is not None:
        stop_before = datetime(since.year, since.month, since.day, tzinfo=UTC) - timedelta(hours=2)
    elif newest_stored is not None:
        stop_before = newest_stored - timedelta(days=REREAD_DAYS)
    else:
        stop_before = None
    rows, raw_statuses, extras = [], [], []
    skipped = {"boosts": 0, "replies": 0, "private": 0}
    for status in statuses(client, target.base_url, own_id, stop_before=stop_before):
        if status.get("reblog"):
            skipped["boosts"] += 1
            continue
        if status.get("visibility") not in (None, "public", "unlisted"):
            skipped["private"] += 1
            continue
        reply_to = status.get("in_reply_to_account_id")
        if reply_to is not None and str(reply_to) != own_id:
            skipped["replies"] += 1
            continue
        text = remove_mentions(html_to_text(status.get("content")), status.get("mentions") or [])
        if status.get("spoiler_text"):
            text = f"{status['spoiler_text']}\n\n{text}" if text else status["spoiler_text"]
        row = {
            "post_id": str(status["id"]), "published_at": status.get("created_at"),
            "post_type": _post_type(status), "message": text, "url": status.get("url") or status.get("uri"),
            "likes": status.get("favourites_count"), "shares": status.get("reblogs_count"),
            "comments": status.get("replies_count"),
        }
        rows.append(row)
        quotes = status.get("quotes_count")
        if quotes is not None:
            extras.append((row["post_id"], "quotes", float(quotes)))
        raw_statuses.append({**{k: row[k] for k in ("post_id", "published_at", "likes", "shares", "comments")},
                             "quotes": quotes, "message": text})
    posts = pd.DataFrame(rows, columns=POST_COLUMNS)
    posts["published_at"] = utc_timestamps(list(posts["published_at"]))
    for column in ("likes", "shares", "comments"):
        posts[column] = pd.array(posts[column], dtype="Int64")
    daily_rows = []
    followers = account.get("followers_count")
    if followers is not None:
        daily_rows.append((today, "followers", float(followers)))
    notes = []
    if skipped["boosts"]:
        notes.append(Message("connector.api.boosts_skipped", n=str(skipped["boosts"])))
    if skipped["replies"]:
        notes.append(Message("connector.api.replies_skipped", n=str(skipped["replies"])))
    if skipped["private"]:
        notes.append(Message("connector.api.private_skipped", n=str(skipped["private"])))
    name = account.get("display_name") or account.get("username")
    ref = AccountRef(PLATFORM, account_id=target.ref.account_id, handle=target.ref.handle, name=name,
                     url=target.ref.url)
    parsed = Parsed(platform=PLATFORM, format=FORMAT, format_label=LABEL, account=ref, posts=posts,
                    daily=daily_frame(daily_rows), metrics_as_of=today, notes=notes)
    raw = {"as_of": today.isoformat(), "source": target.spec,
           "account": {"id": own_id, "followers_count": followers,
                       "statuses_count": account.get("statuses_count"), "name": name},
           "statuses": raw_statuses}
    return Fetched(parsed, raw, extras, notes, ref)


def _fetch(client: HttpClient, target: Target, *, newest_post: datetime | None, since: date | None, today: date,
           **_) -> Fetched:
    return fetch(client, target, newest_stored=newest_post, since=since, today=today)


SOURCE = ApiSource("mastodon", (PLATFORM,), parse_spec, target_for_account, _fetch)
