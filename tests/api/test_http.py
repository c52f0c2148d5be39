"""The shared HTTP layer: retries, Retry-After, rate-limit headers, pagination, tokens, redaction."""

from __future__ import annotations

import json
import logging
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
import requests
import responses
from responses import matchers

from connectors.api import http
from connectors.api.http import ApiError, AuthError, HttpClient, MetricUnavailable, redact, retry_after
from tests.api import recorded

URL = "https://api.example/v1/things"
SECRET = "EAAGsecretTOKEN1234567890"


@pytest.fixture
def frozen_clock(monkeypatch) -> datetime:
    """The client's clock (`time.time`, `datetime.now`) stands still: on a busy machine the time
    between two requests cannot eat into the pause the test expects."""
    now = datetime.now(UTC).replace(microsecond=0)

    class Frozen(datetime):
        @classmethod
        def now(cls, tz=None):
            return now

    monkeypatch.setattr(http, "datetime", Frozen)
    monkeypatch.setattr(http, "time", type("FrozenTime", (), {"time": staticmethod(now.timestamp),
                                                              "sleep": staticmethod(time.sleep)}))
    return now


@responses.activate
def test_429_waits_as_long_as_retry_after_asks(client, sleeps):
    responses.get(URL, status=429, headers={"Retry-After": "7"}, json={"error": "Too many requests"})
    responses.get(URL, json={"ok": True})
    assert client.get_json(URL) == {"ok": True}
    assert sleeps == [7.0]
    assert len(responses.calls) == 2


@responses.activate
def test_retry_after_as_http_date(client, sleeps, frozen_clock):
    when = frozen_clock + timedelta(seconds=20)
    responses.get(URL, status=503, headers={"Retry-After": format_datetime(when, usegmt=True)})
    responses.get(URL, json=[1])
    assert client.get_json(URL) == [1]
    assert len(sleeps) == 1 and 17 <= sleeps[0] <= 20


@responses.activate
def test_500_then_success_backs_off_exponentially(client, sleeps):
    responses.get(URL, status=500, body="Internal Server Error")
    responses.get(URL, status=502, body="Bad Gateway")
    responses.get(URL, json={"ok": 1})
    assert client.get_json(URL) == {"ok": 1}
    assert sleeps == [1.0, 2.0]


@responses.activate
def test_gives_up_after_max_retries_with_the_status(sleeps):
    with HttpClient(sleep=sleeps.append, max_retries=2) as client:
        for _ in range(3):
            responses.get(URL, status=503, json={"error": "maintenance"})
        with pytest.raises(ApiError) as caught:
            client.get(URL)
    assert caught.value.status == 503
    assert "HTTP 503" in str(caught.value) and "maintenance" in str(caught.value)
    assert sleeps == [1.0, 2.0]


@responses.activate
def test_retry_after_beyond_max_wait_fails_without_sleeping(sleeps):
    with HttpClient(sleep=sleeps.append, max_wait=60) as client:
        responses.get(URL, status=429, headers={"Retry-After": "3600"})
        with pytest.raises(ApiError, match="3600 s"):
            client.get(URL)
    assert sleeps == []


@responses.activate
def test_connection_errors_are_retried_and_redacted(client, sleeps):
    http.register_secret(SECRET)
    responses.get(URL, body=requests.ConnectionError(f"refused for {URL}?access_token={SECRET}"))
    responses.get(URL, body=requests.ConnectionError(f"refused for {URL}?access_token={SECRET}"))
    responses.get(URL, body=requests.ConnectionError(f"refused for {URL}?access_token={SECRET}"))
    responses.get(URL, body=requests.ConnectionError(f"refused for {URL}?access_token={SECRET}"))
    responses.get(URL, body=requests.ConnectionError(f"refused for {URL}?access_token={SECRET}"))
    with pytest.raises(ApiError) as caught:
        client.get(URL, params={"access_token": SECRET})
    assert SECRET not in str(caught.value)
    assert "access_token=***" in str(caught.value)
    assert sleeps == [1.0, 2.0, 4.0, 8.0]


@responses.activate
def test_401_expired_token_is_an_auth_error_without_the_token(client, caplog):
    http.register_secret(SECRET)
    responses.get(URL, status=401, json=recorded.GRAPH_EXPIRED)
    with caplog.at_level(logging.DEBUG, logger="buergernah.api"), pytest.raises(AuthError) as caught:
        client.get(URL, params={"access_token": SECRET})
    message = str(caught.value)
    assert "Session has expired" in message and "erneuern" in message
    assert SECRET not in message and SECRET not in repr(caught.value.args) and SECRET not in (caught.value.url or "")
    assert SECRET not in caplog.text
    assert caught.value.code == 190


