"""Germany-scale benchmark (issue 14): the analysis pages for a Land group (NRW, `land:05`), for all
of Germany (`deutschland`, 10,773 municipalities) and for one town (Köln), each page warm against
its bare recorded queries — on the embedded file and on DuckLake — plus the first Vergleich view
of all Germany after a small import and after its undo, against the same page warm.

    python -m bench.germany [--db data/bench_de.duckdb] [--runs 3] [--no-ducklake] [--regenerate] [--json F]

The dataset is `python -m bench.scale --germany` (generated when missing). Each page is measured
like bench/pages.py (`pages.one_page`, in a fresh process: cold, warm, the recorded statements
replayed bare); each recorded statement is also timed on its own, with the analytics function that
issued it, to list the slowest. DuckLake: a throwaway PostgreSQL (initdb in a temporary directory,
as tests/ducklake/conftest.py does; run as the `postgres` user when we are root) and a temporary
data directory, filled with `python -m connectors move-to-ducklake`; stopped and removed at the end.
The refresh figure is bench/refresh.py's `measure` with the group `deutschland` (on a copy of the
file; on DuckLake after the pages). Target: every page < 1 s warm.
"""

from __future__ import annotations

import argparse
import glob
import json
import logging
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

from analytics import peers, sources
from analytics.store import Store
from bench import pages, refresh, scale
from bench.pages import PROJECT, TOWN, timed

GROUPS = ("land:05", peers.GERMANY)
TARGET = 1.0  # seconds, warm
# (page, view file, query parameters): the group pages per group, the town pages for Köln
CASES = [(name, f"views/{file}.py", {"gruppe": group}) for group in GROUPS
         for name, file in (("Vergleich", "vergleich"), ("Kanäle", "kanaele"))] + [
    ("Wochenbericht", "views/wochenbericht.py", {"ags": TOWN}),
    ("Altersgruppen", "views/altersgruppen.py", {"ags": TOWN}),
    ("Beiträge", "views/beitraege.py", {"ags": TOWN}),
    ("Methodik", "views/methodik.py", {}),
]
ROLE = "buergernah"
DEFAULT_VIEW = "views/wochenbericht.py"  # app.PAGES' first page: the app shows it before switch_page


# -- in the child process -------------------------------------------------------------------
def _origin(view: str) -> tuple[str, bool]:
    """The project function that issued a statement (innermost frame outside `Store.query_*` and the
    bench) and whether the page's own script is on the stack (else: the app frame or another page)."""
    frames, frame = [], sys._getframe(2)
    while frame is not None:  # innermost first; cheaper than traceback (the cold run is timed)
        frames.append((frame.f_code.co_filename, frame.f_code.co_name))
        frame = frame.f_back
    file, function = next(((f, n) for f, n in frames if f.startswith(str(PROJECT)) and not f.startswith(
        str(PROJECT / "bench")) and n not in ("query_df", "query_value")), frames[0])
    return f"{Path(file).relative_to(PROJECT) if file.startswith(str(PROJECT)) else file}:{function}", any(
        f.endswith(view) for f, _ in frames)


