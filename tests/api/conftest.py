"""API tests: no real secrets, no real sleeping, a fixed "today"."""

from __future__ import annotations

import os
from datetime import date

import pytest

from connectors.api.http import HttpClient

TODAY = date(2026, 11, 22)
AGS = "05334004"  # Würselen


@pytest.fixture(autouse=True)
def api_env(monkeypatch, tmp_path):
    """Tokens and base URLs only from what a test sets: never from the machine's secrets.toml."""
    for name in list(os.environ):
        if name.startswith("BUERGERNAH_") and name != "BUERGERNAH_DB":
            monkeypatch.delenv(name)
    monkeypatch.setenv("BUERGERNAH_SECRETS", str(tmp_path / "no-secrets.toml"))


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def client(sleeps) -> HttpClient:
    """A client whose pauses are recorded instead of slept."""
    with HttpClient(sleep=sleeps.append) as opened:
        yield opened
