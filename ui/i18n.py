"""UI texts, German first; English through the language switch (query parameter `lang=en`)."""

from __future__ import annotations

import streamlit as st

from connectors.base import PLATFORM_LABELS

TEXTS: dict[str, tuple[str, str]] = {
    "app_title": ("Bürgernah", "Bürgernah"),
    "language": ("Sprache", "Language"),
    "municipality": ("Gemeinde", "Municipality"),
    "week": ("Kalenderwoche", "Calendar week"),
    "nav_reports": ("Berichte", "Reports"),
    "nav_data": ("Daten", "Data"),
    "weekly_title": ("Wochenbericht", "Weekly report"),
    "import_title": ("Daten importieren", "Import data"),
    "demo_banner": (
        "**Demodaten:** Alle Zahlen sind erfunden und zeigen nur, wie Bürgernah aussieht. "
        "Importieren Sie Ihre eigenen Exporte unter „Daten importieren“.",
        "**Demo data:** all figures are invented and only show what Bürgernah looks like. "
        "Import your own exports under “Import data”.",
    ),
    "demo_remove": ("Demodaten entfernen", "Remove demo data"),
    "demo_removed": ("Demodaten entfernt ({n} Importe).", "Demo data removed ({n} imports)."),
    "no_accounts": (
        "Noch keine Daten. Importieren Sie Exporte von Facebook, Instagram, YouTube & Co. unter "
        "„Daten importieren“ – oder starten Sie mit `make run`, um Demodaten zu laden.",
        "No data yet. Import exports from Facebook, Instagram, YouTube & co. under “Import data”, "
        "or start with `make run` to load demo data.",
    ),
    "no_data_week": (
        "Für {town} liegen in {week} keine Zahlen vor. Die Daten reichen von {first} bis {last}.",
        "There are no figures for {town} in {week}. Data covers {first} to {last}.",
    ),
    "vs_previous": ("ggü. Vorwoche", "vs. previous week"),
    "trend_title": ("Verlauf der letzten 12 Wochen", "Last 12 weeks"),
    "trend_metric": ("Kennzahl", "Metric"),
    "top_posts": ("Top-Beiträge der Woche", "Top posts of the week"),
    "no_posts_week": ("Keine Beiträge in dieser Woche.", "No posts this week."),
    "published": ("Veröffentlicht", "Published"),
    "platform": ("Plattform", "Platform"),
    "post_type": ("Typ", "Type"),
    "message": ("Text", "Text"),
    "link": ("Link", "Link"),
    "open": ("öffnen", "open"),
    "week_start": ("Wochenbeginn", "Week starting"),
    "definitions": ("Definitionen der Kennzahlen", "Metric definitions"),
    "source_note": (
        "Einwohnerzahlen: Statistisches Bundesamt (Destatis), GV-ISys, Stand 31.12.2023; dl-de/by-2-0.",
        "Population: Federal Statistical Office (Destatis), GV-ISys, 31.12.2023; dl-de/by-2-0.",
    ),
}

PLATFORM_NAMES = PLATFORM_LABELS


def lang() -> str:
    """The session's language: `de` unless the URL says `lang=en`."""
    return "en" if st.query_params.get("lang") == "en" else "de"


def t(key: str, **values) -> str:
    de, en = TEXTS[key]
    text = en if lang() == "en" else de
    return text.format(**values) if values else text


def platform_name(platform: str) -> str:
    return PLATFORM_NAMES.get(platform, platform)
