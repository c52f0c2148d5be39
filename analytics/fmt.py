"""German-first number and date formatting (Babel), e.g. 1.234,5 · KW 47 · 22.11.2026."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
from babel.dates import format_date

LOCALES = {"de": "de_DE", "en": "en_GB"}


def _missing(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


_GERMAN = str.maketrans({",": ".", ".": ","})


def number(value, lang: str = "de", decimals: int = 0, missing: str = "–") -> str:
    """`1234.5` → `1.234,5` (de) or `1,234.5` (en); missing → `missing` (`–`, or e.g. „unbekannt“).

    Both locales group by thousands, so Python's own format with the separators swapped gives
    Babel's result at a fraction of its cost (pages format thousands of cells)."""
    if _missing(value):
        return missing
    text = f"{value:,.{decimals}f}"
    return text.translate(_GERMAN) if lang == "de" else text


def signed(value, lang: str = "de", decimals: int = 0) -> str | None:
    """A delta for st.metric: `+1.234` / `-56`; None when unknown."""
    if _missing(value):
        return None
    text = number(abs(value), lang, decimals)
    return f"+{text}" if value >= 0 else f"-{text}"


def percent(value, lang: str = "de", decimals: int = 1) -> str:
    """A fraction as percent: `0.123` → `12,3 %`."""
    if _missing(value):
        return "–"
    return number(value * 100, lang, decimals) + " %"


def day(value: date | datetime, lang: str = "de") -> str:
    """`22.11.2026` (de) or `22/11/2026` (en)."""
    if _missing(value):
        return "–"
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    return format_date(value, format="dd.MM.yyyy" if lang == "de" else "dd/MM/yyyy", locale=LOCALES[lang])
