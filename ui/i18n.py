"""UI texts, German first; English through the language switch (query parameter `lang=en`)."""

from __future__ import annotations

import streamlit as st

from analytics import platforms

TEXTS: dict[str, tuple[str, str]] = {
    "app_title": ("Bürgernah", "Bürgernah"),
    "db_busy": (
        "Die Datenbank ist gerade von einem anderen Vorgang belegt (zum Beispiel einem Import). "
        "Bitte versuchen Sie es in einem Moment noch einmal.",
        "The database is busy with another task right now (an import, for example). "
        "Please try again in a moment.",
    ),
    "db_unavailable": ("Die Datenbank lässt sich gerade nicht öffnen: {reason}",
                       "The database cannot be opened right now: {reason}"),
    "retry": ("Erneut versuchen", "Try again"),
    "report_span": ("Bericht für den Rat", "Council report"),
    "span_month": ("Monat", "Month"),
    "span_quarter": ("Quartal", "Quarter"),
    "refuse_network": (
        "Bürgernah ist ohne Anmeldung nur auf dem eigenen Rechner erreichbar: für die Adresse {address} "
        "richten Sie bitte die Anmeldung ein (Abschnitt [auth] in .streamlit/secrets.toml, siehe README, "
        "„Betrieb“) oder schalten Sie den öffentlichen Lesemodus ein (BUERGERNAH_PUBLIC=1).",
        "Without a login Bürgernah is reachable from this computer only: for the address {address}, set up "
        "the login ([auth] in .streamlit/secrets.toml, see the README, “Operation”) or switch on the public "
        "read-only mode (BUERGERNAH_PUBLIC=1).",
    ),
    "login": ("Anmelden", "Log in"),
    "login_with": ("Anmelden mit {provider}", "Log in with {provider}"),
    "login_intro": (
        "Social-Media-Kennzahlen der Kommunen. Bitte melden Sie sich mit Ihrem Dienstkonto an.",
        "Social media figures of municipalities. Please log in with your work account.",
    ),
    "logout": ("Abmelden", "Log out"),
    "signed_in_as": ("Angemeldet als {user} · Rollen: {roles}", "Logged in as {user} · roles: {roles}"),
    "no_role": (
        "Ihr Konto {user} hat noch keine Bürgernah-Rolle. Bitte wenden Sie sich an die Administration "
        "(Rollen: Verwaltung, Rat, Öffentlichkeitsarbeit einer Gemeinde).",
        "Your account {user} has no Bürgernah role yet. Please ask the administrators "
        "(roles: admin, council, officer of a municipality).",
    ),
    "nav_admin": ("Verwaltung", "Administration"),
    "confirm_yes": ("Ja, ausführen", "Yes, go ahead"),
    "confirm_no": ("Abbrechen", "Cancel"),
    "language": ("Sprache", "Language"),
    "municipality": ("Gemeinde", "Municipality"),
    "week": ("Kalenderwoche", "Calendar week"),
    "nav_reports": ("Berichte", "Reports"),
    "nav_data": ("Daten", "Data"),
    "weekly_title": ("Wochenbericht", "Weekly report"),
    "import_title": ("Daten importieren", "Import data"),
    "demo_banner": (
        "**Demodaten:** Alle Zahlen sind erfunden und zeigen nur, wie Bürgernah aussieht.",
        "**Demo data:** all figures are invented and only show what Bürgernah looks like.",
    ),
    "demo_banner_import": (  # only for those who have the import page
        " Importieren Sie Ihre eigenen Exporte unter „Daten importieren“.",
        " Import your own exports under “Import data”.",
    ),
    "demo_remove": ("Demodaten entfernen", "Remove demo data"),
    "demo_remove_question": (
        "Demodaten endgültig entfernen? Sie kommen nur mit `python -m connectors demo` zurück.",
        "Remove the demo data for good? Only `python -m connectors demo` brings it back.",
    ),
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
    "no_data_at_all": (
        "Für {town} liegen in {week} keine Zahlen vor: es gibt noch keine Beiträge oder Tageswerte.",
        "There are no figures for {town} in {week}: there are no posts or daily figures yet.",
    ),
    # Unknown figures and how to fix them (followers are known totals or unknown, never invented).
    "unknown": ("unbekannt", "unknown"),
    "no_data": ("keine Daten", "no data"),
    "followers_fix": (
        "Follower-Stand eintragen (Daten importieren) oder eine Datei mit Follower-Gesamtzahlen importieren "
        "(z. B. TikTok FollowerHistory).",
        "Enter the follower count (Import data) or import a file with follower totals "
        "(e.g. TikTok FollowerHistory).",
    ),
    "followers_unknown": ("Follower-Stand unbekannt.", "Follower count unknown."),
    "without_followers": ("Ohne bekannten Follower-Stand: {names}.", "Without a known follower count: {names}."),
    "not_tracked": (
        "Nicht in der Followersumme (keine Tagesdaten bis zum Ende des Zeitraums): {names}.",
        "Not in the follower sum (no daily data up to the end of the period): {names}.",
    ),
    "source_observed": ("beobachtet", "observed"),
    "source_entered": ("eingetragen", "entered"),
    "source_reconstructed": ("rekonstruiert", "reconstructed"),
    "followers_as_of": ("Follower-Stand {source}, Stand {day}.", "Follower count {source}, as of {day}."),
    "source_help": (
        "beobachtet = Gesamtzahl aus dem Export; eingetragen = von der Redaktion eingetragen; rekonstruiert = vom "
        "nächsten bekannten Stand mit den täglichen Zugängen und Abgängen zurück- oder fortgerechnet.",
        "observed = total from the export; entered = entered by the officer; reconstructed = calculated from the "
        "nearest known total with the daily gains and losses.",
    ),
    "over_100_follower": (
        "über 100 %: mehr Interaktionen je Beitrag als Follower – prüfen Sie den Follower-Stand",
        "above 100 %: more interactions per post than followers – check the follower count",
    ),
    "over_100_reach": (
        "über 100 %: mehr Interaktionen als erreichte Konten – prüfen Sie den Export",
        "above 100 %: more interactions than accounts reached – check the export",
    ),
    "over_100_views": (
        "über 100 %: mehr Interaktionen als Aufrufe – prüfen Sie den Export",
        "above 100 %: more interactions than views – check the export",
    ),
    # Partial weeks at the edge of the data.
    "partial_week": ("nur {n} von 7 Tagen", "only {n} of 7 days"),
    "partial_week_note": (
        "Unvollständige Woche: Die Daten decken nur {n} von 7 Tagen ab. Summen sind nicht mit vollen Wochen "
        "vergleichbar; die Veränderung gegenüber der Vorwoche wird deshalb nicht angezeigt.",
        "Incomplete week: the data cover only {n} of 7 days. Sums are not comparable with full weeks, so no "
        "change against the previous week is shown.",
    ),
    "no_delta_partial": (
        "Keine Veränderung gegenüber der Vorwoche angezeigt: {which} nur {n} von 7 Tagen.",
        "No change against the previous week shown: {which} only {n} of 7 days.",
    ),
    "this_week": ("diese Woche", "this week"),
    "previous_week": ("Vorwoche", "previous week"),
    "platform_no_data_week": (
        "Keine Daten in dieser Woche (die {platform}-Daten enden vorher oder beginnen später).",
        "No data this week (the {platform} data end before or start later).",
    ),
    "coverage": ("Abdeckung", "Coverage"),
    "days_of_7": ("{n} von 7 Tagen", "{n} of 7 days"),
    "trend_partial_note": (
        "Wochen mit unvollständigen Daten sind mit ◇ markiert (Tooltip: Abdeckung); Wochen ohne Daten fehlen.",
        "Weeks with incomplete data are marked ◇ (tooltip: coverage); weeks without data are left out.",
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




def lang() -> str:
    """The session's language: `de` unless the URL says `lang=en`."""
    return "en" if st.query_params.get("lang") == "en" else "de"


def text(key: str, lang_: str, **values) -> str:
    """The text in a given language (for cached helpers that get the language as an argument)."""
    de, en = TEXTS[key]
    chosen = en if lang_ == "en" else de
    return chosen.format(**values) if values else chosen


def t(key: str, **values) -> str:
    return text(key, lang(), **values)


def platform_name(platform: str) -> str:
    return platforms.label(platform)
