"""The schedule: an admin sets the weekly pull in the app; cron's `schedule run-due` (or the app's
own thread) runs a due job once, as `scheduler`, while the dashboard keeps the database open; its
result is kept as a catalogue message, said in the reader's language."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from analytics.access import Actor, Forbidden
from analytics.store import Store
from connectors import schedule
from tests.api import recorded
from tests.api.conftest import AGS
from tests.api.server import RecordedServer

PROJECT = Path(__file__).resolve().parents[2]
ADMIN = Actor("admin@stadt.example", admin=True)


def test_next_run_is_the_weekday_and_local_time_in_berlin():
    # Monday 05:30 in Berlin: 04:30 UTC in winter, 03:30 UTC in summer
    assert schedule.next_run(0, "05:30", datetime(2026, 11, 29, 12, tzinfo=UTC)) == datetime(2026, 11, 30, 4, 30, tzinfo=UTC)
    assert schedule.next_run(0, "05:30", datetime(2026, 11, 30, 4, 30, tzinfo=UTC)) == datetime(2026, 12, 7, 4, 30, tzinfo=UTC)
    assert schedule.next_run(0, "05:30", datetime(2026, 6, 1, 3, 0, tzinfo=UTC)) == datetime(2026, 6, 1, 3, 30, tzinfo=UTC)


def test_only_admins_configure_and_the_schedule_survives_a_restart(tmp_path):
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        with pytest.raises(Forbidden):
            schedule.configure(store, Actor("x", officer_of=frozenset({AGS})), "pull", enabled=True, weekday=0,
                               at_time="05:30")
        upcoming = schedule.configure(store, ADMIN, "pull", enabled=True, weekday=2, at_time="07:15",
                                      now=datetime(2026, 11, 29, tzinfo=UTC))
        assert upcoming == datetime(2026, 12, 2, 6, 15, tzinfo=UTC)
    with Store(db) as reopened:
        row = schedule.schedules(reopened).set_index("job").loc["pull"]
        assert (row["enabled"], row["weekday"], row["at_time"]) == (True, 2, "07:15")
        assert row["next_run"] == datetime(2026, 12, 2, 6, 15, tzinfo=UTC)
        assert reopened.query_value("SELECT actor FROM core.audit WHERE action = 'schedule'") == ADMIN.id


def mastodon(path, query, headers):
    if path == "/api/v1/accounts/lookup":
        return 200, {}, recorded.MASTODON_ACCOUNT
    if path == "/api/v1/accounts/109283749/statuses":
        return 200, {}, recorded.PAGE_1 if "max_id" not in query else []
    return None


def test_cron_runs_the_due_pull_once_while_the_dashboard_holds_the_database(tmp_path):
    db = tmp_path / "cron.duckdb"
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("BUERGERNAH_")},
           "BUERGERNAH_SECRETS": str(tmp_path / "none.toml")}
    with RecordedServer(mastodon) as server:
        first = subprocess.run([sys.executable, "-m", "connectors", "pull", "--db", str(db), "--municipality", AGS,
                                f"mastodon:{server.base}/@stadt"], cwd=PROJECT, env=env, capture_output=True,
                               text=True, timeout=120)
        assert first.returncode == 0, first.stderr
        app = Store(db, idle_seconds=0.1)  # the running dashboard
        try:
            schedule.configure(app, ADMIN, "pull", enabled=True, weekday=0, at_time="05:30",
                               now=datetime(2020, 1, 1, tzinfo=UTC))  # due since 6 January 2020
            cron = [sys.executable, "-m", "connectors", "schedule", "run-due", "--db", str(db)]
            ran = subprocess.run(cron, cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120)
            assert ran.returncode == 0, ran.stderr
            assert ran.stdout.strip() == "pull: ok – 1 Konten abgerufen, 0 fehlgeschlagen"
            again = subprocess.run(cron, cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120)
            assert again.stdout.strip() == "Kein Auftrag fällig."
            row = schedule.schedules(app).set_index("job").loc["pull"]
            assert row["last_status"] == "ok" and row["next_run"] > datetime.now(UTC)
            runs = app.query_df("SELECT status FROM core.pull_runs ORDER BY run_id")["status"].tolist()
            assert runs == ["ok", "unchanged"]  # the scheduled pull found nothing new, and ran once
        finally:
            app.close()


def test_a_failed_scheduled_pull_is_kept_as_a_message_and_said_in_either_language(store, monkeypatch, capsys):
    """The result is stored as catalogue key and values: German and English from the same row, the
    command line in BUERGERNAH_LANG; a result an older version stored as text is shown as written."""
    from connectors.__main__ import main as cli
    from connectors.api import pull_all

    gone = []  # the account disappears from its server after the first pull

    def route(path, query, headers):
        return None if gone else mastodon(path, query, headers)

    with RecordedServer(route) as server:
        [first] = pull_all(store, [f"mastodon:{server.base}/@stadt"], municipality=AGS)
        assert first.status == "ok"
        gone.append(True)
        schedule.configure(store, ADMIN, "pull", enabled=True, weekday=0, at_time="05:30",
                           now=datetime(2020, 1, 1, tzinfo=UTC))
        [(job, status, message)] = [r for r in schedule.run_due(store) if r[0] == "pull"]
        key = first.account_key
        assert (job, status) == ("pull", "failed")
        row = schedule.schedules(store).set_index("job").loc["pull"]
        assert row["last_status"] == "failed" and row["last_message"] == message
        assert row["last_message"].startswith(f"0 Konten abgerufen, 1 fehlgeschlagen: {key}: ")
        english = row["last_message"].text("en")
        assert english.startswith(f"0 account(s) pulled, 1 failed: {key}: ")
        assert not re.search(r"[äöüß]|\b(Konten|abgerufen|fehlgeschlagen|nicht)\b", english), english
        stored = json.loads(store.query_value("SELECT last_message FROM core.schedules WHERE job = 'pull'"))
        assert stored["key"] == "schedule.pull_failed" and stored["values"]["errors"]["values"]["account"] == key
        assert schedule.result_text("failed", row["last_message"], "en") == f"failed: {english}"

        # the command line: run-due and show in BUERGERNAH_LANG
        schedule.configure(store, ADMIN, "pull", enabled=True, weekday=0, at_time="05:30",
                           now=datetime(2020, 1, 1, tzinfo=UTC))
        store.close()  # the CLI opens the file itself
        monkeypatch.setenv("BUERGERNAH_LANG", "en")
        assert cli(["schedule", "--db", str(store.path), "run-due"]) == 1
        assert capsys.readouterr().out.strip() == f"pull: failed – {english}"
    assert cli(["schedule", "--db", str(store.path), "show"]) == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert "failed: 0 account(s) pulled, 1 failed:" in shown and "fehlgeschlagen" not in shown

    with store.transaction() as cur:  # as an older version stored it: plain German text, shown as written
        cur.execute("UPDATE core.schedules SET last_status = 'ok', last_message = '3 Konten abgerufen, "
                    "0 fehlgeschlagen' WHERE job = 'pull'")
    legacy = schedule.schedules(store).set_index("job").loc["pull", "last_message"]
    assert legacy.text("en") == legacy == "3 Konten abgerufen, 0 fehlgeschlagen"
    assert schedule.result_text("ok", legacy, "en") == "ok: 3 Konten abgerufen, 0 fehlgeschlagen"
