"""A small hand-computed dataset for the golden metric tests (numbers worked out in the tests)."""

from __future__ import annotations

from analytics.store import Store
from conftest import raw_write

A, B = "05334004", "05334008"  # Alsdorf (48,518 inhabitants), Baesweiler (28,005)
FB_A, IG_A, FB_B = "facebook:A", "instagram:A", "facebook:B"


def load(store: Store) -> None:
    with raw_write(store) as cur:
        cur.execute("INSERT INTO core.imports (import_id, file_name, sha256, rows) VALUES (1, 'golden', 'x', 1)")
        cur.executemany("INSERT INTO core.accounts (account_key, platform, account_id, name, ags) VALUES (?, ?, ?, ?, ?)", [
            [FB_A, "facebook", "A", "Stadt A", A], [IG_A, "instagram", "A", "Stadt A", A],
            [FB_B, "facebook", "B", "Stadt B", B]])
        post = ("INSERT INTO core.post_snapshots (import_id, account_key, post_id, published_at, post_type, views, reach, "
                "impressions, likes, comments, shares, metrics_as_of, metric_version) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "DATE '2026-07-02', ?)")
        cur.executemany(post, [
            # before Meta's switch: impressions only
            [FB_A, "p0", "2025-12-20 09:00:00+00", "Photos", None, 400, 500, 5, 0, 0, "impressions"],
            # Monday 05.01.2026 10:00 UTC = 11:00 Berlin; I = 50
            [FB_A, "p1", "2026-01-05 10:00:00+00", "Reels", 2000, 1000, None, 30, 10, 10, "views"],
            # Saturday 10.01.2026 17:30 UTC = 18:30 Berlin; I = 30, no views
            [FB_A, "p2", "2026-01-10 17:30:00+00", "Photos", None, 500, None, 20, 5, 5, "views"],
            # Wednesday 01.07.2026 10:00 UTC = 12:00 Berlin (summer time); I = 100
            [FB_A, "p3", "2026-07-01 10:00:00+00", "Photos", 3000, 2000, None, 80, 10, 10, "views"],
        ])
        daily = "INSERT INTO core.daily_values (import_id, account_key, day, metric, value) VALUES (1, ?, ?, ?, ?)"
        cur.executemany(daily, [
            [FB_A, "2026-01-01", "followers", 1000], [FB_A, "2026-01-15", "followers", 1200],
            [FB_B, "2026-01-02", "followers_gained", 10], [FB_B, "2026-01-10", "followers_gained", 20],
        ])
        audience = ("INSERT INTO core.audience_values (import_id, account_key, as_of, audience, age_group, gender, "
                    "share, count) VALUES (1, ?, DATE '2026-01-15', 'followers', ?, ?, ?, ?)")
        cur.executemany(audience, [
            [IG_A, "13-17", "all", 0.05, 50], [IG_A, "18-24", "all", 0.30, 300],
            [IG_A, "25-34", "all", 0.40, 400], [IG_A, "35-44", "all", 0.25, 250],
            [FB_A, "18-24", "female", 0.10, 100], [FB_A, "18-24", "male", 0.10, 120],
            [FB_A, "25-34", "female", 0.30, 300], [FB_A, "25-34", "male", 0.50, 500],
        ])
        cur.executemany(
            "INSERT INTO core.population_official (import_id, ags, age_group, population, reference_date) "
            "VALUES (1, ?, ?, ?, DATE '2023-12-31')",
            [[A, g, n] for g, n in [("13-17", 1000), ("18-24", 2000), ("25-34", 3000), ("35-44", 4000),
                                     ("45-54", 4000), ("55-64", 3000), ("65+", 3000)]])
        cur.execute("INSERT INTO core.peer_groups (group_id, name, kind) VALUES ('ab', 'A und B', 'custom')")
        cur.execute("INSERT INTO core.peer_group_members VALUES ('ab', ?), ('ab', ?)", [A, B])
