"""X (Twitter) exports: legacy tweet activity, 2024+ content and account overview."""

from __future__ import annotations

import contextlib
from datetime import date

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connectors import registry, x
from connectors.base import ImportContext, ImportRejected, SourceFile
from connectors.loader import import_file, prepare
from tests.conftest import EXPORTS

FOLDER = EXPORTS / "x"
LEGACY = "tweet_activity_metrics_stadt_alsdorf_20150901_20151001_en.csv"
FAVORITES = "tweet_activity_metrics.csv"
CONTENT = "account_analytics_content_2025-09-01_2025-09-30.csv"
OVERVIEW = "account_overview_analytics.csv"
CTX = ImportContext(municipality="05334004")
EXPORTED = date(2025, 9, 30)
CONTENT_HEADER = ("Post id,Date,Post text,Post Link,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,"
                  "Replies,Reposts,Profile visits,Detail Expands,URL Clicks,Hashtag Clicks,Permalink Clicks")


def source(name: str, data: bytes | None = None) -> SourceFile:
    return SourceFile(name, data if data is not None else (FOLDER / name).read_bytes(), export_date=EXPORTED)


def posts(store) -> pd.DataFrame:
    return store.query_df("SELECT * FROM mart.posts WHERE platform = 'x'").set_index("post_id")


@pytest.mark.parametrize("name", [LEGACY, FAVORITES, CONTENT, OVERVIEW])
def test_detected_by_content(name):
    assert registry.detect(source(name)) is x


def test_legacy_tweet_activity_with_bom_floats_and_dashes(store):
    plan, import_id = import_file(store, source(LEGACY), CTX)
    assert import_id is not None and plan.format == "x_tweet_activity"
    assert plan.unmapped_columns == []
    account = store.query_df("SELECT account_key, handle, url, ags FROM mart.accounts").iloc[0]
    assert tuple(account) == ("x:stadt_alsdorf", "stadt_alsdorf", "https://x.com/stadt_alsdorf", "05334004")
    table = posts(store)
    assert len(table) == 2
    tweet = table.loc["648423146910650369"]
    assert (tweet.impressions, tweet.likes, tweet.comments, tweet.shares, tweet.clicks, tweet.video_views) == (
        1310, 17, 4, 6, 7, 220)
    assert tweet.published_at == pd.Timestamp("2015-09-28 09:05", tz="UTC")
    assert tweet.message.startswith("Bürgersprechstunde") and "\n" in tweet.message
    assert tweet.url == "https://twitter.com/stadt_alsdorf/status/648423146910650369"


def test_legacy_favorites_variant(store):
    import_file(store, source(FAVORITES), CTX)
    tweet = posts(store).loc["517635101291450369"]
    assert (tweet.likes, tweet.impressions, tweet.shares) == (9, 880, 4)


def test_reimport_is_idempotent(store):
    import_file(store, source(LEGACY), CTX)
    _, again = import_file(store, source(LEGACY), CTX)
    assert again is None
    assert store.query_value("SELECT count(*) FROM core.post_snapshots") == 2
    assert store.query_value("SELECT count(*) FROM mart.imports") == 1


def test_new_content_export_times_from_snowflake_ids(store):
    plan, _ = import_file(store, source(CONTENT), CTX)
    assert plan.format == "x_content" and plan.notes == []
    table = posts(store)
    assert len(table) == 3
    post = table.loc["1967491120493498369"]
    assert post.published_at == pd.Timestamp("2025-09-15 07:30:12", tz="UTC")
    assert (post.impressions, post.likes, post.comments, post.shares, post.saves, post.clicks) == (3120, 14, 3, 5, 1, 12)
    # 22:10 UTC on 18 September is already the 19th in Berlin: still within a day of `Date`.
    assert table.loc["1968799713981370369"].published_at == pd.Timestamp("2025-09-18 22:10:05", tz="UTC")
    assert store.query_value("SELECT account_key FROM mart.accounts") == "x:stadt_alsdorf"


def test_content_row_whose_id_contradicts_the_date_gets_local_midnight():
    data = (CONTENT_HEADER + '\n1967491120493498369,"Mon, Jun 2, 2025",Text,'
            "https://x.com/stadt/status/1967491120493498369,10,1,1,0,0,0,0,0,0,0,0,0,0\n").encode()
    parsed = x.parse(source("c.csv", data), CTX)[0]
    assert parsed.posts["published_at"].iloc[0] == pd.Timestamp("2025-06-02 00:00", tz="Europe/Berlin")
    assert any("Uhrzeit unbekannt" in n for n in parsed.notes)


