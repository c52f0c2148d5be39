"""The one translation catalogue: every text Bürgernah's pages, charts, tables, messages and
downloads show, German first, English through the language switch (`?lang=en`).

`TEXTS` maps a key to its `(German, English)` pair. Keys are grouped by where the text appears,
with a prefix: `app.` (the frame: login, navigation, database), `common.` (shared by several
pages), `filters.`, `downloads.`, `uploader.`, `format.` (date patterns of widgets and charts),
`file.` (download names), one prefix per page (`wochenbericht.`, `vergleich.`, …), `peers.` and
`metric.` (the registry's sources and denominators), `connector.` (import errors and notes of the
connectors, shown in the UI and the CLI), `report.` and `digest.` (the council report, the weekly
e-mail and its send results), `schedule.` (the scheduled jobs' results). `{placeholders}` are
filled by `text()`. A `Message` (at the end) is a key with its values, rendered in the reader's
language when shown: errors and notes made where no language is known (connectors, the loader, the
scheduler) and results stored in the database (notes of an import, a pull's, a scheduled job's and
an e-mail send's result: `to_column`/`from_column`).

Streamlit-free, so analytics/ and connectors/ use it too; ui/i18n.py adds the session's language.
tests/app/test_i18n.py checks that every entry has both languages and the same placeholders.
"""

from __future__ import annotations

import json
import numbers
import os
from datetime import date, datetime

LANGS = ("de", "en")  # the order of every pair in TEXTS
DEFAULT = "de"

