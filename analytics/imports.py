"""Queries behind the import page: the municipality list and the import history."""

from __future__ import annotations

import json

import pandas as pd

from analytics import accounts as account_names
from analytics.i18n import Message
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


# Per import, the municipalities whose figures it holds (what an officer's right to undo it
# depends on; none for official statistics).
IMPORT_TOWNS = """
    SELECT r.import_id, list(DISTINCT a.ags ORDER BY a.ags) AS towns
    FROM (SELECT import_id, account_key FROM core.post_snapshots
          UNION SELECT import_id, account_key FROM core.daily_values
          UNION SELECT import_id, account_key FROM core.audience_values) r
    JOIN core.accounts a USING (account_key)
    GROUP BY r.import_id
"""


def import_towns(store: Store, import_id: int) -> set[str]:
    towns = store.query_value(f"SELECT towns FROM ({IMPORT_TOWNS}) WHERE import_id = ?", [import_id])
    return set(towns or [])


def import_history(store: Store, lang: str = "de") -> pd.DataFrame:
    """Every import, newest first, with `towns` (IMPORT_TOWNS) and its `notes` in `lang` (stored as
    catalogue messages, see `stored_notes`); an entered follower count is named in `lang` too."""
    frame = store.query_df(
        f"""
        WITH towns AS ({IMPORT_TOWNS})
        SELECT i.import_id, i.file_name, i.platform, i.format, i.rows, i.imported_at, i.imported_by, i.status,
               coalesce(t.towns, []) AS towns, c.details
        FROM mart.imports i LEFT JOIN towns t USING (import_id) JOIN core.imports c USING (import_id)
        ORDER BY i.import_id DESC
        """
    )
    frame["towns"] = frame["towns"].map(list)
    details = frame.pop("details").map(_details)
    label = details.map(lambda d: Message.from_json(d["label"]).text(lang) if "label" in d else None)
    frame["file_name"] = label.where(label.notna(), frame["file_name"])
    frame["notes"] = details.map(lambda d: " ".join(n.text(lang) for n in stored_notes(d)))
    return frame


def _details(stored) -> dict:
    try:
        found = json.loads(stored) if isinstance(stored, str) and stored else {}
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def stored_notes(details: dict) -> list[Message]:
    """The notes stored with an import (`core.imports.details`, JSON): catalogue messages as
    `{"key": …, "values": …}`, shown in the reader's language; plain strings (imports from before
    messages had keys) as they are."""
    notes = details.get("notes") or []
    return [Message.from_json(n) for n in notes] if isinstance(notes, list) else []


def import_count(store: Store) -> int:
    return int(store.query_value("SELECT count(*) FROM core.imports"))


def accounts(store: Store, lang: str = "de") -> pd.DataFrame:
    """Every registered account with its town (account_key, platform, name, ags, town, label), for the
    account forms and wherever the page names an account: `name` as people know it, `label` for
    pickers (analytics/accounts.py)."""
    return account_names.names(store, lang)[["account_key", "platform", "name", "ags", "town", "label"]]
