"""The small dataset of the weekly golden test (tests/analytics/test_weekly_golden.py), also used by
the Wochenbericht page tests. The figures the tests expect are worked out by hand from this:

Alsdorf (A), weeks KW 10–14/2026 (Mondays 02.03., 09.03., 16.03., 23.03., 30.03.):

* Facebook: gains of 2 every day 02.03.–25.03., one loss on 10.03.; the officer entered 500 on
  Sunday 15.03. Totals: 08.03. = 500 − (7 × 2 − 1) = 487 (reconstructed backwards), 15.03. = 500
  (entered), 22.03. = 500 + 7 × 2 = 514, 25.03. = 514 + 3 × 2 = 520 (reconstructed forwards).
  Data ends Wednesday 25.03.: KW 13 has 3 of 7 days, KW 14 none.
* Instagram: gains of 1 every day 09.03.–22.03., an observed total of 250 on 22.03.; 15.03. =
  250 − 7 = 243 (reconstructed).
* LinkedIn: gains of 3 every day 16.03.–22.03. and no total anywhere: followers unknown.
* Posts (interactions = likes + comments + shares): Facebook 10.03. reach 100, views 150, 10 + 2 + 1
  = 13; 12.03. reach 50, no views, 5; Sunday 15.03. 23:30 UTC = Monday 16.03. 00:30 in Berlin,
  reach 70, views 80, 7 → KW 12; 24.03. reach 80, views 90, 4. Instagram 18.03. reach 60, views 70,
  7 + 1 = 8.

Baesweiler (B) has X posts only, on 03.03., 12.03. and 26.03.: covered 03.03.–26.03.
"""

from __future__ import annotations

from datetime import date, timedelta

from analytics.store import Store
from conftest import raw_write

A, B = "05334004", "05334008"
FB, IG, LI, X = "facebook:wa", "instagram:wa", "linkedin:wa", "x:wb"
NULL = None


def days(first: str, last: str) -> list[date]:
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def load(store: Store) -> None:
    with raw_write(store) as cur:
        cur.execute("INSERT INTO core.imports (import_id, file_name, sha256, rows) VALUES "
                    "(1, 'exports', 'a', 1), (2, 'follower entry', 'b', 1)")
        cur.executemany("INSERT INTO core.accounts (account_key, platform, ags) VALUES (?, ?, ?)",
                        [[FB, "facebook", A], [IG, "instagram", A], [LI, "linkedin", A], [X, "x", B]])
        daily = "INSERT INTO core.daily_values (import_id, account_key, day, metric, value) VALUES (?, ?, ?, ?, ?)"
        cur.executemany(daily, [[1, FB, d, "followers_gained", 2] for d in days("2026-03-02", "2026-03-25")]
                        + [[1, FB, date(2026, 3, 10), "followers_lost", 1],
                           [2, FB, date(2026, 3, 15), "followers_entered", 500]]
                        + [[1, IG, d, "followers_gained", 1] for d in days("2026-03-09", "2026-03-22")]
                        + [[1, IG, date(2026, 3, 22), "followers", 250]]
                        + [[1, LI, d, "followers_gained", 3] for d in days("2026-03-16", "2026-03-22")])
        cur.executemany(
            "INSERT INTO core.post_snapshots (import_id, account_key, post_id, published_at, reach, views, likes, "
            "comments, shares, metrics_as_of) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, DATE '2026-04-01')", [
                [FB, "f1", "2026-03-10 09:00:00+00", 100, 150, 10, 2, 1],
                [FB, "f2", "2026-03-12 09:00:00+00", 50, NULL, 5, 0, 0],
                [FB, "f3", "2026-03-15 23:30:00+00", 70, 80, 7, 0, 0],
                [FB, "f4", "2026-03-24 09:00:00+00", 80, 90, 4, 0, 0],
                [IG, "i1", "2026-03-18 09:00:00+00", 60, 70, 7, 1, 0],
                [X, "x1", "2026-03-03 09:00:00+00", 10, 20, 1, 0, 0],
                [X, "x2", "2026-03-12 09:00:00+00", 10, 20, 2, 0, 0],
                [X, "x3", "2026-03-26 09:00:00+00", 10, 20, 3, 0, 0],
            ])