TEXTS: dict[str, tuple[str, str]] = {
    # -- the frame: app.py, ui/auth.py, ui/state.py, ui/layout.py, ui/confirm.py ----------------
    "app.title": ("Bürgernah", "Bürgernah"),
    "app.db_busy": (
        "Die Datenbank ist gerade von einem anderen Vorgang belegt (zum Beispiel einem Import). "
        "Bitte versuchen Sie es in einem Moment noch einmal.",
        "The database is busy with another task right now (an import, for example). "
        "Please try again in a moment.",
    ),
    "app.db_unavailable": ("Die Datenbank lässt sich gerade nicht öffnen: {reason}",
                           "The database cannot be opened right now: {reason}"),
    "app.retry": ("Erneut versuchen", "Try again"),
    "app.refuse_network": (
        "Bürgernah ist ohne Anmeldung nur auf dem eigenen Rechner erreichbar: für die Adresse {address} "
        "richten Sie bitte die Anmeldung ein (Abschnitt [auth] in .streamlit/secrets.toml, siehe README, "
        "„Betrieb“) oder schalten Sie den öffentlichen Lesemodus ein (BUERGERNAH_PUBLIC=1).",
        "Without a login Bürgernah is reachable from this computer only: for the address {address}, set up "
        "the login ([auth] in .streamlit/secrets.toml, see the README, “Operation”) or switch on the public "
        "read-only mode (BUERGERNAH_PUBLIC=1).",
    ),
    "app.login": ("Anmelden", "Log in"),
    "app.login_with": ("Anmelden mit {provider}", "Log in with {provider}"),
    "app.login_intro": (
        "Social-Media-Kennzahlen der Kommunen. Bitte melden Sie sich mit Ihrem Dienstkonto an.",
        "Social media figures of municipalities. Please log in with your work account.",
    ),
    "app.logout": ("Abmelden", "Log out"),
    "app.signed_in_as": ("Angemeldet als {user} · Rollen: {roles}", "Logged in as {user} · roles: {roles}"),
    "app.no_role": (
        "Ihr Konto {user} hat noch keine Bürgernah-Rolle. Bitte wenden Sie sich an die Administration "
        "(Rollen: Verwaltung, Rat, Öffentlichkeitsarbeit einer Gemeinde).",
        "Your account {user} has no Bürgernah role yet. Please ask the administrators "
        "(roles: admin, council, officer of a municipality).",
    ),
    "app.confirm_yes": ("Ja, ausführen", "Yes, go ahead"),
    "app.confirm_no": ("Abbrechen", "Cancel"),
    "app.language": ("Sprache", "Language"),
    "app.nav_reports": ("Berichte", "Reports"),
    "app.nav_data": ("Daten", "Data"),
    "app.page.wochenbericht": ("Wochenbericht", "Weekly report"),
    "app.page.vergleich": ("Vergleich", "Comparison"),
    "app.page.altersgruppen": ("Altersgruppen", "Age groups"),
    "app.page.kanaele": ("Kanäle", "Channels"),
    "app.page.beitraege": ("Beiträge", "Posts"),
    "app.page.methodik": ("Methodik", "Methodology"),
    "app.page.importieren": ("Daten importieren", "Import data"),
    "app.page.wochenmail": ("Wochen-E-Mail", "Weekly e-mail"),
    "app.page.verwaltung": ("Verwaltung", "Administration"),
    "app.demo_banner": (
        "**Demodaten:** Alle Zahlen sind erfunden und zeigen nur, wie Bürgernah aussieht.",
        "**Demo data:** all figures are invented and only show what Bürgernah looks like.",
    ),
    "app.demo_banner_import": (  # only for those who have the import page
        " Importieren Sie Ihre eigenen Exporte unter „Daten importieren“.",
        " Import your own exports under “Import data”.",
    ),
    "app.demo_remove": ("Demodaten entfernen", "Remove demo data"),
    "app.demo_remove_question": (
        "Demodaten endgültig entfernen? Sie kommen nur mit `python -m connectors demo` zurück.",
        "Remove the demo data for good? Only `python -m connectors demo` brings it back.",
    ),
    "app.demo_removed": ("Demodaten entfernt ({n} Importe).", "Demo data removed ({n} imports)."),
    "app.no_accounts": (
        "Noch keine Daten: Bürgernah zeigt Zahlen, sobald die Exporte einer Gemeinde importiert sind.",
        "No data yet: Bürgernah shows figures as soon as a town's exports are imported."),
    "app.first_import": (
        "**Womit anfangen?** Am meisten zeigt der Beitragsexport der Meta Business Suite (Insights → Inhalte → "
        "Exportieren, CSV): Beiträge, Reichweite und Interaktionen für Facebook oder Instagram. Danach die "
        "Follower-Entwicklung (Insights → Zielgruppe) und, wo vorhanden, YouTube Studio, TikTok Studio oder "
        "LinkedIn. Die Gemeinde wird am Seitennamen erkannt oder in der Vorschau gewählt.",
        "**Where to start?** The Meta Business Suite post export shows the most (Insights → Content → Export, "
        "CSV): posts, reach and interactions for Facebook or Instagram. Then the follower development (Insights → "
        "Audience) and, where there are any, YouTube Studio, TikTok Studio or LinkedIn. The town is recognised by "
        "the page name or chosen in the preview."),
    "app.to_import": ("Zu „Daten importieren“", "Go to “Import data”"),
    "app.load_demo": ("Demodaten laden", "Load demo data"),
    "app.loading_demo": ("Demodaten werden geladen …", "Loading demo data …"),
    "app.demo_loaded": ("Demodaten geladen ({n} Dateien).", "Demo data loaded ({n} files)."),
    "app.demo_cli": (
        "Demodaten lädt eine Administratorin hier oder auf dem Server mit `buergernah demo`.",
        "An administrator loads demo data here or on the server with `buergernah demo`."),
    # -- shared by several pages -------------------------------------------------------------
    # Unknown figures and how to fix them (followers are known totals or unknown, never invented).
    "common.unknown": ("unbekannt", "unknown"),
    "common.no_data": ("keine Daten", "no data"),
    "common.never": ("noch nie", "never"),
    "common.switched_off": ("ausgeschaltet", "switched off"),
    "common.platform": ("Plattform", "Platform"),
    "common.municipality": ("Gemeinde", "Municipality"),
    "common.all_platforms": ("Alle Plattformen", "All platforms"),
    "common.link": ("Link", "Link"),
    # An account no export named, after its town and platform (analytics/accounts.py).
    "common.account_of": ("{platform}-Konto von {town}", "{platform} account of {town}"),
    "common.account_of.facebook": ("Facebook-Seite von {town}", "Facebook page of {town}"),
    "common.account_of.linkedin": ("LinkedIn-Seite von {town}", "LinkedIn page of {town}"),
    "common.account_of.youtube": ("YouTube-Kanal von {town}", "YouTube channel of {town}"),
    "common.open": ("öffnen", "open"),
    "common.status": ("Status", "Status"),
    "common.weekday": ("Wochentag", "Weekday"),
    "common.time_of_day": ("Uhrzeit", "Time"),
    "common.next_run": ("Nächster Lauf", "Next run"),
    "common.last_run": ("Letzter Lauf", "Last run"),
    "common.followers_fix": (
        "Follower-Stand eintragen (Daten importieren) oder eine Datei mit Follower-Gesamtzahlen importieren "
        "(z. B. TikTok FollowerHistory).",
        "Enter the follower count (Import data) or import a file with follower totals "
        "(e.g. TikTok FollowerHistory).",
    ),
    "common.followers_unknown": ("Follower-Stand unbekannt.", "Follower count unknown."),
    "common.without_followers": ("Ohne bekannten Follower-Stand: {names}.",
                                 "Without a known follower count: {names}."),
    "common.not_tracked": (
        "Nicht in der Followersumme (keine Tagesdaten bis zum Ende des Zeitraums): {names}.",
        "Not in the follower sum (no daily data up to the end of the period): {names}.",
    ),
    "common.chart_alt": ("Diagramm", "Chart"),
    "common.chart_alt_title": ("Diagramm „{title}“", "Chart “{title}”"),
    "common.chart_alt_axes": ("{x} (waagerecht) gegen {y} (senkrecht)", "{x} (horizontal) against {y} (vertical)"),
    "common.chart_alt_colour": ("Farbe: {colour}", "colour: {colour}"),
    "common.chart_alt_points": ("{n} Datenpunkte; die Zahlen stehen in der Tabelle bzw. im Download",
                                "{n} data points; the figures are in the table or the download"),
    "common.source.observed": ("beobachtet", "observed"),
    "common.source.entered": ("eingetragen", "entered"),
    "common.source.reconstructed": ("rekonstruiert", "reconstructed"),
    "common.source_help": (
        "beobachtet = Gesamtzahl aus dem Export; eingetragen = von der Redaktion eingetragen; rekonstruiert = vom "
        "nächsten bekannten Stand mit den täglichen Zugängen und Abgängen zurück- oder fortgerechnet.",
        "observed = total from the export; entered = entered by the officer; reconstructed = calculated from the "
        "nearest known total with the daily gains and losses.",
    ),
    "common.over_100_follower": (
        "über 100 %: mehr Interaktionen je Beitrag als Follower – prüfen Sie den Follower-Stand",
        "above 100 %: more interactions per post than followers – check the follower count",
    ),
    "common.over_100_reach": (
        "über 100 %: mehr Interaktionen als erreichte Konten – prüfen Sie den Export",
        "above 100 %: more interactions than accounts reached – check the export",
    ),
    "common.over_100_views": (
        "über 100 %: mehr Interaktionen als Aufrufe – prüfen Sie den Export",
        "above 100 %: more interactions than views – check the export",
    ),
    "common.weekday.0": ("Montag", "Monday"),
    "common.weekday.1": ("Dienstag", "Tuesday"),
    "common.weekday.2": ("Mittwoch", "Wednesday"),
    "common.weekday.3": ("Donnerstag", "Thursday"),
    "common.weekday.4": ("Freitag", "Friday"),
    "common.weekday.5": ("Samstag", "Saturday"),
    "common.weekday.6": ("Sonntag", "Sunday"),
    # -- date patterns: Streamlit widgets and columns (moment.js), Altair/Vega (d3), strftime ----
    "format.date_input": ("DD.MM.YYYY", "DD/MM/YYYY"),
    "format.datetime_column": ("DD.MM.YYYY HH:mm", "DD/MM/YYYY HH:mm"),
    "format.datetime_seconds_column": ("DD.MM.YYYY HH:mm:ss", "DD/MM/YYYY HH:mm:ss"),
    "format.datetime": ("%d.%m.%Y %H:%M", "%d/%m/%Y %H:%M"),
    "format.axis_day": ("%d.%m.", "%d/%m"),
    "format.axis_month": ("%m/%Y", "%b %Y"),
    "format.tooltip_day": ("%d.%m.%Y", "%d/%m/%Y"),
    # -- sidebar filters (ui/filters.py) ---------------------------------------------------------
    "filters.group": ("Vergleichsgruppe", "Peer group"),
    "filters.platform": ("Plattform", "Platform"),
    "filters.all": ("Alle Plattformen", "All platforms"),
    "filters.from": ("Von", "From"),
    "filters.to": ("Bis", "To"),
    "filters.period": ("Zeitraum", "Period"),
    # -- downloads (ui/downloads.py) ---------------------------------------------------------------
    "downloads.png_help": ("Diagramm als PNG herunterladen", "Download chart as PNG"),
    "downloads.svg_help": ("Diagramm als SVG herunterladen", "Download chart as SVG"),
    "downloads.sheet": ("Daten", "Data"),
    "downloads.report": ("Bericht für den Rat (PDF)", "Council report (PDF)"),
    "downloads.report_help": (
        "{period}: Zusammenfassung, Kennzahlen, Vergleich, Altersgruppen, Top-Beiträge, Definitionen und Importe",
        "{period}: summary, KPIs, comparison, age groups, top posts, definitions and imports",
    ),
    "downloads.quarter": ("{n}. Quartal {year}", "Q{n} {year}"),
    # Download names (file name stems; ASCII, no spaces).
    "file.report": ("bericht", "report"),
    "file.weekly": ("wochenbericht", "weekly_report"),
    "file.top_posts": ("top_beitraege", "top_posts"),
    "file.comparison": ("vergleich", "comparison"),
    "file.age_groups": ("altersgruppen", "age_groups"),
    "file.shares": ("anteile", "shares"),
    "file.index": ("index", "index"),
    "file.channels": ("kanaele", "channels"),
    "file.presence": ("praesenz", "presence"),
    "file.timeline": ("zeitleiste", "timeline"),
    "file.followers": ("follower", "followers"),
    "file.accounts": ("konten", "accounts"),
    "file.posts": ("beitraege", "posts"),
    "file.top": ("top", "top"),
    "file.types": ("typen", "types"),
    "file.times": ("zeiten", "times"),
    "file.views": ("aufrufe", "views"),
    "file.methodology": ("methodik", "methodology"),
    "file.metrics": ("kennzahlen", "metrics"),
    "file.breaks": ("metrik_brueche", "metric_breaks"),
    # -- the file uploader's own texts (Streamlit has no parameter for them: ui/i18n.py) ---------
    "uploader.button": ("Hochladen", "Upload"),
    "uploader.drop": ("Dateien hier ablegen", "Drag and drop files here"),
    "uploader.limit": ("Bis {mb} MB je Datei • {types}", "Up to {mb} MB per file • {types}"),
    # -- Wochenbericht -------------------------------------------------------------------------------
    "wochenbericht.title": ("Wochenbericht", "Weekly report"),
    "wochenbericht.week": ("Kalenderwoche", "Calendar week"),
    "wochenbericht.report_span": ("Bericht für den Rat", "Council report"),
    "wochenbericht.span.month": ("Monat", "Month"),
    "wochenbericht.span.quarter": ("Quartal", "Quarter"),
    "wochenbericht.no_data_week": (
        "Für {town} liegen in {week} keine Zahlen vor. Die Daten reichen von {first} bis {last}.",
        "There are no figures for {town} in {week}. Data covers {first} to {last}.",
    ),
    "wochenbericht.no_data_at_all": (
        "Für {town} liegen in {week} keine Zahlen vor: es gibt noch keine Beiträge oder Tageswerte.",
        "There are no figures for {town} in {week}: there are no posts or daily figures yet.",
    ),
    "wochenbericht.followers_as_of": ("Follower-Stand {source}, Stand {day}.", "Follower count {source}, as of {day}."),
    # Partial weeks at the edge of the data.
    "wochenbericht.partial_week": ("nur {n} von 7 Tagen", "only {n} of 7 days"),
    "wochenbericht.partial_week_note": (
        "Unvollständige Woche: Die Daten decken nur {n} von 7 Tagen ab. Summen sind nicht mit vollen Wochen "
        "vergleichbar; die Veränderung gegenüber der Vorwoche wird deshalb nicht angezeigt.",
        "Incomplete week: the data cover only {n} of 7 days. Sums are not comparable with full weeks, so no "
        "change against the previous week is shown.",
    ),
    "wochenbericht.no_delta_partial": (
        "Keine Veränderung gegenüber der Vorwoche angezeigt: {which} nur {n} von 7 Tagen.",
        "No change against the previous week shown: {which} only {n} of 7 days.",
    ),
    "wochenbericht.this_week": ("diese Woche", "this week"),
    "wochenbericht.previous_week": ("Vorwoche", "previous week"),
    "wochenbericht.platform_no_data_week": (
        "Keine Daten in dieser Woche (die {platform}-Daten enden vorher oder beginnen später).",
        "No data this week (the {platform} data end before or start later).",
    ),
    "wochenbericht.coverage": ("Abdeckung", "Coverage"),
    "wochenbericht.days_of_7": ("{n} von 7 Tagen", "{n} of 7 days"),
    "wochenbericht.trend_partial_note": (
        "Wochen mit unvollständigen Daten sind mit ◇ markiert (Tooltip: Abdeckung); Wochen ohne Daten fehlen.",
        "Weeks with incomplete data are marked ◇ (tooltip: coverage); weeks without data are left out.",
    ),
    "wochenbericht.vs_previous": ("ggü. Vorwoche", "vs. previous week"),
    "wochenbericht.trend_title": ("Verlauf der letzten 12 Wochen", "Last 12 weeks"),
    "wochenbericht.trend_metric": ("Kennzahl", "Metric"),
    "wochenbericht.top_posts": ("Top-Beiträge der Woche", "Top posts of the week"),
    "wochenbericht.no_posts_week": ("Keine Beiträge in dieser Woche.", "No posts this week."),
    "wochenbericht.published": ("Veröffentlicht", "Published"),
    "wochenbericht.post_type": ("Typ", "Type"),
    "wochenbericht.message": ("Text", "Text"),
    "wochenbericht.week_start": ("Wochenbeginn", "Week starting"),
    "wochenbericht.definitions": ("Definitionen der Kennzahlen", "Metric definitions"),
    "wochenbericht.source_note": (
        "Einwohnerzahlen: Statistisches Bundesamt (Destatis), GV-ISys, Stand 31.12.2023; dl-de/by-2-0.",
        "Population: Federal Statistical Office (Destatis), GV-ISys, 31.12.2023; dl-de/by-2-0.",
    ),
    # -- Vergleich ------------------------------------------------------------------------------------
    "vergleich.title": ("Vergleich", "Comparison"),
    "vergleich.intro": (
        "Die Gemeinden der Vergleichsgruppe nebeneinander, je 1.000 Einwohner, mit dem Median der Gruppe und "
        "dem Band vom 25. bis 75. Perzentil.",
        "The municipalities of the peer group side by side, per 1,000 inhabitants, with the group's median and "
        "the 25th–75th percentile band.",
    ),
    "vergleich.caption": ("{group} · {platform} · {start} – {end}", "{group} · {platform} · {start} – {end}"),
    "vergleich.town": ("Gemeinde", "Municipality"),
    "vergleich.rank": ("Rang", "Rank"),
    "vergleich.rank_first": ("Rang 1: {town}", "Rank 1: {town}"),
    "vergleich.metric": ("Kennzahl", "Metric"),
    "vergleich.median": ("Median", "Median"),
    "vergleich.band": ("25.–75. Perzentil", "25th–75th percentile"),
    "vergleich.n": ("n = {n} Gemeinden mit Wert", "n = {n} municipalities with a value"),
    "vergleich.few_posts": ("wenige Beiträge (< {n})", "few posts (< {n})"),
    "vergleich.no_account": ("kein Konto", "no account"),
    "vergleich.note": ("Hinweis", "Note"),
    "vergleich.no_start": ("Followerzahl zu Beginn unbekannt", "followers at start unknown"),
    "vergleich.table": ("Rangliste", "Ranking"),
    "vergleich.chart": ("Die Gruppe im Überblick", "The group at a glance"),
    "vergleich.method": (
        "Methode: {method}. Ein Punkt je Gemeinde; Linie = Median, Fläche = 25.–75. Perzentil.",
        "Method: {method}. One point per municipality; line = median, band = 25th–75th percentile.",
    ),
    "vergleich.all_platforms_note": (
        "Alle Plattformen: Follower und Interaktionen sind über die Konten summiert "
        "(Follower sind Konten, keine Personen).",
        "All platforms: followers and interactions are summed over the accounts (followers are accounts, not people).",
    ),
    "vergleich.manage": ("Vergleichsgruppen verwalten", "Manage peer groups"),
    "vergleich.new_name": ("Name der neuen Gruppe", "Name of the new group"),
    "vergleich.new_members": ("Gemeinden", "Municipalities"),
    "vergleich.new_members_help": (
        "Gemeinde oder Kreis eintippen. Ein Kreis fügt alle seine Gemeinden auf einmal hinzu; einzelne lassen sich danach "
        "wieder entfernen.",
        "Type a municipality or a district. A district adds all its municipalities at once; single ones can be removed "
        "afterwards.",
    ),
    "vergleich.kreis_entry": ("Kreis: {name} ({land}) – alle {n} Gemeinden",
                              "District: {name} ({land}) – all {n} municipalities"),
    "vergleich.members_chosen": ("{n} Gemeinden gewählt.", "{n} municipalities chosen."),
    "vergleich.save": ("Gruppe speichern", "Save group"),
    "vergleich.saved": ("Gruppe „{name}“ gespeichert.", "Group “{name}” saved."),
    "vergleich.delete": ("Diese Gruppe löschen", "Delete this group"),
    "vergleich.report": ("Bericht für den Rat", "Council report"),
    "vergleich.report_town": ("Gemeinde des Berichts (Zeitraum und Gruppe wie oben)",
                              "Municipality of the report (period and group as above)"),
    "vergleich.deleted": ("Gruppe gelöscht.", "Group deleted."),
    "vergleich.delete_question": ("Die Vergleichsgruppe „{name}“ löschen?", "Delete the peer group “{name}”?"),
    "vergleich.replace_question": (
        "Eine Vergleichsgruppe „{name}“ gibt es schon. Durch die neue Auswahl ersetzen?",
        "A peer group “{name}” exists already. Replace it with the new selection?",
    ),
    "vergleich.members": ("{n} Gemeinden, davon {k} mit Konten", "{n} municipalities, {k} with accounts"),
    "vergleich.no_values": ("Für diesen Zeitraum und diese Plattform liegen in der Gruppe keine Zahlen vor.",
                            "There are no figures in this group for this period and platform."),
    "vergleich.flags": (
        "Raten über weniger als {n} Beiträge sind mit ⚠ markiert, Raten über 100 % mit ⚠ und Grund; Gemeinden "
        "ohne Konto bleiben ohne Rang, Gemeinden ohne bekannten Follower-Stand bei den Follower-Kennzahlen auch.",
        "Rates over fewer than {n} posts are marked ⚠, rates above 100 % with ⚠ and the reason; municipalities "
        "without an account stay unranked, and so do those without a known follower count in the follower metrics.",
    ),
    "vergleich.axis": ("{label} ({unit})", "{label} ({unit})"),
    # -- Altersgruppen ---------------------------------------------------------------------------
    "altersgruppen.title": ("Altersgruppen", "Age groups"),
    "altersgruppen.intro": (
        "Wen erreichen die Kanäle? Der Anteil jeder Altersgruppe am Publikum, verglichen mit ihrem Anteil "
        "an den Einwohnern – in der Altersspanne, die die Plattform abdeckt.",
        "Whom do the channels reach? Each age group's share of the audience against its share of the "
        "inhabitants, within the age span the platform covers.",
    ),
    "altersgruppen.none": (
        "Für {town} liegen keine Altersdaten vor. Importieren Sie z. B. die YouTube-Studio-Tabelle "
        "„Alter der Zuschauer“, Instagrams „Follower-Demografie“ oder Facebooks „Audience.csv“.",
        "There are no age figures for {town}. Import for example YouTube Studio's viewer-age table, "
        "Instagram's follower demographics or Facebook's Audience.csv.",
    ),
    "altersgruppen.group": ("Altersgruppe", "Age group"),
    "altersgruppen.group_axis": ("Altersgruppe (Jahre)", "Age group (years)"),
    "altersgruppen.audience": ("Publikum", "Audience"),
    "altersgruppen.audience_percent": ("Publikum (%)", "Audience (%)"),
    "altersgruppen.population": ("Einwohner", "Inhabitants"),
    "altersgruppen.population_percent": ("Einwohner (%)", "Inhabitants (%)"),
    "altersgruppen.index": ("Index", "Index"),
    "altersgruppen.share_title": ("Anteil (%)", "Share (%)"),
    "altersgruppen.kind": ("Reihe", "Series"),
    "altersgruppen.as_of": ("Stand {day}, {audience}", "As of {day}, {audience}"),
    "altersgruppen.suppressed": ("zu wenig Daten", "not enough data"),
    "altersgruppen.missing": ("nicht geliefert", "not supplied"),
    "altersgruppen.span": ("Einwohner ab {age} Jahren (Altersspanne von {platform}).",
                           "Inhabitants aged {age} and over (the age span of {platform})."),
    "altersgruppen.estimate": (
        "Einwohner nach Altersgruppen geschätzt (Gesamtbevölkerung der Gemeinde × Altersstruktur des Landes, "
        "Stand {day}); amtliche Zahlen (Regionalstatistik 12411-02-03-5) ersetzen die Schätzung nach dem Import.",
        "Inhabitants by age group are estimated (the town's population × the Land's age structure, {day}); "
        "official figures (Regionalstatistik 12411-02-03-5) replace the estimate once imported.",
    ),
    "altersgruppen.youtube": ("YouTube liefert Anteile an den Aufrufen, nicht an Followern.",
                              "YouTube supplies shares of views, not of followers."),
    "altersgruppen.thresholds": (
        "Plattformen zeigen Altersgruppen erst ab {n} Personen (Meta, Instagram, Sprout, Later). Solche Gruppen "
        "stehen hier als „zu wenig Daten“ – nie als 0 und nie aus den übrigen errechnet.",
        "Platforms show age groups only from {n} people (Meta, Instagram, Sprout, Later). Such groups appear here "
        "as “not enough data” – never as 0 and never derived from the others.",
    ),
    "altersgruppen.followers_note": ("Follower sind keine Einwohner: der Index vergleicht Strukturen, nicht Personen.",
                                     "Followers are not residents: the index compares structures, not people."),
    "altersgruppen.index_title": ("Index (1 = wie in der Bevölkerung)", "Index (1 = as in the population)"),
    # -- Kanäle -----------------------------------------------------------------------------------------
    "kanaele.title": ("Kanäle", "Channels"),
    "kanaele.intro": (
        "Welche Gemeinde ist seit wann auf welcher Plattform, und wie haben sich ihre Follower seit dem Start "
        "entwickelt?",
        "Which municipality is on which platform since when, and how did its followers develop since launch?",
    ),
    "kanaele.town": ("Gemeinde", "Municipality"),
    "kanaele.since": ("Erste Aktivität", "First activity"),
    "kanaele.last": ("Letzte Daten", "Latest data"),
    "kanaele.followers": ("Follower", "Followers"),
    "kanaele.followers_axis": ("Follower (Anzahl)", "Followers (count)"),
    "kanaele.posts": ("Beiträge (gesamt)", "Posts (total)"),
    "kanaele.account": ("Konto", "Account"),
    "kanaele.source": ("Follower-Quelle", "Follower source"),
    "kanaele.last_note": (
        "Letzte Daten = letzter Tag, den die importierten Daten abdecken (Tageswerte, Beiträge, Publikumsdaten), "
        "nicht das Importdatum. Follower = Stand am letzten Tag der Tageswerte.",
        "Latest data = the last day the imported data cover (daily figures, posts, audience data), not the import "
        "date. Followers = the total on the daily figures' last day.",
    ),
    "kanaele.timeline": ("Zeitleiste", "Timeline"),
    "kanaele.development": ("Follower seit dem Start", "Followers since launch"),
    "kanaele.axis_time": ("Datum", "Date"),
    "kanaele.axis_weeks": ("Wochen seit Beginn der Followerreihe", "Weeks since the follower series starts"),
    "kanaele.aligned": ("Am Start ausrichten", "Align at launch"),
    "kanaele.matrix": ("Präsenz", "Presence"),
    "kanaele.first_note": (
        "Erste Aktivität = frühester Beitrag oder erster Tag mit Zugängen, Aufrufen oder Interaktionen in den "
        "importierten Daten (nicht unbedingt der Start des Kontos).",
        "First activity = the earliest post or first day with gains, views or interactions in the imported data "
        "(not necessarily the account's start).",
    ),
    "kanaele.no_series": ("Für diese Auswahl gibt es keine Followerreihe.",
                          "There is no follower series for this selection."),
    "kanaele.top_note": ("Gezeigt: die {n} Gemeinden mit den meisten Followern.",
                         "Shown: the {n} municipalities with the most followers."),
    # -- Beiträge --------------------------------------------------------------------------------------
    "beitraege.title": ("Beiträge", "Posts"),
    "beitraege.intro": (
        "Was funktioniert? Die stärksten Beiträge, die Beitragstypen und die Veröffentlichungszeiten "
        "(Ortszeit Berlin).",
        "What works? The strongest posts, post types and posting times (Berlin time).",
    ),
    "beitraege.caption": ("{town} · {platform} · {start} – {end}", "{town} · {platform} · {start} – {end}"),
    "beitraege.none": ("{town} hat im gewählten Zeitraum keine Beiträge.", "{town} has no posts in the chosen period."),
    "beitraege.top": ("Top-Beiträge", "Top posts"),
    "beitraege.types": ("Beitragstypen", "Post types"),
    "beitraege.heatmap": ("Veröffentlichungszeiten", "Posting times"),
    "beitraege.views": ("Aufrufe im Zeitverlauf", "Views over time"),
    "beitraege.published": ("Veröffentlicht", "Published"),
    "beitraege.type": ("Typ", "Type"),
    "beitraege.text": ("Text", "Text"),
    "beitraege.posts": ("Beiträge", "Posts"),
    "beitraege.posts_axis": ("Beiträge (Anzahl)", "Posts (count)"),
    "beitraege.share": ("Anteil", "Share"),
    "beitraege.mean_i": ("Ø Interaktionen", "Mean interactions"),
    "beitraege.rate_percent": ("{label} (%)", "{label} (%)"),
    "beitraege.weekday": ("Wochentag", "Weekday"),
    "beitraege.hour": ("Stunde (Uhr, Ortszeit Berlin)", "Hour (Berlin time)"),
    "beitraege.week": ("Wochenbeginn", "Week starting"),
    "beitraege.value": ("Aufrufe bzw. Impressionen (Anzahl)", "Views or impressions (count)"),
    "beitraege.value_short": ("Anzahl", "Count"),
    "beitraege.version": ("Kennzahl", "Metric"),
    "beitraege.few": ("⚠ weniger als {n} Beiträge", "⚠ fewer than {n} posts"),
    "beitraege.note": ("Hinweis", "Note"),
    "beitraege.heat_note": (
        "Farbe = Zahl der Beiträge; Tooltip mit Ø Interaktionen. Zeiten in Europe/Berlin (Sommerzeit beachtet).",
        "Colour = number of posts; tooltip with mean interactions. Times in Europe/Berlin (DST aware).",
    ),
    "beitraege.break_note": (
        "Ab der markierten Linie zählen Aufrufe (auch Wiederholungen) statt Impressionen; Werte davor und danach "
        "sind nicht vergleichbar.",
        "From the marked line on, views (repeats included) are counted instead of impressions; values before and "
        "after are not comparable.",
    ),
    "beitraege.impressions": ("Impressionen", "Impressions"),
    "beitraege.views_v": ("Aufrufe", "Views"),
    # -- Methodik ------------------------------------------------------------------------------------
    "methodik.title": ("Methodik", "Methodology"),
    "methodik.intro": (
        "Jede Zahl in Bürgernah hat genau eine Definition. Anbieter verstehen unter „Interaktionsrate“ Verschiedenes "
        "(je Follower, je Reichweite, je Aufruf); Bürgernah zeigt deshalb zu jeder Rate Formel und Nenner.",
        "Every number in Bürgernah has exactly one definition. Vendors mean different things by “engagement rate” "
        "(per follower, per reach, per view); Bürgernah therefore shows formula and denominator with every rate.",
    ),
    "methodik.metrics": ("Kennzahlen", "Metrics"),
    "methodik.id": ("Kennung", "Id"),
    "methodik.label": ("Bezeichnung", "Label"),
    "methodik.unit": ("Einheit", "Unit"),
    "methodik.formula": ("Formel", "Formula"),
    "methodik.denominator": ("Nenner", "Denominator"),
    "methodik.source": ("Definition nach", "Definition follows"),
    "methodik.platforms": ("Plattformen", "Platforms"),
    "methodik.sql": ("Berechnet aus", "Computed from"),
    "methodik.inputs_line": ("Berechnet aus: {inputs}", "Computed from: {inputs}"),
    "methodik.version": ("Version", "Version"),
    "methodik.breaks": ("Metrik-Brüche", "Metric breaks"),
    "methodik.breaks_intro": (
        "Meta hat 2024–2025 „Impressionen“ durch „Aufrufe“ (Views) ersetzt: ein Aufruf zählt jedes Abspielen bzw. "
        "jedes Erscheinen auf dem Bildschirm, Wiederholungen eingeschlossen. Raten je Aufruf fallen deshalb niedriger "
        "aus als früher je Impression. Diagramme verbinden beide Versionen nie zu einer Linie und markieren den Bruch "
        "mit einer Linie „{label}“; der Bruch einer Gemeinde ist der erste Tag ihres ersten Exports mit „Views“.",
        "In 2024–2025 Meta replaced “impressions” with “views”: a view counts every play or every time a post is on "
        "screen, repeats included. Rates per view therefore run lower than the old rates per impression. Charts never "
        "join both versions into one line and mark the break with a rule “{label}”; a town's break is the first day "
        "of its first export containing “Views”.",
    ),
    "methodik.date": ("Datum", "Date"),
    "methodik.platform": ("Plattform", "Platform"),
    "methodik.retired": ("Eingestellt (Graph API, alle Versionen)", "Retired (Graph API, all versions)"),
    "methodik.replacement": ("Ersatz", "Replacement"),
    "methodik.small": ("Kleine Zahlen", "Small numbers"),
    "methodik.small_text": (
        "Raten über weniger als {posts} Beiträge werden mit ⚠ markiert. Altersgruppen unter {people} Personen "
        "(Schwelle von Meta, Instagram, Sprout und Later) erscheinen als „zu wenig Daten“, nie als 0, und werden "
        "nicht aus den übrigen Gruppen errechnet. Geschätzte Bevölkerungsanteile werden gekennzeichnet.",
        "Rates over fewer than {posts} posts are marked ⚠. Age groups under {people} people (the threshold of Meta, "
        "Instagram, Sprout and Later) appear as “not enough data”, never as 0, and are never derived from the other "
        "groups. Estimated population shares are flagged.",
    ),
    "methodik.peers": ("Vergleichsgruppen", "Peer groups"),
    "methodik.peers_text": (
        "Je Kennzahl zeigt der Vergleich den Median der Gruppe und das Band vom 25. bis 75. Perzentil, dazu n "
        "(Gemeinden mit Wert). {method}. Einwohner: Destatis GV-ISys, ein Stichtag für alle Gemeinden.",
        "Per metric the comparison shows the group's median and the 25th–75th percentile band, with n "
        "(municipalities with a value). {method}. Population: Destatis GV-ISys, one reference date for all "
        "municipalities.",
    ),
    "methodik.followers": ("Follower-Stand und unvollständige Daten", "Follower counts and incomplete data"),
    "methodik.followers_text": (
        "Follower sind ein bekannter Stand oder unbekannt. Herkunft: **beobachtet** (eine Gesamtzahl aus dem Export, "
        "z. B. TikTok FollowerHistory oder Mastodon), **eingetragen** (von der Redaktion unter „Daten importieren“) "
        "oder **rekonstruiert** (vom nächsten bekannten Stand mit den täglichen Zugängen und Abgängen dazwischen, nur "
        "wenn diese für jeden Tag vorliegen). Ohne bekannten Stand zeigt Bürgernah „unbekannt“, nie eine Summe der "
        "Zugänge ab 0, und schreibt keinen Wert über das Ende der Daten hinaus fort.\n\n"
        "Fehlt bei einem Konto einer Gemeinde mit Tagesdaten der Stand, ist auch die Summe der Gemeinde unbekannt; "
        "Konten ganz ohne Tagesdaten (etwa ein YouTube-Kanal, von dem nur Altersdaten vorliegen) werden unter dem "
        "Diagramm genannt. Gemeinden ohne bekannten Stand fehlen in Rang, n und Median der Follower-Kennzahlen und "
        "werden unter dem Diagramm genannt. Raten über 100 % (z. B. mehr Interaktionen je Beitrag als Follower) "
        "werden mit ⚠ und Grund markiert.\n\n"
        "Wochen: Ein Tag ist abgedeckt, wenn die Tageswerte eines Kontos ihn enthalten; bei Konten nur mit "
        "Beitragsexporten jeder Tag vom ersten bis zum letzten Beitrag. Der Wochenbericht öffnet die letzte "
        "vollständige Woche (alle 7 Tage abgedeckt); unvollständige Wochen heißen „nur n von 7 Tagen“ und werden "
        "nicht mit der Vorwoche verglichen.",
        "Followers are a known total or unknown. Source: **observed** (a total in the export, e.g. TikTok "
        "FollowerHistory or Mastodon), **entered** (by the officer under “Import data”) or **reconstructed** (from "
        "the nearest known total with the daily gains and losses in between, only where they cover every day). "
        "Without a known total Bürgernah shows “unknown”, never a sum of gains from 0, and never carries a value "
        "past the end of the data.\n\n"
        "If one of a municipality's accounts with daily data lacks a total, the municipality's sum is unknown too; "
        "accounts without any daily data (such as a YouTube channel known only from age data) are named under the "
        "chart. Municipalities without a known total are left out of rank, n and median of the follower metrics and "
        "are named under the chart. Rates above 100 % (e.g. more interactions per post than followers) are flagged "
        "with ⚠ and the reason.\n\n"
        "Weeks: a day is covered when an account's daily figures include it; for accounts with post exports only, "
        "every day from the first to the last post. The weekly report opens the latest complete week (all 7 days "
        "covered); incomplete weeks read “only n of 7 days” and are not compared with the previous week.",
    ),
    "methodik.expander": ("{label} ({unit})", "{label} ({unit})"),
    "methodik.denominator_line": ("**Nenner:** {denominator} · **Plattformen:** {platforms}",
                                  "**Denominator:** {denominator} · **Platforms:** {platforms}"),
    # -- Daten importieren --------------------------------------------------------------------------
    "importieren.title": ("Daten importieren", "Import data"),
    "importieren.intro": (
        "Laden Sie die Exporte hoch, die Facebook, Instagram, YouTube, TikTok, LinkedIn und X Ihnen geben (CSV, "
        "XLSX, XLS oder ZIP), auch viele auf einmal. Bürgernah erkennt Plattform und Format am Inhalt. Dieselbe "
        "Datei zweimal ändert nichts.",
        "Upload the exports Facebook, Instagram, YouTube, TikTok, LinkedIn and X give you (CSV, XLSX, XLS or ZIP), "
        "many at once. Bürgernah recognises platform and format from the content. Uploading the same file twice "
        "changes nothing.",
    ),
    "importieren.files": ("Exporte", "Exports"),
    "importieren.limit": ("Höchstens {mb} MB je Datei (auch entpackt; Einstellung BUERGERNAH_MAX_FILE_MB).",
                          "At most {mb} MB per file (unpacked too; setting BUERGERNAH_MAX_FILE_MB)."),
    "importieren.town_for": ("Gemeinde für {name}", "Municipality for {name}"),
    "importieren.platform": ("Plattform für Dateien ohne Plattformangabe", "Platform for files that do not name one"),
    "importieren.town_intro": (
        "Jede Datei bekommt ihre Gemeinde: aus dem Kontoverzeichnis oder, wenn der Seiten- bzw. Kontoname eindeutig "
        "zu einer Gemeinde passt, vorausgefüllt. Bitte prüfen und bei Bedarf ändern.",
        "Each file gets its own municipality: from the account registry or, where the page or account name fits "
        "exactly one municipality, pre-filled. Please check and change where needed.",
    ),
    "importieren.none": ("— bitte wählen —", "— please choose —"),
    "importieren.preview": ("Vorschau", "Preview"),
    "importieren.checking": ("Prüfe {name} …", "Checking {name} …"),
    "importieren.state.ready": ("bereit", "ready"),
    "importieren.state.duplicate": ("bereits importiert", "already imported"),
    "importieren.state.rejected": ("Fehler", "error"),
    "importieren.state.needs_town": ("Gemeinde fehlt", "municipality missing"),
    "importieren.state.forbidden": ("keine Berechtigung", "not permitted"),
    "importieren.undo_question": (
        "Import {id} („{name}“) rückgängig machen? Seine Zahlen verschwinden, die vorher gültigen kehren zurück.",
        "Undo import {id} (“{name}”)? Its figures disappear, the ones valid before return.",
    ),
    "importieren.import": ("{n} Datei(en) importieren", "Import {n} file(s)"),
    "importieren.importing": ("Importiere {name} …", "Importing {name} …"),
    "importieren.done": ("{ok} Datei(en) importiert.", "{ok} file(s) imported."),
    "importieren.history": ("Importverlauf", "Import history"),
    "importieren.undo": ("Import rückgängig machen", "Undo import"),
    "importieren.undo_pick": ("Import", "Import"),
    "importieren.undone": ("Import {id} rückgängig gemacht.", "Import {id} undone."),
    "importieren.no_history": ("Noch keine Importe.", "No imports yet."),
    "importieren.id": ("ID", "ID"),
    "importieren.file": ("Datei", "File"),
    "importieren.status": ("Status", "Status"),
    "importieren.format": ("Format", "Format"),
    "importieren.account": ("Konto", "Account"),
    "importieren.municipality": ("Gemeinde", "Municipality"),
    "importieren.period": ("Zeitraum", "Period"),
    "importieren.rows": ("Zeilen", "Rows"),
    "importieren.unmapped": ("Nicht übernommene Spalten", "Columns not taken over"),
    "importieren.notes": ("Hinweise", "Notes"),
    "importieren.imported_at": ("Importiert", "Imported"),
    "importieren.by": ("von", "by"),
    "importieren.platform_col": ("Plattform", "Platform"),
    "importieren.status.imported": ("importiert", "imported"),
    "importieren.status.undone": ("rückgängig gemacht", "undone"),
    "importieren.pulls": ("Abruf über Schnittstellen", "Pulls from platform APIs"),
    "importieren.pulls_intro": (
        "Konten mit Schnittstelle (Mastodon ohne Token; Facebook, Instagram und YouTube mit Zugangstoken) werden "
        "wöchentlich per `python -m connectors pull` abgerufen – oder hier sofort.",
        "Accounts with an API (Mastodon without a token; Facebook, Instagram and YouTube with an access token) are "
        "pulled weekly by `python -m connectors pull`, or right now here.",
    ),
    "importieren.pull_now": ("jetzt abrufen", "pull now"),
    "importieren.last_pull": ("Letzter Abruf", "Last pull"),
    "importieren.pulling": ("Rufe {name} ab …", "Pulling {name} …"),
    "importieren.result": ("Ergebnis", "Result"),
    # The pull results and why an account cannot be pulled (connectors/api says it in German: the
    # page shows these when it recognises the sentence; tests/app/test_i18n.py keeps them equal).
    # `hint.token.<name>`: why the API source `<name>` (connectors/api SOURCES) skips a pull without its token.
    "importieren.pull_status.ok": ("abgerufen", "pulled"),
    "importieren.pull_status.unchanged": ("unverändert", "unchanged"),
    "importieren.pull_status.skipped": ("übersprungen", "skipped"),
    "importieren.pull_status.failed": ("FEHLER", "FAILED"),
    "importieren.hint.token.meta_graph": ("kein Meta-Zugangstoken eingerichtet (BUERGERNAH_META_TOKEN bzw. meta_token)",
                                    "no Meta access token set up (BUERGERNAH_META_TOKEN or meta_token)"),
    "importieren.hint.token.youtube_analytics": (
        "kein YouTube-Zugangstoken eingerichtet (BUERGERNAH_YOUTUBE_TOKEN bzw. youtube_token)",
        "no YouTube access token set up (BUERGERNAH_YOUTUBE_TOKEN or youtube_token)",
    ),
    "importieren.hint.no_api_source": ("keine API-Quelle (Profiladresse bzw. Konto-ID fehlt)",
                                       "no API source (profile address or account ID missing)"),
    "importieren.hint.not_registered": ("Konto ist nicht registriert", "account is not registered"),
    "importieren.accounts": ("Konten", "Accounts"),
    "importieren.account_pick": ("Konto", "Account"),
    "importieren.followers_title": ("Follower-Stand eintragen", "Enter a follower count"),
    "importieren.followers_intro": (
        "Exporte wie Metas „Follows.csv“ enthalten nur Zugänge. Ein eingetragener Stand (die Zahl, die die Plattform "
        "an dem Tag zeigt) verankert die Follower-Reihe; er erscheint im Importverlauf und lässt sich rückgängig "
        "machen.",
        "Exports such as Meta's “Follows.csv” hold gains only. An entered count (the number the platform shows on "
        "that day) anchors the follower series; it appears in the import history and can be undone.",
    ),
    "importieren.followers_day": ("Stichtag", "Date"),
    "importieren.followers_count": ("Follower-Gesamtzahl", "Total followers"),
    "importieren.followers_save": ("Eintragen", "Enter"),
    "importieren.followers_saved": ("Follower-Stand eingetragen (Import {id}).", "Follower count entered (import {id})."),
    "importieren.move_title": ("Konto einer anderen Gemeinde zuordnen", "Assign an account to another municipality"),
    "importieren.move_intro": ("Ein falsch zugeordnetes Konto wechselt mit allen Zahlen die Gemeinde, ohne neuen Import.",
                               "A wrongly assigned account moves with all its figures, without a new import."),
    "importieren.move_to": ("Neue Gemeinde", "New municipality"),
    "importieren.move_save": ("Zuordnen", "Assign"),
    "importieren.moved": ("{account} gehört jetzt zu {town}.", "{account} now belongs to {town}."),
    # -- Verwaltung -------------------------------------------------------------------------------------
    "verwaltung.title": ("Verwaltung", "Administration"),
    "verwaltung.roles": ("Rollen", "Roles"),
    "verwaltung.roles_intro": (
        "Rollen kommen aus dem Anmeldedienst (Gruppen im ID-Token, siehe README „Betrieb“). Für Anmeldedienste ohne "
        "Gruppen vergeben Sie sie hier an E-Mail-Adressen oder Kennungen (subject). Jede Änderung steht im Protokoll.",
        "Roles come from the identity provider (groups in the ID token, see the README, “Operation”). For providers "
        "that cannot send groups, assign them here to e-mail addresses or subjects. Every change is logged.",
    ),
    "verwaltung.identity": ("E-Mail-Adresse oder Kennung", "E-mail address or subject"),
    "verwaltung.role": ("Rolle", "Role"),
    "verwaltung.town": ("Gemeinde (für Öffentlichkeitsarbeit)", "Municipality (for officers)"),
    "verwaltung.add": ("Rolle vergeben", "Assign role"),
    "verwaltung.added": ("Rolle vergeben.", "Role assigned."),
    "verwaltung.revoke": ("Rolle entziehen", "Revoke role"),
    "verwaltung.revoke_question": ("{role} von {identity} entziehen?", "Revoke {role} from {identity}?"),
    "verwaltung.none": ("Noch keine Rollen vergeben.", "No roles assigned yet."),
    "verwaltung.role.admin": ("Verwaltung (admin)", "Administrator (admin)"),
    "verwaltung.role.council": ("Rat (council, nur lesen)", "Council (council, read only)"),
    "verwaltung.role.officer": ("Öffentlichkeitsarbeit (officer)", "Officer (officer)"),
    "verwaltung.audit": ("Protokoll", "Audit log"),
    "verwaltung.audit_intro": ("Jede Änderung mit wer, wann, was und woran (neueste zuerst).",
                               "Every change with who, when, what and on what (newest first)."),
    "verwaltung.by": ("von", "by"),
    "verwaltung.at": ("Zeitpunkt", "Time"),
    "verwaltung.action": ("Aktion", "Action"),
    "verwaltung.target": ("Ziel", "Target"),
    "verwaltung.details": ("Details", "Details"),
    "verwaltung.assigned_at": ("vergeben am", "assigned"),
    "verwaltung.schedule": ("Zeitplan", "Schedule"),
    "verwaltung.schedule_intro": (
        "Der wöchentliche Abruf aller Konten mit Schnittstelle läuft im Dashboard selbst (oder per cron/systemd: "
        "`python -m connectors schedule run-due`, siehe docs/pull.md).",
        "The weekly pull of every account with an API runs in the dashboard itself (or by cron/systemd: "
        "`python -m connectors schedule run-due`, see docs/pull.md).",
    ),
    "verwaltung.schedule_on": ("Wöchentlichen Abruf einschalten", "Switch the weekly pull on"),
    "verwaltung.schedule_save": ("Zeitplan speichern", "Save schedule"),
    "verwaltung.run_now": ("Jetzt ausführen", "Run now"),
    # -- Wochen-E-Mail (ui/digest_panel.py, views/wochenmail.py) -------------------------------------
    "wochenmail.title": ("Wochen-E-Mail", "Weekly e-mail"),
    "wochenmail.intro": (
        "Jeden Montag früh bekommen die hier eingetragenen Adressen die Zahlen der letzten Kalenderwoche je "
        "Plattform mit der Veränderung zur Vorwoche, den Top-Beitrag, Auffälligkeiten (z. B. ein Kanal ohne "
        "Beitrag) und einen Link in den Wochenbericht – auf Wunsch mit dem Ratsbericht des Vormonats als PDF. "
        "Jede Woche geht an jede Adresse höchstens einmal; ein gescheiterter Versand wird wiederholt.",
        "Every Monday morning the addresses entered here get the figures of the last calendar week per platform "
        "with the change against the previous week, the top post, anything unusual (e.g. a channel without a post) "
        "and a link to the weekly report – on request with the previous month's council report as PDF. Each week "
        "goes to each address at most once; a failed send is retried.",
    ),
    "wochenmail.schedule_on": ("Wochen-E-Mail automatisch senden", "Send the weekly e-mail automatically"),
    "wochenmail.schedule_save": ("Versandzeit speichern", "Save sending time"),
    "wochenmail.next": ("Nächster Versand", "Next send"),
    "wochenmail.auto_on": ("Automatischer Versand: {day}s um {at} Uhr (nächster: {next}).",
                           "Automatic sending: {day}s at {at} (next: {next})."),
    "wochenmail.auto_off": (
        "Der automatische Versand ist ausgeschaltet (die Verwaltung schaltet ihn ein); mit „Jetzt senden“ geht die "
        "E-Mail der letzten Woche sofort hinaus.",
        "Automatic sending is switched off (the administrators switch it on); “Send now” sends last week's e-mail "
        "at once.",
    ),
    "wochenmail.recipients": ("Empfänger", "Recipients"),
    "wochenmail.none": ("Noch keine Empfänger eingetragen.", "No recipients entered yet."),
    "wochenmail.email": ("E-Mail-Adresse", "E-mail address"),
    "wochenmail.email_placeholder": ("presse@stadt.de", "press@town.example"),
    "wochenmail.with_pdf": ("mit Ratsbericht (PDF)", "with council report (PDF)"),
    "wochenmail.added_by": ("eingetragen von", "entered by"),
    "wochenmail.added_at": ("eingetragen am", "entered on"),
    "wochenmail.add": ("Empfänger eintragen", "Add recipient"),
    "wochenmail.added": ("{email} bekommt die Wochen-E-Mail von {town}.", "{email} gets the weekly e-mail of {town}."),
    "wochenmail.remove": ("Empfänger austragen", "Remove recipient"),
    "wochenmail.removed": ("{email} ist ausgetragen.", "{email} is removed."),
    "wochenmail.sends": ("Letzte Sendungen", "Latest sends"),
    "wochenmail.no_sends": ("Noch nichts gesendet.", "Nothing sent yet."),
    "wochenmail.week": ("Woche", "Week"),
    "wochenmail.attempts": ("Versuche", "Attempts"),
    "wochenmail.sent_at": ("gesendet am", "sent on"),
    "wochenmail.to": ("an", "to"),
    "wochenmail.error": ("Fehler / Hinweis", "Error / note"),
    "wochenmail.failed": ("{town}, {week}: {error}", "{town}, {week}: {error}"),
    "wochenmail.send_now": ("Jetzt senden", "Send now"),
    "wochenmail.sending": ("Sende die Wochen-E-Mail …", "Sending the weekly e-mail …"),
    "wochenmail.preview": ("Vorschau", "Preview"),
    "wochenmail.preview_caption": ("So sieht die E-Mail für {town} aus ({week}); Betreff: „{subject}“.",
                                   "This is the e-mail for {town} ({week}); subject: “{subject}”."),
    # connectors/digest.py's STATUS_LABELS, in both languages (kept equal by tests/app/test_i18n.py)
    "wochenmail.status.sent": ("gesendet", "sent"),
    "wochenmail.status.failed": ("fehlgeschlagen", "failed"),
    "wochenmail.status.sending": ("wird gesendet", "sending"),
    # -- peer groups (analytics/peers.py) ------------------------------------------------------------
    "peers.germany": ("Deutschland (alle Gemeinden)", "Germany (all municipalities)"),
    "peers.land": ("Land: {name}", "State: {name}"),
    "peers.kreis": ("Kreis: {name} ({land})", "District: {name} ({land})"),
    "peers.kreis_city": ("Kreisfreie Stadt: {name} ({land})", "Independent city: {name} ({land})"),
    "peers.kreis_district": ("Landkreis: {name} ({land})", "Rural district: {name} ({land})"),
    "peers.size_in": ("{size} in {land}", "{size} in {land}"),
    # -- the metric registry's sources and denominators (analytics/metrics.py keeps the German;
    # tests/app/test_i18n.py keeps them equal) -----------------------------------------------------
    # -- topics (Beiträge, Altersgruppen; ui/topic_panel.py) --
    "themen.title": ("Themen: was die Gemeinde postet und was ankommt", "Topics: what the town posts and what lands"),
    "themen.intro": (
        "Jeder Beitrag bekommt seine Themen von einem offenen Regelwerk (Wortstämme, Zusammensetzungen, Hashtags, "
        "Emojis; es läuft auf diesem Rechner, kein Text verlässt ihn). Ein Beitrag kann mehrere Themen haben und zählt "
        "dann bei jedem. Warum ein Beitrag ein Thema hat, steht in der Tabelle unten; die Redaktion kann Themen "
        "korrigieren und Wörter ergänzen.",
        "Every post gets its topics from an open rule set (word stems, compounds, hashtags, emojis; it runs on this "
        "computer, no text leaves it). A post may have several topics and then counts in each. Why a post has a "
        "topic is shown in the table below; officers can correct topics and add words."),
    "themen.none": ("Im Zeitraum gibt es keine Beiträge mit Themen.", "No posts with topics in this period."),
    "themen.topic": ("Thema", "Topic"),
    "themen.posts": ("Beiträge", "Posts"),
    "themen.interactions": ("Interaktionen", "Interactions"),
    "themen.reach": ("Reichweite", "Reach"),
    "themen.rate": ("Interaktionsrate je Reichweite (%)", "Engagement rate per reach (%)"),
    "themen.n": ("n (Beiträge mit Reichweite)", "n (posts with reach)"),
    "themen.note": ("Hinweis", "Note"),
    "themen.few": ("⚠ weniger als {n} Beiträge: wenig belastbar", "⚠ fewer than {n} posts: not robust"),
    "themen.rate_note": (
        "Interaktionsrate je Reichweite = Σ Interaktionen ÷ Σ Reichweite × 100 über die Beiträge des Themas mit "
        "Reichweite; Raten aus weniger als {n} Beiträgen sind mit ⚠ markiert (im Diagramm hell).",
        "Engagement rate per reach = Σ interactions ÷ Σ reach × 100 over the topic's posts with reach; rates from "
        "fewer than {n} posts are marked ⚠ (light in the chart)."),
    "themen.by_platform": ("Beiträge je Thema und Plattform", "Posts per topic and platform"),
    "themen.rate_chart": ("Interaktionsrate je Thema", "Engagement rate per topic"),
    "themen.mix": ("Themenmix im Vergleich mit der Vergleichsgruppe", "Topic mix compared with the peer group"),
    "themen.share": ("Anteil der Beiträge (%)", "Share of posts (%)"),
    "themen.town_share": ("{town}", "{town}"),
    "themen.group_share": ("Vergleichsgruppe: {group}", "Peer group: {group}"),
    "themen.series": ("Wer", "Who"),
    "themen.mix_note": (
        "Anteil der Beiträge mit dem Thema an allen Beiträgen im Zeitraum; die Vergleichsgruppe zählt alle Beiträge "
        "ihrer Gemeinden zusammen ({n} Beiträge). Beiträge mit mehreren Themen zählen mehrfach, die Anteile ergeben "
        "daher mehr als 100 %.",
        "Share of all posts in the period that carry the topic; the peer group counts all posts of its towns "
        "together ({n} posts). Posts with several topics count more than once, so the shares add up to more than "
        "100 %."),
    "themen.posts_table": ("Beiträge und ihre Themen", "Posts and their topics"),
    "themen.published": ("Veröffentlicht", "Published"),
    "themen.text": ("Text", "Text"),
    "themen.topics": ("Themen", "Topics"),
    "themen.why": ("Warum (gefundene Wörter)", "Why (words found)"),
    "themen.by_officer": ("von der Redaktion gesetzt", "set by an officer"),
    "themen.correct": ("Themen eines Beitrags korrigieren", "Correct a post's topics"),
    "themen.correct_help": (
        "Die Korrektur gilt für diesen Beitrag dauerhaft, auch nach neuen Importen; ohne Auswahl gelten wieder "
        "die Regeln. Jede Änderung steht im Protokoll.",
        "The correction holds for this post for good, also after new imports; with nothing chosen the rules apply "
        "again. Every change is logged."),
    "themen.post": ("Beitrag", "Post"),
    "themen.save": ("Themen speichern", "Save topics"),
    "themen.saved": ("Themen gespeichert.", "Topics saved."),
    "themen.add_word": ("Wort zu einem Thema hinzufügen", "Add a word to a topic"),
    "themen.word": ("Wort", "Word"),
    "themen.word_help": (
        "Schreibweise: „rat“ ganzes Wort, „baustell*“ Wortanfang, „*baustell*“ auch in Zusammensetzungen, "
        "„#visit*“ nur als Hashtag, ein Emoji überall. Das Wort gilt für alle Gemeinden; alle Beiträge werden neu "
        "eingeordnet.",
        "Notation: “rat” whole word, “baustell*” word start, “*baustell*” inside compounds too, “#visit*” hashtag "
        "only, an emoji anywhere. The word applies to every town; all posts are classified again."),
    "themen.add": ("Wort hinzufügen", "Add word"),
    "themen.added": ("„{term}“ gehört jetzt zu „{topic}“; alle Beiträge wurden neu eingeordnet.",
                     "“{term}” now belongs to “{topic}”; all posts were classified again."),
    "themen.words": ("Wörter der Redaktion", "Officers' words"),
    "themen.remove": ("Entfernen", "Remove"),
    "themen.added_by": ("hinzugefügt von", "added by"),
    "themen.youth_title": ("Welche Themen auf dem jüngsten Kanal ankommen", "Which topics land on the youngest channel"),
    "themen.youth_intro": (
        "Jüngster Kanal (unter denen mit Beiträgen im Zeitraum) ist der mit dem größten Anteil unter 25-Jähriger im "
        "Publikum: {channel} ({share} unter 25). "
        "Die Plattformen geben das Alter nur für das ganze Publikum an, nicht je Beitrag: Die Tabelle zeigt, welche "
        "Themen auf diesem Kanal die höchste Interaktionsrate haben, nicht, dass gerade junge Menschen mit ihnen "
        "interagiert haben.",
        "The youngest channel (of those with posts in the period) is the one with the largest share of under-25s in "
        "its audience: {channel} ({share} under 25). Platforms report age for the whole audience only, not per post: the table shows which topics "
        "reach the highest engagement rate on this channel, not that young people in particular engaged with them."),
    "themen.youth_none": (
        "Für keinen Kanal der Gemeinde mit Beiträgen im Zeitraum liegen Altersangaben zum Publikum vor; ohne sie lässt "
        "sich kein jüngster Kanal bestimmen.",
        "No channel of the town with posts in the period has audience age data; without it no youngest channel can "
        "be named."),
    "file.topics": ("themen", "topics"),
    # -- connector.: import errors and notes of the file connectors and the loader (UI and CLI) --
    # connectors/io.py: reading text, tables, numbers and dates
    "connector.io.empty": ("Die Datei ist leer.", "The file is empty."),
    "connector.io.binary": ("Das ist keine Textdatei (Binärdaten); erwartet wird CSV, XLSX, XLS oder ZIP.",
                            "This is not a text file (binary data); expected: CSV, XLSX, XLS or ZIP."),
    "connector.io.text_too_large": (
        "Die Datei ist {size} MB groß; Exporte dieser Art werden bis {limit} MB gelesen (ein echter Export ist viel "
        "kleiner). Bitte einen kürzeren Zeitraum exportieren.",
        "The file is {size} MB; exports of this kind are read up to {limit} MB (a real export is much smaller). "
        "Please export a shorter period."),
    "connector.io.utf16_unreadable": (
        "Die Datei sieht nach UTF-16 ohne BOM aus, ist so aber nicht lesbar; bitte erneut exportieren oder als "
        "UTF-8 speichern.",
        "The file looks like UTF-16 without a BOM but cannot be read as such; please export it again or save it "
        "as UTF-8."),
    "connector.io.bom_invalid": (
        "Die Datei ist laut BOM {encoding}, enthält aber ungültige Zeichen (abgeschnitten oder beschädigt?).",
        "According to its BOM the file is {encoding}, but it contains invalid characters (cut off or damaged?)."),
    "connector.io.nul": (
        "Zeile {row} enthält ein Nullzeichen (Byte 0), das in keinem Export vorkommt; die Datei ist beschädigt oder "
        "keine reine Textdatei.",
        "Line {row} contains a null character (byte 0), which no export contains; the file is damaged or not a "
        "plain text file."),
    "connector.io.invalid_chars": ("Die Datei enthält ungültige Zeichen (abgeschnitten oder beschädigt?).",
                                   "The file contains invalid characters (cut off or damaged?)."),
    "connector.io.not_utf8": (
        "Die Datei enthält ungültige Zeichen (laut BOM UTF-8, ist es aber nicht; abgeschnitten oder beschädigt?).",
        "The file contains invalid characters (UTF-8 according to its BOM, but it is not; cut off or damaged?)."),
    "connector.io.too_many_lines": ("Die Datei hat mehr als {limit} Zeilen; so viele hat kein Export dieser Art.",
                                    "The file has more than {limit} lines; no export of this kind has that many."),
    "connector.io.line_unreadable": (
        "Eine Zeile ist nicht lesbar (Anführungszeichen nicht geschlossen oder Feld zu lang).",
        "A line cannot be read (a quotation mark is not closed or a field is too long)."),
    "connector.io.too_many_rows": (
        "Die Tabelle hat {rows} Zeilen; Exporte dieser Art haben höchstens {limit}. Bitte einen kürzeren Zeitraum "
        "exportieren.",
        "The table has {rows} rows; exports of this kind have at most {limit}. Please export a shorter period."),
    "connector.io.field_too_long": (
        "Spalte „{column}“, Zeile {row}: der Eintrag ist länger als {limit} MB; so lange Einträge hat kein Export "
        "(beschädigte Datei?).",
        "Column “{column}”, row {row}: the entry is longer than {limit} MB; no export has entries that long "
        "(damaged file?)."),
    "connector.io.line_too_long": (
        "Zeile {row} ist länger als {limit} MB; so lange Zeilen hat kein Export (beschädigte Datei?).",
        "Line {row} is longer than {limit} MB; no export has lines that long (damaged file?)."),
    "connector.io.entry_too_long": (
        "Ein Eintrag ist länger als {limit} MB; so lange Zeilen hat kein Export (beschädigte Datei?).",
        "An entry is longer than {limit} MB; no export has entries that long (damaged file?)."),
    "connector.io.row_width": (
        "Die Tabelle ist nicht lesbar: Zeile {row} hat {got} statt {expected} Spalten; abgeschnitten oder beschädigt?",
        "The table cannot be read: row {row} has {got} columns instead of {expected}; cut off or damaged?"),
    "connector.io.some_row_width": (
        "Die Tabelle ist nicht lesbar: Eine Zeile hat {got} statt {expected} Spalten; abgeschnitten oder beschädigt?",
        "The table cannot be read: a row has {got} columns instead of {expected}; cut off or damaged?"),
    "connector.io.table_unreadable": (
        "Die Tabelle ist nicht lesbar: ein Anführungszeichen ist nicht geschlossen oder die Datei ist beschädigt.",
        "The table cannot be read: a quotation mark is not closed or the file is damaged."),
    "connector.io.no_header": ("Die Datei endet vor der Kopfzeile.", "The file ends before the header row."),
    "connector.io.header_too_long": (
        "Die Kopfzeile (Zeile {row}) ist länger als {limit} MB; so lang ist die Kopfzeile keines Exports.",
        "The header row (line {row}) is longer than {limit} MB; no export has a header row that long."),
    "connector.io.header_too_wide": (
        "Die Kopfzeile hat {columns} Spalten; mehr als {limit} (so viele wie Excel) hat kein Export.",
        "The header row has {columns} columns; no export has more than {limit} (as many as Excel)."),
    "connector.io.row_too_wide": (
        "Zeile {row} hat {columns} Spalten; mehr als {limit} (so viele wie Excel) hat kein Export.",
        "Row {row} has {columns} columns; no export has more than {limit} (as many as Excel)."),
    "connector.io.required_columns": ("Pflichtspalte(n) fehlen: {columns}.", "Required column(s) missing: {columns}."),
    "connector.io.where": ("Spalte „{column}“, Zeile {row}", "Column “{column}”, row {row}"),
    "connector.io.not_a_number": ("{where}: „{value}“ ist keine Zahl.", "{where}: “{value}” is not a number."),
    "connector.io.fractional_count": (
        "{where}: „{value}“ ist keine ganze Zahl; eine Anzahl hat keine Nachkommastellen.",
        "{where}: “{value}” is not a whole number; a count has no decimal places."),
    "connector.io.negative_count": ("{where}: negative Anzahl „{value}“.", "{where}: negative count “{value}”."),
    "connector.io.count_too_large": ("{where}: „{value}“ ist unplausibel groß (über 10^12).",
                                     "{where}: “{value}” is implausibly large (over 10^12)."),
    "connector.io.date_format": ("{where}: Datumsformat von „{value}“ nicht erkannt.",
                                 "{where}: date format of “{value}” not recognised."),
    "connector.io.before_platform": ("liegt vor dem Start von {platform} ({year}); ein solches Datum ist unmöglich",
                                     "is before {platform} started ({year}); such a date is impossible"),
    "connector.io.before_population": (
        "liegt vor {year}; so alte Bevölkerungszahlen je Gemeinde gibt es in dieser Form nicht",
        "is before {year}; population figures per municipality that old do not exist in this form"),
    "connector.io.empty_date_hint": ("{problem} (leeres Datum oder Excel-Tag 0?)", "{problem} (empty date or Excel day 0?)"),
    "connector.io.after_export_future": ("liegt nach dem Exportdatum {export_day} (in der Zukunft)",
                                         "is after the export date {export_day} (in the future)"),
    "connector.io.after_export": ("liegt nach dem Exportdatum {export_day}", "is after the export date {export_day}"),
    "connector.io.bad_date": ("{where}: {day} {problem}.", "{where}: {day} {problem}."),
    "connector.io.day_problem": ("{what} ({day}) {problem}.", "{what} ({day}) {problem}."),
    "connector.io.no_post_id": (
        "Zeile {row}: keine Beitrags-ID (Spalte „{column}“ ist leer, die übrigen Spalten nicht).",
        "Row {row}: no post ID (column “{column}” is empty, the other columns are not)."),
    "connector.io.duplicate_clash": (
        "Beitrag „{post_id}“ steht mehrmals in der Datei (Zeilen {first} und {second}), mit verschiedenen Zahlen; "
        "welche gelten, ist unklar. Bitte den Export prüfen.",
        "Post “{post_id}” appears more than once in the file (rows {first} and {second}) with different figures; "
        "which ones are right is unclear. Please check the export."),
    "connector.io.duplicate_note": (
        "{n} doppelte Zeile(n) mit demselben Beitrag und denselben Zahlen nur einmal übernommen (zuerst Zeile {row}).",
        "{n} duplicate row(s) with the same post and the same figures imported only once (first in row {row})."),
    "connector.io.basis_file_date": ("Dateidatum", "file date"),
    "connector.io.basis_import_date": ("Importdatum", "import date"),
    "connector.io.no_period": ("die Datei nennt keinen Zeitraum", "the file states no period"),
    "connector.io.assumed_as_of": ("Stand {day} angenommen: {reason}; Grundlage ist das {basis}.",
                                   "Assumed as of {day}: {reason}; based on the {basis}."),
    "connector.io.row_unreadable": (
        "Zeile {row} ist nicht lesbar (Anführungszeichen nicht geschlossen oder Feld zu lang).",
        "Row {row} cannot be read (a quotation mark is not closed or a field is too long)."),
    "connector.io.header_only_posts": ("Die Datei enthält keine Beiträge (nur die Kopfzeile).",
                                       "The file contains no posts (only the header row)."),
    "connector.io.header_only_daily": ("Die Datei enthält keine Tageswerte (nur die Kopfzeile).",
                                       "The file contains no daily values (only the header row)."),
    # connectors/files.py: size limit and zips
    "connector.files.mb": ("{n} MB", "{n} MB"),
    "connector.files.kb": ("{n} KB", "{n} KB"),
    "connector.files.too_large": ("Die Datei ist {size} groß; erlaubt sind {limit} (Einstellung BUERGERNAH_MAX_FILE_MB).",
                                  "The file is {size}; the limit is {limit} (setting BUERGERNAH_MAX_FILE_MB)."),
    "connector.files.unreadable": ("Die Datei ist nicht lesbar (fehlende Berechtigung oder Lesefehler).",
                                   "The file cannot be read (missing permission or read error)."),
    "connector.files.zip_bomb": ("Das ZIP-Archiv entpackt sich auf ein Vielfaches seiner Größe (ZIP-Bombe?); abgelehnt.",
                                 "The zip archive unpacks to many times its size (zip bomb?); rejected."),
    "connector.files.zip_broken": ("Das ZIP-Archiv ist beschädigt oder unvollständig.",
                                   "The zip archive is damaged or incomplete."),
    "connector.files.zip_too_many": ("Das ZIP-Archiv enthält zu viele Dateien; erlaubt sind {limit}.",
                                     "The zip archive contains too many files; at most {limit} are allowed."),
    "connector.files.zip_members": ("Das ZIP-Archiv enthält {n} Dateien; erlaubt sind {limit}.",
                                    "The zip archive contains {n} files; at most {limit} are allowed."),
    "connector.files.zip_encrypted": ("„{name}“ im ZIP-Archiv ist verschlüsselt; bitte ohne Passwort packen.",
                                      "“{name}” in the zip archive is encrypted; please zip it without a password."),
    "connector.files.zip_method": (
        "„{name}“ im ZIP-Archiv ist mit einem nicht unterstützten Verfahren gepackt; bitte als gewöhnliches ZIP "
        "(Deflate) packen.",
        "“{name}” in the zip archive is compressed with an unsupported method; please create an ordinary zip "
        "(Deflate)."),
    "connector.files.in_zip": ("im ZIP-Archiv", "in the zip archive"),
    "connector.files.member_unreadable": ("„{name}“ {where} ist nicht lesbar: {why}.", "“{name}” {where} cannot be read: {why}."),
    "connector.files.crc": ("die Prüfsumme stimmt nicht", "the checksum does not match"),
    "connector.files.damaged": ("die Daten sind beschädigt", "the data is damaged"),
    "connector.files.zip_path": ("Unzulässiger Pfad im ZIP-Archiv: „{name}“.", "Path not allowed in the zip archive: “{name}”."),
    "connector.files.zip_nested": ("Verschachteltes ZIP-Archiv „{name}“: bitte zuerst entpacken.",
                                   "Nested zip archive “{name}”: please unpack it first."),
    "connector.files.zip_empty": ("Das ZIP-Archiv ist leer.", "The zip archive is empty."),
    # connectors/workbook.py: XLSX and XLS
    "connector.workbook.external": (
        "Die Arbeitsmappe enthält Verknüpfungen zu anderen Dateien (externe Bezüge); ihre Werte stammen nicht aus "
        "dieser Datei. Bitte in Excel unter Daten › Verknüpfungen bearbeiten die Verknüpfungen aufheben und neu "
        "speichern.",
        "The workbook contains links to other files (external references); their values do not come from this "
        "file. Please break the links in Excel under Data › Edit Links and save it again."),
    "connector.workbook.bomb": (
        "Die Excel-Arbeitsmappe entpackt sich auf ein Vielfaches ihrer Größe (ZIP-Bombe?); abgelehnt.",
        "The Excel workbook unpacks to many times its size (zip bomb?); rejected."),
    "connector.workbook.in_workbook": ("in der Excel-Arbeitsmappe", "in the Excel workbook"),
    "connector.workbook.not_a_workbook": ("Das ist keine Excel-Arbeitsmappe (XLS oder XLSX).",
                                          "This is not an Excel workbook (XLS or XLSX)."),
    "connector.workbook.damaged": ("Die Excel-Arbeitsmappe ist beschädigt ({detail}).",
                                   "The Excel workbook is damaged ({detail})."),
    "connector.workbook.bad_xml": ("„{part}“ ist kein gültiges XML", "“{part}” is not valid XML"),
    "connector.workbook.no_sheet_list": ("das Inhaltsverzeichnis der Blätter fehlt", "the list of sheets is missing"),
    "connector.workbook.bad_styles": ("Zellformate nicht lesbar", "cell formats cannot be read"),
    "connector.workbook.missing_string": ("eine Zelle verweist auf einen Text, den es nicht gibt",
                                          "a cell refers to a text that does not exist"),
    "connector.workbook.no_sheet": ("das Blatt „{sheet}“ fehlt", "the sheet “{sheet}” is missing"),
    "connector.workbook.bad_string_ref": ("ungültiger Verweis auf einen Text", "invalid reference to a text"),
    "connector.workbook.not_a_number": ("„{value}“ ist keine Zahl", "“{value}” is not a number"),
    "connector.workbook.too_many_styles": ("Die Excel-Arbeitsmappe hat unplausibel viele Zellformate; abgelehnt.",
                                           "The Excel workbook has implausibly many cell formats; rejected."),
    "connector.workbook.too_much_text": (
        "Die Excel-Arbeitsmappe enthält mehr als {limit} Zeichen Text; so groß ist kein Export.",
        "The Excel workbook contains more than {limit} characters of text; no export is that large."),
    "connector.workbook.too_many_strings": (
        "Eine Zelle verweist auf Text Nr. {n} der Arbeitsmappe; mehr als {limit} Texte hat kein Export.",
        "A cell refers to text no. {n} of the workbook; no export has more than {limit} texts."),
    "connector.workbook.doctype": (
        "Die Excel-Arbeitsmappe enthält eine DOCTYPE-Deklaration, die in keiner echten Arbeitsmappe vorkommt "
        "(XML-Bombe?); abgelehnt.",
        "The Excel workbook contains a DOCTYPE declaration, which no real workbook contains (XML bomb?); rejected."),
    "connector.workbook.sheet_too_large": (
        "Das Blatt „{sheet}“ ist zu groß ({what}); gelesen werden höchstens {limit} Zellen je Arbeitsmappe – so groß "
        "ist kein Export.",
        "The sheet “{sheet}” is too large ({what}); at most {limit} cells per workbook are read – no export is that "
        "large."),
    "connector.workbook.at_row": ("Zeile {row}", "row {row}"),
    "connector.workbook.at_cell": ("Zelle {cell}", "cell {cell}"),
    "connector.workbook.size": ("{rows} Zeilen × {columns} Spalten", "{rows} rows × {columns} columns"),
    "connector.workbook.xls_too_large": (
        "Die Excel-Datei (.xls) ist {size} MB groß; Arbeitsmappen im alten Format werden bis {limit} MB gelesen – so "
        "groß ist kein Export.",
        "The Excel file (.xls) is {size} MB; workbooks in the old format are read up to {limit} MB – no export is "
        "that large."),
    "connector.workbook.password": (
        "Die Excel-Datei ist mit einem Kennwort geschützt; bitte ohne Kennwort speichern und erneut hochladen.",
        "The Excel file is password-protected; please save it without a password and upload it again."),
    "connector.workbook.xls_damaged": ("Die Excel-Datei (.xls) ist beschädigt oder nicht lesbar.",
                                       "The Excel file (.xls) is damaged or cannot be read."),
    # connectors/registry.py, connectors/audience.py
    "connector.registry.unknown_format": (
        "Format nicht erkannt: weder ein bekannter Export von Facebook, Instagram, YouTube, TikTok, LinkedIn oder X "
        "noch eine Bevölkerungstabelle.",
        "Format not recognised: neither a known export of Facebook, Instagram, YouTube, TikTok, LinkedIn or X nor a "
        "population table."),
    "connector.audience.unknown_age": ("Unbekannte Altersgruppe „{label}“ (erwartet: {expected}).",
                                       "Unknown age group “{label}” (expected: {expected})."),
    "connector.audience.unknown_gender": ("Unbekanntes Geschlecht „{label}“.", "Unknown gender “{label}”."),
    # connectors/facebook_legacy.py
    "connector.facebook_legacy.too_many_cells": (
        "Die Datei hat mehr als {limit} Zellen; so groß ist kein Altexport. Bitte einen kürzeren Zeitraum exportieren.",
        "The file has more than {limit} cells; no legacy export is that large. Please export a shorter period."),
    "connector.facebook_legacy.not_legacy": (
        "Kein Facebook-Insights-Altexport: die zweite Zeile mit den Beschreibungen („Lifetime: …“, „Daily: …“) oder "
        "die Spalten „Post ID“/„Date“ fehlen.",
        "Not a legacy Facebook Insights export: the second row with the descriptions (“Lifetime: …”, “Daily: …”) or "
        "the columns “Post ID”/“Date” are missing."),
    "connector.facebook_legacy.row_width": ("Zeile {row} hat {got} statt {expected} Spalten; abgeschnitten oder beschädigt?",
                                            "Row {row} has {got} columns instead of {expected}; cut off or damaged?"),
    "connector.facebook_legacy.headers_only": ("Die Datei enthält nur die beiden Kopfzeilen, keine Daten.",
                                               "The file contains only the two header rows, no data."),
    "connector.facebook_legacy.no_posts": ("Die Datei enthält keine Beiträge (Spalte „Post ID“ ist leer).",
                                           "The file contains no posts (column “Post ID” is empty)."),
    "connector.facebook_legacy.bad_post_id": ("Spalte „Post ID“: „{value}“ hat nicht die Form <Seiten-ID>_<Beitrags-ID>.",
                                              "Column “Post ID”: “{value}” is not of the form <page ID>_<post ID>."),
    "connector.facebook_legacy.several_pages": (
        "Die Datei enthält Beiträge mehrerer Seiten ({pages}); bitte je Seite einzeln exportieren.",
        "The file contains posts of several pages ({pages}); please export each page on its own."),
    "connector.facebook_legacy.impressions_note": (
        "Altexport mit „Impressions“: als Impressionen gespeichert, nicht als Aufrufe.",
        "Legacy export with “Impressions”: stored as impressions, not as views."),
    "connector.facebook_legacy.skipped_note": (
        "{n} weitere Kennzahlspalten des Altexports erkannt, aber nicht übernommen.",
        "{n} more metric columns of the legacy export recognised but not imported."),
    "connector.facebook_legacy.no_date": ("{where}: kein Datum.", "{where}: no date."),
    "connector.facebook_legacy.no_page_values": (
        "Die Seitenstatistik enthält keine übernehmbaren Werte (Likes, Reichweite, Alter/Geschlecht).",
        "The page statistics contain no values that can be imported (likes, reach, age/gender)."),
    "connector.facebook_legacy.group_twice": ("„Lifetime Likes by Gender and Age“: eine Gruppe kommt doppelt vor.",
                                              "“Lifetime Likes by Gender and Age”: a group appears twice."),
    # connectors/genesis.py: population tables
    "connector.genesis.uncovered": (
        "Die Altersgruppen der Tabelle decken die Gruppe {group} nicht ab; erwartet wird 12411-02-03 mit 17 "
        "Altersgruppen.",
        "The table's age groups do not cover the group {group}; expected: 12411-02-03 with 17 age groups."),
    "connector.genesis.replacement_chars": (
        "Die Datei enthält Ersatzzeichen (�): sie wurde vermutlich umkodiert; Namen können fehlerhaft sein.",
        "The file contains replacement characters (�): it was probably re-encoded; names may be wrong."),
    "connector.genesis.flat_old": (
        "Älteres GENESIS-Flatfile („Statistik_Code;…“) wird nicht unterstützt: bitte als „CSV“ (klassisch) oder "
        "„Flat-CSV (ffcsv)“ neu herunterladen.",
        "Older GENESIS flat file (“Statistik_Code;…”) is not supported: please download it again as “CSV” (classic) "
        "or “Flat-CSV (ffcsv)”."),
    "connector.genesis.not_genesis": (
        "Keine GENESIS-Tabelle erkannt (erste Zeile „GENESIS-Tabelle: …“ oder „statistics_code;…“).",
        "No GENESIS table recognised (first line “GENESIS-Tabelle: …” or “statistics_code;…”)."),
    "connector.genesis.not_population": (
        "Tabelle {table} ist keine Bevölkerungstabelle (erwartet 12411-02-03-5 oder -4).",
        "Table {table} is not a population table (expected 12411-02-03-5 or -4)."),
    "connector.genesis.no_age_groups": (
        "Tabelle {table} enthält keine Altersgruppen; erwartet wird 12411-02-03-5 (Gemeinden) oder 12411-02-03-4 "
        "(Kreise) mit 17 Altersgruppen.",
        "Table {table} contains no age groups; expected: 12411-02-03-5 (municipalities) or 12411-02-03-4 "
        "(districts) with 17 age groups."),
    "connector.genesis.the_stichtag": ("Der Stichtag", "The reference date"),
    "connector.genesis.too_many_values": (
        "Die Tabelle hat {n} Werte; gelesen werden höchstens {limit}. Bitte die Tabelle nur für das eigene Land oder "
        "den eigenen Kreis herunterladen.",
        "The table has {n} values; at most {limit} are read. Please download the table for your own state or "
        "district only."),
    "connector.genesis.not_a_population": ("Zeile {row}, Spalte „{column}“: „{value}“ ist keine Einwohnerzahl.",
                                           "Row {row}, column “{column}”: “{value}” is not a population figure."),
    "connector.genesis.no_data_row": (
        "Tabelle {table}: keine Datenzeile gefunden (weder Regionalschlüssel noch Stichtag in Spalte 1).",
        "Table {table}: no data row found (neither a regional code nor a reference date in column 1)."),
    "connector.genesis.no_stichtag": ("Tabelle {table}: keine Zeile „Stichtag: TT.MM.JJJJ“ gefunden.",
                                      "Table {table}: no line “Stichtag: DD.MM.YYYY” found."),
    "connector.genesis.no_age_header": (
        "Tabelle {table}: keine Kopfzeile mit Altersgruppen („unter 3 Jahre“, …) gefunden.",
        "Table {table}: no header row with age groups (“unter 3 Jahre”, …) found."),
    "connector.genesis.long_row": ("Zeile {row}: erwartet „Stichtag;Schlüssel;Name;Altersgruppe;Insgesamt;…“.",
                                   "Row {row}: expected “Stichtag;Schlüssel;Name;Altersgruppe;Insgesamt;…”."),
    "connector.genesis.row_age_group": ("Zeile {row}: unbekannte Altersgruppe „{label}“.",
                                        "Row {row}: unknown age group “{label}”."),
    "connector.genesis.flat_empty": ("Die Flat-CSV enthält keine Werte.", "The flat CSV contains no values."),
    "connector.genesis.no_region": ("Tabelle {table}: keine Regionsvariable (GEMEIN, KREISE, …) in der Flat-CSV.",
                                    "Table {table}: no region variable (GEMEIN, KREISE, …) in the flat CSV."),
    "connector.genesis.unknown_age_group": ("Unbekannte Altersgruppe „{label}“ ({code}).",
                                            "Unknown age group “{label}” ({code})."),
    "connector.genesis.bad_stichtag": ("Stichtag „{value}“ ist kein Datum (JJJJ-MM-TT).",
                                       "Reference date “{value}” is not a date (YYYY-MM-DD)."),
    "connector.genesis.several_dates": ("Die Tabelle enthält {n} Stichtage; übernommen wird der neueste ({day}).",
                                        "The table contains {n} reference dates; only the latest ({day}) is imported."),
    "connector.genesis.higher_skipped": (
        "{n} Zeile(n) für Deutschland, Länder oder Kreise übersprungen (gespeichert werden nur Gemeinden).",
        "{n} row(s) for Germany, states or districts skipped (only municipalities are stored)."),
    "connector.genesis.unknown_skipped": (
        "{n} Gemeindeschlüssel nicht im Gemeindeverzeichnis, übersprungen ({codes}).",
        "{n} municipality code(s) not in the municipality directory, skipped ({codes})."),
    "connector.genesis.placeholder_skipped": ("{n} Gemeinde(n) ohne Zahlen („-“ oder „.“) übersprungen.",
                                              "{n} municipality(ies) without figures (“-” or “.”) skipped."),
    "connector.genesis.total_mismatch": (
        "Bei {n} Gemeinde(n) ergeben die Altersgruppen nicht die Spalte „Insgesamt“.",
        "For {n} municipality(ies) the age groups do not add up to the column “Insgesamt” (total)."),
    "connector.genesis.no_municipality": (
        "Die Tabelle enthält keine Gemeinde mit Zahlen (8-stelliger Schlüssel aus dem Gemeindeverzeichnis); Kreise "
        "und Länder werden nicht gespeichert. Bitte 12411-02-03-5 auf Gemeindeebene herunterladen.",
        "The table contains no municipality with figures (8-digit code from the municipality directory); districts "
        "and states are not stored. Please download 12411-02-03-5 at municipality level."),
    "connector.genesis.estimated_13_17": (
        "Die Gruppe 13-17 ist geschätzt: 15 bis unter 18 Jahre + 2/5 von 10 bis unter 15 Jahre.",
        "The group 13-17 is estimated: 15 to under 18 years + 2/5 of 10 to under 15 years."),
    # connectors/meta_posts.py, meta_daily.py, meta_audience.py
    "connector.meta_posts.no_metric": ("Keine Kennzahlspalte (Views, Reach, Reactions, …) gefunden.",
                                       "No metric column (Views, Reach, Reactions, …) found."),
    "connector.meta_posts.too_many_posts": (
        "Die Datei hat mehr als {limit} Beiträge; so viele hat kein Konto einer Gemeinde. Bitte einen kürzeren "
        "Zeitraum exportieren.",
        "The file has more than {limit} posts; no municipality's account has that many. Please export a shorter "
        "period."),
    "connector.meta_posts.several_accounts": (
        "Die Datei enthält Beiträge mehrerer Konten ({accounts}); bitte je Seite bzw. Konto einzeln exportieren.",
        "The file contains posts of several accounts ({accounts}); please export each page or account on its own."),
    "connector.meta_posts.not_lifetime": (
        "Spalte „Date“ enthält nicht nur „Lifetime“: Werte als Gesamtwerte zum Exportdatum gelesen.",
        "Column “Date” does not contain only “Lifetime”: values read as totals as of the export date."),
    "connector.meta_posts.impressions": (
        "Älterer Export mit „Impressions“ statt „Views“: als Impressionen gespeichert, nicht als Aufrufe.",
        "Older export with “Impressions” instead of “Views”: stored as impressions, not as views."),
    "connector.meta_daily.not_daily": ("Kein Meta-Tageswerte-Export (Titelzeile und „Date“,„Primary“ fehlen).",
                                       "Not a Meta daily values export (title row and “Date”,“Primary” are missing)."),
    "connector.meta_daily.unknown_metric": ("Unbekannte Kennzahl „{title}“ in der Titelzeile; bekannt sind: {known}.",
                                            "Unknown metric “{title}” in the title row; known are: {known}."),
    "connector.meta_daily.no_platform": (
        "Die Datei „{title}“ nennt keine Plattform: bitte Facebook oder Instagram angeben (Upload-Seite: Auswahl "
        "„Plattform“, Kommandozeile: --platform facebook|instagram).",
        "The file “{title}” does not name a platform: please choose Facebook or Instagram (upload page: "
        "“Platform” selection, command line: --platform facebook|instagram)."),
    "connector.meta_daily.no_values": ("Die Datei enthält keine Tageswerte (nur die Kopfzeilen).",
                                       "The file contains no daily values (only the header rows)."),
    "connector.meta_daily.filled": ("{n} fehlende Tage im Zeitraum mit 0 aufgefüllt (als aufgefüllt markiert).",
                                    "{n} missing days in the period filled with 0 (marked as filled)."),
    "connector.meta_audience.not_audience": ("Kein Meta-Zielgruppenexport (die erste Zeile „sep=,“ fehlt).",
                                             "Not a Meta audience export (the first line “sep=,” is missing)."),
    "connector.meta_audience.empty_block": (
        "Block „{label}“ ist leer (zu wenig Daten); keine Alters-/Geschlechtswerte übernommen.",
        "Block “{label}” is empty (too little data); no age/gender values imported."),
    "connector.meta_audience.skipped_block": ("Block „{label}“ übersprungen: {what} werden nicht gespeichert.",
                                              "Block “{label}” skipped: {what} are not stored."),
    "connector.meta_audience.skipped.cities": ("Top-Städte", "top cities"),
    "connector.meta_audience.skipped.countries": ("Top-Länder", "top countries"),
    "connector.meta_audience.skipped.pages": ("Top-Seiten (Affinitätsindex, kein Anteil)",
                                              "top pages (an affinity index, not a share)"),
    "connector.meta_audience.unknown_block": ("Unbekannter Block „{label}“ übersprungen.", "Unknown block “{label}” skipped."),
    "connector.meta_audience.no_blocks": ("Die Datei enthält weder einen Block „Age & gender“ noch „Follows“.",
                                          "The file contains neither an “Age & gender” nor a “Follows” block."),
    "connector.meta_audience.no_platform": (
        "Die Zielgruppen-Datei (Audience.csv) nennt keine Plattform: bitte Facebook oder Instagram angeben "
        "(Upload-Seite: Auswahl „Plattform“, Kommandozeile: --platform facebook|instagram).",
        "The audience file (Audience.csv) does not name a platform: please choose Facebook or Instagram (upload "
        "page: “Platform” selection, command line: --platform facebook|instagram)."),
    "connector.meta_audience.no_period": ("die Datei nennt keinen Zeitraum (kein Block „Follows“)",
                                          "the file states no period (no “Follows” block)"),
    "connector.meta_audience.period_end": ("Das Ende des Zeitraums der Datei", "The end of the file's period"),
    "connector.meta_audience.no_gender_columns": ("Block „Age & gender“: die Spalten „Men“/„Women“ fehlen.",
                                                  "Block “Age & gender”: the columns “Men”/“Women” are missing."),
    "connector.meta_audience.row_width": ("Block „Age & gender“, Zeile {row}: {got} statt {expected} Spalten.",
                                          "Block “Age & gender”, row {row}: {got} columns instead of {expected}."),
    "connector.meta_audience.percent_range": ("Block „Age & gender“: ein Prozentwert liegt außerhalb von 0 bis 100.",
                                              "Block “Age & gender”: a percentage is outside 0 to 100."),
    "connector.meta_audience.age_twice": ("Block „Age & gender“: eine Altersgruppe kommt doppelt vor.",
                                          "Block “Age & gender”: an age group appears twice."),
    "connector.meta_audience.no_follows_header": ("Block „Follows“: die Kopfzeile „Date“,„Primary“ fehlt.",
                                                  "Block “Follows”: the header row “Date”,“Primary” is missing."),
    "connector.meta_audience.follows_short": ("Block „Follows“, Zeile {row}: weniger als zwei Spalten.",
                                              "Block “Follows”, row {row}: fewer than two columns."),
    # connectors/tiktok.py
    "connector.tiktok.date_unknown": (
        "Datum „{value}“ nicht erkannt (erwartet z. B. „September 25“ oder „25. September“).",
        "Date “{value}” not recognised (expected e.g. “September 25” or “25 September”)."),
    "connector.tiktok.no_such_date": ("Datum „{value}“ gibt es nicht.", "The date “{value}” does not exist."),
    "connector.tiktok.not_in_year": ("Datum „{value}“ gibt es im Jahr {year} nicht.",
                                     "The date “{value}” does not exist in {year}."),
    "connector.tiktok.mixed_years": ("Die Datumsspalte mischt Angaben mit und ohne Jahr.",
                                     "The date column mixes dates with and without a year."),
    "connector.tiktok.unsorted": ("Die Tage sind nicht aufsteigend sortiert („{later}“ nach „{earlier}“).",
                                  "The days are not in ascending order (“{later}” after “{earlier}”)."),
    "connector.tiktok.span": ("{first}–{last}", "{first}–{last}"),
    "connector.tiktok.periods_differ": ("die mit hochgeladenen Übersichten nennen verschiedene Zeiträume",
                                        "the overviews uploaded with it state different periods"),
    "connector.tiktok.no_period": ("kein Exportzeitraum liegt bei", "no export period was uploaded with it"),
    "connector.tiktok.period_mismatch": ("der Exportzeitraum {period} aus „{name}“ passt nicht zu ihren Tagen",
                                         "the export period {period} from “{name}” does not match its days"),
    "connector.tiktok.no_period_and": ("die Datei nennt keinen Zeitraum und {why}", "the file states no period and {why}"),
    "connector.tiktok.period_from_sibling": (
        "Exportzeitraum {period} aus der mit hochgeladenen Datei „{name}“ übernommen.",
        "Export period {period} taken from the file “{name}” uploaded with it."),
    "connector.tiktok.year_wrap": ("Die Tage reichen über den Jahreswechsel ({first}–{last}, Exportzeitraum {period}).",
                                   "The days span the turn of the year ({first}–{last}, export period {period})."),
    "connector.tiktok.year_assumed": (
        "Jahr {year} angenommen: die Datei nennt kein Jahr und {why}; Grundlage ist das {basis} {day}.",
        "Year {year} assumed: the file states no year and {why}; based on the {basis} {day}."),
    "connector.tiktok.years_assumed": (
        "Jahre {years} angenommen (Tage {first}–{last}): die Datei nennt kein Jahr und {why}; Grundlage ist das "
        "{basis} {day}.",
        "Years {years} assumed (days {first}–{last}): the file states no year and {why}; based on the {basis} {day}."),
    "connector.tiktok.empty_workbook": ("Die Excel-Datei ist leer.", "The Excel file is empty."),
    "connector.tiktok.not_tiktok": ("Kein TikTok-Export: erwartete Spalten (z. B. „Date“, „Video Views“) fehlen.",
                                    "Not a TikTok export: expected columns (e.g. “Date”, “Video Views”) are missing."),
    "connector.tiktok.header_only": (
        "{name}: nur die Kopfzeile – zu wenig Daten (TikTok zeigt sie erst ab einer Mindestzahl).",
        "{name}: only the header row – too little data (TikTok shows the data only above a certain minimum)."),
    "connector.tiktok.not_taken": ("{name} ({kind}) erkannt, aber nicht übernommen.",
                                   "{name} ({kind}) recognised but not imported."),
    "connector.tiktok.kind.territories": ("Follower nach Region", "followers by region"),
    "connector.tiktok.kind.activity": ("Follower-Aktivität", "follower activity"),
    "connector.tiktok.at": ("Spalte „{column}“, Zeile {row}: {reason}", "Column “{column}”, row {row}: {reason}"),
    "connector.tiktok.day_twice": ("Der Tag {day} kommt in der Datei doppelt vor (Zeilen {first} und {second}).",
                                   "The day {day} appears twice in the file (rows {first} and {second})."),
    "connector.tiktok.negative_shares": ("Spalte „Distribution“ enthält negative Anteile.",
                                         "Column “Distribution” contains negative shares."),
    "connector.tiktok.shares_over_100": ("Spalte „Distribution“ enthält Anteile über 100 %.",
                                         "Column “Distribution” contains shares over 100%."),
    "connector.tiktok.gender_twice": ("Ein Geschlecht kommt doppelt vor.", "A gender appears twice."),
    "connector.tiktok.bad_link": ("Spalte „Video link“: „{value}“ ist kein TikTok-Videolink.",
                                  "Column “Video link”: “{value}” is not a TikTok video link."),
    "connector.tiktok.no_post_time": ("{where}: kein Veröffentlichungsdatum.", "{where}: no publication date."),
    # connectors/linkedin.py, x.py, youtube_studio.py, youtube_demographics.py
    "connector.linkedin.not_linkedin": (
        "Keine LinkedIn-Tabelle erkannt: erwartet werden die Blätter „Metrics“/„All posts“, „New followers“ oder "
        "„Visitor metrics“ mit ihrer Kopfzeile.",
        "No LinkedIn table recognised: expected: the sheets “Metrics”/“All posts”, “New followers” or “Visitor "
        "metrics” with their header row."),
    "connector.linkedin.sheet_skipped": ("Blatt „{sheet}“ übersprungen (Demografie ohne Alter und Geschlecht oder unbekannt).",
                                         "Sheet “{sheet}” skipped (demographics without age and gender, or unknown)."),
    "connector.linkedin.sheet_empty": ("Blatt „{sheet}“ enthält keine Datenzeilen.", "Sheet “{sheet}” contains no data rows."),
    "connector.linkedin.no_values": ("Die LinkedIn-Datei enthält keine Tages- oder Beitragswerte.",
                                     "The LinkedIn file contains no daily or post values."),
    "connector.linkedin.no_date": ("Spalte „{column}“ enthält kein Datum.", "Column “{column}” contains no date."),
    "connector.linkedin.no_link": ("{n} Beitragszeile(n) ohne Link übersprungen (keine Beitragskennung).",
                                   "{n} post row(s) without a link skipped (no post ID)."),
    "connector.linkedin.midnight": (
        "LinkedIn nennt je Beitrag nur das Datum: Beiträge ohne auswertbare Kennung auf 00:00 Uhr gesetzt.",
        "LinkedIn gives only the date of each post: posts without a usable ID set to 00:00."),
    "connector.x.not_x": (
        "Kein X-Analytics-Export erkannt (Kopfzeile mit „Tweet id“, „Post id“ oder „New follows“ fehlt).",
        "No X Analytics export recognised (header row with “Tweet id”, “Post id” or “New follows” is missing)."),
    "connector.x.bad_id": ("Beitragskennung „{value}“ ist keine Zahl und der Link nennt keine.",
                           "Post ID “{value}” is not a number and the link gives none."),
    "connector.x.several_accounts": (
        "Die Datei enthält Beiträge mehrerer Konten ({accounts}); bitte je Konto einzeln exportieren.",
        "The file contains posts of several accounts ({accounts}); please export each account on its own."),
    "connector.x.midnight": (
        "{n} Beitrag/Beiträge ohne auswertbare Kennung: Uhrzeit unbekannt, auf 00:00 Uhr gesetzt.",
        "{n} post(s) without a usable ID: time of day unknown, set to 00:00."),
    "connector.x.no_metric": ("Keine Kennzahlspalte (Impressions, New follows, …) gefunden.",
                              "No metric column (Impressions, New follows, …) found."),
    "connector.youtube_studio.not_studio": (
        "Kein YouTube-Studio-Export: die Spalten „Content“ bzw. „Date“ und „Views“ fehlen.",
        "Not a YouTube Studio export: the columns “Content” or “Date” and “Views” are missing."),
    "connector.youtube_studio.chart_skipped": (
        "{name}: Diagrammdaten nach „{dimensions}“ erkannt, aber nicht übernommen (nur die gezeigten Zeilen; "
        "Tagessummen kommen aus Totals.csv).",
        "{name}: chart data by “{dimensions}” recognised but not imported (only the rows shown; daily totals come "
        "from Totals.csv)."),
    "connector.youtube_studio.table_skipped": ("YouTube-Tabelle „{table}“ ({name}) erkannt, aber nicht übernommen.",
                                               "YouTube table “{table}” ({name}) recognised but not imported."),
    "connector.youtube_studio.no_videos": ("Die Inhaltstabelle enthält keine Videos (nur Kopf- und Summenzeile).",
                                           "The content table contains no videos (only the header and total rows)."),
    "connector.youtube_studio.bad_id": ("Spalte „Content“: „{value}“ ist keine YouTube-Video-ID.",
                                        "Column “Content”: “{value}” is not a YouTube video ID."),
    "connector.youtube_studio.negative_watch_time": ("Spalte „Watch time (hours)“ enthält negative Werte.",
                                                     "Column “Watch time (hours)” contains negative values."),
    "connector.youtube_studio.table_period": (
        "Werte der Inhaltstabelle gelten für den in YouTube Studio gewählten Zeitraum, Stand Exportdatum.",
        "Values of the content table apply to the period chosen in YouTube Studio, as of the export date."),
    "connector.youtube_demographics.no_columns": ("Weder „Viewer age“ noch „Viewer gender“ gefunden.",
                                                  "Neither “Viewer age” nor “Viewer gender” found."),
    "connector.youtube_demographics.no_rows": ("Die Tabelle enthält keine Zeilen.", "The table contains no rows."),
    "connector.youtube_demographics.percent_range": ("„Views (%)“ liegt außerhalb von 0 bis 100.",
                                                     "“Views (%)” is outside 0 to 100."),
    "connector.youtube_demographics.period_end": ("Das Ende des Zeitraums im Dateinamen",
                                                  "The end of the period in the file name"),
    "connector.youtube_demographics.group_twice": ("Eine Alters- oder Geschlechtsgruppe kommt doppelt vor.",
                                                   "An age or gender group appears twice."),
    # connectors/loader.py: accounts, towns, undo, follower counts
    "connector.loader.in_member": ("{name}: {reason}", "{name}: {reason}"),
    "connector.loader.mixed_platforms": (
        "Das ZIP-Archiv mischt Plattformen ({platforms}); bitte je Plattform einzeln hochladen.",
        "The zip archive mixes platforms ({platforms}); please upload each platform on its own."),
    "connector.loader.unknown_ags": ("Unbekannter Gemeindeschlüssel (AGS) „{ags}“.",
                                     "Unknown municipality code (AGS) “{ags}”."),
    "connector.loader.town_known": ("{town}: Konto bereits zugeordnet", "{town}: account already assigned"),
    "connector.loader.town_chosen": ("{town}: gewählt", "{town}: chosen"),
    "connector.loader.town_chosen_but": ("{town}: gewählt – Achtung: „{named}“ passt zu {other}, nicht zu {town}",
                                         "{town}: chosen – note: “{named}” matches {other}, not {town}"),
    "connector.loader.town_by_name": ("{town}: am Namen „{named}“ erkannt", "{town}: recognised by the name “{named}”"),
    "connector.loader.no_account_named": (
        "Die Datei nennt kein {platform}-Konto: bitte die Gemeinde für diese Datei wählen (Upload-Seite: Gemeinde in "
        "der Vorschau, Kommandozeile: --municipality AGS).",
        "The file names no {platform} account: please choose the municipality for this file (upload page: "
        "municipality in the preview, command line: --municipality AGS)."),
    "connector.loader.name_ambiguous": (
        "Das Konto „{named}“ ist noch keiner Gemeinde zugeordnet, und der Name passt zu mehreren Gemeinden ({towns}): "
        "bitte die Gemeinde für diese Datei wählen (Upload-Seite: Gemeinde in der Vorschau, Kommandozeile: "
        "--municipality AGS).",
        "The account “{named}” is not assigned to a municipality yet, and its name matches several municipalities "
        "({towns}): please choose the municipality for this file (upload page: municipality in the preview, "
        "command line: --municipality AGS)."),
    "connector.loader.name_unmatched": (
        "Das Konto „{named}“ ist noch keiner Gemeinde zugeordnet, und der Name passt zu keiner Gemeinde: bitte die "
        "Gemeinde für diese Datei wählen (Upload-Seite: Gemeinde in der Vorschau, Kommandozeile: --municipality AGS).",
        "The account “{named}” is not assigned to a municipality yet, and its name matches no municipality: please "
        "choose the municipality for this file (upload page: municipality in the preview, command line: "
        "--municipality AGS)."),
    "connector.loader.several_accounts": (
        "Die Gemeinde hat mehrere {platform}-Konten ({accounts}); die Datei nennt keins davon.",
        "The municipality has several {platform} accounts ({accounts}); the file names none of them."),
    "connector.loader.no_import": ("Import {id} gibt es nicht oder er ist bereits rückgängig gemacht.",
                                   "Import {id} does not exist or has already been undone."),
    "connector.loader.no_account": ("Das Konto „{account}“ gibt es nicht.", "The account “{account}” does not exist."),
    "connector.loader.bad_count": ("Follower-Stand „{count}“: bitte eine ganze Zahl ab 0 angeben.",
                                   "Follower count “{count}”: please enter a whole number of 0 or more."),
    "connector.loader.future_day": ("Der Tag {day} liegt in der Zukunft.", "The day {day} is in the future."),
    "connector.loader.follower_entry": ("Follower-Stand eingetragen: {name}, {day}: {count}",
                                        "Follower count entered: {name}, {day}: {count}"),
    # connectors/__main__.py: the command line (BUERGERNAH_LANG)
    "connector.cli.error": ("FEHLER {message}", "ERROR {message}"),
    "connector.cli.not_found": ("Datei nicht gefunden.", "File not found."),
    "connector.cli.imported": ("importiert", "imported"),
    "connector.cli.already_imported": ("bereits importiert", "already imported"),
    "connector.cli.rejected": ("abgelehnt", "rejected"),
    "connector.cli.unmapped": ("{file}: unbekannte Spalte „{column}“ nicht übernommen",
                               "{file}: unknown column “{column}” not imported"),
    "connector.cli.import_title": ("Import", "Import"),
    "connector.cli.history_title": ("Importe", "Imports"),
    "connector.cli.accounts_title": ("Konten", "Accounts"),
    "connector.cli.column.file": ("Datei", "File"),
    "connector.cli.column.result": ("Ergebnis", "Result"),
    "connector.cli.column.platform": ("Plattform", "Platform"),
    "connector.cli.column.format": ("Format", "Format"),
    "connector.cli.column.rows": ("Zeilen", "Rows"),
    "connector.cli.column.id": ("ID", "ID"),
    "connector.cli.column.imported_at": ("Importiert", "Imported"),
    "connector.cli.column.by": ("Von", "By"),
    "connector.cli.column.status": ("Status", "Status"),
    "connector.cli.column.account": ("Konto", "Account"),
    "connector.cli.column.name": ("Name", "Name"),
    "connector.cli.column.ags": ("AGS", "AGS"),
    "connector.cli.column.municipality": ("Gemeinde", "Municipality"),
    "connector.cli.datetime": ("%d.%m.%Y %H:%M", "%d/%m/%Y %H:%M"),
    "connector.cli.demo_removed": ("{n} Demo-Importe entfernt.", "{n} demo imports removed."),
    "connector.cli.demo_loaded": ("Demodaten geladen ({n} Dateien).", "Demo data loaded ({n} files)."),
    "connector.cli.demo_not_empty": ("Datenbank enthält bereits Daten; keine Demodaten geladen.",
                                     "The database already holds data; no demo data loaded."),
    "connector.cli.day": ("am {day}", "on {day}"),
    "connector.cli.followers_entered": (
        "Follower-Stand {count} für {account} {day} eingetragen (Import {id}; rückgängig: undo {id}).",
        "Follower count {count} for {account} {day} entered (import {id}; to undo: undo {id})."),
    "connector.cli.moved": ("Konto {account} gehört jetzt zu {town} ({ags}); vorher {before}.",
                            "Account {account} now belongs to {town} ({ags}); before: {before}."),
    "connector.cli.undone": ("Import {id} rückgängig gemacht.", "Import {id} undone."),
    "connector.cli.migrated": ("Datenbank {db}: Schema-Version {version}.", "Database {db}: schema version {version}."),
    # connectors/api: pulls from platform APIs
    "connector.api.no_connection": ("Keine Verbindung zu {host}: {error}", "No connection to {host}: {error}"),
    "connector.api.rate_limited": (
        "{host} begrenzt die Anfragen (HTTP {status}) und bittet, {wait} s zu warten; später erneut abrufen.",
        "{host} limits requests (HTTP {status}) and asks to wait {wait} s; please pull again later."),
    "connector.api.not_json": ("{host} antwortet nicht mit JSON (HTTP {status}).",
                               "{host} does not answer with JSON (HTTP {status})."),
    "connector.api.token_expired": ("{error}. Zugangstoken abgelaufen oder ohne Berechtigung: bitte erneuern.",
                                    "{error}. Access token expired or lacking permission: please renew it."),
    "connector.api.unknown_source": ("„{spec}“: unbekannte Quelle (erwartet {expected}).",
                                     "“{spec}”: unknown source (expected {expected})."),
    "connector.api.not_registered": ("Konto ist nicht registriert.", "The account is not registered."),
    "connector.api.no_source": ("Für dieses Konto gibt es keine API-Quelle (Profiladresse bzw. Konto-ID fehlt).",
                                "There is no API source for this account (profile address or account ID missing)."),
    "connector.api.no_town": ("Das Konto {account} ist noch keiner Gemeinde zugeordnet: --municipality AGS angeben.",
                              "The account {account} is not assigned to a municipality yet: add --municipality AGS."),
    "connector.api.taken_over": ("{posts} Beiträge, {rows} Werte übernommen", "{posts} posts, {rows} values imported"),
    "connector.api.unchanged": ("keine Änderungen seit dem letzten Abruf", "no changes since the last pull"),
    "connector.api.mastodon_url": ("„{spec}“ ist keine Mastodon-Profiladresse (erwartet https://server/@name).",
                                   "“{spec}” is not a Mastodon profile address (expected https://server/@name)."),
    "connector.api.mastodon_handle": ("„{spec}“ ist kein Mastodon-Konto (erwartet @name@server).",
                                      "“{spec}” is not a Mastodon account (expected @name@server)."),
    "connector.api.mastodon_not_found": ("Mastodon-Konto {handle} nicht gefunden ({server}).",
                                         "Mastodon account {handle} not found ({server})."),
    "connector.api.mastodon_unexpected": ("{server}: unerwartete Antwort auf die Beitragsliste.",
                                          "{server}: unexpected answer to the list of posts."),
    "connector.api.boosts_skipped": ("{n} geteilte Beiträge (Boosts) übersprungen.", "{n} shared posts (boosts) skipped."),
    "connector.api.replies_skipped": ("{n} Antworten an andere Konten übersprungen (Datenschutz).",
                                      "{n} replies to other accounts skipped (privacy)."),
    "connector.api.private_skipped": ("{n} nicht öffentliche Beiträge übersprungen.", "{n} non-public posts skipped."),
    "connector.api.graph_spec": ("„{spec}“: erwartet facebook:<Seiten-ID> oder instagram:<Konto-ID>.",
                                 "“{spec}”: expected facebook:<page ID> or instagram:<account ID>."),
    "connector.api.graph_id": ("„{spec}“: die Graph-ID ist eine Zahl (Seiten- bzw. Instagram-Konto-ID).",
                               "“{spec}”: the Graph ID is a number (page or Instagram account ID)."),
    "connector.api.metric_unavailable": (
        "Metrik „{metric}“ nicht verfügbar (eingestellt oder ungültig) und übersprungen: {reason}",
        "Metric “{metric}” not available (retired or invalid) and skipped: {reason}"),
    "connector.api.no_meta_token": (
        "Kein Meta-Zugangstoken: BUERGERNAH_META_TOKEN setzen oder meta_token im Abschnitt [buergernah] von "
        ".streamlit/secrets.toml eintragen.",
        "No Meta access token: set BUERGERNAH_META_TOKEN or enter meta_token in the section [buergernah] of "
        ".streamlit/secrets.toml."),
    "connector.api.demographics_failed": ("Altersgruppen der Follower nicht abrufbar: {error}",
                                          "Follower age groups cannot be pulled: {error}"),
    "connector.api.no_demographics_meta": (
        "Keine Altersgruppen der Follower geliefert (Meta zeigt sie erst ab 100 Followern).",
        "No follower age groups delivered (Meta shows them only once there are 100 followers)."),
    "connector.api.field_error": ("{field}: {reason}", "{field}: {reason}"),
    "connector.api.youtube_spec": ("„{spec}“: erwartet youtube:<Kanal-ID> (beginnt mit UC).",
                                   "“{spec}”: expected youtube:<channel ID> (starts with UC)."),
    "connector.api.no_youtube_token": (
        "Kein YouTube-Zugangstoken: BUERGERNAH_YOUTUBE_TOKEN setzen oder youtube_token im Abschnitt [buergernah] "
        "von .streamlit/secrets.toml eintragen.",
        "No YouTube access token: set BUERGERNAH_YOUTUBE_TOKEN or enter youtube_token in the section [buergernah] "
        "of .streamlit/secrets.toml."),
    "connector.api.no_daily": ("Keine Tageswerte für {first}–{last} geliefert.", "No daily values delivered for {first}–{last}."),
    "connector.api.no_demographics_youtube": (
        "Keine Altersgruppen geliefert (YouTube zeigt sie nur bei genügend Aufrufen).",
        "No age groups delivered (YouTube shows them only with enough views)."),
    "connector.api.column.account": ("Konto", "Account"),
    "connector.api.column.source": ("Quelle", "Source"),
    "connector.api.column.result": ("Ergebnis", "Result"),
    "connector.api.column.posts": ("Beiträge", "Posts"),
    "connector.api.column.values": ("Werte", "Values"),
    "connector.api.column.note": ("Hinweis", "Note"),
    "connector.api.title": ("Abruf", "Pull"),
    "connector.api.nothing": (
        "Keine abrufbaren Konten registriert (Mastodon: Profiladresse; Facebook/Instagram/YouTube: Konto-ID und "
        "Zugangstoken). Eine Quelle lässt sich direkt angeben, z. B. mastodon:https://social.example/@stadt "
        "--municipality AGS.",
        "No accounts that can be pulled are registered (Mastodon: profile address; Facebook/Instagram/YouTube: "
        "account ID and access token). A source can be given directly, e.g. mastodon:https://social.example/@stadt "
        "--municipality AGS."),
    "connector.api.note": ("Hinweis {account}: {note}", "Note {account}: {note}"),
    "connector.api.failed": ("FEHLER {account}: {message}", "ERROR {account}: {message}"),
    # connectors/actions.py: refusals (analytics.access.Forbidden)
    "connector.actions.forbidden": ("Keine Berechtigung: {who} darf nicht {action}.",
                                    "Not permitted: {who} may not {action}."),
    "connector.actions.forbidden_for": ("Keine Berechtigung: {who} darf für {towns} nicht {action}.",
                                        "Not permitted: {who} may not {action} for {towns}."),
    "connector.actions.forbidden_anonymous": ("Keine Berechtigung: Ohne Anmeldung darf nicht {action}.",
                                              "Not permitted: without logging in, nobody may {action}."),
    "connector.actions.forbidden_anonymous_for": ("Keine Berechtigung: Ohne Anmeldung darf für {towns} nicht {action}.",
                                                  "Not permitted: without logging in, nobody may {action} for {towns}."),
    "connector.actions.action.import": ("importieren", "import"),
    "connector.actions.action.undo": ("Importe rückgängig machen", "undo imports"),
    "connector.actions.action.enter_followers": ("Follower-Stände eintragen", "enter follower counts"),
    "connector.actions.action.move_account": ("Konten verschieben", "move accounts"),
    "connector.actions.action.pull": ("Schnittstellen abrufen", "pull from APIs"),
    "connector.actions.action.peer_group": ("Vergleichsgruppen ändern", "change peer groups"),
    "connector.actions.action.remove_demo": ("Demodaten laden oder entfernen", "load or remove demo data"),
    "connector.actions.action.roles": ("Rollen vergeben", "assign roles"),
    "connector.actions.action.settings": ("Einstellungen ändern", "change settings"),
    "connector.actions.action.digest": ("die Wochen-E-Mail verwalten oder senden", "manage or send the weekly e-mail"),
    "connector.actions.action.topics": ("Themen von Beiträgen korrigieren", "correct the topics of posts"),
    "connector.actions.action.topic_words": ("Suchwörter für Themen ändern", "change the search words of topics"),
    "connector.actions.unknown_role": (
        "Unbekannte Rolle „{role}“ oder leere Kennung (Rollen: admin, council, officer:<AGS>).",
        "Unknown role “{role}” or empty identifier (roles: admin, council, officer:<AGS>)."),
    # what the import preview calls a file's format (Parsed.format_label)
    "connector.format.comma": ("{label}, {part}", "{label}, {part}"),
    "connector.format.dash": ("{label} – {part}", "{label} – {part}"),
    "connector.format.paren": ("{label} ({part})", "{label} ({part})"),
    "connector.format.facebook_legacy": ("Facebook Insights – Altexport (bis 2023)",
                                         "Facebook Insights – legacy export (until 2023)"),
    "connector.format.genesis": ("Regionalstatistik 12411-02-03 – Bevölkerung nach Altersgruppen",
                                 "Regionalstatistik 12411-02-03 – population by age group"),
    "connector.format.meta_audience": ("Meta Business Suite – Zielgruppe (Audience.csv)",
                                       "Meta Business Suite – audience (Audience.csv)"),
    "connector.format.meta_daily": ("Meta Business Suite – Tageswerte einer Kennzahl",
                                    "Meta Business Suite – daily values of a metric"),
    "connector.format.meta_posts": ("Meta Business Suite – Beitragsexport", "Meta Business Suite – post export"),
    "connector.format.youtube_demographics": ("YouTube Studio – Zuschauer nach Alter/Geschlecht",
                                              "YouTube Studio – viewers by age/gender"),
    "connector.format.youtube_studio": ("YouTube Studio – Export (erweiterter Modus)",
                                        "YouTube Studio – export (advanced mode)"),
    "connector.format.mastodon_api": ("Mastodon-API", "Mastodon API"),
    "connector.format.meta_graph_page": ("Meta Graph API (Facebook-Seite)", "Meta Graph API (Facebook page)"),
    "connector.format.part.posts": ("Beiträge", "posts"),
    "connector.format.part.page_stats": ("Seitenstatistik", "page statistics"),
    "connector.format.part.content": ("Inhalte", "content"),
    "connector.format.part.followers": ("Follower", "followers"),
    "connector.format.part.visitors": ("Besucher", "visitors"),
    "connector.format.part.tweet_activity": ("Tweet-Aktivität (alt)", "tweet activity (old)"),
    "connector.format.part.account_overview": ("Kontoübersicht", "account overview"),
    "connector.format.part.chart": ("Diagrammdaten", "chart data"),
    "connector.format.part.table": ("Tabelle „{name}“", "table “{name}”"),
    "connector.format.part.daily_totals": ("Summen je Tag", "daily totals"),
    "connector.tiktok.kind.overview": ("Übersicht", "overview"),
    "connector.tiktok.kind.history": ("Follower-Verlauf", "follower history"),
    "connector.tiktok.kind.gender": ("Follower nach Geschlecht", "followers by gender"),
    "connector.tiktok.kind.content": ("Inhalte", "content"),
    "connector.tiktok.kind.viewers": ("Zuschauer", "viewers"),
    "connector.cli.metavar.date": ("JJJJ-MM-TT", "YYYY-MM-DD"),
    "connector.cli.metavar.account": ("KONTO", "ACCOUNT"),
    "connector.cli.metavar.file": ("DATEI", "FILE"),
    "connector.cli.metavar.period": ("ZEITRAUM", "PERIOD"),
    "connector.cli.metavar.group": ("GRUPPE", "GROUP"),
    "connector.cli.metavar.pdf": ("DATEI.pdf", "FILE.pdf"),
    "connector.cli.metavar.path": ("PFAD", "PATH"),
    "connector.cli.help.description": ("Bürgernah: Exporte importieren", "Bürgernah: import exports"),
    "connector.cli.help.db": ("DuckDB-Datei (Standard: $BUERGERNAH_DB oder data/buergernah.duckdb)",
                              "DuckDB file (default: $BUERGERNAH_DB or data/buergernah.duckdb)"),
    "connector.cli.help.import": ("Exporte (CSV, XLSX, XLS, ZIP) importieren", "import exports (CSV, XLSX, XLS, ZIP)"),
    "connector.cli.help.import_municipality": ("Gemeinde (AGS) für noch unbekannte Konten",
                                               "municipality (AGS) for accounts not known yet"),
    "connector.cli.help.import_platform": ("Plattform für Dateien, die sie nicht nennen",
                                           "platform for files that do not name it"),
    "connector.cli.help.demo": ("Demodaten erzeugen und importieren", "generate and import demo data"),
    "connector.cli.help.demo_if_empty": ("nur in eine leere Datenbank", "only into an empty database"),
    "connector.cli.help.demo_remove": ("Demodaten entfernen", "remove the demo data"),
    "connector.cli.help.history": ("Importe auflisten", "list the imports"),
    "connector.cli.help.accounts": ("Konten und ihre Gemeinden auflisten", "list the accounts and their municipalities"),
    "connector.cli.help.followers": ("Follower-Stand eines Kontos eintragen", "enter an account's follower count"),
    "connector.cli.help.followers_account": ("Konto-Schlüssel, z. B. facebook:1000010533400",
                                             "account key, e.g. facebook:1000010533400"),
    "connector.cli.help.followers_date": ("Stichtag", "the day the count is for"),
    "connector.cli.help.followers_count": ("Follower-Gesamtzahl an dem Tag", "total number of followers on that day"),
    "connector.cli.help.report": ("Bericht für den Rat als PDF schreiben", "write the council report as PDF"),
    "connector.cli.help.report_municipality": ("Gemeinde (AGS)", "municipality (AGS)"),
    "connector.cli.help.report_period": ("JJJJ-MM (Monat), JJJJ-Qn (Quartal) oder JJJJ-MM-TT..JJJJ-MM-TT",
                                         "YYYY-MM (month), YYYY-Qn (quarter) or YYYY-MM-DD..YYYY-MM-DD"),
    "connector.cli.help.report_group": (
        "Vergleichsgruppe, z. B. nordkreis, kreis:05334, land:05 (Standard: der Kreis der Gemeinde)",
        "peer group, e.g. nordkreis, kreis:05334, land:05 (default: the municipality's district)"),
    "connector.cli.help.report_lang": ("Sprache des Berichts (Standard: BUERGERNAH_LANG, sonst de)",
                                       "language of the report (default: BUERGERNAH_LANG, else de)"),
    "connector.cli.help.schedule": ("Zeitplan: anzeigen oder fällige Aufträge ausführen",
                                    "schedule: show it or run the jobs that are due"),
    "connector.cli.help.schedule_what": ("show: Zeitplan; run-due: fällige Aufträge (für cron)",
                                         "show: the schedule; run-due: the jobs that are due (for cron)"),
    "connector.cli.help.digest": ("Wochen-E-Mail senden (fällige und fehlgeschlagene)",
                                  "send the weekly e-mail (due and failed sends)"),
    "connector.cli.help.digest_municipality": ("nur diese Gemeinde (Standard: alle mit Empfängern)",
                                               "only this municipality (default: all with recipients)"),
    "connector.cli.help.digest_week": ("Montag der Woche (Standard: die letzte vollständige Kalenderwoche)",
                                       "Monday of the week (default: the last complete calendar week)"),
    "connector.cli.help.digest_dry_run": ("nur zeigen, was gesendet würde", "only show what would be sent"),
    "connector.cli.help.move_account": ("ein Konto einer anderen Gemeinde zuordnen",
                                        "assign an account to another municipality"),
    "connector.cli.help.undo": ("einen Import rückgängig machen", "undo an import"),
    "connector.cli.help.migrate": ("Datenbank anlegen bzw. migrieren", "create or migrate the database"),
    "connector.cli.help.move_to_ducklake": (
        "eine DuckDB-Datei in einen (leeren) DuckLake-Katalog auf PostgreSQL umziehen",
        "move a DuckDB file into an (empty) DuckLake catalog on PostgreSQL"),
    "connector.cli.help.lake_to": ("postgresql://benutzer@host:port/datenbank (Standard: $BUERGERNAH_DB)",
                                   "postgresql://user@host:port/database (default: $BUERGERNAH_DB)"),
    "connector.cli.help.lake_data_path": ("Verzeichnis oder S3-URL der Parquet-Dateien (Standard: $BUERGERNAH_DATA_PATH)",
                                          "directory or S3 URL of the Parquet files (default: $BUERGERNAH_DATA_PATH)"),
    "connector.cli.help.pull": ("Kennzahlen über Plattform-APIs abrufen", "pull figures from platform APIs"),
    "connector.cli.help.pull_since": ("ab diesem Tag (JJJJ-MM-TT) lesen statt inkrementell",
                                      "read from this day (YYYY-MM-DD) instead of incrementally"),
    "connector.cli.help.pull_municipality": (
        "Gemeinde (AGS): für neue Konten einer SOURCE; ohne SOURCE nur ihre Konten",
        "municipality (AGS): for new accounts of a SOURCE; without SOURCE only its accounts"),
    "connector.cli.help.pull_sources": (
        "z. B. mastodon:https://social.example/@stadt, facebook:<Seiten-ID>, instagram:<Konto-ID>, youtube:<Kanal-ID>; "
        "ohne: alle registrierten Konten",
        "e.g. mastodon:https://social.example/@stadt, facebook:<page ID>, instagram:<account ID>, youtube:<channel ID>; "
        "without: all registered accounts"),
    "connector.cli.report_written": ("Bericht {period} für {ags}: {out} ({kb} KB).",
                                     "Report {period} for {ags}: {out} ({kb} KB)."),
    "connector.cli.nothing_due": ("Kein Auftrag fällig.", "No job is due."),
    "connector.cli.schedule_title": ("Zeitplan", "Schedule"),
    "connector.cli.column.job": ("Auftrag", "Job"),
    "connector.cli.column.enabled": ("Aktiv", "On"),
    "connector.cli.column.weekday": ("Wochentag", "Weekday"),
    "connector.cli.column.time": ("Uhrzeit", "Time"),
    "connector.cli.column.next_run": ("Nächster Lauf", "Next run"),
    "connector.cli.column.last_run": ("Letzter Lauf", "Last run"),
    "connector.cli.column.table": ("Tabelle", "Table"),
    "connector.cli.yes": ("ja", "yes"),
    "connector.cli.no": ("nein", "no"),
    "connector.cli.subject": ("Betreff: {subject}", "Subject: {subject}"),
    "connector.cli.lake_target": ("Bitte das Ziel angeben: --to postgresql://benutzer@host:port/datenbank.",
                                  "Please give the target: --to postgresql://user@host:port/database."),
    "connector.cli.lake_moved": ("Umgezogen: {source} → {target}", "Moved: {source} → {target}"),
    "connector.cli.lake_done": (
        "Fertig. Ab jetzt: BUERGERNAH_DB={target} und BUERGERNAH_DATA_PATH setzen; die Datei {source} bleibt "
        "unverändert.",
        "Done. From now on set BUERGERNAH_DB={target} and BUERGERNAH_DATA_PATH; the file {source} stays unchanged."),
    # (end of connector.)
    # -- report.: the council report (PDF); digest.: the weekly e-mail -------------------------
    # analytics/report.py: the errors (CLI, pages), the period, the summary's sentences, the sections
    "report.period_unknown": ("Zeitraum „{period}“ nicht erkannt: JJJJ-MM, JJJJ-Qn oder JJJJ-MM-TT..JJJJ-MM-TT.",
                              "Period “{period}” not recognised: YYYY-MM, YYYY-Qn or YYYY-MM-DD..YYYY-MM-DD."),
    "report.period_reversed": ("Zeitraum „{period}“ endet vor seinem Beginn.", "Period “{period}” ends before it begins."),
    "report.unknown_ags": ("Unbekannter Gemeindeschlüssel (AGS) „{ags}“.", "Unknown municipality key (AGS) “{ags}”."),
    "report.not_in_group": ("Vergleichsgruppe „{group}“ gibt es nicht oder {town} gehört nicht dazu.",
                            "There is no peer group “{group}”, or {town} is not part of it."),
    "report.quarter": ("{n}. Quartal {year}", "Q{n} {year}"),
    "report.unknown": ("unbekannt", "unknown"),
    "report.unknown_followers": (
        "unbekannt (kein Follower-Stand: eintragen oder Datei mit Gesamtzahlen importieren)",
        "unknown (no follower count: enter one or import a file with totals)"),
    "report.kpi.followers_end": ("Follower (Ende)", "Followers (end)"),
    "report.kpi.followers_gained": ("Neue Follower", "New followers"),
    "report.kpi.posts": ("Beiträge", "Posts"),
    "report.kpi.interactions": ("Interaktionen", "Interactions"),
    "report.kpi.reach": ("Reichweite", "Reach"),
    "report.kpi.views": ("Aufrufe", "Views"),
    "report.change.before": (" (Vorzeitraum: {n})", " (previous period: {n})"),
    "report.change.more": (" ({pct} % mehr als im Vorzeitraum)", " ({pct} % more than in the previous period)"),
    "report.change.less": (" ({pct} % weniger als im Vorzeitraum)", " ({pct} % fewer than in the previous period)"),
    "report.change.same": (" (wie im Vorzeitraum)", " (as in the previous period)"),
    "report.line.no_post": ("Auf {platform} erschien im Zeitraum kein Beitrag.", "No post appeared on {platform} in the period."),
    "report.line.posts": ("Auf {platform} erschienen {n} Beiträge{change}", "Posts on {platform}: {n}{change}"),
    "report.line.interactions": ("; sie erhielten {n} Interaktionen{change}", "; interactions: {n}{change}"),
    "report.line.followers_unknown": (
        "Die Follower-Zahl auf {platform} ist unbekannt: kein Follower-Stand liegt vor (eintragen unter „Daten "
        "importieren“ oder eine Datei mit Gesamtzahlen importieren).",
        "The number of followers on {platform} is unknown: there is no follower count (enter one under “Import "
        "data” or import a file with totals)."),
    "report.line.followers_grew": ("Die Follower-Zahl auf {platform} wuchs um {diff} auf {n}.",
                                   "The number of followers on {platform} grew by {diff} to {n}."),
    "report.line.followers_fell": ("Die Follower-Zahl auf {platform} sank um {diff} auf {n}.",
                                   "The number of followers on {platform} fell by {diff} to {n}."),
    "report.line.followers_same": ("Die Follower-Zahl auf {platform} blieb gleich auf {n}.",
                                   "The number of followers on {platform} stayed at {n}."),
    "report.line.followers_now": ("Auf {platform} folgen {n} Konten (Stand Periodenende).",
                                  "{n} accounts follow {platform} (at the end of the period)."),
    "report.line.unranked_followers": (
        "Bei „{metric}“ ist {town} ohne bekannten Follower-Stand und wird in der Gruppe nicht eingeordnet.",
        "For “{metric}”, {town} has no known follower count and is not ranked in the group."),
    "report.line.unranked_data": (
        "Bei „{metric}“ ist {town} ohne Daten im Zeitraum und wird in der Gruppe nicht eingeordnet.",
        "For “{metric}”, {town} has no data in the period and is not ranked in the group."),
    "report.line.rank": (
        "Bei „{metric}“ liegt {town} mit {value} auf Rang {rank} von {n} in der Gruppe „{group}“ (Median {median}).",
        "For “{metric}”, {town} ranks {rank} of {n} in the group “{group}” with {value} (median {median})."),
    "report.chart.peer_axis": ("{metric} (Median gestrichelt, Band: 25.–75. Perzentil)",
                               "{metric} (median dashed, band: 25th–75th percentile)"),
    "report.chart.age_group": ("Altersgruppe", "Age group"),
    "report.chart.index": ("Index (1 = wie Bevölkerung)", "Index (1 = as in the population)"),
    "report.page": ("Seite", "Page"),  # the page footer: „Seite 2 von 9“
    "report.of": ("von", "of"),
    "report.title": ("Social-Media-Bericht {town} – {period}", "Social media report {town} – {period}"),
    "report.description": ("Social-Media-Kennzahlen für den Rat", "Social media figures for the council"),
    "report.cover": ("Social-Media-Bericht für den Rat", "Social media report for the council"),
    "report.cover.period": ("Zeitraum: {label} ({first} – {last})", "Period: {label} ({first} – {last})"),
    "report.cover.group": ("Vergleichsgruppe: {group} ({n} Gemeinden)", "Peer group: {group} ({n} municipalities)"),
    "report.cover.as_of": ("Datenstand: {day}", "Data as of: {day}"),
    "report.cover.no_data": ("keine Daten im Zeitraum", "no data in the period"),
    "report.cover.made": (
        "Erstellt mit Bürgernah am {day}. Alle Zahlen aus den importierten Exporten und Abrufen der Plattformen; "
        "Definitionen und Quellen im Anhang.",
        "Made with Bürgernah on {day}. All figures come from the platforms' imported exports and API pulls; "
        "definitions and sources are in the appendix."),
    "report.summary": ("Zusammenfassung", "Summary"),
    "report.summary.none": ("Für den Zeitraum liegen keine Daten vor.", "There are no data for the period."),
    "report.summary.few_posts": ("Wenige Beiträge ({platforms}: unter {n}): Raten dort nur mit Vorsicht vergleichen.",
                                 "Few posts ({platforms}: fewer than {n}): compare rates there with care."),
    "report.kpis": ("Kennzahlen je Plattform", "Figures per platform"),
    "report.kpis.change": ("Veränderung gegenüber dem Vorzeitraum gleicher Länge ({first} – {last}).",
                           "Change against the previous period of the same length ({first} – {last})."),
    "report.kpis.platform": ("Plattform", "Platform"),
    "report.kpis.unknown": ("Follower „unbekannt“: {why}.", "Followers “unknown”: {why}."),
    "report.peers": ("Vergleich je 1.000 Einwohner", "Comparison per 1,000 inhabitants"),
    "report.peers.intro": ("Gruppe „{group}“, {n} Gemeinden. {town} ist die schwarze Raute.",
                           "Group “{group}”, {n} municipalities. {town} is the black diamond."),
    "report.peers.stats": ("n = {n}; Median {median}; Band {q25} – {q75}.", "n = {n}; median {median}; band {q25} – {q75}."),
    "report.peers.unranked": ("Ohne bekannten Follower-Stand (nicht eingeordnet): {towns}.",
                              "Without a known follower count (not ranked): {towns}."),
    "report.ages": ("Altersgruppen", "Age groups"),
    "report.ages.intro": (
        "Welche Altersgruppen jeder Kanal im Verhältnis zur Bevölkerung erreicht (Index 1 = so stark wie ihr Anteil "
        "an den Einwohnern; nur innerhalb der Altersspanne der Plattform).",
        "Which age groups each channel reaches relative to the population (index 1 = as strongly as their share of "
        "the inhabitants; only within the platform's age range)."),
    "report.ages.followers": ("Follower", "Followers"),
    "report.ages.viewers": ("Zuschauer", "Viewers"),
    "report.ages.too_few": ("Zu wenig Daten (unter {n} Personen je Gruppe).", "Too little data (fewer than {n} people per group)."),
    "report.ages.none": ("Keine Altersdaten importiert (z. B. Meta „Audience.csv“, YouTube-Zuschaueralter).",
                         "No age data imported (e.g. Meta “Audience.csv”, YouTube viewer ages)."),
    "report.top": ("Top-Beiträge", "Top posts"),
    "report.top.none": ("Keine Beiträge im Zeitraum.", "No posts in the period."),
    "report.top.date": ("Datum", "Date"),
    "report.top.text": ("Text", "Text"),
    "report.appendix": ("Anhang: Definitionen und Quellen", "Appendix: definitions and sources"),
    "report.appendix.metric": ("Kennzahl", "Metric"),
    "report.appendix.unit": ("Einheit", "Unit"),
    "report.appendix.formula": ("Formel", "Formula"),
    "report.appendix.source": ("Quelle der Definition", "Source of the definition"),
    "report.imports": ("Importe, auf denen die Zahlen beruhen", "Imports the figures rest on"),
    "report.imports.none": ("Keine.", "None."),
    "report.imports.file": ("Datei", "File"),
    "report.imports.period": ("Zeitraum", "Period"),
    "report.imports.by": ("Importiert von", "Imported by"),
    "report.imports.at": ("am", "on"),
    "report.population": (
        "Einwohnerzahlen: Statistisches Bundesamt (Destatis), GV-ISys, Stand 31.12.2023; Datenlizenz Deutschland – "
        "Namensnennung 2.0.",
        "Population figures: Federal Statistical Office of Germany (Destatis), GV-ISys, as of 31/12/2023; Data "
        "licence Germany – attribution – version 2.0."),
    # connectors/digest.py: the e-mail in the recipient's language (subject, text, HTML, PDF name)
    "digest.subject": ("{town}: Social-Media-Wochenzahlen {week}{count}", "{town}: weekly social media figures {week}{count}"),
    "digest.count_one": (" – {n} Auffälligkeit", " – {n} unusual item"),
    "digest.count_many": (" – {n} Auffälligkeiten", " – {n} unusual items"),
    "digest.heading": ("{town} – Social-Media-Wochenzahlen {week} ({period})",
                       "{town} – weekly social media figures {week} ({period})"),
    "digest.brand": ("Bürgernah · Wochen-E-Mail", "Bürgernah · weekly e-mail"),
    "digest.greeting": ("Guten Tag,", "Hello,"),
    "digest.intro": (
        "hier sind die Social-Media-Zahlen von {town} für {week} je Plattform, mit der Veränderung gegenüber der "
        "Vorwoche.",
        "Here are the social media figures of {town} for {week} per platform, with the change against the previous "
        "week."),
    "digest.intro_calm": (
        " Auffällig war diesmal nichts: Jede Plattform hat Beiträge, und keine Kennzahl liegt unter ihrem Bereich "
        "der Wochen davor.",
        " Nothing was unusual this time: every platform has posts, and no figure is below its range of the weeks "
        "before."),
    "digest.intro_empty": (
        "für {town} liegen für {week} und die {n} Wochen davor keine Zahlen vor. Importieren Sie die Exporte unter "
        "„Daten importieren“.",
        "There are no figures for {town} for {week} or the {n} weeks before. Please import the exports under "
        "“Import data”."),
    "digest.demo": ("Demodaten: Alle Zahlen dieser E-Mail sind erfunden und zeigen nur, wie Bürgernah aussieht.",
                    "Demo data: every figure in this e-mail is made up and only shows what Bürgernah looks like."),
    "digest.unusual": ("Auffällig", "Unusual"),
    "digest.metric": ("Kennzahl", "Metric"),
    "digest.vs_last_week": ("ggü. Vorwoche", "vs. previous week"),
    "digest.unknown": ("unbekannt", "unknown"),
    "digest.missing": ("Für {week} liegen keine Zahlen vor. Sind die Exporte der Woche schon importiert?",
                       "There are no figures for {week}. Have the week's exports been imported yet?"),
    "digest.missing_since": (
        "Für {week} liegen keine Zahlen vor; die letzten stammen aus {last}. Sind die Exporte der Woche schon "
        "importiert?",
        "There are no figures for {week}; the latest are from {last}. Have the week's exports been imported yet?"),
    "digest.no_post": ("{platform}: kein Beitrag in {week}.", "{platform}: no post in {week}."),
    "digest.lower": ("{platform}: niedriger als in jeder der {weeks} vollen Wochen davor – {figures}.",
                     "{platform}: lower than in each of the {weeks} full weeks before – {figures}."),
    "digest.lower_figure": ("{metric} {value} (bisher mindestens {lowest})", "{metric} {value} (so far at least {lowest})"),
    "digest.few_days": (
        "{platform}: Die Daten decken nur {days} von 7 Tagen ab; die Summen sind kleiner als in einer vollen Woche. "
        "Fehlt ein Export?",
        "{platform}: the data cover only {days} of 7 days; the totals are smaller than in a full week. Is an export "
        "missing?"),
    "digest.followers_unknown": (
        "Follower-Stand unbekannt: Tragen Sie ihn unter „Daten importieren“ ein oder importieren Sie eine Datei mit "
        "Follower-Gesamtzahlen (z. B. TikTok FollowerHistory).",
        "Follower count unknown: enter it under “Import data” or import a file with follower totals (e.g. TikTok "
        "FollowerHistory)."),
    "digest.followers_as_of": ("Follower-Stand vom {day}.", "Follower count of {day}."),
    "digest.followers_as_of_source": ("Follower-Stand vom {day}, {source}.", "Follower count of {day}, {source}."),
    "digest.source.observed": ("aus dem Export", "from the export"),
    "digest.source.entered": ("von der Redaktion eingetragen", "entered by the officers"),
    "digest.source.reconstructed": ("aus den täglichen Zugängen und Abgängen errechnet",
                                    "calculated from the daily gains and losses"),
    "digest.no_change_this_week": (
        "Keine Veränderung gegenüber der Vorwoche angegeben: diese Woche hat nur {n} von 7 Tagen mit Daten.",
        "No change against the previous week given: this week has data on only {n} of 7 days."),
    "digest.no_change_last_week": (
        "Keine Veränderung gegenüber der Vorwoche angegeben: die Vorwoche hat nur {n} von 7 Tagen mit Daten.",
        "No change against the previous week given: the previous week has data on only {n} of 7 days."),
    "digest.top": ("Top-Beitrag der Woche", "Top post of the week"),
    "digest.top_heading": ("{platform} · {weekday} {day}, {time} Uhr{kind}", "{platform} · {weekday} {day}, {time}{kind}"),
    "digest.no_text": ("(ohne Text)", "(no text)"),
    "digest.short.interactions": ("Interaktionen", "Interactions"),
    "digest.short.reach": ("Reichweite", "Reach"),
    "digest.short.views": ("Aufrufe", "Views"),
    "digest.open_post": ("Beitrag öffnen", "Open post"),
    "digest.no_posts": ("Keine Beiträge in dieser Woche.", "No posts this week."),
    "digest.open_report": ("Im Wochenbericht ansehen", "View in the weekly report"),
    "digest.footer_counts": (
        "Reichweite, Aufrufe und Interaktionen zählen die in der Woche veröffentlichten Beiträge (Lebenszeitwerte "
        "laut dem letzten Export); „unbekannt“ heißt, die Daten sagen es nicht.",
        "Reach, views and interactions count the posts published in the week (lifetime values according to the "
        "latest export); “unknown” means the data do not say."),
    "digest.footer_why": (
        "Sie erhalten diese E-Mail, weil Ihre Adresse in Bürgernah für die Wochen-E-Mail von {town} eingetragen ist. "
        "Abbestellen: Seite „Wochen-E-Mail“ in Bürgernah (Öffentlichkeitsarbeit) oder „Verwaltung“.",
        "You receive this e-mail because your address is entered in Bürgernah for the weekly e-mail of {town}. "
        "Unsubscribe: page “Weekly e-mail” in Bürgernah (officers) or “Administration”."),
    "digest.pdf_name": ("Ratsbericht_{town}_{month}.pdf", "Council_report_{town}_{month}.pdf"),
    "digest.pdf_failed": ("Der Ratsbericht {month} (PDF) ließ sich nicht erstellen ({error}); diese E-Mail kommt ohne ihn.",
                          "The council report {month} (PDF) could not be made ({error}); this e-mail comes without it."),
    "digest.language": ("Sprache der E-Mail", "Language of the e-mail"),
    "digest.language_help": ("Betreff, Text und der angehängte Ratsbericht (PDF) kommen in dieser Sprache.",
                             "Subject, text and the attached council report (PDF) come in this language."),
    "digest.language.de": ("Deutsch", "German"),
    "digest.language.en": ("Englisch", "English"),
    # connectors/digest.py: what officers read (the page, the CLI, the send history), in German when
    # no page language is known
    "digest.smtp_missing": (
        "Kein Mailserver eingerichtet: Bitte {settings} setzen (Umgebung {variables} oder [buergernah] in "
        ".streamlit/secrets.toml).",
        "No mail server set up: please set {settings} (environment {variables} or [buergernah] in "
        ".streamlit/secrets.toml)."),
    "digest.and": ("{first} und {second}", "{first} and {second}"),
    "digest.smtp_no_password": ("Für den Mailserver ist smtp_user gesetzt, aber kein smtp_password.",
                                "smtp_user is set for the mail server, but no smtp_password."),
    "digest.bad_email": ("„{email}“ ist keine gültige E-Mail-Adresse (Form: name@stadt.de, ohne Umlaute).",
                         "“{email}” is not a valid e-mail address (form: name@town.example, without umlauts)."),
    "digest.bad_language": ("Die Sprache „{language}“ gibt es für die Wochen-E-Mail nicht (de oder en).",
                            "The weekly e-mail has no language “{language}” (de or en)."),
    "digest.unknown_ags": ("Unbekannter Gemeindeschlüssel (AGS) „{ags}“.", "Unknown municipality key (AGS) “{ags}”."),
    "digest.auth_plain": ("AUTH PLAIN, nötig für ein Passwort mit Umlauten oder ß",
                          "AUTH PLAIN, needed for a password with umlauts or ß"),
    "digest.error.login": (
        "Der Mailserver {server} hat die Anmeldung als {user} abgelehnt ({reply}); bitte smtp_user und "
        "smtp_password prüfen.",
        "The mail server {server} refused the login as {user} ({reply}); please check smtp_user and smtp_password."),
    "digest.error.all_refused": ("Der Mailserver {server} hat alle Empfänger abgelehnt: {refused}. Bitte die Adressen prüfen.",
                                 "The mail server {server} refused all recipients: {refused}. Please check the addresses."),
    "digest.error.some_refused": ("Der Mailserver {server} hat diese Empfänger abgelehnt: {refused}. Bitte die Adressen prüfen.",
                                  "The mail server {server} refused these recipients: {refused}. Please check the addresses."),
    "digest.error.sender": ("Der Mailserver {server} hat die Absenderadresse {sender} abgelehnt ({reply}); bitte smtp_from prüfen.",
                            "The mail server {server} refused the sender address {sender} ({reply}); please check smtp_from."),
    "digest.error.unsupported": (
        "Der Mailserver {server} unterstützt das Verlangte nicht ({detail}); bitte smtp_starttls und smtp_user prüfen.",
        "The mail server {server} does not support what was asked ({detail}); please check smtp_starttls and "
        "smtp_user."),
    "digest.error.not_accepted": ("Der Mailserver {server} hat die E-Mail nicht angenommen ({reply}).",
                                  "The mail server {server} did not accept the e-mail ({reply})."),
    "digest.error.disconnected": ("Der Mailserver {server} hat die Verbindung unerwartet getrennt ({detail}).",
                                  "The mail server {server} closed the connection unexpectedly ({detail})."),
    "digest.error.no_detail": ("ohne Angabe", "no details"),
    "digest.error.tls": ("Die verschlüsselte Verbindung (TLS) zum Mailserver {server} ist gescheitert ({detail}).",
                         "The encrypted connection (TLS) to the mail server {server} failed ({detail})."),
    "digest.error.timeout": ("Der Mailserver {server} antwortet nicht (keine Antwort nach {seconds} Sekunden).",
                             "The mail server {server} does not answer (no answer after {seconds} seconds)."),
    "digest.error.connection_refused": (
        "Der Mailserver {server} nimmt keine Verbindung an (Verbindung abgelehnt); stimmen smtp_host und smtp_port, "
        "und läuft der Server?",
        "The mail server {server} takes no connection (connection refused); are smtp_host and smtp_port right, and "
        "is the server running?"),
    "digest.error.unknown_host": (
        "Den Mailserver {host} gibt es nicht (der Name lässt sich nicht auflösen); bitte smtp_host prüfen.",
        "There is no mail server {host} (the name cannot be resolved); please check smtp_host."),
    "digest.error.unreachable": ("Der Mailserver {server} ist nicht erreichbar ({detail}).",
                                 "The mail server {server} cannot be reached ({detail})."),
    "digest.error.other": ("Die E-Mail ließ sich nicht senden ({detail}).", "The e-mail could not be sent ({detail})."),
    "digest.error.compose": ("Die Wochen-E-Mail ließ sich nicht erstellen ({detail}).",
                             "The weekly e-mail could not be made ({detail})."),
    "digest.retry_next": ("Bürgernah versucht es beim nächsten Lauf erneut.", "Bürgernah tries again on the next run."),
    "digest.interrupted": (
        "Der letzte Versand wurde unterbrochen; die noch nicht bestätigten Empfänger bekommen die E-Mail jetzt.",
        "The last send was interrupted; the recipients not yet confirmed get the e-mail now."),
    "digest.interrupted_nobody": ("Der Versand wurde unterbrochen; es ist kein Empfänger mehr eingetragen.",
                                  "The send was interrupted; no recipient is entered any more."),
    "digest.already_sent": ("bereits am {day} an {to} gesendet", "already sent on {day} to {to}"),
    "digest.earlier": ("früher", "earlier"),
    "digest.the_recipients": ("die Empfänger", "the recipients"),
    "digest.being_sent": ("wird gerade von einem anderen Vorgang gesendet", "is being sent by another task right now"),
    "digest.sent_to_all": ("an alle eingetragenen Empfänger gesendet", "sent to every recipient entered"),
    "digest.no_recipients": ("keine Empfänger eingetragen", "no recipients entered"),
    "digest.skipped": ("{town}, {week}: {why}.", "{town}, {week}: {why}."),
    "digest.sent": ("{town}, {week}: an {to} gesendet.", "{town}, {week}: sent to {to}."),
    "digest.in_language": ("{to} (auf {language})", "{to} (in {language})"),
    "digest.dry_already": ("{town}, {week}: bereits gesendet; es würde nichts gesendet.",
                           "{town}, {week}: already sent; nothing would be sent."),
    "digest.dry_would": ("{town}, {week}: würde an {to} gesendet{pdf}.", "{town}, {week}: would be sent to {to}{pdf}."),
    "digest.dry_pdf": (" (mit PDF {name} an {to})", " (with PDF {name} to {to})"),
    "digest.dry_nobody": ("{town}, {week}: keine Empfänger eingetragen.", "{town}, {week}: no recipients entered."),
    "digest.run_none": ("Keine Gemeinde mit Empfängern der Wochen-E-Mail.", "No municipality with recipients of the weekly e-mail."),
    "digest.run_counts": ("{sent} Wochen-E-Mail(s) gesendet, {failed} fehlgeschlagen",
                          "{sent} weekly e-mail(s) sent, {failed} failed"),
    "digest.run_skipped": (", {n} übersprungen (bereits gesendet oder ohne Empfänger)",
                           ", {n} skipped (already sent or without recipients)"),
    # how the send results above are put together (stored as key and values, shown in the reader's language)
    "digest.week_label": ("KW {week}/{year}", "CW {week}/{year}"),  # analytics/weekly.py's iso_week_label
    "digest.failed": ("{town}, {week}: {error}", "{town}, {week}: {error}"),
    "digest.joined": ("{first} {then}", "{first} {then}"),
    "digest.concat": ("{first}{then}", "{first}{then}"),
    "digest.run_done": ("{counts}{skipped}.", "{counts}{skipped}."),
    "digest.run_failed": ("{counts}{skipped}: {failed}", "{counts}{skipped}: {failed}"),
    # (end of report. and digest.)
    # -- schedule.: the scheduled jobs' results (connectors/schedule.py; Verwaltung, Wochen-E-Mail, CLI) --
    "schedule.status.ok": ("ok", "ok"),
    "schedule.status.failed": ("fehlgeschlagen", "failed"),
    "schedule.status.running": ("läuft", "running"),
    "schedule.result": ("{status}: {message}", "{status}: {message}"),
    "schedule.pull_done": ("{done} Konten abgerufen, {failed} fehlgeschlagen",
                           "{done} account(s) pulled, {failed} failed"),
    "schedule.pull_failed": ("{done} Konten abgerufen, {failed} fehlgeschlagen: {errors}",
                             "{done} account(s) pulled, {failed} failed: {errors}"),
    "schedule.account_failed": ("{account}: {message}", "{account}: {message}"),
    "schedule.joined": ("{first}; {then}", "{first}; {then}"),
    "schedule.crashed": ("{kind}: {error}", "{kind}: {error}"),
    "schedule.unknown_job": ("Unbekannter Auftrag: {job}", "Unknown job: {job}"),
    "schedule.bad_job": ("Unbekannter Auftrag oder Wochentag: {job}, {weekday}", "Unknown job or weekday: {job}, {weekday}"),
    # -- table.: headers and cells of tables and downloads --------------------------------------
    # The downloads as a council reads them (ui/downloads.py): buttons, the chart title, and a header
    # per column name the pages hand over that is not a metric (metrics: the registry's labels).
    "table.csv_help": (
        "Die Tabelle wie auf der Seite: deutsche Spaltennamen, gerundete Zahlen (Semikolon, Dezimalkomma)",
        "The table as on the page: English headers, rounded numbers (comma-separated)"),
    "table.xlsx_help": (
        "Die Tabelle wie auf der Seite als Excel-Datei: deutsche Spaltennamen, gerundete Zahlen",
        "The table as on the page as an Excel file: English headers, rounded numbers"),
    "table.raw": ("Rohdaten (CSV)", "Raw data (CSV)"),
    "table.raw_help": (
        "Für die Weiterverarbeitung: alle Spalten mit ihren internen Namen und voller Genauigkeit; Komma als "
        "Trennzeichen, Punkt als Dezimalzeichen, Datum nach ISO 8601, UTF-8",
        "For further processing: every column with its internal name and full precision; comma-separated, "
        "decimal point, ISO 8601 dates, UTF-8"),
    "table.raw_file": ("rohdaten", "raw"),
    "table.chart_title": ("{what} – {who}, {period}", "{what} – {who}, {period}"),
    "table.age_shares": ("Altersgruppen: Publikum und Einwohner", "Age groups: audience and inhabitants"),
    "table.header_unit": ("{label} in {unit}", "{label} in {unit}"),
    "table.xlsx_date": ("DD.MM.YYYY", "DD/MM/YYYY"),  # Excel number formats of date cells
    "table.xlsx_datetime": ("DD.MM.YYYY HH:MM", "DD/MM/YYYY HH:MM"),
    "table.yes": ("ja", "yes"),
    "table.no": ("nein", "no"),
    "table.rank": ("Rang", "Rank"),
    "table.ags": ("AGS (Gemeindeschlüssel)", "AGS (municipality key)"),
    "table.town": ("Gemeinde", "Municipality"),
    "table.name": ("Gemeinde (amtlicher Name)", "Municipality (official name)"),
    "table.inhabitants": ("Einwohner", "Inhabitants"),
    "table.accounts": ("Konten", "Accounts"),
    "table.account": ("Konto", "Account"),
    "table.platform": ("Plattform", "Platform"),
    "table.platform_label": ("Plattform", "Platform"),
    "table.followers_start": ("Follower am Anfang", "Followers at the start"),
    "table.followers_end": ("Follower am Ende", "Followers at the end"),
    "table.followers_end_day": ("Follower-Stand vom", "Follower count as of"),
    "table.followers_day": ("Follower-Stand vom", "Follower count as of"),
    "table.followers_source": ("Herkunft des Follower-Stands", "Source of the follower count"),
    "table.followers_at_post": ("Follower am Veröffentlichungstag", "Followers on the day of publishing"),
    "table.few_posts": ("Weniger als {n} Beiträge", "Fewer than {n} posts"),
    "table.no_account": ("Kein Konto", "No account"),
    "table.followers_unknown": ("Follower-Stand unbekannt", "Follower count unknown"),
    "table.over_100": ("Über 100 %", "Above 100 %"),
    "table.week_start": ("Wochenbeginn", "Week starting"),
    "table.days_covered": ("Tage mit Daten (von 7)", "Days with data (of 7)"),
    "table.published_at": ("Veröffentlicht", "Published"),
    "table.post_type": ("Beitragstyp", "Post type"),
    "table.message": ("Text", "Text"),
    "table.url": ("Link", "Link"),
    "table.first_activity_date": ("Aktiv seit", "Active since"),
    "table.last_data_date": ("Daten bis", "Data until"),
    "table.audience": ("Publikum", "Audience"),
    "table.as_of": ("Stand", "As of"),
    "table.age_group": ("Altersgruppe", "Age group"),
    "table.audience_share": ("Anteil am Publikum in %", "Share of the audience in %"),
    "table.audience_count": ("Publikum (Personen)", "Audience (people)"),
    "table.missing": ("Von der Plattform nicht angegeben", "Not reported by the platform"),
    "table.population": ("Einwohner der Altersgruppe", "Inhabitants of the age group"),
    "table.population_date": ("Stand der Einwohnerzahl", "Population as of"),
    "table.population_share": ("Anteil an den Einwohnern in %", "Share of the inhabitants in %"),
    "table.suppressed": ("Zu wenig Daten", "Too little data"),
    "table.estimate": ("Einwohnerzahl geschätzt", "Population estimated"),
    "table.interactions_mean": ("Interaktionen je Beitrag (Mittelwert)", "Mean interactions per post"),
    "table.share": ("Anteil der Beiträge in %", "Share of posts in %"),
    "table.weekday": ("Wochentag", "Weekday"),
    "table.hour": ("Stunde", "Hour"),
    "table.topic": ("Thema", "Topic"),
    "table.rate_posts": ("n (Beiträge mit Reichweite)", "n (posts with reach)"),
    # (end of table.)
}


