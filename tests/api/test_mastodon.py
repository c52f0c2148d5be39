"""Mastodon: lookup, paging, boosts and replies skipped, text and privacy, incremental pulls."""

from __future__ import annotations

import copy
from datetime import date

import pytest
import responses
from responses import matchers

from conftest import raw_write
from connectors.api import last_pulls, mastodon, pull_account, pull_all, pull_target
from connectors.api.mastodon import html_to_text, parse_spec
from tests.api import recorded
from tests.api.conftest import AGS, TODAY

BASE = "https://social.example"
LOOKUP = f"{BASE}/api/v1/accounts/lookup"
STATUSES = f"{BASE}/api/v1/accounts/109283749/statuses"
FIRST = {"limit": "40", "exclude_reblogs": "true"}
NEXT = f"{STATUSES}?limit=40&exclude_reblogs=true&max_id=113500000000000004"
KEY = "mastodon:stadt@social.example"


def serve(page1=None, page2=None, account=None):
    responses.get(LOOKUP, json=account or recorded.MASTODON_ACCOUNT,
                  match=[matchers.query_param_matcher({"acct": "stadt"})])
    responses.get(STATUSES, json=page1 if page1 is not None else recorded.PAGE_1,
                  match=[matchers.query_param_matcher(FIRST)],
                  headers={"Link": f'<{NEXT}>; rel="next", <{STATUSES}?min_id=113500000000000006>; rel="prev"',
                           "X-RateLimit-Remaining": "299"})
    responses.get(STATUSES, json=page2 if page2 is not None else recorded.PAGE_2,
                  match=[matchers.query_param_matcher({**FIRST, "max_id": "113500000000000004"})])


def target():
    return parse_spec(f"mastodon:{BASE}/@stadt")


@pytest.mark.parametrize(("spec", "key", "base", "url"), [
    ("@stadt@social.example", KEY, BASE, f"{BASE}/@stadt"),
    ("stadt@social.example", KEY, BASE, f"{BASE}/@stadt"),
    ("mastodon:https://social.example/@stadt", KEY, BASE, f"{BASE}/@stadt"),
    ("https://social.example/users/stadt", KEY, BASE, f"{BASE}/@stadt"),
    ("mastodon:http://127.0.0.1:8123/@stadt", "mastodon:stadt@127.0.0.1:8123", "http://127.0.0.1:8123",
     "http://127.0.0.1:8123/@stadt"),
])
def test_sources(spec, key, base, url):
    parsed = parse_spec(spec)
    assert (parsed.key, parsed.base_url, parsed.ident, parsed.ref.url) == (key, base, "stadt", url)
    assert parsed.spec == f"mastodon:{url}"


def test_not_a_source():
    with pytest.raises(ValueError):
        parse_spec("mastodon:https://social.example/about")


def test_html_to_text_keeps_full_links_and_paragraphs():
    text = html_to_text(recorded.PAGE_1[1]["content"])
    assert text == "Weihnachtsmarkt ab Freitag & bis Sonntag!\nInfos: https://www.wuerselen.de/weihnachtsmarkt\n\nMit @landrat"


