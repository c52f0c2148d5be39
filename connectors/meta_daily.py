"""Meta Business Suite per-metric daily files (`Follows.csv`, `Views.csv`, `Viewers.csv`, …).

Format (docs/platform-exports.md §3): UTF-16LE with BOM, a `sep=,` line for Excel, a title line
naming the metric (the only reliable way to tell the files apart: browsers rename them
`Follows (1).csv`), then `"Date","Primary"` and one row per day, `YYYY-MM-DDT00:00:00`.
Series may be dense or sparse: days missing inside the exported range are filled with 0 and
marked `filled` (§3). A row that is there with an empty or `undefined` value is no such gap: the
day is kept with a NULL value, not filled. The files carry no account: the municipality's account
on the platform is used.
"""

from __future__ import annotations

import re

import pandas as pd

from analytics.i18n import Message
from connectors.base import AccountRef, ImportContext, ImportRejected, Parsed, SourceFile
from connectors.io import (
    check_dates,
    decode,
    decode_head,
    normalise_header,
    parse_csv_line,
    read_table,
    sniff_delimiter,
    split_lines,
    to_count,
    to_datetime,
)

FORMAT = "meta_daily"
PLATFORM = None
LABEL = Message("connector.format.meta_daily")

# Title line -> (platform or None when the title does not say, metric in mart.account_daily).
TITLES = {
    "facebook follows": ("facebook", "followers_gained"),
    "facebook-follows": ("facebook", "followers_gained"),
    "instagram follows": ("instagram", "followers_gained"),
    "instagram-follows": ("instagram", "followers_gained"),
    "follows": (None, "followers_gained"),
    "content interactions": (None, "interactions"),
    "interaktionen mit inhalten": (None, "interactions"),
    "facebook link clicks": ("facebook", "link_clicks"),
    "facebook-linkklicks": ("facebook", "link_clicks"),
    "link clicks": (None, "link_clicks"),
    "views": (None, "views"),
    "aufrufe": (None, "views"),
    "visningar": (None, "views"),
    "viewers": (None, "reach"),
    "zuschauer": (None, "reach"),
    "reach": (None, "reach"),
    "instagram reach": ("instagram", "reach"),
    "reichweite": (None, "reach"),
    "facebook visits": ("facebook", "visits"),
    "facebook-besuche": ("facebook", "visits"),
    "instagram profile visits": ("instagram", "visits"),
    "visits": (None, "visits"),
}
DATE_FORMATS = ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d", "%d.%m.%Y", "%m/%d/%Y", "%d.%m.%Y %H:%M"]


def _layout(text: str) -> tuple[int, str] | None:
    """(index of the header line, title) if the text has the title + Date/Primary layout."""
    lines = [line.strip() for line in split_lines(text[:4000])]
    start = 1 if lines and lines[0].lower().startswith("sep=") else 0
    if len(lines) < start + 2:
        return None
    title_cells = parse_csv_line(lines[start], sniff_delimiter(lines[start]))
    header = [normalise_header(c) for c in parse_csv_line(lines[start + 1], sniff_delimiter(lines[start + 1]))]
    if len([c for c in title_cells if c.strip()]) != 1 or len(header) < 2:
        return None
    if header[0] not in ("date", "datum") or header[1] not in ("primary", "primär", "primär", "primärt"):
        return None
    return start + 1, title_cells[0].strip()


def detect(source: SourceFile) -> bool:
    try:
        return _layout(decode_head(source.data)) is not None
    except ImportRejected:
        return False


def parse(source: SourceFile, ctx: ImportContext) -> list[Parsed]:
    text = decode(source.data)
    layout = _layout(text)
    if layout is None:
        raise ImportRejected("connector.meta_daily.not_daily")
    header_line, title = layout
    key = re.sub(r"\s+", " ", normalise_header(title))
    if key not in TITLES:
        raise ImportRejected("connector.meta_daily.unknown_metric", title=title,
                             known=sorted({t.title() for t in TITLES}))
    platform, metric = TITLES[key]
    if platform is None:
        platform = ctx.platform
    if platform not in ("facebook", "instagram"):
        raise ImportRejected("connector.meta_daily.no_platform", title=title)
    header, rows = read_table(text, skip_lines=header_line)
    if rows.empty:
        raise ImportRejected("connector.meta_daily.no_values")
    export_day = ctx.export_date(source)
    moments = to_datetime(rows[0], header[0], DATE_FORMATS)
    check_dates(moments, header[0], platform, export_day)
    values = to_count(rows[1], header[1])
    series = pd.DataFrame({"day": moments.dt.date, "value": values}).dropna(subset=["day"])
    if series.empty:
        raise ImportRejected("connector.meta_daily.no_values")
    series = series.groupby("day", as_index=False)["value"].last()
    full = pd.DataFrame({"day": pd.date_range(series["day"].min(), series["day"].max(), freq="D").date})
    daily = full.merge(series, on="day", how="left", indicator=True)
    daily["filled"] = daily.pop("_merge") == "left_only"  # a day the file leaves out, not a NULL cell
    daily["value"] = daily["value"].mask(daily["filled"], 0).astype("float64")
    daily["metric"] = metric
    notes = []
    if daily["filled"].any():
        notes.append(Message("connector.meta_daily.filled", n=str(int(daily["filled"].sum()))))
    return [Parsed(
        platform=platform, format=FORMAT, format_label=Message("connector.format.paren", label=LABEL, part=title),
        account=AccountRef(platform), daily=daily[["day", "metric", "value", "filled"]],
        metrics_as_of=export_day, notes=notes,
    )]

