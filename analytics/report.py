"""The council report: a town's social-media figures for a month, a quarter or any period, as a PDF
for a Sitzungsvorlage — the same code for the app's button and `python -m connectors report`.

Sections: cover (town, period, peer group, data as of); a one-page summary in plain sentences; KPIs per platform against the previous period of the same length; the peer comparison
per 1,000 inhabitants (median and interquartile band, the town marked by shape and name, so it
reads in black and white); the age-group representation index; top posts; an appendix with every
metric's formula and source and the imports the figures rest on. Unknown figures say „unbekannt“
with the reason, never 0. German (`lang="de"`) or English (`"en"`) throughout: every text from the
catalogue (analytics/i18n.py, `report.`), metric texts from the registry, numbers, dates and chart
axes in the language's format, `<html lang>` and so the PDF's /Lang. Charts are Vega-Lite rendered to SVG by vl-convert (vector), the PDF is
WeasyPrint's (HTML + CSS paged media: page numbers, title/author/language metadata). Every text
from files or users is escaped.
"""

from __future__ import annotations

import calendar
import json
import re
import string
from dataclasses import dataclass, field
from datetime import date, timedelta
from html import escape

import pandas as pd
from babel.dates import format_date

from analytics import age, benchmark, content, fmt, peers, platforms, sources
from analytics.i18n import LANGS, text
from analytics.metrics import METRICS, MIN_BUCKET_PEOPLE, MIN_POSTS_FOR_RATE
from analytics.store import Store

KPIS = ["followers_end", "followers_gained", "posts", "interactions", "reach", "views"]
PEER_METRICS = ["followers_per_1k_inhabitants", "interactions_per_1k_inhabitants", "reach_per_1k_inhabitants"]
_PERIOD = re.compile(r"^(?P<y>\d{4})-(?:(?P<m>\d{2})|Q(?P<q>[1-4]))$")
CHART_LOCALES = {"de": "de-DE", "en": "en-US"}  # d3's number and time formats of the charts


def kpi_label(kpi: str, lang: str = "de") -> str:
    return text(f"report.kpi.{kpi}", lang)


def parse_period(period: str, lang: str = "de") -> tuple[date, date]:
    """`2026-10` (a month), `2026-Q3` (a quarter) or `2026-07-01..2026-09-30` (custom) → (first, last day)."""
    period = period.strip()
    try:
        if ".." in period:
            first, last = (date.fromisoformat(part.strip()) for part in period.split("..", 1))
        elif match := _PERIOD.match(period):
            year = int(match["y"])
            first_month, months = (int(match["m"]), 1) if match["m"] else ((int(match["q"]) - 1) * 3 + 1, 3)
            last_month = first_month + months - 1
            first = date(year, first_month, 1)
            last = date(year, last_month, calendar.monthrange(year, last_month)[1])
        else:
            raise ValueError
    except ValueError:
        raise ValueError(text("report.period_unknown", lang, period=period)) from None
    if last < first:
        raise ValueError(text("report.period_reversed", lang, period=period))
    return first, last


def enclosing_period(day: date, span: str) -> tuple[date, date]:
    """The month (`span="month"`) or quarter (`"quarter"`) that contains `day`."""
    if span == "quarter":
        return parse_period(f"{day.year}-Q{(day.month - 1) // 3 + 1}")
    return parse_period(f"{day:%Y-%m}")


