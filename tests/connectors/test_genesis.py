"""GENESIS / Regionalstatistik population tables → core.population_official → mart.population_by_age."""

from __future__ import annotations

import contextlib
from datetime import date

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connectors import genesis, registry
from connectors.base import ImportContext, ImportRejected, SourceFile
from connectors.loader import import_file, prepare
from tests.conftest import EXPORTS

FOLDER = EXPORTS / "genesis"
WIDE = "12411-02-03-5_2023_Gemeinden_classic-csv.csv"
LONG = "12411-02-03-5_Gemeinden_classic-long.csv"
FFCSV = "12411-02-03-5_2024_ffcsv_UTF-8-BOM.csv"
REAL_KREISE = "regionalstatistik_12411-02-03-5-B_2018_Kreise_classic-csv_ISO-8859-1.csv"
REAL_DEUTSCHLAND = "regionalstatistik_12411-02-03-5-B_2018_Deutschland_classic-csv_ISO-8859-1.csv"
REAL_NO_AGE = "regionalstatistik_12411-01-01-4_2024_ffcsv_excerpt.csv"
CTX = ImportContext(municipality="05334004")

# Alsdorf 31.12.2023 in the fixtures: the 17 groups sum to 48,518 (GV-ISys total).
ALSDORF_2023 = {"13-17": 2270, "18-24": 3500, "25-34": 6010, "35-44": 5870, "45-54": 6270,
                "55-64": 7570, "65+": 11298}


def source(name: str, data: bytes | None = None) -> SourceFile:
    return SourceFile(name, data if data is not None else (FOLDER / name).read_bytes(), export_date=date(2025, 1, 10))


def by_age(store, ags: str) -> dict[str, tuple[int, str, date]]:
    frame = store.query_df(
        "SELECT age_group, population, source, reference_date FROM mart.population_by_age WHERE ags = ?", [ags]
    )
    return {r.age_group: (int(r.population), r.source, pd.Timestamp(r.reference_date).date()) for r in frame.itertuples()}


@pytest.mark.parametrize("name", [WIDE, LONG, FFCSV, REAL_KREISE, REAL_DEUTSCHLAND, REAL_NO_AGE])
def test_detected_by_content(name):
    assert registry.detect(source(name)) is genesis


def test_wide_classic_csv_replaces_the_estimate_for_that_town(store):
    before = by_age(store, "05334004")
    assert {s for _, s, _ in before.values()} == {"estimate"}

    plan, import_id = import_file(store, source(WIDE), CTX)

    assert import_id is not None
    assert plan.platform == "population" and plan.format == "genesis_wide"
    after = by_age(store, "05334004")
    assert {g: p for g, (p, _, _) in after.items()} == ALSDORF_2023
    assert {g: s for g, (_, s, _) in after.items() if s != "official"} == {"13-17": "estimate"}  # derived
    assert {d for _, _, d in after.values()} == {date(2023, 12, 31)}
    # Baesweiler too; Herzogenrath (all `.`) and towns not in the file stay estimates.
    assert by_age(store, "05334008")["18-24"] == (1980, "official", date(2023, 12, 31))
    assert {s for _, s, _ in by_age(store, "05334016").values()} == {"estimate"}
    assert {s for _, s, _ in by_age(store, "05334012").values()} == {"estimate"}
    derived = store.query_df("SELECT age_group FROM core.population_official WHERE derived ORDER BY ALL")
    assert derived["age_group"].tolist() == ["13-17", "13-17"]
    assert store.query_value("SELECT count(*) FROM core.population_official") == 14
    assert store.query_value("SELECT platform FROM mart.imports") == "population"
    notes = " ".join(plan.notes)
    assert "05334099" in notes and "ohne Zahlen" in notes and "Kreise" in notes and "13-17" in notes


def test_reimport_is_idempotent(store):
    import_file(store, source(WIDE), CTX)
    first = by_age(store, "05334004")
    _, again = import_file(store, source(WIDE), CTX)
    assert again is None
    assert by_age(store, "05334004") == first
    assert store.query_value("SELECT count(*) FROM core.population_official") == 14
    assert store.query_value("SELECT count(*) FROM mart.imports") == 1


def test_long_layout_keeps_the_latest_stichtag(store):
    plan, _ = import_file(store, source(LONG), CTX)
    assert plan.format == "genesis_long"
    after = by_age(store, "05334004")
    assert {g: p for g, (p, _, _) in after.items()} == ALSDORF_2023
    assert {d for _, _, d in after.values()} == {date(2023, 12, 31)}
    assert any("2 Stichtage" in n for n in plan.notes)


def test_ffcsv_with_bom_and_a_newer_import_wins(store):
    import_file(store, source(WIDE), CTX)
    plan, _ = import_file(store, source(FFCSV), CTX)
    assert plan.format == "genesis_ffcsv"
    after = by_age(store, "05334004")
    # 31.12.2024: three more people in each of the 17 groups.
    # 13-17 is derived (2/5 × 2253 + 1373), so it is marked as an estimate
    assert after["13-17"] == (2274, "estimate", date(2024, 12, 31))
    assert after["18-24"] == (3506, "official", date(2024, 12, 31))
    assert after["65+"][0] == 11304
    # Baesweiler is not in the ffcsv: its earlier official figures remain.
    assert by_age(store, "05334008")["18-24"] == (1980, "official", date(2023, 12, 31))


