"""Verwaltung (the local admin): roles assigned and revoked with a question, the schedule set and
shown, every change in the audit log; the scheduled jobs' last results and the weekly e-mail's
failed sends in the page's language."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

from analytics import access, weekly
from analytics.access import Actor
from conftest import free_port, open_page
from connectors import actions, digest, schedule
from ui.safe import WORD_JOINER


def test_roles_schedule_and_audit(store, monkeypatch):
    at = open_page(store.path, monkeypatch, "views/verwaltung.py")
    assert at.title[0].value == "Verwaltung"
    at.text_input(key="role_identity").input("rat@stadt.example")
    at.selectbox(key="role_kind").select("council")
    next(b for b in at.button if b.label == "Rolle vergeben").click()
    at.run()
    assert access.assigned_roles(store, "rat@stadt.example") == ["council"]

    at.checkbox(key="schedule_enabled").check()
    at.selectbox(key="schedule_weekday").select(2)
    next(b for b in at.button if b.label == "Zeitplan speichern").click()
    at.run()
    job = schedule.schedules(store).set_index("job").loc["pull"]
    assert (job["enabled"], job["weekday"], job["at_time"]) == (True, 2, "05:30")
    assert any(c.value.startswith("Nächster Lauf: ") and "Mi" not in c.value for c in at.caption)

    at.button(key="revoke").click()
    at.run()
    assert at.warning[-1].value.startswith("council von rat") and at.warning[-1].value.endswith("entziehen?")
    at.button(key="confirm_revoke_yes").click()
    at.run()
    assert access.assigned_roles(store, "rat@stadt.example") == []
    actions = at.dataframe[-1].value["action"].tolist()
    assert actions[:3] == ["role_revoke", "schedule", "role_assign"]


# -- the last results in the page's language --------------------------------------------------------

A = "05334004"  # Alsdorf
ADMIN = Actor("admin@kreis.example", admin=True)


def shown(value: str) -> str:
    """A text as the reader sees it: without literal()'s Markdown escapes and word joiners."""
    return re.sub(r"\\(.)", r"\1", value).replace(WORD_JOINER, "")


def test_scheduled_results_and_a_failed_send_in_the_pages_language(store, monkeypatch):
    """The weekly pull and the weekly e-mail run on schedule; the e-mail finds no mail server listening.
    Their results are stored as catalogue messages: the English page says them in English, the German
    page in German; a result stored as plain text (by an older version) is shown as written."""
    monkeypatch.setenv("BUERGERNAH_DB", str(store.path))
    monkeypatch.setenv("BUERGERNAH_SECRETS", str(store.path.parent / "none.toml"))
    port = free_port()  # nobody listens there
    for name, value in (("HOST", "127.0.0.1"), ("PORT", str(port)), ("STARTTLS", "false"), ("USER", None),
                        ("PASSWORD", None), ("FROM", "buergernah@kreis.example")):
        if value is None:
            monkeypatch.delenv(f"BUERGERNAH_SMTP_{name}", raising=False)
        else:
            monkeypatch.setenv(f"BUERGERNAH_SMTP_{name}", value)
    monkeypatch.setattr(digest, "PAUSE_SECONDS", 0)
    actions.add_digest_recipient(store, ADMIN, A, "presse@alsdorf.example")
    for job in schedule.JOBS:
        schedule.configure(store, ADMIN, job, enabled=True, weekday=0, at_time="06:30",
                           now=datetime(2020, 1, 1, tzinfo=UTC))
    now = datetime.now(UTC)
    done = {job: (status, message) for job, status, message in schedule.run_due(store, now=now)}
    assert (done["pull"][0], done["digest"][0]) == ("ok", "failed")
    stored = dict(store.query_df("SELECT job, last_message FROM core.schedules").values.tolist())
    assert json.loads(stored["pull"]) == {"key": "schedule.pull_done", "values": {"done": 0, "failed": 0}}
    assert json.loads(stored["digest"])["key"] == "digest.run_failed"
    assert json.loads(store.query_value("SELECT last_error FROM core.digest_sends"))["key"] == "digest.joined"

    week = weekly.last_complete_week(now.astimezone(digest.BERLIN).date())
    refused = {
        "en": f"The mail server 127.0.0.1:{port} takes no connection (connection refused); are smtp_host and "
              "smtp_port right, and is the server running? Bürgernah tries again on the next run.",
        "de": f"Der Mailserver 127.0.0.1:{port} nimmt keine Verbindung an (Verbindung abgelehnt); stimmen smtp_host "
              "und smtp_port, und läuft der Server? Bürgernah versucht es beim nächsten Lauf erneut."}
    results = {"en": ("ok: 0 account(s) pulled, 0 failed",
                      f"failed: 0 weekly e-mail(s) sent, 1 failed: Alsdorf, {weekly.iso_week_label(week, 'en')}: "
                      f"{refused['en']}"),
               "de": ("ok: 0 Konten abgerufen, 0 fehlgeschlagen",
                      f"fehlgeschlagen: 0 Wochen-E-Mail(s) gesendet, 1 fehlgeschlagen: Alsdorf, "
                      f"{weekly.iso_week_label(week)}: {refused['de']}")}
    for lang in ("en", "de"):
        at = open_page(store.path, monkeypatch, "views/verwaltung.py", {"lang": lang})
        captions = [shown(c.value) for c in at.caption]
        pull, mail = results[lang]
        assert any(c.endswith(f" · {pull}") for c in captions), captions
        assert any(c.endswith(f" · {mail}") for c in captions), captions
        failed = f"Alsdorf, {weekly.iso_week_label(week, lang)}: {refused[lang]}"
        assert [shown(e.value) for e in at.error] == [failed]
        [sends] = [f.value for f in at.dataframe if "last_error" in f.value.columns]
        assert sends["last_error"].tolist() == [refused[lang]]
        assert sends["status"].tolist() == [{"en": "failed", "de": "fehlgeschlagen"}[lang]]

    # results stored as plain text by an older Bürgernah: shown as written, on the English page too
    with store.transaction() as cur:
        cur.execute("UPDATE core.schedules SET last_status = 'ok', "
                    "last_message = '2 Konten abgerufen, 0 fehlgeschlagen' WHERE job = 'pull'")
        cur.execute("UPDATE core.digest_sends SET last_error = 'Der Mailserver antwortet nicht (von früher).'")
    at = open_page(store.path, monkeypatch, "views/verwaltung.py", {"lang": "en"})
    assert any(shown(c.value).endswith(" · ok: 2 Konten abgerufen, 0 fehlgeschlagen") for c in at.caption)
    failed = f"Alsdorf, {weekly.iso_week_label(week, 'en')}: Der Mailserver antwortet nicht (von früher)."
    assert [shown(e.value) for e in at.error] == [failed]
    [sends] = [f.value for f in at.dataframe if "last_error" in f.value.columns]
    assert sends["last_error"].tolist() == ["Der Mailserver antwortet nicht (von früher)."]
