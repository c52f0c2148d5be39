"""The metric registry: every number the app shows has exactly one definition here.

Each metric carries its German and English label, unit, formula, the source its definition
follows (see shared docs/metrics.md), the platforms that supply its inputs and the SQL
expression behind it. `tests/analytics/test_metrics.py` fails when any field is missing.
"""

from __future__ import annotations

from dataclasses import dataclass

ALL_PLATFORMS = ("facebook", "instagram", "youtube", "tiktok", "linkedin", "x", "mastodon")


@dataclass(frozen=True)
class Metric:
    id: str
    label_de: str
    label_en: str
    unit: str  # e.g. "Anzahl", "%", "je 1.000 Einwohner"
    formula: str  # human-readable, German
    source: str  # whose definition it follows
    platforms: tuple[str, ...]
    sql: str  # the SQL expression (over mart columns) or query the figure comes from

    def label(self, lang: str = "de") -> str:
        return self.label_de if lang == "de" else self.label_en

    def help(self, lang: str = "de") -> str:
        """The definition shown next to the number."""
        if lang == "de":
            return f"**{self.label_de}** ({self.unit}) = {self.formula}. Quelle der Definition: {self.source}."
        return f"**{self.label_en}** ({self.unit}) = {self.formula}. Definition follows: {self.source}."


# Interactions per post (docs/metrics.md §1): reactions/likes + comments + shares, NULL when the
# export supplies none of the three.
INTERACTIONS_SQL = (
    "CASE WHEN likes IS NULL AND comments IS NULL AND shares IS NULL THEN NULL "
    "ELSE coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0) END"
)

_REGISTRY = [
    Metric("followers", "Follower", "Followers", "Anzahl",
           "Follower-Stand am letzten Tag des Zeitraums (laufende Summe der Zugänge, verankert an einem Stichtagswert, wo vorhanden)",
           "Plattform-Exporte (MBS „Follows“, TikTok FollowerHistory, X, Mastodon)", ALL_PLATFORMS,
           "mart.account_daily.followers"),
    Metric("followers_gained", "Neue Follower", "New followers", "Anzahl",
           "Summe der täglichen neuen Follows im Zeitraum", "Plattform-Exporte (MBS „Follows“, LinkedIn „New followers“, X „New follows“)",
           ALL_PLATFORMS, "sum(mart.account_daily.followers_gained)"),
    Metric("reach", "Reichweite der Beiträge", "Post reach", "Konten",
           "Summe der Reichweite (erreichte Konten, Lebenszeitwert) der im Zeitraum veröffentlichten Beiträge",
           "Meta Business Suite „Reach“", ("facebook", "instagram", "tiktok"), "sum(mart.posts.reach)"),
    Metric("views", "Aufrufe der Beiträge", "Post views", "Aufrufe",
           "Summe der Aufrufe (Lebenszeitwert, Wiederholungen eingeschlossen) der im Zeitraum veröffentlichten Beiträge",
           "Meta „Views“ (seit 2025 statt Impressionen), Plattform-Aufrufzahlen", ("facebook", "instagram", "youtube", "tiktok"),
           "sum(mart.posts.views)"),
    Metric("interactions", "Interaktionen", "Interactions", "Anzahl",
           "Reaktionen/Likes + Kommentare + Geteilte Inhalte der im Zeitraum veröffentlichten Beiträge",
           "Fanpage Karma, quintly (docs/metrics.md §1)", ALL_PLATFORMS, f"sum({INTERACTIONS_SQL})"),
    Metric("posts", "Beiträge", "Posts", "Anzahl", "Zahl der im Zeitraum veröffentlichten Beiträge",
           "Fanpage Karma (Beiträge pro Tag)", ALL_PLATFORMS, "count(mart.posts.post_id)"),
]

METRICS: dict[str, Metric] = {m.id: m for m in _REGISTRY}


def metric(metric_id: str) -> Metric:
    return METRICS[metric_id]
