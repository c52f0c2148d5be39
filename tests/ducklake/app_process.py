"""An app process for tests/ducklake/test_concurrency.py: uses the store the way ui/state.py does
(one `Store` per process, short idle time, page queries through the analytics functions) in a loop
until the file named by argv[1] exists, and prints a JSON summary.

Each round also reads, in one query (one snapshot), the posts the import history says are there
and the posts actually there: they must always agree, or a reader saw half an import.
"""

from __future__ import annotations

import json
import sys
import time
import traceback
from datetime import date
from pathlib import Path

from analytics import benchmark, sources
from analytics.store import Store

CHECK = """
SELECT (SELECT coalesce(sum(rows), 0) FROM core.imports WHERE status = 'imported' AND format = 'meta_posts'),
       (SELECT count(*) FROM core.post_snapshots s JOIN core.imports i USING (import_id)
        WHERE i.status = 'imported' AND i.format = 'meta_posts')
"""

MIN_ROUNDS = 6


def main(stop: Path) -> int:
    store = Store(idle_seconds=1.0, lock_wait=20)
    rounds, errors, torn, seen = 0, [], 0, set()
    deadline = time.monotonic() + 600
    # Reads go on until the test says stop, and at least MIN_ROUNDS times: how many fit in while the
    # writers run depends on the machine's load, which the test must not.
    while (not stop.exists() or rounds < MIN_ROUNDS) and time.monotonic() < deadline:
        try:
            store.data_version()
            sources.relations(store)
            benchmark.town_metrics(store, "nordkreis", date(2025, 1, 1), date(2025, 12, 31))
            with store.cursor() as cur:
                listed, stored = cur.execute(CHECK).fetchone()
            torn += listed != stored
            seen.add(int(stored))
            rounds += 1
        except Exception:  # reported to the test, which fails on any
            errors.append(traceback.format_exc(limit=3))
        time.sleep(0.05)
    store.close()
    print(json.dumps({"rounds": rounds, "errors": errors[:5], "torn": torn, "seen": sorted(seen)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
