"""Downloads: formula-like cells are neutralised in CSV and XLSX; charts render to PNG and SVG; tables
download as a council reads them (headers in the page's language, rounded numbers, empty unknowns)
and as raw data; charts carry a title with the town or group and the period (issue 12)."""

from __future__ import annotations

import io
import re

import altair as alt
import openpyxl
import pandas as pd
import pytest

from tests.conftest import open_page
from ui import downloads

EVIL = pd.DataFrame({"text": ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tcmd", "ok", None],
                     "number": [-1.5, 2, 3, 4, 5, 6, 7]})


def test_neutralise():
    assert downloads.neutralise("=1+1") == "'=1+1"
    assert downloads.neutralise(" =1+1") == "' =1+1"  # a leading space does not hide a formula
    assert downloads.neutralise("\n@SUM(A1)") == "'\n@SUM(A1)"
    assert downloads.neutralise("Hallo") == "Hallo"
    assert downloads.neutralise(-5) == -5


def test_csv_is_safe_and_german():
    text = downloads.csv_bytes(EVIL, "de").decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "text;number"
    assert lines[1].startswith('"\'=HYPERLINK')
    assert lines[2] == "'+1;2,0" and lines[3] == "'-2+3;3,0" and lines[4].startswith("'@SUM")
    assert "-1,5" in lines[1]  # numbers stay numbers (a negative number is not a formula)
    assert downloads.csv_bytes(EVIL, "en").decode("utf-8-sig").splitlines()[0] == "text,number"


def test_xlsx_is_safe():
    book = openpyxl.load_workbook(io.BytesIO(downloads.xlsx_bytes(EVIL)))
    sheet = book.active
    values = [c.value for c in sheet["A"]][1:]
    # text cells keep their text (no visible apostrophe) and are never formulas
    assert values[:5] == ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tcmd"]
    assert all(c.data_type == "s" for c in sheet["A"] if c.value is not None)
    assert sheet["B2"].value == -1.5


def test_chart_png_and_svg():
    chart = alt.Chart(pd.DataFrame({"x": [1, 2], "y": [1000.5, 2000]})).mark_line().encode(x="x:Q", y="y:Q")
    png = downloads.png_bytes(chart)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    svg = downloads.svg_bytes(chart).decode()
    assert svg.startswith("<svg") and "2.000" in svg  # German thousands separator


def test_english_downloads_are_english():
    chart = alt.Chart(pd.DataFrame({"x": [1, 2], "y": [1000.5, 2000]})).mark_line().encode(x="x:Q", y="y:Q")
    svg = downloads.svg_bytes(chart, "en").decode()
    assert "2,000" in svg and "2.000" not in svg  # the English number format, as the page shows it
    assert downloads.png_bytes(chart, "en")[:8] == b"\x89PNG\r\n\x1a\n"
    assert openpyxl.load_workbook(io.BytesIO(downloads.xlsx_bytes(EVIL, "Data"))).sheetnames == ["Data"]
    assert openpyxl.load_workbook(io.BytesIO(downloads.xlsx_bytes(EVIL))).sheetnames == ["Daten"]


# -- tables as a council reads them, and the raw data beside them ---------------------------------------

FIGURES = pd.DataFrame({
    "rank": [1.0, None], "town": ["Alsdorf", "Baesweiler"], "inhabitants": [48518, 28005],
    "er_follower_period": [1.241481726, None], "reels_share": [0.211538, 0.5], "posts_per_week": [8.088889, 2.1],
    "follower_net_growth": [974.0, None], "few_posts": [False, True], "platform": ["facebook", None],
    "week_start": pd.to_datetime(["2026-11-02", None]),
    "published_at": pd.to_datetime(["2026-11-02 13:30", "2026-11-03 07:05"]).tz_localize("UTC"),
    "account_key": ["facebook:1", "facebook:2"],  # a helper column: raw data only
})


def test_council_table_headers_rounding_and_unknowns():
    table = downloads.council_table(FIGURES, "de")
    assert list(table.columns) == [
        "Rang", "Gemeinde", "Einwohner", "Interaktionsrate je Follower (Zeitraum) in %", "Reels-Anteil in %",
        "Beiträge pro Woche", "Follower-Nettozuwachs", "Weniger als 10 Beiträge", "Plattform", "Wochenbeginn",
        "Veröffentlicht"]
    first = table.iloc[0]
    assert first["Rang"] == 1 and first["Interaktionsrate je Follower (Zeitraum) in %"] == 1.24
    assert first["Reels-Anteil in %"] == 21.2 and first["Beiträge pro Woche"] == 8.1  # a share as percent, 1 decimal
    assert first["Plattform"] == "Facebook" and first["Weniger als 10 Beiträge"] == "nein"
    text = downloads.csv_bytes(table, "de").decode("utf-8-sig")
    assert text.splitlines()[1] == ("1;Alsdorf;48518;1,24;21,2;8,1;974;nein;Facebook;02.11.2026;02.11.2026 14:30")
    assert text.splitlines()[2] == ";Baesweiler;28005;;50,0;2,1;;ja;;;03.11.2026 08:05"  # unknown: empty
    english = downloads.council_table(FIGURES, "en")
    assert "Engagement rate per follower (period) in %" in english.columns and "Fewer than 10 posts" in english.columns
    assert downloads.csv_bytes(english, "en").decode("utf-8-sig").splitlines()[1].endswith(
        ",no,Facebook,02/11/2026,02/11/2026 14:30")