def period_label(start: date, end: date, lang: str = "de") -> str:
    """`Oktober 2026` / `October 2026`, `3. Quartal 2026` / `Q3 2026`, else the two days."""
    if start.day == 1 and end == date(end.year, end.month, calendar.monthrange(end.year, end.month)[1]):
        if (start.year, start.month) == (end.year, end.month):
            return format_date(start, "LLLL y", locale=fmt.LOCALES.get(lang, fmt.LOCALES["de"]))
        if start.year == end.year and start.month % 3 == 1 and end.month == start.month + 2:
            return text("report.quarter", lang, n=(start.month - 1) // 3 + 1, year=start.year)
    return f"{fmt.day(start, lang)} – {fmt.day(end, lang)}"


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
    lang: str = "de"              # the edition: de | en


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


def gather(store: Store, ags: str, start: date, end: date, group_id: str | None = None, lang: str = "de") -> Report:
    """Everything the report shows, from the analytics queries the pages use (names of derived peer
    groups, the summary and the errors in `lang`)."""
    lang = lang if lang in LANGS else "de"
    town_row = store.query_df("SELECT name, kreis_ags FROM mart.municipalities WHERE ags = ?", [ags])
    if town_row.empty:
        raise ValueError(text("report.unknown_ags", lang, ags=ags))
    town = town_row.iloc[0]["name"].split(",")[0]
    group_id = group_id or f"kreis:{town_row.iloc[0]['kreis_ags']}"
    groups = peers.groups(store, lang)
    named = groups.set_index("group_id")["name"].to_dict()
    group_name = named.get(group_id) or group_id
    towns = benchmark.town_metrics(store, group_id, start, end)
    if ags not in set(towns["ags"]):
        raise ValueError(text("report.not_in_group", lang, group=group_id, town=town))
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
        imports=imports, lang=lang,
    )
    report.summary = summary(report)
    return report


# -- sentences -----------------------------------------------------------------------------


def _change(now, before, lang: str = "de") -> str:
    if pd.isna(now) or pd.isna(before):
        return ""
    if before == 0:
        return text("report.change.before", lang, n=fmt.number(before, lang))
    pct = (now - before) / before
    if abs(pct) < 0.005:
        return text("report.change.same", lang)
    return text("report.change.more" if pct > 0 else "report.change.less", lang, pct=fmt.number(abs(pct) * 100, lang))


def summary(r: Report) -> list[str]:
    """The one-page summary: plain sentences in the report's language, each figure with its context."""
    lang, lines = r.lang, []
    n = lambda value, decimals=0: fmt.number(value, lang, decimals)  # noqa: E731
    for row in r.kpis.itertuples():
        name = platforms.label(row.platform)
        posts = int(row.posts or 0)
        if posts == 0:
            lines.append(text("report.line.no_post", lang, platform=name))
            continue
        sentence = text("report.line.posts", lang, platform=name, n=n(posts),
                        change=_change(posts, row.posts_before, lang))
        if pd.notna(row.interactions):
            sentence += text("report.line.interactions", lang, n=n(row.interactions),
                             change=_change(row.interactions, row.interactions_before, lang))
        lines.append(sentence + ".")
        if pd.isna(row.followers_end):
            lines.append(text("report.line.followers_unknown", lang, platform=name))
        elif pd.notna(row.followers_end_before):
            diff = row.followers_end - row.followers_end_before
            key = "grew" if diff > 0 else "fell" if diff < 0 else "same"
            lines.append(text(f"report.line.followers_{key}", lang, platform=name, diff=n(abs(diff)),
                              n=n(row.followers_end)))
        else:
            lines.append(text("report.line.followers_now", lang, platform=name, n=n(row.followers_end)))
    me = r.peers.set_index("ags").loc[r.ags] if r.ags in set(r.peers["ags"]) else None
    for metric_id in PEER_METRICS[:2]:
        label = METRICS[metric_id].label(lang)
        stats = r.peer_stats.loc[metric_id]
        if me is None or pd.isna(me[metric_id]):
            why = "followers" if metric_id.startswith("followers") else "data"
            lines.append(text(f"report.line.unranked_{why}", lang, metric=label, town=r.town))
            continue
        ranked = benchmark.ranked(r.peers, metric_id).set_index("ags")
        rank = ranked.at[r.ags, "rank"]
        lines.append(text("report.line.rank", lang, metric=label, town=r.town, value=n(me[metric_id], 1), rank=rank,
                          n=int(stats["n"]), group=r.group_name, median=n(stats["median"], 1)))
    for key, rows in _age_blocks(r.ages):
        sentence = age.finding(rows, platforms.label(key[0]), lang)
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
             "label": fmt.number(v, r.lang, decimals=1)} for a, t, v in zip(plot["ags"], plot["town"], plot[metric_id], strict=True)]
    sort = [d["town"] for d in sorted(data, key=lambda d: -d["value"])]
    title = METRICS[metric_id].label(r.lang)
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
                 "x": {"field": "value", "type": "quantitative", "title": text("report.chart.peer_axis", r.lang, metric=title)},
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
    locale = CHART_LOCALES[r.lang]
    return vlc.vegalite_to_svg(spec, format_locale=locale, time_format_locale=locale)


