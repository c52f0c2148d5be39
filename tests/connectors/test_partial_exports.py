"""Figures a council can trust when exports are partial: every fixture has exactly one connector,
`undefined`/`-`/empty cells are NULL (the row stays, never a 0), audience snapshots are dated by
the period they describe."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date

import openpyxl
import pandas as pd
import pytest

from connectors import (
    facebook_legacy,
    linkedin,
    meta_audience,
    meta_daily,
    meta_posts,
    registry,
    tiktok,
    x,
    youtube_demographics,
    youtube_studio,
)
from connectors.base import ImportContext, SourceFile
from connectors.files import expand
from connectors.io import add_up, name_period, to_count, to_number
from connectors.loader import import_file
from tests.conftest import EXPORTS

EXPORTED = date(2025, 10, 2)
ALSDORF = ImportContext(municipality="05334004")
FACEBOOK = ImportContext(municipality="05334004", platform="facebook")

# -- every fixture is claimed by exactly one connector ---------------------------------------

# Fixtures that are broken on purpose, with the reason (none at present; add them here, never skip silently).
BROKEN: dict[str, str] = {}


def _members() -> list[tuple[str, SourceFile]]:
    found = []
    for path in sorted(EXPORTS.rglob("*")):
        relative = path.relative_to(EXPORTS).as_posix()
        if not path.is_file() or path.suffix == ".py" or relative in BROKEN:  # .py: the fixture generators
            continue
        for member in expand(SourceFile(path.name, path.read_bytes())):
            found.append((f"{relative}:{member.name}" if member.container else relative, member))
    return found


MEMBERS = _members()


def test_the_fixture_walk_finds_every_platform():
    folders = {label.split("/")[0] for label, _ in MEMBERS}
    assert folders == {"facebook", "genesis", "linkedin", "meta", "tiktok", "x", "youtube"}
    assert len(MEMBERS) >= 57  # zips count once per member


@pytest.mark.parametrize(("label", "member"), MEMBERS, ids=[label for label, _ in MEMBERS])
def test_each_fixture_is_claimed_by_exactly_one_connector(label, member):
    claimed = [c.__name__.rsplit(".", 1)[-1] for c in registry.CONNECTORS if c.detect(member)]
    assert len(claimed) == 1, f"{label}: {claimed}"


# -- NULL tokens: the value is unknown, the row stays ------------------------------------------


def test_null_tokens_are_null_in_number_columns():
    cells = pd.Series(["12", "undefined", "-", "N/A", "", "#NV", "k. a.", "—", " 3 "], dtype="string")
    assert to_count(cells, "x").tolist() == [12, pd.NA, pd.NA, pd.NA, pd.NA, pd.NA, pd.NA, pd.NA, 3]
    shares = to_number(pd.Series(["12,5", "undefined", "-"], dtype="string"), "x", integer=False)
    assert shares.iloc[0] == 12.5 and shares.iloc[1:].isna().all()


def test_a_sum_with_an_unknown_part_is_unknown():
    likes, comments = pd.Series([5, 2], dtype="Int64"), pd.Series([pd.NA, 1], dtype="Int64")
    assert add_up([likes, comments, None]).tolist() == [pd.NA, 3]
    assert add_up([None, None]) is None


def utf16(text: str) -> bytes:
    return b"\xff\xfe" + text.encode("utf-16-le")


def test_meta_daily_undefined_cell_is_null_a_missing_day_is_a_filled_zero(store):
    text = ('sep=,\n"Views"\n"Date","Primary"\n"2025-09-01T00:00:00","1400"\n"2025-09-02T00:00:00","undefined"\n'
            '"2025-09-04T00:00:00",""\n"2025-09-05T00:00:00","900"\n')
    parsed = meta_daily.parse(SourceFile("Views.csv", utf16(text), EXPORTED), FACEBOOK)[0]
    daily = parsed.daily.set_index("day")
    assert daily.index.tolist() == [date(2025, 9, d) for d in (1, 2, 3, 4, 5)]
    assert daily["filled"].tolist() == [False, False, True, False, False]  # only the left-out 3 September
    assert daily.at[date(2025, 9, 3), "value"] == 0
    assert daily["value"].isna().tolist() == [False, True, False, True, False]
    assert parsed.notes == ["1 fehlende Tage im Zeitraum mit 0 aufgefüllt (als aufgefüllt markiert)."]
    import_file(store, SourceFile("Views.csv", utf16(text), EXPORTED), FACEBOOK)
    views = store.query_df("SELECT day, views FROM mart.account_daily ORDER BY day")["views"]
    assert views.isna().tolist() == [False, True, False, True, False] and views.iloc[2] == 0


def test_tiktok_overview_day_with_undefined_counts_stays_and_its_interactions_are_unknown():
    text = ('\ufeff"Date","Video Views","Profile Views","Likes","Comments","Shares"\n'
            '"September 1","200","20","30","undefined","1"\n"September 2","undefined","-","","","N/A"')
    parsed = tiktok.parse(SourceFile("Overview.csv", text.encode(), EXPORTED,
                                     container="Overview_2025-09-01_1759190400_stadt.alsdorf.zip"), ALSDORF)[0]
    wide = parsed.daily.pivot(index="day", columns="metric", values="value")
    assert wide.index.tolist() == [date(2025, 9, 1), date(2025, 9, 2)]
    assert wide.loc[date(2025, 9, 1), "views"] == 200 and pd.isna(wide.loc[date(2025, 9, 1), "interactions"])
    assert wide.loc[date(2025, 9, 2)].isna().all()  # covered, every value unknown
    assert not parsed.daily["filled"].any()


def test_meta_audience_empty_share_and_follows_value_stay_null():
    text = ('sep=,\n"Age & gender"\n"","Men","Women"\n"18-24","4.1",""\n"25-34","undefined","12.4"\n\n'
            '"Follows"\n"Date","Primary"\n"2025-09-01T00:00:00","14"\n"2025-09-02T00:00:00","-"\n')
    parsed = meta_audience.parse(SourceFile("Audience.csv", utf16(text), EXPORTED), FACEBOOK)[0]
    assert len(parsed.audience) == 4 and parsed.audience["share"].isna().sum() == 2
    assert parsed.daily["day"].tolist() == [date(2025, 9, 1), date(2025, 9, 2)]
    assert pd.isna(parsed.daily["value"].iloc[1])


def test_meta_post_with_undefined_metrics_is_kept():
    data = (EXPORTS / "meta" / "Sep-01-2025_Sep-30-2025_1039829308656930.csv").read_bytes()
    data = data.replace(b"Lifetime,5210,3001,240", b"Lifetime,undefined,-,N/A")
    posts = meta_posts.parse(SourceFile("posts.csv", data, EXPORTED), ALSDORF)[0].posts.set_index("post_id")
    assert len(posts) == 3
    reel = posts.loc["1234567890123458"]
    assert pd.isna(reel["views"]) and pd.isna(reel["reach"]) and reel["likes"] == 180


def test_x_overview_day_with_a_dash_stays():
    data = (EXPORTS / "x" / "account_overview_analytics.csv").read_bytes().replace(b'2025",820,', b'2025",-,')
    daily = x.parse(SourceFile("account_overview_analytics.csv", data, EXPORTED), ALSDORF)[0].daily
    impressions = daily[daily["metric"] == "impressions"].set_index("day")["value"]
    assert len(impressions) == 4 and pd.isna(impressions[date(2025, 9, 17)])


def test_linkedin_empty_cells_keep_the_day_and_make_its_sum_unknown():
    book = openpyxl.Workbook()
    book.active.title = "Metrics"
    for row in [["Date", "Impressions (total)", "Reactions (total)", "Comments (total)", "Reposts (total)"],
                ["09/01/2025", "412", "14", "2", "1"], ["09/02/2025", "", "11", "-", "2"]]:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    daily = linkedin.parse(SourceFile("stadt-alsdorf_content_1.xlsx", buffer.getvalue(), EXPORTED), ALSDORF)[0].daily
    wide = daily.pivot(index="day", columns="metric", values="value")
    assert wide.loc[date(2025, 9, 1)].tolist() == [412, 17]
    assert wide.loc[date(2025, 9, 2)].isna().all()  # impressions empty, comments "-": the sum is unknown too


def test_youtube_totals_day_without_views_stays():
    data = b"Date,Views\n2026-01-12,97\n2026-01-13,\n2026-01-14,388\n"
    daily = youtube_studio.parse(SourceFile("Totals.csv", data, date(2026, 1, 15)), ALSDORF)[0].daily
    assert daily["day"].tolist() == [date(2026, 1, 12), date(2026, 1, 13), date(2026, 1, 14)]
    assert daily["value"].isna().tolist() == [False, True, False]


def test_legacy_facebook_day_with_empty_cells_stays():
    path = EXPORTS / "facebook" / "Facebook Insights Data Export - Stadt Musterstadt - 2020-08-03.csv"
    parsed = facebook_legacy.parse(SourceFile(path.name, path.read_bytes(), date(2020, 8, 3)), ALSDORF)[0]
    reach = parsed.daily[parsed.daily["metric"] == "reach"].set_index("day")["value"]
    assert len(reach) == 4 and pd.isna(reach[date(2020, 8, 2)])  # the export's last day has no reach yet


def test_legacy_facebook_empty_age_bucket_stays_null():
    path = EXPORTS / "facebook" / "Facebook Insights Data Export - Stadt Musterstadt - 2020-08-03.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    rows[4][rows[0].index("Lifetime Likes by Gender and Age - U.13-17")] = ""  # 1 August, the last day with ages
    text = io.StringIO(newline="")
    csv.writer(text, lineterminator="\r\n").writerows(rows)
    audience = facebook_legacy.parse(SourceFile(path.name, text.getvalue().encode(), date(2020, 8, 3)),
                                     ALSDORF)[0].audience.set_index(["gender", "age_group"])
    assert len(audience) == 21 and set(audience["as_of"]) == {date(2020, 8, 1)}
    assert pd.isna(audience.at[("other", "13-17"), "count"]) and pd.isna(audience.at[("other", "13-17"), "share"])
    assert audience.at[("other", "18-24"), "count"] == 5


# -- audience snapshots are dated by the period they describe -----------------------------------

AGE_ZIP = EXPORTS / "youtube" / "Viewer age 2026-01-01_2026-01-14 Stadt Musterstadt.zip"


@pytest.mark.parametrize(("names", "expected"), [
    (["Cities 2026-01-01_2026-01-14 Stadt Musterstadt.zip"], (date(2026, 1, 1), date(2026, 1, 14))),
    (["Audience.csv", "Sep-01-2025_Sep-30-2025_1039829308656930.csv"], (date(2025, 9, 1), date(2025, 9, 30))),
    (["account_analytics_content_2025-09-01_2025-09-30.csv"], (date(2025, 9, 1), date(2025, 9, 30))),
    (["Overview_2025-09-01_1759190400_stadt.alsdorf.zip", "viewer_age.csv", None], None),
    (["Table 2026-01-14_2026-01-01.zip"], None),  # ends before it starts
])
def test_name_period(names, expected):
    assert name_period(*names) == expected


def test_youtube_age_zip_is_dated_by_the_end_of_its_period(store):
    plan, _ = import_file(store, SourceFile(AGE_ZIP.name, AGE_ZIP.read_bytes(), date(2026, 3, 1)), ALSDORF)
    audience = store.query_df("SELECT as_of, age_group, share FROM mart.audience ORDER BY age_group")
    assert (audience["as_of"].dt.date == date(2026, 1, 14)).all()  # not the import day
    assert len(audience) == 7 and audience["share"].iloc[0] == pytest.approx(0.012)
    assert plan.notes == []


def test_youtube_table_without_a_period_takes_the_file_date_and_says_so():
    path = EXPORTS / "youtube" / "viewer_age.csv"
    parsed = youtube_demographics.parse(SourceFile(path.name, path.read_bytes(), date(2026, 3, 1)), ALSDORF)[0]
    assert set(parsed.audience["as_of"]) == {date(2026, 3, 1)}
    assert parsed.notes == ["Stand 01.03.2026 angenommen: die Datei nennt keinen Zeitraum; Grundlage ist das Dateidatum."]


def test_youtube_period_ending_after_the_export_day_is_rejected():
    member = expand(SourceFile(AGE_ZIP.name, AGE_ZIP.read_bytes(), date(2026, 1, 10)))[0]
    with pytest.raises(Exception, match="nach dem Exportdatum"):
        youtube_demographics.parse(member, ALSDORF)


def test_meta_audience_is_dated_by_its_last_follows_day():
    path = EXPORTS / "facebook" / "Audience.csv"
    parsed = meta_audience.parse(SourceFile(path.name, path.read_bytes(), date(2025, 9, 20)), FACEBOOK)[0]
    assert set(parsed.audience["as_of"]) == {date(2025, 9, 3)}
    assert not any("angenommen" in n for n in parsed.notes)


def test_meta_audience_without_follows_takes_the_upload_day_and_says_so():
    text = 'sep=,\n"Age & gender"\n"","Men","Women"\n"18-24","4.1","5.2"\n'
    parsed = meta_audience.parse(SourceFile("Audience.csv", utf16(text)), ImportContext(platform="facebook",
                                                                                      today=date(2025, 9, 20)))[0]
    assert set(parsed.audience["as_of"]) == {date(2025, 9, 20)}
    assert "Stand 20.09.2025 angenommen: die Datei nennt keinen Zeitraum (kein Block „Follows“); " \
           "Grundlage ist das Importdatum." in parsed.notes
    named = meta_audience.parse(SourceFile("Audience Sep-01-2025_Sep-14-2025.csv", utf16(text), date(2025, 9, 20)),
                                FACEBOOK)[0]
    assert set(named.audience["as_of"]) == {date(2025, 9, 14)}


def test_the_age_zip_is_a_real_studio_layout():
    with zipfile.ZipFile(AGE_ZIP) as archive:
        data = archive.read("Table data.csv")
    assert data.startswith(b"Viewer age,Views (%),Average view duration") and b"\r" not in data  # LF, as seen
    assert "13\u201317 years".encode() in data  # en dash
