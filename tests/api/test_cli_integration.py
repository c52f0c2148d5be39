"""Integration: the real CLI (`python -m connectors pull`) against a local HTTP server on 127.0.0.1
that serves recorded JSON with real headers, status codes and delays, into a temporary database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from analytics.store import Store
from connectors.api.common import today_berlin
from tests.api import recorded
from tests.api.conftest import AGS
from tests.api.server import RecordedServer

PROJECT = Path(__file__).resolve().parents[2]
TOKEN = "EAAIntegrationSecretToken987654"


def cli(db: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("BUERGERNAH_")}
    environment.update({"BUERGERNAH_SECRETS": str(db.parent / "none.toml"), **(env or {})})
    return subprocess.run([sys.executable, "-m", "connectors", "pull", "--db", str(db), *args], cwd=PROJECT,
                          env=environment, capture_output=True, text=True, timeout=120)


def test_mastodon_cli_pull(tmp_path):
    calls = {"statuses": 0}

    def route(path, query, headers):
        if path == "/api/v1/accounts/lookup":
            if query.get("acct") == "stadt":
                return 200, {"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "298"}, recorded.MASTODON_ACCOUNT
            return 404, {}, {"error": "Record not found"}
        if path == "/api/v1/accounts/109283749/statuses":
            calls["statuses"] += 1
            if calls["statuses"] == 1:  # the server is busy once: the client must honour Retry-After
                return 429, {"Retry-After": "1"}, {"error": "Too many requests"}
            if "max_id" not in query:
                assert query == {"limit": "40", "exclude_reblogs": "true"}
                link = (f'<{server.base}{path}?limit=40&exclude_reblogs=true&max_id=113500000000000004>; rel="next", '
                        f'<{server.base}{path}?min_id=113500000000000006>; rel="prev"')
                return 200, {"Link": link, "X-RateLimit-Remaining": "297", "X-Test-Delay": "0.2"}, recorded.PAGE_1
            if query["max_id"] == "113500000000000004":
                return 200, {"X-RateLimit-Remaining": "296"}, recorded.PAGE_2
            return 200, {}, []
        return None

    db = tmp_path / "pull.duckdb"
    with RecordedServer(route) as server:
        source = f"mastodon:{server.base}/@stadt"
        done = cli(db, "--municipality", AGS, source)
        assert done.returncode == 0, done.stderr + done.stdout
        assert "abgerufen" in done.stdout and "mastodon:stadt@127.0.0.1" in done.stdout
        assert calls["statuses"] == 3  # 429, page 1, page 2 (followed through the Link header)
        # an unknown account fails, with the reason, and a non-zero exit status
        failed = cli(db, "--municipality", AGS, f"mastodon:{server.base}/@niemand")
        assert failed.returncode == 1
        assert "FEHLER" in failed.stderr and "nicht gefunden" in failed.stderr
        # the registry drives a pull without SOURCE: the registered account comes from the same server
        again = cli(db)
        assert again.returncode == 0, again.stderr
        assert "unverändert" in again.stdout

    today = today_berlin()
    key = f"mastodon:stadt@127.0.0.1:{server.port}"
    with Store(db) as store:
        posts = store.query_df("SELECT * FROM mart.posts WHERE account_key = ?", [key])
        assert len(posts) == 3 and posts["likes"].sum() == 12 + 30 + 7 and posts["shares"].sum() == 15
        assert posts["comments"].sum() == 6 and posts["ags"].unique().tolist() == [AGS]
        daily = store.query_df("SELECT day, followers FROM mart.account_daily WHERE account_key = ?", [key])
        assert daily["followers"].tolist() == [1532] and daily["day"].dt.date.tolist() == [today]
        assert store.query_value("SELECT url FROM mart.accounts WHERE account_key = ?", [key]) == \
            f"{server.base}/@stadt"
        runs = store.query_df("SELECT status FROM core.pull_runs ORDER BY run_id")["status"].tolist()
        assert runs == ["ok", "failed", "unchanged"]
        assert store.query_value("SELECT count(*) FROM mart.imports WHERE imported_by LIKE 'cli:%'") == 1


def test_meta_graph_cli_pull(tmp_path):
    seen_tokens = set()

    def route(path, query, headers):
        seen_tokens.add(query.get("access_token"))
        if query.get("access_token") != TOKEN:
            return 400, {}, recorded.GRAPH_EXPIRED
        usage = {"x-app-usage": json.dumps({"call_count": 5, "total_cputime": 2, "total_time": 3})}
        page, ig = f"/v24.0/{recorded.PAGE_ID}", f"/v24.0/{recorded.IG_ID}"
        if path == page:
            return 200, usage, recorded.PAGE_NODE
        if path == f"{page}/insights":
            metrics = query["metric"].split(",")
            if "page_post_engagements" in metrics:
                return 400, usage, recorded.GRAPH_INVALID_METRIC
            return 200, usage, {"data": [e for e in recorded.PAGE_INSIGHTS["data"] if e["name"] in metrics]}
        if path == f"{page}/posts":
            if "after" in query:
                return 200, usage, recorded.FB_POSTS_2
            body = json.loads(json.dumps(recorded.FB_POSTS_1).replace(
                "__NEXT__", f"{server.base}{page}/posts?after=QVFIUb&limit=100&access_token={TOKEN}"))
            return 200, usage, body
        if path.endswith("/insights") and "_9000" in path:
            post_id = path.split("/")[2]
            return 200, usage, recorded.post_insights(post_id, 5000, 3000, 120)
        if path == ig:
            return 200, usage, recorded.IG_NODE
        if path == f"{ig}/insights":
            if query["metric"] == "follower_demographics":
                return 200, usage, recorded.IG_DEMOGRAPHICS
            if query.get("metric_type") == "total_value":
                return 200, usage, recorded.IG_TOTALS
            return 200, usage, recorded.IG_SERIES
        if path == f"{ig}/media":
            return 200, usage, recorded.IG_MEDIA
        if path.startswith("/v24.0/1800000000000000") and path.endswith("/insights"):
            return 200, usage, recorded.ig_media_insights(5200, 3100, 44, 21)
        return None

    db = tmp_path / "meta.duckdb"
    with RecordedServer(route) as server:
        env = {"BUERGERNAH_META_BASE_URL": server.base, "BUERGERNAH_META_TOKEN": TOKEN}
        done = cli(db, "--municipality", AGS, "--since", "2026-11-19",
                   f"facebook:{recorded.PAGE_ID}", f"instagram:{recorded.IG_ID}", env=env)
        assert done.returncode == 0, done.stderr + done.stdout
        assert "page_post_engagements" in done.stderr  # reported, not fatal
        assert TOKEN not in done.stdout + done.stderr
        expired = cli(db, f"facebook:{recorded.PAGE_ID}", env={**env, "BUERGERNAH_META_TOKEN": "EAAoldEXPIRED12345"})
        assert expired.returncode == 1 and "erneuern" in expired.stderr
        assert "EAAoldEXPIRED12345" not in expired.stderr + expired.stdout
    with Store(db) as store:
        fb = store.query_df("SELECT * FROM mart.posts WHERE platform = 'facebook'")
        assert len(fb) == 2 and fb["likes"].sum() == 295 and fb["views"].sum() == 10000
        ig = store.query_df("SELECT * FROM mart.posts WHERE platform = 'instagram'")
        assert ig["post_id"].tolist() == ["18000000000000002"]  # the reel is older than --since
        followers = store.query_df("SELECT day, followers FROM mart.account_daily WHERE platform = 'facebook' "
                                   "AND day = DATE '2026-11-20'")
        assert followers["followers"].tolist() == [8110]
        audience = store.query_df("SELECT * FROM mart.audience WHERE platform = 'instagram'")
        assert audience["count"].sum() == 4000 and audience["share"].sum() == pytest.approx(1.0)
        older = audience[audience["age_group"] == "65+"]
        assert older["count"].tolist() == [300] and older["share"].tolist() == [pytest.approx(0.075)]
        stored = " ".join(store.query_df(f"SELECT * FROM {t}").astype(str).to_string()
                          for t in ("core.imports", "core.pull_runs", "core.accounts", "core.settings"))
        assert TOKEN not in stored


def test_youtube_cli_pull(tmp_path):
    def route(path, query, headers):
        if headers.get("authorization") != f"Bearer {TOKEN}":
            return 401, {}, recorded.YT_UNAUTHENTICATED
        if path != "/v2/reports" or query.get("ids") != f"channel=={recorded.CHANNEL_ID}":
            return None
        if query["dimensions"] == "day":
            return 200, {}, recorded.YT_DAILY
        if query["dimensions"] == "ageGroup,gender":
            return 200, {}, recorded.YT_DEMOGRAPHICS
        return 400, {}, {"error": {"code": 400, "message": "Unknown dimension"}}

    db = tmp_path / "yt.duckdb"
    with RecordedServer(route) as server:
        env = {"BUERGERNAH_YOUTUBE_BASE_URL": server.base, "BUERGERNAH_YOUTUBE_TOKEN": TOKEN}
        done = cli(db, "--municipality", AGS, "--since", "2026-11-19", f"youtube:{recorded.CHANNEL_ID}", env=env)
        assert done.returncode == 0, done.stderr + done.stdout
        bad = cli(db, f"youtube:{recorded.CHANNEL_ID}", env={**env, "BUERGERNAH_YOUTUBE_TOKEN": "ya29.stale-token-x"})
        assert bad.returncode == 1 and "invalid authentication credentials" in bad.stderr
        assert "ya29.stale-token-x" not in bad.stderr + bad.stdout
    with Store(db) as store:
        daily = store.query_df("SELECT * FROM mart.account_daily WHERE platform = 'youtube' ORDER BY day")
        assert daily["views"].tolist() == [120, 150, 90]
        assert daily["followers_gained"].sum() == 12 and daily["followers_lost"].sum() == 4
        audience = store.query_df("SELECT * FROM mart.audience WHERE platform = 'youtube'")
        assert audience["audience"].unique().tolist() == ["viewers"]
        assert audience.set_index(["age_group", "gender"]).loc[("65+", "male"), "share"] == pytest.approx(0.30)
        assert audience["share"].sum() == pytest.approx(1.0)
        assert store.query_value("SELECT ags FROM mart.accounts WHERE platform = 'youtube'") == AGS


def test_schedule_doc_has_cron_and_systemd():
    text = (PROJECT / "docs" / "pull.md").read_text(encoding="utf-8")
    assert "python -m connectors pull" in text and "OnCalendar=" in text and "crontab" in text
