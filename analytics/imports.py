"""Queries behind the import page: the municipality list and the import history."""

from __future__ import annotations

import pandas as pd

from analytics.store import Store


def municipality_choices(store: Store) -> pd.DataFrame:
    """Every municipality as `Name (Kreis, AGS)`, towns with accounts first."""
    return store.query_df(
        """
        SELECT m.ags, split_part(m.name, ',', 1) || ' (' || m.kreis_name || ', ' || m.ags || ')' AS label
        FROM mart.municipalities m
        ORDER BY (SELECT count(*) FROM mart.accounts a WHERE a.ags = m.ags) = 0, m.name
        """
    )


def import_history(store: Store) -> pd.DataFrame:
    return store.query_df(
        "SELECT import_id, file_name, platform, format, rows, imported_at, imported_by, status "
        "FROM mart.imports ORDER BY import_id DESC"
    )


def import_count(store: Store) -> int:
    return int(store.query_value("SELECT count(*) FROM core.imports"))


def accounts(store: Store) -> pd.DataFrame:
    """Every registered account with its town, as `Name (Plattform) · Gemeinde`, for the account forms."""
    return store.query_df(
        """
        SELECT a.account_key, a.platform, coalesce(a.name, a.handle, a.account_key) AS name, a.ags,
               split_part(m.name, ',', 1) AS town
        FROM mart.accounts a LEFT JOIN mart.municipalities m USING (ags)
        ORDER BY town, a.platform, name
        """
    )
