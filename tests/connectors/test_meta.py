"""Meta Business Suite post exports and per-metric daily files, and YouTube demographic tables."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from conftest import EXPORTS
from connectors import meta_daily, meta_posts, youtube_demographics
from connectors.base import ImportContext, ImportRejected, SourceFile
from connectors.loader import import_file

META = EXPORTS / "meta"
EXPORTED = date(2025, 10, 2)
ALSDORF = ImportContext(municipality="05334004")


def source(name: str, folder=META, exported=EXPORTED) -> SourceFile:
    return SourceFile(name, (folder / name).read_bytes(), export_date=exported)


def parse(module, name: str, ctx=ALSDORF, folder=META):
    return module.parse(source(name, folder), ctx)[0]


def test_facebook_post_export_views_era():
    parsed = parse(meta_posts, "Sep-01-2025_Sep-30-2025_1039829308656930.csv")
    assert parsed.platform == "facebook" and parsed.metric_version == "views"
    assert parsed.account.key == "facebook:100012345678901" and parsed.account.name == "Stadt Musterstadt"
    posts = parsed.posts.set_index("post_id")
    assert len(posts) == 3
    first = posts.loc["1234567890123456"]
    assert first["message"] == "Baustelle Hauptstraße: ab Montag Umleitung.\nDetails im Link."  # embedded newline
    assert (first["views"], first["reach"], first["likes"], first["comments"], first["shares"], first["clicks"]) == (
        1840, 1312, 41, 9, 7, 63)
    assert pd.isna(posts.at["1234567890123457", "views"])  # empty cell is NULL, not 0
    assert posts.at["1234567890123457", "message"] == 'Der Rat sagt: "Ja" zum Freibad'  # doubled quotes
    # 09/15/2025 10:30 Berlin summer time = 08:30 UTC
    assert first["published_at"] == pd.Timestamp("2025-09-15 08:30", tz="UTC")
    assert parsed.unmapped_columns == []


def test_instagram_post_export():
    parsed = parse(meta_posts, "Sep-01-2025_Sep-30-2025_4444.csv")
    assert parsed.platform == "instagram"
    assert parsed.account.handle == "stadt.musterstadt"
    posts = parsed.posts.set_index("post_id")
    assert posts.at["17912345678901234", "likes"] == 142 and posts.at["17912345678901234", "saves"] == 19
    assert posts.at["17912345678901235", "post_type"] == "IG reel"


def test_impressions_era_export_keeps_impressions_separate():
    parsed = parse(meta_posts, "Mar-01-2024_Mar-31-2024_3333.csv")
    assert parsed.metric_version == "impressions"
    row = parsed.posts.iloc[0]
    assert row["impressions"] == 1840 and "views" not in parsed.posts.columns  # stored as NULL


def test_swedish_headers_are_recognised():
    parsed = parse(meta_posts, "instagram_sv.csv")
    assert parsed.platform == "instagram"
    row = parsed.posts.iloc[0]
    assert (row["views"], row["reach"], row["likes"], row["saves"]) == (1000, 800, 50, 6)


def test_file_resaved_in_german_excel():
    """Semicolons, DD.MM.YYYY, Windows-1252, CRLF and 1.234-style numbers."""
    parsed = parse(meta_posts, "excel_resaved.csv")
    posts = parsed.posts.set_index("post_id")
    assert posts.at["1234567890123456", "message"] == "Baustelle Hauptstraße"
    assert posts.at["1234567890123460", "views"] == 12400 and posts.at["1234567890123460", "likes"] == 1020
    assert posts.at["1234567890123460", "published_at"] == pd.Timestamp("2025-09-16 09:00", tz="UTC")


def test_html_and_formulas_in_captions_are_stored_as_plain_text(store):
    import_file(store, source("Sep-01-2025_Sep-30-2025_1039829308656930.csv"), ALSDORF)
    message = store.query_value("SELECT message FROM mart.posts WHERE post_id = '1234567890123458'")
    assert message == '<script>alert(1)</script> =HYPERLINK("http://x")'


def test_unknown_extra_column_is_reported_not_fatal():
    data = (META / "Sep-01-2025_Sep-30-2025_4444.csv").read_bytes().replace(b",Saves", b",Saves,Brand new metric", 1)
    data = data.replace(b",19\n", b",19,7\n").replace(b",33\n", b",33,8\n")
    parsed = meta_posts.parse(SourceFile("x.csv", data, EXPORTED), ALSDORF)[0]
    assert parsed.unmapped_columns == ["Brand new metric"]


def test_missing_required_column_is_an_error():
    data = (META / "Sep-01-2025_Sep-30-2025_4444.csv").read_bytes().replace(b'"Publish time"', b'"Something"', 1)
    with pytest.raises(ImportRejected, match="Pflichtspalte"):
        meta_posts.parse(SourceFile("x.csv", data, EXPORTED), ALSDORF)


def test_future_publish_time_is_rejected():
    with pytest.raises(ImportRejected, match="Zukunft"):
        meta_posts.parse(source("Sep-01-2025_Sep-30-2025_4444.csv", exported=date(2025, 9, 1)), ALSDORF)


def test_negative_count_is_rejected():
    data = (META / "Sep-01-2025_Sep-30-2025_4444.csv").read_bytes().replace(b",2301,1677,142,", b",2301,1677,-142,")
    with pytest.raises(ImportRejected, match="negative Anzahl"):
        meta_posts.parse(SourceFile("x.csv", data, EXPORTED), ALSDORF)


def test_daily_follows_file_utf16():
    parsed = parse(meta_daily, "Follows (1).csv")
    assert parsed.platform == "facebook"
    assert parsed.daily["value"].tolist() == [14, 3, 0, 7]
    assert set(parsed.daily["metric"]) == {"followers_gained"}


def test_sparse_daily_file_is_filled_and_marked():
    daily = parse(meta_daily, "Instagram Follows.csv").daily
    assert daily["day"].tolist() == [date(2025, 9, d) for d in (1, 2, 3, 4)]
    assert daily["filled"].tolist() == [False, True, True, False]
    assert daily["value"].tolist() == [4, 0, 0, 2]


def test_ambiguous_daily_file_needs_a_platform():
    with pytest.raises(ImportRejected, match="nennt keine Plattform"):
        parse(meta_daily, "Views.csv")
    parsed = parse(meta_daily, "Views.csv", ImportContext(municipality="05334004", platform="instagram"))
    assert parsed.platform == "instagram" and parsed.daily["value"].sum() == 2610


def test_youtube_viewer_age_with_en_dash():
    parsed = parse(youtube_demographics, "viewer_age.csv", folder=EXPORTS / "youtube")
    shares = parsed.audience.set_index("age_group")["share"]
    assert list(shares.index) == ["13-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"]
    assert shares["13-17"] == pytest.approx(0.0061)
    assert shares.sum() == pytest.approx(1.0, abs=0.001)
    assert parsed.audience["raw_label"].iloc[0] == "13\u201317 years"


def test_youtube_viewer_gender():
    parsed = parse(youtube_demographics, "Viewer_gender.csv", folder=EXPORTS / "youtube")
    assert parsed.audience.set_index("gender")["share"].to_dict() == pytest.approx(
        {"female": 0.473, "male": 0.521, "other": 0.006})


def test_unknown_age_label_is_an_error_not_a_drop():
    data = "Viewer age,Views (%)\n13\u201317 years,10\n99\u2013120 years,90\n".encode()
    with pytest.raises(ImportRejected, match="Unbekannte Altersgruppe"):
        youtube_demographics.parse(SourceFile("a.csv", data, EXPORTED), ALSDORF)
