"""Figures that are true or unknown: known follower totals, one town per file, overlapping daily
exports by period, follower entries and account moves (issue 8)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import EXPORTS
from connectors.base import ImportContext, ImportRejected, SourceFile
from connectors.loader import (
    NeedsMunicipality,
    enter_followers,
    import_file,
    move_account,
    prepare,
    undo_import,
)

META = EXPORTS / "meta"
PROJECT = Path(__file__).resolve().parents[2]
EXPORTED = date(2025, 10, 2)
ALSDORF = ImportContext(municipality="05334004")
FB_SEPT = (META / "Sep-01-2025_Sep-30-2025_1039829308656930.csv").read_bytes()
NORDKREIS = {"Stadt Alsdorf": "05334004", "Stadt Baesweiler": "05334008", "Stadt Herzogenrath": "05334016",
             "Stadt Würselen": "05334036"}


def source(name: str, exported=EXPORTED) -> SourceFile:
    return SourceFile(name, (META / name).read_bytes(), export_date=exported)


def town_export(page_name: str, page_id: str) -> bytes:
    """The Meta post export fixture as another town's page."""
    return FB_SEPT.replace(b"Stadt Musterstadt", page_name.encode()).replace(b"100012345678901", page_id.encode())


def followers(store) -> list[tuple]:
    return [tuple(r) for r in store.query_df(
        "SELECT day, followers, followers_source FROM mart.account_daily ORDER BY day").itertuples(index=False)]


# -- follower totals -------------------------------------------------------------------------


def test_gains_only_exports_give_no_follower_total(store):
    import_file(store, source("Follows (1).csv"), ALSDORF)
    import_file(store, source("Views.csv"), ImportContext(municipality="05334004", platform="facebook"))
    daily = store.query_df("SELECT followers, followers_source, followers_gained, views FROM mart.account_daily "
                            "ORDER BY day")
    assert len(daily) == 4 and daily["views"].notna().sum() == 2
    assert daily["followers"].isna().all() and daily["followers_source"].isna().all()
    assert daily["followers_gained"].tolist() == [14, 3, 0, 7]


def test_an_entered_count_anchors_the_gains_and_can_be_undone(store):
    import_file(store, source("Follows (1).csv"), ALSDORF)
    import_file(store, source("Follows (2).csv"), ALSDORF)
    key = store.query_value("SELECT account_key FROM mart.accounts")
    entry = enter_followers(store, key, date(2025, 9, 5), 100, actor="cli:test")
    # 100 at the end of 5 Sept; net gains 14, 3, 2, 9, 1 → backwards 85, 88, 90, 99
    assert followers(store) == [
        (pd_day("2025-09-01"), 85, "reconstructed"), (pd_day("2025-09-02"), 88, "reconstructed"),
        (pd_day("2025-09-03"), 90, "reconstructed"), (pd_day("2025-09-04"), 99, "reconstructed"),
        (pd_day("2025-09-05"), 100, "entered"),
    ]
    history = store.query_df("SELECT file_name, format, imported_by FROM mart.imports WHERE import_id = ?", [entry])
    assert history.iloc[0].tolist() == ["Follower-Stand eingetragen: Facebook-Seite von Alsdorf, 05.09.2025: 100",
                                        "follower_entry", "cli:test"]
    undo_import(store, entry)
    assert store.query_value("SELECT count(followers) FROM mart.account_daily") == 0  # unknown again


def test_reconstruction_stops_at_a_gap_in_the_gains(store):
    import_file(store, source("Follows (1).csv"), ALSDORF)  # 1–4 Sept
    key = store.query_value("SELECT account_key FROM mart.accounts")
    enter_followers(store, key, date(2025, 9, 2), 50)
    enter_followers(store, key, date(2025, 9, 8), 70)  # 5–7 Sept are not covered by any gains
    rows = followers(store)
    assert rows[:4] == [(pd_day("2025-09-01"), 47, "reconstructed"), (pd_day("2025-09-02"), 50, "entered"),
                        (pd_day("2025-09-03"), 50, "reconstructed"), (pd_day("2025-09-04"), 57, "reconstructed")]
    assert rows[4] == (pd_day("2025-09-08"), 70, "entered")
    assert len(rows) == 5  # no rows for days nothing covers


def test_entry_rejects_nonsense(store):
    import_file(store, source("Follows (1).csv"), ALSDORF)
    key = store.query_value("SELECT account_key FROM mart.accounts")
    with pytest.raises(ImportRejected, match="ganze Zahl"):
        enter_followers(store, key, date(2025, 9, 2), -5)
    with pytest.raises(ImportRejected, match="Zukunft"):
        enter_followers(store, key, date(2999, 1, 1), 5)
    with pytest.raises(ImportRejected, match="gibt es nicht"):
        enter_followers(store, "facebook:nope", date(2025, 9, 2), 5)


# -- overlapping daily exports ---------------------------------------------------------------


@pytest.mark.parametrize("order", [("Follows (1).csv", "Follows (2).csv"), ("Follows (2).csv", "Follows (1).csv")])
def test_the_export_of_the_later_period_wins_whatever_the_order(store, order):
    ids = [import_file(store, source(name), ALSDORF)[1] for name in order]
    gained = store.query_df("SELECT followers_gained FROM mart.account_daily ORDER BY day")["followers_gained"]
    assert gained.tolist() == [14, 3, 2, 9, 1]  # 3 and 4 Sept from Follows (2), which reaches 5 Sept
    undo_import(store, ids[order.index("Follows (2).csv")])
    gained = store.query_df("SELECT followers_gained FROM mart.account_daily ORDER BY day")["followers_gained"]
    assert gained.tolist() == [14, 3, 0, 7]  # the older file's figures return


