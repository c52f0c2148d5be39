"""YouTube Analytics API: daily channel figures and ageGroup,gender viewer percentages."""

from __future__ import annotations

from datetime import date

import pytest
import responses
from responses import matchers

from connectors.api import pull_target
from connectors.api.youtube_analytics import parse_spec
from tests.api import recorded
from tests.api.conftest import AGS, TODAY

REPORTS = "https://youtubeanalytics.googleapis.com/v2/reports"
TOKEN = "ya29.a0AfH6SMexpiredYouTubeToken"


@pytest.fixture(autouse=True)
def yt_token(monkeypatch):
    monkeypatch.setenv("BUERGERNAH_YOUTUBE_TOKEN", TOKEN)


def serve(daily=None, demographics=None):
    auth = matchers.header_matcher({"Authorization": f"Bearer {TOKEN}"})
    responses.get(REPORTS, json=daily or recorded.YT_DAILY, match=[auth, matchers.query_param_matcher(
        {"ids": f"channel=={recorded.CHANNEL_ID}", "dimensions": "day",
         "metrics": "views,estimatedMinutesWatched,subscribersGained,subscribersLost"}, strict_match=False)])
    responses.get(REPORTS, json=demographics or recorded.YT_DEMOGRAPHICS, match=[
        auth, matchers.query_param_matcher({"dimensions": "ageGroup,gender", "metrics": "viewerPercentage"},
                                           strict_match=False)])


@responses.activate
def test_daily_figures_and_viewer_age_groups(store, client):
    serve()
    result = pull_target(store, parse_spec(f"youtube:{recorded.CHANNEL_ID}"), municipality=AGS, client=client,
                         today=TODAY, since=date(2026, 11, 19))
    assert result.status == "ok", result.message
    query = responses.calls[0].request.params
    assert (query["startDate"], query["endDate"]) == ("2026-11-19", "2026-11-21")
    daily = store.query_df("SELECT * FROM mart.account_daily ORDER BY day")
    assert daily["views"].tolist() == [120, 150, 90]
    assert daily["followers_gained"].tolist() == [4, 6, 2] and daily["followers_lost"].tolist() == [1, 0, 3]
    watch = store.query_df("SELECT value FROM core.daily_values WHERE metric = 'watch_time_seconds' ORDER BY day")
    assert watch["value"].tolist() == [18000.0, 25200.0, 12000.0]
    audience = store.query_df("SELECT * FROM mart.audience")
    assert audience["audience"].unique().tolist() == ["viewers"]
    assert audience["count"].isna().all()
    shares = {(r.age_group, r.gender): r.share for r in audience.itertuples()}
    assert shares == {("18-24", "female"): pytest.approx(0.10), ("25-34", "male"): pytest.approx(0.255),
                      ("35-44", "female"): pytest.approx(0.30), ("45-54", "other"): pytest.approx(0.045),
                      ("65+", "male"): pytest.approx(0.30)}
    assert audience["as_of"].dt.date.unique().tolist() == [date(2026, 11, 21)]
    assert store.query_value("SELECT format FROM mart.imports") == "youtube_analytics_api"


@responses.activate
def test_empty_reports(store, client):
    serve(daily=recorded.YT_EMPTY, demographics={"kind": "youtubeAnalytics#resultTable", "columnHeaders": []})
    result = pull_target(store, parse_spec(f"youtube:{recorded.CHANNEL_ID}"), municipality=AGS, client=client,
                         today=TODAY, since=date(2026, 11, 19))
    assert result.status == "ok"
    assert len(result.notes) == 2
    assert store.query_value("SELECT count(*) FROM mart.account_daily") == 0
    assert store.query_value("SELECT count(*) FROM mart.audience") == 0


@responses.activate
def test_401_is_redacted(store, client):
    responses.get(REPORTS, status=401, json=recorded.YT_UNAUTHENTICATED)
    result = pull_target(store, parse_spec(f"youtube:{recorded.CHANNEL_ID}"), municipality=AGS, client=client,
                         today=TODAY)
    assert result.status == "failed"
    assert "invalid authentication credentials" in result.message and TOKEN not in result.message


def test_channel_id_required():
    with pytest.raises(ValueError):
        parse_spec("youtube:stadtwuerselen")
