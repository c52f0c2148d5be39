"""First paint (issue 12): what the first KPI card waits for. `make bench` (bench/startup.py) times
it in Chromium; these tests keep the order that makes it fast. Each runs in a fresh interpreter,
since the test session has imported everything long before."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from analytics import weekly
from conftest import DEMO_TODAY

PROJECT = Path(__file__).resolve().parents[2]
# Loaded by the rest of a page, never before its first figure (each a noticeable part of a second).
LATE = ["altair", "analytics.report", "connectors.loader", "connectors.actions", "connectors.api", "ui.downloads"]

FIRST_CARD = """
import json, sys
from streamlit.elements.metric import MetricMixin
from streamlit.testing.v1 import AppTest

seen = []
metric = MetricMixin.metric
def first_metric(self, *args, **kwargs):
    if not seen:
        seen.append(sorted(sys.modules))
    return metric(self, *args, **kwargs)
MetricMixin.metric = first_metric
at = AppTest.from_file("app.py", default_timeout=60)
at.query_params["week"] = sys.argv[1]
at.run()
assert not at.exception, at.exception
print(json.dumps(seen[0]))
"""


def fresh_python(code: str, *args: str) -> str:
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=PROJECT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_app_and_the_frame_import_neither_pandas_nor_the_connectors():
    """app.py with the frame every page shares (navigation, sidebar, demo banner): the browser draws
    it while the page imports pandas for its figures."""
    loaded = fresh_python("import sys, app; print(' '.join(sorted(sys.modules)))").split()
    assert not [name for name in ["pandas", "numpy", *LATE] if name in loaded]


def test_wochenbericht_shows_its_first_card_before_the_chart_and_download_modules(demo_db_file, tmp_path, monkeypatch):
    db = tmp_path / "demo.duckdb"
    shutil.copy(demo_db_file, db)
    monkeypatch.setenv("BUERGERNAH_DB", str(db))
    week = weekly.last_complete_week(DEMO_TODAY).isoformat()
    loaded = json.loads(fresh_python(FIRST_CARD, week).splitlines()[-1])
    assert "pandas" in loaded  # the cards' figures come as DataFrames
    assert not [name for name in LATE if name in loaded]
