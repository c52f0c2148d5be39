"""Meta Graph API: Page insights (with a retired metric), posts, Instagram incl. follower_demographics."""

from __future__ import annotations

import json
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
import responses
from responses import matchers

from connectors.api import pull_target
from connectors.api.meta_graph import graph_day, parse_spec
from tests.api import recorded
from tests.api.conftest import AGS, TODAY

ROOT = "https://graph.facebook.com/v24.0"
TOKEN = "EAAGm0PX4ZCpsBAKexpiredTOKENvalue"
PAGE = f"{ROOT}/{recorded.PAGE_ID}"
IG = f"{ROOT}/{recorded.IG_ID}"


@pytest.fixture
def meta_token(monkeypatch):
    monkeypatch.setenv("BUERGERNAH_META_TOKEN", TOKEN)


def page_insights_callback(request):
    """Graph fails a whole request when one metric is unknown; page_post_engagements is retired here."""
    query = parse_qs(urlsplit(request.url).query)
    assert query["access_token"] == [TOKEN] and query["period"] == ["day"]
    metrics = query["metric"][0].split(",")
    if "page_post_engagements" in metrics:
        return 400, {}, json.dumps(recorded.GRAPH_INVALID_METRIC)
    data = [entry for entry in recorded.PAGE_INSIGHTS["data"] if entry["name"] in metrics]
    return 200, {"x-app-usage": json.dumps({"call_count": 3, "total_cputime": 1, "total_time": 2})}, \
        json.dumps({"data": data, "paging": recorded.PAGE_INSIGHTS["paging"]})


def serve_page():
    responses.get(PAGE, json=recorded.PAGE_NODE, match=[matchers.query_param_matcher(
        {"fields": "id,name,link,followers_count", "access_token": TOKEN})])
    responses.add_callback(responses.GET, f"{PAGE}/insights", callback=page_insights_callback)
    page_2 = f"{PAGE}/posts?after=QVFIUb&limit=100&access_token={TOKEN}"
    first = json.loads(json.dumps(recorded.FB_POSTS_1).replace("__NEXT__", page_2))
    responses.get(f"{PAGE}/posts", json=first, match=[matchers.query_param_matcher(
        {"limit": "100", "access_token": TOKEN}, strict_match=False)])
    responses.get(f"{PAGE}/posts", json=recorded.FB_POSTS_2, match=[matchers.query_param_matcher(
        {"after": "QVFIUb", "limit": "100", "access_token": TOKEN})])
    for post_id, figures in ((f"{recorded.PAGE_ID}_900001", (5000, 3000, 120)),
                             (f"{recorded.PAGE_ID}_900000", (800, 600, 10))):
        responses.get(f"{ROOT}/{post_id}/insights", json=recorded.post_insights(post_id, *figures))


def test_graph_day_is_the_pacific_day_that_ends():
    assert graph_day("2025-06-01T07:00:00+0000") == date(2025, 5, 31)
    assert graph_day("2026-11-21T08:00:00+0000") == date(2026, 11, 20)


def test_sources():
    page = parse_spec(f"facebook:{recorded.PAGE_ID}")
    assert (page.key, page.base_url) == (f"facebook:{recorded.PAGE_ID}", ROOT)
    local = parse_spec(f"instagram:http://127.0.0.1:9000/{recorded.IG_ID}")
    assert local.base_url == "http://127.0.0.1:9000/v24.0" and local.ident == recorded.IG_ID
    with pytest.raises(ValueError):
        parse_spec("facebook:stadt.wuerselen")


def test_api_version_is_configurable(monkeypatch):
    monkeypatch.setenv("BUERGERNAH_META_API_VERSION", "v23.0")
    assert parse_spec(f"facebook:{recorded.PAGE_ID}").base_url == "https://graph.facebook.com/v23.0"


@responses.activate
def test_page_pull_skips_a_retired_metric_and_stores_the_rest(store, client, meta_token):
    serve_page()
    result = pull_target(store, parse_spec(f"facebook:{recorded.PAGE_ID}"), municipality=AGS, client=client,
                         today=TODAY, since=date(2026, 11, 19))
    assert result.status == "ok", result.message
    assert any("page_post_engagements" in n and "übersprungen" in n for n in result.notes)
    assert sum("page_post_engagements" in n for n in result.notes) == 1
    daily = store.query_df("SELECT * FROM mart.account_daily ORDER BY day").set_index(
        store.query_df("SELECT day FROM mart.account_daily ORDER BY day")["day"].dt.date)
    day = daily.loc[date(2026, 11, 20)]
    assert (day["followers"], day["followers_gained"], day["followers_lost"]) == (8110, 12, 2)
    assert (day["views"], day["reach"], day["visits"]) == (6100, 3500, 91)
    assert daily.loc[date(2026, 11, 19), "views"] == 5400
    assert daily.loc[TODAY, "followers"] == 8123  # the page node's count as today's snapshot
    assert daily["interactions"].isna().all()
    posts = store.query_df("SELECT * FROM mart.posts ORDER BY post_id DESC")
    assert posts["likes"].tolist() == [240, 55]
    assert posts["comments"].tolist() == [31, 9]
    assert posts["shares"].tolist() == [17, 0]
    assert posts["views"].tolist() == [5000, 800] and posts["reach"].tolist() == [3000, 600]
    assert posts["clicks"].tolist() == [120, 10]
    assert store.query_value("SELECT metric_version FROM core.post_snapshots LIMIT 1") == "views"
    assert store.query_value("SELECT format FROM mart.imports") == "meta_graph_page"
    assert store.query_value("SELECT name FROM mart.accounts") == "Stadt Würselen"
    for table in ("core.imports", "core.pull_runs", "core.accounts", "core.post_snapshots", "core.settings"):
        assert TOKEN not in store.query_df(f"SELECT * FROM {table}").astype(str).to_string()


