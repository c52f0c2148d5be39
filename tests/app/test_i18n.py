"""The one translation catalogue (analytics/i18n.py): complete pairs, the same placeholders in both
languages, no second mechanism in the pages, every key the pages use exists, and the English UI
is English throughout."""

from __future__ import annotations

import json
import re
import string
from datetime import date
from pathlib import Path

import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from analytics import report
from analytics.i18n import LANGS, TEXTS, known, pick, text
from analytics.metrics import METRICS
from conftest import open_page

ROOT = Path(__file__).resolve().parents[2]
# Everything the UI writes: the pages, the shared UI modules, the entry point, and the analytics
# modules that name things for the pages (peer groups).
SOURCES = sorted([ROOT / "app.py", *(ROOT / "ui").glob("*.py"), *(ROOT / "views").glob("*.py"),
                  ROOT / "analytics" / "peers.py", ROOT / "analytics" / "report.py"])
PREFIXES = {"app", "common", "format", "filters", "downloads", "file", "uploader", "wochenbericht", "vergleich",
            "altersgruppen", "kanaele", "beitraege", "methodik", "importieren", "verwaltung", "wochenmail", "peers",
            "metric", "themen", "connector", "report", "digest", "schedule", "table"}


def placeholders(value: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(value) if field is not None}


def test_every_entry_has_both_languages_and_the_same_placeholders():
    assert LANGS == ("de", "en")
    for key, pair in TEXTS.items():
        assert isinstance(pair, tuple) and len(pair) == 2, key
        de, en = pair
        assert de.strip() and en.strip(), key
        assert placeholders(de) == placeholders(en), key


def test_keys_are_organised_by_page():
    for key in TEXTS:
        assert key.split(".")[0] in PREFIXES and "." in key, key


def test_text_fills_placeholders_and_picks_the_language():
    assert text("vergleich.n", "de", n=3) == "n = 3 Gemeinden mit Wert"
    assert text("vergleich.n", "en", n=3) == "n = 3 municipalities with a value"
    assert text("app.retry", "fr") == "Erneut versuchen"  # German for anything but English
    assert pick(("ja", "yes"), "en") == "yes"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_second_translation_mechanism(source):
    """No per-page `TXT = {"de": …, "en": …}` dict and no `… if L == "de" else …` ternary."""
    code = source.read_text(encoding="utf-8")
    assert not re.search(r"^\s*TXT\s*=", code, re.M), "a TXT dict"
    assert not re.search(r"""["'](de|en)["']\s*:\s*\{""", code), "a dict of languages"
    assert not re.search(r"""==\s*["'](de|en)["']\s+else\b""", code), "a language ternary"
    assert not re.search(r"""\blang\(\)\s*==""", code), "a language comparison"


def test_every_key_the_sources_use_exists():
    used, prefixes = set(), set()
    for source in SOURCES:
        code = source.read_text(encoding="utf-8")
        used |= set(re.findall(r"""\b(?:t|text)\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""", code))
        prefixes |= set(re.findall(r"""\b(?:t|text)\(\s*f["']([a-z_]+\.[a-z0-9_.]*)\{""", code))
    prefixes |= {key for key in used if key.endswith(".")}  # t("common.source." + source)
    used -= prefixes
    assert used and prefixes
    assert sorted(used - set(TEXTS)) == []
    for prefix in prefixes:
        assert any(key.startswith(prefix) for key in TEXTS), prefix


def test_metric_texts_live_in_the_registry_only():
    """A metric is one registry entry with both languages; the catalogue holds no metric texts."""
    assert not [key for key in TEXTS if key.startswith("metric.")]
    for metric in METRICS.values():
        for pair in (metric.labels, metric.units, metric.formulas, metric.sources, metric.denominators):
            assert all(pair) and len(pair) == 2, metric.id


def test_connector_labels_and_hints_follow_the_connectors():
    """The page translates the connectors' German status labels and pull hints it recognises."""
    from connectors import api, digest
    from connectors.api.common import STATUS_LABELS

    for status, label in STATUS_LABELS.items():
        assert TEXTS[f"importieren.pull_status.{status}"][0] == label
    for status, label in digest.STATUS_LABELS.items():
        assert TEXTS[f"wochenmail.status.{status}"][0] == label
    for source in api.SOURCES:  # a source with a token says why a pull is skipped without it
        if source.token_service:
            assert known(f"importieren.hint.token.{source.name}"), source.name


