"""A synthetic state-wide dataset for the page benchmark (not demo data): all 396 municipalities
of North Rhine-Westphalia (land_code 05), 6 platforms, 3 years of daily account metrics and about
1 million posts, written straight into the store's core tables with SQL (no export files).

    python -m bench.scale [--db data/bench_nrw.duckdb] [--years 3] [--posts 1000000]
    python -m bench.scale --germany [--db data/bench_de.duckdb] [--posts 3000000]

With `--germany`, every municipality of the register (10,773) is a candidate, and a realistic
share of them has accounts: by BBSR size class (`GERMANY`) ~95 % of Großstädte, ~80 % of
Mittelstädte, ~50 % of Kleinstädte and ~15 % of Landgemeinden; per platform (`PRESENCE`) Facebook
is the most common, then Instagram, YouTube, X, LinkedIn and TikTok, all of them more likely the
larger the town, which also posts more often. About 2,900 towns, 7,000 accounts, 3 million posts.

Figures are deterministic (hash-based), shaped roughly like municipal accounts: followers grow
with the town's size, posting rates differ per platform, a few posts go viral.
"""

from __future__ import annotations

import argparse
import time
from datetime import date, timedelta
from pathlib import Path

from analytics import peers, sources
from analytics.store import PROJECT_DIR, Store, next_id

DEFAULT_DB = PROJECT_DIR / "data" / "bench_nrw.duckdb"
GERMANY_DB = PROJECT_DIR / "data" / "bench_de.duckdb"
PLATFORMS = {  # platform: (share of the town's population following at the end, posts per day)
    "facebook": (0.08, 0.75), "instagram": (0.06, 0.45), "youtube": (0.01, 0.08),
    "tiktok": (0.02, 0.25), "linkedin": (0.01, 0.2), "x": (0.015, 0.5),
}
POST_TYPES = {"facebook": "['Photos','Links','Videos','Reels']", "instagram": "['IG image','IG carousel','IG reel']",
              "youtube": "['Video','Short']", "tiktok": "['Video']", "linkedin": "['Article','Image','Video']",
              "x": "['Tweet','Tweet','Reply']"}
# --germany: size class (analytics.peers): (share of towns with accounts, posting rate relative to a
# Mittelstadt, exponent on PRESENCE: < 1 makes every platform more likely)
GERMANY = {"grossstadt": (0.95, 1.6, 0.3), "mittelstadt": (0.8, 1.0, 0.7), "kleinstadt": (0.5, 0.6, 1.0),
           "landgemeinde": (0.15, 0.35, 1.3)}
# share of the towns with accounts that have one on the platform (before the size exponent); a town
# that draws none has Facebook
PRESENCE = {"facebook": 0.9, "instagram": 0.65, "youtube": 0.3, "x": 0.2, "linkedin": 0.15, "tiktok": 0.15}


def _u(expr: str, salt: str) -> str:
    """A deterministic uniform number in [0, 1) from an expression."""
    return f"((hash({expr}, '{salt}') % 1000003) / 1000003.0)"


def _size_class(population: str) -> str:
    """SQL: the BBSR size class (analytics.peers.SIZE_CLASSES) of a population."""
    whens = " ".join(f"WHEN {population} < {high} THEN '{key}'" for key, (*_, high) in peers.SIZE_CLASSES.items())
    return f"CASE {whens} END"


def _germany_accounts(cur) -> float:
    """Insert the accounts of all Germany (see GERMANY, PRESENCE) and create the temp table `cls`
    of the size classes; returns how many NRW-style towns (every platform at the base rates) the
    accounts' posting amounts to."""
    cls = ", ".join(f"('{k}', {share}, {mult}, {exp})" for k, (share, mult, exp) in GERMANY.items())
    cur.execute(f"CREATE TEMP TABLE cls AS SELECT * FROM (VALUES {cls}) t(size_class, share, mult, exponent)")
    presence = ", ".join(f"('{p}', {share}, {PLATFORMS[p][1]})" for p, share in PRESENCE.items())
    cur.execute(f"""
        INSERT INTO core.accounts (account_key, platform, account_id, handle, name, ags, url)
        WITH towns AS (
            SELECT m.ags, m.name, c.exponent FROM mart.municipalities m
            JOIN cls c ON c.size_class = {_size_class('m.population_total')}
            WHERE {_u('m.ags', 'town')} < c.share
        ), pick AS (
            SELECT t.*, p.platform, {_u('t.ags || p.platform', 'presence')} < p.share ** t.exponent AS picked
            FROM towns t CROSS JOIN (VALUES {presence}) p(platform, share, rate)
            QUALIFY picked OR (platform = 'facebook' AND NOT bool_or(picked) OVER (PARTITION BY ags))
        )
        SELECT platform || ':syn-' || ags, platform, 'syn-' || ags, 'stadt' || ags, split_part(name, ',', 1), ags,
               NULL
        FROM pick ORDER BY ags, platform
    """)
    return cur.execute(f"""
        SELECT sum(p.rate * c.mult) / {sum(rate for _, rate in PLATFORMS.values())}
        FROM core.accounts a JOIN mart.municipalities m USING (ags)
        JOIN cls c ON c.size_class = {_size_class('m.population_total')}
        JOIN (VALUES {presence}) p(platform, share, rate) USING (platform)
        WHERE a.account_key LIKE '%:syn-%'""").fetchone()[0]


