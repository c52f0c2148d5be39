"""Every table the app shows goes through `show_table()`: one place that decides how a table looks
and how a missing value reads.

A missing value (SQL NULL, NaN, NaT, pd.NA: "not supplied", never zero) reads „–“, the mark the
pages' own formatting uses for a value that is not there (`analytics.fmt`); figures whose
absence matters (follower totals and rates built on them) are formatted „unbekannt“ by the pages
before they get here. Streamlit would show such a cell as „None“; its `placeholder` replaces that
in the browser, so numeric and date columns keep their type (sorting, number formats).
tests/app/test_tables.py opens every page in both languages and checks that no cell reads None,
nan, NaT or <NA>.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

MISSING = "–"


def show_table(data: Any, *, key: str | None = None, column_config: dict | None = None, **kwargs):
    """`st.dataframe` with the app's defaults: no index, full width, missing values as „–“."""
    kwargs.setdefault("hide_index", True)
    kwargs.setdefault("width", "stretch")
    return st.dataframe(data, key=key, column_config=column_config, placeholder=MISSING, **kwargs)
