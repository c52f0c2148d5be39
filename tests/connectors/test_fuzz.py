"""Every registered parser, fed damaged versions of real-format fixtures and random bytes, either
imports or raises the clear ImportRejected — never another exception."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXPORTS
from connectors.base import ImportContext, ImportRejected, SourceFile
from connectors.files import expand
from connectors.registry import CONNECTORS, detect

CTX = ImportContext(municipality="05334004", platform="facebook", today=date(2026, 11, 22))
SEEDS = sorted(p for p in EXPORTS.rglob("*") if p.is_file() and p.suffix in {".csv", ".xlsx", ".xls", ".zip"})


def parse_everything(data: bytes, name: str = "fuzz.csv") -> None:
    """What the loader does with a file, minus the database."""
    try:
        for member in expand(SourceFile(name, data, date(2026, 11, 1))):
            detect(member).parse(member, CTX)
    except ImportRejected:
        pass


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_random_bytes(data):
    parse_everything(data)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: f"{p.parent.name}/{p.name}")
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_fixtures(seed, data):
    original = seed.read_bytes()
    cut = data.draw(st.integers(0, len(original)), label="cut")
    noise = data.draw(st.binary(max_size=16), label="noise")
    where = data.draw(st.integers(0, cut), label="where")
    mutated = original[:where] + noise + original[where:cut]
    parse_everything(mutated, seed.name)


def test_every_connector_is_fuzzed_through_its_fixtures():
    """Each connector recognises at least one fixture, so the mutation test reaches its parser."""
    recognised = set()
    for seed in SEEDS:
        try:
            for member in expand(SourceFile(seed.name, seed.read_bytes())):
                recognised.add(detect(member).FORMAT)
        except ImportRejected:
            continue
    assert recognised == {c.FORMAT for c in CONNECTORS}
