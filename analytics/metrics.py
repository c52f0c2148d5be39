"""The metric registry: every number the app shows has exactly one definition here.

A metric is one entry: its label, unit, formula, the source its definition follows and (for
rates) its denominator, each in German and English; the platforms that supply its inputs; what it
is computed from (`inputs`, prose over the `mart` columns); how it is displayed; and, for the
figures the peer-group comparison ranks, how it is computed from a town's summed components
(`compute`, with analytics/rates.py). Pages, downloads, the council report and Methodik read
everything from here, so adding a metric is adding an entry (tests/analytics/test_registry.py).
Definitions follow docs/metrics.md.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from analytics import fmt, platforms
from analytics.i18n import pick

if TYPE_CHECKING:
    import numpy as np


class _Rates:
    """analytics/rates.py (numpy and pandas), imported when a `compute` first runs: the first page
    view shows its cards without pandas (issue 12)."""

    def __getattr__(self, name: str):
        return getattr(importlib.import_module("analytics.rates"), name)


rates = _Rates()

ALL_PLATFORMS = platforms.KEYS
Pair = tuple[str, str]  # (German, English)
DISPLAYS = ("number", "count", "percent", "fraction", "signed", "factor")
# The decimals each display shows, on the pages and in the downloads (a fraction as percent, ×100).
DECIMALS = {"number": 1, "count": 0, "percent": 2, "fraction": 1, "signed": 0, "factor": 2}


@dataclass(frozen=True)
class Metric:
    id: str
    labels: Pair
    units: Pair  # e.g. ("Anzahl", "count"), ("%", "%"), ("je 1.000 Einwohner", "per 1,000 inhabitants")
    formulas: Pair
    sources: Pair  # whose definition it follows
    platforms: tuple[str, ...]
    inputs: str  # what it is computed from, over the mart columns (shown as text on Methodik)
    denominators: Pair = ("–", "–")  # what a rate is divided by ("–" for counts)
    # number (1 decimal) | count (whole) | percent (a value already × 100) | fraction (0–1 shown as %) |
    # signed (a change, +/−) | factor (2 decimals)
    display: str = "number"
    # the figure per town from the towns' summed components (name → float64 array, a value per town; see
    # analytics/benchmark.py) and the period's length in days; None where the figure is not part of
    # the peer-group comparison
    compute: Callable[[dict[str, np.ndarray], int], np.ndarray] | None = None
    rank: int | None = None  # position in Vergleich's table and choice; None: not compared there
    needs_followers: bool = False  # unknown without a known follower total (left out of rank and median)
    version: str = "1"  # bumped when the definition changes; `views`/`impressions` noted in the formula

    def label(self, lang: str = "de") -> str:
        return pick(self.labels, lang)

    def unit_text(self, lang: str = "de") -> str:
        return pick(self.units, lang)

    def formula_text(self, lang: str = "de") -> str:
        return pick(self.formulas, lang)

    def source_text(self, lang: str = "de") -> str:
        return pick(self.sources, lang)

    def denominator_text(self, lang: str = "de") -> str:
        return pick(self.denominators, lang)

    def help(self, lang: str = "de") -> str:
        """The definition shown next to the number."""
        if lang == "en":
            return (f"**{self.label(lang)}** ({self.unit_text(lang)}) = {self.formula_text(lang)}. "
                    f"Definition follows: {self.source_text(lang)}.")
        return (f"**{self.label(lang)}** ({self.unit_text(lang)}) = {self.formula_text(lang)}. "
                f"Quelle der Definition: {self.source_text(lang)}.")

    def show(self, value, lang: str = "de", missing: str = "–") -> str:
        """The value as the pages, downloads and the report show it (German or English format)."""
        if fmt.is_missing(value):
            return missing
        decimals = DECIMALS[self.display]
        if self.display == "percent":
            return ("⚠ " if value > 100 else "") + fmt.number(value, lang, decimals) + " %"
        if self.display == "fraction":
            return fmt.percent(value, lang, decimals)
        if self.display == "signed":
            return fmt.signed(value, lang, decimals) or missing
        return fmt.number(value, lang, decimals)


# Interactions per post (docs/metrics.md §1): reactions/likes + comments + shares, NULL when the
# export supplies none of the three.
INTERACTIONS_SQL = (
    "CASE WHEN likes IS NULL AND comments IS NULL AND shares IS NULL THEN NULL "
    "ELSE coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0) END"
)


_REGISTRY = [
    Metric("followers",
           labels=("Follower", "Followers"),
           units=("Anzahl", "count"),
           formulas=(
            "bekannter Follower-Stand am letzten Tag des Zeitraums, den die Daten abdecken: beobachtet "
            "(Gesamtzahl aus dem Export), eingetragen (von der Redaktion) oder rekonstruiert (nächster "
            "bekannter Stand ± tägliche Zugänge/Abgänge dazwischen, nur wenn diese lückenlos vorliegen); "
            "sonst unbekannt, nie eine Summe ab 0 und nie über das Datenende hinaus fortgeschrieben. "
            "Mehrere Konten: Summe nur, wenn jeder Stand bekannt ist",
            "known follower total on the last day of the period the data cover: observed (a total in the "
            "export), entered (by the officer) or reconstructed (nearest known total ± the daily "
            "gains/losses in between, only where they cover every day); otherwise unknown, never a sum "
            "from 0 and never carried past the data's end. Several accounts: summed only when every total"
            " is known"),
           sources=(
            "Plattform-Exporte (TikTok FollowerHistory, X, Mastodon), eingetragener Follower-Stand, MBS "
            "„Follows“ (Zugänge)",
            "platform exports (TikTok FollowerHistory, X, Mastodon), entered follower count, MBS “Follows” (gains)"),
           platforms=ALL_PLATFORMS,
           inputs="mart.account_daily.followers (followers_source: observed | entered | reconstructed | NULL)",
           display="count",
           compute=lambda c, days: c["followers_end"],
           version="2"),
    Metric("followers_gained",
           labels=("Neue Follower", "New followers"),
           units=("Anzahl", "count"),
           formulas=("Summe der täglichen neuen Follows im Zeitraum", "sum of the daily new follows in the period"),
           sources=(
            "Plattform-Exporte (MBS „Follows“, LinkedIn „New followers“, X „New follows“)",
            "platform exports (MBS “Follows”, LinkedIn “New followers”, X “New follows”)"),
           platforms=ALL_PLATFORMS,
           inputs="sum(mart.account_daily.followers_gained)",
           display="count"),
    Metric("reach",
           labels=("Reichweite der Beiträge", "Post reach"),
           units=("Konten", "accounts"),
           formulas=(
            "Summe der Reichweite (erreichte Konten, Lebenszeitwert) der im Zeitraum veröffentlichten Beiträge",
            "sum of the reach (accounts reached, lifetime value) of the posts published in the period"),
           sources=("Meta Business Suite „Reach“", "Meta Business Suite “Reach”"),
           platforms=('facebook', 'instagram', 'tiktok'),
           inputs="sum(mart.posts.reach)",
           display="count"),
    Metric("views",
           labels=("Aufrufe der Beiträge", "Post views"),
           units=("Aufrufe", "views"),
           formulas=(
            "Summe der Aufrufe (Lebenszeitwert, Wiederholungen eingeschlossen) der im Zeitraum "
            "veröffentlichten Beiträge",
            "sum of the views (lifetime value, repeat views included) of the posts published in the period"),
           sources=(
            "Meta „Views“ (seit 2025 statt Impressionen), Plattform-Aufrufzahlen",
            "Meta “Views” (instead of impressions since 2025), platforms' view counts"),
           platforms=('facebook', 'instagram', 'youtube', 'tiktok'),
           inputs="sum(mart.posts.views)",
           display="count"),
    Metric("interactions",
           labels=("Interaktionen", "Interactions"),
           units=("Anzahl", "count"),
           formulas=(
            "Reaktionen/Likes + Kommentare + Geteilte Inhalte der im Zeitraum veröffentlichten Beiträge",
            "reactions/likes + comments + shares of the posts published in the period"),
           sources=("Fanpage Karma, quintly (docs/metrics.md §1)", "Fanpage Karma, quintly (docs/metrics.md §1)"),
           platforms=ALL_PLATFORMS,
           inputs="sum(interactions)",
           display="count"),
    Metric("posts",
           labels=("Beiträge", "Posts"),
           units=("Anzahl", "count"),
           formulas=("Zahl der im Zeitraum veröffentlichten Beiträge", "number of posts published in the period"),
           sources=("Fanpage Karma (Beiträge pro Tag)", "Fanpage Karma (posts per day)"),
           platforms=ALL_PLATFORMS,
           inputs="count(mart.posts.post_id)",
           display="count"),
    Metric("er_follower_post",
           labels=("Interaktionsrate je Follower (Beitrag)", "Engagement rate per follower (post)"),
           units=("%", "%"),
           formulas=(
            "Interaktionen des Beitrags ÷ Follower am Veröffentlichungstag × 100; unbekannt, wenn der "
            "Follower-Stand an diesem Tag unbekannt ist; über 100 % markiert",
            "interactions of the post ÷ followers on the posting day × 100; unknown where the follower "
            "total on that day is unknown; above 100 % flagged"),
           sources=("quintly, CrowdTangle, NapoleonCat", "quintly, CrowdTangle, NapoleonCat"),
           denominators=("Follower am Veröffentlichungstag", "followers on the day of publishing"),
           platforms=ALL_PLATFORMS,
           inputs=("interactions / d.followers * 100 (d: mart.account_daily of the account on the posting day, "
                   "Europe/Berlin)"),
           display="percent"),
    Metric("er_follower_period",
           labels=("Interaktionsrate je Follower (Zeitraum)", "Engagement rate per follower (period)"),
           units=("%", "%"),
           formulas=(
            "(Σ Interaktionen ÷ Beiträge) ÷ durchschnittliche Follower × 100; ohne Beiträge 0. "
            "Durchschnitt = (Follower am Anfang + am Ende) ÷ 2; Interaktionen nach Erstellungsdatum des "
            "Beitrags; ohne bekannten Follower-Stand am Ende unbekannt (nicht in Rang und Median); über "
            "100 % markiert",
            "(Σ interactions ÷ posts) ÷ average followers × 100; 0 without posts. Average = (followers at"
            " start + at end) ÷ 2; interactions dated by the post's creation; unknown without a known "
            "follower total at the end (left out of rank and median); above 100 % flagged"),
           sources=("quintly, CrowdTangle", "quintly, CrowdTangle"),
           denominators=("durchschnittliche Follower im Zeitraum", "average followers in the period"),
           platforms=ALL_PLATFORMS,
           inputs="sum(interactions) / count(*) / ((F_start + F_end) / 2) * 100",
           display="percent",
           compute=lambda c, days: rates.known_where(
               rates.er_follower_period(rates.zero_if_missing(c["interactions"]), c["posts"], c["followers_start"],
                                        c["followers_end"]), c["followers_end"]),
           rank=4,
           needs_followers=True),
    Metric("er_follower_group",
           labels=("Interaktionsrate der Gruppe", "Group engagement rate"),
           units=("%", "%"),
           formulas=(
            "Σ Interaktionen ÷ Σ Beiträge ÷ Mittelwert der letzten Followerzahlen der Mitglieder × 100",
            "Σ interactions ÷ Σ posts ÷ mean of the members' latest followers × 100"),
           sources=("CrowdTangle", "CrowdTangle"),
           denominators=("Mittelwert der letzten Followerzahlen", "mean of the latest follower counts"),
           platforms=ALL_PLATFORMS,
           inputs="sum(interactions) / count(*) / avg(latest followers per member) * 100",
           display="percent"),
    Metric("engagement_daily",
           labels=("Engagement (Tagesmittel)", "Engagement (daily mean)"),
           units=("%", "%"),
           formulas=(
            "Mittelwert über alle Tage des Zeitraums von (Interaktionen des Tages ÷ Follower des Tages) ×"
            " 100; Tage ohne Beiträge zählen als 0",
            "mean over all days of the period of (interactions of the day ÷ followers of the day) × 100; "
            "days without posts count as 0"),
           sources=("Fanpage Karma", "Fanpage Karma"),
           denominators=("Follower des Tages", "followers of the day"),
           platforms=ALL_PLATFORMS,
           inputs="avg(coalesce(sum(interactions) per day, 0) / mart.account_daily.followers) * 100",
           display="percent"),
    Metric("post_interaction",
           labels=("Interaktion je Beitrag", "Post interaction"),
           units=("%", "%"),
           formulas=(
            "wie Engagement (Tagesmittel), aber nur über Tage mit Beiträgen und je Beitrag: Mittelwert "
            "von (Interaktionen des Tages ÷ Beiträge des Tages ÷ Follower des Tages) × 100",
            "like the daily engagement, but only over days with posts and per post: mean of (interactions"
            " of the day ÷ posts of the day ÷ followers of the day) × 100"),
           sources=("Fanpage Karma", "Fanpage Karma"),
           denominators=("Follower des Tages", "followers of the day"),
           platforms=ALL_PLATFORMS,
           inputs="avg(sum(interactions) / count(*) / mart.account_daily.followers) * 100 over days with posts",
           display="percent"),
    Metric("er_reach",
           labels=("Interaktionsrate je Reichweite", "Engagement rate per reach"),
           units=("%", "%"),
           formulas=(
            "Σ Interaktionen ÷ Σ Reichweite × 100 (nur Beiträge mit Reichweite)",
            "Σ interactions ÷ Σ reach × 100 (posts with reach only)"),
           sources=("Metricool, Later", "Metricool, Later"),
           denominators=("erreichte Konten (nur eigene Exporte)", "accounts reached (own exports only)"),
           platforms=('facebook', 'instagram', 'tiktok'),
           inputs="sum(interactions) FILTER (reach IS NOT NULL) / sum(reach) * 100",
           display="percent",
           compute=lambda c, days: rates.percent_of(c["interactions_reach"], c["reach"]),
           rank=5),
    Metric("er_views",
           labels=("Interaktionsrate je Aufruf", "Engagement rate per view"),
           units=("%", "%"),
           formulas=(
            "Σ Interaktionen ÷ Σ Aufrufe × 100 (nur Beiträge mit Aufrufen); vor Metas Umstellung "
            "Impressionen, nie über den Bruch hinweg gemischt",
            "Σ interactions ÷ Σ views × 100 (posts with views only); impressions before Meta's switch, "
            "never mixed across the break"),
           sources=("Buffer, Sprout Social", "Buffer, Sprout Social"),
           denominators=("Aufrufe (früher Impressionen)", "views (formerly impressions)"),
           platforms=('facebook', 'instagram', 'youtube', 'tiktok', 'linkedin', 'x'),
           inputs="sum(interactions) FILTER (views IS NOT NULL) / sum(views) * 100",
           display="percent",
           compute=lambda c, days: rates.percent_of(c["interactions_views"], c["views"]),
           version="views"),
    Metric("interactions_per_1k_followers",
           labels=("Interaktionen je 1.000 Follower", "Interactions per 1,000 followers"),
           units=("je 1.000 Follower", "per 1,000 followers"),
           formulas=(
            "Interaktionen des Beitrags ÷ Follower am Veröffentlichungstag × 1.000",
            "interactions of the post ÷ followers on the posting day × 1,000"),
           sources=("Emplifi", "Emplifi"),
           denominators=("Follower am Veröffentlichungstag", "followers on the day of publishing"),
           platforms=ALL_PLATFORMS,
           inputs=("interactions / d.followers * 1000 (d: mart.account_daily of the account on the posting day, "
                   "Europe/Berlin)")),
    Metric("follower_net_growth",
           labels=("Follower-Nettozuwachs", "Net follower growth"),
           units=("Follower", "followers"),
           formulas=(
            "Follower am Ende − Follower am Anfang des Zeitraums",
            "followers at the end − followers at the start of the period"),
           sources=("Sprout Social", "Sprout Social"),
           platforms=ALL_PLATFORMS,
           inputs="F_end - F_start (mart.account_daily.followers on the first and the last covered day of the period)",
           display="signed",
           compute=lambda c, days: rates.net_growth(c["followers_start"], c["followers_end"]),
           rank=7,
           needs_followers=True),
    Metric("follower_growth_weekly",
           labels=("Wöchentliches Wachstum", "Weekly growth"),
           units=("% pro Woche", "% per week"),
           formulas=(
            "(Follower am Ende ÷ Follower am Anfang)^(7 ÷ Tage) − 1, aufgezinst",
            "(followers at the end ÷ followers at the start)^(7 ÷ days) − 1, compounded"),
           sources=(
            "Fanpage Karma (500 → 2.000 in 2 Wochen = +100 %/Woche)",
            "Fanpage Karma (500 → 2,000 in 2 weeks = +100 %/week)"),
           denominators=("Follower am Anfang", "followers at the start"),
           platforms=ALL_PLATFORMS,
           inputs="power(F_end / F_start, 7 / (end - start)) - 1",
           display="fraction",
           compute=lambda c, days: rates.weekly_growth(c["followers_start"], c["followers_end"], days),
           rank=8,
           needs_followers=True),
    Metric("posts_per_week",
           labels=("Beiträge pro Woche", "Posts per week"),
           units=("Beiträge pro Woche", "posts per week"),
           formulas=(
            "Beiträge ÷ Kalendertage des Zeitraums (auch Tage ohne Beiträge) × 7",
            "posts ÷ calendar days of the period (days without posts included) × 7"),
           sources=("Fanpage Karma (Beiträge pro Tag)", "Fanpage Karma (posts per day)"),
           denominators=("Kalendertage", "calendar days"),
           platforms=ALL_PLATFORMS,
           inputs="count(mart.posts.post_id) / (end - start + 1) * 7",
           compute=lambda c, days: rates.posts_per_week(c["posts"], days + 1),
           rank=6),
    Metric("reels_share",
           labels=("Reels-Anteil", "Reels share"),
           units=("%", "%"),
           formulas=("Reels ÷ alle Beiträge (Beitragstyp laut Export)", "reels ÷ all posts (post type as exported)"),
           sources=("Rickmann 2025", "Rickmann 2025"),
           denominators=("alle Beiträge", "all posts"),
           platforms=('facebook', 'instagram'),
           inputs="count(*) FILTER (post_type ILIKE '%reel%') / count(*)",
           display="fraction",
           compute=lambda c, days: rates.share(c["reels"], c["typed_posts"]),
           rank=9),
    Metric("followers_per_1k_inhabitants",
           labels=("Follower je 1.000 Einwohner", "Followers per 1,000 inhabitants"),
           units=("je 1.000 Einwohner", "per 1,000 inhabitants"),
           formulas=(
            "Follower am Ende des Zeitraums ÷ Einwohner × 1.000; ohne bekannten Follower-Stand unbekannt "
            "(nicht in Rang und Median)",
            "followers at the end of the period ÷ inhabitants × 1,000; unknown without a known follower "
            "total (left out of rank and median)"),
           sources=("Wortwahl 2017, Rickmann 2025", "Wortwahl 2017, Rickmann 2025"),
           denominators=("Einwohner (Destatis GV-ISys, ein Stichtag)", "inhabitants (Destatis GV-ISys, one reference date)"),
           platforms=ALL_PLATFORMS,
           inputs="F_end / mart.municipalities.population_total * 1000",
           compute=lambda c, days: rates.per_thousand(c["followers_end"], c["inhabitants"]),
           rank=1,
           needs_followers=True),
    Metric("reach_per_1k_inhabitants",
           labels=("Reichweite je 1.000 Einwohner", "Reach per 1,000 inhabitants"),
           units=("je 1.000 Einwohner", "per 1,000 inhabitants"),
           formulas=(
            "Σ Reichweite der Beiträge im Zeitraum ÷ Einwohner × 1.000",
            "Σ reach of the period's posts ÷ inhabitants × 1,000"),
           sources=("Bürgernah-Erweiterung (kein Werkzeug gefunden)", "Bürgernah extension (no tool found)"),
           denominators=("Einwohner (Destatis GV-ISys, ein Stichtag)", "inhabitants (Destatis GV-ISys, one reference date)"),
           platforms=('facebook', 'instagram', 'tiktok'),
           inputs="sum(mart.posts.reach) / mart.municipalities.population_total * 1000",
           compute=lambda c, days: rates.per_thousand(c["reach"], c["inhabitants"]),
           rank=2),
    Metric("interactions_per_1k_inhabitants",
           labels=("Interaktionen je 1.000 Einwohner", "Interactions per 1,000 inhabitants"),
           units=("je 1.000 Einwohner", "per 1,000 inhabitants"),
           formulas=(
            "Σ Interaktionen der Beiträge im Zeitraum ÷ Einwohner × 1.000",
            "Σ interactions of the period's posts ÷ inhabitants × 1,000"),
           sources=("Bürgernah-Erweiterung (kein Werkzeug gefunden)", "Bürgernah extension (no tool found)"),
           denominators=("Einwohner (Destatis GV-ISys, ein Stichtag)", "inhabitants (Destatis GV-ISys, one reference date)"),
           platforms=ALL_PLATFORMS,
           inputs="sum(interactions) / mart.municipalities.population_total * 1000",
           compute=lambda c, days: rates.per_thousand(c["interactions"], c["inhabitants"]),
           rank=3),
    Metric("age_representation_index",
           labels=("Altersgruppen-Index („Jugendreichweite“)", "Age representation index"),
           units=("Faktor", "factor"),
           formulas=(
            "Anteil der Altersgruppe am Publikum ÷ Anteil der Altersgruppe an den Einwohnern in der "
            "Altersspanne der Plattform; über 1 = überrepräsentiert",
            "share of the age group in the audience ÷ its share of the inhabitants within the platform's "
            "age span; above 1 = over-represented"),
           sources=("Bürgernah-Vorschlag (kein Werkzeug gefunden)", "Bürgernah proposal (no tool found)"),
           denominators=("Bevölkerungsanteil in der Altersspanne der Plattform", "population share in the platform's age span"),
           platforms=('facebook', 'instagram', 'youtube'),
           inputs="mart.audience.share / (mart.population_by_age.population / sum(population) over platform span)",
           display="factor"),
]

METRICS: dict[str, Metric] = {m.id: m for m in _REGISTRY}


def compared() -> list[str]:
    """The metrics Vergleich compares, in its order."""
    return sorted((m.id for m in METRICS.values() if m.rank is not None), key=lambda i: METRICS[i].rank)


# Small numbers (docs/metrics.md §6): rates over fewer posts are flagged where shown, and
# demographic buckets under this many people are treated as suppressed („zu wenig Daten“).
MIN_POSTS_FOR_RATE = 10
MIN_BUCKET_PEOPLE = 100

# The metric-break ledger (docs/metrics.md §5): Meta's switch from impressions to views and the
# metrics it retired, with the dates they stopped working in the Graph API.
BREAK_LABEL = {"de": "Ab hier: Aufrufe statt Impressionen", "en": "From here: views instead of impressions"}


@dataclass(frozen=True)
class MetricBreak:
    day: str  # ISO date
    platform: str
    retired_de: str
    replacement_de: str
    retired_en: str
    replacement_en: str


METRIC_BREAKS = [
    MetricBreak("2024-03-14", "facebook",
                "Seiten-Demografie (page_fans_gender_age, page_follows_gender_age, …), page_engaged_users, page_consumptions",
                "keine: keine Alters-/Geschlechtsdaten mehr über die API",
                "Page demographics (page_fans_gender_age, page_follows_gender_age, …), page_engaged_users, page_consumptions",
                "none: no Page age/gender from the API"),
    MetricBreak("2025-04-21", "instagram", "Instagram impressions", "views (Aufrufe)",
                "Instagram impressions", "views"),
    MetricBreak("2025-06-15", "facebook", "page_impressions_unique, post_impressions_unique, …",
                "page_total_media_view_unique, post_total_media_view_unique",
                "page_impressions_unique, post_impressions_unique, …",
                "page_total_media_view_unique, post_total_media_view_unique"),
    MetricBreak("2025-11-15", "facebook", "page_fans, page_impressions, post_impressions*, page_fan_adds*, …",
                "page_follows, page_media_view, post_media_view",
                "page_fans, page_impressions, post_impressions*, page_fan_adds*, …",
                "page_follows, page_media_view, post_media_view"),
]


def metric(metric_id: str) -> Metric:
    return METRICS[metric_id]