@responses.activate
def test_first_pull_imports_own_public_posts_and_followers(store, client):
    serve()
    result = pull_target(store, target(), municipality=AGS, client=client, today=TODAY)
    assert result.status == "ok", result.message
    assert result.posts == 3
    posts = store.query_df("SELECT * FROM mart.posts ORDER BY published_at DESC")
    assert posts["post_id"].tolist() == ["113500000000000006", "113400000000000003", "113300000000000002"]
    assert posts["likes"].tolist() == [12, 30, 7]
    assert posts["shares"].tolist() == [5, 9, 1]
    assert posts["comments"].tolist() == [2, 4, 0]
    assert posts["platform"].unique().tolist() == ["mastodon"] and posts["ags"].unique().tolist() == [AGS]
    assert posts["metrics_as_of"].dt.date.unique().tolist() == [TODAY]
    assert posts["post_type"].tolist() == ["photo", "text", "text"]
    first = posts.iloc[0]
    assert first["message"] == ("Weihnachtsmarkt ab Freitag & bis Sonntag!\nInfos: https://www.wuerselen.de/"
                                "weihnachtsmarkt\n\nMit @…")
    assert "<" not in "".join(posts["message"])
    assert str(first["published_at"].tz_convert("UTC")) == "2026-11-20 16:30:00+00:00"
    daily = store.query_df("SELECT CAST(day AS VARCHAR) AS day, followers FROM mart.account_daily WHERE account_key = ?",
                           [KEY])
    assert daily.to_dict("records") == [{"day": TODAY.isoformat(), "followers": 1532}]
    account = store.query_df("SELECT * FROM mart.accounts").iloc[0]
    assert (account["account_key"], account["name"], account["url"], account["handle"]) == (
        KEY, "Stadt Würselen", f"{BASE}/@stadt", "@stadt@social.example")
    quotes = store.query_df("SELECT post_id, value FROM core.post_extra_values WHERE metric = 'quotes' ORDER BY post_id")
    assert quotes.to_dict("records") == [{"post_id": "113400000000000003", "value": 0.0},
                                         {"post_id": "113500000000000006", "value": 1.0}]
    imports = store.query_df("SELECT * FROM mart.imports")
    assert imports[["file_name", "platform", "format", "imported_by", "status"]].iloc[0].tolist() == [
        f"mastodon:{BASE}/@stadt", "mastodon", "mastodon_api", "pull", "imported"]
    assert imports["rows"].iloc[0] == 4  # three posts and one follower count
    assert any("Boost" in n for n in result.notes) and any("Antworten" in n for n in result.notes)


@responses.activate
def test_no_other_persons_are_stored(store, client):
    serve()
    pull_target(store, target(), municipality=AGS, client=client, today=TODAY)
    everything = " ".join(
        store.query_df(f"SELECT * FROM {table}").astype(str).to_string()
        for table in ("core.post_snapshots", "core.accounts", "core.imports", "core.pull_runs",
                      "core.post_extra_values", "core.daily_values"))
    for trace in ("buerger", "4711", "landrat", "kreis.example", "Danke für den Hinweis", "Private Nachricht",
                  "fremder Beitrag"):
        assert trace not in everything


@responses.activate
def test_incremental_pull_rereads_a_window_and_updates_counts(store, client):
    serve()
    pull_target(store, target(), municipality=AGS, client=client, today=TODAY)
    responses.reset()
    page1 = copy.deepcopy(recorded.PAGE_1)
    page1[1]["favourites_count"] = 20
    serve(page1=page1)
    later = date(2026, 11, 29)
    result = pull_account(store, KEY, client=client, today=later)
    assert result.status == "ok", result.message
    # newest stored 2026-11-20 minus 14 days: 2026-11-10 is read again, 2026-10-01 ends the paging
    assert result.posts == 2
    likes = dict(store.query_df("SELECT post_id, likes FROM mart.posts").itertuples(index=False))
    assert likes == {"113500000000000006": 20, "113400000000000003": 30, "113300000000000002": 7}
    followers = store.query_df("SELECT day, followers FROM mart.account_daily ORDER BY day")
    assert followers["followers"].tolist() == [1532, 1532] and followers["day"].dt.date.tolist() == [TODAY, later]


@responses.activate
def test_same_data_twice_is_unchanged(store, client):
    serve()
    assert pull_target(store, target(), municipality=AGS, client=client, today=TODAY).status == "ok"
    again = pull_account(store, KEY, client=client, today=TODAY)
    assert again.status == "unchanged" and again.import_id is None
    assert store.query_value("SELECT count(*) FROM core.imports") == 1
    runs = store.query_df("SELECT status FROM core.pull_runs ORDER BY run_id")["status"].tolist()
    assert runs == ["ok", "unchanged"]


@responses.activate
def test_since_limits_the_statuses_read(store, client):
    serve()
    result = pull_target(store, target(), municipality=AGS, client=client, today=TODAY, since=date(2026, 11, 15))
    assert result.posts == 1
    assert len(responses.calls) == 3  # lookup, page 1, page 2 (which holds the first older post)


