"""Time to build a town's quarterly council report at NRW scale (target: < 5 s), against the
bare page of the same figures' main query measured in the same run.

    python -m bench.report [--db data/bench_nrw.duckdb] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import timedelta
from pathlib import Path

import pandas as pd

from analytics import benchmark, report
from analytics.store import Store
from bench import scale
from bench.pages import timed

TOWN = "05315000"  # Köln


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=scale.DEFAULT_DB)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    if not args.db.exists():
        scale.main(["--db", str(args.db)])
    with Store(args.db) as store:  # read-write: read-only stores read the views, not the copies
        last = pd.Timestamp(store.query_value("SELECT max(day) FROM core.mat_daily")).date()
        start, end = report.enclosing_period(last - timedelta(days=95), "quarter")
        for group in ("land:05", None):
            def build(group=group):
                return report.council_report_pdf(store, TOWN, start, end, group_id=group)

            def bare(group=group):
                return benchmark.town_metrics(store, group or "kreis:05315", start, end)

            build()
            built = statistics.median(timed(build) for _ in range(args.runs))
            query = statistics.median(timed(bare) for _ in range(args.runs))
            t0 = time.perf_counter()
            r = report.gather(store, TOWN, start, end, group)
            gathered = time.perf_counter() - t0
            print(f"Quarterly report {report.period_label(start, end)} of Köln, group {r.group_name} "
                  f"({len(r.peers)} towns): {built:.2f} s (figures {gathered:.2f} s, the rest is charts and PDF; "
                  f"the group query alone {query:.3f} s) — target < 5 s")


if __name__ == "__main__":
    main()
