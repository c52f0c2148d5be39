"""A visitor arriving while another process holds the database gets a sentence and a retry
button, never a traceback with server paths."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")
HOLD = "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True); time.sleep(120)"


def test_a_database_held_by_another_process_shows_a_friendly_retry(store, monkeypatch):
    path = str(store.path)
    store.close()
    holder = subprocess.Popen([sys.executable, "-c", HOLD, path], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        monkeypatch.setenv("BUERGERNAH_DB", path)
        monkeypatch.setenv("BUERGERNAH_LOCK_WAIT", "0.5")  # the app waits this long for the other process
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        assert not at.exception
        assert at.warning[0].value.startswith("Die Datenbank ist gerade von einem anderen Vorgang belegt")
        assert path not in at.warning[0].value
        assert at.button(key="retry_store").label == "Erneut versuchen"
    finally:
        holder.kill()
        holder.wait()
    at.button(key="retry_store").click().run()  # the other process is gone: the page works again
    assert not at.exception and not at.warning
    assert at.title[0].value == "Wochenbericht"