def test_council_xlsx_keeps_numbers_and_dates():
    sheet = openpyxl.load_workbook(io.BytesIO(downloads.xlsx_bytes(downloads.council_table(FIGURES, "de"),
                                                                   "Daten", "de"))).active
    cells = {c.value: sheet.cell(2, c.column) for c in sheet[1]}
    assert cells["Interaktionsrate je Follower (Zeitraum) in %"].value == 1.24
    assert cells["Interaktionsrate je Follower (Zeitraum) in %"].number_format == "#,##0.00"
    assert cells["Einwohner"].value == 48518 and cells["Einwohner"].number_format == "#,##0"
    assert cells["Wochenbeginn"].is_date and cells["Wochenbeginn"].number_format == "DD.MM.YYYY"
    assert sheet.cell(3, 1).value is None  # unknown rank: an empty cell


def test_raw_csv_keeps_names_and_precision():
    raw = pd.read_csv(io.BytesIO(downloads.raw_csv_bytes(FIGURES)))
    assert list(raw.columns) == list(FIGURES.columns)
    assert raw["er_follower_period"].iloc[0] == 1.241481726 and raw["reels_share"].iloc[0] == 0.211538
    assert downloads.raw_csv_bytes(FIGURES) == downloads.raw_csv_bytes(FIGURES)  # no BOM, the same in every language
    assert not downloads.raw_csv_bytes(FIGURES).startswith(b"\xef\xbb\xbf")


# -- what the pages' buttons deliver -------------------------------------------------------------------------


