"""Jobs on a schedule: the weekly API pull and the weekly e-mail digest (`digest`, Monday 06:30 by
default, off until an admin switches it on), run by the app itself or by cron/systemd.

An admin sets the job's weekday and time (Europe/Berlin) on the Verwaltung page; the schedule
lives in `core.schedules`, so it survives restarts. Whoever runs `run_due` — the app's background
thread (`ui/state.py`) once a minute, or `python -m connectors schedule run-due` from cron — first
claims a due job in one transaction (moving `next_run` on), so a job runs once even with several
app processes, then runs it as the actor `scheduler` and records the result: its status (ok |
failed) and a catalogue Message (`schedule.`, `digest.`) stored as key and values
(`core.schedules.last_message`, analytics/i18n.py's `to_column`), so Verwaltung shows it in the
page's language and the CLI in `BUERGERNAH_LANG`; a result stored as plain text before is shown as
written.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pandas as pd

from analytics import access
from analytics.access import SCHEDULER, Actor
from analytics.i18n import Message, from_column, joined, known, message_text, text, to_column
from analytics.store import Store, changed_towns
from connectors.api.http import redact, redact_message

BERLIN = ZoneInfo("Europe/Berlin")
JOBS = ("pull", "digest")
# A job whose run failed is due again this soon (not a week later): the digest retries its failed sends.
RETRY_AFTER = {"digest": timedelta(minutes=30)}


def next_run(weekday: int, at_time: str, after: datetime) -> datetime:
    """The first moment after `after` that falls on `weekday` (0 = Monday) at `at_time` in Berlin, in UTC."""
    hour, minute = (int(x) for x in at_time.split(":"))
    local = after.astimezone(BERLIN)
    day = local.date() + timedelta(days=(weekday - local.weekday()) % 7)
    for week in range(2):
        moment = datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN) + timedelta(weeks=week)
        if moment > local:
            return moment.astimezone(UTC)
    raise AssertionError("unreachable")


def schedules(store: Store) -> pd.DataFrame:
    """Every job's schedule and last result; `last_message` a Message (None before the first run)."""
    frame = store.query_df("SELECT job, enabled, weekday, at_time, next_run, last_run, last_status, last_message "
                           "FROM core.schedules ORDER BY job")
    frame["last_message"] = pd.Series([from_column(v) for v in frame["last_message"]], index=frame.index, dtype=object)
    return frame


def status_label(status: str | None, lang: str) -> str:
    """A job's status (ok | failed | running) in `lang`."""
    key = f"schedule.status.{status}"
    return text(key, lang) if known(key) else str(status or "–")


def result_text(status: str | None, message, lang: str) -> str:
    """A run's result for people: „ok: 3 Konten abgerufen, 0 fehlgeschlagen“ / "ok: 3 account(s) pulled, 0 failed"."""
    if not message:
        return status_label(status, lang)
    return text("schedule.result", lang, status=status_label(status, lang), message=message_text(message, lang))


def configure(store: Store, actor: Actor, job: str, *, enabled: bool, weekday: int, at_time: str,
              now: datetime | None = None) -> datetime | None:
    """Set a job's schedule (admins only, audited); returns its next run (None when switched off)."""
    from connectors.actions import require

    require(actor, "settings")
    if job not in JOBS or not 0 <= weekday <= 6:
        raise ValueError(Message("schedule.bad_job", job=job, weekday=str(weekday)))
    datetime.strptime(at_time, "%H:%M")  # raises for anything but HH:MM
    upcoming = next_run(weekday, at_time, now or datetime.now(UTC)) if enabled else None

    def write(cur) -> None:
        cur.execute("UPDATE core.schedules SET enabled = ?, weekday = ?, at_time = ?, next_run = ? WHERE job = ?",
                    [enabled, weekday, at_time, upcoming, job])
        access.record(cur, actor.id, "schedule", job, {"enabled": enabled, "weekday": weekday, "at": at_time})
        changed_towns([])  # the timetable is no town's figure

    store.write(write)
    return upcoming


def _claim(store: Store, job: str, now: datetime) -> bool:
    """Take a due job: move its next run on in the same transaction, so nobody else runs it (on
    DuckLake two processes claiming at once conflict; the one re-run finds the job no longer due)."""
    def write(cur) -> bool:
        row = cur.execute("SELECT weekday, at_time FROM core.schedules WHERE job = ? AND enabled "
                          "AND next_run <= ?", [job, now]).fetchone()
        if row is None:
            return False
        cur.execute("UPDATE core.schedules SET next_run = ?, last_run = ?, last_status = 'running', "
                    "last_message = NULL WHERE job = ?", [next_run(row[0], row[1], now), now, job])
        changed_towns([])
        return True

    return store.write(write)


def run_job(store: Store, job: str, actor: Actor = SCHEDULER) -> tuple[str, Message]:
    """Run a job now; (status, message)."""
    from connectors.api import pull_all  # late: the app's start-up does not need the API clients

    if job == "pull":
        results = pull_all(store, actor=actor.id)
        failed = [r for r in results if r.status == "failed"]
        done = sum(r.status in ("ok", "unchanged") for r in results)
        if not failed:
            return "ok", Message("schedule.pull_done", done=done, failed=0)
        errors = [Message("schedule.account_failed", account=r.account_key, message=r.message) for r in failed]
        return "failed", Message("schedule.pull_failed", done=done, failed=len(failed),
                                 errors=joined(errors, "schedule.joined"))
    if job == "digest":
        from connectors import digest

        return digest.summary(digest.run(store, actor.id))
    raise ValueError(Message("schedule.unknown_job", job=job))


def run_due(store: Store, now: datetime | None = None) -> list[tuple[str, str, Message]]:
    """Run every due job once; [(job, status, message)]."""
    now = now or datetime.now(UTC)
    done = []
    for job in JOBS:
        if not _claim(store, job, now):
            continue
        try:
            status, message = run_job(store, job)
        except Exception as exc:  # a job never takes the app down; the result says what went wrong
            said = exc.args[0] if exc.args and isinstance(exc.args[0], Message) else Message.plain(redact(exc))
            status, message = "failed", Message("schedule.crashed", kind=type(exc).__name__, error=redact_message(said))

        def record(cur, job=job, status=status, message=message) -> None:
            cur.execute("UPDATE core.schedules SET last_status = ?, last_message = ? WHERE job = ?",
                        [status, to_column(message), job])
            if status == "failed" and job in RETRY_AFTER:
                cur.execute("UPDATE core.schedules SET next_run = least(next_run, ?) WHERE job = ? AND enabled",
                            [now + RETRY_AFTER[job], job])
            changed_towns([])

        store.write(record)
        done.append((job, status, message))
    return done
