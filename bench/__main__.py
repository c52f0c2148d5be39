"""`make bench`: every benchmark in one run, each against its own baseline measured alongside.

    python -m bench [--quick]
    python -m bench --germany [--quick]   (`make bench-germany`: only the Germany-scale benchmark)

1. startup  – launch to first KPI card in Chromium vs a bare one-line Streamlit app (issue 2)
2. imports  – 1,000,000-row MBS post export through the CLI vs DuckDB's read_csv (issue 3)
3. pages    – each analysis page warm at NRW scale vs its bare queries and vs pandas (issue 4)
4. refresh  – the first Vergleich view after a small import and after its undo vs warm (issue 14)
5. hostile  – the hostile corpus through the CLI: time, peak RSS and outcome per class
6. report   – a town's quarterly council report (PDF) at NRW scale (issue 11)
7. topics   – the topic rules' precision and recall on the labelled posts, and classifying
              1,000,000 posts in SQL against copying them (issue 13)

With --germany, instead: every municipality of Germany (10,773, bench/scale.py --germany, about
4 minutes to generate into data/bench_de.duckdb), the pages for NRW, all Germany and Köln, each
warm against its bare queries, embedded and on DuckLake (a throwaway PostgreSQL), plus the first
Vergleich view of all Germany after a small import (bench/germany.py; about 10 minutes).
"""

from __future__ import annotations

import argparse


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and a 100,000-row import")
    parser.add_argument("--germany", action="store_true", help="only the Germany-scale benchmark (bench/germany.py)")
    args = parser.parse_args()
    if args.germany:  # needs neither Chromium nor Playwright: imported on its own
        from bench import germany

        print("== Seiten bei Deutschland-Umfang, eingebettet und auf DuckLake ==", flush=True)
        germany.main(["--runs", "2" if args.quick else "3"])
        return
    from bench import hostile, imports, pages, refresh, report, startup, topics

    runs = ["--runs", "2"] if args.quick else ["--runs", "5"]
    print("== 1. Start der App ==", flush=True)
    startup.main(runs)
    print("== 2. Import ==", flush=True)
    imports.main((["--rows", "100000"] if args.quick else []) + ["--runs", "1" if args.quick else "5"])
    print("== 3. Seiten bei NRW-Umfang ==", flush=True)
    pages.main(runs)
    print("== 4. Erste Ansicht nach Import und Rückgängig ==", flush=True)
    refresh.main(runs)
    print("== 5. Feindliche Dateien ==", flush=True)
    hostile.main(["--small-only"] if args.quick else [])
    print("== 6. Bericht für den Rat ==", flush=True)
    report.main(["--runs", "1" if args.quick else "3"])
    print("== 7. Themen ==", flush=True)
    topics.main((["--posts", "100000"] if args.quick else []) + ["--runs", "1" if args.quick else "3"])


if __name__ == "__main__":
    main()