def generate(store: Store, *, end: date, years: int = 3, posts_target: int = 1_000_000, land: str | None = "05",
             log=print) -> dict[str, int]:
    """Write the dataset: the municipalities of Land `land`, each with every platform (NRW: "05"),
    or with `land=None` all of Germany with a realistic share of accounts (see GERMANY)."""
    days = 365 * years + 1
    start = end - timedelta(days=days - 1)
    platforms = list(PLATFORMS)
    n_towns = store.query_value("SELECT count(*) FROM mart.municipalities WHERE land_code = ?", [land])
    base_rate = sum(rate for _, rate in PLATFORMS.values())
    active = 1 - (days - 30) / days / 3  # mean share of days after launch (launch offset ~ u² × days)
    t0 = time.perf_counter()
    with store.transaction() as cur:
        import_id = next_id(cur, "import")
        cur.execute("""INSERT INTO core.imports (import_id, file_name, sha256, platform, format, rows, imported_by,
                       details) VALUES (?, 'bench-scale', 'synthetic', NULL, 'synthetic', 0, 'bench', '{}')""",
                    [import_id])
        equivalent = n_towns if land else _germany_accounts(cur)
        # scale posting rates so the total lands near the target
        factor = posts_target / (equivalent * days * active * base_rate)
        values = ", ".join(f"('{p}', {share}, {rate * factor})" for p, (share, rate) in PLATFORMS.items())
        cur.execute(f"CREATE TEMP TABLE plat AS SELECT * FROM (VALUES {values}) t(platform, follow_share, rate)")
        if land:
            cur.execute(f"""
                INSERT INTO core.accounts (account_key, platform, account_id, handle, name, ags, url)
                SELECT p.platform || ':syn-' || m.ags, p.platform, 'syn-' || m.ags, 'stadt' || m.ags,
                       split_part(m.name, ',', 1), m.ags, NULL
                FROM mart.municipalities m CROSS JOIN plat p WHERE m.land_code = '{land}'
            """)
        # accounts start on different days (later platforms later), some only recently; in Germany
        # larger towns post more often
        rate, by_size = ("p.rate", "") if land else (
            "p.rate * c.mult", f"JOIN cls c ON c.size_class = {_size_class('m.population_total')}")
        cur.execute(f"""
            CREATE TEMP TABLE acc AS
            SELECT a.account_key, a.platform, a.ags, m.population_total, p.follow_share, {rate} AS rate,
                   CAST(floor({_u('a.account_key', 'launch')} ** 2 * {days - 30}) AS INTEGER) AS launch_offset
            FROM core.accounts a JOIN mart.municipalities m USING (ags) JOIN plat p USING (platform) {by_size}
            WHERE a.account_key LIKE '%:syn-%'
        """)
        n_accounts, n_towns_with = cur.execute("SELECT count(*), count(DISTINCT ags) FROM acc").fetchone()
        log(f"  accounts: {n_accounts:,} in {n_towns_with:,} towns")
        cur.execute(f"""
            INSERT INTO core.daily_values (import_id, account_key, day, metric, value)
            WITH d AS (
                SELECT a.*, r.range AS i, DATE '{start}' + CAST(r.range AS INTEGER) AS day,
                       a.population_total * a.follow_share / ({days} - a.launch_offset) AS gain_mean
                FROM acc a CROSS JOIN range({days}) r WHERE r.range >= a.launch_offset
            )
            SELECT {import_id}, account_key, day, 'followers_gained',
                   round(gain_mean * (0.3 + 1.4 * {_u('account_key || i', 'g')})) FROM d
            UNION ALL SELECT {import_id}, account_key, day, 'views',
                   round(population_total * follow_share * (0.1 + 0.5 * {_u('account_key || i', 'v')})) FROM d
            UNION ALL SELECT {import_id}, account_key, day, 'reach',
                   round(population_total * follow_share * (0.05 + 0.3 * {_u('account_key || i', 'r')})) FROM d
            UNION ALL SELECT {import_id}, account_key, day, 'interactions',
                   round(population_total * follow_share * 0.01 * {_u('account_key || i', 'i')}) FROM d
        """)
        daily = cur.execute("SELECT count(*) FROM core.daily_values WHERE import_id = ?", [import_id]).fetchone()[0]
        log(f"  daily values: {daily:,} ({time.perf_counter() - t0:.1f} s)")
        post_type = "CASE platform " + " ".join(
            f"WHEN '{p}' THEN list_element({POST_TYPES[p]}, 1 + CAST(floor(u * 1000) AS INTEGER) % len({POST_TYPES[p]}))"
            for p in platforms) + " END"
        cur.execute(f"""
            INSERT INTO core.post_snapshots (import_id, account_key, post_id, published_at, post_type, message, url,
                views, reach, impressions, likes, comments, shares, saves, clicks, video_views, watch_time_seconds,
                metrics_as_of, metric_version)
            WITH slots AS (
                SELECT a.*, r.range AS i, s.slot FROM acc a CROSS JOIN range({days}) r CROSS JOIN range(3) s(slot)
                WHERE r.range >= a.launch_offset AND {_u("a.account_key || r.range || '-' || s.slot", 'p')} < a.rate / 3
            ), p AS (
                SELECT *, {_u("account_key || i || '-' || slot", 'reach')} AS u,
                       TIMESTAMPTZ '{start} 00:00:00+00' + INTERVAL (i) DAY
                         + INTERVAL (6 + CAST(floor({_u("account_key || i || slot", 'h')} * 15) AS INTEGER)) HOUR
                         + INTERVAL (15 * CAST(floor({_u("account_key || i || slot", 'm')} * 4) AS INTEGER)) MINUTE AS ts
                FROM slots
            )
            SELECT {import_id}, account_key, account_key || '-' || i || '-' || slot, ts,
                   {post_type},
                   'Beitrag ' || i, NULL,
                   CAST(population_total * follow_share * (0.2 + 3 * u * u * u) * 1.6 AS BIGINT),
                   CAST(population_total * follow_share * (0.2 + 3 * u * u * u) AS BIGINT), NULL,
                   CAST(population_total * follow_share * (0.2 + 3 * u * u * u) * 0.04 AS BIGINT),
                   CAST(population_total * follow_share * (0.2 + 3 * u * u * u) * 0.006 AS BIGINT),
                   CAST(population_total * follow_share * (0.2 + 3 * u * u * u) * 0.008 AS BIGINT),
                   NULL, NULL, NULL, NULL, DATE '{end}', 'views'
            FROM p
        """)
        posts = cur.execute("SELECT count(*) FROM core.post_snapshots WHERE import_id = ?", [import_id]).fetchone()[0]
        log(f"  posts: {posts:,} ({time.perf_counter() - t0:.1f} s)")
        # audience age snapshots with counts (a few small buckets fall under the 100-people threshold)
        cur.execute(f"""
            INSERT INTO core.audience_values (import_id, account_key, as_of, audience, age_group, gender, share, count)
            WITH w AS (
                SELECT a.account_key, a.platform, a.population_total * a.follow_share AS followers, g.age_group,
                       g.sort_order, (0.2 + {_u("a.account_key || g.age_group", 'age')}) *
                       CASE a.platform WHEN 'tiktok' THEN 8 - g.sort_order WHEN 'facebook' THEN g.sort_order
                            ELSE 4 - abs(g.sort_order - 3) END AS weight
                FROM acc a JOIN core.age_groups g
                  ON g.age_from >= CASE WHEN a.platform IN ('facebook', 'tiktok', 'linkedin', 'x') THEN 18 ELSE 13 END
                WHERE a.platform IN ('facebook', 'instagram', 'youtube', 'tiktok')
            )
            SELECT {import_id}, account_key, DATE '{end}', CASE platform WHEN 'youtube' THEN 'viewers' ELSE 'followers' END,
                   age_group, 'all', round(weight / sum(weight) OVER (PARTITION BY account_key), 4),
                   CASE WHEN platform = 'youtube' THEN NULL
                        ELSE CAST(followers * weight / sum(weight) OVER (PARTITION BY account_key) AS BIGINT) END
            FROM w
        """)
        cur.execute("UPDATE core.imports SET rows = ? WHERE import_id = ?", [posts + daily, import_id])
    log(f"  written in {time.perf_counter() - t0:.1f} s; materialising for the pages …")
    t1 = time.perf_counter()
    sources.refresh(store, force=True)
    log(f"  materialised in {time.perf_counter() - t1:.1f} s")
    counts = {"towns": n_towns_with, "accounts": n_accounts, "daily_values": daily, "posts": posts}
    return counts if land else {"municipalities": store.query_value("SELECT count(*) FROM mart.municipalities"),
                                **counts}


def main(argv: list[str] | None = None) -> dict[str, int]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--germany", action="store_true", help="all 10,773 municipalities, a realistic share with "
                        "accounts (default --db data/bench_de.duckdb, --posts 3000000)")
    parser.add_argument("--db", type=Path)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--posts", type=int)
    parser.add_argument("--end", type=date.fromisoformat, default=date(2026, 10, 31))
    args = parser.parse_args(argv)
    db = args.db or (GERMANY_DB if args.germany else DEFAULT_DB)
    posts = args.posts or (3_000_000 if args.germany else 1_000_000)
    for suffix in ("", ".wal"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    print(f"Generating the {'Germany' if args.germany else 'NRW'} dataset into {db} …")
    with Store(db) as store:
        counts = generate(store, end=args.end, years=args.years, posts_target=posts,
                          land=None if args.germany else "05")
    print("  " + ", ".join(f"{k}: {v:,}" for k, v in counts.items()))
    return counts


if __name__ == "__main__":
    main()
