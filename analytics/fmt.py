"""German-first number and date formatting (Babel), e.g. 1.234,5 · KW 47 · 22.11.2026."""

from __future__ import annotations

import sys
from datetime import date, datetime

from babel.dates import format_date

LOCALES = {"de": "de_DE", "en": "en_GB"}


def is_missing(value) -> bool:
    """None, NaN, and pandas' NA and NaT. Without pandas (the first page view does without it) a
    value cannot be one of pandas' own."""
    if value is None:
        return True
    if isinstance(value, float):
        return value != value
    pd = sys.modules.get("pandas")
    return pd is not None and not isinstance(value, str) and bool(pd.isna(value))


_GERMAN = str.maketrans({",": ".", ".": ","})


def number(value, lang: str = "de", decimals: int = 0, missing: str = "–") -> str:
    """`1234.5` → `1.234,5` (de) or `1,234.5` (en); missing → `missing` (`–`, or e.g. „unbekannt“).

    Both locales group by thousands, so Python's own format with the separators swapped gives
    Babel's result at a fraction of its cost (pages format thousands of cells)."""
    if is_missing(value):
        return missing
    text = f"{value:,.{decimals}f}"
    return text.translate(_GERMAN) if lang == "de" else text


def signed(value, lang: str = "de", decimals: int = 0) -> str | None:
    """A delta for st.metric: `+1.234` / `-56`; None when unknown."""
    if is_missing(value):
        return None
    text = number(abs(value), lang, decimals)
    return f"+{text}" if value >= 0 else f"-{text}"


def percent(value, lang: str = "de", decimals: int = 1) -> str:
    """A fraction as percent: `0.123` → `12,3 %`."""
    if is_missing(value):
        return "–"
    return number(value * 100, lang, decimals) + " %"


def day(value: date | datetime, lang: str = "de") -> str:
    """`22.11.2026` (de) or `22/11/2026` (en)."""
    if is_missing(value):
        return "–"
    if hasattr(value, "to_pydatetime"):  # a pandas Timestamp
        value = value.to_pydatetime()
    return format_date(value, format="dd.MM.yyyy" if lang == "de" else "dd/MM/yyyy", locale=LOCALES[lang])