def pick(pair: tuple[str, str], lang: str) -> str:
    """The element of a `(German, English)` pair for `lang` (German for anything but `en`)."""
    return pair[LANGS.index(lang)] if lang in LANGS else pair[0]


def text(key: str, lang: str, **values) -> str:
    """The catalogue text in a language, with `{placeholders}` filled from `values`."""
    chosen = pick(TEXTS[key], lang)
    return chosen.format(**values) if values else chosen


def known(key: str) -> bool:
    return key in TEXTS


class Message(str):
    """A sentence for people kept as a catalogue key with its values, rendered in the reader's
    language when shown: `Message("connector.files.zip_empty").text("en")`. Errors and notes of the
    connectors are Messages, so the English UI shows them in English, the CLI in `BUERGERNAH_LANG`,
    and notes stored with an import (as JSON, `to_json`/`from_json`) in the language the page is
    read in.

    A Message is its German text (a `str`: logs, `str()`, comparisons and tests see German) and
    keeps `key` and `values` for `text(lang)`. Values are text (shown as it is: names, ids, years),
    numbers (`1.234` / `1,234`; floats with one decimal unless whole), dates (`22.11.2026` /
    `22/11/2026`, analytics/fmt.py), lists (joined with commas) or Messages (in the same language).
    `Message.plain(text)` is text without a key, the same in every language (what an API or other
    code said, notes stored before messages had keys)."""

    key: str | None
    values: tuple[tuple[str, object], ...]

    def __new__(cls, key: str | None, /, **values) -> Message:
        frozen = tuple((name, _frozen(value)) for name, value in values.items())
        self = super().__new__(cls, _render(key, frozen, DEFAULT))
        self.key, self.values = key, frozen
        return self

    @classmethod
    def plain(cls, text_: str) -> Message:
        return cls(None, text=str(text_))

    def text(self, lang: str) -> str:
        return _render(self.key, self.values, lang if lang in LANGS else DEFAULT)

    def __repr__(self) -> str:
        return f"Message({self.key!r}, {dict(self.values)!r})"

    def __reduce__(self):  # pickled (Streamlit's caches) as key and values, not as the German text
        return _rebuilt, (self.key, self.values)

    def to_json(self) -> dict | str:
        """`{"key": …, "values": {…}}` (dates as `{"date": "2026-11-22"}`); a plain text as the string."""
        if self.key is None:
            return dict(self.values).get("text", "")
        found: dict = {"key": self.key}
        if self.values:
            found["values"] = {name: _encoded(value) for name, value in self.values}
        return found

    @classmethod
    def from_json(cls, stored) -> Message:
        """What `to_json` made; a string (stored before messages had keys) becomes a plain text."""
        if isinstance(stored, dict) and "key" in stored:
            return cls(stored["key"], **{n: _decoded(v) for n, v in (stored.get("values") or {}).items()})
        return cls.plain(stored if isinstance(stored, str) else json.dumps(stored, ensure_ascii=False))