def age_chart(rows: pd.DataFrame, title: str, lang: str = "de") -> str | None:
    """Representation index per age group: bars from 1 (as strongly as in the population)."""
    import vl_convert as vlc

    usable = rows.dropna(subset=["index"])
    if usable.empty:
        return None
    data = [{"group": g, "index": float(i), "label": fmt.number(i, lang, decimals=2)}
            for g, i in zip(usable["age_group"], usable["index"], strict=True)]
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json", "width": 430, "height": 150,
        "title": {"text": title, "anchor": "start", "fontSize": 12},
        "layer": [
            {"data": {"values": data}, "mark": {"type": "bar", "color": "#595959"},
             "encoding": {"x": {"field": "group", "type": "ordinal", "title": text("report.chart.age_group", lang),
                                "sort": None, "axis": {"labelAngle": 0}},
                          "y": {"field": "index", "type": "quantitative", "title": text("report.chart.index", lang)},
                          "y2": {"datum": 1}}},
            {"data": {"values": data}, "mark": {"type": "text", "dy": -6, "fontSize": 9},
             "encoding": {"x": {"field": "group", "type": "ordinal", "sort": None},
                          "y": {"field": "index", "type": "quantitative"}, "text": {"field": "label"}}},
            {"mark": {"type": "rule", "color": "#000"}, "encoding": {"y": {"datum": 1}}},
        ],
        "config": {"font": "DejaVu Sans", "axis": {"labelFontSize": 9, "titleFontSize": 9}},
    }
    locale = CHART_LOCALES.get(lang, CHART_LOCALES["de"])
    return vlc.vegalite_to_svg(spec, format_locale=locale, time_format_locale=locale)


# -- HTML and PDF --------------------------------------------------------------------------

CSS = string.Template("""
@page { size: A4; margin: 20mm 18mm 22mm 18mm;
        @bottom-center { content: $page_footer; font: 8pt "DejaVu Sans"; color: #444; }
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
""")


def css(lang: str = "de") -> str:
    """The style sheet, with the page footer „Seite 2 von 9“ / "Page 2 of 9" in the language."""
    def quoted(words: str) -> str:
        return json.dumps(words, ensure_ascii=False)

    footer = (f"{quoted(text('report.page', lang) + ' ')} counter(page) {quoted(' ' + text('report.of', lang) + ' ')} "
              "counter(pages)")
    return CSS.substitute(page_footer=footer)


def _cell(value, lang: str = "de", *, decimals: int = 0, unknown: str = "–") -> str:
    return escape(fmt.number(value, lang, decimals=decimals, missing=unknown))


def _delta(now, before, lang: str = "de") -> str:
    if pd.isna(now) or pd.isna(before):
        return "–"
    return escape(fmt.signed(now - before, lang) or "–")


