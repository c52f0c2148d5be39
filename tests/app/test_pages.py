"""AppTest for every page, on an empty database and on the demo database: rendered values."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from analytics import fmt, weekly
from conftest import DEMO_TODAY, open_page
from connectors.base import ImportContext, SourceFile
from connectors.loader import import_file

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analytics"))
import weekly_data


def test_weekly_report_empty_database_shows_helpful_empty_state(store, monkeypatch):
    at = open_page(store.path, monkeypatch)
    assert at.title[0].value == "Wochenbericht"
    assert "Noch keine Daten" in at.info[0].value
    assert not at.metric


def test_weekly_report_demo_shows_kpis_with_german_numbers(demo_store, monkeypatch):
    monday = weekly.last_complete_week(DEMO_TODAY)
    expected = weekly.weekly_metrics(demo_store, "05334016", monday, monday).set_index("platform")
    at = open_page(demo_store.path, monkeypatch, params={"ags": "05334016", "week": monday.isoformat()})
    assert [s.value for s in at.subheader][:2] == ["Facebook", "Instagram"]
    labels = [m.label for m in at.metric]
    assert labels[:6] == ["Follower", "Neue Follower", "Reichweite der Beiträge", "Aufrufe der Beiträge",
                          "Interaktionen", "Beiträge"]
    values = [m.value for m in at.metric]
    assert values[0] == fmt.number(expected.at["facebook", "followers"])
    assert values[2] == fmt.number(expected.at["facebook", "reach"])
    assert values[6] == fmt.number(expected.at["instagram", "followers"])
    assert "." in values[0]  # German thousands separator: 5.103, not 5,103
    assert at.caption[0].value.startswith(f"Herzogenrath · KW {monday.isocalendar()[1]}/")
    # the demo banner and its removal action
    assert any("Demodaten" in m.value for m in at.markdown)
    assert at.button(key="remove_demo").label == "Demodaten entfernen"
    # the council report of the week's month (sidebar), the trend chart as PNG/SVG, its figures and
    # the top posts as CSV/XLSX and as raw data
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["PNG", "SVG", "CSV", "XLSX", "Rohdaten (CSV)", "CSV", "XLSX", "Rohdaten (CSV)",
                      "Bericht für den Rat (PDF)"]


def test_unknown_week_in_url_falls_back_to_latest_week(demo_store, monkeypatch):
    at = open_page(demo_store.path, monkeypatch, params={"ags": "05334008", "week": "2020-01-06"})
    monday = weekly.last_complete_week(DEMO_TODAY)
    assert f"KW {monday.isocalendar()[1]}/" in at.caption[0].value
    assert at.metric


def test_weekly_report_unknown_followers_say_so(demo_store, monkeypatch):
    at = open_page(demo_store.path, monkeypatch, params={"ags": "05334008"})
    assert at.metric[0].label == "Follower" and at.metric[0].value == "unbekannt"  # was a sum of gains from 0
    assert any(c.value == "Follower-Stand unbekannt. Follower-Stand eintragen (Daten importieren) oder eine Datei mit "
               "Follower-Gesamtzahlen importieren (z. B. TikTok FollowerHistory)." for c in at.caption)


def test_weekly_report_partial_week_and_no_carry_forward(store, monkeypatch):
    weekly_data.load(store)
    at = open_page(store.path, monkeypatch, params={"ags": weekly_data.A})
    # default: the latest complete week KW 12, not the partial KW 13 at the data's edge
    assert at.selectbox(key="week").value == date(2026, 3, 16)
    assert at.selectbox(key="week").options[:2] == [
        "KW 13/2026 (23.03.2026 – 29.03.2026) · nur 3 von 7 Tagen", "KW 12/2026 (16.03.2026 – 22.03.2026)"]
    values = {(s, m.label): m for s, m in zip(["Facebook"] * 6 + ["Instagram"] * 6 + ["LinkedIn"] * 6, at.metric,
                                                strict=True)}
    assert values[("Facebook", "Follower")].value == "514" and values[("Facebook", "Follower")].proto.delta == "+14"
    assert values[("Instagram", "Follower")].value == "250"
    assert values[("LinkedIn", "Follower")].value == "unbekannt" and values[("LinkedIn", "Neue Follower")].value == "21"
    captions = [c.value for c in at.caption]
    assert "Follower-Stand rekonstruiert, Stand 22.03.2026." in captions
    assert "Follower-Stand beobachtet, Stand 22.03.2026." in captions

    at.selectbox(key="week").set_value(date(2026, 3, 23)).run()
    assert "nur 3 von 7 Tagen" in at.warning[0].value
    assert [s.value for s in at.subheader][:3] == ["Facebook", "Instagram", "LinkedIn"]
    facebook = at.metric[:6]
    assert facebook[0].value == "520" and facebook[5].value == "1"
    assert all(not m.proto.delta for m in facebook)  # no change against a full week from a partial one
    # Instagram's data end on 22.03.: no figures, not 250 carried forward
    assert len(at.metric) == 6
    assert sum(c.value.startswith("keine Daten – Keine Daten in dieser Woche") for c in at.caption) == 2


def test_weekly_report_partial_week_in_english(store, monkeypatch):
    weekly_data.load(store)
    at = open_page(store.path, monkeypatch, params={"ags": weekly_data.A, "week": "2026-03-23", "lang": "en"})
    assert at.caption[0].value.endswith("only 3 of 7 days")
    assert "Incomplete week" in at.warning[0].value


def test_town_without_weekly_figures_gets_an_empty_state(store, monkeypatch):
    table = "Viewer age,Views (%)\n18\u201324 years,40.5\n65+ years,59.5\n".encode()
    import_file(store, SourceFile("viewer_age.csv", table, export_date=DEMO_TODAY), ImportContext(municipality="05334004"))
    at = open_page(store.path, monkeypatch)
    assert "Für Alsdorf liegen in KW" in at.info[0].value
    assert not at.metric


def test_remove_demo_data_empties_the_dashboard(demo_store, monkeypatch):
    at = open_page(demo_store.path, monkeypatch)
    at.button(key="remove_demo").click()
    at.run()
    assert at.warning[0].value.startswith("Demodaten endgültig entfernen?")  # asks first
    assert demo_store.query_value("SELECT count(*) FROM mart.posts") > 0
    at.button(key="confirm_remove_demo_yes").click()
    at.run()
    assert not at.exception
    assert "Noch keine Daten" in at.info[0].value
    assert demo_store.query_value("SELECT count(*) FROM mart.posts") == 0
    assert demo_store.get_setting("demo_removed") == "true"
    # the empty state guides: what to import first, the way to the import page, the demo back
    assert any("Meta Business Suite" in m.value for m in at.markdown)
    assert [link.proto.label for link in at.get("page_link")] == ["Zu „Daten importieren“"]
    at.button(key="load_demo").click()
    at.run()
    assert not at.exception
    assert demo_store.query_value("SELECT count(*) FROM mart.posts") > 0
    assert demo_store.get_setting("demo_removed") == "false"
    assert at.title[0].value == "Wochenbericht" and at.metric


def test_english_switch(demo_store, monkeypatch):
    at = open_page(demo_store.path, monkeypatch, params={"lang": "en", "ags": "05334004"})
    assert at.title[0].value == "Weekly report"
    assert at.metric[0].label == "Followers"
    assert "," in at.metric[0].value


def test_import_page_empty_and_history(demo_store, monkeypatch):
    monkeypatch.setenv("BUERGERNAH_MAX_FILE_MB", "64")
    at = open_page(demo_store.path, monkeypatch, page="views/importieren.py")
    assert at.title[0].value == "Daten importieren"
    assert at.get("file_uploader")[0].proto.max_upload_size_mb == 64  # the widget's limit is the CLI's
    history = at.dataframe[0].value
    assert len(history) == demo_store.query_value("SELECT count(*) FROM mart.imports")
    at.selectbox(key="undo_pick").select(int(history["import_id"].max()))
    at.button(key="undo").click()
    at.run()
    assert at.warning[-1].value.startswith(f"Import {int(history['import_id'].max())} (")  # asks first
    at.button(key="confirm_undo_yes").click()
    at.run()
    assert demo_store.query_value("SELECT count(*) FROM mart.imports WHERE status = 'undone'") == 1


@pytest.mark.parametrize("page", ["views/importieren.py"])
def test_pages_on_empty_database(store, monkeypatch, page):
    at = open_page(store.path, monkeypatch, page=page)
    assert "Noch keine Importe." in [c.value for c in at.caption]


def test_pull_now_button_pulls_a_mastodon_account_from_a_local_server(store, monkeypatch):
    """The officer's „jetzt abrufen“: a real HTTP server on 127.0.0.1 serves recorded Mastodon data."""
    from connectors.api import parse_source, pull_target
    from tests.api import recorded
    from tests.api.server import RecordedServer

    def route(path, query, headers):
        if path == "/api/v1/accounts/lookup":
            return 200, {}, recorded.MASTODON_ACCOUNT
        if path == "/api/v1/accounts/109283749/statuses":
            return (200, {}, recorded.PAGE_1) if "max_id" not in query else (200, {}, [])
        return None

    monkeypatch.setenv("BUERGERNAH_SECRETS", str(store.path.parent / "none.toml"))
    with RecordedServer(route) as server:
        pull_target(store, parse_source(f"mastodon:{server.base}/@stadt"), municipality="05334004")
        at = open_page(store.path, monkeypatch, page="views/importieren.py")
        key = f"mastodon:stadt@127.0.0.1:{server.port}"
        assert at.button(key=f"pull_{key}").label == "jetzt abrufen"
        at.button(key=f"pull_{key}").click()
        at.run()
    assert not at.exception
    assert at.success[0].value.startswith("unverändert")
    assert store.query_value("SELECT count(*) FROM core.pull_runs WHERE account_key = ?", [key]) == 2