@responses.activate
def test_invalid_metric_is_recognised(client):
    responses.get(URL, status=400, json=recorded.GRAPH_INVALID_METRIC)
    with pytest.raises(MetricUnavailable):
        client.get(URL)


@responses.activate
def test_rate_limit_remaining_zero_pauses_until_reset(client, sleeps, frozen_clock):
    reset = (frozen_clock + timedelta(seconds=30)).isoformat().replace("+00:00", "Z")
    responses.get(URL, json=[1], headers={"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "0",
                                          "X-RateLimit-Reset": reset})
    responses.get(URL, json=[2], headers={"X-RateLimit-Remaining": "299"})
    assert client.get_json(URL) == [1]
    assert sleeps == []  # nothing to wait for until a next request is made
    assert client.get_json(URL) == [2]
    assert len(sleeps) == 1 and 27 <= sleeps[0] <= 30


@responses.activate
def test_meta_app_usage_near_the_limit_pauses(client, sleeps, frozen_clock):
    responses.get(URL, json={"data": []}, headers={
        "x-app-usage": json.dumps({"call_count": 96, "total_cputime": 10, "total_time": 12})})
    responses.get(URL, json={"data": []}, headers={"x-app-usage": json.dumps({"call_count": 10})})
    client.get_json(URL)
    client.get_json(URL)
    client.get_json(URL)
    assert len(sleeps) == 1 and 59 < sleeps[0] <= 60


def test_meta_usage_reads_business_use_case_header():
    header = json.dumps({"104857600123": [{"type": "pages", "call_count": 12, "total_cputime": 91, "total_time": 40,
                                           "estimated_time_to_regain_access": 0}]})
    assert http.meta_usage({"x-business-use-case-usage": header}) == 91.0
    assert http.meta_usage({}) is None


def test_retry_after_parsing():
    assert retry_after("12") == 12.0
    assert retry_after(None) is None
    assert retry_after("soon") is None
    assert retry_after(format_datetime(datetime.now(UTC) - timedelta(seconds=5), usegmt=True)) == 0.0


@responses.activate
def test_link_pagination_is_a_generator(client):
    responses.get(URL, json=[1, 2], headers={"Link": f'<{URL}?page=2>; rel="next", <{URL}?page=0>; rel="prev"'},
                  match=[matchers.query_param_matcher({"limit": "2"})])
    responses.get(URL, json=[3], match=[matchers.query_param_matcher({"page": "2"})])
    pages = client.paginate_link(URL, params={"limit": 2})
    assert next(pages) == [1, 2]
    assert len(responses.calls) == 1  # lazily: the second page only when asked for
    assert list(pages) == [[3]]


@responses.activate
def test_graph_pagination_follows_paging_next(client):
    responses.get(URL, json={"data": [1], "paging": {"next": f"{URL}?after=x"}},
                  match=[matchers.query_param_matcher({"limit": "1"})])
    responses.get(URL, json={"data": [2], "paging": {}}, match=[matchers.query_param_matcher({"after": "x"})])
    assert [p["data"] for p in client.paginate_graph(URL, params={"limit": 1})] == [[1], [2]]


def test_tokens_come_from_env_before_secrets_toml(tmp_path, monkeypatch):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[buergernah]\nmeta_token = "from-file-0001"\nyoutube_token = "yt-file-0002"\n'
                       '[buergernah.tokens]\n"17841400000000001" = "per-account-0003"\n', encoding="utf-8")
    monkeypatch.setenv("BUERGERNAH_SECRETS", str(secrets))
    assert http.token("meta") == "from-file-0001"
    assert http.token("youtube") == "yt-file-0002"
    assert http.token("meta", "17841400000000001") == "per-account-0003"
    monkeypatch.setenv("BUERGERNAH_META_TOKEN", "from-env-0004")
    assert http.token("meta") == "from-env-0004"
    for value in ("from-file-0001", "yt-file-0002", "per-account-0003", "from-env-0004"):
        assert redact(f"failed with {value}!") == "failed with ***!"


def test_redact_catches_token_shapes_it_was_never_told_about():
    text = "GET https://graph.example/v24.0/me?fields=id&access_token=EAAB123abc&x=1 Authorization: Bearer ya29.A0Afoo-bar"
    out = redact(text)
    assert "EAAB123abc" not in out and "ya29.A0Afoo-bar" not in out
    assert "fields=id" in out and "x=1" in out


def test_default_sleep_is_time_sleep(monkeypatch):
    slept = []
    monkeypatch.setattr(time, "sleep", slept.append)
    HttpClient().sleep(3)
    assert slept == [3]
