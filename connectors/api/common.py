"""What every API source shares: targets, results, and writing a pull like an import."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pandas as pd

from analytics.i18n import Message, known, text
from connectors.api.http import token
from connectors.base import AccountRef, Parsed

BERLIN = ZoneInfo("Europe/Berlin")


def today_berlin(now: datetime | None = None) -> date:
    return (now or datetime.now(BERLIN)).astimezone(BERLIN).date()


@dataclass
class Target:
    """One account at one API: where to fetch from and how the account is named."""

    platform: str  # mastodon | facebook | instagram | youtube
    ident: str  # Mastodon acct (user), Graph object id, YouTube channel id
    base_url: str  # scheme://host[:port] (Graph and YouTube: the API root)
    ref: AccountRef  # identity for registering the account
    spec: str  # the canonical SOURCE string, also the import's file name

    @property
    def key(self) -> str:
        return self.ref.key or f"{self.platform}:{self.ident}"


@dataclass
class Fetched:
    """What one pull produced, before it is written."""

    parsed: Parsed
    raw: dict  # the fetched data in a canonical form (hashed; never stored)
    extras: list[tuple[str, str, float | None]] = field(default_factory=list)  # (post_id, metric, value)
    notes: list[Message] = field(default_factory=list)
    account: AccountRef | None = None  # identity as the API reported it (name, url)


@dataclass(frozen=True)
class ApiSource:
    """One public API Bürgernah pulls from — what each module in connectors/api provides as `SOURCE`,
    as each file connector provides `detect` and `parse`. `fetch` is called with the keywords
    `last_day` (newest stored daily value), `newest_post` (newest stored post), `since` and `today`;
    a source uses those it needs."""

    name: str
    platforms: tuple[str, ...]
    parse_spec: Callable[[str], Target]  # a SOURCE of the command line; raises ValueError
    target_for_account: Callable[[dict], Target | None]  # a registered account, if the API covers it
    fetch: Callable[..., Fetched]
    token_service: str | None = None  # `http.token(service, ident)`; None: a public API

    def missing_credentials(self, target: Target) -> Message | None:
        """Why a pull is skipped without a token: the catalogue's `importieren.hint.token.<name>`."""
        if self.token_service and not token(self.token_service, target.ident):
            return Message(f"importieren.hint.token.{self.name}")
        return None


STATUS_LABELS = {"ok": "abgerufen", "unchanged": "unverändert", "skipped": "übersprungen", "failed": "FEHLER"}


@dataclass
class PullResult:
    """The outcome of pulling one account. `status`: ok | unchanged | skipped | failed."""

    account_key: str
    platform: str
    source: str
    status: str
    message: Message | str = ""  # a Message (its German text is a str), shown in the reader's language
    import_id: int | None = None
    rows: int = 0
    posts: int = 0
    notes: list[Message] = field(default_factory=list)
    started_at: datetime | None = None
    finished_at: datetime | None = None

    @property
    def ok(self) -> bool:
        return self.status in ("ok", "unchanged", "skipped")

    def summary(self, lang: str = "de") -> str:
        """One line for people: `abgerufen: 3 Beiträge …` (`fetched: 3 posts …` in English)."""
        key = f"importieren.pull_status.{self.status}"
        status = text(key, lang) if known(key) else STATUS_LABELS.get(self.status, self.status)
        message = self.message.text(lang) if isinstance(self.message, Message) else self.message
        return f"{status}: {message}".rstrip(": ")


def canonical_bytes(data: dict) -> bytes:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def empty_frame(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: [] for c in columns})


def daily_frame(rows: list[tuple[date, str, float | None]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["day", "metric", "value"])
    frame["value"] = frame["value"].astype("float64")
    frame["filled"] = False
    return frame.drop_duplicates(["day", "metric"], keep="last").reset_index(drop=True)


def utc_timestamps(values: list) -> pd.Series:
    return pd.to_datetime(pd.Series(values, dtype="object"), utc=True, format="ISO8601")


def days_between(start: date, end: date, chunk: int) -> list[tuple[date, date]]:
    """[start, end] in consecutive windows of at most `chunk` days."""
    out = []
    current = start
    while current <= end:
        stop = min(end, current + timedelta(days=chunk - 1))
        out.append((current, stop))
        current = stop + timedelta(days=1)
    return out


def raw_from_parsed(parsed: Parsed, spec: str, today: date) -> dict:
    """A canonical, hashable picture of what was fetched: the figures themselves."""

    def records(frame: pd.DataFrame | None) -> list:
        if frame is None or frame.empty:
            return []
        return json_safe(frame.astype(object).where(frame.notna(), None).to_dict("records"))

    return {"as_of": today.isoformat(), "source": spec, "posts": records(parsed.posts),
            "daily": records(parsed.daily), "audience": records(parsed.audience)}


def json_safe(value):
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if isinstance(value, datetime | date | pd.Timestamp):
        return value.isoformat()
    return value


def pull_window(last_day: date | None, since: date | None, today: date, first_days: int) -> tuple[date, date]:
    """Days to read, up to yesterday: from `since` if given; else re-read the last three stored
    days (platforms revise them for a while); on a first pull, the last `first_days` days."""
    if since is not None:
        start = since
    elif last_day is not None:
        start = last_day - timedelta(days=3)
    else:
        start = today - timedelta(days=first_days)
    return min(start, today - timedelta(days=1)), today - timedelta(days=1)
