"""Legacy Facebook Insights exports: post level (CSV and XLS) and page level."""

from __future__ import annotations

import contextlib
from datetime import date

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connectors import facebook_legacy, registry
from connectors.base import ImportContext, ImportRejected, SourceFile
from connectors.loader import import_file
from tests.conftest import EXPORTS

FOLDER = EXPORTS / "facebook"
POSTS_CSV = FOLDER / "Facebook Insights Data Export (Post Level) - Stadt Musterstadt - 2020-08-03.csv"
POSTS_XLS = FOLDER / "Facebook Insights Data Export (Post Level) - Stadt Musterstadt - 2020-08-03.xls"
PAGE_CSV = FOLDER / "Facebook Insights Data Export - Stadt Musterstadt - 2020-08-03.csv"
EXPORT_DAY = date(2020, 8, 3)
CTX = ImportContext(municipality="05334004")


def source(path=POSTS_CSV, data: bytes | None = None) -> SourceFile:
    return SourceFile(path.name, path.read_bytes() if data is None else data, export_date=EXPORT_DAY)


@pytest.mark.parametrize("path", [POSTS_CSV, POSTS_XLS, PAGE_CSV])
def test_detected_by_content(path):
    assert registry.detect(source(path)) is facebook_legacy


def test_duplicate_names_told_apart_by_row_two():
    names = ["Post ID", "Lifetime Organic views to 95%", "Lifetime Organic views to 95%"]
    descriptions = ["", "Lifetime: … (Total Count)", "Lifetime: … (Unique Users)"]
    assert facebook_legacy._header(names, descriptions) == [
        "Post ID", "Lifetime Organic views to 95% (Total Count)", "Lifetime Organic views to 95% (Unique Users)",
    ]


@pytest.mark.parametrize("path", [POSTS_CSV, POSTS_XLS])
def test_post_level_import(store, path):
    plan, import_id = import_file(store, source(path), CTX)
    assert import_id is not None and plan.format == "facebook_legacy"
    assert plan.unmapped_columns == []
    posts = store.query_df("SELECT * FROM mart.posts ORDER BY published_at")
    assert len(posts) == 3
    assert set(posts["account_key"]) == {"facebook:112233445566778"}
    assert posts["post_id"].tolist()[0] == "112233445566778_998877665544000"
    video = posts[posts["post_id"] == "112233445566778_998877665544111"].iloc[0]
    assert video["reach"] == 5120 and video["impressions"] == 7304 and video["clicks"] == 402
    assert pd.isna(video["views"])  # legacy impressions are never stored as views
    assert video["message"] == 'Baustelle Hauptstraße: "Umleitung" ab Montag.\nDetails im Link.'
    assert video["post_type"] == "Video"
    # "7/1/2020 18:30" Berlin summer time = 16:30 UTC
    assert video["published_at"] == pd.Timestamp("2020-07-01 16:30", tz="UTC")
    assert posts["metrics_as_of"].dt.date.eq(EXPORT_DAY).all()
    assert store.query_value("SELECT metric_version FROM core.post_snapshots LIMIT 1") == "impressions"
    assert posts["reach"].sum() == 1840 + 5120 + 310


def test_post_level_reimport_changes_nothing(store):
    import_file(store, source(), CTX)
    before = store.query_df("SELECT * FROM mart.posts ORDER BY post_id")
    _, import_id = import_file(store, source(), CTX)
    assert import_id is None
    assert before.equals(store.query_df("SELECT * FROM mart.posts ORDER BY post_id"))