def _rebuilt(key: str | None, values: tuple) -> Message:
    return Message(key, **dict(values))


def _render(key: str | None, values: tuple, lang: str) -> str:
    shown = {name: _shown(value, lang) for name, value in values}
    if key is None:
        return shown.get("text", "")
    if key not in TEXTS:  # a key of another version, stored with an import
        return " ".join([key, *shown.values()])
    return text(key, lang, **shown)


def to_column(message: Message | str | None) -> str | None:
    """A Message for a text column (`core.pull_runs.message`, `core.schedules.last_message`,
    `core.digest_sends.last_error`): a catalogue message as its JSON (`{"key": …}`), a plain text as
    it is, None as NULL."""
    if message is None:
        return None
    found = message.to_json() if isinstance(message, Message) else str(message)
    return found if isinstance(found, str) else json.dumps(found, ensure_ascii=False)


def from_column(stored) -> Message | None:
    """What `to_column` wrote, as a Message to render in the reader's language; a text stored before
    (or by an older version) as a plain text, shown as written; NULL as None."""
    if not isinstance(stored, str):
        return None
    if stored.startswith('{"key"'):
        try:
            return Message.from_json(json.loads(stored))
        except ValueError:
            pass
    return Message.plain(stored)


def joined(parts: list[Message], key: str) -> Message:
    """Messages one after the other as one Message, through a joining catalogue key with `{first}` and
    `{then}` (`"{first}; {then}"`): stored and shown as one, each part in the reader's language."""
    found = parts[-1] if parts else Message.plain("")
    for part in reversed(parts[:-1]):
        found = Message(key, first=part, then=found)
    return found


