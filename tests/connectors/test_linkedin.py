"""LinkedIn Page analytics workbooks (content, followers, visitors) → mart.posts / mart.account_daily."""

from __future__ import annotations

import contextlib
import io
from datetime import date

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connectors import linkedin, registry
from connectors.base import ImportContext, ImportRejected, SourceFile
from connectors.loader import import_file, prepare
from tests.conftest import EXPORTS

FOLDER = EXPORTS / "linkedin"
CONTENT = "stadt-alsdorf_content_1759219200000.xls"
FOLLOWERS = "stadt-alsdorf_followers_1759219200000.xls"
VISITORS = "stadt-alsdorf_visitors_1759219200000.xls"
OLDER = "content_2019.xlsx"
CTX = ImportContext(municipality="05334004")
EXPORTED = date(2025, 9, 30)


def source(name: str, data: bytes | None = None) -> SourceFile:
    return SourceFile(name, data if data is not None else (FOLDER / name).read_bytes(), export_date=EXPORTED)


def daily(store, metric: str) -> dict[date, int]:
    frame = store.query_df(f"SELECT day, {metric} AS v FROM mart.account_daily WHERE platform = 'linkedin' "
                           f"AND {metric} IS NOT NULL ORDER BY day")
    return {pd.Timestamp(d).date(): int(v) for d, v in zip(frame["day"], frame["v"], strict=True)}