@responses.activate
def test_expired_token_fails_with_a_redacted_reason(store, client, meta_token):
    responses.get(PAGE, status=400, json=recorded.GRAPH_EXPIRED)
    result = pull_target(store, parse_spec(f"facebook:{recorded.PAGE_ID}"), municipality=AGS, client=client,
                         today=TODAY)
    assert result.status == "failed"
    assert "Session has expired" in result.message and "erneuern" in result.message
    assert TOKEN not in result.message
    assert TOKEN not in store.query_df("SELECT * FROM core.pull_runs").astype(str).to_string()
    assert store.query_value("SELECT count(*) FROM core.imports") == 0


@responses.activate
def test_401_from_graph(store, client, meta_token):
    responses.get(PAGE, status=401, json={"error": {"message": f"Invalid OAuth access token - {TOKEN}",
                                                    "type": "OAuthException", "code": 190}})
    result = pull_target(store, parse_spec(f"facebook:{recorded.PAGE_ID}"), municipality=AGS, client=client,
                         today=TODAY)
    assert result.status == "failed" and TOKEN not in result.message and "***" in result.message


def test_no_token_is_a_clear_failure(store, client):
    result = pull_target(store, parse_spec(f"facebook:{recorded.PAGE_ID}"), municipality=AGS, client=client,
                         today=TODAY)
    assert result.status == "failed" and "BUERGERNAH_META_TOKEN" in result.message


def serve_instagram(demographics=None):
    responses.get(IG, json=recorded.IG_NODE)
    responses.get(f"{IG}/insights", json=demographics or recorded.IG_DEMOGRAPHICS, match=[
        matchers.query_param_matcher({"metric": "follower_demographics", "breakdown": "age,gender"},
                                     strict_match=False)])
    responses.get(f"{IG}/insights", json=recorded.IG_SERIES, match=[
        matchers.query_param_matcher({"metric": "reach,follower_count"}, strict_match=False)])
    responses.get(f"{IG}/insights", json=recorded.IG_TOTALS, match=[
        matchers.query_param_matcher({"metric": "views,total_interactions,profile_views,website_clicks",
                                      "metric_type": "total_value"}, strict_match=False)])
    responses.get(f"{IG}/media", json=recorded.IG_MEDIA)
    responses.get(f"{ROOT}/18000000000000002/insights", json=recorded.ig_media_insights(5200, 3100, 44, 21))
    responses.get(f"{ROOT}/18000000000000001/insights", json=recorded.ig_media_insights(9100, 7000, 80, 95))


@responses.activate
def test_instagram_pull_with_follower_demographics(store, client, meta_token):
    serve_instagram()
    result = pull_target(store, parse_spec(f"instagram:{recorded.IG_ID}"), municipality=AGS, client=client,
                         today=TODAY, since=date(2026, 11, 1))
    assert result.status == "ok", result.message
    audience = store.query_df("SELECT * FROM mart.audience ORDER BY age_group, gender")
    assert len(audience) == 9
    assert audience["audience"].unique().tolist() == ["followers"]
    assert audience["count"].sum() == 4000 and audience["share"].sum() == pytest.approx(1.0)
    row = audience[(audience["age_group"] == "25-34") & (audience["gender"] == "female")].iloc[0]
    assert (row["count"], row["share"]) == (900, pytest.approx(0.225))
    assert set(audience["age_group"]) == {"18-24", "25-34", "35-44", "45-54", "65+"}
    assert set(audience["gender"]) == {"female", "male", "other"}
    assert audience["as_of"].dt.date.unique().tolist() == [TODAY]
    posts = store.query_df("SELECT * FROM mart.posts ORDER BY published_at DESC")
    assert posts["likes"].tolist() == [410, 880] and posts["saves"].tolist() == [44, 80]
    assert posts["views"].tolist() == [5200, 9100] and posts["post_type"].tolist() == ["photo", "reel"]
    assert posts["impressions"].isna().all()
    daily = store.query_df("SELECT * FROM mart.account_daily")
    daily["day"] = daily["day"].dt.date
    day = daily.set_index("day").loc[date(2026, 11, 20)]
    assert (day["reach"], day["followers_gained"]) == (900, 7)
    assert (day["views"], day["interactions"], day["visits"], day["link_clicks"]) == (2500, 130, 60, 4)
    assert daily.set_index("day").loc[TODAY, "followers"] == 4321
    assert store.query_value("SELECT handle FROM mart.accounts") == "stadt.wuerselen"


@responses.activate
def test_instagram_without_demographics_notes_it(store, client, meta_token):
    serve_instagram(demographics=recorded.IG_DEMOGRAPHICS_EMPTY)
    result = pull_target(store, parse_spec(f"instagram:{recorded.IG_ID}"), municipality=AGS, client=client,
                         today=TODAY, since=date(2026, 11, 20))
    assert result.status == "ok"
    assert store.query_value("SELECT count(*) FROM mart.audience") == 0
    assert any("100 Followern" in n for n in result.notes)


@responses.activate
def test_empty_graph_results(store, client, meta_token):
    responses.get(PAGE, json=recorded.PAGE_NODE)
    responses.get(f"{PAGE}/insights", json={"data": []})
    responses.get(f"{PAGE}/posts", json={"data": []})
    result = pull_target(store, parse_spec(f"facebook:{recorded.PAGE_ID}"), municipality=AGS, client=client,
                         today=TODAY, since=date(2026, 11, 15))
    assert result.status == "ok" and result.posts == 0
    assert store.query_value("SELECT count(*) FROM mart.posts") == 0
    assert store.query_value("SELECT followers FROM mart.account_daily") == 8123