# -- one town per file -----------------------------------------------------------------------


def test_each_file_gets_the_town_its_page_name_names(store):
    for n, (page, ags) in enumerate(NORDKREIS.items()):
        plan, import_id = import_file(store, SourceFile(f"export{n}.csv", town_export(page, f"55500{n}"), EXPORTED))
        assert import_id and plan.municipalities == [ags]
        assert plan.town_notes == [f"{page.split()[1]}: am Namen „{page}“ erkannt"]
    towns = store.query_df("SELECT name, ags FROM mart.accounts ORDER BY ags")
    assert dict(zip(towns["name"], towns["ags"], strict=True)) == NORDKREIS


def test_an_ambiguous_or_unknown_name_asks_per_file(store):
    with pytest.raises(NeedsMunicipality, match="mehreren Gemeinden.*Alsdorf \\(07132002\\)"):
        prepare(store, SourceFile("a.csv", town_export("Alsdorf", "1"), EXPORTED))
    with pytest.raises(NeedsMunicipality, match="passt zu keiner Gemeinde"):
        prepare(store, SourceFile("m.csv", FB_SEPT, EXPORTED))


def test_a_choice_against_the_name_is_taken_with_a_warning(store):
    plan = prepare(store, SourceFile("b.csv", town_export("Stadt Baesweiler", "2"), EXPORTED), ALSDORF)
    assert plan.municipalities == ["05334004"]
    assert plan.town_notes == ["Alsdorf: gewählt – Achtung: „Stadt Baesweiler“ passt zu Baesweiler, nicht zu Alsdorf"]


def test_a_wrongly_assigned_account_moves_without_reimport(store):
    _, import_id = import_file(store, SourceFile("b.csv", town_export("Stadt Baesweiler", "2"), EXPORTED), ALSDORF)
    key = store.query_value("SELECT account_key FROM mart.accounts")
    assert store.query_value("SELECT count(*) FROM mart.posts WHERE ags = '05334004'") == 3
    assert move_account(store, key, "05334008", actor="cli:test") == "05334004"
    assert store.query_value("SELECT count(*) FROM mart.posts WHERE ags = '05334008'") == 3
    assert store.query_value("SELECT ags FROM mart.accounts") == "05334008"
    audit = store.query_df("SELECT actor, action, target, details FROM core.audit WHERE action = 'move_account'")
    assert audit.iloc[0].tolist() == ["cli:test", "move_account", key, '{"from": "05334004", "to": "05334008"}']
    with pytest.raises(ImportRejected, match="Unbekannter Gemeindeschlüssel"):
        move_account(store, key, "99999999")


def test_cli_resolves_each_file_and_refuses_only_what_it_cannot(tmp_path):
    files = []
    for n, page in enumerate(["Stadt Herzogenrath", "Stadt Würselen", "Neustadt"]):
        path = tmp_path / f"export{n}.csv"
        path.write_bytes(town_export(page, f"77700{n}"))
        files.append(str(path))
    db = str(tmp_path / "cli.duckdb")
    run = subprocess.run([sys.executable, "-m", "connectors", "import", "--db", db, *files],
                         cwd=PROJECT, capture_output=True, text=True)
    assert run.returncode == 1
    assert "FEHLER export2.csv: Das Konto „Neustadt“ ist noch keiner Gemeinde zugeordnet" in run.stderr
    assert "export0.csv: Herzogenrath: am Namen „Stadt Herzogenrath“ erkannt" in run.stderr
    accounts = subprocess.run([sys.executable, "-m", "connectors", "accounts", "--db", db],
                              cwd=PROJECT, capture_output=True, text=True)
    assert "Herzogenrath" in accounts.stdout and "Würselen" in accounts.stdout and "Neustadt" not in accounts.stdout
    entry = subprocess.run([sys.executable, "-m", "connectors", "followers", "--db", db, "--account",
                            "facebook:777000", "--date", "2025-09-20", "--count", "5230"],
                           cwd=PROJECT, capture_output=True, text=True)
    assert entry.returncode == 0, entry.stderr
    assert "Follower-Stand 5230 für facebook:777000 am 20.09.2025 eingetragen" in entry.stdout
    moved = subprocess.run([sys.executable, "-m", "connectors", "move-account", "--db", db, "facebook:777001",
                            "05334008"], cwd=PROJECT, capture_output=True, text=True)
    assert moved.returncode == 0 and "gehört jetzt zu Baesweiler (05334008)" in moved.stdout
    history = subprocess.run([sys.executable, "-m", "connectors", "history", "--db", db],
                             cwd=PROJECT, capture_output=True, text=True)
    assert "follower_entry" in history.stdout


def pd_day(text: str):
    import pandas as pd

    return pd.Timestamp(text)


def test_a_youtube_studio_zip_is_matched_by_the_channel_in_its_name(store):
    zipped = (EXPORTS / "youtube" / "Content 2025-12-01_2026-01-14 Stadt Musterstadt.zip").read_bytes()
    plan, import_id = import_file(store, SourceFile("Content 2025-12-01_2026-01-14 Stadt Würselen.zip", zipped))
    assert import_id and plan.municipalities == ["05334036"]
    assert store.query_df("SELECT name, ags FROM mart.accounts").iloc[0].tolist() == ["Stadt Würselen", "05334036"]
