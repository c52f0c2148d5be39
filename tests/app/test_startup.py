"""First paint (issue 12): what the first KPI card waits for. `make bench` (bench/startup.py) times
it in Chromium; these tests keep the order that makes it fast. Each runs in a fresh interpreter,
since the test session has imported everything long before."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from analytics import fmt, weekly
from conftest import DEMO_TODAY

PROJECT = Path(__file__).resolve().parents[2]
# Loaded by the rest of a page, never before its first figure (each a noticeable part of a second).
LATE = ["altair", "analytics.report", "connectors.loader", "connectors.actions", "connectors.api", "ui.downloads"]

FIRST_CARD = """
import json, sys
from streamlit.elements.metric import MetricMixin
from streamlit.testing.v1 import AppTest

seen, cards = [], []
metric = MetricMixin.metric
def noting(self, label, value, *args, **kwargs):
    if not seen:
        seen.append(sorted(sys.modules))
    cards.append([label, value, "pandas" in sys.modules])
    return metric(self, label, value, *args, **kwargs)
MetricMixin.metric = noting
at = AppTest.from_file("app.py", default_timeout=60)
at.query_params.update(ags=sys.argv[1], week=sys.argv[2])
at.run()
assert not at.exception, at.exception
print(json.dumps({"first": seen[0], "cards": cards, "after": "pandas" in sys.modules}))
"""


def fresh_python(code: str, *args: str, db: Path | None = None) -> str:
    env = {**os.environ, "BUERGERNAH_DB": str(db)} if db else None
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=PROJECT, capture_output=True, text=True, check=False,
                          env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_app_and_the_frame_import_neither_pandas_nor_the_connectors():
    """app.py with the frame every page shares (navigation, sidebar, demo banner): the browser draws
    it while the page computes its figures."""
    loaded = fresh_python("import sys, app; print(' '.join(sorted(sys.modules)))").split()
    assert not [name for name in ["pandas", "numpy", *LATE] if name in loaded]


def test_wochenbericht_shows_its_cards_before_pandas_and_the_chart_and_download_modules(demo_store):
    """Up to its cards the page reads rows (importing pandas took about 0.4 s); pandas comes with the
    trend chart below them."""
    monday = weekly.last_complete_week(DEMO_TODAY)
    expected = weekly.weekly_metrics(demo_store, "05334016", monday, monday).set_index("platform")
    demo_store.close()
    shown = json.loads(fresh_python(FIRST_CARD, "05334016", monday.isoformat(), db=demo_store.path).splitlines()[-1])
    assert not [name for name in ["pandas", *LATE] if name in shown["first"]]  # numpy: the favicon (Streamlit, PIL)
    cards = shown["cards"]
    assert len(cards) == 6 * (expected["days_covered"] > 0).sum()  # six for every platform with data
    assert cards[0] == ["Follower", fmt.number(expected.at["facebook", "followers"]), False]
    assert cards[2] == ["Reichweite der Beiträge", fmt.number(expected.at["facebook", "reach"]), False]
    assert cards[6] == ["Follower", fmt.number(expected.at["instagram", "followers"]), False]
    assert not any(pandas for _, _, pandas in cards)
    assert shown["after"]
