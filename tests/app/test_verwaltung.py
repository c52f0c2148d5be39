"""Verwaltung (the local admin): roles assigned and revoked with a question, the schedule set and
shown, every change in the audit log."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from analytics import access
from connectors import schedule

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def test_roles_schedule_and_audit(store, monkeypatch):
    monkeypatch.setenv("BUERGERNAH_DB", str(store.path))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("views/verwaltung.py")
    at.run()
    assert not at.exception and at.title[0].value == "Verwaltung"
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
