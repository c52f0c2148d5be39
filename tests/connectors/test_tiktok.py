"""TikTok Studio exports: year-less dates, handle from the zip name, header-only files."""

from __future__ import annotations

import contextlib
import io
import zipfile
from datetime import date

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connectors import registry, tiktok
from connectors.base import ImportContext, ImportRejected, SourceFile
from connectors.loader import import_file
from tests.conftest import EXPORTS

FOLDER = EXPORTS / "tiktok"
OVERVIEW = FOLDER / "Overview_2025-12-20_1768089600_stadt.musterstadt.zip"
FOLLOWERS = FOLDER / "Followers_stadt.musterstadt.zip"
SMALL = FOLDER / "Followers_kleinstadt_info.zip"
CONTENT = FOLDER / "Content_stadt.musterstadt.zip"
VIEWERS = FOLDER / "Viewers_stadt.musterstadt.zip"
GERMAN = FOLDER / "FollowerHistory_de.csv"
CTX = ImportContext(municipality="05334004")
ACCOUNT = "tiktok:stadt.musterstadt"


def source(path, export_day: date, data: bytes | None = None, name: str | None = None,
           container: str | None = None) -> SourceFile:
    return SourceFile(name or path.name, path.read_bytes() if data is None else data, export_date=export_day,
                      container=container)


def member(path, name: str) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name)


def test_fixture_bytes():
    data = member(OVERVIEW, "Overview.csv")
    assert data.startswith(b'\xef\xbb\xbf"Date","Video Views","Profile Views","Likes","Comments","Shares"')
    assert not data.endswith(b"\n")
    with zipfile.ZipFile(OVERVIEW) as archive:
        assert all(i.compress_type == zipfile.ZIP_STORED for i in archive.infolist())


@pytest.mark.parametrize(("path", "name"), [
    (OVERVIEW, "Overview.csv"), (FOLLOWERS, "FollowerHistory.csv"), (FOLLOWERS, "FollowerGender.csv"),
    (FOLLOWERS, "FollowerTopTerritories.csv"), (FOLLOWERS, "FollowerActivity.csv"), (CONTENT, "Content.csv"),
    (VIEWERS, "Viewers.xlsx"), (SMALL, "FollowerGender.csv"),
])
def test_each_file_detected(path, name):
    assert registry.detect(SourceFile(name, member(path, name))) is tiktok


# -- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("September 25", (9, 25)), ("25 September", (9, 25)), ("25. September", (9, 25)),
    ("1. März", (3, 1)), ("3 Mär.", (3, 3)), ("Sep 5", (9, 5)), ("28 august", (8, 28)),
    ("25 september", (9, 25)), ("3 maj", (5, 3)), ("9月16日", (9, 16)), ("18 января", (1, 18)),
    ("2025-09-25", date(2025, 9, 25)),
])
def test_month_day(text, expected):
    assert tiktok.month_day(text) == expected


@pytest.mark.parametrize("text", ["Smarch 3", "31. Februar", "", "25", "September"])
def test_month_day_rejects(text):
    with pytest.raises(ImportRejected):
        tiktok.month_day(text)


def test_series_rolls_over_the_year_walking_back_from_the_export_day():
    days = tiktok.resolve_series(["December 30", "December 31", "January 1", "January 2"], date(2026, 1, 3))
    assert days == [date(2025, 12, 30), date(2025, 12, 31), date(2026, 1, 1), date(2026, 1, 2)]


def test_series_ending_in_the_period_walks_back_from_its_end():
    # a follower history longer than the period: its last row is the period's last day
    days = tiktok.resolve_series(["November 30", "December 1", "January 10"], date(2026, 1, 10), date(2025, 12, 20))
    assert days == [date(2025, 11, 30), date(2025, 12, 1), date(2026, 1, 10)]


def test_series_only_starting_in_the_period_walks_forward_from_its_first_day():
    days = tiktok.resolve_series(["December 31", "January 1"], date(2024, 12, 31), date(2024, 12, 31))
    assert days == [date(2024, 12, 31), date(2025, 1, 1)]
    assert tiktok.resolve_series(["March 3", "March 4"], date(2025, 9, 30), date(2025, 9, 1)) is None  # no overlap


@pytest.mark.parametrize("texts", [["September 5", "September 3"], ["March 1", "February 27", "February 28"],
                                   ["September 29", "August 1"]])
def test_a_step_back_that_is_no_new_year_is_rejected(texts):
    with pytest.raises(ImportRejected, match="nicht aufsteigend"):
        tiktok.resolve_series(texts, date(2025, 10, 1))