def xlsx(sheets: dict[str, list[list]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("name", [CONTENT, FOLLOWERS, VISITORS, OLDER])
def test_detected_by_content(name):
    assert registry.detect(source(name)) is linkedin


def test_content_export_posts_and_daily_metrics(store):
    plan, import_id = import_file(store, source(CONTENT), CTX)

    assert import_id is not None and plan.format == "linkedin_content"
    assert plan.unmapped_columns == []
    account = store.query_df("SELECT account_key, ags, handle FROM mart.accounts WHERE platform = 'linkedin'")
    assert account.to_dict("records") == [{"account_key": "linkedin:stadt-alsdorf", "ags": "05334004",
                                           "handle": "stadt-alsdorf"}]
    posts = store.query_df("SELECT * FROM mart.posts ORDER BY published_at").set_index("post_id")
    assert len(posts) == 3
    video = posts.loc["urn:li:activity:7369006755348480022"]
    assert (video.impressions, video.likes, video.comments, video.shares, video.clicks, video.video_views) == (
        2410, 52, 9, 6, 58, 640)
    assert video.post_type == "Video"
    # The activity id encodes the creation time; the date column alone would give midnight.
    assert video.published_at == pd.Timestamp("2025-09-03 14:02", tz="UTC")
    job = posts.loc["stadt-alsdorf_jobs-123"]
    assert job.published_at == pd.Timestamp("2025-09-04 00:00", tz="Europe/Berlin")
    assert (job.impressions, job.clicks, job.post_type) == (5120, 133, "Document")
    assert posts["metrics_as_of"].map(lambda d: pd.Timestamp(d).date()).eq(EXPORTED).all()

    assert sum(daily(store, "impressions").values()) == 412 + 380 + 1204 + 655 + 298
    assert daily(store, "interactions")[date(2025, 9, 3)] == 45 + 6 + 4
    assert daily(store, "link_clicks")[date(2025, 9, 3)] == 31
    assert daily(store, "reach")[date(2025, 9, 1)] == 301


def test_reimport_is_idempotent(store):
    import_file(store, source(CONTENT), CTX)
    _, again = import_file(store, source(CONTENT), CTX)
    assert again is None
    assert store.query_value("SELECT count(*) FROM mart.posts") == 3
    assert store.query_value("SELECT count(*) FROM core.daily_values") == 5 * 4
    assert store.query_value("SELECT count(*) FROM mart.imports") == 1


def test_followers_export_counts_new_follows_and_skips_demographics(store):
    plan, _ = import_file(store, source(FOLLOWERS), CTX)
    assert plan.format == "linkedin_followers"
    assert daily(store, "followers_gained") == {date(2025, 9, 1): 3, date(2025, 9, 2): 2, date(2025, 9, 3): 7}
    assert store.query_value("SELECT count(*) FROM core.audience_values") == 0
    assert any("Location" in n for n in plan.notes) and any("Job function" in n for n in plan.notes)


def test_visitors_export_gives_daily_page_views(store):
    import_file(store, source(VISITORS), CTX)
    assert daily(store, "visits") == {date(2025, 9, 1): 34, date(2025, 9, 2): 20, date(2025, 9, 3): 57}


def test_older_xlsx_variant_with_update_and_shares_columns(store):
    import_file(store, source(CONTENT), CTX)
    plan, _ = import_file(store, source(OLDER), CTX)
    # No page name in the file name: the town's only LinkedIn account is used.
    assert store.query_value("SELECT count(*) FROM mart.accounts WHERE platform = 'linkedin'") == 1
    assert daily(store, "interactions")[date(2019, 3, 14)] == 9 + 1 + 2
    post = store.query_df("SELECT * FROM mart.posts WHERE post_id = 'urn:li:activity:6511111111111111111'").iloc[0]
    assert (post.account_key, post.impressions, post.likes, post.shares) == ("linkedin:stadt-alsdorf", 430, 15, 3)
    # This id's time (11 March) contradicts the created date: local midnight is used instead.
    assert post.published_at == pd.Timestamp("2019-03-14 00:00", tz="Europe/Berlin")


def test_header_row_is_detected_and_unknown_columns_reported():
    header = ["Date", "Impressions (organic)", "Reactions (organic)", "Brand new metric (organic)"]
    data = xlsx({"Metrics": [["Note line one"], ["Note line two"], [], header,
                             ["09/01/2025", "1.204", 5, 7], ["09/02/2025", "980", 2, 1]]})
    parsed = linkedin.parse(source("page_content_1.xlsx", data), ImportContext())[0]
    assert parsed.unmapped_columns == ["Metrics: Brand new metric (organic)"]
    values = parsed.daily.set_index(["metric", "day"])["value"]
    assert values[("impressions", date(2025, 9, 1))] == 1204  # German thousands separator detected
    assert values[("interactions", date(2025, 9, 2))] == 2
    assert parsed.account.handle == "page"


def test_file_name_gives_the_page():
    assert linkedin._account("Stadt Alsdorf_content_1759219200000 (1).xls").handle == "stadt-alsdorf"
    assert linkedin._account("export.xls").key is None


def test_post_id_from_link():
    assert linkedin.post_id_from_link("https://www.linkedin.com/feed/update/urn:li:activity:7110000000000000001/") == \
        "urn:li:activity:7110000000000000001"
    assert linkedin.post_id_from_link("https://www.linkedin.com/feed/update/urn:li:ugcPost:7110000000000000002") == \
        "urn:li:ugcPost:7110000000000000002"
    assert linkedin.post_id_from_link("https://www.linkedin.com/posts/stadt_abc-123?utm=x") == "stadt_abc-123"
    assert linkedin.post_id_from_link("") is None


@pytest.mark.parametrize(("sheets", "reason"), [
    ({"Metrics": [["Date", "Impressions (organic)"], ["31.02.2025", 5]]}, "Datumsformat"),
    ({"Metrics": [["Date", "Impressions (organic)"], ["09/01/2025", "viele"]]}, "keine Zahl"),
    ({"Metrics": [["Date", "Impressions (organic)"], ["12/01/2025", 5]]}, "nach dem Exportdatum"),
    ({"Metrics": [["Date", "Impressions (organic)"]]}, "keine Tages- oder Beitragswerte"),
])
def test_bad_content_is_rejected_in_german(store, sheets, reason):
    with pytest.raises(ImportRejected, match=reason):
        prepare(store, source("x.xlsx", xlsx(sheets)), CTX)


def test_posts_sheet_without_created_date_is_not_linkedin(store):
    data = xlsx({"All posts": [["Post title", "Post link", "Impressions"], ["x", "https://l/1", 5]]})
    with pytest.raises(ImportRejected, match="Keine LinkedIn-Tabelle"):
        linkedin.parse(source("x.xlsx", data), CTX)
    with pytest.raises(ImportRejected, match="Format nicht erkannt"):
        prepare(store, source("x.xlsx", data), CTX)


def test_not_a_workbook_is_rejected():
    with pytest.raises(ImportRejected, match="keine Excel-Arbeitsmappe"):
        linkedin.parse(source("x.xls", b"Date,Impressions\n"), CTX)
    assert not linkedin.detect(source("x.csv", b"Date,Impressions (organic)\n09/01/2025,5\n"))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from([b"", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"PK\x03\x04"]),
    raw=st.binary(max_size=600),
    cut=st.integers(min_value=0, max_value=9000),
)
def test_random_bytes_raise_only_import_rejected(prefix, raw, cut):
    real = (FOLDER / CONTENT).read_bytes()
    for data in (prefix + raw, real[:cut] + raw, real[:cut] + raw + real[cut + len(raw):]):
        with contextlib.suppress(ImportRejected):
            linkedin.parse(SourceFile("x.xls", data), ImportContext())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cells=st.lists(st.lists(st.one_of(st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12), st.integers(-5, 10**6), st.floats(allow_nan=True),
                                         st.none()), min_size=1, max_size=5), max_size=6))
def test_random_cells_raise_only_import_rejected(cells):
    header = ["Date", "Impressions (total)", "Reactions (total)", "Clicks (total)", "Engagement rate (total)"]
    data = xlsx({"Metrics": [["note"], header, *cells], "All posts": [["Post link", "Created date", "Likes"], *cells]})
    with contextlib.suppress(ImportRejected):
        linkedin.parse(SourceFile("x.xlsx", data), ImportContext())
