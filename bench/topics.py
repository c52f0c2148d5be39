"""Topic classification (issue 13): quality on the labelled posts, and the speed of the set-based
SQL path on N synthetic posts against DuckDB copying the same posts, both in the same run.

    python -m bench.topics [--posts 1000000] [--runs 3]

Quality: precision and recall per topic, their means over the topics except `sonstiges`, and the
unclassified shares (targets: macro precision ≥ 0.85, recall ≥ 0.75, unclassified ≤ 10 %).
Speed: `CREATE TABLE … AS` of `classify_sql` over N posts vs `CREATE TABLE … AS SELECT` of the
same (post_key, message) table, in a database file. The posts are the labelled texts, varied so
that no two are the same: with a number appended (as written, or with the sentences in reverse
order), or the first half of one post joined to the second half of another.
"""

from __future__ import annotations

import argparse
import csv
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))
from analytics.topics import TOPIC_BY_KEY, TOPIC_KEYS, UNCLASSIFIED, classify, classify_sql, evaluate  # noqa: E402

LABELLED = PROJECT / "tests" / "fixtures" / "topics" / "posts.csv"


def load_labelled(path: Path = LABELLED) -> list[dict]:
    """The labelled posts: id, town, platform, text and the set of topic keys."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [{**row, "topics": set(row["topics"].split("|"))} for row in csv.DictReader(handle)]


def quality(posts: list[dict]) -> dict:
    """`evaluate` of `classify` on the labelled posts."""
    return evaluate({p["id"]: p["topics"] for p in posts}, {p["id"]: set(classify(p["text"])) for p in posts})


def synthetic_posts(con: duckdb.DuckDBPyConnection, texts: list[str], count: int) -> None:
    """Table `posts(post_key, message)` of `count` posts made from `texts` (see module docstring)."""
    con.execute("CREATE OR REPLACE TEMP TABLE labelled AS SELECT unnest(?::VARCHAR[]) AS text", [texts])
    n = len(texts)
    con.execute(f"""
        CREATE OR REPLACE TABLE posts AS
        WITH l AS (SELECT list(text) AS t FROM labelled)
        SELECT i AS post_key,
               CASE i % 3 WHEN 0 THEN a || ' ' || i
                          WHEN 1 THEN array_to_string(list_reverse(string_split(a, '. ')), '. ') || ' ' || i
                          ELSE left(a, length(a) // 2) || right(b, length(b) // 2) END AS message
        FROM (SELECT i, t[i % {n} + 1] AS a, t[(hash(i) % {n})::BIGINT + 1] AS b FROM range({count}) r(i), l)
    """)


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def speed(texts: list[str], count: int, runs: int) -> dict:
    """Median wall seconds of the SQL classification and of the copy baseline over `runs` runs, and
    the classification's CPU seconds (all threads; on a shared machine wall time depends on load)."""
    ours, theirs, cpu = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        con = duckdb.connect(str(Path(tmp) / "topics.duckdb"))
        synthetic_posts(con, texts, count)
        query = classify_sql("posts")
        for _ in range(runs):
            started = time.perf_counter()
            con.execute("CREATE OR REPLACE TABLE copied AS SELECT post_key, message FROM posts")
            theirs.append(time.perf_counter() - started)
            started, cpu_started = time.perf_counter(), _cpu_seconds()
            con.execute(f"CREATE OR REPLACE TABLE post_topics AS {query}")
            ours.append(time.perf_counter() - started)
            cpu.append(_cpu_seconds() - cpu_started)
        rows, posts = con.execute("SELECT count(*), count(DISTINCT post_key) FROM post_topics").fetchone()
        con.close()
    if posts != count:
        raise RuntimeError(f"{posts} of {count} posts classified")
    return {"posts": count, "rows": rows, "sql_s": statistics.median(ours), "copy_s": statistics.median(theirs),
            "sql_cpu_s": statistics.median(cpu)}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    labelled = load_labelled()
    result = quality(labelled)
    print(f"Themen: {len(labelled)} gelabelte Beiträge")
    print(f"{'Thema':34} {'n':>4} {'Präzision':>10} {'Recall':>7}")
    for key in TOPIC_KEYS:
        figures = result["topics"][key]
        print(f"{TOPIC_BY_KEY[key].de:34} {figures['n_true']:4} {figures['precision']:10.2f} {figures['recall']:7.2f}")
    print(f"{'Mittel ohne ' + TOPIC_BY_KEY[UNCLASSIFIED].de:34} {'':4} {result['macro_precision']:10.3f} "
          f"{result['macro_recall']:7.3f}")
    print(f"Ohne Thema erkannt, obwohl eins hat: {result['unclassified']:.1%}; "
          f"insgesamt als Sonstiges: {result['predicted_sonstiges']:.1%}")
    timing = speed([p["text"] for p in labelled], args.posts, args.runs)
    timing["ratio"] = timing["sql_s"] / timing["copy_s"]
    result["speed"] = timing
    print(f"SQL-Klassifikation {args.posts:,} Beiträge: {timing['sql_s']:.2f} s (CPU {timing['sql_cpu_s']:.2f} s), "
          f"DuckDB CREATE TABLE AS {timing['copy_s']:.2f} s, Verhältnis {timing['ratio']:.1f}× "
          f"(Median aus {args.runs} Läufen)")
    return result


if __name__ == "__main__":
    main()
