"""The metric registry: every number the app shows has exactly one definition here.

Each metric carries its German and English label, unit, formula, the source its definition
follows (see shared docs/metrics.md), the platforms that supply its inputs and the SQL
expression behind it. `tests/analytics/test_metrics.py` fails when any field is missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from analytics import platforms

ALL_PLATFORMS = platforms.KEYS


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
    denominator: str = "–"  # what the rate is divided by ("–" for counts)
    version: str = "1"  # bumped when the definition changes; `views`/`impressions` noted in the formula

    def label(self, lang: str = "de") -> str:
        return self.label_de if lang == "de" else self.label_en

    def unit_text(self, lang: str = "de") -> str:
        return self.unit if lang == "de" else UNITS_EN.get(self.unit, self.unit)

    def formula_text(self, lang: str = "de") -> str:
        return self.formula if lang == "de" else FORMULAS_EN[self.id]

    def help(self, lang: str = "de") -> str:
        """The definition shown next to the number."""
        if lang == "de":
            return f"**{self.label_de}** ({self.unit}) = {self.formula}. Quelle der Definition: {self.source}."
        return (f"**{self.label_en}** ({self.unit_text(lang)}) = {self.formula_text(lang)}. "
                f"Definition follows: {self.source}.")


# Interactions per post (docs/metrics.md §1): reactions/likes + comments + shares, NULL when the
# export supplies none of the three.
INTERACTIONS_SQL = (
    "CASE WHEN likes IS NULL AND comments IS NULL AND shares IS NULL THEN NULL "
    "ELSE coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0) END"
)

_REGISTRY = [
    Metric("followers", "Follower", "Followers", "Anzahl",
           "bekannter Follower-Stand am letzten Tag des Zeitraums, den die Daten abdecken: beobachtet (Gesamtzahl aus "
           "dem Export), eingetragen (von der Redaktion) oder rekonstruiert (nächster bekannter Stand ± tägliche "
           "Zugänge/Abgänge dazwischen, nur wenn diese lückenlos vorliegen); sonst unbekannt, nie eine Summe ab 0 und "
           "nie über das Datenende hinaus fortgeschrieben. Mehrere Konten: Summe nur, wenn jeder Stand bekannt ist",
           "Plattform-Exporte (TikTok FollowerHistory, X, Mastodon), eingetragener Follower-Stand, MBS „Follows“ "
           "(Zugänge)", ALL_PLATFORMS,
           "mart.account_daily.followers (followers_source: observed | entered | reconstructed | NULL)", version="2"),
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


# The catalogue of docs/metrics.md §2. Rates are computed from summed components by the functions
# in analytics/rates.py (zero denominators give NULL, never a fake 0); `sql` names the components.
_ASOF_FOLLOWERS = ("mart.posts p LEFT JOIN mart.account_daily d "
                   "ON p.account_key = d.account_key AND CAST(timezone('Europe/Berlin', p.published_at) AS DATE) = d.day")

_REGISTRY += [
    Metric("er_follower_post", "Interaktionsrate je Follower (Beitrag)", "Engagement rate per follower (post)", "%",
           "Interaktionen des Beitrags ÷ Follower am Veröffentlichungstag × 100; unbekannt, wenn der Follower-Stand "
           "an diesem Tag unbekannt ist; über 100 % markiert",
           "quintly, CrowdTangle, NapoleonCat", platforms.FOLLOWER_PLATFORMS,
           f"{INTERACTIONS_SQL} / d.followers * 100 FROM {_ASOF_FOLLOWERS}",
           denominator="Follower am Veröffentlichungstag"),
    Metric("er_follower_period", "Interaktionsrate je Follower (Zeitraum)", "Engagement rate per follower (period)", "%",
           "(Σ Interaktionen ÷ Beiträge) ÷ durchschnittliche Follower × 100; ohne Beiträge 0. Durchschnitt = "
           "(Follower am Anfang + am Ende) ÷ 2; Interaktionen nach Erstellungsdatum des Beitrags; ohne bekannten "
           "Follower-Stand am Ende unbekannt (nicht in Rang und Median); über 100 % markiert",
           "quintly, CrowdTangle", platforms.FOLLOWER_PLATFORMS,
           f"sum({INTERACTIONS_SQL}) / count(*) / ((F_start + F_end) / 2) * 100",
           denominator="durchschnittliche Follower im Zeitraum"),
    Metric("er_follower_group", "Interaktionsrate der Gruppe", "Group engagement rate", "%",
           "Σ Interaktionen ÷ Σ Beiträge ÷ Mittelwert der letzten Followerzahlen der Mitglieder × 100",
           "CrowdTangle", platforms.FOLLOWER_PLATFORMS,
           f"sum({INTERACTIONS_SQL}) / count(*) / avg(latest followers per member) * 100",
           denominator="Mittelwert der letzten Followerzahlen"),
    Metric("engagement_daily", "Engagement (Tagesmittel)", "Engagement (daily mean)", "%",
           "Mittelwert über alle Tage des Zeitraums von (Interaktionen des Tages ÷ Follower des Tages) × 100; "
           "Tage ohne Beiträge zählen als 0",
           "Fanpage Karma", platforms.FOLLOWER_PLATFORMS,
           f"avg(coalesce(sum({INTERACTIONS_SQL}) per day, 0) / mart.account_daily.followers) * 100",
           denominator="Follower des Tages"),
    Metric("post_interaction", "Interaktion je Beitrag", "Post interaction", "%",
           "wie Engagement (Tagesmittel), aber nur über Tage mit Beiträgen und je Beitrag: "
           "Mittelwert von (Interaktionen des Tages ÷ Beiträge des Tages ÷ Follower des Tages) × 100",
           "Fanpage Karma", platforms.FOLLOWER_PLATFORMS,
           f"avg(sum({INTERACTIONS_SQL}) / count(*) / mart.account_daily.followers) * 100 over days with posts",
           denominator="Follower des Tages"),
    Metric("er_reach", "Interaktionsrate je Reichweite", "Engagement rate per reach", "%",
           "Σ Interaktionen ÷ Σ Reichweite × 100 (nur Beiträge mit Reichweite)",
           "Metricool, Later", ("facebook", "instagram", "tiktok"),
           f"sum({INTERACTIONS_SQL}) FILTER (reach IS NOT NULL) / sum(reach) * 100",
           denominator="erreichte Konten (nur eigene Exporte)"),
    Metric("er_views", "Interaktionsrate je Aufruf", "Engagement rate per view", "%",
           "Σ Interaktionen ÷ Σ Aufrufe × 100 (nur Beiträge mit Aufrufen); vor Metas Umstellung Impressionen, "
           "nie über den Bruch hinweg gemischt",
           "Buffer, Sprout Social", ("facebook", "instagram", "youtube", "tiktok", "linkedin", "x"),
           f"sum({INTERACTIONS_SQL}) FILTER (views IS NOT NULL) / sum(views) * 100",
           denominator="Aufrufe (früher Impressionen)", version="views"),
    Metric("interactions_per_1k_followers", "Interaktionen je 1.000 Follower", "Interactions per 1,000 followers",
           "je 1.000 Follower", "Interaktionen des Beitrags ÷ Follower am Veröffentlichungstag × 1.000",
           "Emplifi", platforms.FOLLOWER_PLATFORMS,
           f"{INTERACTIONS_SQL} / d.followers * 1000 FROM {_ASOF_FOLLOWERS}",
           denominator="Follower am Veröffentlichungstag"),
    Metric("follower_net_growth", "Follower-Nettozuwachs", "Net follower growth", "Follower",
           "Follower am Ende − Follower am Anfang des Zeitraums", "Sprout Social", platforms.FOLLOWER_PLATFORMS,
           "F_end - F_start (mart.account_daily.followers am ersten Tag und am letzten abgedeckten Tag des Zeitraums)"),
    Metric("follower_growth_weekly", "Wöchentliches Wachstum", "Weekly growth", "% pro Woche",
           "(Follower am Ende ÷ Follower am Anfang)^(7 ÷ Tage) − 1, aufgezinst",
           "Fanpage Karma (500 → 2.000 in 2 Wochen = +100 %/Woche)", platforms.FOLLOWER_PLATFORMS,
           "power(F_end / F_start, 7 / (end - start)) - 1", denominator="Follower am Anfang"),
    Metric("posts_per_week", "Beiträge pro Woche", "Posts per week", "Beiträge pro Woche",
           "Beiträge ÷ Kalendertage des Zeitraums (auch Tage ohne Beiträge) × 7",
           "Fanpage Karma (Beiträge pro Tag)", ALL_PLATFORMS,
           "count(mart.posts.post_id) / (end - start + 1) * 7", denominator="Kalendertage"),
    Metric("reels_share", "Reels-Anteil", "Reels share", "%",
           "Reels ÷ alle Beiträge (Beitragstyp laut Export)", "Rickmann 2025", ("facebook", "instagram"),
           "count(*) FILTER (post_type ILIKE '%reel%') / count(*)", denominator="alle Beiträge"),
    Metric("followers_per_1k_inhabitants", "Follower je 1.000 Einwohner", "Followers per 1,000 inhabitants",
           "je 1.000 Einwohner", "Follower am Ende des Zeitraums ÷ Einwohner × 1.000; ohne bekannten Follower-Stand "
           "unbekannt (nicht in Rang und Median)",
           "Wortwahl 2017, Rickmann 2025", ALL_PLATFORMS,
           "F_end / mart.municipalities.population_total * 1000",
           denominator="Einwohner (Destatis GV-ISys, ein Stichtag)"),
    Metric("reach_per_1k_inhabitants", "Reichweite je 1.000 Einwohner", "Reach per 1,000 inhabitants",
           "je 1.000 Einwohner", "Σ Reichweite der Beiträge im Zeitraum ÷ Einwohner × 1.000",
           "Bürgernah-Erweiterung (kein Werkzeug gefunden)", ("facebook", "instagram", "tiktok"),
           "sum(mart.posts.reach) / mart.municipalities.population_total * 1000",
           denominator="Einwohner (Destatis GV-ISys, ein Stichtag)"),
    Metric("interactions_per_1k_inhabitants", "Interaktionen je 1.000 Einwohner", "Interactions per 1,000 inhabitants",
           "je 1.000 Einwohner", "Σ Interaktionen der Beiträge im Zeitraum ÷ Einwohner × 1.000",
           "Bürgernah-Erweiterung (kein Werkzeug gefunden)", ALL_PLATFORMS,
           f"sum({INTERACTIONS_SQL}) / mart.municipalities.population_total * 1000",
           denominator="Einwohner (Destatis GV-ISys, ein Stichtag)"),
    Metric("age_representation_index", "Altersgruppen-Index („Jugendreichweite“)", "Age representation index",
           "Faktor", "Anteil der Altersgruppe am Publikum ÷ Anteil der Altersgruppe an den Einwohnern in der "
           "Altersspanne der Plattform; über 1 = überrepräsentiert",
           "Bürgernah-Vorschlag (kein Werkzeug gefunden)", ("facebook", "instagram", "youtube"),
           "mart.audience.share / (mart.population_by_age.population / sum(population) over platform span)",
           denominator="Bevölkerungsanteil in der Altersspanne der Plattform"),
]

METRICS: dict[str, Metric] = {m.id: m for m in _REGISTRY}

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


# English texts for the language switch (the German ones above are the reference).
UNITS_EN = {
    "Anzahl": "count", "Konten": "accounts", "Aufrufe": "views", "je 1.000 Follower": "per 1,000 followers",
    "Follower": "followers", "% pro Woche": "% per week", "Beiträge pro Woche": "posts per week",
    "je 1.000 Einwohner": "per 1,000 inhabitants", "Faktor": "factor",
}
FORMULAS_EN = {
    "followers": "known follower total on the last day of the period the data cover: observed (a total in the export), "
                 "entered (by the officer) or reconstructed (nearest known total ± the daily gains/losses in between, only "
                 "where they cover every day); otherwise unknown, never a sum from 0 and never carried past the data's "
                 "end. Several accounts: summed only when every total is known",
    "followers_gained": "sum of the daily new follows in the period",
    "reach": "sum of the reach (accounts reached, lifetime value) of the posts published in the period",
    "views": "sum of the views (lifetime value, repeat views included) of the posts published in the period",
    "interactions": "reactions/likes + comments + shares of the posts published in the period",
    "posts": "number of posts published in the period",
    "er_follower_post": "interactions of the post ÷ followers on the posting day × 100; unknown where the follower "
                        "total on that day is unknown; above 100 % flagged",
    "er_follower_period": "(Σ interactions ÷ posts) ÷ average followers × 100; 0 without posts. Average = (followers at "
                          "start + at end) ÷ 2; interactions dated by the post's creation; unknown without a known "
                          "follower total at the end (left out of rank and median); above 100 % flagged",
    "er_follower_group": "Σ interactions ÷ Σ posts ÷ mean of the members' latest followers × 100",
    "engagement_daily": "mean over all days of the period of (interactions of the day ÷ followers of the day) × 100; "
                        "days without posts count as 0",
    "post_interaction": "like the daily engagement, but only over days with posts and per post: mean of "
                        "(interactions of the day ÷ posts of the day ÷ followers of the day) × 100",
    "er_reach": "Σ interactions ÷ Σ reach × 100 (posts with reach only)",
    "er_views": "Σ interactions ÷ Σ views × 100 (posts with views only); impressions before Meta's switch, never "
                "mixed across the break",
    "interactions_per_1k_followers": "interactions of the post ÷ followers on the posting day × 1,000",
    "follower_net_growth": "followers at the end − followers at the start of the period",
    "follower_growth_weekly": "(followers at the end ÷ followers at the start)^(7 ÷ days) − 1, compounded",
    "posts_per_week": "posts ÷ calendar days of the period (days without posts included) × 7",
    "reels_share": "reels ÷ all posts (post type as exported)",
    "followers_per_1k_inhabitants": "followers at the end of the period ÷ inhabitants × 1,000; unknown without a "
                                    "known follower total (left out of rank and median)",
    "reach_per_1k_inhabitants": "Σ reach of the period's posts ÷ inhabitants × 1,000",
    "interactions_per_1k_inhabitants": "Σ interactions of the period's posts ÷ inhabitants × 1,000",
    "age_representation_index": "share of the age group in the audience ÷ its share of the inhabitants within the "
                                "platform's age span; above 1 = over-represented",
}
