"""Errors and notes of the connectors are catalogue messages (analytics/i18n.py, `connector.`): German
by default, English for the English UI and for the command line with BUERGERNAH_LANG=en, numbers and
dates in each language's format; no sentence for people written into the code."""

from __future__ import annotations

import os
import pickle
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from analytics.access import Actor, Forbidden
from analytics.i18n import TEXTS, Message, message_text
from connectors import actions, files, io
from connectors.base import ImportContext, ImportRejected, SourceFile
from connectors.loader import prepare

ROOT = Path(__file__).resolve().parents[2]
CONNECTORS = sorted((ROOT / "connectors").rglob("*.py"))
LEGACY_POSTS = ROOT / "tests/fixtures/exports/facebook/Facebook Insights Data Export (Post Level) - Stadt Musterstadt - 2020-08-03.csv"
# German words that must not appear in an English text (file formats' own German headers aside)
GERMAN = re.compile(r"[äöüß]|\b(der|die|das|und|oder|nicht|mit|von|für|bitte|Datei|Zeile|Spalte|Gemeinde|Konto|"
                    r"keine|kein|enthält|Beiträge|Tageswerte|übernommen|übersprungen|erkannt|angenommen)\b")
FORMAT_WORDS = ("Bürgernah", "Stichtag", "Schlüssel;Name;Altersgruppe;Insgesamt", "unter 3 Jahre", "GENESIS-Tabelle",
                "Insgesamt", "Statistik_Code")


def test_a_message_is_its_german_text_and_renders_in_english():
    message = Message("connector.io.too_many_rows", rows=250000, limit=200000)
    assert message == "Die Tabelle hat 250.000 Zeilen; Exporte dieser Art haben höchstens 200.000. Bitte einen " \
                      "kürzeren Zeitraum exportieren."
    assert message.text("en") == "The table has 250,000 rows; exports of this kind have at most 200,000. Please " \
                                 "export a shorter period."
    assert message.text("fr") == message  # German for anything but English
    nested = Message("connector.io.bad_date", where=Message("connector.io.where", column="Date", row=1234),
                     day=date(2031, 1, 2), problem=Message("connector.io.after_export", export_day=date(2026, 3, 1)))
    assert nested == "Spalte „Date“, Zeile 1.234: 02.01.2031 liegt nach dem Exportdatum 01.03.2026."
    assert nested.text("en") == "Column “Date”, row 1,234: 02/01/2031 is after the export date 01/03/2026."
    for kept in (nested, Message("connector.files.mb", n=1.5), Message.plain("So steht es da.")):
        assert Message.from_json(kept.to_json()).text("en") == kept.text("en")
        assert pickle.loads(pickle.dumps(kept)).text("en") == kept.text("en")  # Streamlit's caches
    assert Message("connector.files.mb", n=1.5).text("de") == "1,5 MB"
    assert Message.from_json("Ein Hinweis von früher.").text("en") == "Ein Hinweis von früher."  # as it was stored
    assert Message.from_json({"key": "connector.gone", "values": {"n": 3}}).text("en") == "connector.gone 3"


def test_every_connector_message_is_in_the_catalogue_and_no_sentence_is_in_the_code():
    used, prefixes = set(), set()
    for path in CONNECTORS:
        code = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"""["'](connector\.[a-z_]+\.[a-z0-9_.]+[a-z0-9_])["']""", code))
        prefixes |= set(re.findall(r"""f["'](connector\.[a-z_.]+\.)\{""", code))
        where = path.relative_to(ROOT)
        assert not re.search(r"""(ImportRejected|Forbidden|ApiError|AuthError|NotFound)\(\s*f?["'](?!connector\.)""",
                             code), f"{where}: a sentence written into the code"
        assert not re.search(r"""notes\.append\(\s*f?["']""", code), f"{where}: a note written into the code"
    assert sorted(used - set(TEXTS)) == []
    for prefix in prefixes:
        assert any(key.startswith(prefix) for key in TEXTS), prefix


def test_english_connector_texts_are_english():
    german = []
    for key, (_, english) in TEXTS.items():
        rest = english
        for word in FORMAT_WORDS:
            rest = rest.replace(word, "")
        if key.startswith(("connector.", "schedule.")) and GERMAN.search(rest):  # and the scheduler's results
            german.append((key, english))
    assert german == []


def test_rejections_name_the_file_in_either_language(store, monkeypatch):
    with pytest.raises(ImportRejected) as empty:
        prepare(store, SourceFile("leer.csv", b"   \n"))
    assert str(empty.value) == "leer.csv: Die Datei ist leer."
    assert empty.value.text("en") == "leer.csv: The file is empty."
    monkeypatch.setenv("BUERGERNAH_MAX_FILE_MB", "64")
    with pytest.raises(ImportRejected) as large:
        files.check_size(2048 << 20)
    assert large.value.text("de") == "Die Datei ist 2.048 MB groß; erlaubt sind 64 MB (Einstellung BUERGERNAH_MAX_FILE_MB)."
    assert large.value.text("en") == "The file is 2,048 MB; the limit is 64 MB (setting BUERGERNAH_MAX_FILE_MB)."
    days = pd.Series([date(2026, 2, 1), date(2026, 4, 1)], index=[2, 3])
    with pytest.raises(ImportRejected) as future:
        io.check_dates(days, "Date", "facebook", date(2026, 3, 1))
    assert future.value.text("en") == "Column “Date”, row 3: 01/04/2026 is after the export date 01/03/2026 (in the future)."
    assert str(future.value) == "Spalte „Date“, Zeile 3: 01.04.2026 liegt nach dem Exportdatum 01.03.2026 (in der Zukunft)."