@responses.activate
def test_full_pages_without_link_header_continue_with_max_id(store, client):
    page = [recorded.status(str(1000 - i), f"2026-11-{20 - i // 4:02d}T10:00:00.000Z", favourites=i, reblogs=0,
                            replies=0, content=f"<p>Beitrag {i}</p>") for i in range(40)]
    responses.get(LOOKUP, json=recorded.MASTODON_ACCOUNT)
    responses.get(STATUSES, json=page, match=[matchers.query_param_matcher(FIRST)])
    responses.get(STATUSES, json=[], match=[matchers.query_param_matcher({**FIRST, "max_id": "961"})])
    result = pull_target(store, target(), municipality=AGS, client=client, today=TODAY)
    assert result.posts == 40
    assert store.query_value("SELECT count(*) FROM mart.posts") == 40
    assert store.query_value("SELECT sum(likes) FROM mart.posts") == sum(range(40))


@responses.activate
def test_account_without_statuses_still_records_followers(store, client):
    serve(page1=[])
    result = pull_target(store, target(), municipality=AGS, client=client, today=TODAY)
    assert result.status == "ok" and result.posts == 0
    assert store.query_value("SELECT count(*) FROM mart.posts") == 0
    assert store.query_value("SELECT followers FROM mart.account_daily") == 1532


@responses.activate
def test_unknown_account_fails_with_a_reason(store, client):
    responses.get(LOOKUP, status=404, json={"error": "Record not found"})
    result = pull_target(store, parse_spec("@niemand@social.example"), municipality=AGS, client=client, today=TODAY)
    assert result.status == "failed"
    assert "nicht gefunden" in result.message and "@niemand@social.example" in result.message
    assert store.query_value("SELECT count(*) FROM core.accounts") == 0
    assert store.query_value("SELECT count(*) FROM core.imports") == 0
    frame = last_pulls(store)
    assert frame[["account_key", "status", "pullable"]].to_dict("records") == [
        {"account_key": "mastodon:niemand@social.example", "status": "failed", "pullable": False}]


def test_new_account_needs_a_municipality(store, client):
    result = pull_target(store, target(), client=client, today=TODAY)
    assert result.status == "failed" and "--municipality" in result.message


def test_unknown_municipality_is_refused(store, client):
    result = pull_target(store, target(), municipality="99999999", client=client, today=TODAY)
    assert result.status == "failed" and "99999999" in result.message


@responses.activate
def test_registry_drives_pull_all_and_last_pulls(store, client):
    with raw_write(store) as cur:
        cur.execute("INSERT INTO core.accounts (account_key, platform, handle, ags, url) VALUES "
                    "('mastodon:stadt@social.example', 'mastodon', '@stadt@social.example', ?, ?), "
                    "('tiktok:stadt', 'tiktok', 'stadt', ?, NULL), "
                    "('facebook:104857600123', 'facebook', NULL, ?, NULL)", [AGS, f"{BASE}/@stadt", AGS, AGS])
        cur.execute("UPDATE core.accounts SET account_id = '104857600123' WHERE platform = 'facebook'")
    before = last_pulls(store)
    assert before["account_key"].tolist() == ["mastodon:stadt@social.example", "facebook:104857600123"] or \
        set(before["account_key"]) == {"mastodon:stadt@social.example", "facebook:104857600123"}
    assert before["status"].isna().all()
    serve()
    results = pull_all(store, municipality=AGS, client=client, today=TODAY)
    outcome = {r.account_key: r.status for r in results}
    assert outcome == {"mastodon:stadt@social.example": "ok", "facebook:104857600123": "skipped"}
    frame = last_pulls(store).set_index("account_key")
    assert frame.loc["mastodon:stadt@social.example", "status"] == "ok"
    assert frame.loc["mastodon:stadt@social.example", "rows"] == 4
    assert bool(frame.loc["mastodon:stadt@social.example", "pullable"])
    assert not bool(frame.loc["facebook:104857600123", "pullable"])
    assert "Meta-Zugangstoken" in frame.loc["facebook:104857600123", "not_pullable_reason"]
    assert "tiktok:stadt" not in frame.index
    # the account kept its registered key; name filled in from the API
    assert store.query_value("SELECT name FROM core.accounts WHERE platform = 'mastodon'") == "Stadt Würselen"


def test_pull_account_of_an_account_without_api(store):
    with raw_write(store) as cur:
        cur.execute("INSERT INTO core.accounts (account_key, platform, handle, ags) VALUES ('tiktok:x', 'tiktok', 'x', ?)",
                    [AGS])
    result = pull_account(store, "tiktok:x")
    assert result.status == "failed" and "keine API-Quelle" in result.message


def test_page_size_is_forty():
    assert mastodon.PAGE_SIZE == 40
