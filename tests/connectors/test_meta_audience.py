"""MBS `Audience.csv`: age × gender shares, skipped blocks, the trailing Follows block."""

from __future__ import annotations

import contextlib
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connectors import meta_audience, registry
from connectors.base import ImportContext, ImportRejected, SourceFile
from connectors.loader import import_file
from tests.conftest import EXPORTS

FILE = EXPORTS / "facebook" / "Audience.csv"
EXPORT_DAY = date(2025, 9, 4)
CTX = ImportContext(municipality="05334004", platform="facebook")


def source(data: bytes | None = None) -> SourceFile:
    return SourceFile("Audience.csv", FILE.read_bytes() if data is None else data, export_date=EXPORT_DAY)


def utf16(text: str) -> bytes:
    return b"\xff\xfe" + text.encode("utf-16-le")


def test_fixture_has_the_real_byte_layout():
    data = FILE.read_bytes()
    assert data[:2] == b"\xff\xfe"
    assert data[2:].decode("utf-16-le").startswith('sep=,\r\n"Age & gender"\r\n"","Men","Women"')


def test_detected_by_content():
    assert registry.detect(source()) is meta_audience


def test_import_age_gender_and_follows(store):
    plan, import_id = import_file(store, source(), CTX)
    assert import_id is not None
    audience = store.query_df("SELECT * FROM mart.audience ORDER BY age_group, gender")
    assert len(audience) == 12  # 6 age groups × 2 genders; no 13-17 row
    assert "13-17" not in set(audience["age_group"])
    assert set(audience["gender"]) == {"female", "male"}
    assert set(audience["audience"]) == {"followers"}
    assert (audience["platform"] == "facebook").all()
    assert (audience["as_of"].dt.date == date(2025, 9, 3)).all()  # the last Follows day, not the export day
    row = audience[(audience["age_group"] == "25-34") & (audience["gender"] == "female")].iloc[0]
    assert row["share"] == pytest.approx(0.124)
    whole = audience[(audience["age_group"] == "35-44") & (audience["gender"] == "male")].iloc[0]
    assert whole["share"] == pytest.approx(0.11)  # "11" without decimals
    assert audience["count"].isna().all()
    assert audience["share"].sum() == pytest.approx(1.0, abs=0.001)

    daily = store.query_df("SELECT day, followers_gained FROM mart.account_daily ORDER BY day")
    assert daily["day"].dt.date.tolist() == [date(2025, 9, 1), date(2025, 9, 2), date(2025, 9, 3)]
    assert daily["followers_gained"].tolist() == [14, 9, 0]

    notes = " ".join(plan.notes)
    assert "Top cities" in notes and "Top countries" in notes and "Top pages" in notes
    assert "Unbekannter Block „Top languages“" in notes


def test_reimport_changes_nothing(store):
    import_file(store, source(), CTX)
    before = store.query_df("SELECT * FROM mart.audience ORDER BY age_group, gender")
    plan, import_id = import_file(store, source(), CTX)
    assert import_id is None and plan.duplicate_of is not None
    after = store.query_df("SELECT * FROM mart.audience ORDER BY age_group, gender")
    assert before.equals(after)
    assert store.query_value("SELECT count(*) FROM mart.imports") == 1


def test_platform_is_required(store):
    with pytest.raises(ImportRejected, match="Plattform"):
        import_file(store, source(), ImportContext(municipality="05334004"))


def test_instagram_when_the_user_says_so(store):
    import_file(store, source(), ImportContext(municipality="05334004", platform="instagram"))
    assert store.query_value("SELECT DISTINCT platform FROM mart.audience") == "instagram"


def test_unknown_age_label_is_an_error():
    text = 'sep=,\n"Age & gender"\n"","Men","Women"\n"18-24","4.1","5.2"\n"12-99","1","1"'
    with pytest.raises(ImportRejected, match="Altersgruppe"):
        meta_audience.parse(source(utf16(text)), CTX)


def test_percent_out_of_range_is_an_error():
    text = 'sep=,\n"Age & gender"\n"","Men","Women"\n"18-24","104.1","5.2"'
    with pytest.raises(ImportRejected, match="0 bis 100"):
        meta_audience.parse(source(utf16(text)), CTX)


def test_only_skipped_blocks_is_an_error():
    text = 'sep=,\n"Top cities"\n"Musterstadt, Germany"\n"31.5"'
    with pytest.raises(ImportRejected, match="Age & gender"):
        meta_audience.parse(source(utf16(text)), CTX)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(
    st.binary(max_size=600),
    st.text(max_size=400).map(lambda t: utf16('sep=,\n"Age & gender"\n' + t)),
    st.lists(st.sampled_from(['"Age & gender"', '"","Men","Women"', '"18-24","4.1","x"', "", '"Follows"',
                              '"Date","Primary"', '"2025-09-01T00:00:00","-3"', '"65+","1"', '"Top pages"', ',,,']),
             max_size=12).map(lambda lines: utf16("sep=,\n" + "\n".join(lines))),
))
def test_random_input_raises_only_import_rejected(data):
    src = source(data)
    meta_audience.detect(src)
    with contextlib.suppress(ImportRejected):
        meta_audience.parse(src, CTX)
