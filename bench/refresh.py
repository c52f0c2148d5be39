"""Refresh after a write at NRW scale: the first Vergleich view (all 396 towns) after a small
import, and after its undo, against the same page warm — measured in one process, in one run.

    python -m bench.refresh [--db data/bench_nrw.duckdb] [--runs 5]

The import is a 4-post Meta export of a new page in Köln, written through the CLI's path
(`connectors.actions`, which brings the materialised copies up to date for that account in the
import's transaction). The page is viewed twice per write: at once (racing the app's catch-up,
which brings the results the page asked for up to date for the changed town; ui/state.py), and
once the app has caught up (how long after the write that was is reported too).
Target (issue 14): first view after the import ≤ 1.5 × warm, and the same after the undo. Warm
pages answer from Streamlit's caches; the first view after any write recomputes (new data
version), so the page is also timed with its caches dropped and no write ("recomputed"): the
difference to that is what the write left for the page to do.
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import shutil
import statistics
import tempfile
import time
import warnings
from pathlib import Path

from analytics.access import cli_actor
from analytics.store import Store
from bench import scale
from bench.pages import APP, GROUP, PROJECT
from connectors import actions
from connectors.base import ImportContext, SourceFile
from connectors.loader import prepare

EXPORT = PROJECT / "tests" / "fixtures" / "exports" / "meta" / "Sep-01-2025_Sep-30-2025_1039829308656930.csv"


def measure(db: Path, runs: int) -> dict[str, float]:
    """Medians over `runs` of: the warm page, the page recomputed, and `runs` cycles of a 4-post
    import, the first view after it, its undo and the first view after that. Wall seconds and,
    as `*_cpu`, the process's CPU seconds (all threads): less at the mercy of a shared machine."""
    from streamlit.testing.v1 import AppTest

    from ui import state

    os.environ["BUERGERNAH_DB"] = str(db)
    at = AppTest.from_file(APP, default_timeout=600)
    at.query_params["gruppe"] = GROUP
    at.run()
    at.switch_page("views/vergleich.py")
    at.run()
    samples: dict[str, list[tuple[float, float]]] = {}

    def sample(name: str, fn) -> None:
        cpu, wall = _cpu(), time.perf_counter()
        fn()
        samples.setdefault(name, []).append((time.perf_counter() - wall, _cpu() - cpu))

    def recompute() -> None:  # the page with every cached result dropped, the database unchanged
        state.forget_results()
        at.run()

    for _ in range(runs):
        sample("warm", at.run)
    for _ in range(runs):
        sample("recompute", recompute)
    at.run()
    data = EXPORT.read_bytes().replace(b"100012345678901", b"100077777777777")
    caught = state._catch_up(str(db))  # the app's catch-up after writes (ui/state.py)

    def write(name: str, body, wait: bool) -> None:
        with Store(db) as store:
            sample(f"{name}_write", lambda: body(store))
            seq = store.query_value("SELECT max(seq) FROM core.mat_changes")
        if wait:  # until the app has caught up with the write (how long that took is reported)
            started = time.perf_counter()
            while caught.get("seq") != seq and time.perf_counter() - started < 30:
                time.sleep(0.005)
            samples.setdefault(f"{name}_caught_up", []).append((time.perf_counter() - started, 0.0))
        sample(f"after_{name}{'_caught_up' if wait else ''}", at.run)

    for wait in (False, True):  # the view at once after the write, then once the app has caught up
        for _ in range(runs):
            imported: list[int] = []

            def add(store) -> None:
                plan = prepare(store, SourceFile("klein.csv", data), ImportContext(municipality="05315000"))
                imported.append(actions.commit_import(store, cli_actor(), plan))  # noqa: B023

            write("import", add, wait)
            write("undo", lambda store: actions.undo(store, cli_actor(), imported[0]), wait)  # noqa: B023
            if at.exception:
                raise RuntimeError(at.exception[0].message)
    result = {}
    for name, values in samples.items():
        result[name] = statistics.median(wall for wall, _ in values)
        result[f"{name}_cpu"] = statistics.median(cpu for _, cpu in values)
    return result


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> dict:
    warnings.filterwarnings("ignore")
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=scale.DEFAULT_DB)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    if not args.db.exists():
        scale.main(["--db", str(args.db)])
    with tempfile.TemporaryDirectory() as tmp:  # the writes go to a copy; the dataset stays as generated
        copy = Path(tmp) / args.db.name
        shutil.copy(args.db, copy)
        r = measure(copy, args.runs)
    print(f"Vergleich ({GROUP}), medians of {args.runs}: warm {r['warm']:.3f} s (CPU {r['warm_cpu']:.3f} s, cached "
          f"results); recomputed without a write {r['recompute']:.3f} s (CPU {r['recompute_cpu']:.3f} s, caches dropped)")
    for what, key in (("4-post import", "import"), ("its undo", "undo")):
        view, cpu = r[f"after_{key}"], r[f"after_{key}_cpu"]
        later = r[f"after_{key}_caught_up"]
        print(f"  {what}: write incl. refresh {r[f'{key}_write']:.3f} s; first view at once after it {view:.3f} s = "
              f"{view / r['warm']:.2f} × warm (CPU {cpu:.3f} s = {cpu / r['warm_cpu']:.2f} × warm), "
              f"{view / r['recompute']:.2f} × recomputed; the app caught up {r[f'{key}_caught_up']:.3f} s after the "
              f"write, first view then {later:.3f} s = {later / r['warm']:.2f} × warm (target ≤ 1.5 × warm)")
    return r

if __name__ == "__main__":
    main()
