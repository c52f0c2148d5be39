"""The one translation catalogue: every text Bürgernah's pages, charts, tables, messages and
downloads show, German first, English through the language switch (`?lang=en`).

`TEXTS` maps a key to its `(German, English)` pair. Keys are grouped by where the text appears,
with a prefix: `app.` (the frame: login, navigation, database), `common.` (shared by several
pages), `filters.`, `downloads.`, `uploader.`, `format.` (date patterns of widgets and charts),
`file.` (download names), one prefix per page (`wochenbericht.`, `vergleich.`, …), `peers.` and
`metric.` (the registry's sources and denominators). `{placeholders}` are filled by `text()`.

Streamlit-free, so analytics/ and connectors/ use it too; ui/i18n.py adds the session's language.
tests/app/test_i18n.py checks that every entry has both languages and the same placeholders.
"""

from __future__ import annotations

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
    # `hint.token.<name>`: the `token_hint` of the API source `<name>` (connectors/api SOURCES).
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
    # (end of report. and digest.)
    # -- table.: headers and cells of tables and downloads --------------------------------------
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
