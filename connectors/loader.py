"""Importing one uploaded file: detect, parse, resolve accounts, write in one transaction.

    plan = prepare(store, source, ctx)   # reads and checks; writes nothing (the upload preview)
    import_id = commit(store, plan)       # everything of the file, or nothing

The same bytes twice are recognised by their sha256 and change nothing. Post figures are kept
per import, so a newer export wins in `mart.posts` and undoing an import restores the figures
it replaced.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from datetime import date, datetime

import pandas as pd
import pyarrow as pa

from analytics import access, accounts, platforms, sources
from analytics.i18n import Message
from analytics.store import Store, changed_towns, next_id, put_setting
from connectors import municipality, registry
from connectors.base import (
    AUDIENCE_COLUMNS,
    DAILY_COLUMNS,
    POPULATION_COLUMNS,
    POST_COLUMNS,
    AccountRef,
    ImportContext,
    ImportRejected,
    Parsed,
    SourceFile,
)
from connectors.files import expand
from connectors.spool import Spool

INSERT_ROWS = 200_000


class NeedsMunicipality(ImportRejected):
    """The file's account is not in the registry yet: the user has to say which town it is."""


@dataclass
class Item:
    """One parsed piece of a file with the account it was resolved to."""

    parsed: Parsed
    account_key: str | None
    ags: str | None
    new_account: AccountRef | None = None
    town_note: Message | None = None  # how the municipality was found, for the preview


@dataclass
class Plan:
    """What a file would import. It keeps the file's name and hash, not its bytes."""

    file_name: str
    sha256: str
    items: list[Item] = field(default_factory=list)
    duplicate_of: int | None = None  # import_id of an earlier import of the same bytes

    @property
    def platform(self) -> str | None:
        platforms = {i.parsed.platform for i in self.items}
        return platforms.pop() if len(platforms) == 1 else None

    @property
    def format(self) -> str:
        return ",".join(dict.fromkeys(i.parsed.format for i in self.items))

    @property
    def rows(self) -> int:
        return sum(i.parsed.rows for i in self.items)

    @property
    def period(self) -> tuple[date, date] | None:
        periods = [i.parsed.period for i in self.items if i.parsed.period]
        return (min(p[0] for p in periods), max(p[1] for p in periods)) if periods else None

    @property
    def unmapped_columns(self) -> list[str]:
        return list(dict.fromkeys(c for i in self.items for c in i.parsed.unmapped_columns))

    @property
    def municipalities(self) -> list[str]:
        """AGS of the towns the file's accounts belong to."""
        return list(dict.fromkeys(i.ags for i in self.items if i.ags))

    @property
    def town_notes(self) -> list[Message]:
        return list(dict.fromkeys(i.town_note for i in self.items if i.town_note))

    @property
    def town_is_open(self) -> bool:
        """True when the file brings accounts the registry does not know: the user may choose their town."""
        return any(i.new_account is not None for i in self.items)

    @property
    def notes(self) -> list[Message]:
        return list(dict.fromkeys(n for i in self.items for n in i.parsed.notes))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def prepare(store: Store, source: SourceFile, ctx: ImportContext | None = None) -> Plan:
    """Parse and check a file and resolve its accounts, without writing anything."""
    with store.cursor() as cur:
        ctx = replace(ctx or ImportContext(), topic_words=sources.officer_words(cur))
    plan = Plan(source.name, sha256(source.data))
    plan.duplicate_of = known_import(store, plan.sha256)
    try:
        parsed: list[Parsed] = []
        for member in expand(source):
            try:
                parsed += registry.detect(member).parse(member, ctx)
            except ImportRejected as exc:
                raise ImportRejected(exc.message if member is source else
                                     Message("connector.loader.in_member", name=member.name, reason=exc.message)) from None
        platforms = {p.platform for p in parsed if p.platform}
        if len(platforms) > 1:
            raise ImportRejected("connector.loader.mixed_platforms", platforms=sorted(platforms))
        plan.items = [_resolve(store, p, ctx) for p in parsed]
        pa.default_memory_pool().release_unused()  # hand parsing buffers back before the write
    except ImportRejected as exc:
        exc.file_name = source.display_name
        raise
    return plan


