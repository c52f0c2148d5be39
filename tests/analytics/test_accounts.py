"""Accounts are named as people know them (analytics/accounts.py): the export's name, a real handle,
or „Facebook-Seite von Alsdorf“ — never the loader's placeholder handle `ags-<AGS>`."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from analytics import accounts
from conftest import EXPORTS
from connectors.base import ImportContext, SourceFile
from connectors.loader import enter_followers, import_file, move_account

ALSDORF, BAESWEILER = "05334004", "05334008"


@pytest.mark.parametrize("platform, name, handle, lang, expected", [
    ("facebook", "Stadt Alsdorf", None, "de", "Stadt Alsdorf"),           # the export's page name
    ("instagram", "Stadt Alsdorf", "stadt.alsdorf", "de", "Stadt Alsdorf"),  # name before handle
    ("x", None, "stadtalsdorf", "en", "stadtalsdorf"),                       # a real handle
    ("youtube", "Alsdorf TV", "ags-05334004", "de", "Alsdorf TV"),           # a channel title, no id
    ("facebook", None, None, "de", "Facebook-Seite von Alsdorf"),           # an id only (legacy Insights)
    ("facebook", None, "ags-05334004", "en", "Facebook page of Alsdorf"),
    ("youtube", None, "ags-05334004", "de", "YouTube-Kanal von Alsdorf"),
    ("linkedin", "  ", "ags-05334004", "de", "LinkedIn-Seite von Alsdorf"),
    ("tiktok", None, "ags-05334004", "de", "TikTok-Konto von Alsdorf"),
    ("tiktok", None, "ags-05334004", "en", "TikTok account of Alsdorf"),
    # older databases stored a made-up name; it is no name (and would name the town it came from)
    ("youtube", "Baesweiler (YouTube)", "ags-05334008", "de", "YouTube-Kanal von Alsdorf"),
])
def test_display_name(platform, name, handle, lang, expected):
    assert accounts.display_name(platform, name, handle, "Alsdorf, Stadt", lang) == expected


def test_a_real_name_in_brackets_stays():
    assert accounts.display_name("youtube", "Stadt Alsdorf (YouTube)", "UCabc", "Alsdorf", "de") == "Stadt Alsdorf (YouTube)"


def test_unnamed_account_is_named_after_its_current_town(store):
    table = "Viewer age,Views (%)\n18\u201324 years,40.5\n65+ years,59.5\n".encode()
    import_file(store, SourceFile("viewer_age.csv", table), ImportContext(municipality=ALSDORF))
    key = "youtube:ags-05334004"
    assert store.query_value("SELECT name FROM mart.accounts WHERE account_key = ?", [key]) is None  # not supplied
    named = accounts.names(store).set_index("account_key")
    assert named.loc[key, "name"] == "YouTube-Kanal von Alsdorf"
    assert named.loc[key, "label"] == "YouTube-Kanal von Alsdorf"  # says platform and town already
    assert accounts.names(store, "en").set_index("account_key").loc[key, "name"] == "YouTube channel of Alsdorf"
    move_account(store, key, BAESWEILER, actor="cli:test")
    assert accounts.names(store).set_index("account_key").loc[key, "name"] == "YouTube-Kanal von Baesweiler"
    # an entered follower count names the account in the import history, not by its key
    import_id = enter_followers(store, key, date(2026, 1, 5), 120, actor="cli:test")
    file_name = store.query_value("SELECT file_name FROM mart.imports WHERE import_id = ?", [import_id])
    assert "YouTube-Kanal von Baesweiler" in file_name and "ags-" not in file_name


def test_named_accounts_keep_their_name_and_get_a_label(store):
    name = "Sep-01-2025_Sep-30-2025_1039829308656930.csv"
    export = SourceFile(name, (EXPORTS / "meta" / name).read_bytes(), export_date=date(2025, 10, 2))
    import_file(store, export, ImportContext(municipality=ALSDORF))
    given = store.query_value("SELECT name FROM mart.accounts")
    row = accounts.names(store).iloc[0]
    assert given and row["name"] == given and row["label"] == f"{given} ({accounts.platforms.label(row['platform'])}) · Alsdorf"


def test_audit_log_names_accounts():
    named = {"youtube:ags-05334004": "YouTube-Kanal von Alsdorf"}
    log = pd.DataFrame({
        "target": ["youtube:ags-05334004", "youtube:ags-05334004/v1", "42", None, "eigene-gruppe"],
        "details": ['{"from": "05334004", "to": "05334008"}', None,
                    '{"account_key": "youtube:ags-05334004", "day": "2026-01-05", "count": 120}', None, "{"],
    })
    shown = accounts.in_audit_log(log, named)
    assert shown["target"].tolist()[:3] == ["YouTube-Kanal von Alsdorf", "YouTube-Kanal von Alsdorf / v1", "42"]
    assert shown["target"].tolist()[4] == "eigene-gruppe" and shown["target"].isna().tolist()[3]
    assert json.loads(shown["details"][2]) == {"account": "YouTube-Kanal von Alsdorf", "day": "2026-01-05", "count": 120}
    assert shown["details"][4] == "{"
