"""Import of a 1,000,000-row Meta Business Suite post export through the CLI, against DuckDB's
own `read_csv` of the same file into a table, both as fresh processes in the same run. The
captions are distinct and realistic (made from the labelled municipal posts, as bench/topics.py
does): a real page repeats none, and the topic classification reads each.

    python -m bench.imports [--rows 1000000] [--runs 5]

Reported: median wall time of each, their ratio, and the importer's peak RSS (from wait4), also
above the CLI's own floor (refusing an empty file). Then the memory's worst case: an export of the
same number of posts with long captions, just under the size limit (BUERGERNAH_MAX_FILE_MB).
Also what the topic classification adds to the import: the same import with the classification
switched off (in this benchmark's process only), right after it in each run (the ratio of the
medians, and each run's pair). Targets: at most 2× DuckDB's
time (issue 3); at most the size limit + 300 MB above the floor for any upload (issue 10);
classification ≤ 20 % on top of the import without it (issue 13).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))
from bench.topics import load_labelled  # noqa: E402
from connectors.demo import FB_HEADER, _csv  # noqa: E402


def captions(rows: int, rng: random.Random, caption_chars: int = 0):
    """`rows` distinct, realistic captions (as bench/topics.py makes them from the labelled
    municipal posts: whole, sentences reversed, or halves of two); a real page repeats none, and
    the topic classification must read each. `caption_chars` lengthens each to about that size."""
    texts = [post["text"] for post in load_labelled()]
    for i in range(rows):
        a, b = texts[i % len(texts)], rng.choice(texts)
        text = (f"{a} {i}" if i % 3 == 0 else f"{'. '.join(reversed(a.split('. ')))} {i}" if i % 3 == 1
                else a[: len(a) // 2] + b[len(b) - len(b) // 2:])
        yield (text + " ") * max(1, caption_chars // len(text)) if caption_chars else text


def write_export(path: Path, rows: int, seed: int = 7, caption_chars: int = 0) -> None:
    """A Facebook MBS post export of `rows` posts, in the real format (BOM, quoting, newlines);
    `caption_chars` lengthens every caption to about that many characters."""
    rng = random.Random(seed)
    texts = captions(rows, random.Random(seed + 1), caption_chars)
    start = datetime(2025, 1, 1, 8, 0)
    with path.open("wb") as out:
        out.write(b"\xef\xbb\xbf" + _csv([FB_HEADER]).encode())
        chunk = []
        for i in range(rows):
            reach = rng.randint(50, 5000)
            chunk.append([f"{10**15 + i}", "100012345678901", "Stadt Musterstadt", next(texts), "", 0,
                          f"{start + timedelta(minutes=i % 500000):%m/%d/%Y %H:%M}", "N/A",
                          f"https://www.facebook.com/stadt.musterstadt/posts/{10**15 + i}", 0, 0, "Photos",
                          "", "", "", "", "Lifetime", reach * 2, reach, 30, 20, 6, 4, 12, 5, 3])
            if len(chunk) == 50_000:
                out.write(_csv(chunk).encode())
                chunk = []
        out.write(_csv(chunk).encode())


def timed(command: list[str], check: bool = True) -> tuple[float, int]:
    """Wall time (s) and peak RSS (bytes) of one child process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if check and os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{command[:4]} failed: {process.stderr.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss * 1024


IMPORT = [sys.executable, "-m", "connectors", "import", "--municipality", "05334004", "--db"]
# The same import without the topic classification (issue 13: it may add ≤ 20 %): neither the
# spool's classification while the file is read nor the write's.
WITHOUT_TOPICS = [sys.executable, "-c", (
    "import sys; from analytics import sources; from connectors import spool, __main__ as cli; "
    "sources.classify_posts = lambda *args, **kwargs: None; spool.TopicMasks.add = lambda self, block: None; "
    "sys.exit(cli.main(sys.argv[1:]))"), *IMPORT[3:]]
DUCKDB_BASELINE = (
    "import duckdb, sys; c = duckdb.connect(sys.argv[1]); "
    "c.execute(\"CREATE TABLE t AS SELECT * FROM read_csv(?, header=true, all_varchar=false)\", [sys.argv[2]]); "
    "print(c.execute('SELECT count(*) FROM t').fetchone())"
)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    ours, theirs, rss, without = [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        export = folder / "Jan-01-2025_Dec-31-2025_1000000.csv"
        write_export(export, args.rows)
        size_mb = export.stat().st_size / 1048576
        # the import's own database is migrated beforehand, as a running installation's would be
        for run in range(args.runs):
            db = folder / f"ours{run}.duckdb"
            subprocess.run([sys.executable, "-m", "connectors", "migrate", "--db", str(db)], cwd=PROJECT, check=True,
                           capture_output=True)
            seconds, peak = timed([*IMPORT, str(db), str(export)])
            ours.append(seconds)
            rss.append(peak)
            bare = folder / f"without{run}.duckdb"
            subprocess.run([sys.executable, "-m", "connectors", "migrate", "--db", str(bare)], cwd=PROJECT, check=True,
                           capture_output=True)
            without.append(timed([*WITHOUT_TOPICS, str(bare), str(export)])[0])
            seconds, _ = timed([sys.executable, "-c", DUCKDB_BASELINE, str(folder / f"duck{run}.duckdb"), str(export)])
            theirs.append(seconds)
        empty = folder / "empty.csv"
        empty.write_bytes(b"")
        floor = timed([*IMPORT, str(folder / "ours0.duckdb"), str(empty)], check=False)[1] / 1048576
        limit_mb = float(os.environ.get("BUERGERNAH_MAX_FILE_MB", "512"))
        worst = folder / "long_captions.csv"  # the same posts, captions long enough to nearly fill the limit
        write_export(worst, args.rows, caption_chars=int(limit_mb * 0.97 * 1048576 / args.rows) - 200)
        worst_s, worst_peak = timed([*IMPORT, str(folder / "worst.duckdb"), str(worst)])
        worst_mb = worst.stat().st_size / 1048576
    result = {"rows": args.rows, "file_mb": size_mb, "import_s": statistics.median(ours),
              "duckdb_s": statistics.median(theirs), "peak_rss_mb": max(rss) / 1048576, "floor_mb": floor,
              "limit_mb": limit_mb, "worst_file_mb": worst_mb, "worst_s": worst_s,
              "worst_peak_mb": worst_peak / 1048576}
    result["ratio"] = result["import_s"] / result["duckdb_s"]
    result["without_topics_s"] = statistics.median(without)
    result["classify_share"] = result["import_s"] / result["without_topics_s"] - 1
    shares = sorted(w / o - 1 for w, o in zip(ours, without, strict=True))  # each run's pair, machines drift
    budget = limit_mb + 300
    print(f"Import {args.rows:,} Beiträge ({size_mb:.0f} MB): Bürgernah {result['import_s']:.2f} s, "
          f"DuckDB read_csv {result['duckdb_s']:.2f} s, Verhältnis {result['ratio']:.2f}×, "
          f"Spitzen-RSS {result['peak_rss_mb']:.0f} MB (Median aus {args.runs} Läufen)")
    print(f"Ohne Themen-Klassifikation {result['without_topics_s']:.2f} s: sie kostet {result['classify_share']:.0%} "
          f"zusätzlich (Ziel ≤ 20 %); je Lauf {', '.join(f'{s:.0%}' for s in shares)}")
    print(f"Speicher über dem Grundbedarf der CLI ({floor:.0f} MB): {result['peak_rss_mb'] - floor:.0f} MB; "
          f"lange Beiträge ({worst_mb:.0f} MB, {worst_s:.1f} s): {result['worst_peak_mb'] - floor:.0f} MB; "
          f"Budget Größenlimit + 300 MB = {budget:.0f} MB")
    return result


if __name__ == "__main__":
    main()
