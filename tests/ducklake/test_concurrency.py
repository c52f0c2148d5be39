"""One DuckLake store, many processes: two app processes reading pages in a loop, three CLI importers
with several files each and an API pull, all at once; then every file is imported exactly once and
the totals in SQL equal the sums of the inputs. An importer killed with SIGKILL in the middle of an
import leaves no half import."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from analytics.store import Store
from connectors.demo import FB_HEADER, _csv, _meta_daily
from tests.api import recorded
from tests.api.server import RecordedServer
from tests.ducklake.conftest import PROJECT, cli_env

TOWNS = ["05334004", "05334008", "05334016"]  # Alsdorf, Baesweiler, Herzogenrath (Nordkreis)
PULL_TOWN = "05334036"                          # Würselen


def _posts_file(folder: Path, town: int, part: int, posts: int, rng: random.Random) -> tuple[Path, dict]:
    """A Meta Business Suite post export of the town's page (one month per part), and its sums."""
    page_id = f"2000{town}{TOWNS[town]}"
    first = date(2025, 1 + part, 1)
    last = first + timedelta(days=27)
    rows, sums = [FB_HEADER], {"posts": posts, "interactions": 0, "views": 0}
    for i in range(posts):
        at = datetime(first.year, first.month, 1 + i % 28, 9 + i % 8, 15)
        likes, comments, shares, views = rng.randint(0, 90), rng.randint(0, 9), rng.randint(0, 9), rng.randint(50, 999)
        sums["interactions"] += likes + comments + shares
        sums["views"] += views
        post_id = f"{page_id}_{part}{i:04d}"
        rows.append([post_id, page_id, f"Stadt {town}", f"Beitrag {i}", "", 0, f"{at:%m/%d/%Y %H:%M}", "N/A",
                     f"https://www.facebook.com/{page_id}/posts/{post_id}", 0, 0, "Photos", "", "", "", "",
                     "Lifetime", views, views // 2, likes + comments + shares, likes, comments, shares, 3, 1, 1])
    path = folder / f"{first:%b-%d-%Y}_{last:%b-%d-%Y}_{page_id}{part}.csv"
    path.write_bytes(b"\xef\xbb\xbf" + _csv(rows).encode("utf-8"))
    return path, sums


def _follows_file(folder: Path, town: int, days: int, rng: random.Random) -> tuple[Path, int]:
    series = [(date(2025, 1, 1) + timedelta(days=d), rng.randint(0, 30)) for d in range(days)]
    path = folder / f"Follows ({town}).csv"
    path.write_bytes(_meta_daily("Facebook follows", series))
    return path, sum(v for _, v in series)


def _mastodon(server_holder: dict):
    def route(path, query, headers):
        if path == "/api/v1/accounts/lookup":
            return 200, {}, recorded.MASTODON_ACCOUNT
        if path == "/api/v1/accounts/109283749/statuses":
            if "max_id" not in query:
                base = server_holder["base"]
                return 200, {"Link": f'<{base}{path}?limit=40&exclude_reblogs=true&max_id=113500000000000004>; '
                                     'rel="next"', "X-Test-Delay": "0.3"}, recorded.PAGE_1
            if query["max_id"] == "113500000000000004":
                return 200, {}, recorded.PAGE_2
            return 200, {}, []
        return None
    return route


def _cli(lake: dict, *args: str, **env) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "connectors", *args], cwd=PROJECT, env=cli_env(lake, **env),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_apps_three_importers_and_a_pull_lose_nothing(lake, tmp_path):
    with Store():  # migrated once (the processes would do it too, see test_lake_store)
        pass
    rng = random.Random(7)
    expected = {"posts": 0, "interactions": 0, "views": 0, "gains": 0, "files": 0}
    batches = []
    for town in range(3):
        folder = tmp_path / f"town{town}"
        folder.mkdir()
        files = []
        for part in range(3):
            path, sums = _posts_file(folder, town, part, 20 + 7 * part + town, rng)
            files.append(path)
            for key in ("posts", "interactions", "views"):
                expected[key] += sums[key]
        follows, gains = _follows_file(folder, town, 60 + town, rng)
        files.append(follows)  # after the posts: it belongs to the page they register
        expected["gains"] += gains
        expected["files"] += len(files)
        batches.append((TOWNS[town], files))

    stop = tmp_path / "stop"
    apps = [subprocess.Popen([sys.executable, str(Path(__file__).parent / "app_process.py"), str(stop)], cwd=PROJECT,
                             env=cli_env(lake), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    holder: dict = {}
    with RecordedServer(_mastodon(holder)) as server:
        holder["base"] = server.base
        time.sleep(2)  # the apps are reading before the writers start
        importers = [_cli(lake, "import", "--municipality", ags, *map(str, files)) for ags, files in batches]
        pull = _cli(lake, "pull", "--municipality", PULL_TOWN, f"mastodon:{server.base}/@stadt")
        results = [p.communicate(timeout=400) + (p.returncode,) for p in [*importers, pull]]
    stop.touch()
    reads = [json.loads(app.communicate(timeout=120)[0].strip().splitlines()[-1]) for app in apps]

    for out, err, code in results:
        assert code == 0, out + err
    for read in reads:
        assert read["errors"] == [] and read["rounds"] > 5, read
        assert read["torn"] == 0, read  # never half an import, whatever the moment

    with Store() as store:
        imports = store.query_df("SELECT file_name, sha256, format, status FROM core.imports ORDER BY import_id")
        files = imports[imports["format"] != "mastodon_api"]
        assert len(files) == expected["files"] and files["sha256"].is_unique and set(files["status"]) == {"imported"}
        assert store.query_value("SELECT count(DISTINCT import_id) = count(*) FROM core.imports")
        assert store.query_value("SELECT count(*) FROM core.imports WHERE format = 'mastodon_api'") == 1
        q = store.query_value
        town_posts = "FROM mart.posts WHERE platform = 'facebook'"
        assert q(f"SELECT count(*) {town_posts}") == expected["posts"]
        assert q(f"SELECT sum(likes + comments + shares) {town_posts}") == expected["interactions"]
        assert q(f"SELECT sum(views) {town_posts}") == expected["views"]
        assert q("SELECT sum(followers_gained) FROM mart.account_daily WHERE platform = 'facebook'") == expected["gains"]
        assert q("SELECT sum(value) FROM core.daily_values WHERE metric = 'followers_gained'") == expected["gains"]
        # the pull: its three posts and its follower count, once
        assert q("SELECT count(*) FROM mart.posts WHERE platform = 'mastodon'") == 3
        assert q("SELECT sum(likes) FROM mart.posts WHERE platform = 'mastodon'") == 12 + 30 + 7
        assert q("SELECT list(followers) FROM mart.account_daily WHERE platform = 'mastodon'") == [1532]
        # the copies the pages read agree with the views
        for copy, view in (("core.mat_posts", "mart.posts"), ("core.mat_daily", "mart.account_daily"),
                           ("core.mat_accounts", "mart.accounts")):
            assert q(f"SELECT count(*) FROM {copy}") == q(f"SELECT count(*) FROM {view}"), copy
        assert q("SELECT sum(likes + comments + shares) FROM core.mat_posts WHERE platform = 'facebook'") == \
            expected["interactions"]
        assert q("SELECT count(*) FROM core.audit WHERE action = 'import'") == expected["files"] + 1
        assert q("SELECT count(DISTINCT audit_id) = count(*) FROM core.audit")


def _no_half_import(store: Store) -> None:
    q = store.query_value
    for table in ("core.post_snapshots", "core.daily_values", "core.audience_values", "core.population_official"):
        assert q(f"SELECT count(*) FROM {table} WHERE import_id NOT IN (SELECT import_id FROM core.imports)") == 0
    # every import row has its rows (a posts file: one snapshot per row) and its audit row
    assert q("SELECT count(*) FROM core.imports i WHERE format = 'meta_posts' AND rows <> "
             "(SELECT count(*) FROM core.post_snapshots s WHERE s.import_id = i.import_id)") == 0
    assert q("SELECT count(*) FROM core.imports WHERE CAST(import_id AS VARCHAR) NOT IN "
             "(SELECT target FROM core.audit WHERE action = 'import')") == 0
    assert q("SELECT count(*) FROM core.mat_posts") == q("SELECT count(*) FROM mart.posts")


def test_a_killed_importer_leaves_no_half_import(lake, tmp_path):
    with Store():
        pass
    rng = random.Random(11)
    small, _ = _posts_file(tmp_path, 0, 0, 30, rng)
    big, _ = _posts_file(tmp_path, 1, 1, 60_000, rng)

    # 1. killed after it wrote everything and before its commit (held there by the test hook)
    hold = tmp_path / "holding"
    held = _cli(lake, "import", "--municipality", TOWNS[0], str(small),
                BUERGERNAH_TEST_HOLD_BEFORE_COMMIT=str(hold))
    deadline = time.monotonic() + 120
    while not hold.exists() and held.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert hold.exists(), held.communicate()
    os.kill(held.pid, signal.SIGKILL)
    held.wait(30)
    # 2. killed at some moment while it parses and writes a large export
    timed = _cli(lake, "import", "--municipality", TOWNS[1], str(big))
    time.sleep(4.0)
    os.kill(timed.pid, signal.SIGKILL)
    timed.wait(30)

    with Store() as store:
        assert store.query_value("SELECT count(*) FROM core.imports WHERE file_name = ?", [small.name]) == 0
        _no_half_import(store)
    # the killed imports leave nothing in the way: the same files import completely afterwards
    done = _cli(lake, "import", "--municipality", TOWNS[0], str(small))
    out, err = done.communicate(timeout=300)
    assert done.returncode == 0, out + err
    with Store() as store:
        assert store.query_value("SELECT count(*) FROM mart.posts") == 30 + \
            store.query_value("SELECT coalesce(sum(rows), 0) FROM core.imports WHERE file_name = ?", [big.name])
        _no_half_import(store)