def test_notes_and_town_notes_in_english(store):
    plan = prepare(store, SourceFile(LEGACY_POSTS.name, LEGACY_POSTS.read_bytes(), export_date=date(2020, 8, 3)),
                   ImportContext(municipality="05334004"))
    assert [n.text("en") for n in plan.town_notes] == ["Alsdorf: chosen"]
    assert plan.notes[0].text("en") == "Legacy export with “Impressions”: stored as impressions, not as views."
    assert plan.notes[0] == "Altexport mit „Impressions“: als Impressionen gespeichert, nicht als Aufrufe."
    label = plan.items[0].parsed.format_label  # what the preview calls the format
    assert (label, label.text("en")) == ("Facebook Insights – Altexport (bis 2023), Beiträge",
                                         "Facebook Insights – legacy export (until 2023), posts")


def test_refusals_in_english(store):
    officer = Actor("presse@alsdorf.example", officer_of=frozenset({"05334004"}))
    with pytest.raises(Forbidden) as refused:
        actions.require(officer, "import", {"05334008"})
    assert message_text(refused.value, "en") == \
        "Not permitted: presse@alsdorf.example (officer:05334004) may not import for 05334008."
    assert str(refused.value) == "Keine Berechtigung: presse@alsdorf.example (officer:05334004) darf für 05334008 " \
                                 "nicht importieren."


def test_a_failed_pull_says_why_in_english(store):
    from connectors.api import last_pulls, pull_all

    [result] = pull_all(store, ["gopher:stadt"])
    assert result.summary() == "FEHLER: „gopher:stadt“: unbekannte Quelle (erwartet mastodon:, facebook:, " \
                               "instagram:, youtube:)."
    assert result.summary("en") == "FAILED: “gopher:stadt”: unknown source (expected mastodon:, facebook:, " \
                                   "instagram:, youtube:)."
    stored = last_pulls(store).set_index("account_key").loc["gopher:stadt", "message"]
    assert stored.text("en") == "“gopher:stadt”: unknown source (expected mastodon:, facebook:, instagram:, youtube:)."


def test_the_command_line_speaks_english_with_buergernah_lang(tmp_path):
    broken = tmp_path / "kaputt.csv"
    broken.write_bytes(bytes(range(1, 32)) * 20)
    db = str(tmp_path / "cli.duckdb")
    english = {**os.environ, "BUERGERNAH_LANG": "en"}
    run = subprocess.run([sys.executable, "-m", "connectors", "import", "--db", db, "--municipality", "05334004",
                          str(broken), str(LEGACY_POSTS), str(tmp_path / "missing.csv")],
                         cwd=ROOT, capture_output=True, text=True, env=english)
    assert run.returncode == 1
    assert "ERROR kaputt.csv: This is not a text file (binary data); expected: CSV, XLSX, XLS or ZIP." in run.stderr
    assert f"ERROR {tmp_path / 'missing.csv'}: File not found." in run.stderr
    assert f"{LEGACY_POSTS.name}: Legacy export with “Impressions”: stored as impressions, not as views." in run.stderr
    assert f"{LEGACY_POSTS.name}: Alsdorf: chosen" in run.stderr
    assert "FEHLER" not in run.stderr and "Datei" not in run.stdout
    for word in ("File", "Result", "Rows", "imported", "rejected"):
        assert word in run.stdout, run.stdout
    account = subprocess.run([sys.executable, "-m", "connectors", "accounts", "--db", db], cwd=ROOT,
                             capture_output=True, text=True, env=english).stdout
    key = re.search(r"facebook:\d+", account).group(0)
    entry = subprocess.run([sys.executable, "-m", "connectors", "followers", "--db", db, "--account", key,
                            "--date", "2020-08-03", "--count", "5230"], cwd=ROOT, capture_output=True, text=True,
                           env=english)
    assert f"Follower count 5230 for {key} on 03/08/2020 entered (import 2; to undo: undo 2)." in entry.stdout
    undo = subprocess.run([sys.executable, "-m", "connectors", "undo", "--db", db, "7"], cwd=ROOT,
                          capture_output=True, text=True, env=english)
    assert undo.returncode == 2 and undo.stderr.strip() == "ERROR Import 7 does not exist or has already been undone."
    shown = subprocess.run([sys.executable, "-m", "connectors", "schedule", "--db", db, "show"], cwd=ROOT,
                           capture_output=True, text=True, env=english).stdout
    assert "Schedule" in shown and "Weekday" in shown and "Monday" in shown and "Wochentag" not in shown
    usage = subprocess.run([sys.executable, "-m", "connectors", "followers", "--help"], cwd=ROOT,
                           capture_output=True, text=True, env=english).stdout
    assert "--date YYYY-MM-DD" in usage and "total number of followers on that day" in usage