def test_newest_first_series_is_resolved_reversed():
    days = tiktok.resolve_series(["January 2", "January 1", "December 31", "December 30"], date(2026, 1, 3))
    assert days == [date(2026, 1, 2), date(2026, 1, 1), date(2025, 12, 31), date(2025, 12, 30)]


def test_leap_day():
    assert tiktok.resolve_series(["February 28", "February 29", "March 1"], date(2024, 3, 2))[1] == date(2024, 2, 29)
    assert tiktok.resolve_each(["February 29"], date(2026, 1, 10)) == [date(2024, 2, 29)]


# -- imports -----------------------------------------------------------------------------------


def test_overview_across_new_year(store):
    plan, import_id = import_file(store, source(OVERVIEW, date(2026, 1, 11)), CTX)
    assert import_id is not None
    daily = store.query_df("SELECT * FROM mart.account_daily ORDER BY day")
    assert len(daily) == 22
    assert daily["day"].dt.date.iloc[0] == date(2025, 12, 20)
    assert daily["day"].dt.date.iloc[-1] == date(2026, 1, 10)
    assert set(daily["account_key"]) == {ACCOUNT}  # handle from the zip name
    assert daily["views"].sum() == sum(100 + i for i in range(22))
    christmas = daily[daily["day"].dt.date == date(2025, 12, 25)].iloc[0]
    assert christmas["interactions"] == 25 + (-2) + 1  # negative comments kept
    assert christmas["visits"] == 12 and christmas["followers_gained"] == 1
    assert store.query_value("SELECT url FROM mart.accounts WHERE account_key = ?", [ACCOUNT]) == \
        "https://www.tiktok.com/@stadt.musterstadt"


def test_overview_year_from_zip_name_even_if_exported_much_later(store):
    import_file(store, source(OVERVIEW, date(2026, 11, 30)), CTX)
    days = store.query_df("SELECT day FROM mart.account_daily ORDER BY day")["day"].dt.date
    assert days.iloc[0] == date(2025, 12, 20) and days.iloc[-1] == date(2026, 1, 10)


def test_followers_zip(store):
    plan, _ = import_file(store, source(FOLLOWERS, date(2026, 1, 4)), CTX)
    daily = store.query_df("SELECT day, followers FROM mart.account_daily ORDER BY day")
    assert daily["day"].dt.date.tolist()[0] == date(2025, 12, 28)  # "28 December" in the old year
    assert daily["day"].dt.date.tolist()[-1] == date(2026, 1, 3)
    assert daily["followers"].tolist() == [1500 + 3 * i for i in range(7)]
    audience = store.query_df("SELECT * FROM mart.audience ORDER BY gender")
    assert audience["gender"].tolist() == ["female", "male", "other"]
    assert audience["share"].tolist() == pytest.approx([0.59, 0.39, 0.02])
    assert set(audience["age_group"]) == {"all"} and set(audience["audience"]) == {"followers"}
    assert (audience["as_of"].dt.date == date(2026, 1, 4)).all()  # no period known: the file date, noted
    assert "Jahre 2025/2026 angenommen (Tage 28.12.2025–03.01.2026): die Datei nennt kein Jahr und kein " \
           "Exportzeitraum liegt bei; Grundlage ist das Dateidatum 04.01.2026." in plan.notes
    assert "Stand 04.01.2026 angenommen: die Datei nennt keinen Zeitraum und kein Exportzeitraum liegt bei; " \
           "Grundlage ist das Dateidatum." in plan.notes
    notes = " ".join(plan.notes)
    assert "FollowerTopTerritories.csv" in notes and "FollowerActivity.csv" in notes


def test_header_only_files_are_not_an_error(store):
    plan, import_id = import_file(store, source(SMALL, date(2026, 1, 4)), CTX)
    assert import_id is not None
    assert plan.rows == 2  # the two history days
    assert sum("zu wenig Daten" in n for n in plan.notes) == 3
    assert store.query_value("SELECT count(*) FROM mart.audience") == 0
    assert store.query_value("SELECT max(followers) FROM mart.account_daily") == 42
    assert store.query_value("SELECT handle FROM mart.accounts") == "kleinstadt_info"


