"""One place per platform fact: analytics/platforms.py, and one registry of API sources."""

from __future__ import annotations

import re
from pathlib import Path

from analytics import platforms
from connectors import api
from connectors.api import mastodon, meta_graph, youtube_analytics

PROJECT = Path(__file__).resolve().parents[2]
SOURCES = [p for folder in ("analytics", "connectors", "ui", "views") for p in (PROJECT / folder).rglob("*.py")]


def test_the_catalogue_is_complete_and_consistent():
    assert platforms.KEYS == ("facebook", "instagram", "youtube", "tiktok", "linkedin", "x", "mastodon")
    assert all(re.fullmatch(r"#[0-9a-f]{6}", p.colour) for p in platforms.CATALOGUE)
    assert len(set(platforms.COLOURS.values())) == len(platforms.KEYS)  # one colour per platform
    assert platforms.label("tiktok") == "TikTok" and platforms.label("unbekannt") == "unbekannt"
    assert platforms.MIN_AUDIENCE_AGE["instagram"] == 13 and platforms.MIN_AUDIENCE_AGE["facebook"] == 18


def test_no_other_module_keeps_platform_labels_or_colours():
    label = re.compile(r'"(facebook|instagram|youtube)":\s*"(Facebook|Instagram|YouTube|#[0-9a-fA-F]{6})"')
    offenders = [str(p.relative_to(PROJECT)) for p in SOURCES
                 if p.name != "platforms.py" and label.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_api_sources_share_one_interface_and_cover_catalogue_platforms():
    assert api.SOURCES == (mastodon.SOURCE, meta_graph.SOURCE, youtube_analytics.SOURCE)
    assert set(api.BY_PLATFORM) == {"mastodon", "facebook", "instagram", "youtube"} <= set(platforms.KEYS)
    for source in api.SOURCES:
        assert callable(source.parse_spec) and callable(source.target_for_account) and callable(source.fetch)
    assert api.parse_source("mastodon:@stadt@social.example").platform == "mastodon"
    assert api.parse_source("@stadt@social.example").platform == "mastodon"
    assert api.parse_source("youtube:UC1234567890123456789012").platform == "youtube"
    try:
        api.parse_source("myspace:stadt")
    except ValueError as exc:
        assert "erwartet mastodon:, facebook:, instagram:, youtube:" in str(exc)
    else:
        raise AssertionError("an unknown source must be refused")


def test_a_missing_token_is_named_by_the_source(monkeypatch):
    monkeypatch.delenv("BUERGERNAH_META_TOKEN", raising=False)
    monkeypatch.delenv("BUERGERNAH_YOUTUBE_TOKEN", raising=False)
    target = api.parse_source("facebook:1234567890")
    assert "Meta-Zugangstoken" in api.missing_credentials(target)
    assert api.missing_credentials(api.parse_source("mastodon:@stadt@social.example")) is None