def _resolve(store: Store, parsed: Parsed, ctx: ImportContext) -> Item:
    if parsed.account is None:
        return Item(parsed, None, None)
    ref = parsed.account
    if ctx.municipality and not store.query_value(
        "SELECT 1 FROM core.municipalities WHERE ags = ?", [ctx.municipality]
    ):
        raise ImportRejected("connector.loader.unknown_ags", ags=ctx.municipality)
    if ref.key:
        known = store.query_value("SELECT ags FROM core.accounts WHERE account_key = ?", [ref.key])
        if known:
            return Item(parsed, ref.key, known, town_note=Message("connector.loader.town_known", town=town_name(store, known)))
        ags, note = _choose_town(store, ref, ctx)
        return Item(parsed, ref.key, ags, new_account=ref, town_note=note)
    # The file names no account (daily metric files, YouTube tables): use the town's account.
    ags, note = _choose_town(store, ref, ctx)
    label = platforms.label(ref.platform)
    keys = store.query_df(
        "SELECT account_key FROM core.accounts WHERE ags = ? AND platform = ? ORDER BY account_key",
        [ags, ref.platform],
    )["account_key"].tolist()
    if len(keys) > 1:
        raise ImportRejected("connector.loader.several_accounts", platform=label, accounts=keys)
    if keys:
        return Item(parsed, keys[0], ags, town_note=note)
    # named after the town and platform where it is shown (analytics/accounts.py), never by this handle
    placeholder = AccountRef(ref.platform, handle=accounts.placeholder_handle(ags), name=ref.name)
    return Item(parsed, placeholder.key, ags, new_account=placeholder, town_note=note)


def town_name(store: Store, ags: str) -> str:
    """"Baesweiler" for "Baesweiler, Stadt"."""
    name = store.query_value("SELECT name FROM core.municipalities WHERE ags = ?", [ags])
    return name.split(",")[0] if name else ags


def _choose_town(store: Store, ref: AccountRef, ctx: ImportContext) -> tuple[str, Message]:
    """The municipality of an account the registry does not know, with a note for the preview:
    the user's choice for this file, else the one town the account's name points to."""
    found = municipality.match(store, ref.name, ref.handle)
    named = ref.name or ref.handle
    if ctx.municipality:
        chosen = town_name(store, ctx.municipality)
        if found.ags and found.ags != ctx.municipality:
            return ctx.municipality, Message("connector.loader.town_chosen_but", town=chosen, named=named,
                                             other=town_name(store, found.ags))
        return ctx.municipality, Message("connector.loader.town_chosen", town=chosen)
    if found.ags:
        return found.ags, Message("connector.loader.town_by_name", town=town_name(store, found.ags), named=named)
    if not named:
        raise NeedsMunicipality("connector.loader.no_account_named", platform=platforms.label(ref.platform))
    if len(found.candidates) > 1:
        towns = sorted(f"{town_name(store, a)} ({a})" for a in found.candidates[:5])
        raise NeedsMunicipality("connector.loader.name_ambiguous", named=named, towns=towns)
    raise NeedsMunicipality("connector.loader.name_unmatched", named=named)


def commit(store: Store, plan: Plan, *, imported_by: str | None = None, is_demo: bool = False) -> int | None:
    """Write the plan in one transaction; returns the import id (None for a known duplicate).
    Pages and the CLI call this through `connectors.actions`, which checks the actor's rights."""
    if plan.duplicate_of is not None:
        return None
    notes = [n.to_json() if isinstance(n, Message) else str(n) for n in plan.notes]  # shown in either language
    details = json.dumps({"unmapped_columns": plan.unmapped_columns, "notes": notes}, ensure_ascii=False)
    actor = imported_by or _user()

    def known_topics() -> dict[str, sources.KnownMasks]:
        """A large file's topics, classified while it was read and beside the write until it needs them."""
        return {i.account_key: known for i in plan.items
                if i.account_key and isinstance(i.parsed.posts, Spool) and (known := i.parsed.posts.topic_masks())}

    def write(cur) -> int | None:
        # The same bytes imported meanwhile by another process (checked again inside the write: on
        # DuckLake a concurrent import of them makes this transaction conflict and run again).
        if known_import(cur, plan.sha256) is not None:
            return None
        import_id = next_id(cur, "import")
        cur.execute(
            "INSERT INTO core.imports (import_id, file_name, sha256, platform, format, rows, imported_by, is_demo, "
            "details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [import_id, plan.file_name, plan.sha256, plan.platform, plan.format, plan.rows, actor, is_demo, details],
        )
        access.record(cur, actor, "import", import_id, {"file": plan.file_name})
        for item in plan.items:
            if item.new_account is not None:
                ref = item.new_account
                cur.execute(
                    "INSERT INTO core.accounts (account_key, platform, account_id, handle, name, ags, url) "
                    "SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM core.accounts WHERE account_key = ?)",
                    [ref.key, ref.platform, ref.account_id, ref.handle, ref.name, item.ags, ref.url, ref.key],
                )
            parsed = item.parsed
            extra = {"import_id": import_id, "account_key": item.account_key}
            if parsed.posts is not None and len(parsed.posts):
                _insert(cur, "core.post_snapshots", parsed.posts, POST_COLUMNS,
                        {**extra, "metrics_as_of": parsed.metrics_as_of, "metric_version": parsed.metric_version})
            if parsed.daily is not None and len(parsed.daily):
                _insert(cur, "core.daily_values", parsed.daily, DAILY_COLUMNS, extra)
            if parsed.audience is not None and len(parsed.audience):
                _insert(cur, "core.audience_values", parsed.audience, AUDIENCE_COLUMNS, extra)
            if parsed.population is not None and len(parsed.population):
                _insert(cur, "core.population_official", parsed.population, POPULATION_COLUMNS,
                        {"import_id": import_id})
        sources.refresh_accounts(cur, [i.account_key for i in plan.items if i.account_key], known_topics)
        if any(i.parsed.population is not None and len(i.parsed.population) for i in plan.items):
            changed_towns([None])  # inhabitants: every per-1,000 figure of the towns may change
        return import_id

    import_id = store.write(write)
    if import_id is None:
        plan.duplicate_of = known_import(store, plan.sha256)
    return import_id