def html(r: Report) -> str:
    """The report as one HTML document for WeasyPrint, in the report's language (`r.lang`)."""
    lang = r.lang

    def t(key: str, **values) -> str:  # catalogue text, HTML-escaped (values too)
        return escape(text(key, lang, **values))

    def day(value) -> str:
        return fmt.day(value, lang)

    def n(value, decimals: int = 0) -> str:
        return fmt.number(value, lang, decimals)

    period = period_label(r.start, r.end, lang)
    parts = [f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<title>{t("report.title", town=r.town, period=period)}</title>
<meta name="author" content="Bürgernah"><meta name="description" content="{t("report.description")}">
<meta name="generator" content="Bürgernah"><style>{css(lang)}</style></head><body>
<div class="cover"><h1>{escape(r.town)}</h1>
<p><b>{t("report.cover")}</b></p>
<p>{t("report.cover.period", label=period, first=day(r.start), last=day(r.end))}</p>
<p>{t("report.cover.group", group=r.group_name, n=len(r.peers))}</p>
<p>{t("report.cover.as_of", day=day(r.data_as_of) if r.data_as_of else text("report.cover.no_data", lang))}</p>
<p class="small">{t("report.cover.made", day=day(date.today()))}</p></div>"""]

    parts.append(f'<section><h2>{t("report.summary")}</h2><ul class="summary">')
    parts += [f"<li>{escape(line)}</li>" for line in r.summary] or [f"<li>{t('report.summary.none')}</li>"]
    parts.append("</ul>")
    few = r.kpis[(r.kpis["posts"].fillna(0) > 0) & (r.kpis["posts"].fillna(0) < MIN_POSTS_FOR_RATE)]
    if not few.empty:
        names = ", ".join(platforms.label(p) for p in few["platform"])
        parts.append(f'<p class="small">{t("report.summary.few_posts", platforms=names, n=MIN_POSTS_FOR_RATE)}</p>')
    parts.append("</section>")

    before_start, before_end = r.start - timedelta(days=(r.end - r.start).days + 1), r.start - timedelta(days=1)
    parts.append(f"<section><h2>{t('report.kpis')}</h2>"
                 f'<p class="small">{t("report.kpis.change", first=day(before_start), last=day(before_end))}</p>'
                 f"<table><tr><th>{t('report.kpis.platform')}</th>"
                 + "".join(f'<th class="n">{t(f"report.kpi.{k}")}</th>' for k in KPIS) + "</tr>")
    unknown_word = text("report.unknown", lang)
    for row in r.kpis.to_dict("records"):
        cells = []
        for k in KPIS:
            unknown = unknown_word if k == "followers_end" else "–"
            cells.append(f'<td class="n">{_cell(row[k], lang, unknown=unknown)}<br><span class="small">'
                         f"{_delta(row[k], row[f'{k}_before'], lang)}</span></td>")
        parts.append(f"<tr><td>{escape(platforms.label(row['platform']))}</td>{''.join(cells)}</tr>")
    parts.append("</table>")
    if r.kpis["followers_end"].isna().any():
        parts.append(f'<p class="small">{t("report.kpis.unknown", why=text("report.unknown_followers", lang))}</p>')
    parts.append("</section>")

    parts.append(f"<section><h2>{t('report.peers')}</h2>"
                 f"<p>{t('report.peers.intro', group=r.group_name, n=len(r.peers), town=r.town)}</p>")
    for metric_id in PEER_METRICS:
        svg = peer_chart(r, metric_id)
        stats = r.peer_stats.loc[metric_id]
        if svg:
            parts.append(f'<div role="img" aria-label="{escape(METRICS[metric_id].label(lang))}">{_inline(svg)}</div>')
            figures = t("report.peers.stats", n=int(stats["n"]), median=n(stats["median"], 1), q25=n(stats["q25"], 1),
                        q75=n(stats["q75"], 1))
            parts.append(f'<p class="small">{figures}</p>')
    unknown = benchmark.without_followers(r.peers)
    if unknown:
        parts.append(f'<p class="small">{t("report.peers.unranked", towns=", ".join(unknown))}</p>')
    parts.append("</section>")

    parts.append(f"<section><h2>{t('report.ages')}</h2><p>{t('report.ages.intro')}</p>")
    blocks = _age_blocks(r.ages)
    for (platform, _, audience), rows in blocks:
        who = text(f"report.ages.{audience}", lang) if audience in ("followers", "viewers") else audience
        title = f"{platforms.label(platform)} – {who}"
        svg = age_chart(rows, title, lang)
        if svg:
            parts.append(f'<div role="img" aria-label="{escape(title)}">{_inline(svg)}</div>')
        else:
            parts.append(f"<h3>{escape(title)}</h3><p>{t('report.ages.too_few', n=MIN_BUCKET_PEOPLE)}</p>")
    if not blocks:
        parts.append(f"<p>{t('report.ages.none')}</p>")
    parts.append("</section>")

    parts.append(f"<section><h2>{t('report.top')}</h2>")
    if r.top.empty:
        parts.append(f"<p>{t('report.top.none')}</p>")
    else:
        parts.append(f"<table><tr><th>{t('report.top.date')}</th><th>{t('report.kpis.platform')}</th>"
                     f"<th>{t('report.top.text')}</th><th class=\"n\">{t('report.kpi.interactions')}</th>"
                     f"<th class=\"n\">{t('report.kpi.reach')}</th></tr>")
        for row in r.top.itertuples():
            message = (row.message or "").strip().replace("\n", " ")
            message = message[:140] + ("…" if len(message) > 140 else "")
            parts.append(f"<tr><td>{day(row.published_at.tz_convert('Europe/Berlin'))}</td>"
                         f"<td>{escape(platforms.label(row.platform))}</td><td>{escape(message)}</td>"
                         f'<td class="n">{_cell(row.interactions, lang)}</td>'
                         f'<td class="n">{_cell(row.reach, lang)}</td></tr>')
        parts.append("</table>")
    parts.append("</section>")

    parts.append(f"<section><h2>{t('report.appendix')}</h2><table><tr><th>{t('report.appendix.metric')}</th>"
                 f"<th>{t('report.appendix.unit')}</th><th>{t('report.appendix.formula')}</th>"
                 f"<th>{t('report.appendix.source')}</th></tr>")
    for metric_id in ["followers", "followers_gained", "posts", "interactions", "reach", "views", *PEER_METRICS,
                      "age_representation_index"]:
        m = METRICS[metric_id]
        parts.append(f"<tr><td>{escape(m.label(lang))}</td><td>{escape(m.unit_text(lang))}</td>"
                     f"<td>{escape(m.formula_text(lang))}</td><td>{escape(m.source_text(lang))}</td></tr>")
    parts.append(f"</table><h3>{t('report.imports')}</h3>")
    if r.imports.empty:
        parts.append(f"<p>{t('report.imports.none')}</p>")
    else:
        parts.append(f"<table><tr><th>{t('report.imports.file')}</th><th>{t('report.kpis.platform')}</th>"
                     f"<th>{t('report.imports.period')}</th><th>{t('report.imports.by')}</th>"
                     f"<th>{t('report.imports.at')}</th></tr>")
        for row in r.imports.itertuples():
            parts.append(f"<tr><td>{escape(row.file_name)}</td><td>{escape(platforms.label(row.platform))}</td>"
                         f"<td>{day(row.first)} – {day(row.last)}</td><td>{escape(row.imported_by or '–')}</td>"
                         f"<td>{day(row.imported_at)}</td></tr>")
        parts.append("</table>")
    parts.append(f'<p class="small">{t("report.population")}</p></section></body></html>')
    return "\n".join(parts)


def _inline(svg: str) -> str:
    """vl-convert's SVG without its XML prolog, for inlining into the HTML."""
    return re.sub(r"^<\?xml[^>]*>\s*", "", svg)


def council_report_pdf(store: Store, ags: str, start: date, end: date, *, group_id: str | None = None,
                       lang: str = "de") -> bytes:
    """The council report as PDF bytes, German (`lang="de"`) or English (`"en"`); its metadata
    language (/Lang) follows `<html lang>`."""
    from weasyprint import HTML

    return HTML(string=html(gather(store, ags, start, end, group_id, lang))).write_pdf()