def test_page_level_import(store):
    plan, import_id = import_file(store, source(PAGE_CSV), CTX)
    assert import_id is not None
    daily = store.query_df("SELECT * FROM mart.account_daily ORDER BY day")
    assert daily["day"].dt.date.tolist() == [date(2020, 7, 30), date(2020, 7, 31), date(2020, 8, 1), date(2020, 8, 2)]
    assert daily["followers"].tolist() == [6076, 6080, 6082, 6089]
    assert daily["followers_gained"].tolist() == [5, 6, 3, 9]
    assert daily["followers_lost"].tolist() == [1, 2, 1, 2]
    assert daily["reach"].tolist()[:3] == [900, 1010, 870] and pd.isna(daily["reach"].iloc[3])
    assert daily["impressions"].tolist()[:3] == [1500, 1720, 1490]
    assert daily["visits"].tolist()[:3] == [31, 40, 22]
    assert set(daily["account_key"]) == {"facebook:ags-05334004"}  # the file names no page

    audience = store.query_df("SELECT * FROM mart.audience")
    assert len(audience) == 21  # F/M/U × 7 age groups incl. 13-17
    assert (audience["as_of"].dt.date == date(2020, 8, 1)).all()  # last day with the breakdown
    assert audience["share"].sum() == pytest.approx(1.0)
    total = 10 + 220 + 610 + 700 + 520 + 380 + 240 + 8 + 180 + 500 + 590 + 470 + 350 + 230 + 5 + 7 + 6 + 2 + 1 + 1
    f2534 = audience[(audience["gender"] == "female") & (audience["age_group"] == "25-34")].iloc[0]
    assert f2534["count"] == 610 and f2534["share"] == pytest.approx(610 / total)
    other = audience[audience["gender"] == "other"]
    assert len(other) == 7 and other["count"].sum() == 22
    assert any("weitere Kennzahlspalten" in n for n in plan.notes)


def test_page_level_uses_the_towns_existing_account(store):
    import_file(store, source(POSTS_CSV), CTX)
    import_file(store, source(PAGE_CSV), CTX)
    assert set(store.query_df("SELECT account_key FROM mart.account_daily")["account_key"]) == {
        "facebook:112233445566778"}


def test_without_description_row_it_is_not_this_format():
    text = "Post ID,Posted,Lifetime Post Total Reach\n1_2,7/28/2020 9:05,10\n"
    assert not facebook_legacy.detect(source(data=text.encode()))
    with pytest.raises(ImportRejected, match="Beschreibungen"):
        facebook_legacy.parse(source(data=text.encode()), CTX)


def test_bad_post_id_is_rejected():
    text = ("Post ID,Posted,Lifetime Post Total Reach\n,,Lifetime: The total number (Unique Users)\n"
            "12345,7/28/2020 9:05,10\n")
    with pytest.raises(ImportRejected, match="Seiten-ID"):
        facebook_legacy.parse(source(data=text.encode()), CTX)


def test_post_after_export_day_is_rejected():
    text = ("Post ID,Posted,Lifetime Post Total Reach\n,,Lifetime: The total number (Unique Users)\n"
            "1_2,12/28/2020 9:05,10\n")
    with pytest.raises(ImportRejected, match="Zukunft"):
        facebook_legacy.parse(source(data=text.encode()), CTX)


HEAD = ("Post ID,Posted,Lifetime Post Total Reach\n,,Lifetime: The total number (Unique Users)\n",
        "Date,Lifetime Total Likes,Lifetime Likes by Gender and Age - F.18-24\n,Lifetime: a (Unique Users),Lifetime: b\n")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(
    st.binary(max_size=600),
    st.binary(max_size=600).map(lambda b: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b),
    st.tuples(st.sampled_from(HEAD), st.text(max_size=300)).map(lambda p: (p[0] + p[1]).encode()),
    st.tuples(st.sampled_from(HEAD), st.lists(st.sampled_from(
        ["1_2", "7/28/2020 9:05", "2020-08-01", "-5", "x", "", '"a,b"', "99999999999999", "3"]), max_size=8))
    .map(lambda p: (p[0] + ",".join(p[1])).encode()),
))
def test_random_input_raises_only_import_rejected(data):
    src = source(data=data)
    facebook_legacy.detect(src)
    with contextlib.suppress(ImportRejected):
        facebook_legacy.parse(src, CTX)
