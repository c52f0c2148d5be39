"""`make bench`: every benchmark in one run, each against its own baseline measured alongside.

    python -m bench [--quick]

1. startup  – launch to first KPI card in Chromium vs a bare one-line Streamlit app (issue 2)
2. imports  – 1,000,000-row MBS post export through the CLI vs DuckDB's read_csv (issue 3)
3. pages    – each analysis page warm at NRW scale vs its bare queries and vs pandas (issue 4)
4. refresh  – the first Vergleich view after a small import and after its undo vs warm (issue 14)
5. hostile  – the hostile corpus through the CLI: time, peak RSS and outcome per class
6. report   – a town's quarterly council report (PDF) at NRW scale (issue 11)
"""

from __future__ import annotations

import argparse

from bench import hostile, imports, pages, refresh, report, startup


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and a 100,000-row import")
    args = parser.parse_args()
    runs = ["--runs", "2"] if args.quick else ["--runs", "5"]
    print("== 1. Start der App ==", flush=True)
    startup.main(runs)
    print("== 2. Import ==", flush=True)
    imports.main((["--rows", "100000"] if args.quick else []) + ["--runs", "1" if args.quick else "3"])
    print("== 3. Seiten bei NRW-Umfang ==", flush=True)
    pages.main(runs)
    print("== 4. Erste Ansicht nach Import und Rückgängig ==", flush=True)
    refresh.main(runs)
    print("== 5. Feindliche Dateien ==", flush=True)
    hostile.main(["--small-only"] if args.quick else [])
    print("== 6. Bericht für den Rat ==", flush=True)
    report.main(["--runs", "1" if args.quick else "3"])


if __name__ == "__main__":
    main()