def test_overview_daily_series_go_to_the_towns_account(store):
    import_file(store, source(CONTENT), CTX)
    plan, _ = import_file(store, source(OVERVIEW), CTX)
    assert plan.format == "x_overview"
    daily = store.query_df("SELECT * FROM mart.account_daily WHERE platform = 'x' ORDER BY day")
    assert daily["account_key"].unique().tolist() == ["x:stadt_alsdorf"]
    assert [pd.Timestamp(d).date() for d in daily["day"]] == [date(2025, 9, d) for d in (15, 16, 17, 18)]
    assert daily["impressions"].tolist() == [3390, 2650, 820, 1410]
    assert daily["followers_gained"].tolist() == [1, 3, 0, 2]
    assert daily["followers_lost"].tolist() == [2, 0, 0, 1]
    assert daily["interactions"].tolist() == [97, 90, 19, 45]
    assert daily["visits"].tolist() == [14, 19, 6, 11]
    assert daily["video_views"].tolist() == [0, 37, 0, 0]


def test_overview_alone_uses_a_placeholder_account(store):
    import_file(store, source(OVERVIEW), CTX)
    assert store.query_value("SELECT account_key FROM mart.accounts") == "x:ags-05334004"


def test_german_numbers_and_unknown_columns():
    data = (b'Date,Impressions,New follows,Unfollows,Neue Spalte\n"Tue, Sep 16, 2025",1.410,2,0,5\n'
            b'"Mon, Sep 15, 2025",2.650,1,1,6\n')
    parsed = x.parse(source("o.csv", data), CTX)[0]
    values = parsed.daily.set_index(["metric", "day"])["value"]
    assert values[("impressions", date(2025, 9, 16))] == 1410
    assert parsed.unmapped_columns == ["Neue Spalte"]


@pytest.mark.parametrize(("data", "reason"), [
    (b"foo,bar\n1,2\n", "Kein X-Analytics-Export"),
    ((CONTENT_HEADER + '\n1,"Mon, Sep 15, 2025",t,https://x.com/a/status/1,many,1,1,0,0,0,0,0,0,0,0,0,0\n').encode(),
     "keine Zahl"),
    ((CONTENT_HEADER + '\n1,"Sep 15th",t,https://x.com/a/status/1,1,1,1,0,0,0,0,0,0,0,0,0,0\n').encode(),
     "Datumsformat"),
    ((CONTENT_HEADER + '\n1,"Mon, Sep 15, 2025",t,https://x.com/a/status/1,1,1,1,0,0,0,0,0,0,0,0,0,0\n'
      '2,"Mon, Sep 15, 2025",t,https://x.com/b/status/2,1,1,1,0,0,0,0,0,0,0,0,0,0\n').encode(), "mehrerer Konten"),
    ((CONTENT_HEADER + '\n1,"Mon, Dec 15, 2025",t,https://x.com/a/status/1,1,1,1,0,0,0,0,0,0,0,0,0,0\n').encode(),
     "Zukunft"),
    ((CONTENT_HEADER + "\n").encode(), "keine Beiträge"),
    (b'Date,Impressions,New follows\n"Mon, Dec 15, 2025",1,1\n', "nach dem Exportdatum"),
])
def test_bad_content_is_rejected_in_german(store, data, reason):
    with pytest.raises(ImportRejected, match=reason):
        x.parse(source("bad.csv", data), CTX)


def test_missing_required_column_is_rejected(store):
    header = (FOLDER / LEGACY).read_bytes().split(b"\n", 1)[0].replace(b'"time",', b"")
    with pytest.raises(ImportRejected):
        prepare(store, source("t.csv", header + b'\n"1","https://twitter.com/a/status/1","t","5.0"\n'), CTX)


def test_snowflake_time():
    assert x.snowflake_time("1967491120493498369") == pd.Timestamp("2025-09-15 07:30:12", tz="UTC")
    assert x.snowflake_time("12345") is None  # sequential ids from before November 2010
    assert x.snowflake_time("abc") is None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    header=st.sampled_from([
        "", CONTENT_HEADER + "\n", "Date,Impressions,New follows,Unfollows,Engagements\n",
        (FOLDER / LEGACY).read_bytes().decode("utf-8-sig").split("\n", 1)[0] + "\n",
    ]),
    body=st.text(alphabet=st.sampled_from(list('0123456789,."-\n :/abcMonSepx_')), max_size=300),
    raw=st.binary(max_size=200),
)
def test_random_input_raises_only_import_rejected(header, body, raw):
    for data in ((header + body).encode(), b"\xef\xbb\xbf" + (header + body).encode(), raw):
        with contextlib.suppress(ImportRejected):
            x.parse(SourceFile("x.csv", data, export_date=EXPORTED), ImportContext())