def test_content(store):
    import_file(store, source(CONTENT, date(2026, 1, 10)), CTX)
    posts = store.query_df("SELECT * FROM mart.posts ORDER BY published_at")
    assert posts["post_id"].tolist() == ["7440000000000000003", "7452000000000000002", "7456000000000000001"]
    assert posts["published_at"].tolist() == [pd.Timestamp("2025-11-29 23:00", tz="UTC"),
                                              pd.Timestamp("2025-12-27 23:00", tz="UTC"),
                                              pd.Timestamp("2026-01-02 23:00", tz="UTC")]
    untitled = posts.iloc[1]
    assert untitled["comments"] == -1  # kept as given
    assert pd.isna(untitled["message"])
    assert posts["views"].sum() == 5120 + 1830 + 9900
    assert posts["likes"].tolist() == [410, 95, 240]
    assert posts.iloc[0]["message"] == 'Weihnachtsmarkt, "Lichterzauber"'
    assert set(posts["account_key"]) == {ACCOUNT}


def test_content_handle_from_the_link_when_uploaded_without_zip(store):
    data = member(CONTENT, "Content.csv")
    import_file(store, SourceFile("Content.csv", data, export_date=date(2026, 1, 10)), CTX)
    assert store.query_value("SELECT DISTINCT account_key FROM mart.posts") == ACCOUNT


def test_viewers_xlsx(store):
    import_file(store, source(VIEWERS, date(2026, 1, 11)), CTX)
    daily = store.query_df("SELECT day, reach FROM mart.account_daily ORDER BY day")
    assert daily["day"].dt.date.tolist() == [date(2026, 1, 7), date(2026, 1, 8), date(2026, 1, 9), date(2026, 1, 10)]
    assert daily["reach"].tolist()[:2] == [812, 905] and daily["reach"].iloc[3] == 1003
    assert pd.isna(daily["reach"].iloc[2])  # "undefined" on January 9: the day is covered, its value unknown


def test_all_sections_land_on_one_account_and_reimport_changes_nothing(store):
    for path, day in [(OVERVIEW, date(2026, 1, 11)), (FOLLOWERS, date(2026, 1, 4)),
                      (CONTENT, date(2026, 1, 10)), (VIEWERS, date(2026, 1, 11))]:
        import_file(store, source(path, day), CTX)
    assert store.query_df("SELECT account_key FROM mart.accounts")["account_key"].tolist() == [ACCOUNT]
    views = ["mart.posts ORDER BY post_id", "mart.account_daily ORDER BY day", "mart.audience ORDER BY gender"]
    before = [store.query_df(f"SELECT * FROM {v}") for v in views]
    _, import_id = import_file(store, source(CONTENT, date(2026, 1, 10)), CTX)
    assert import_id is None
    for frame, view in zip(before, views, strict=True):
        assert frame.equals(store.query_df(f"SELECT * FROM {view}"))
    jan3 = store.query_df("SELECT * FROM mart.account_daily WHERE day = DATE '2026-01-03'").iloc[0]
    assert jan3["followers"] == 1518 and jan3["views"] == 114


def test_german_dates_without_zip(store):
    plan, _ = import_file(store, source(GERMAN, date(2026, 3, 3)), CTX)
    daily = store.query_df("SELECT day, followers FROM mart.account_daily ORDER BY day")
    assert daily["day"].dt.date.tolist() == [date(2026, 2, 27), date(2026, 2, 28), date(2026, 3, 1), date(2026, 3, 2)]
    assert daily["followers"].tolist() == [800, 801, 805, 806]
    # no handle anywhere: the town's TikTok account (here a placeholder) is used
    assert store.query_value("SELECT account_key FROM mart.accounts") == "tiktok:ags-05334004"


def test_dates_after_the_export_day_are_rejected():
    data = member(FOLLOWERS, "FollowerHistory.csv")
    src = SourceFile("FollowerHistory.csv", data, export_date=date(2026, 1, 4),
                     container="Overview_2026-12-28_1799020800_x.zip")  # period 28.12.2026–04.01.2027
    with pytest.raises(ImportRejected, match="Exportdatum"):
        tiktok.parse(src, CTX)


def test_zip_name_patterns():
    period = tiktok.Period(date(2025, 12, 20), date(2026, 1, 11), "Overview_2025-12-20_1768089600_stadt.musterstadt.zip")
    assert tiktok.name_info("Overview_2025-12-20_1768089600_stadt.musterstadt.zip") == ("stadt.musterstadt", period)
    # the epoch is the end of the period; as a Europe/Berlin date (00:00 UTC is 02:00 in summer)
    assert tiktok.name_info("Overview_2025-08-01_1759190400_stadt.alsdorf (1).zip")[1][:2] == \
        (date(2025, 8, 1), date(2025, 9, 30))
    assert tiktok.name_info("Followers_stadt_muster (1).zip") == ("stadt_muster", None)
    assert tiktok.name_info("Overview_2025-12-20_1700000000_x.zip") == ("x", None)  # ends before it starts
    assert tiktok.name_info("export.zip") == (None, None)