def env_lang() -> str:
    """The language where no page says one (the command line, cron jobs): `BUERGERNAH_LANG`, `de` by
    default, `en` for English."""
    wanted = os.environ.get("BUERGERNAH_LANG", DEFAULT).strip().lower()
    return wanted if wanted in LANGS else DEFAULT


def message_text(value, lang: str) -> str:
    """A Message, an exception carrying one (`ImportRejected`, `Forbidden`) or anything else as text."""
    if isinstance(value, Message):
        return value.text(lang)
    if hasattr(value, "text") and callable(value.text):
        return value.text(lang)
    if isinstance(value, BaseException) and value.args and isinstance(value.args[0], Message):
        return value.args[0].text(lang)
    return str(value)


def _frozen(value):
    if isinstance(value, list | tuple | set):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, bool | str | Message | date):  # datetime is a date
        return value
    if isinstance(value, numbers.Integral):  # numpy's too
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    return str(value)


def _shown(value, lang: str) -> str:
    if isinstance(value, Message):
        return value.text(lang)
    if isinstance(value, tuple):
        return ", ".join(_shown(v, lang) for v in value)
    if isinstance(value, bool | str):
        return str(value)
    if isinstance(value, int | float):
        from analytics import fmt  # late: fmt loads Babel and pandas

        return fmt.number(value, lang, 0 if float(value).is_integer() else 1)
    if isinstance(value, date):
        from analytics import fmt

        return fmt.day(value, lang)
    return str(value)


def _encoded(value):
    if isinstance(value, Message):
        return value.to_json()
    if isinstance(value, tuple):
        return [_encoded(v) for v in value]
    if isinstance(value, date):
        return {"date": value.isoformat()}
    return value


def _decoded(value):
    if isinstance(value, dict) and "key" in value:
        return Message.from_json(value)
    if isinstance(value, dict) and "date" in value:
        found = datetime.fromisoformat(value["date"])
        return found.date() if len(value["date"]) == 10 else found
    if isinstance(value, list):
        return tuple(_decoded(v) for v in value)
    return value
