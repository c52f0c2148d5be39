"""Altair helpers: German number/time locale and one stable colour per platform."""

from __future__ import annotations

import altair as alt

from analytics import platforms
from ui.i18n import platform_name

PLATFORM_COLOURS = platforms.COLOURS

_DE_NUMBER = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", "\u00a0€"]}
_DE_TIME = {
    "dateTime": "%A, der %e. %B %Y, %X", "date": "%d.%m.%Y", "time": "%H:%M:%S",
    "periods": ["AM", "PM"],
    "days": ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"],
    "shortDays": ["So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"],
    "months": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
               "Oktober", "November", "Dezember"],
    "shortMonths": ["Jan", "Feb", "Mrz", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"],
}


def platform_scale(platforms) -> alt.Scale:
    """Colour scale over the platforms' display names (encode the `platform_name` labels)."""
    present = [p for p in PLATFORM_COLOURS if p in set(platforms)]
    return alt.Scale(domain=[platform_name(p) for p in present], range=[PLATFORM_COLOURS[p] for p in present])


def localized(chart: alt.Chart, lang: str = "de") -> alt.Chart:
    """Apply the German number and date locale (d3 format) to a chart."""
    if lang != "de":
        return chart
    return chart.configure(locale={"number": _DE_NUMBER, "time": _DE_TIME})
