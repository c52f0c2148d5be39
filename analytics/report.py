"""The council report: a town's social-media figures for a month, a quarter or any period, as a PDF
for a Sitzungsvorlage — the same code for the app's button and `python -m connectors report`.

Sections: cover (town, period, peer group, data as of); a one-page summary in plain German
sentences; KPIs per platform against the previous period of the same length; the peer comparison
per 1,000 inhabitants (median and interquartile band, the town marked by shape and name, so it
reads in black and white); the age-group representation index; top posts; an appendix with every
metric's formula and source and the imports the figures rest on. Unknown figures say „unbekannt“
with the reason, never 0. Charts are Vega-Lite rendered to SVG by vl-convert (vector), the PDF is
WeasyPrint's (HTML + CSS paged media: page numbers, title/author/language metadata). Every text
from files or users is escaped.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from html import escape

import pandas as pd

from analytics import age, benchmark, content, fmt, peers, platforms, sources
from analytics.metrics import METRICS, MIN_BUCKET_PEOPLE, MIN_POSTS_FOR_RATE
from analytics.store import Store

KPIS = ["followers_end", "followers_gained", "posts", "interactions", "reach", "views"]
KPI_LABELS = {"followers_end": "Follower (Ende)", "followers_gained": "Neue Follower", "posts": "Beiträge",
              "interactions": "Interaktionen", "reach": "Reichweite", "views": "Aufrufe"}
PEER_METRICS = ["followers_per_1k_inhabitants", "interactions_per_1k_inhabitants", "reach_per_1k_inhabitants"]
UNKNOWN_FOLLOWERS = "unbekannt (kein Follower-Stand: eintragen oder Datei mit Gesamtzahlen importieren)"
_PERIOD = re.compile(r"^(?P<y>\d{4})-(?:(?P<m>\d{2})|Q(?P<q>[1-4]))$")


def parse_period(text: str) -> tuple[date, date]:
    """`2026-10` (a month), `2026-Q3` (a quarter) or `2026-07-01..2026-09-30` (custom) → (first, last day)."""
    text = text.strip()
    try:
        if ".." in text:
            first, last = (date.fromisoformat(part.strip()) for part in text.split("..", 1))
        elif match := _PERIOD.match(text):
            year = int(match["y"])
            first_month, months = (int(match["m"]), 1) if match["m"] else ((int(match["q"]) - 1) * 3 + 1, 3)
            last_month = first_month + months - 1
            first = date(year, first_month, 1)
            last = date(year, last_month, calendar.monthrange(year, last_month)[1])
        else:
            raise ValueError
    except ValueError:
        raise ValueError(f"Zeitraum „{text}“ nicht erkannt: JJJJ-MM, JJJJ-Qn oder JJJJ-MM-TT..JJJJ-MM-TT.") from None
    if last < first:
        raise ValueError(f"Zeitraum „{text}“ endet vor seinem Beginn.")
    return first, last


def enclosing_period(day: date, span: str) -> tuple[date, date]:
    """The month (`span="month"`) or quarter (`"quarter"`) that contains `day`."""
    if span == "quarter":
        return parse_period(f"{day.year}-Q{(day.month - 1) // 3 + 1}")
    return parse_period(f"{day:%Y-%m}")


def period_label(start: date, end: date) -> str:
    months = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
              "November", "Dezember"]
    if start.day == 1 and end == date(end.year, end.month, calendar.monthrange(end.year, end.month)[1]):
        if (start.year, start.month) == (end.year, end.month):
            return f"{months[start.month - 1]} {start.year}"
        if start.year == end.year and start.month % 3 == 1 and end.month == start.month + 2:
            return f"{(start.month - 1) // 3 + 1}. Quartal {start.year}"
    return f"{fmt.day(start)} – {fmt.day(end)}"


# -- the figures ---------------------------------------------------------------------------


@dataclass
class Report:
    ags: str
    town: str
    start: date
    end: date
    group_id: str
    group_name: str
    data_as_of: date | None
    kpis: pd.DataFrame            # platform × KPI, with *_before columns (previous period)
    peers: pd.DataFrame           # benchmark.town_metrics of the group
    peer_stats: pd.DataFrame
    ages: pd.DataFrame            # age.age_distribution
    top: pd.DataFrame
    imports: pd.DataFrame
    summary: list[str] = field(default_factory=list)


def _town_group(ags: str) -> str:
    return f"gemeinde:{ags}"


def _platform_kpis(store: Store, ags: str, start: date, end: date) -> pd.DataFrame:
    rel = sources.relations(store)
    platforms = store.query_df(f"SELECT DISTINCT platform FROM {rel['accounts']} WHERE ags = ? ORDER BY platform",
                               [ags])["platform"].tolist()
    days = (end - start).days + 1
    before_start, before_end = start - timedelta(days=days), start - timedelta(days=1)
    gained_sql = (f"SELECT sum(followers_gained) FROM {rel['daily']} "
                  "WHERE ags = ? AND platform = ? AND day BETWEEN ? AND ?")
    rows = []
    for platform in platforms:
        now = benchmark.town_metrics(store, _town_group(ags), start, end, platform).iloc[0]
        before = benchmark.town_metrics(store, _town_group(ags), before_start, before_end, platform).iloc[0]
        gained = store.query_value(gained_sql, [ags, platform, start, end])
        gained_before = store.query_value(gained_sql, [ags, platform, before_start, before_end])
        rows.append({
            "platform": platform,
            **{k: now.get(k) for k in ("followers_end", "posts", "interactions", "reach", "views")},
            "followers_gained": gained,
            **{f"{k}_before": before.get(k) for k in ("followers_end", "posts", "interactions", "reach", "views")},
            "followers_gained_before": gained_before,
            "followers_unknown": bool(now.get("followers_unknown")),
        })
    return pd.DataFrame(rows)


def gather(store: Store, ags: str, start: date, end: date, group_id: str | None = None) -> Report:
    """Everything the report shows, from the analytics queries the pages use."""
    town_row = store.query_df("SELECT name, kreis_ags FROM mart.municipalities WHERE ags = ?", [ags])
    if town_row.empty:
        raise ValueError(f"Unbekannter Gemeindeschlüssel (AGS) „{ags}“.")
    town = town_row.iloc[0]["name"].split(",")[0]
    group_id = group_id or f"kreis:{town_row.iloc[0]['kreis_ags']}"
    groups = peers.groups(store)
    named = groups.set_index("group_id")["name"].to_dict()
    group_name = named.get(group_id) or group_id
    towns = benchmark.town_metrics(store, group_id, start, end)
    if ags not in set(towns["ags"]):
        raise ValueError(f"Vergleichsgruppe „{group_id}“ gibt es nicht oder {town} gehört nicht dazu.")
    towns = towns.assign(town=towns["name"].str.split(",").str[0])
    rel = sources.relations(store)
    as_of = store.query_value(   # the last day the town's data covers, up to the period's end
        f"SELECT max(day) FROM (SELECT max(day) AS day FROM {rel['daily']} WHERE ags = $a AND day <= $e "
        f"UNION ALL SELECT max(day) FROM {rel['posts']} WHERE ags = $a AND day <= $e)", {"a": ags, "e": end})
    imports = store.query_df(
        """
        WITH mine AS (
            SELECT import_id, min(day) AS first, max(day) AS last FROM (
                SELECT d.import_id, d.day FROM core.daily_values d JOIN core.accounts a USING (account_key) WHERE a.ags = $a
                UNION ALL SELECT s.import_id, CAST(timezone('Europe/Berlin', s.published_at) AS DATE)
                FROM core.post_snapshots s JOIN core.accounts a USING (account_key) WHERE a.ags = $a
                UNION ALL SELECT v.import_id, v.as_of FROM core.audience_values v JOIN core.accounts a USING (account_key)
                WHERE a.ags = $a)
            GROUP BY import_id)
        SELECT i.import_id, i.file_name, i.platform, i.format, m.first, m.last, i.imported_by, i.imported_at
        FROM mart.imports i JOIN mine m USING (import_id)
        WHERE i.status = 'imported' AND m.first <= $e AND m.last >= $s
        ORDER BY i.imported_at
        """, {"a": ags, "s": start, "e": end})
    report = Report(
        ags=ags, town=town, start=start, end=end, group_id=group_id, group_name=group_name,
        data_as_of=pd.Timestamp(as_of).date() if as_of is not None else None,
        kpis=_platform_kpis(store, ags, start, end), peers=towns,
        peer_stats=benchmark.group_stats(towns).set_index("metric"),
        ages=age.age_distribution(store, ags), top=content.top_posts(store, ags, start, end, limit=5),
        imports=imports,
    )
    report.summary = summary(report)
    return report


# -- sentences -----------------------------------------------------------------------------


def _change(now, before) -> str:
    if pd.isna(now) or pd.isna(before):
        return ""
    if before == 0:
        return f" (Vorzeitraum: {fmt.number(before)})"
    pct = (now - before) / before
    word = "mehr" if pct > 0 else "weniger"
    return f" ({fmt.number(abs(pct) * 100)} % {word} als im Vorzeitraum)" if abs(pct) >= 0.005 else " (wie im Vorzeitraum)"


def summary(r: Report) -> list[str]:
    """The one-page summary: plain German sentences, each figure with its context."""
    lines = []
    for row in r.kpis.itertuples():
        name = platforms.label(row.platform)
        posts = int(row.posts or 0)
        if posts == 0:
            lines.append(f"Auf {name} erschien im Zeitraum kein Beitrag.")
            continue
        sentence = f"Auf {name} erschienen {fmt.number(posts)} Beiträge{_change(posts, row.posts_before)}"
        if pd.notna(row.interactions):
            sentence += f"; sie erhielten {fmt.number(row.interactions)} Interaktionen{_change(row.interactions, row.interactions_before)}"
        lines.append(sentence + ".")
        if pd.isna(row.followers_end):
            lines.append(f"Die Follower-Zahl auf {name} ist unbekannt: kein Follower-Stand liegt vor "
                         "(eintragen unter „Daten importieren“ oder eine Datei mit Gesamtzahlen importieren).")
        elif pd.notna(row.followers_end_before):
            diff = row.followers_end - row.followers_end_before
            verb = "wuchs" if diff > 0 else "sank" if diff < 0 else "blieb"
            amount = f" um {fmt.number(abs(diff))}" if diff else " gleich"
            lines.append(f"Die Follower-Zahl auf {name} {verb}{amount} auf {fmt.number(row.followers_end)}.")
        else:
            lines.append(f"Auf {name} folgen {fmt.number(row.followers_end)} Konten (Stand Periodenende).")
    me = r.peers.set_index("ags").loc[r.ags] if r.ags in set(r.peers["ags"]) else None
    for metric_id in PEER_METRICS[:2]:
        label = METRICS[metric_id].label("de")
        stats = r.peer_stats.loc[metric_id]
        if me is None or pd.isna(me[metric_id]):
            why = "ohne bekannten Follower-Stand" if metric_id.startswith("followers") else "ohne Daten im Zeitraum"
            lines.append(f"Bei „{label}“ ist {r.town} {why} und wird in der Gruppe nicht eingeordnet.")
            continue
        ranked = benchmark.ranked(r.peers, metric_id).set_index("ags")
        rank, n = ranked.at[r.ags, "rank"], int(stats["n"])
        lines.append(f"Bei „{label}“ liegt {r.town} mit {fmt.number(me[metric_id], decimals=1)} auf Rang {rank} von "
                     f"{n} in der Gruppe „{r.group_name}“ (Median {fmt.number(stats['median'], decimals=1)}).")
    for key, rows in _age_blocks(r.ages):
        sentence = age.finding(rows, platforms.label(key[0]), "de")
        if sentence:
            lines.append(sentence)
    return lines


def _age_blocks(ages: pd.DataFrame):
    if ages.empty:
        return []
    return list(ages.groupby(["platform", "account_key", "audience"], sort=True))


# -- charts --------------------------------------------------------------------------------


def peer_chart(r: Report, metric_id: str) -> str | None:
    """The group per 1,000 inhabitants: one labelled row per town, band and median; the town is a
    black diamond with its name in bold (not told apart by colour)."""
    import vl_convert as vlc

    plot = r.peers.dropna(subset=[metric_id])
    if plot.empty:
        return None
    stats = r.peer_stats.loc[metric_id]
    many = len(plot) > 25
    if many:  # large groups: the town, the 5 towns around the median and the best and worst
        order = plot.sort_values(metric_id)
        keep = set(order["ags"].head(2)) | set(order["ags"].tail(2)) | {r.ags}
        plot = plot[plot["ags"].isin(keep)]
    data = [{"town": t, "value": float(v), "me": a == r.ags,
             "label": fmt.number(v, decimals=1)} for a, t, v in zip(plot["ags"], plot["town"], plot[metric_id], strict=True)]
    sort = [d["town"] for d in sorted(data, key=lambda d: -d["value"])]
    title = METRICS[metric_id].label("de")
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json", "width": 430, "height": max(60, 22 * len(data)),
        "title": {"text": title, "anchor": "start", "fontSize": 12},
        "layer": [
            {"data": {"values": [{"q25": stats["q25"], "q75": stats["q75"]}]}, "mark": {"type": "rect", "color": "#d9d9d9"},
             "encoding": {"x": {"field": "q25", "type": "quantitative"}, "x2": {"field": "q75"}}},
            {"data": {"values": [{"median": stats["median"]}]}, "mark": {"type": "rule", "color": "#000", "strokeDash": [4, 2]},
             "encoding": {"x": {"field": "median", "type": "quantitative"}}},
            {"data": {"values": data}, "mark": {"type": "point", "filled": True, "size": 90},
             "encoding": {
                 "y": {"field": "town", "type": "nominal", "sort": sort, "title": None},
                 "x": {"field": "value", "type": "quantitative", "title": f"{title} (Median gestrichelt, Band: 25.–75. Perzentil)"},
                 "shape": {"condition": {"test": "datum.me", "value": "diamond"}, "value": "circle"},
                 "color": {"condition": {"test": "datum.me", "value": "#000000"}, "value": "#7f7f7f"}}},
            {"data": {"values": data}, "mark": {"type": "text", "align": "left", "dx": 8, "fontSize": 9},
             "encoding": {"y": {"field": "town", "type": "nominal", "sort": sort}, "x": {"field": "value", "type": "quantitative"},
                          "text": {"field": "label"},
                          "fontWeight": {"condition": {"test": "datum.me", "value": "bold"}, "value": "normal"}}},
        ],
        "config": {"font": "DejaVu Sans", "axis": {"labelFontSize": 9, "titleFontSize": 9},
                   "axisY": {"labelFontWeight": "normal"}},
    }
    return vlc.vegalite_to_svg(spec, format_locale="de-DE", time_format_locale="de-DE")


def age_chart(rows: pd.DataFrame, title: str) -> str | None:
    """Representation index per age group: bars from 1 (as strongly as in the population)."""
    import vl_convert as vlc

    usable = rows.dropna(subset=["index"])
    if usable.empty:
        return None
    data = [{"group": g, "index": float(i), "label": fmt.number(i, decimals=2)}
            for g, i in zip(usable["age_group"], usable["index"], strict=True)]
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json", "width": 430, "height": 150,
        "title": {"text": title, "anchor": "start", "fontSize": 12},
        "layer": [
            {"data": {"values": data}, "mark": {"type": "bar", "color": "#595959"},
             "encoding": {"x": {"field": "group", "type": "ordinal", "title": "Altersgruppe", "sort": None,
                                "axis": {"labelAngle": 0}},
                          "y": {"field": "index", "type": "quantitative", "title": "Index (1 = wie Bevölkerung)"},
                          "y2": {"datum": 1}}},
            {"data": {"values": data}, "mark": {"type": "text", "dy": -6, "fontSize": 9},
             "encoding": {"x": {"field": "group", "type": "ordinal", "sort": None},
                          "y": {"field": "index", "type": "quantitative"}, "text": {"field": "label"}}},
            {"mark": {"type": "rule", "color": "#000"}, "encoding": {"y": {"datum": 1}}},
        ],
        "config": {"font": "DejaVu Sans", "axis": {"labelFontSize": 9, "titleFontSize": 9}},
    }
    return vlc.vegalite_to_svg(spec, format_locale="de-DE", time_format_locale="de-DE")


# -- HTML and PDF --------------------------------------------------------------------------

CSS = """
@page { size: A4; margin: 20mm 18mm 22mm 18mm;
        @bottom-center { content: "Seite " counter(page) " von " counter(pages); font: 8pt "DejaVu Sans"; color: #444; }
        @bottom-left { content: string(town); font: 8pt "DejaVu Sans"; color: #444; } }
@page cover { @bottom-center { content: none; } @bottom-left { content: none; } }
body { font-family: "DejaVu Sans", sans-serif; font-size: 9.5pt; color: #000; line-height: 1.4; }
.cover { page: cover; page-break-after: always; padding-top: 60mm; }
.cover h1 { font-size: 26pt; margin: 0 0 6mm 0; string-set: town content(); }
.cover p { font-size: 12pt; margin: 2mm 0; }
h2 { font-size: 14pt; margin: 0 0 4mm 0; border-bottom: 1px solid #000; padding-bottom: 1mm; }
h3 { font-size: 11pt; margin: 5mm 0 2mm 0; }
section { page-break-before: always; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm 0; }
th, td { border-bottom: 0.5pt solid #999; padding: 1.2mm 1.5mm; text-align: left; vertical-align: top; }
th { border-bottom: 1pt solid #000; font-weight: bold; }
td.n, th.n { text-align: right; white-space: nowrap; }
.small { font-size: 8pt; color: #333; }
.summary li { margin-bottom: 2mm; }
svg { max-width: 100%; height: auto; }
"""


def _cell(value, *, decimals: int = 0, unknown: str = "unbekannt") -> str:
    return escape(fmt.number(value, decimals=decimals, missing=unknown))


def _delta(now, before) -> str:
    if pd.isna(now) or pd.isna(before):
        return "–"
    return escape(fmt.signed(now - before) or "–")


def html(r: Report) -> str:
    """The report as one HTML document for WeasyPrint."""
    period = period_label(r.start, r.end)
    parts = [f"""<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>Social-Media-Bericht {escape(r.town)} – {escape(period)}</title>
<meta name="author" content="Bürgernah"><meta name="description" content="Social-Media-Kennzahlen für den Rat">
<meta name="generator" content="Bürgernah"><style>{CSS}</style></head><body>
<div class="cover"><h1>{escape(r.town)}</h1>
<p><b>Social-Media-Bericht für den Rat</b></p>
<p>Zeitraum: {escape(period)} ({fmt.day(r.start)} – {fmt.day(r.end)})</p>
<p>Vergleichsgruppe: {escape(r.group_name)} ({len(r.peers)} Gemeinden)</p>
<p>Datenstand: {escape(fmt.day(r.data_as_of)) if r.data_as_of else "keine Daten im Zeitraum"}</p>
<p class="small">Erstellt mit Bürgernah am {fmt.day(date.today())}. Alle Zahlen aus den importierten Exporten und
Abrufen der Plattformen; Definitionen und Quellen im Anhang.</p></div>"""]

    parts.append('<section><h2>Zusammenfassung</h2><ul class="summary">')
    parts += [f"<li>{escape(line)}</li>" for line in r.summary] or ["<li>Für den Zeitraum liegen keine Daten vor.</li>"]
    parts.append("</ul>")
    few = r.kpis[(r.kpis["posts"].fillna(0) > 0) & (r.kpis["posts"].fillna(0) < MIN_POSTS_FOR_RATE)]
    if not few.empty:
        names = ", ".join(platforms.label(p) for p in few["platform"])
        parts.append(f'<p class="small">Wenige Beiträge ({escape(names)}: unter {MIN_POSTS_FOR_RATE}): Raten dort nur '
                     "mit Vorsicht vergleichen.</p>")
    parts.append("</section>")

    parts.append("<section><h2>Kennzahlen je Plattform</h2>"
                 f'<p class="small">Veränderung gegenüber dem Vorzeitraum gleicher Länge '
                 f"({fmt.day(r.start - timedelta(days=(r.end - r.start).days + 1))} – {fmt.day(r.start - timedelta(days=1))}).</p>"
                 "<table><tr><th>Plattform</th>" + "".join(f'<th class="n">{escape(KPI_LABELS[k])}</th>' for k in KPIS)
                 + "</tr>")
    for row in r.kpis.to_dict("records"):
        cells = []
        for k in KPIS:
            unknown = "unbekannt" if k == "followers_end" else "–"
            cells.append(f'<td class="n">{_cell(row[k], unknown=unknown)}<br><span class="small">'
                         f"{_delta(row[k], row[f'{k}_before'])}</span></td>")
        parts.append(f"<tr><td>{escape(platforms.label(row['platform']))}</td>{''.join(cells)}</tr>")
    parts.append("</table>")
    if r.kpis["followers_end"].isna().any():
        parts.append(f'<p class="small">Follower „unbekannt“: {escape(UNKNOWN_FOLLOWERS)}.</p>')
    parts.append("</section>")

    parts.append(f"<section><h2>Vergleich je 1.000 Einwohner</h2><p>Gruppe „{escape(r.group_name)}“, "
                 f"{len(r.peers)} Gemeinden. {escape(r.town)} ist die schwarze Raute.</p>")
    for metric_id in PEER_METRICS:
        svg = peer_chart(r, metric_id)
        stats = r.peer_stats.loc[metric_id]
        if svg:
            parts.append(f'<div role="img" aria-label="{escape(METRICS[metric_id].label("de"))}">{_inline(svg)}</div>')
            parts.append(f'<p class="small">n = {int(stats["n"])}; Median {fmt.number(stats["median"], decimals=1)}; '
                         f'Band {fmt.number(stats["q25"], decimals=1)} – {fmt.number(stats["q75"], decimals=1)}.</p>')
    unknown = benchmark.without_followers(r.peers)
    if unknown:
        parts.append(f'<p class="small">Ohne bekannten Follower-Stand (nicht eingeordnet): {escape(", ".join(unknown))}.</p>')
    parts.append("</section>")

    parts.append("<section><h2>Altersgruppen</h2><p>Welche Altersgruppen jeder Kanal im Verhältnis zur "
                 "Bevölkerung erreicht (Index 1 = so stark wie ihr Anteil an den Einwohnern; nur innerhalb der "
                 "Altersspanne der Plattform).</p>")
    blocks = _age_blocks(r.ages)
    for (platform, _, audience), rows in blocks:
        title = f"{platforms.label(platform)} – " + {"followers": "Follower", "viewers": "Zuschauer"}.get(
            audience, audience)
        svg = age_chart(rows, title)
        if svg:
            parts.append(f'<div role="img" aria-label="{escape(title)}">{_inline(svg)}</div>')
        else:
            parts.append(f"<h3>{escape(title)}</h3><p>Zu wenig Daten (unter {MIN_BUCKET_PEOPLE} Personen je Gruppe).</p>")
    if not blocks:
        parts.append("<p>Keine Altersdaten importiert (z. B. Meta „Audience.csv“, YouTube-Zuschaueralter).</p>")
    parts.append("</section>")

    parts.append("<section><h2>Top-Beiträge</h2>")
    if r.top.empty:
        parts.append("<p>Keine Beiträge im Zeitraum.</p>")
    else:
        parts.append('<table><tr><th>Datum</th><th>Plattform</th><th>Text</th><th class="n">Interaktionen</th>'
                     '<th class="n">Reichweite</th></tr>')
        for row in r.top.itertuples():
            text = (row.message or "").strip().replace("\n", " ")
            text = text[:140] + ("…" if len(text) > 140 else "")
            parts.append(f"<tr><td>{fmt.day(row.published_at.tz_convert('Europe/Berlin'))}</td>"
                         f"<td>{escape(platforms.label(row.platform))}</td><td>{escape(text)}</td>"
                         f'<td class="n">{_cell(row.interactions, unknown="–")}</td>'
                         f'<td class="n">{_cell(row.reach, unknown="–")}</td></tr>')
        parts.append("</table>")
    parts.append("</section>")

    parts.append("<section><h2>Anhang: Definitionen und Quellen</h2><table><tr><th>Kennzahl</th><th>Einheit</th>"
                 "<th>Formel</th><th>Quelle der Definition</th></tr>")
    for metric_id in ["followers", "followers_gained", "posts", "interactions", "reach", "views", *PEER_METRICS,
                      "age_representation_index"]:
        m = METRICS[metric_id]
        parts.append(f"<tr><td>{escape(m.label('de'))}</td><td>{escape(m.unit_text('de'))}</td>"
                     f"<td>{escape(m.formula_text('de'))}</td><td>{escape(m.source_text('de'))}</td></tr>")
    parts.append("</table><h3>Importe, auf denen die Zahlen beruhen</h3>")
    if r.imports.empty:
        parts.append("<p>Keine.</p>")
    else:
        parts.append("<table><tr><th>Datei</th><th>Plattform</th><th>Zeitraum</th><th>Importiert von</th>"
                     "<th>am</th></tr>")
        for row in r.imports.itertuples():
            parts.append(f"<tr><td>{escape(row.file_name)}</td><td>{escape(platforms.label(row.platform))}</td>"
                         f"<td>{fmt.day(row.first)} – {fmt.day(row.last)}</td><td>{escape(row.imported_by or '–')}</td>"
                         f"<td>{fmt.day(row.imported_at)}</td></tr>")
        parts.append("</table>")
    parts.append('<p class="small">Einwohnerzahlen: Statistisches Bundesamt (Destatis), GV-ISys, Stand 31.12.2023; '
                 "Datenlizenz Deutschland – Namensnennung 2.0.</p></section></body></html>")
    return "\n".join(parts)


def _inline(svg: str) -> str:
    """vl-convert's SVG without its XML prolog, for inlining into the HTML."""
    return re.sub(r"^<\?xml[^>]*>\s*", "", svg)


def council_report_pdf(store: Store, ags: str, start: date, end: date, *, group_id: str | None = None,
                       lang: str = "de") -> bytes:
    """The council report as PDF bytes (German; `lang` is reserved for the English edition)."""
    from weasyprint import HTML

    return HTML(string=html(gather(store, ags, start, end, group_id))).write_pdf()