# -- one download, one period -------------------------------------------------------------------

SEPT = {kind: FOLDER / f"{kind}_stadt.alsdorf.zip" for kind in ("Followers", "Content", "Viewers")}
SEPT["Overview"] = FOLDER / "Overview_2025-09-01_1759190400_stadt.alsdorf.zip"
SEPT_NAMES = tuple(path.name for path in SEPT.values())
LATE = date(2026, 10, 2)  # imported a year later: the file date says 2026, the download is of 2025
FROM_OVERVIEW = ("Exportzeitraum 01.09.2025–30.09.2025 aus der mit hochgeladenen Datei "
                 "„Overview_2025-09-01_1759190400_stadt.alsdorf.zip“ übernommen.")


def test_a_september_download_imported_a_year_later_stays_in_its_year(store):
    ctx = ImportContext(municipality="05334004", siblings=SEPT_NAMES)
    plans = {kind: import_file(store, source(path, LATE), ctx)[0] for kind, path in SEPT.items()}  # overview last
    daily = store.query_df("SELECT * FROM mart.account_daily ORDER BY day")
    assert daily["day"].dt.date.tolist() == [date(2025, 9, 1) + pd.Timedelta(days=i) for i in range(30)]
    assert daily["followers"].tolist() == [2400 + 2 * i for i in range(30)]
    assert daily["views"].tolist() == [200 + i for i in range(30)]
    assert daily["reach"].notna().sum() == 29 and pd.isna(daily.loc[13, "reach"])  # 14 September: undefined
    posts = store.query_df("SELECT post_id, published_at, likes FROM mart.posts ORDER BY published_at")
    assert posts["published_at"].tolist() == [pd.Timestamp(f"2025-{d} 22:00", tz="UTC")
                                              for d in ("08-28", "09-11", "09-26")]  # midnight in Berlin
    assert pd.isna(posts.set_index("post_id").at["7550000000000000002", "likes"])  # undefined: kept, NULL
    audience = store.query_df("SELECT as_of, gender, share FROM mart.audience ORDER BY gender")
    assert (audience["as_of"].dt.date == date(2025, 9, 30)).all()  # the period's end, not the import day
    assert audience["gender"].tolist() == ["female", "male", "other"] and pd.isna(audience["share"].iloc[2])
    assert store.query_value("SELECT count(DISTINCT account_key) FROM mart.accounts") == 1
    for kind in ("Followers", "Content", "Viewers"):
        assert FROM_OVERVIEW in plans[kind].notes
        assert not any("angenommen" in n for n in plans[kind].notes)
    assert plans["Overview"].notes == []  # its own name gives the period
    assert plans["Followers"].period == (date(2025, 9, 1), date(2025, 9, 30))


def test_without_the_overview_the_file_date_decides_and_a_note_says_so():
    parsed = tiktok.parse(SourceFile("FollowerHistory.csv", member(SEPT["Followers"], "FollowerHistory.csv"), LATE,
                                     container=SEPT["Followers"].name), CTX)[0]
    assert parsed.period == (date(2026, 9, 1), date(2026, 9, 30))
    assert parsed.notes == ["Jahr 2026 angenommen: die Datei nennt kein Jahr und kein Exportzeitraum liegt bei; "
                            "Grundlage ist das Dateidatum 02.10.2026."]
    gender = tiktok.parse(SourceFile("FollowerGender.csv", member(SEPT["Followers"], "FollowerGender.csv"),
                                     container=SEPT["Followers"].name), ImportContext(today=LATE))[0]
    assert set(gender.audience["as_of"]) == {LATE}
    assert gender.notes == ["Stand 02.10.2026 angenommen: die Datei nennt keinen Zeitraum und kein Exportzeitraum "
                            "liegt bei; Grundlage ist das Importdatum."]


def test_a_loose_file_takes_the_only_overview_of_the_upload():
    data = member(SEPT["Followers"], "FollowerHistory.csv")
    loose = SourceFile("FollowerHistory.csv", data, LATE)
    parsed = tiktok.parse(loose, ImportContext(siblings=("FollowerHistory.csv", SEPT["Overview"].name)))[0]
    assert parsed.period == (date(2025, 9, 1), date(2025, 9, 30)) and FROM_OVERVIEW in parsed.notes
    two = ImportContext(siblings=(SEPT["Overview"].name, OVERVIEW.name))
    parsed = tiktok.parse(loose, two)[0]
    assert parsed.period[0].year == 2026
    assert "die mit hochgeladenen Übersichten nennen verschiedene Zeiträume" in parsed.notes[0]


