"""No token in any log: a failed pull's traceback is redacted before any handler sees it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
SCRIPT = """
import logging, sys
logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(levelname)s %(message)s")
from connectors import api
from connectors.api.http import register_secret
register_secret("SeCrEt-registered-123")
url = "https://graph.facebook.com/v21.0/123/posts?after=QVFIU&access_token=EAAB-paging-token-456"
try:
    raise RuntimeError(f"GET {url} failed; Authorization: Bearer SeCrEt-registered-123")
except RuntimeError:
    api.log.exception("Abruf %s fehlgeschlagen", url)
api.log.warning("retry with %s", "key=AIza-youtube-key-789")
"""


def test_tracebacks_and_messages_of_the_pull_logger_are_redacted():
    run = subprocess.run([sys.executable, "-c", SCRIPT], cwd=PROJECT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    for secret in ("EAAB-paging-token-456", "SeCrEt-registered-123", "AIza-youtube-key-789"):
        assert secret not in run.stderr
    assert "access_token=***" in run.stderr and "Traceback" in run.stderr
    assert "RuntimeError: GET https://graph.facebook.com/v21.0/123/posts?after=QVFIU&access_token=***" in run.stderr
    assert "WARNING retry with key=***" in run.stderr