@pytest.mark.parametrize("start, end", [(date(2026, 3, 1), date(2026, 3, 31)), (date(2026, 7, 1), date(2026, 9, 30)),
                                        (date(2026, 1, 5), date(2026, 2, 3)), (date(2026, 2, 1), date(2026, 4, 30))])
def test_report_period_in_both_languages(start, end):
    from ui.downloads import period_label

    assert period_label(start, end, "de") == report.period_label(start, end)
    assert not re.search(r"[äöü]|Quartal|Januar|Februar|März", period_label(start, end, "en"))


# -- the English UI is English throughout -------------------------------------------------------------

GERMAN = re.compile(
    r"[äöüÄÖÜß]|\b(der|die|das|dem|den|und|oder|nicht|mit|von|für|je|bis|ab|zu|im|am|auf|ein|eine|bitte|"
    r"Anzahl|Gemeinde|Gemeinden|Beiträge|Einwohner|Zeitraum|Woche|Wochen|Stand|keine|kein|unbekannt|Jahre|Uhr|"
    r"Quelle|Plattform|Plattformen|Kennzahl|Datei|Konto|Konten|Zugänge|seit|statt|Impressionen|Aufrufe|KW|Tag|"
    r"Tage|Tagen|Datum|Vorschau|Fehler|Hinweis|Rang|Anteil|Nenner|Formel|Einheit|Ersatz)\b")
# Left German on purpose, written by code the pages do not own: the registry's SQL note.
NOT_THE_PAGES = ("(not used)",)
POST_CHOICE = re.compile(r"^\d\d[./]\d\d[./]\d{4} · ")  # posts to correct, named by date and their (German) text
PAGES = [None, "views/vergleich.py", "views/altersgruppen.py", "views/kanaele.py", "views/beitraege.py",
         "views/methodik.py", "views/importieren.py", "views/verwaltung.py"]


def _strings(value, out: list[str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in ("datasets", "data", "arrowData", "values"):  # the figures, not the UI
                _strings(item, out)
    elif isinstance(value, list):
        for item in value:
            _strings(item, out)
    elif isinstance(value, str):
        if value[:1] in "{[":  # chart specs and column configs are JSON
            try:
                _strings(json.loads(value), out)
                return
            except ValueError:
                pass
        out.append(value)


def shown_texts(at: AppTest) -> list[str]:
    """Every string of every element (labels, help, options, chart titles and formats, table headers)."""
    found: list[str] = []

    def walk(node) -> None:
        if getattr(node, "proto", None) is not None:
            _strings(MessageToDict(node.proto), found)
        if type(node).__name__ == "Dataframe":
            found.extend(str(column) for column in node.value.columns)
        children = getattr(node, "children", None)
        for child in children.values() if isinstance(children, dict) else []:
            walk(child)

    walk(at._tree)
    return list(dict.fromkeys(found))


def data_names(store) -> list[str]:
    """Names that are data, not UI: municipalities, Kreise, Länder, accounts, peer groups."""
    names = set()
    for sql in ("SELECT name FROM core.municipalities", "SELECT kreis_name FROM core.municipalities",
                "SELECT land_name FROM core.municipalities", "SELECT name FROM core.accounts",
                "SELECT name FROM core.peer_groups"):
        for name in store.query_df(sql).iloc[:, 0].dropna().astype(str):
            names |= {name, name.split(",")[0]}
    return sorted((n for n in names if n), key=len, reverse=True)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p or "views/wochenbericht.py")
def test_english_ui_is_english(demo_store, monkeypatch, page):
    names = data_names(demo_store)
    at = open_page(demo_store.path, monkeypatch, page, {"lang": "en"})
    german = []
    for shown in shown_texts(at):
        rest = re.sub(r"\\(.)", r"\1", shown).replace("Bürgernah", "")  # Markdown escapes of literal()
        for name in names:
            rest = rest.replace(name, "")
        if GERMAN.search(rest) and not shown.startswith(NOT_THE_PAGES) and not POST_CHOICE.match(shown):
            german.append(shown)
    assert german == []
    assert any('document.documentElement.lang = "en"' in s for s in shown_texts(at))