def test_an_overview_of_another_account_is_not_used():
    src = source(SEPT["Followers"], LATE, data=member(SEPT["Followers"], "FollowerHistory.csv"),
                 name="FollowerHistory.csv", container=SEPT["Followers"].name)
    parsed = tiktok.parse(src, ImportContext(siblings=(OVERVIEW.name,)))[0]  # stadt.musterstadt's overview
    assert parsed.period[0] == date(2026, 9, 1) and "kein Exportzeitraum liegt bei" in parsed.notes[0]


def test_a_period_the_days_do_not_meet_is_not_forced_on_them():
    # the same account's December overview beside a September history: the history keeps its own year
    src = SourceFile("FollowerHistory.csv", member(SEPT["Followers"], "FollowerHistory.csv"), LATE,
                     container="Followers_stadt.musterstadt.zip")
    parsed = tiktok.parse(src, ImportContext(siblings=(OVERVIEW.name,)))[0]
    assert parsed.period == (date(2026, 9, 1), date(2026, 9, 30))
    assert "der Exportzeitraum 20.12.2025–11.01.2026 aus „Overview_2025-12-20_1768089600_stadt.musterstadt.zip“ " \
           "passt nicht zu ihren Tagen" in parsed.notes[0]


def test_a_download_across_new_year_lands_in_its_period_whenever_imported(store):
    ctx = ImportContext(municipality="05334004", siblings=(OVERVIEW.name, FOLLOWERS.name, CONTENT.name))
    plan, _ = import_file(store, source(FOLLOWERS, date(2026, 11, 30)), ctx)
    days = store.query_df("SELECT day FROM mart.account_daily ORDER BY day")["day"].dt.date
    assert days.tolist() == [date(2025, 12, 28) + pd.Timedelta(days=i) for i in range(7)]
    assert store.query_value("SELECT DISTINCT as_of FROM mart.audience") == date(2026, 1, 11)
    assert "Die Tage reichen über den Jahreswechsel (28.12.2025–03.01.2026, Exportzeitraum 20.12.2025–11.01.2026)." \
        in plan.notes
    import_file(store, source(CONTENT, date(2026, 11, 30)), ctx)
    published = store.query_df("SELECT published_at FROM mart.posts ORDER BY published_at")["published_at"]
    assert published.dt.tz_convert("Europe/Berlin").dt.date.tolist() == [date(2025, 11, 30), date(2025, 12, 28),
                                                                         date(2026, 1, 3)]


def _xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


HEADERS = ['"Date","Video Views","Profile Views","Likes","Comments","Shares"\n',
           '"Date","Followers","Difference in followers from previous day"\n', '"Gender","Distribution"\n',
           '"Time","Video title","Video link","Post time","Total likes","Total comments","Total shares","Total views"\n']
CELLS = ["September 25", "25. März", "December 31", "January 1", "-3", "0.59", "Female", "undefined", "",
         "https://www.tiktok.com/@a/video/123", "31. Februar", "x", "1.5", "Others"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(
    st.binary(max_size=600),
    st.tuples(st.sampled_from(HEADERS), st.text(max_size=300)).map(lambda p: ("\ufeff" + p[0] + p[1]).encode()),
    st.tuples(st.sampled_from(HEADERS), st.lists(st.lists(st.sampled_from(CELLS), min_size=1, max_size=8),
                                                 max_size=6))
    .map(lambda p: ("\ufeff" + p[0] + "\n".join(",".join(f'"{c}"' for c in row) for row in p[1])).encode()),
    st.lists(st.lists(st.one_of(st.sampled_from(CELLS), st.integers(-5, 10**6), st.none()), min_size=1, max_size=4),
             max_size=4).map(lambda rows: _xlsx([["Date", "Total Viewers", "New Viewers"], *rows])),
))
def test_random_input_raises_only_import_rejected(data):
    src = SourceFile("Overview.csv", data, export_date=date(2026, 1, 11),
                     container="Overview_2025-12-20_1768089600_stadt.musterstadt.zip")
    tiktok.detect(src)
    with contextlib.suppress(ImportRejected):
        tiktok.parse(src, CTX)
