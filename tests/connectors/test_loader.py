"""Import semantics: detection, accounts, idempotency, overlapping exports, undo, atomicity,
bad input and the CLI."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

from conftest import EXPORTS
from connectors.base import ImportContext, ImportRejected, SourceFile
from connectors.loader import NeedsMunicipality, import_file, prepare, undo_import

META = EXPORTS / "meta"
PROJECT = Path(__file__).resolve().parents[2]
EXPORTED = date(2025, 10, 2)
ALSDORF = ImportContext(municipality="05334004")
FB_SEPT = "Sep-01-2025_Sep-30-2025_1039829308656930.csv"
FB_SEPT_LATER = "Sep-01-2025_Sep-30-2025_2222222222222222.csv"


def source(name: str, exported=EXPORTED, folder=META) -> SourceFile:
    return SourceFile(name, (folder / name).read_bytes(), export_date=exported)


def fingerprint(store) -> dict[str, str]:
    """Content of every core table, independent of storage layout."""
    tables = store.query_df("SELECT table_name FROM information_schema.tables WHERE table_schema = 'core'")
    return {
        # a sum of row hashes: order-independent, and no table-sized string (DuckDB's memory limit)
        t: store.query_value(f"SELECT count(*) || ':' || coalesce(sum(hash(x::VARCHAR)::HUGEINT), 0) FROM core.{t} x")
        for t in tables["table_name"]
    }


def test_detection_says_what_it_recognised(store):
    plan = prepare(store, source(FB_SEPT), ALSDORF)
    assert (plan.platform, plan.format, plan.rows) == ("facebook", "meta_posts", 3)
    assert plan.items[0].new_account.name == "Stadt Musterstadt"
    assert plan.period == (date(2025, 9, 15), date(2025, 9, 20))


def test_detection_uses_content_not_file_name(store):
    renamed = SourceFile("Views.csv", (META / FB_SEPT).read_bytes(), EXPORTED)
    assert prepare(store, renamed, ALSDORF).format == "meta_posts"


def test_unknown_account_needs_a_municipality_then_is_remembered(store):
    with pytest.raises(NeedsMunicipality, match="--municipality"):
        prepare(store, source(FB_SEPT))
    import_file(store, source(FB_SEPT), ALSDORF)
    # the second export of the same page needs no municipality any more
    plan, import_id = import_file(store, source(FB_SEPT_LATER))
    assert import_id and plan.items[0].ags == "05334004"


def test_same_file_twice_changes_nothing(store):
    import_file(store, source(FB_SEPT), ALSDORF)
    before = fingerprint(store)
    plan, import_id = import_file(store, source(FB_SEPT), ALSDORF)
    assert import_id is None and plan.duplicate_of == 1
    assert fingerprint(store) == before


def test_overlapping_exports_leave_one_row_per_post_with_latest_figures(store):
    import_file(store, source(FB_SEPT, exported=date(2025, 10, 1)), ALSDORF)
    import_file(store, source(FB_SEPT_LATER, exported=date(2025, 10, 15)), ALSDORF)
    posts = store.query_df("SELECT * FROM mart.posts ORDER BY post_id")
    assert len(posts) == 4  # 3 + 1 new, none twice
    first = posts.set_index("post_id").loc["1234567890123456"]
    assert (first["views"], first["reach"], str(first["metrics_as_of"])[:10]) == (2100, 1500, "2025-10-15")


def test_older_export_imported_later_does_not_win(store):
    import_file(store, source(FB_SEPT_LATER, exported=date(2025, 10, 15)), ALSDORF)
    import_file(store, source(FB_SEPT, exported=date(2025, 10, 1)), ALSDORF)
    assert store.query_value("SELECT views FROM mart.posts WHERE post_id = '1234567890123456'") == 2100


def test_daily_series_merge_by_day(store):
    import_file(store, source(FB_SEPT), ALSDORF)
    import_file(store, source("Follows (1).csv"), ALSDORF)
    import_file(store, source("Follows (2).csv"), ALSDORF)
    daily = store.query_df("SELECT day, followers_gained, followers FROM mart.account_daily ORDER BY day")
    assert daily["followers_gained"].tolist() == [14, 3, 2, 9, 1]  # 3rd and 4th from the newer file
    # gains only: without a known total the follower count is unknown, not a sum from zero
    assert daily["followers"].isna().all()


def test_undo_restores_the_previous_figures(store):
    import_file(store, source(FB_SEPT, exported=date(2025, 10, 1)), ALSDORF)
    _, later = import_file(store, source(FB_SEPT_LATER, exported=date(2025, 10, 15)), ALSDORF)
    undo_import(store, later)
    assert store.query_value("SELECT views FROM mart.posts WHERE post_id = '1234567890123456'") == 1840
    assert store.query_value("SELECT count(*) FROM mart.posts") == 3
    assert store.query_value("SELECT status FROM mart.imports WHERE import_id = ?", [later]) == "undone"
    with pytest.raises(ImportRejected):
        undo_import(store, later)
    # after an undo the same file can be imported again
    assert import_file(store, source(FB_SEPT_LATER, exported=date(2025, 10, 15)), ALSDORF)[1]


def test_undo_of_only_import_removes_the_account(store):
    _, import_id = import_file(store, source(FB_SEPT), ALSDORF)
    undo_import(store, import_id)
    assert store.query_value("SELECT count(*) FROM mart.accounts") == 0


def test_youtube_file_without_channel_uses_the_towns_account(store):
    import_file(store, source("viewer_age.csv", folder=EXPORTS / "youtube"), ALSDORF)
    import_file(store, source("Viewer_gender.csv", folder=EXPORTS / "youtube"), ALSDORF)
    accounts = store.query_df("SELECT account_key, name FROM mart.accounts")
    assert accounts.values.tolist() == [["youtube:ags-05334004", None]]  # unnamed: analytics/accounts.py names it
    assert store.query_value("SELECT count(*) FROM mart.audience") == 10


BAD_INPUTS = {
    "empty.csv": (b"", "leer"),
    "bom_only.csv": (b"\xef\xbb\xbf", "leer"),
    "binary.csv": (bytes(range(256)) * 4, "keine Textdatei"),
    "pdf.csv": (b"%PDF-1.7\n" + bytes(range(256)), "keine Textdatei|nicht erkannt"),
    "truncated.csv": ((META / FB_SEPT).read_bytes()[:900], "Spalten|nicht lesbar|abgeschnitten"),
    "header_only.csv": ((META / FB_SEPT).read_bytes().split(b"\n")[0] + b"\n", "keine Beiträge"),
    "bad_utf16.csv": (b"\xff\xfe" + b"\x00\xd8" * 3, "ungültige Zeichen"),
    "random.csv": (b"hello;world\n1;2\n", "nicht erkannt"),
    "broken.zip": (b"PK\x03\x04" + b"\x00" * 40, "beschädigt"),
}


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_bad_input_gives_a_clear_error_and_stores_nothing(store, name):
    data, message = BAD_INPUTS[name]
    before = fingerprint(store)
    with pytest.raises(ImportRejected, match=message) as caught:
        import_file(store, SourceFile(name, data, EXPORTED), ALSDORF)
    assert str(caught.value).startswith(f"{name}: ")
    assert fingerprint(store) == before


def zip_of(members: dict[str, bytes], compression=zipfile.ZIP_STORED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_zip_of_exports_is_imported_as_one(store):
    data = zip_of({"a.csv": (META / FB_SEPT).read_bytes(), "Follows (1).csv": (META / "Follows (1).csv").read_bytes()})
    plan, import_id = import_file(store, SourceFile("export.zip", data, EXPORTED), ALSDORF)
    assert import_id and plan.format == "meta_posts,meta_daily"
    assert store.query_value("SELECT count(*) FROM mart.imports") == 1


@pytest.mark.parametrize("members, message", [
    ({"../evil.csv": b"x"}, "Unzulässiger Pfad"),
    ({"/etc/passwd": b"x"}, "Unzulässiger Pfad"),
    ({"inner.zip": zip_of({"a.csv": b"a"})}, "Verschachteltes"),
    ({"bomb.csv": b"0" * 20_000_000}, "ZIP-Bombe"),
    ({}, "leer"),
])
def test_dangerous_zips_are_rejected(store, members, message):
    before = fingerprint(store)
    data = zip_of(members, zipfile.ZIP_DEFLATED)
    with pytest.raises(ImportRejected, match=message):
        import_file(store, SourceFile("upload.zip", data, EXPORTED), ALSDORF)
    assert fingerprint(store) == before


def test_zip_with_one_bad_member_stores_nothing(store):
    before = fingerprint(store)
    data = zip_of({"a.csv": (META / FB_SEPT).read_bytes(), "b.csv": b"nonsense;\n1;2\n"})
    with pytest.raises(ImportRejected, match="b.csv"):
        import_file(store, SourceFile("mixed.zip", data, EXPORTED), ALSDORF)
    assert fingerprint(store) == before


def test_zip_mixing_platforms_is_rejected(store):
    data = zip_of({"fb.csv": (META / FB_SEPT).read_bytes(), "ig.csv": (META / "Sep-01-2025_Sep-30-2025_4444.csv").read_bytes()})
    with pytest.raises(ImportRejected, match="mischt Plattformen"):
        import_file(store, SourceFile("mixed.zip", data, EXPORTED), ALSDORF)


def test_size_limit_is_configurable(store, monkeypatch):
    monkeypatch.setenv("BUERGERNAH_MAX_FILE_MB", "0.001")
    with pytest.raises(ImportRejected, match="BUERGERNAH_MAX_FILE_MB"):
        import_file(store, source(FB_SEPT), ALSDORF)


def test_unknown_municipality_code(store):
    with pytest.raises(ImportRejected, match="Unbekannter Gemeindeschlüssel"):
        import_file(store, source(FB_SEPT), ImportContext(municipality="99999999"))


def run_cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "connectors", *args], cwd=PROJECT, capture_output=True,
                          text=True, timeout=120)


def test_cli_imports_and_exits_zero_only_when_all_succeed(tmp_path):
    db = tmp_path / "cli.duckdb"
    bad = tmp_path / "kaputt.csv"
    bad.write_bytes(b"\x00\x01\x02binary")
    ok = run_cli("import", "--db", str(db), "--municipality", "05334004", str(META / FB_SEPT), str(META / "Follows (1).csv"))
    assert ok.returncode == 0, ok.stderr
    assert "importiert" in ok.stdout and "meta_posts" in ok.stdout
    again = run_cli("import", "--db", str(db), str(META / FB_SEPT), str(bad))
    assert again.returncode == 1
    errors = [line for line in again.stderr.splitlines() if line.startswith("FEHLER")]
    assert errors == ["FEHLER kaputt.csv: Das ist keine Textdatei (Binärdaten); erwartet wird CSV, XLSX, XLS oder ZIP."]
    assert "bereits importiert" in again.stdout
    history = run_cli("history", "--db", str(db))
    assert history.returncode == 0 and "Follows (1).csv" in history.stdout


def test_cli_tables_show_file_names_as_they_are(tmp_path):
    """Brackets in a file name are text, not Rich markup (which would swallow „[red]“)."""
    db = tmp_path / "cli.duckdb"
    named = tmp_path / "[red]Sept.csv"
    named.write_bytes((META / FB_SEPT).read_bytes())
    imported = run_cli("import", "--db", str(db), "--municipality", "05334004", str(named))
    assert imported.returncode == 0, imported.stderr
    assert "│ [red]Sept.csv" in imported.stdout  # the table row, not only the notes (printed without markup)
    history = run_cli("history", "--db", str(db))
    assert history.returncode == 0 and "[red]Sept.csv" in history.stdout, history.stderr