def one_case(target: str, case: int, runs: int) -> dict:
    """`pages.one_page` for CASES[case] on `target` (a file or a DuckLake URL), plus each distinct
    statement the page's script issued, timed bare on its own (slowest first), and what the last
    warm run still asked the database (`warm_statements`: count, seconds, most frequent origins).
    The app's default page runs before `one_page` switches to it, so for that page the cached
    results are dropped at the switch: its cold run is cold too."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    name, view, params = CASES[case]
    pages.PAGES[name] = (view, params)
    seen: dict[tuple, tuple] = {}
    last = {"n": 0, "s": 0.0, "origins": Counter()}
    original_df, original_value, original_run, original_switch = (
        Store.query_df, Store.query_value, AppTest.run, AppTest.switch_page)

    def note(original):
        def wrapper(self, sql, params=None):
            origin, own = _origin(view)
            if own:
                seen.setdefault((sql, repr(params)), (self, sql, params, origin))
            t0 = time.perf_counter()
            try:
                return original(self, sql, params)
            finally:
                last["n"] += 1
                last["s"] += time.perf_counter() - t0
                last["origins"][origin] += 1
        return wrapper

    def run(self, *args, **kwargs):  # the counts start again with every script run
        last.update(n=0, s=0.0, origins=Counter())
        return original_run(self, *args, **kwargs)

    def switch_page(self, page):
        if page == DEFAULT_VIEW:
            st.cache_data.clear()
        return original_switch(self, page)

    with (mock.patch.object(Store, "query_df", note(original_df)),
          mock.patch.object(Store, "query_value", note(original_value)),
          mock.patch.object(AppTest, "run", run), mock.patch.object(AppTest, "switch_page", switch_page)):
        result = pages.one_page(target, name, runs)  # one_page only does str(db): a URL passes as it is
    result["warm_statements"] = {"n": last["n"], "s": last["s"], "origins": last["origins"].most_common(3)}

    def alone(store: Store, sql: str, params) -> float:  # once; the median of `runs` if under a second
        def once() -> None:
            with store.cursor() as cur:
                cur.execute(sql, params or []).df()
        first = timed(once)
        return first if first > TARGET else pages.bare_timing([(store, sql, params)], runs)

    statements = [{"origin": origin, "sql": " ".join(sql.split())[:160], "s": alone(store, sql, params)}
                  for store, sql, params, origin in seen.values()]
    result["statements"] = sorted(statements, key=lambda s: -s["s"])[:5]
    return result


def one_refresh(target: str, runs: int) -> dict:
    """bench/refresh.py's `measure` with the group of all Germany (its module constant)."""
    refresh.GROUP = peers.GERMANY
    return refresh.measure(target, runs)


# -- in the parent ----------------------------------------------------------------------------
def _child(args: list[str], env: dict, timeout: float = 1200) -> dict:
    """Run `python -m bench.germany <args>` and return its JSON, or {"error": …} on failure."""
    try:
        out = subprocess.run([sys.executable, "-m", "bench.germany", *args], cwd=PROJECT, env=env,
                             capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"error": f"Zeitüberschreitung nach {timeout:.0f} s"}
    if out.returncode:
        return {"error": out.stderr.strip()[-3000:]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure_mode(target: str, env: dict, runs: int, log=print) -> dict:
    """Every case on one store (a file or a DuckLake URL), each in a fresh process; keyed by case index."""
    results: dict = {}
    for i, (name, _, params) in enumerate(CASES):
        r = results[i] = _child(["--db", target, "--one-case", str(i), "--runs", str(runs)], env)
        label = f"{name} {params.get('gruppe') or params.get('ags') or ''}".strip()
        w = r.get("warm_statements", {})
        origins = ", ".join(f"{n}× {o.split(':')[-1]}" for o, n in w.get("origins", []))
        log(f"    {label}: " + (f"warm {r['warm']:.3f} s (darin {w['n']} Abfragen, {w['s']:.3f} s: {origins}), "
                                 f"kalt {r['cold']:.3f} s, roh {r['bare']:.3f} s" if "error" not in r else "FEHLER"),
            flush=True)
    return results


def _pg_bin() -> Path:
    for candidate in [os.environ.get("BUERGERNAH_PG_BIN", ""), *sorted(
            glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name), reverse=True)]:
        if candidate and (Path(candidate) / "initdb").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    if not found:
        raise RuntimeError("PostgreSQL-Serverprogramme fehlen: make postgres (oder BUERGERNAH_PG_BIN setzen)")
    return Path(found).resolve().parent