@pytest.fixture
def delivered(monkeypatch):
    """The files the download buttons of a page run deliver, by button: every button's callable is
    recorded when Streamlit registers it (it runs only on a click) and called here."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    registered = {}
    original = MediaFileManager.add_deferred

    def add_deferred(self, data, mimetype, coordinates, file_name=None, **kwargs):
        file_id = original(self, data, mimetype, coordinates, file_name=file_name, **kwargs)
        registered[file_id] = (data, file_name)
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)

    def files(at) -> list[tuple[str, str, bytes]]:
        """(label, file name, content) of every download button on the page."""
        out = []
        for button in at.get("download_button"):
            data, name = registered[button.proto.deferred_file_id]
            out.append((button.proto.label, name, data()))
        return out

    return files


def _one(files, label: str, ending: str) -> tuple[str, bytes]:
    return next((name, content) for lab, name, content in files if lab == label and name.endswith(ending))


def test_vergleich_downloads_for_the_council_and_raw(demo_store, monkeypatch, delivered):
    from analytics import benchmark, fmt
    from tests.app.test_analysis_pages import default_period

    start, end = default_period(demo_store)
    towns = benchmark.town_metrics(demo_store, "nordkreis", start, end)
    towns = towns.assign(town=towns["name"].str.split(",").str[0]).set_index("town")
    at = open_page(demo_store.path, monkeypatch, "views/vergleich.py", {"kennzahl": "er_follower_period"})
    files = delivered(at)
    assert [label for label, _, _ in files][:5] == ["PNG", "SVG", "CSV", "XLSX", "Rohdaten (CSV)"]

    name, content = _one(files, "CSV", ".csv")
    assert name == f"vergleich_nordkreis_{start}_{end}.csv"
    german = pd.read_csv(io.BytesIO(content), sep=";", decimal=",", encoding="utf-8-sig", dtype={"AGS (Gemeindeschlüssel)": str})
    assert {"Gemeinde", "Rang", "Einwohner", "Follower je 1.000 Einwohner", "Interaktionsrate je Follower (Zeitraum) in %",
            "Reels-Anteil in %", "Kein Konto"} <= set(german.columns)
    german = german.set_index("Gemeinde")
    alsdorf = towns.loc["Alsdorf"]
    assert german.at["Alsdorf", "Interaktionsrate je Follower (Zeitraum) in %"] == round(alsdorf["er_follower_period"], 2)
    assert german.at["Alsdorf", "Follower je 1.000 Einwohner"] == round(alsdorf["followers_per_1k_inhabitants"], 1)
    assert german.at["Alsdorf", "Reels-Anteil in %"] == round(alsdorf["reels_share"] * 100, 1)
    assert german.at["Alsdorf", "Einwohner"] == alsdorf["inhabitants"]
    assert german.at["Alsdorf", "AGS (Gemeindeschlüssel)"] == "05334004"
    # as the page shows it: the CSV holds the figure the table shows, in German
    text = content.decode("utf-8-sig")
    assert fmt.number(alsdorf["er_follower_period"], "de", 2) in text
    assert pd.isna(german.at["Baesweiler", "Follower je 1.000 Einwohner"])  # unknown: an empty cell
    assert german.at["Baesweiler", "Follower-Stand unbekannt"] == "ja"
    assert not any(word in text for word in ("None", "nan", "NaN", "<NA>", "True", "False"))

    at = open_page(demo_store.path, monkeypatch, "views/vergleich.py", {"kennzahl": "er_follower_period", "lang": "en"})
    files = delivered(at)
    assert "Raw data (CSV)" in [label for label, _, _ in files]
    name, content = _one(files, "CSV", ".csv")
    english = pd.read_csv(io.BytesIO(content), encoding="utf-8-sig").set_index("Municipality")
    assert name == f"comparison_nordkreis_{start}_{end}.csv"
    assert english.at["Alsdorf", "Engagement rate per follower (period) in %"] == round(alsdorf["er_follower_period"], 2)
    assert {"Rank", "Inhabitants", "Followers per 1,000 inhabitants", "No account"} <= set(english.columns)

    name, content = _one(files, "Raw data (CSV)", ".csv")
    assert name == f"comparison_nordkreis_{start}_{end}_raw.csv"
    raw = pd.read_csv(io.BytesIO(content), dtype={"ags": str}).set_index("town")
    assert {"rank", "ags", "inhabitants", "er_follower_period", "followers_per_1k_inhabitants", "no_account"} <= set(raw.columns)
    assert raw.at["Alsdorf", "er_follower_period"] == pytest.approx(alsdorf["er_follower_period"], rel=1e-12)  # full precision
    assert raw.at["Alsdorf", "reels_share"] == pytest.approx(alsdorf["reels_share"], rel=1e-12)  # a fraction, as computed


def test_chart_downloads_name_group_and_period(demo_store, monkeypatch, delivered):
    from tests.app.test_analysis_pages import default_period

    start, end = default_period(demo_store)
    period = f"{start:%d.%m.%Y}–{end:%d.%m.%Y}"
    at = open_page(demo_store.path, monkeypatch, "views/vergleich.py", {"kennzahl": "er_follower_period"})
    files = delivered(at)
    name, svg = _one(files, "SVG", ".svg")
    assert name == f"vergleich_nordkreis_er_follower_period_{start}_{end}.svg"
    svg = svg.decode()
    # the title: what, the group and the period (a long one in two lines: the metric, then group and period)
    assert ">Interaktionsrate je Follower (Zeitraum)<" in svg
    assert f">Nordkreis (StädteRegion Aachen), {period}<" in svg
    name, png = _one(files, "PNG", ".png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and name.endswith(f"_{start}_{end}.png")

    at = open_page(demo_store.path, monkeypatch, "views/vergleich.py", {"lang": "en"})
    svg = _one(delivered(at), "SVG", ".svg")[1].decode()
    assert ">Followers per 1,000 inhabitants<" in svg and f">Nordkreis (StädteRegion Aachen), {start:%d/%m/%Y}–{end:%d/%m/%Y}<" in svg


def test_weekly_chart_download_names_town_and_weeks(demo_store, monkeypatch, delivered):
    from datetime import timedelta

    from analytics import weekly
    from conftest import DEMO_TODAY

    monday = weekly.last_complete_week(DEMO_TODAY)
    at = open_page(demo_store.path, monkeypatch, params={"ags": "05334004", "week": monday.isoformat()})
    files = delivered(at)
    first, last = monday - timedelta(weeks=11), monday + timedelta(days=6)
    name, svg = _one(files, "SVG", ".svg")
    assert name == f"wochenbericht_05334004_interactions_{first}_{last}.svg"
    assert f">Interaktionen – Alsdorf, {first:%d.%m.%Y}–{last:%d.%m.%Y}<" in svg.decode()  # one line: short enough
    labels = [label for label, _, _ in files]
    assert labels.count("Rohdaten (CSV)") == 2  # beside the trend's and the top posts' CSV/XLSX


RAW_NAME = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)+$")


@pytest.mark.parametrize("page", ["views/altersgruppen.py", "views/kanaele.py", "views/beitraege.py"])
def test_every_council_download_has_headers_and_no_missing_markers(demo_store, monkeypatch, delivered, page):
    """Every table of the page downloads with German headers (no code names) and empty unknowns;
    its raw data beside it."""

    at = open_page(demo_store.path, monkeypatch, page, {"ags": "05334016"})
    files = delivered(at)
    tables = [(name, content) for label, name, content in files if label == "CSV"]
    assert tables and len(tables) == sum(label == "Rohdaten (CSV)" for label, _, _ in files)
    for name, content in tables:
        frame = pd.read_csv(io.BytesIO(content), sep=";", decimal=",", encoding="utf-8-sig", keep_default_na=False)
        assert not [c for c in frame.columns if RAW_NAME.match(c)], name
        cells = set(frame.astype(str).to_numpy().ravel())
        assert not cells & {"None", "nan", "NaN", "NaT", "<NA>", "True", "False"}, name
