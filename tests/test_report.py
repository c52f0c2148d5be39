"""The council report as its readers get it: every PDF page rendered (pdftoppm), its text read
back (pdftotext), its metadata; the CLI; unknown figures say „unbekannt“."""

from __future__ import annotations

import contextlib
import re
import subprocess
import sys
import zlib
from datetime import date, timedelta
from pathlib import Path

import pytest

from analytics import benchmark, fmt, report
from conftest import DEMO_TODAY

PROJECT = Path(__file__).resolve().parents[1]
HERZOGENRATH, BAESWEILER = "05334016", "05334008"


def last_month() -> tuple[date, date]:
    end = DEMO_TODAY.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def catalog(data: bytes) -> bytes:
    """The PDF's objects, with compressed streams inflated (the catalog sits in an object stream)."""
    out = [data]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        with contextlib.suppress(zlib.error):  # not every stream is compressed
            out.append(zlib.decompress(stream))
    return b"\n".join(out)


@pytest.mark.parametrize("text, expected", [
    ("2026-10", (date(2026, 10, 1), date(2026, 10, 31))),
    ("2026-Q3", (date(2026, 7, 1), date(2026, 9, 30))),
    ("2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
    ("2026-07-15..2026-08-14", (date(2026, 7, 15), date(2026, 8, 14))),
])
def test_periods(text, expected):
    assert report.parse_period(text) == expected


@pytest.mark.parametrize("text", ["2026-13", "Oktober", "2026-10-31..2026-10-01", "2026-Q5"])
def test_bad_periods_are_a_sentence(text):
    with pytest.raises(ValueError, match="Zeitraum"):
        report.parse_period(text)


def test_the_report_of_a_month_page_by_page(demo_store, tmp_path):
    start, end = last_month()
    pdf = tmp_path / "bericht.pdf"
    data = report.council_report_pdf(demo_store, HERZOGENRATH, start, end, group_id="nordkreis")
    pdf.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    label = report.period_label(start, end)
    assert f"Title:           Social-Media-Bericht Herzogenrath – {label}" in info
    assert "Author:          Bürgernah" in info
    assert b"/Lang (de)" in catalog(data)
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == pages >= 7 and all(p.stat().st_size > 2000 for p in images)

    text = pdf_text(pdf)
    pages_text = text.split("\f")
    assert pages_text[0].strip().startswith("Herzogenrath")
    assert f"Zeitraum: {label} ({fmt.day(start)} – {fmt.day(end)})" in pages_text[0]
    assert "Vergleichsgruppe: Nordkreis (StädteRegion Aachen) (4 Gemeinden)" in pages_text[0]
    for heading in ("Zusammenfassung", "Kennzahlen je Plattform", "Vergleich je 1.000 Einwohner", "Altersgruppen",
                    "Top-Beiträge", "Anhang: Definitionen und Quellen", "Importe, auf denen die Zahlen beruhen"):
        assert heading in text, heading
    assert f"Seite 2 von {pages}" in text
    # the figures, the German way: Herzogenrath's Facebook interactions and followers per 1,000
    facebook = benchmark.town_metrics(demo_store, "gemeinde:" + HERZOGENRATH, start, end, "facebook").iloc[0]
    assert f"sie erhielten {fmt.number(facebook['interactions'])} Interaktionen" in " ".join(text.split())
    group = benchmark.town_metrics(demo_store, "nordkreis", start, end).set_index("ags")
    assert fmt.number(group.at[HERZOGENRATH, "followers_per_1k_inhabitants"], decimals=1) in text
    assert "je 1.000 Einwohner" in text and "Median" in text
    assert "Ohne bekannten Follower-Stand (nicht eingeordnet): Baesweiler." in text
    assert "Instagram erreicht die 18- bis 24-Jährigen" in " ".join(text.split())


# German words and phrases of the German edition (headings, labels, units, sentences, the footer):
# none of them, and no umlaut, may be left in the English edition once the data's names are taken out.
GERMAN = re.compile(
    r"[äöüÄÖÜß„]|\b(Zusammenfassung|Kennzahlen?|Vergleich|Vergleichsgruppe|Einwohner|Altersgruppen?|Beitr\w*|"
    r"Anhang|Quelle|Formel|Einheit|Datei|Importe|Importiert|Zeitraum|Vorzeitraum|Datenstand|Seite|von|unbekannt|"
    r"Gemeinde|Gemeinden|Interaktion\w*|Interaktionsrate|Reichweite|Aufrufe|Plattform|Follower-Stand|Rang|"
    r"Gruppe|Raute|Zuschauer|Datum|Keine|Erstellt|mit|und|oder|der|die|das|je|auf|im|am|für|nicht|Stand|"
    r"Anzahl|Konten|Perzentil|gestrichelt|Bevölkerung|Index \(1 = wie)\b")


def test_the_english_report_is_english_throughout(demo_store, tmp_path, monkeypatch):
    """The edition of the English UI: headings, labels, sentences, table headers, metric texts, number
    and date formats, chart axes, page footer, metadata and /Lang in English; only data (town and
    group names, file names) stays as it is. The posts' own (German) texts are replaced for the check."""
    top_posts = report.content.top_posts
    monkeypatch.setattr(report.content, "top_posts", lambda *a, **k: top_posts(*a, **k).assign(message="A post"))
    start, end = last_month()
    pdf = tmp_path / "report.pdf"
    data = report.council_report_pdf(demo_store, HERZOGENRATH, start, end, group_id="nordkreis", lang="en")
    pdf.write_bytes(data)
    label = report.period_label(start, end, "en")
    assert label == f"{start:%B %Y}"  # "November 2026"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert f"Title:           Social media report Herzogenrath – {label}" in info
    assert "Subject:         Social media figures for the council" in info
    assert b"/Lang (en)" in catalog(data) and b"/Lang (de)" not in catalog(data)

    text = pdf_text(pdf)
    flat = " ".join(text.split())
    first = text.split("\f")[0]
    assert f"Period: {label} ({fmt.day(start, 'en')} – {fmt.day(end, 'en')})" in first
    assert "Peer group: Nordkreis (StädteRegion Aachen) (4 municipalities)" in first
    for heading in ("Summary", "Figures per platform", "Comparison per 1,000 inhabitants", "Age groups", "Top posts",
                    "Appendix: definitions and sources", "Imports the figures rest on"):
        assert heading in text, heading
    for label_en in ("Followers (end)", "New followers", "Interactions", "Reach", "Views", "Platform", "Metric",
                     "Formula", "Source of the definition", "File", "Index (1 = as in the population)",
                     "Age group", "median dashed, band: 25th–75th percentile", "Followers per 1,000 inhabitants"):
        assert label_en in flat, label_en
    assert f"Page 2 of {pages}" in text
    # figures the English way: 1,234 and 162.2, dates 30/11/2026
    facebook = benchmark.town_metrics(demo_store, "gemeinde:" + HERZOGENRATH, start, end, "facebook").iloc[0]
    assert facebook["interactions"] >= 1000
    assert f"interactions: {fmt.number(facebook['interactions'], 'en')}" in flat
    group = benchmark.town_metrics(demo_store, "nordkreis", start, end).set_index("ags")
    assert fmt.number(group.at[HERZOGENRATH, "followers_per_1k_inhabitants"], "en", decimals=1) in text
    assert "Without a known follower count (not ranked): Baesweiler." in flat
    assert "Instagram reaches 18- to 24-year-olds" in flat
    assert "YouTube unknown" in flat  # YouTube has no follower count: „unbekannt“ in German
    # nothing German left once the data's own names are taken out
    rest = text.replace("Bürgernah", "")
    for name in ("Nordkreis (StädteRegion Aachen)", "StädteRegion", "Herzogenrath", "Würselen", "Alsdorf", "Baesweiler"):
        rest = rest.replace(name, "")
    assert sorted({m.group(0) for m in GERMAN.finditer(rest)}) == []
    # and the German edition of the same data says it in German
    german = report.html(report.gather(demo_store, HERZOGENRATH, start, end, "nordkreis"))
    assert GERMAN.search(german) and '<html lang="de">' in german


def test_unknown_followers_say_unbekannt_with_the_reason(demo_store):
    start, end = last_month()
    r = report.gather(demo_store, BAESWEILER, start, end, "nordkreis")
    html = report.html(r)
    assert "unbekannt" in html
    assert any("Die Follower-Zahl auf Facebook ist unbekannt: kein Follower-Stand liegt vor" in s for s in r.summary)
    assert any("„Follower je 1.000 Einwohner“ ist Baesweiler ohne bekannten Follower-Stand" in s for s in r.summary)


def test_text_from_files_is_escaped(demo_store):
    start, end = last_month()
    r = report.gather(demo_store, HERZOGENRATH, start, end, "nordkreis")
    r.top.loc[r.top.index[0], "message"] = '<img src="https://evil.example/x.png"> **fett**'
    html = report.html(r)
    assert '<img src="https://evil.example' not in html and "&lt;img src=&quot;https://evil.example/x.png&quot;&gt;" in html


def test_cli_writes_the_report_and_refuses_nonsense(demo_db_file, tmp_path):
    start, _ = last_month()
    out = tmp_path / "r.pdf"
    run = subprocess.run([sys.executable, "-m", "connectors", "report", "--db", str(demo_db_file), "--municipality",
                          HERZOGENRATH, "--period", f"{start:%Y-%m}", "--out", str(out), "--group", "nordkreis"],
                         cwd=PROJECT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert out.read_bytes()[:5] == b"%PDF-" and "Bericht" in run.stdout
    bad = subprocess.run([sys.executable, "-m", "connectors", "report", "--db", str(demo_db_file), "--municipality",
                          HERZOGENRATH, "--period", "Oktober", "--out", str(out)], cwd=PROJECT, capture_output=True,
                         text=True, timeout=120)
    assert bad.returncode == 2 and bad.stderr.startswith("FEHLER Zeitraum „Oktober“ nicht erkannt")
    group = subprocess.run([sys.executable, "-m", "connectors", "report", "--db", str(demo_db_file), "--municipality",
                            HERZOGENRATH, "--period", f"{start:%Y-%m}", "--group", "land:09", "--out", str(out)],
                           cwd=PROJECT, capture_output=True, text=True, timeout=120)
    assert group.returncode == 2 and "gehört nicht dazu" in group.stderr
