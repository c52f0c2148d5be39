"""The hostile corpus (tests/fixtures/hostile/make_corpus.py) through the CLI import, one fresh
process per file, like bench.imports.

    python -m bench.hostile [--small-only] [--timeout 60]

Per file: wall time, peak RSS (from wait4) and the outcome — a clear error (exit 1, one
`FEHLER <file>: <sentence>` line, no traceback), an import, a crash (a traceback or any other exit),
a hang (over 30 s) — and whether the database changed although the file was refused (core tables
compared by content). Printed per class: the worst time and peak RSS with their files and the
counts. Targets (issue "Hostile files and safe display"): every file refused or imported within
30 s and at most 300 MB above its size limit, over what the CLI needs to refuse an empty file
("Grundbedarf"); no crash, no hang, no database change; each refusal the sentence the corpus expects.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import duckdb

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))
from tests.fixtures.hostile import make_corpus  # noqa: E402

TARGET_SECONDS = 30
HEADROOM_MB = 300
GERMAN = re.compile(r"[äöüßÄÖÜ]|\b(der|die|das|ist|nicht|bitte|kein|keine|hat|Zeile|Spalte|Datei|abgelehnt)\b")
CLASSES = ["size", "zip", "workbook", "text", "values", "valid"]


@dataclass
class Run:
    case: make_corpus.Case
    seconds: float
    peak_mb: float
    outcome: str  # "error", "imported", "crash", "hang"
    message: str
    db_changed: bool
    as_expected: bool


def fingerprint(db: Path) -> dict[str, str]:
    with duckdb.connect(str(db), read_only=True) as con:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'core'").fetchall()]
        return {t: con.execute(f"SELECT md5(coalesce(string_agg(x::VARCHAR, '|' ORDER BY x::VARCHAR), '')) "
                               f"FROM core.{t} x").fetchone()[0] for t in tables}


def run_cli(path: Path, db: Path, limit_mb: int, timeout: float) -> tuple[float, float, int | None, str]:
    """Wall time, peak RSS (MB), exit code (None: killed after `timeout`) and stderr of one import."""
    env = {**os.environ, "BUERGERNAH_MAX_FILE_MB": str(limit_mb)}
    command = [sys.executable, "-m", "connectors", "import", "--db", str(db), "--municipality",
               make_corpus.MUNICIPALITY, "--platform", make_corpus.PLATFORM, str(path)]
    started = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                _, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.02)
        elapsed = time.perf_counter() - started
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    code = os.waitstatus_to_exitcode(status) if elapsed <= timeout else None
    return elapsed, usage.ru_maxrss / 1024, code, stderr


def classify(case: make_corpus.Case, path: Path, code: int | None, stderr: str, seconds: float) -> tuple[str, str]:
    line = next((x for x in stderr.splitlines() if x.startswith("FEHLER ")), "")
    if code is None or seconds > TARGET_SECONDS:
        return "hang", line
    if "Traceback" in stderr or code not in (0, 1):
        return "crash", stderr.strip().splitlines()[-1] if stderr.strip() else f"Exit {code}"
    if code == 0:
        return "imported", ""
    if line.startswith(f"FEHLER {path.name}: ") and GERMAN.search(line):
        return "error", line.removeprefix(f"FEHLER {path.name}: ")
    return "crash", line or stderr.strip()[-200:]


def fresh(template: Path, db: Path) -> None:
    """A copy of the migrated, empty database (without a write-ahead log of an earlier run)."""
    Path(f"{db}.wal").unlink(missing_ok=True)
    shutil.copy(template, db)


def migrate(db: Path) -> dict[str, str]:
    subprocess.run([sys.executable, "-m", "connectors", "migrate", "--db", str(db)], cwd=PROJECT, check=True,
                   capture_output=True)
    return fingerprint(db)


def measure(cases: list[tuple[make_corpus.Case, Path]], folder: Path, timeout: float) -> tuple[list[Run], float]:
    template = folder / "template.duckdb"
    clean = migrate(template)
    empty = folder / "leer.csv"
    empty.write_bytes(b"")
    db = folder / "run.duckdb"
    fresh(template, db)
    floor = run_cli(empty, db, make_corpus.LIMIT_MB, timeout)[1]
    runs = []
    for case, path in cases:
        fresh(template, db)
        seconds, peak, code, stderr = run_cli(path, db, case.limit_mb, timeout)
        outcome, message = classify(case, path, code, stderr, seconds)
        changed = outcome != "imported" and fingerprint(db) != clean
        if changed and migrate(template) != clean:  # a migration added meanwhile (the repo is worked on)
            clean = fingerprint(template)
            changed = fingerprint(db) != clean
        expected = (outcome == "imported") if case.expect is None else \
            (outcome == "error" and re.fullmatch(f"(?:{case.expect})", message, re.S) is not None)
        runs.append(Run(case, seconds, peak, outcome, message, changed, expected))
        print(f"  {case.kind:8} {case.name:36} {seconds:6.2f} s {peak:7.0f} MB  {outcome:8} "
              f"{'' if expected else '(nicht wie erwartet) '}{message[:110]}", flush=True)
    return runs, floor


def table(runs: list[Run], floor: float) -> str:
    by_class: dict[str, list[Run]] = defaultdict(list)
    for run in runs:
        by_class[run.case.kind].append(run)
    header = (f"{'Klasse':9} {'Dateien':>7} {'max. Zeit':>10} {'max. RSS':>9} {'über Budget':>11} {'klare Fehler':>12} "
              f"{'importiert':>10} {'Absturz':>7} {'hängt':>5} {'DB geändert':>11} {'wie erwartet':>12}  schlimmste Datei")
    lines = [header, "-" * len(header)]
    for kind in CLASSES + sorted(set(by_class) - set(CLASSES)):
        group = by_class.get(kind, [])
        if not group:
            continue
        slow = max(group, key=lambda r: r.seconds)
        big = max(group, key=lambda r: r.peak_mb)
        over = sum(r.peak_mb - floor > r.case.limit_mb + HEADROOM_MB for r in group)
        count = {o: sum(r.outcome == o for r in group) for o in ("error", "imported", "crash", "hang")}
        lines.append(f"{kind:9} {len(group):7} {slow.seconds:8.2f} s {big.peak_mb:6.0f} MB {over:11} {count['error']:12} "
                     f"{count['imported']:10} {count['crash']:7} {count['hang']:5} {sum(r.db_changed for r in group):11} "
                     f"{sum(r.as_expected for r in group):5}/{len(group):<6}  Zeit: {slow.case.name}, RSS: {big.case.name}")
    total = {o: sum(r.outcome == o for r in runs) for o in ("error", "imported", "crash", "hang")}
    lines.append("-" * len(header))
    lines.append(f"{'alle':9} {len(runs):7} {max(r.seconds for r in runs):8.2f} s {max(r.peak_mb for r in runs):6.0f} MB "
                 f"{sum(r.peak_mb - floor > r.case.limit_mb + HEADROOM_MB for r in runs):11} {total['error']:12} "
                 f"{total['imported']:10} {total['crash']:7} {total['hang']:5} {sum(r.db_changed for r in runs):11} "
                 f"{sum(r.as_expected for r in runs):5}/{len(runs):<6}")
    lines.append(f"Grundbedarf (leere Datei abgelehnt): {floor:.0f} MB; Budget je Datei: Grundbedarf + Größenlimit "
                 f"(meist {make_corpus.LIMIT_MB} MB) + {HEADROOM_MB} MB; Zeitziel {TARGET_SECONDS} s.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small-only", action="store_true", help="only the committed small files")
    parser.add_argument("--timeout", type=float, default=60, help="kill a run after this many seconds (a hang)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        large = None if args.small_only else folder / "large"
        if large:  # written by another process: a child's peak RSS counts its parent's at the start
            subprocess.run([sys.executable, str(make_corpus.HERE / "make_corpus.py"), "--large", str(large)],
                           cwd=PROJECT, check=True, stdout=subprocess.DEVNULL)
        cases = make_corpus.files(large)
        print(f"Feindliches Korpus: {len(cases)} Dateien, je ein CLI-Import in einem eigenen Prozess", flush=True)
        runs, floor = measure(cases, folder, args.timeout)
    print(table(runs, floor))
    return {"files": len(runs), "crashes": sum(r.outcome == "crash" for r in runs),
            "hangs": sum(r.outcome == "hang" for r in runs), "db_changes": sum(r.db_changed for r in runs),
            "unexpected": sum(not r.as_expected for r in runs)}


if __name__ == "__main__":
    main()
