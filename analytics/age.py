"""Age groups ("Altersgruppen"): an account's audience by age against the town's population.

Representation index of group g = share of the audience in g ÷ share of the inhabitants in g,
with the population restricted to the platform's age span (docs/metrics.md §2). Buckets a
platform suppressed, or that count fewer than 100 people where counts exist, are flagged and
skipped, never reconstructed by subtraction; estimated population figures are flagged.
"""

from __future__ import annotations

import pandas as pd

from analytics import platforms, rates
from analytics.metrics import MIN_BUCKET_PEOPLE
from analytics.sources import relations
from analytics.store import Store

PLATFORM_MIN_AGE = platforms.MIN_AUDIENCE_AGE  # the youngest age an account's audience statistics cover
AUDIENCE_LABEL = {
    "followers": ("Follower", "followers"), "viewers": ("Aufrufe (Zuschauer)", "views (viewers)"),
    "engaged": ("interagierende Konten", "engaged accounts"),
}


def audience_accounts(store: Store, ags: str | None = None) -> pd.DataFrame:
    """Accounts with an audience age breakdown: platform, account_key, ags, audience, latest as_of."""
    rel = relations(store)
    return store.query_df(
        f"""
        SELECT platform, account_key, ags, audience, max(as_of) AS as_of
        FROM {rel['audience']} WHERE age_group <> 'all' AND ($ags IS NULL OR ags = $ags)
        GROUP BY ALL ORDER BY ags, platform, audience
        """,
        {"ags": ags},
    )


def age_distribution(store: Store, ags: str, platform: str | None = None) -> pd.DataFrame:
    """Per account (latest snapshot per audience kind) and age group in the platform's span:

    audience_share, audience_count, population, population_share (within the span),
    population_source, index, and the flags `suppressed`, `missing`, `estimate`.
    """
    rel = relations(store)
    df = store.query_df(
        f"""
        WITH latest AS (
            SELECT platform, account_key, ags, audience, max(as_of) AS as_of
            FROM {rel['audience']} WHERE ags = $ags AND age_group <> 'all'
              AND ($platform IS NULL OR platform = $platform)
            GROUP BY ALL
        ), snap AS (
            SELECT a.platform, a.account_key, a.ags, a.audience, a.as_of, a.age_group, a.gender, a.share, a.count
            FROM {rel['audience']} a JOIN latest l USING (account_key, audience, as_of)
            WHERE a.age_group <> 'all'
        ), by_group AS (   -- gender 'all' where given, else the sum over genders
            SELECT platform, account_key, ags, audience, as_of, age_group,
                   CASE WHEN bool_or(gender = 'all') THEN sum(share) FILTER (WHERE gender = 'all')
                        WHEN count(share) = count(*) THEN sum(share) END AS audience_share,
                   CASE WHEN bool_or(gender = 'all') THEN sum(count) FILTER (WHERE gender = 'all')
                        WHEN count(count) = count(*) THEN sum(count) END AS audience_count,
                   bool_or(share IS NULL) AS share_missing,
                   bool_or(count IS NOT NULL) AS has_counts
            FROM snap GROUP BY ALL
        ), accounts AS (SELECT DISTINCT platform, account_key, ags, audience, as_of FROM latest)
        SELECT ac.platform, ac.account_key, ac.audience, ac.as_of, g.age_group, g.age_from, g.sort_order,
               b.audience_share, b.audience_count, coalesce(b.share_missing, false) AS share_missing,
               coalesce(b.has_counts, false) AS has_counts, b.age_group IS NULL AS missing,
               pop.population, pop.source AS population_source, pop.reference_date AS population_date
        FROM accounts ac
        CROSS JOIN core.age_groups g
        LEFT JOIN by_group b ON b.account_key = ac.account_key AND b.audience = ac.audience
             AND b.as_of = ac.as_of AND b.age_group = g.age_group
        LEFT JOIN {rel['population']} pop ON pop.ags = ac.ags AND pop.age_group = g.age_group
        ORDER BY ac.platform, ac.account_key, ac.audience, g.sort_order
        """,
        {"ags": ags, "platform": platform},
    )
    return representation(df)


def representation(df: pd.DataFrame) -> pd.DataFrame:
    """Restrict to each platform's span, compute population shares, flags and the index."""
    if df.empty:
        return df.assign(population_share=pd.Series(dtype="float64"), index=pd.Series(dtype="float64"),
                         suppressed=pd.Series(dtype=bool), estimate=pd.Series(dtype=bool))
    keys = ["platform", "account_key", "audience"]
    # The span starts at the platform's minimum age, or later where the export starts later
    # (MBS Audience.csv has no 13-17 row for Instagram either): leading unsupplied groups are out.
    supplied_from = df["age_from"].where(~df["missing"]).groupby([df[k] for k in keys]).transform("min")
    min_age = df["platform"].map(PLATFORM_MIN_AGE).fillna(18).combine(supplied_from.fillna(0), max)
    out = df[df["age_from"] >= min_age].copy()
    total = out.groupby(keys)["population"].transform("sum")
    out["population_share"] = rates.share(out["population"], total)
    small = out["audience_count"].notna() & (out["audience_count"] < MIN_BUCKET_PEOPLE)
    out["suppressed"] = (out["share_missing"] | small) & ~out["missing"]
    out["estimate"] = out["population_source"].ne("official")
    usable = out["audience_share"].where(~out["suppressed"] & ~out["missing"])
    out["index"] = rates.representation_index(usable, out["population_share"])
    return out.drop(columns=["share_missing"]).reset_index(drop=True)


def _age_words(age_group: str, lang: str) -> str:
    if age_group.endswith("+"):
        low = age_group[:-1]
        return f"ab {low}-Jährigen" if lang == "de" else f"people aged {low} and over"
    low, high = age_group.split("-")
    return f"{low}- bis {high}-Jährigen" if lang == "de" else f"{low}- to {high}-year-olds"


def finding(rows: pd.DataFrame, platform_label: str, lang: str = "de") -> str | None:
    """One sentence about the young adults (18–24, else the youngest usable group) of one account, e.g.
    „Instagram erreicht die 18- bis 24-Jährigen 1,8-mal so stark, wie es ihrem Bevölkerungsanteil entspricht.“"""
    usable = rows.dropna(subset=["index"]).sort_values("sort_order")
    if usable.empty:
        return None
    young = usable[usable["age_group"] == "18-24"]
    row = young.iloc[0] if not young.empty else usable.iloc[0]
    value = row["index"]
    text = f"{value:.1f}".replace(".", ",") if lang == "de" else f"{value:.1f}"
    group = _age_words(row["age_group"], lang)
    if lang == "de":
        article = "die"
        if 0.95 <= value <= 1.05:
            return f"{platform_label} erreicht {article} {group} etwa so stark, wie es ihrem Bevölkerungsanteil entspricht."
        return f"{platform_label} erreicht {article} {group} {text}-mal so stark, wie es ihrem Bevölkerungsanteil entspricht."
    if 0.95 <= value <= 1.05:
        return f"{platform_label} reaches {group} about as strongly as their share of the population."
    return f"{platform_label} reaches {group} {text} times as strongly as their share of the population."
