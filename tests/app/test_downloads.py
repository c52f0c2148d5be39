"""Downloads: formula-like cells are neutralised in CSV and XLSX; charts render to PNG and SVG."""

from __future__ import annotations

import io

import altair as alt
import openpyxl
import pandas as pd

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