def known_import(store_or_cursor, sha: str) -> int | None:
    """The import that brought these exact bytes (by sha256) and is not undone, if any."""
    sql = "SELECT max(import_id) FROM core.imports WHERE sha256 = ? AND status = 'imported'"
    if isinstance(store_or_cursor, Store):
        return store_or_cursor.query_value(sql, [sha])
    return store_or_cursor.execute(sql, [sha]).fetchone()[0]


def _insert(cur, table: str, frame: pd.DataFrame | Spool, columns: list[str], constants: dict) -> None:
    """Insert `frame`'s `columns` plus per-file constants (given to SQL, not repeated per row)."""
    extra = ", ".join(f"CAST(${name} AS {_SQL_TYPES.get(name, 'VARCHAR')}) AS {name}" for name in constants)
    if isinstance(frame, Spool):  # a large file's posts, streamed from disk by DuckDB
        cur.execute(f"INSERT INTO {table} BY NAME SELECT *, {extra} FROM ({frame.select()})",
                    {**constants, "spool": str(frame.path)})
        return
    data = frame.reindex(columns=columns)
    for start in range(0, len(data), INSERT_ROWS):  # slices keep a million-row import's memory flat
        cur.register("_incoming", pa.Table.from_pandas(data.iloc[start:start + INSERT_ROWS], preserve_index=False))
        try:
            cur.execute(f"INSERT INTO {table} BY NAME SELECT *, {extra} FROM _incoming", constants)
        finally:
            cur.unregister("_incoming")


_SQL_TYPES = {"import_id": "BIGINT", "metrics_as_of": "DATE"}


def _user() -> str:
    return access.cli_actor().id


def import_file(store: Store, source: SourceFile, ctx: ImportContext | None = None, *,
                imported_by: str | None = None, is_demo: bool = False) -> tuple[Plan, int | None]:
    """prepare + commit. Raises ImportRejected (naming the file) for a file that cannot be imported."""
    plan = prepare(store, source, ctx)
    return plan, commit(store, plan, imported_by=imported_by, is_demo=is_demo)


def undo_import(store: Store, import_id: int, *, actor: str | None = None) -> None:
    """Take a whole import back: its figures disappear, the ones it had replaced return."""
    def write(cur) -> None:
        found = cur.execute("SELECT count(*) FROM core.imports WHERE import_id = ? AND status = 'imported'",
                            [import_id]).fetchone()[0]
        if not found:
            raise ImportRejected("connector.loader.no_import", id=str(import_id))
        access.record(cur, actor or _user(), "undo", import_id)
        cur.execute("UPDATE core.imports SET status = 'undone', undone_at = now() "
                    "WHERE import_id = ? AND status = 'imported'", [import_id])
        _after_undo(cur, [import_id])

    store.write(write)


def remove_demo_data(store: Store, *, actor: str | None = None) -> int:
    """Undo every demo import and remember that the user removed the demo."""
    def write(cur) -> int:
        access.record(cur, actor or _user(), "remove_demo")
        removed = [r[0] for r in cur.execute(
            "SELECT import_id FROM core.imports WHERE is_demo AND status = 'imported' ORDER BY import_id").fetchall()]
        if removed:
            cur.execute("UPDATE core.imports SET status = 'undone', undone_at = now() "
                        "WHERE import_id IN (SELECT unnest($ids))", {"ids": removed})
        _after_undo(cur, removed)
        put_setting(cur, "demo_removed", "true")
        return len(removed)

    return store.write(write)


