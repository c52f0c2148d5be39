"""What every connector produces, and the one error type a rejected file raises.

A connector module (see `registry.py`) declares `FORMAT`, `PLATFORM` (or `None` when the file
itself says), `LABEL`, and two functions:

    detect(source: SourceFile) -> bool      # is this file mine? decided from its content
    parse(source: SourceFile, ctx: ImportContext) -> list[Parsed]

`parse` raises `ImportRejected` with a sentence an officer understands (a catalogue key and its
values, shown in the reader's language); notes are `Message`s too. It never writes.
The loader (`loader.py`) resolves accounts and writes a file's `Parsed` items in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from analytics import platforms
from analytics.i18n import Message

if TYPE_CHECKING:
    from connectors.spool import Spool

PLATFORMS = platforms.KEYS  # the platform catalogue: analytics/platforms.py

# Columns of the frames a connector returns (anything missing is filled with NULL).
POST_COLUMNS = [
    "post_id", "published_at", "post_type", "message", "url", "views", "reach", "impressions",
    "likes", "comments", "shares", "saves", "clicks", "video_views", "watch_time_seconds",
]
DAILY_COLUMNS = ["day", "metric", "value", "filled"]
DAILY_METRICS = (
    "followers", "followers_gained", "followers_lost", "views", "reach", "impressions",
    "interactions", "visits", "link_clicks", "video_views",
)
AUDIENCE_COLUMNS = ["as_of", "audience", "age_group", "gender", "share", "count", "raw_label"]
POPULATION_COLUMNS = ["ags", "age_group", "population", "reference_date", "derived"]


class ImportRejected(Exception):
    """A file that cannot be imported. `message` says why as a catalogue key with its values
    (`analytics.i18n.Message`, keys `connector.…`), `file_name` which file: `text(lang)` is the
    sentence in a language, naming the file; `str()` and `reason` are German (logs, tests).

        raise ImportRejected("connector.io.not_a_number", where=..., value="12a")
    """

    def __init__(self, reason: Message | str, file_name: str | None = None, /, **values):
        message = reason if isinstance(reason, Message) else Message(reason, **values)
        super().__init__(message)
        self.message = message
        self.file_name = file_name

    @property
    def reason(self) -> str:
        return self.message.text("de")

    def text(self, lang: str) -> str:
        reason = self.message.text(lang)
        return f"{self.file_name}: {reason}" if self.file_name else reason

    def __str__(self) -> str:
        return self.text("de")


@dataclass(frozen=True)
class SourceFile:
    """One file as uploaded (or one member of an uploaded zip)."""

    name: str
    data: bytes
    export_date: date | None = None  # when the platform produced it; defaults to today
    container: str | None = None  # the zip it came from, if any (TikTok keeps the handle there)

    @property
    def display_name(self) -> str:
        return f"{self.container}/{self.name}" if self.container else self.name


@dataclass(frozen=True)
class ImportContext:
    """What the user told us beside the file."""

    municipality: str | None = None  # AGS for accounts the registry does not know yet
    platform: str | None = None  # for files that do not say which platform they are from
    today: date | None = None  # "now" for tests and the demo; defaults to date.today()
    # Names of every file uploaded (or given on the command line) together with this one: a
    # download's sibling files tell the period of files whose dates have no year (TikTok).
    siblings: tuple[str, ...] = ()
    # The officers' topic words (analytics.sources.officer_words), set by the loader: a large
    # file's posts are classified while it is read (connectors/spool.py). None: not classified then.
    topic_words: dict[str, list[str]] | None = None

    def export_date(self, source: SourceFile) -> date:
        return source.export_date or self.today or date.today()


@dataclass(frozen=True)
class AccountRef:
    """How a file names its account. Files without any identity give neither id nor handle:
    the loader then uses the municipality's only account on that platform."""

    platform: str
    account_id: str | None = None
    handle: str | None = None
    name: str | None = None
    url: str | None = None

    @property
    def key(self) -> str | None:
        ident = self.account_id or self.handle
        return f"{self.platform}:{ident}" if ident else None

    @property
    def label(self) -> str:
        return self.name or self.handle or self.account_id or f"{self.platform} (ohne Kennung)"


@dataclass
class Parsed:
    """One account's data from one file."""

    platform: str
    format: str
    format_label: Message | str  # what the preview calls the format, in the reader's language
    account: AccountRef | None  # None for files without accounts (official statistics)
    posts: pd.DataFrame | Spool | None = None  # a Spool: a large file's posts, kept on disk
    daily: pd.DataFrame | None = None
    audience: pd.DataFrame | None = None
    population: pd.DataFrame | None = None
    metrics_as_of: date | None = None
    metric_version: str | None = None  # 'views' or 'impressions' (Meta's 2025 break)
    unmapped_columns: list[str] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)  # stored with the import, shown in either language

    @property
    def rows(self) -> int:
        frames = (self.posts, self.daily, self.audience, self.population)
        return sum(len(f) for f in frames if f is not None)

    @property
    def period(self) -> tuple[date, date] | None:
        days: list = []
        if self.posts is not None and not isinstance(self.posts, pd.DataFrame):  # a Spool
            days += list(self.posts.period() or ())
        elif self.posts is not None and len(self.posts):
            published = self.posts["published_at"].dropna()
            if len(published):
                local = published.dt.tz_convert("Europe/Berlin")
                days += [local.min().date(), local.max().date()]
        for frame, column in ((self.daily, "day"), (self.audience, "as_of")):
            if frame is not None and len(frame):
                days += [frame[column].min(), frame[column].max()]
        return (min(days), max(days)) if days else None