@contextmanager
def postgres() -> Iterator[str]:
    """A private PostgreSQL server on a free port of 127.0.0.1; yields the `postgresql://` URL of an
    empty database owned by the app's role. Stopped and removed at the end."""
    pg_bin = _pg_bin()
    root = Path(tempfile.mkdtemp(prefix="buergernah-bench-pg-"))
    root.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PG", "LC_", "LANG"))}
    as_postgres = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        subprocess.run(["chown", "-R", "postgres:postgres", str(root)], check=True)
        as_postgres = ["runuser", "-u", "postgres", "--"]
    data = root / "data"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]

    def run(*command: str) -> None:
        subprocess.run([*as_postgres, *command], env=env, check=True, capture_output=True, text=True)

    try:
        run(str(pg_bin / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        run(str(pg_bin / "pg_ctl"), "-D", str(data), "-l", str(root / "server.log"), "-o",
            f"-p {port} -k {root} -c listen_addresses=127.0.0.1", "-w", "-t", "60", "start")
        for sql in (f"CREATE ROLE {ROLE} LOGIN", f"GRANT SET ON PARAMETER lc_messages TO {ROLE}",
                    f"CREATE DATABASE lake OWNER {ROLE}"):
            run(str(pg_bin / "psql"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-v", "ON_ERROR_STOP=1",
                "-Atc", sql)
        yield f"postgresql://{ROLE}@127.0.0.1:{port}/lake"
    finally:
        subprocess.run([*as_postgres, str(pg_bin / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
                       env=env, capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def dataset(db: Path) -> dict:
    with Store(db, read_only=True) as store:
        row = store.query_df("""
            SELECT (SELECT count(*) FROM core.municipalities) AS municipalities,
                   (SELECT count(DISTINCT ags) FROM core.accounts) AS towns,
                   (SELECT count(*) FROM core.accounts) AS accounts,
                   (SELECT count(*) FROM core.mat_posts) AS posts,
                   (SELECT count(*) FROM core.daily_values) AS daily_values,
                   (SELECT count(*) FROM core.mat_daily) AS account_days""").iloc[0]
    return {**{k: int(v) for k, v in row.items()}, "file_mb": db.stat().st_size / 1e6}


def _fmt(r: dict | None, key: str) -> str:
    if not r or "error" in r:
        return "FEHLER" if r else "–"
    return f"{r[key]:.3f}"


def table(results: dict[str, dict]) -> str:
    """The compact German table: per case and mode warm, cold, bare and warm/bare; ⚠ from 1 s warm."""
    modes = list(results)
    head = f"{'Seite':<14}{'Gruppe/Gemeinde':<17}" + "".join(
        f"│ {m + ': warm':>16} {'kalt':>7} {'roh':>7} {'warm/roh':>8} " for m in modes)
    lines = [head, "─" * len(head)]
    for i, (name, _, params) in enumerate(CASES):
        line = f"{name:<14}{params.get('gruppe') or params.get('ags') or '–':<17}"
        for m in modes:
            r = results[m].get(i)
            ok = r and "error" not in r
            ratio = f"{r['warm'] / r['bare']:.2f}" if ok and r["queries"] and r["bare"] else "–"
            flag = "⚠" if ok and r["warm"] >= TARGET else " "
            line += f"│ {flag}{_fmt(r, 'warm'):>15} {_fmt(r, 'cold'):>7} {_fmt(r, 'bare'):>7} {ratio:>8} "
        lines.append(line)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict:
    warnings.filterwarnings("ignore")
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=str(scale.GERMANY_DB), help="the dataset (a file; in the child also a URL)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-ducklake", action="store_true", help="only the embedded file")
    parser.add_argument("--regenerate", action="store_true", help="generate the dataset anew")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--one-case", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--refresh", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one_case is not None:
        print(json.dumps(one_case(args.db, args.one_case, args.runs)))
        return {}
    if args.refresh:
        print(json.dumps(one_refresh(args.db, args.runs)))
        return {}

    db = Path(args.db)
    generated = None
    if args.regenerate or not db.exists():
        t0 = time.perf_counter()
        scale.main(["--germany", "--db", str(db)])
        generated = time.perf_counter() - t0
    t0 = time.perf_counter()
    with Store(db) as store:  # migrations and copies brought up to this code's version, outside the timings
        sources.refresh(store)
    settled = time.perf_counter() - t0
    data = {**dataset(db), "generated_s": generated, "settled_s": settled}
    print(f"Datensatz {db}: {data['towns']:,} von {data['municipalities']:,} Gemeinden mit Konten, "
          f"{data['accounts']:,} Konten, {data['posts']:,} Beiträge, {data['daily_values']:,} Tageswerte "
          f"({data['account_days']:,} Konto-Tage), {data['file_mb']:,.0f} MB"
          + (f"; erzeugt in {generated:.0f} s" if generated else "")
          + (f"; Migration/Kopien nachgezogen in {settled:.0f} s" if settled > 2 else "") + f"; {os.cpu_count()} CPUs",
          flush=True)

    env = {k: v for k, v in os.environ.items() if not k.startswith("BUERGERNAH_")}
    results: dict[str, dict] = {}
    print("  eingebettet:", flush=True)
    results["eingebettet"] = measure_mode(str(db), env, args.runs)
    with tempfile.TemporaryDirectory() as tmp:  # the refresh writes to a copy; the dataset stays as generated
        shutil.copy(db, Path(tmp) / db.name)
        results["eingebettet"]["refresh"] = _child(["--db", str(Path(tmp) / db.name), "--refresh",
                                                    "--runs", str(args.runs)], env)
    if not args.no_ducklake:
        try:
            data.update(measure_lake(db, env, args.runs, results))
        except (RuntimeError, subprocess.CalledProcessError) as exc:  # the embedded figures are still reported
            results["DuckLake"] = {"move": {"error": str(exc)[-3000:]}}
    report(results)
    summary = {"dataset": data, "results": results}
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1, ensure_ascii=False), encoding="utf-8")
    return summary


def measure_lake(db: Path, env: dict, runs: int, results: dict) -> dict:
    """The dataset moved into a throwaway DuckLake, the cases and the refresh figure on it (into
    `results["DuckLake"]`); returns the move's seconds and the Parquet files' size."""
    with postgres() as url, tempfile.TemporaryDirectory(prefix="buergernah-bench-lake-") as lake_dir:
        t0 = time.perf_counter()
        move = subprocess.run([sys.executable, "-m", "connectors", "move-to-ducklake", "--db", str(db), "--to", url,
                               "--data-path", lake_dir], cwd=PROJECT, env=env, capture_output=True, text=True)
        moved = {"move_s": time.perf_counter() - t0,
                 "lake_mb": sum(f.stat().st_size for f in Path(lake_dir).rglob("*") if f.is_file()) / 1e6}
        if move.returncode:
            raise RuntimeError(f"move-to-ducklake: {move.stderr[-3000:]}")
        print(f"  DuckLake (move-to-ducklake {moved['move_s']:.0f} s, {moved['lake_mb']:,.0f} MB Parquet):", flush=True)
        lake_env = {**env, "BUERGERNAH_DB": url, "BUERGERNAH_DATA_PATH": lake_dir}
        results["DuckLake"] = measure_mode(url, lake_env, runs)
        results["DuckLake"]["refresh"] = _child(["--db", url, "--refresh", "--runs", str(runs)], lake_env)
    return moved


def report(results: dict[str, dict]) -> None:
    print(table(results))
    print(f"Ziel: jede Seite < {TARGET:.0f} s warm (⚠ darüber); roh = die aufgezeichneten Abfragen der Seite "
          "auf einem frischen Cursor; kalt = erster Aufruf mit leeren Caches.")
    for mode, r in results.items():
        f = r.get("refresh")
        if not f:
            continue
        if "error" in f:
            print(f"Nach einem Import ({mode}): FEHLER\n{f['error']}")
            continue
        print(f"Vergleich deutschland nach einem Import ({mode}): warm {f['warm']:.3f} s, neu berechnet "
              f"{f['recompute']:.3f} s (Ziel jeweils ≤ 1,5 × warm)")
        for what, key in (("Import", "import"), ("Rückgängig", "undo")):
            print(f"  {what} {f[f'{key}_write']:.3f} s; erste Ansicht sofort danach {f[f'after_{key}']:.3f} s = "
                  f"{f[f'after_{key}'] / f['warm']:.2f} × warm; die App war {f[f'{key}_caught_up']:.3f} s danach "
                  f"nachgezogen, erste Ansicht dann {f[f'after_{key}_caught_up']:.3f} s = "
                  f"{f[f'after_{key}_caught_up'] / f['warm']:.2f} × warm")
    print("Langsamste Abfragen (einzeln, roh):")
    for mode, r in results.items():
        rows = [(s["s"], CASES[i][0], CASES[i][2].get("gruppe", ""), s) for i, c in r.items()
                if isinstance(i, int) and "error" not in c for s in c["statements"]]
        for seconds, name, group, s in sorted(rows, key=lambda x: -x[0])[:8]:
            print(f"  {mode:<11} {seconds:7.3f} s  {name} {group}  {s['origin']}: {s['sql'][:90]}")
    for mode, r in results.items():
        for i, c in r.items():
            if "error" in c:
                print(f"FEHLER {mode} {CASES[i][0] if isinstance(i, int) else i}:\n{c['error']}")


if __name__ == "__main__":
    main()
