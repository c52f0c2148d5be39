"""Pulling figures from platform APIs (Mastodon, Meta Graph, YouTube Analytics).

Pulled data is written exactly like an imported file (`connectors.loader.commit`): one
`core.imports` row per pull (format `mastodon_api`, `meta_graph_page`, …, imported by `pull`),
figures in the core tables, visible through the `mart` views. Every pull also leaves a row in
`core.pull_runs` (last pull, result, reason), read by `last_pulls()`.

For the app (no Streamlit, no analytics imports needed):

    result = pull_account(store, "mastodon:stadt@social.example")   # never raises for API trouble
    frame = last_pulls(store)                                        # one row per pullable account
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from datetime import UTC, date, datetime

import pandas as pd

from analytics.i18n import Message, from_column, to_column
from connectors.api import mastodon, meta_graph, youtube_analytics
from connectors.api.common import PullResult, Target, canonical_bytes, sha256, today_berlin
from connectors.api.http import ApiError, HttpClient, redact, redact_message

__all__ = ["PullResult", "last_pulls", "parse_source", "pull_account", "pull_all", "pull_target"]

log = logging.getLogger("buergernah.api")
# The registry of API sources: one module each, with the same interface (`common.ApiSource`).
SOURCES = (mastodon.SOURCE, meta_graph.SOURCE, youtube_analytics.SOURCE)
BY_PLATFORM = {platform: source for source in SOURCES for platform in source.platforms}


def parse_source(spec: str) -> Target:
    """A SOURCE of the command line: `mastodon:https://host/@name`, `mastodon:@name@host`,
    `facebook:<page id>`, `instagram:<ig user id>`, `youtube:<channel id>` (the last three also
    with an API base, `facebook:http://127.0.0.1:8000/<id>`). Raises ValueError."""
    platform = spec.split(":", 1)[0].strip().lower()
    source = BY_PLATFORM.get(platform) or (mastodon.SOURCE if "@" in spec else None)  # `@name@host` alone
    if source is None:
        expected = ", ".join(f"{p}:" for p in BY_PLATFORM)
        raise ValueError(Message("connector.api.unknown_source", spec=spec, expected=expected))
    return source.parse_spec(spec)


def target_for_account(row: dict) -> Target | None:
    """Where a registered account is pulled from, or None when no API covers it."""
    source = BY_PLATFORM.get(row.get("platform"))
    return source.target_for_account(row) if source else None


def missing_credentials(target: Target) -> Message | None:
    """Why a target cannot be pulled on this machine (no token configured), or None."""
    return BY_PLATFORM[target.platform].missing_credentials(target)


def _account_row(store, account_key: str) -> dict | None:
    frame = store.query_df("SELECT * FROM core.accounts WHERE account_key = ?", [account_key])
    return None if frame.empty else frame.iloc[0].to_dict()


def pull_account(store, account_key: str, *, since: date | None = None, client: HttpClient | None = None,
                 today: date | None = None, actor: str = "pull") -> PullResult:
    """Pull one registered account now (the app's "jetzt abrufen"). Never raises for API trouble:
    the result says `failed` and why, and the failure is recorded in `core.pull_runs`."""
    row = _account_row(store, account_key)
    platform = row["platform"] if row else account_key.split(":", 1)[0]
    target = target_for_account(row) if row else None
    if target is None:
        reason = Message("connector.api.not_registered" if row is None else "connector.api.no_source")
        return _record(store, PullResult(account_key, platform, "", "failed", reason,
                                         started_at=_now(), finished_at=_now()))
    return pull_target(store, target, account_key=account_key, since=since, client=client, today=today, actor=actor)


def pull_target(store, target: Target, *, account_key: str | None = None, municipality: str | None = None,
                since: date | None = None, client: HttpClient | None = None, today: date | None = None,
                actor: str = "pull") -> PullResult:
    """Pull one target into the store; registers the account for `municipality` if it is new.
    `actor` is recorded as the importer (`cli:<user>`, `scheduler`, a logged-in user)."""
    from connectors.loader import Item, Plan, commit, known_import  # late: keeps `import connectors.api` light

    started = _now()
    today = today or today_berlin()
    key = account_key or target.key
    result = PullResult(key, target.platform, target.spec, "failed", started_at=started)
    own_client = client is None
    client = client or HttpClient()
    try:
        row = _account_row(store, key)
        if row is None:
            if not municipality:
                result.message = Message("connector.api.no_town", account=key)
                return _record(store, result)
            if not store.query_value("SELECT 1 FROM core.municipalities WHERE ags = ?", [municipality]):
                result.message = Message("connector.loader.unknown_ags", ags=municipality)
                return _record(store, result)
            ags = municipality
        else:
            ags = row["ags"]
        fetched = _fetch(store, client, target, key, since, today)
        data = canonical_bytes(fetched.raw)
        plan = Plan(file_name=target.spec, sha256=sha256(data))
        plan.items = [Item(fetched.parsed, key, ags, new_account=fetched.account if row is None else None)]
        plan.duplicate_of = known_import(store, plan.sha256)
        if plan.duplicate_of is None and row is not None and _already_current(store, key, fetched.parsed):
            plan.duplicate_of = -1  # nothing the database does not already hold as current
        import_id = commit(store, plan, imported_by=actor)
        result.import_id = import_id
        result.status = "ok" if import_id else "unchanged"
        result.rows = plan.rows if import_id else 0
        posts = fetched.parsed.posts
        result.posts = 0 if posts is None else len(posts)
        result.notes = list(fetched.notes)
        result.message = (Message("connector.api.taken_over", posts=str(result.posts), rows=str(plan.rows))
                          if import_id else Message("connector.api.unchanged"))
        return _record(store, result, extras=fetched.extras, account=fetched.account)
    except ApiError as exc:
        result.message = exc.message
        return _record(store, result)
    except Exception as exc:  # a pull never takes the app or the whole run down
        log.exception("Abruf %s fehlgeschlagen", redact(target.spec))
        result.message = Message.plain(redact(f"{type(exc).__name__}: {exc}"))
        return _record(store, result)
    finally:
        if own_client:
            client.close()


def _fetch(store, client: HttpClient, target: Target, key: str, since: date | None, today: date):
    newest = store.query_value("SELECT epoch(max(published_at)) FROM mart.posts WHERE account_key = ?", [key])
    newest_post = datetime.fromtimestamp(newest, UTC) if newest is not None else None
    last_day = store.query_value(
        "SELECT max(d.day) FROM core.daily_values d JOIN core.imports i USING (import_id) "
        "WHERE d.account_key = ? AND i.status = 'imported' AND d.metric <> 'followers'", [key])
    return BY_PLATFORM[target.platform].fetch(client, target, last_day=last_day, newest_post=newest_post,
                                              since=since, today=today)


def _same(stored: pd.DataFrame, fetched: pd.DataFrame, keys: list[str], values: list[str]) -> bool:
    if len(stored) != len(fetched):
        return False
    if fetched.empty:
        return True

    def normal(frame: pd.DataFrame) -> list:
        out = frame[keys + values].astype(object).where(frame[keys + values].notna(), None)
        for column in values:
            out[column] = out[column].map(lambda v: None if v is None else round(float(v), 6))
        for column in keys:
            out[column] = out[column].map(str)
        return sorted(map(tuple, out.itertuples(index=False)), key=repr)

    return normal(stored) == normal(fetched)


def _already_current(store, key: str, parsed) -> bool:
    """Would the pull change nothing? (Same figures, same snapshot day as what is current.)"""
    if parsed.posts is not None and len(parsed.posts):
        columns = ["views", "reach", "impressions", "likes", "comments", "shares", "saves", "clicks",
                   "video_views", "watch_time_seconds"]
        stored = store.query_df(
            f"SELECT post_id, {', '.join(columns)} FROM mart.posts WHERE account_key = ? AND metrics_as_of = ? "
            "AND post_id IN (SELECT unnest(?))", [key, parsed.metrics_as_of, parsed.posts["post_id"].tolist()])
        if not _same(stored, parsed.posts, ["post_id"], columns):
            return False
    if parsed.daily is not None and len(parsed.daily):
        stored = store.query_df(
            """SELECT d.day, d.metric, d.value FROM core.daily_values d JOIN core.imports i USING (import_id)
               WHERE i.status = 'imported' AND d.account_key = ? AND d.day BETWEEN ? AND ?
               QUALIFY row_number() OVER (PARTITION BY d.day, d.metric ORDER BY d.import_id DESC) = 1""",
            [key, parsed.daily["day"].min(), parsed.daily["day"].max()])
        stored["day"] = pd.to_datetime(stored["day"]).dt.date
        fetched = parsed.daily.copy()
        stored = stored.merge(fetched[["day", "metric"]], on=["day", "metric"])
        if not _same(stored, fetched, ["day", "metric"], ["value"]):
            return False
    if parsed.audience is not None and len(parsed.audience):
        first = parsed.audience.iloc[0]
        stored = store.query_df(
            "SELECT age_group, gender, share, count FROM mart.audience WHERE account_key = ? AND as_of = ? "
            "AND audience = ?", [key, first["as_of"], first["audience"]])
        if not _same(stored, parsed.audience, ["age_group", "gender"], ["share", "count"]):
            return False
    return True


def _record(store, result: PullResult, *, extras=(), account=None) -> PullResult:
    """Write the pull run (and post extras) in one transaction; returns the result."""
    result.finished_at = _now()
    result.message = redact_message(_message(result.message))
    result.notes = [redact_message(_message(n)) for n in result.notes]
    from analytics import sources
    from analytics.store import changed_towns, next_id

    def write(cur) -> None:
        if result.import_id is not None and extras:
            cur.executemany(
                "INSERT INTO core.post_extra_values VALUES (?, ?, ?, ?, ?)",
                [[result.import_id, result.account_key, post_id, metric, value] for post_id, metric, value in extras])
        named = account is not None and cur.execute(
            "UPDATE core.accounts SET name = coalesce(name, ?), url = coalesce(url, ?) WHERE account_key = ? "
            "AND (name IS NULL AND ? IS NOT NULL OR url IS NULL AND ? IS NOT NULL)",
            [account.name, account.url, result.account_key, account.name, account.url]).fetchone()[0]
        if named:  # a name or address the account lacked: the pages' copy shows it too
            sources.refresh_accounts(cur, [result.account_key])
        else:
            changed_towns([])  # the run's record and the extras are no town's figures
        cur.execute(
            "INSERT INTO core.pull_runs (run_id, account_key, platform, source, started_at, finished_at, status, "
            "import_id, rows, message, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [next_id(cur, "pull_run"), result.account_key, result.platform, result.source,
             result.started_at or result.finished_at, result.finished_at, result.status, result.import_id,
             result.rows, to_column(result.message), json.dumps([n.to_json() for n in result.notes], ensure_ascii=False)])

    store.write(write)
    return result


def _message(value) -> Message:
    return value if isinstance(value, Message) else Message.plain(value or "")


def _now() -> datetime:
    return datetime.now(UTC)


def registered_targets(store, municipality: str | None = None) -> list[tuple[str, Target]]:
    """(account_key, target) of every registered account an API covers, in key order."""
    sql = "SELECT * FROM core.accounts" + (" WHERE ags = ?" if municipality else "") + " ORDER BY account_key"
    frame = store.query_df(sql, [municipality] if municipality else [])
    found = []
    for row in frame.to_dict("records"):
        target = target_for_account(row)
        if target is not None:
            found.append((row["account_key"], target))
    return found


def pull_all(store, sources: Iterable[str] = (), *, municipality: str | None = None, since: date | None = None,
             client: HttpClient | None = None, today: date | None = None, actor: str = "pull") -> list[PullResult]:
    """Pull the SOURCEs given, or else every registered account (of `municipality`, if given)."""
    results: list[PullResult] = []
    own_client = client is None
    client = client or HttpClient()
    try:
        sources = list(sources)
        if sources:
            for spec in sources:
                try:
                    target = parse_source(spec)
                except ValueError as exc:
                    reason = exc.args[0] if exc.args and isinstance(exc.args[0], Message) else Message.plain(str(exc))
                    results.append(_record(store, PullResult(spec, spec.split(":", 1)[0], spec, "failed", reason,
                                                             started_at=_now())))
                    continue
                results.append(pull_target(store, target, municipality=municipality, since=since,
                                           client=client, today=today, actor=actor))
        else:
            for key, target in registered_targets(store, municipality):
                reason = missing_credentials(target)
                if reason:
                    results.append(PullResult(key, target.platform, target.spec, "skipped", reason))
                    continue
                results.append(pull_target(store, target, account_key=key, since=since, client=client, today=today,
                                           actor=actor))
    finally:
        if own_client:
            client.close()
    return results


def last_pulls(store) -> pd.DataFrame:
    """Per account an API covers (or that was ever pulled): the last pull, its result and reason.

    Columns: account_key, platform, name, ags, source, pullable, not_pullable_reason,
    last_pull_at (UTC), status (ok | unchanged | failed | NULL = never), message (a Message or None),
    rows, import_id, notes (list of Message), last_success_at.
    """
    accounts = store.query_df("SELECT account_key, platform, account_id, handle, name, ags, url FROM core.accounts")
    runs = store.query_df(
        """
        SELECT account_key, platform AS run_platform, source, finished_at AS last_pull_at, status, message, rows,
               import_id, notes,
               max(finished_at) FILTER (WHERE status IN ('ok', 'unchanged'))
                   OVER (PARTITION BY account_key) AS last_success_at
        FROM core.pull_runs
        QUALIFY row_number() OVER (PARTITION BY account_key ORDER BY finished_at DESC, run_id DESC) = 1
        """)
    rows = []
    known = set()
    for account in accounts.to_dict("records"):
        target = target_for_account(account)
        if target is None and account["account_key"] not in set(runs["account_key"]):
            continue
        known.add(account["account_key"])
        reason = Message("importieren.hint.no_api_source") if target is None else missing_credentials(target)
        rows.append({"account_key": account["account_key"], "platform": account["platform"],
                     "name": account["name"] or account["handle"] or account["account_key"],
                     "ags": account["ags"], "source": target.spec if target else None,
                     "pullable": reason is None, "not_pullable_reason": reason})
    for run in runs.to_dict("records"):  # failed first pulls of accounts not registered
        if run["account_key"] not in known:
            rows.append({"account_key": run["account_key"], "platform": run["run_platform"],
                         "name": run["account_key"], "ags": None, "source": run["source"],
                         "pullable": False,
                         "not_pullable_reason": Message("importieren.hint.not_registered")})
    columns = ["account_key", "platform", "name", "ags", "source", "pullable", "not_pullable_reason"]
    frame = pd.DataFrame(rows, columns=columns)
    # Messages stay Messages (pandas would make a column of text of them: German only)
    frame["not_pullable_reason"] = pd.Series([row["not_pullable_reason"] for row in rows], index=frame.index,
                                             dtype=object)
    merged = frame.merge(runs.drop(columns=["run_platform", "source"]), on="account_key", how="left")
    merged["notes"] = merged["notes"].map(
        lambda v: [Message.from_json(n) for n in json.loads(v)] if isinstance(v, str) and v else [])
    merged["message"] = pd.Series([from_column(v) for v in merged["message"]], index=merged.index, dtype=object)
    merged["status"] = merged["status"].astype(object).where(merged["status"].notna(), None)
    return merged.sort_values(["ags", "platform", "account_key"], na_position="last").reset_index(drop=True)