def test_real_kreise_file_stores_only_its_municipalities(store):
    plan, _ = import_file(store, source(REAL_KREISE), CTX)
    aachen = by_age(store, "05334002")
    # Aachen, krfr. Stadt in the real file: 10–15 = 9197, 15–18 = 5768, 18–20 = 7110, 20–25 = 30370, …
    assert aachen["13-17"] == (9447, "estimate", date(2018, 12, 31))  # derived, not an official group
    assert aachen["18-24"][0] == 37480
    assert aachen["25-34"][0] == 27401 + 18242
    assert aachen["65+"][0] == 20784 + 24391
    assert sum(p for p, _, _ in aachen.values()) == 247380 - (6287 + 5719 + 7040) - round(9197 * 3 / 5)
    stored = store.query_df("SELECT DISTINCT ags FROM core.population_official ORDER BY ags")["ags"].tolist()
    assert stored == ["03241001", "05334002", "10041100"]
    assert any("474 Zeile(n)" in n for n in plan.notes)
    assert any("11001001" in n for n in plan.notes)  # Berlin Bezirke are not municipalities


@pytest.mark.parametrize(("name", "reason"), [
    (REAL_DEUTSCHLAND, "keine Gemeinde"),
    (REAL_NO_AGE, "keine Altersgruppen"),
])
def test_real_files_without_storable_rows_are_rejected(store, name, reason):
    with pytest.raises(ImportRejected, match=reason):
        prepare(store, source(name), CTX)


def test_bad_cells_and_missing_stichtag_are_rejected_in_german(store):
    bad = (FOLDER / WIDE).read_bytes().replace(b"Alsdorf, Stadt;1290", b"Alsdorf, Stadt;12x0")
    with pytest.raises(ImportRejected, match="keine Einwohnerzahl"):
        prepare(store, source(WIDE, bad), CTX)
    no_date = (FOLDER / WIDE).read_bytes().replace(b"Stichtag: 31.12.2023", b"Stand unbekannt")
    with pytest.raises(ImportRejected, match="Stichtag"):
        prepare(store, source(WIDE, no_date), CTX)
    other = (FOLDER / WIDE).read_bytes().replace(b"GENESIS-Tabelle: 12411-02-03-5", b"GENESIS-Tabelle: 21111-01-03-4")
    with pytest.raises(ImportRejected, match="keine Bevölkerungstabelle"):
        prepare(store, source(WIDE, other), CTX)


def test_german_thousands_separators_are_read():
    data = (FOLDER / WIDE).read_bytes().replace(b"Alsdorf, Stadt;1290;1310;1780;2250",
                                                 b"Alsdorf, Stadt;1.290;1.310;1.780;2.250")
    population = genesis.parse(source(WIDE, data), CTX)[0].population
    assert population.set_index(["ags", "age_group"]).loc[("05334004", "13-17"), "population"] == 2270


def test_age_labels_and_buckets():
    assert genesis.age_interval("unter 3 Jahre") == (0, 3)
    assert genesis.age_interval("10 bis unter 15 Jahre") == (10, 15)
    assert genesis.age_interval("75 Jahre und mehr") == (75, None)
    assert genesis.age_interval("ALT010B15") == (10, 15)
    assert genesis.age_interval("ALT075UM") == (75, None)
    assert genesis.age_interval("Insgesamt") is None
    groups = {(0, 10): 100, (10, 15): 50, (15, 18): 30, (18, 25): 70, (25, 35): 90, (35, 45): 80,
              (45, 55): 85, (55, 65): 95, (65, 75): 60, (75, None): 40}
    buckets = genesis.to_buckets(groups)
    assert buckets["13-17"] == (50, True)  # 2/5 × 50 + 30
    assert buckets["65+"] == (100, False)
    del groups[(55, 65)]
    with pytest.raises(ImportRejected, match="55-64"):
        genesis.to_buckets(groups)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from(["", "GENESIS-Tabelle: 12411-02-03-5\n", "\ufeffstatistics_code;time;value\n",
                            "GENESIS-Tabelle: 12411-02-03-5\nStichtag: 31.12.2023;\n;;unter 3 Jahre;3 bis unter 6 Jahre\n"]),
    body=st.text(alphabet=st.sampled_from(list("0123456789;.-\n\"x ;ÄGESINTabelunr_")), max_size=400),
    raw=st.binary(max_size=200),
)
def test_random_input_raises_only_import_rejected(prefix, body, raw):
    for data in ((prefix + body).encode("utf-8"), (prefix + body).encode("latin-1", "replace"), raw):
        with contextlib.suppress(ImportRejected):
            genesis.parse(SourceFile("x.csv", data), ImportContext())