def _after_undo(cur, import_ids: list[int]) -> None:
    """Accounts whose imports are all undone now leave the registry with them (accounts registered
    by hand, without any import, stay); the copies the pages read follow. Only the accounts of the
    undone imports are looked at, so the work grows with the undo, not with the store."""
    keys = [r[0] for r in cur.execute(
        """SELECT DISTINCT account_key FROM (
               SELECT account_key, import_id FROM core.post_snapshots
               UNION ALL SELECT account_key, import_id FROM core.daily_values
               UNION ALL SELECT account_key, import_id FROM core.audience_values)
           WHERE import_id IN (SELECT unnest($ids))""", {"ids": import_ids}).fetchall()]
    cur.execute(
        """
        WITH rows_ AS (
            SELECT account_key, import_id FROM core.post_snapshots WHERE account_key IN (SELECT unnest($keys))
            UNION ALL SELECT account_key, import_id FROM core.daily_values WHERE account_key IN (SELECT unnest($keys))
            UNION ALL SELECT account_key, import_id FROM core.audience_values WHERE account_key IN (SELECT unnest($keys))
        ), orphans AS (
            SELECT r.account_key FROM rows_ r JOIN core.imports i USING (import_id)
            GROUP BY r.account_key HAVING bool_and(i.status = 'undone')
        )
        DELETE FROM core.accounts WHERE account_key IN (SELECT account_key FROM orphans)
        """, {"keys": keys})
    sources.refresh_accounts(cur, keys)
    if cur.execute("SELECT count(*) FROM core.population_official WHERE import_id IN (SELECT unnest($ids))",
                   {"ids": import_ids}).fetchone()[0]:
        changed_towns([None])  # inhabitants undone


def enter_followers(store: Store, account_key: str, day: date, count: int, *, actor: str | None = None,
                    is_demo: bool = False) -> int:
    """An officer's follower count for an account on a day ("Follower-Stand eintragen").

    It anchors the account's follower series (`followers_source = 'entered'`), shows in the import
    history like a file, and is taken back with `undo_import`."""
    account = accounts.name_of(store, account_key)  # named as people know it, in the reader's language
    if account.empty:
        raise ImportRejected("connector.loader.no_account", account=account_key)
    if isinstance(count, float) and not count.is_integer() or int(count) < 0:
        raise ImportRejected("connector.loader.bad_count", count=str(count))
    if day > date.today():
        raise ImportRejected("connector.loader.future_day", day=day)
    platform, name = account.iloc[0]
    label = Message("connector.loader.follower_entry", name=name, day=day, count=str(int(count)))
    digest = sha256(f"{account_key}|{day}|{int(count)}|{datetime.now().isoformat()}".encode())

    def write(cur) -> int:
        import_id = next_id(cur, "import")
        cur.execute(
            "INSERT INTO core.imports (import_id, file_name, sha256, platform, format, rows, imported_by, is_demo, "
            "details) VALUES (?, ?, ?, ?, 'follower_entry', 1, ?, ?, ?)",
            [import_id, str(label), digest, platform, actor or _user(), is_demo,
             json.dumps({"account_key": account_key, "day": day.isoformat(), "count": int(count),
                         "label": label.to_json()}, ensure_ascii=False)])
        cur.execute(
            "INSERT INTO core.daily_values (import_id, account_key, day, metric, value) "
            "VALUES (?, ?, ?, 'followers_entered', ?)", [import_id, account_key, day, int(count)])
        access.record(cur, actor or _user(), "enter_followers", import_id,
                      {"account_key": account_key, "day": day, "count": int(count)})
        sources.refresh_accounts(cur, [account_key])
        return import_id

    return store.write(write)


def move_account(store: Store, account_key: str, ags: str, *, actor: str | None = None) -> str:
    """Assign an account (and all its figures) to another municipality, without a re-import.
    Returns the AGS it belonged to before; the move is recorded in `core.audit`."""
    before = store.query_value("SELECT ags FROM core.accounts WHERE account_key = ?", [account_key])
    if before is None:
        raise ImportRejected("connector.loader.no_account", account=account_key)
    if not store.query_value("SELECT 1 FROM core.municipalities WHERE ags = ?", [ags]):
        raise ImportRejected("connector.loader.unknown_ags", ags=ags)
    if before == ags:
        return before

    def write(cur) -> None:
        cur.execute("UPDATE core.accounts SET ags = ? WHERE account_key = ?", [ags, account_key])
        access.record(cur, actor or _user(), "move_account", account_key, {"from": before, "to": ags})
        sources.refresh_accounts(cur, [account_key])

    store.write(write)
    return before
