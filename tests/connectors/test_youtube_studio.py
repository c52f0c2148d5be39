"""YouTube Studio advanced-mode export: the zip with table, chart and totals."""

from __future__ import annotations

import contextlib
import io
import zipfile
from datetime import date

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connectors import registry, youtube_demographics, youtube_studio
from connectors.base import ImportContext, ImportRejected, SourceFile
from connectors.loader import import_file
from tests.conftest import EXPORTS

FOLDER = EXPORTS / "youtube"
CONTENT_ZIP = FOLDER / "Content 2025-12-01_2026-01-14 Stadt Musterstadt.zip"
CITIES_ZIP = FOLDER / "Cities 2026-01-01_2026-01-14 Stadt Musterstadt.zip"
OLD_TABLE = FOLDER / "Table data.csv"
EXPORT_DAY = date(2026, 1, 15)
CTX = ImportContext(municipality="05334004")


def source(path=CONTENT_ZIP, data: bytes | None = None, name: str | None = None) -> SourceFile:
    return SourceFile(name or path.name, path.read_bytes() if data is None else data, export_date=EXPORT_DAY)


def members(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n) for n in archive.namelist()}


def test_fixture_bytes():
    files = members(CONTENT_ZIP)
    assert set(files) == {"Table data.csv", "Chart data.csv", "Totals.csv"}
    table = files["Table data.csv"]
    assert not table.startswith(b"\xef\xbb\xbf") and b"\r\n" in table
    assert table.split(b"\r\n")[1].startswith(b"Total,")


@pytest.mark.parametrize("member", ["Table data.csv", "Chart data.csv", "Totals.csv"])
def test_each_member_detected(member):
    assert registry.detect(SourceFile(member, members(CONTENT_ZIP)[member])) is youtube_studio


def test_zip_import(store):
    plan, import_id = import_file(store, source(), CTX)
    assert import_id is not None
    posts = store.query_df("SELECT * FROM mart.posts ORDER BY post_id")
    assert posts["post_id"].tolist() == ["a1B2c3D4e5F", "dQw4w9WgXcQ"]  # the Total row is skipped
    first = posts[posts["post_id"] == "dQw4w9WgXcQ"].iloc[0]
    assert first["url"] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert first["views"] == 3120
    assert first["impressions"] == 25010  # "Thumbnail impressions"
    assert first["watch_time_seconds"] == pytest.approx(180.5 * 3600)
    assert first["message"] == "Bürgermeister beantwortet Fragen | Folge 12"
    # "Jan 13, 2026" = midnight in Berlin
    assert first["published_at"] == pd.Timestamp("2026-01-12 23:00", tz="UTC")
    second = posts[posts["post_id"] == "a1B2c3D4e5F"].iloc[0]
    assert second["message"] == "Rundgang: Neues Rathaus, 2. Bauabschnitt"
    assert second["watch_time_seconds"] == pytest.approx(120.9412 * 3600)
    assert posts["metrics_as_of"].dt.date.eq(EXPORT_DAY).all()
    assert set(posts["account_key"]) == {"youtube:ags-05334004"}

    daily = store.query_df("SELECT day, views FROM mart.account_daily ORDER BY day")
    assert daily["day"].dt.date.tolist() == [date(2026, 1, 12), date(2026, 1, 13), date(2026, 1, 14)]
    assert daily["views"].tolist() == [97, 512, 388]  # from Totals.csv, not the chart's partial sum
    assert any("Chart data.csv" in n and "nicht übernommen" in n for n in plan.notes)


def test_reimport_changes_nothing(store):
    import_file(store, source(), CTX)
    posts = store.query_df("SELECT * FROM mart.posts ORDER BY post_id")
    daily = store.query_df("SELECT * FROM mart.account_daily ORDER BY day")
    _, import_id = import_file(store, source(), CTX)
    assert import_id is None
    assert posts.equals(store.query_df("SELECT * FROM mart.posts ORDER BY post_id"))
    assert daily.equals(store.query_df("SELECT * FROM mart.account_daily ORDER BY day"))


def test_older_table_without_total_row(store):
    plan, _ = import_file(store, source(OLD_TABLE), CTX)
    posts = store.query_df("SELECT * FROM mart.posts")
    assert posts["post_id"].tolist() == ["Xy9_-AbCdEf"]
    assert posts["impressions"].tolist() == [12003] and posts["views"].tolist() == [851]
    assert plan.unmapped_columns == []


def test_cities_zip_is_recognised_and_only_totals_kept(store):
    plan, import_id = import_file(store, source(CITIES_ZIP), CTX)
    assert import_id is not None
    assert store.query_value("SELECT count(*) FROM mart.posts") == 0
    assert store.query_df("SELECT views FROM mart.account_daily")["views"].tolist() == [500]
    assert any("Cities" in n for n in plan.notes)


def test_demographics_stay_with_their_connector():
    data = "Viewer age,Views (%),Average view duration\n18–24 years,9.4,0:01:10\n".encode()
    assert registry.detect(SourceFile("Table data.csv", data)) is youtube_demographics


def test_chart_without_dimensions_reads_like_totals(store):
    data = b"Date,Views\n2026-01-01,7\n2026-01-01,3\n2026-01-02,5\n"
    parsed = youtube_studio.parse(source(data=data, name="Chart data.csv"), CTX)[0]
    assert parsed.daily["value"].tolist() == [10.0, 5.0]


def test_bad_video_id_and_future_dates_are_rejected():
    table = b'Content,Video title,Video publish time,Views\nnot a video id!,x,"Jan 13, 2026",3\n'
    with pytest.raises(ImportRejected, match="Video-ID"):
        youtube_studio.parse(source(data=table, name="Table data.csv"), CTX)
    totals = b"Date,Views\n2027-01-01,5\n"
    with pytest.raises(ImportRejected, match="Exportdatum"):
        youtube_studio.parse(source(data=totals, name="Totals.csv"), CTX)


def test_zip_with_unknown_member_is_rejected_whole(store):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members(CONTENT_ZIP).items():
            archive.writestr(name, data)
        archive.writestr("Notes.csv", b"a,b\n1,2\n")
    with pytest.raises(ImportRejected, match="Notes.csv"):
        import_file(store, source(data=buffer.getvalue()), CTX)
    assert store.query_value("SELECT count(*) FROM mart.posts") == 0


HEADERS = ["Content,Video title,Video publish time,Views,Watch time (hours),Impressions\n",
           "Date,Views\n", "Date,Content,Views\n", "Cities,City name,Views,Watch time (hours)\n"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(
    st.binary(max_size=600),
    st.tuples(st.sampled_from(HEADERS), st.text(max_size=300)).map(lambda p: (p[0] + p[1]).encode()),
    st.tuples(st.sampled_from(HEADERS), st.lists(st.sampled_from(
        ["Total", "dQw4w9WgXcQ", '"Jan 13, 2026"', "2026-01-01", "-3", "1.5", "", "x", "1e99", ",", "\n"]), max_size=10))
    .map(lambda p: (p[0] + ",".join(p[1])).encode()),
))
def test_random_input_raises_only_import_rejected(data):
    src = source(data=data, name="Table data.csv")
    youtube_studio.detect(src)
    with contextlib.suppress(ImportRejected):
        youtube_studio.parse(src, CTX)
