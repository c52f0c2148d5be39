"""Meta Business Suite post export ("Export table data"), Facebook Pages and Instagram accounts.

Format (docs/platform-exports.md §1, §2, §5): UTF-8 with BOM, `,`, quoted only when needed,
captions with newlines and doubled quotes, one header row whose columns drift between exports,
a `Date` column holding the literal `Lifetime` (figures true as of the export day), publish
times `MM/DD/YYYY HH:MM`. Older exports say `Impressions` where newer ones say `Views`; the two
stay separate columns. Headers are localised (English, Swedish verified; German unverified).
Publish times are read as Europe/Berlin wall-clock time (see DECISIONLOG.md).
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analytics.i18n import Message
from connectors import spool
from connectors.base import AccountRef, ImportContext, ImportRejected, Parsed, SourceFile
from connectors.io import (
    Columns,
    check_dates,
    check_ids,
    decode_head,
    localize,
    match_synonyms,
    open_table,
    parse_csv_line,
    sniff_delimiter,
    split_lines,
    to_count,
    to_datetime,
    to_number,
    unique_posts,
)

FORMAT = "meta_posts"
PLATFORM = None  # Facebook or Instagram, told by the columns
LABEL = Message("connector.format.meta_posts")
TIMEZONE = "Europe/Berlin"

SYNONYMS = {
    "post_id": ["Post ID", "Publicerings-id", "Beitrags-ID"],
    "page_id": ["Page ID", "Sid-id", "Seiten-ID"],
    "page_name": ["Page name", "Sidnamn", "Seitenname"],
    "account_id": ["Account ID", "Konto-id", "Konto-ID"],
    "account_username": ["Account username", "Kontots användarnamn", "Konto-Benutzername"],
    "account_name": ["Account name", "Kontonamn", "Kontoname"],
    "title": ["Title", "Titel"],
    "description": ["Description", "Beskrivning", "Beschreibung"],
    "duration": ["Duration (sec)", "Dauer (Sek.)", "Varaktighet (sek)"],
    "publish_time": ["Publish time", "Publiceringstid", "Veröffentlichungszeitpunkt", "Veröffentlichungszeit"],
    "permalink": ["Permalink", "Permalänk"],
    "post_type": ["Post type", "Inläggstyp", "Beitragstyp"],
    "date": ["Date", "Datum"],
    "views": ["Views", "Visningar", "Aufrufe"],
    "impressions": ["Impressions", "Impressionen", "Exponeringar"],
    "plays": ["Plays", "Wiedergaben"],
    "reach": ["Reach", "Räckvidd", "Reichweite"],
    "reactions": ["Reactions", "Reaktioner", "Reaktionen"],
    "likes": ["Likes", "Gilla-markeringar", "„Gefällt mir“-Angaben", "Gefällt mir-Angaben", "Gefällt mir"],
    "comments": ["Comments", "Kommentarer", "Kommentare"],
    "shares": ["Shares", "Delningar", "Geteilte Inhalte", "Teilen"],
    "saves": ["Saves", "Sparade objekt", "Gespeicherte Beiträge", "Gespeichert"],
    "follows": ["Follows", "Följer"],
    "rcs": ["Reactions, Comments and Shares", "Reaktioner, kommentarer och delningar",
            "Reaktionen, Kommentare und geteilte Inhalte"],
    "clicks": ["Total clicks", "Totalt antal klick", "Klicks insgesamt"],
    "link_clicks": ["Link Clicks", "Länkklick", "Link-Klicks"],
    "other_clicks": ["Other Clicks", "Övriga klick", "Sonstige Klicks"],
    "seconds_viewed": ["Seconds viewed", "Angesehene Sekunden"],
}
# Columns Meta exports that Bürgernah deliberately does not store (not reported as unmapped).
IGNORED = [
    "Caption type", "Is crosspost", "Is share", "Languages", "Custom labels",
    "Funded content status", "Data comment", "Datenkommentar",
    "Matched Audience Targeting Consumption (Photo Click)",
    "Matched Audience Targeting Consumption (Video Click)",
    "Negative feedback from users: Hide all", "Negative feedback from users: Hide",
    "Average Seconds viewed", "Estimated earnings (USD)", "Ad CPM (USD)", "Ad impressions",
]
PUBLISH_FORMATS = ["%m/%d/%Y %H:%M", "%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M", "%m/%d/%Y %H:%M:%S",
                   "%d.%m.%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S"]
MAX_POSTS = 1_000_000  # a town posts a few thousand times a year; bounds time and memory
METRICS = ["views", "impressions", "reach", "reactions", "likes", "comments", "shares"]


def _header(text: str) -> list[str]:
    first = split_lines(text[:20000])[0]
    return parse_csv_line(first, sniff_delimiter(first))


def detect(source: SourceFile) -> bool:
    try:
        header = _header(decode_head(source.data))
    except ImportRejected:
        return False
    fields = match_synonyms(header, SYNONYMS)
    has_owner = bool({"page_id", "account_id"} & fields)
    return {"post_id", "publish_time"} <= fields and has_owner and bool(set(METRICS) & fields)


def parse(source: SourceFile, ctx: ImportContext) -> list[Parsed]:
    table = open_table(source.data)
    cols = Columns(table.header, SYNONYMS, IGNORED)
    cols.require("post_id", "publish_time")
    platform = "facebook" if "page_id" in cols else "instagram"
    owner_id = "page_id" if platform == "facebook" else "account_id"
    cols.require(owner_id)
    if not set(METRICS) & set(cols.index):
        raise ImportRejected("connector.meta_posts.no_metric")

    export_day = ctx.export_date(source)
    frames: list[pd.DataFrame] | spool.Spool = []
    owners, dates, first, count = set(), set(), None, 0
    for rows in table.batches(list(cols.index.values())):  # indexed by row number: errors name the row
        rows = rows[check_ids(cols.get(rows, "post_id"), rows, cols.header[cols.index["post_id"]])]
        if rows.empty:
            continue
        count += len(rows)
        if count > MAX_POSTS:
            raise ImportRejected("connector.meta_posts.too_many_posts", limit=MAX_POSTS)
        first = rows.iloc[0] if first is None else first
        owners |= {str(v).strip() for v in cols.get(rows, owner_id).unique()}
        if "date" in cols:
            dates |= {str(v).strip().casefold() for v in cols.get(rows, "date").unique()}
        if count > spool.SPOOL_ROWS and not isinstance(frames, spool.Spool):  # a large file: rows to disk
            disk = spool.Spool(ctx.topic_words)
            for frame in frames:
                disk.append(frame)
            frames = disk
        frames.append(_posts(rows, cols, platform, export_day))
    if first is None:
        raise ImportRejected("connector.io.header_only_posts")
    if len(owners) > 1:
        raise ImportRejected("connector.meta_posts.several_accounts", accounts=sorted(owners)[:3])
    notes: list[Message] = []
    if isinstance(frames, spool.Spool):
        frames.finish(notes)
        posts = frames
    else:
        posts = pd.concat(frames) if len(frames) > 1 else frames[0]
        if pc.count_distinct(pa.array(posts["post_id"])).as_py() < len(posts):
            posts = unique_posts(posts, notes)

    if not dates <= {"lifetime", "gesamte laufzeit", "livstid", ""}:
        notes.append(Message("connector.meta_posts.not_lifetime"))
    version = "views" if "views" in cols else ("impressions" if "impressions" in cols else None)
    if version == "impressions":
        notes.append(Message("connector.meta_posts.impressions"))
    return [Parsed(
        platform=platform, format=FORMAT, format_label=LABEL, account=_account(platform, owners.pop(), first, cols),
        posts=posts, metrics_as_of=export_day, metric_version=version, unmapped_columns=cols.unmapped, notes=notes,
    )]


def _posts(rows: pd.DataFrame, cols: Columns, platform: str, export_day) -> pd.DataFrame:
    """One block of rows as `core.post_snapshots` columns."""
    column = cols.header[cols.index["publish_time"]]
    published = localize(to_datetime(cols.get(rows, "publish_time"), column, PUBLISH_FORMATS), TIMEZONE)
    check_dates(published, column, platform, export_day)

    def count(field: str) -> pd.Series | None:
        return to_count(cols.get(rows, field), cols.header[cols.index[field]]) if field in cols else None

    title, description = cols.get(rows, "title"), cols.get(rows, "description")
    if title is not None and description is not None and (description.str.len() > 0).any():
        message = title.where(title.str.len() >= description.str.len(), description)  # the longer one
    else:
        message = title if title is not None else description
    seconds = cols.get(rows, "seconds_viewed")
    columns = {
        "post_id": cols.get(rows, "post_id").str.strip(),
        "published_at": published,
        "post_type": cols.get(rows, "post_type"),
        "message": message,
        "url": cols.get(rows, "permalink"),
        "views": count("views"),
        "reach": count("reach"),
        "impressions": count("impressions"),
        "likes": count("reactions" if platform == "facebook" else "likes"),
        "comments": count("comments"),
        "shares": count("shares"),
        "saves": count("saves"),
        "clicks": count("clicks"),
        "video_views": count("plays"),
        "watch_time_seconds": to_number(seconds, "Seconds viewed", integer=False) if seconds is not None else None,
    }
    # a metric the export lacks stays out of the frame (NULL in the database), not a column of Nones
    return pd.DataFrame({name: values for name, values in columns.items() if values is not None})


def _account(platform: str, owner: str, first: pd.Series, cols: Columns) -> AccountRef:
    def value(field: str) -> str | None:
        return str(first[cols.index[field]]).strip() or None if field in cols else None

    if platform == "facebook":
        return AccountRef("facebook", account_id=owner, name=value("page_name"))
    handle = value("account_username")
    return AccountRef("instagram", account_id=owner, handle=handle, name=value("account_name"),
                      url=f"https://www.instagram.com/{handle}/" if handle else None)
