"""The platform catalogue: every fact Bürgernah keeps about a platform, in one place.

A new platform is one entry here plus its connector (connectors/registry.py) and, if it has a
public API, an API source (connectors/api). Labels, chart colours, the audience statistics' lower
age bound and whether a platform reports follower counts are read from here by connectors,
analytics, pages, the report and the digest.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Platform:
    key: str
    label: str
    colour: str  # its brand colour, darkened where needed for contrast on white
    min_audience_age: int  # the youngest age its audience statistics cover (Facebook's start at 18)
    reports_followers: bool = True  # exports or APIs give a follower count


CATALOGUE: tuple[Platform, ...] = (
    Platform("facebook", "Facebook", "#1877f2", 18),
    Platform("instagram", "Instagram", "#c13584", 13),
    Platform("youtube", "YouTube", "#e62117", 13),
    Platform("tiktok", "TikTok", "#25a5a5", 18),
    Platform("linkedin", "LinkedIn", "#0a66c2", 18),
    Platform("x", "X", "#4d4d4d", 18),
    Platform("mastodon", "Mastodon", "#6364ff", 18),
)
PLATFORMS: dict[str, Platform] = {p.key: p for p in CATALOGUE}
KEYS: tuple[str, ...] = tuple(PLATFORMS)
LABELS: dict[str, str] = {p.key: p.label for p in CATALOGUE}
COLOURS: dict[str, str] = {p.key: p.colour for p in CATALOGUE}
MIN_AUDIENCE_AGE: dict[str, int] = {p.key: p.min_audience_age for p in CATALOGUE}
FOLLOWER_PLATFORMS: tuple[str, ...] = tuple(p.key for p in CATALOGUE if p.reports_followers)


def label(key: str) -> str:
    """"Facebook" for `facebook`; an unknown key as it is."""
    return LABELS.get(key, key)
