"""Command line: `python -m connectors import|demo|history|undo …` (see README.md).

Output, errors and notes are in `BUERGERNAH_LANG` (`de` by default, `en`): catalogue texts
`connector.cli.…` and the connectors' messages (analytics/i18n.py)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from analytics import accounts
from analytics import imports as import_queries
from analytics.access import Forbidden, cli_actor
from analytics.i18n import Message, env_lang, message_text
from analytics.store import StoreError, open_store
from connectors import actions, demo, memory
from connectors.base import PLATFORMS, ImportContext, ImportRejected, SourceFile
from connectors.files import read_upload
from connectors.loader import commit, prepare, town_name

console = Console(stderr=True)
# Tables on stdout; not squeezed to 80 columns when piped into a file or another program.
out = Console(width=None if sys.stdout.isatty() else 200)


def say(key: str, **values) -> str:
    """A catalogue text in the command line's language (`BUERGERNAH_LANG`), its values rendered in it."""
    return Message(key, **values).text(env_lang())


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="buergernah", description="Bürgernah: Exporte importieren")
    sub = parser.add_subparsers(dest="command", required=True)
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", help="DuckDB-Datei (Standard: $BUERGERNAH_DB oder data/buergernah.duckdb)")

    imp = sub.add_parser("import", parents=[db], help="Exporte (CSV, XLSX, XLS, ZIP) importieren")
    imp.add_argument("--municipality", metavar="AGS", help="Gemeinde (AGS) für noch unbekannte Konten")
    imp.add_argument("--platform", choices=PLATFORMS, help="Plattform für Dateien, die sie nicht nennen")
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")

    dem = sub.add_parser("demo", parents=[db], help="Demodaten erzeugen und importieren")
    dem.add_argument("--if-empty", action="store_true", help="nur in eine leere Datenbank")
    dem.add_argument("--remove", action="store_true", help="Demodaten entfernen")

    sub.add_parser("history", parents=[db], help="Importe auflisten")
    sub.add_parser("accounts", parents=[db], help="Konten und ihre Gemeinden auflisten")
    fol = sub.add_parser("followers", parents=[db], help="Follower-Stand eines Kontos eintragen")
    fol.add_argument("--account", required=True, metavar="KONTO", help="Konto-Schlüssel, z. B. facebook:1000010533400")
    fol.add_argument("--date", required=True, type=date.fromisoformat, metavar="JJJJ-MM-TT", help="Stichtag")
    fol.add_argument("--count", required=True, type=int, metavar="N", help="Follower-Gesamtzahl an dem Tag")
    rep = sub.add_parser("report", parents=[db], help="Bericht für den Rat als PDF schreiben")
    rep.add_argument("--municipality", required=True, metavar="AGS", help="Gemeinde (AGS)")
    rep.add_argument("--period", required=True, metavar="ZEITRAUM",
                     help="JJJJ-MM (Monat), JJJJ-Qn (Quartal) oder JJJJ-MM-TT..JJJJ-MM-TT")
    rep.add_argument("--group", metavar="GRUPPE", help="Vergleichsgruppe, z. B. nordkreis, kreis:05334, land:05 "
                     "(Standard: der Kreis der Gemeinde)")
    rep.add_argument("--out", required=True, type=Path, metavar="DATEI.pdf")
    rep.add_argument("--lang", choices=["de", "en"], default="de", help="Sprache des Berichts (Standard: de)")
    sch = sub.add_parser("schedule", parents=[db], help="Zeitplan: anzeigen oder fällige Aufträge ausführen")
    sch.add_argument("what", choices=["show", "run-due"], help="show: Zeitplan; run-due: fällige Aufträge (für cron)")
    dig = sub.add_parser("digest", parents=[db], help="Wochen-E-Mail senden (fällige und fehlgeschlagene)")
    dig.add_argument("--municipality", metavar="AGS", help="nur diese Gemeinde (Standard: alle mit Empfängern)")
    dig.add_argument("--week", type=date.fromisoformat, metavar="JJJJ-MM-TT",
                     help="Montag der Woche (Standard: die letzte vollständige Kalenderwoche)")
    dig.add_argument("--dry-run", action="store_true", help="nur zeigen, was gesendet würde")
    mov = sub.add_parser("move-account", parents=[db], help="ein Konto einer anderen Gemeinde zuordnen")
    mov.add_argument("account", metavar="KONTO")
    mov.add_argument("municipality", metavar="AGS")
    und = sub.add_parser("undo", parents=[db], help="einen Import rückgängig machen")
    und.add_argument("import_id", type=int)
    sub.add_parser("migrate", parents=[db], help="Datenbank anlegen bzw. migrieren")
    lake = sub.add_parser("move-to-ducklake", parents=[db],
                          help="eine DuckDB-Datei in einen (leeren) DuckLake-Katalog auf PostgreSQL umziehen")
    lake.add_argument("--to", metavar="URL", help="postgresql://benutzer@host:port/datenbank (Standard: $BUERGERNAH_DB)")
    lake.add_argument("--data-path", metavar="PFAD", help="Verzeichnis oder S3-URL der Parquet-Dateien "
                                                         "(Standard: $BUERGERNAH_DATA_PATH)")

    from connectors.api.cli import add_arguments as pull_arguments

    pull_arguments(sub.add_parser("pull", parents=[db], help="Kennzahlen über Plattform-APIs abrufen"))
    return parser


def cmd_import(args) -> int:
    ctx = ImportContext(municipality=args.municipality, platform=args.platform,
                        siblings=tuple(path.name for path in args.files))
    results: list[tuple[str, str, str, str, str]] = []
    failed = 0
    with open_store(args.db) as store, Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=console,
        transient=True, disable=len(args.files) < 2,
    ) as progress:
        task = progress.add_task("Import", total=len(args.files))
        for path in args.files:
            progress.update(task, description=f"Import {path.name}")
            try:
                if not path.is_file():
                    raise ImportRejected("connector.cli.not_found", str(path))
                # no name for the SourceFile: its bytes are freed once parsed, before the write;
                # read_upload refuses a file over the size limit by its size, before reading it
                plan = prepare(store, SourceFile(path.name, read_upload(path),
                                                 export_date=date.fromtimestamp(path.stat().st_mtime)), ctx)
                import_id = commit(store, plan)
                status = say("connector.cli.imported" if import_id else "connector.cli.already_imported")
                results.append((path.name, status, plan.platform or "–", plan.format, str(plan.rows)))
                for column in plan.unmapped_columns:
                    console.print(say("connector.cli.unmapped", file=path.name, column=column), style="yellow",
                                  markup=False, highlight=False, soft_wrap=True)
                for note in plan.town_notes + plan.notes:  # one line each, whatever the terminal's width
                    console.print(f"{path.name}: {message_text(note, env_lang())}", markup=False, highlight=False,
                                  soft_wrap=True)
            except ImportRejected as exc:
                failed += 1
                exc.file_name = exc.file_name or path.name
                print(say("connector.cli.error", message=exc.text(env_lang())), file=sys.stderr)
                results.append((path.name, say("connector.cli.rejected"), "–", "–", "0"))
            progress.advance(task)
    table = Table(title=say("connector.cli.import_title"))
    for column in ("file", "result", "platform", "format", "rows"):
        table.add_column(say(f"connector.cli.column.{column}"))
    for row in results:
        table.add_row(*row)
    out.print(table)
    return 0 if failed == 0 else 1


def cmd_demo(args) -> int:
    with open_store(args.db) as store:
        if args.remove:
            print(say("connector.cli.demo_removed", n=actions.remove_demo(store, cli_actor())))
            return 0
        if args.if_empty:
            count = demo.load_if_empty(store)
            print(say("connector.cli.demo_loaded", n=count) if count else say("connector.cli.demo_not_empty"))
            return 0
        print(say("connector.cli.demo_loaded", n=demo.load(store)))
    return 0


def cmd_history(args) -> int:
    with open_store(args.db, read_only=False) as store:
        frame = import_queries.import_history(store, env_lang()).sort_values("import_id")
    table = Table(title=say("connector.cli.history_title"))
    for column in ("id", "file", "platform", "format", "rows", "imported_at", "by", "status"):
        table.add_column(say(f"connector.cli.column.{column}"))
    for row in frame.itertuples():
        table.add_row(str(row.import_id), row.file_name, row.platform or "–", row.format or "–", str(row.rows),
                      row.imported_at.strftime(say("connector.cli.datetime")), row.imported_by or "–", row.status)
    out.print(table)
    return 0


def cmd_accounts(args) -> int:
    with open_store(args.db) as store:
        frame = accounts.names(store)  # the name people know it by, never the placeholder handle
    table = Table(title=say("connector.cli.accounts_title"))
    for column in ("account", "platform", "name", "ags", "municipality"):
        table.add_column(say(f"connector.cli.column.{column}"))
    for row in frame.itertuples():
        table.add_row(row.account_key, row.platform, row.name or "–", row.ags, row.town or "–")
    out.print(table)
    return 0


def cmd_followers(args) -> int:
    with open_store(args.db) as store:
        import_id = actions.enter_followers(store, cli_actor(), args.account, args.date, args.count)
    print(say("connector.cli.followers_entered", count=str(args.count), account=args.account,
              day=Message("connector.cli.day", day=args.date), id=str(import_id)))
    return 0


def cmd_move_account(args) -> int:
    with open_store(args.db) as store:
        before = actions.move_account(store, cli_actor(), args.account, args.municipality)
        town = town_name(store, args.municipality)
    print(say("connector.cli.moved", account=args.account, town=town, ags=args.municipality, before=before))
    return 0


def cmd_report(args) -> int:
    from analytics import report

    try:
        start, end = report.parse_period(args.period)
    except ValueError as exc:
        raise ImportRejected(Message.plain(str(exc))) from None
    with open_store(args.db) as store:
        try:
            pdf = report.council_report_pdf(store, args.municipality, start, end, group_id=args.group,
                                            lang=args.lang)
        except ValueError as exc:
            raise ImportRejected(Message.plain(str(exc))) from None
    args.out.write_bytes(pdf)
    print(f"Bericht {report.period_label(start, end)} für {args.municipality}: {args.out} ({len(pdf) // 1024} KB).")
    return 0


def cmd_schedule(args) -> int:
    from connectors import schedule

    with open_store(args.db) as store:
        if args.what == "run-due":
            done = schedule.run_due(store)
            for job, status, message in done:
                print(f"{job}: {status} – {message}")
            if not done:
                print("Kein Auftrag fällig.")
            return 1 if any(status == "failed" for _, status, _ in done) else 0
        frame = schedule.schedules(store)
    table = Table(title="Zeitplan")
    for column in ("Auftrag", "Aktiv", "Wochentag", "Uhrzeit", "Nächster Lauf", "Letzter Lauf", "Ergebnis"):
        table.add_column(column)
    for row in frame.itertuples():
        when = [f"{t:%d.%m.%Y %H:%M} UTC" if t is not None and t == t else "–" for t in (row.next_run, row.last_run)]
        table.add_row(row.job, "ja" if row.enabled else "nein", WEEKDAYS[row.weekday], row.at_time, *when,
                      f"{row.last_status or '–'} {row.last_message or ''}")
    out.print(table)
    return 0


def cmd_digest(args) -> int:
    from connectors.digest import DigestError

    with open_store(args.db) as store:
        try:
            outcomes = actions.send_digest(store, cli_actor(), args.municipality, args.week, dry_run=args.dry_run)
        except DigestError as exc:
            print(f"FEHLER {exc}", file=sys.stderr)
            return 2
    for outcome in outcomes:
        print(outcome.message)
        if args.dry_run:  # each language the town's recipients get
            for composed in outcome.digests.values() or ([outcome.digest] if outcome.digest else []):
                print(f"Betreff: {composed.subject}\n\n{composed.text}")
    if not outcomes:
        print("Keine Gemeinde mit Empfängern der Wochen-E-Mail.")
    return 1 if any(o.status == "failed" for o in outcomes) else 0


WEEKDAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]


def cmd_undo(args) -> int:
    with open_store(args.db) as store:
        actions.undo(store, cli_actor(), args.import_id)
    print(say("connector.cli.undone", id=str(args.import_id)))
    return 0


def cmd_migrate(args) -> int:
    with open_store(args.db) as store:
        print(say("connector.cli.migrated", db=store.label, version=str(store.schema_version())))
    return 0


def cmd_move_to_ducklake(args) -> int:
    import os

    from analytics.store import DEFAULT_DB_PATH, is_lake_url, redact_url
    from connectors.move_store import move_to_ducklake

    env = os.environ.get("BUERGERNAH_DB")
    source = args.db or (env if env and not is_lake_url(env) else DEFAULT_DB_PATH)
    target = args.to or (env if is_lake_url(env) else None)
    if not target:
        raise StoreError("Bitte das Ziel angeben: --to postgresql://benutzer@host:port/datenbank.")
    moved = move_to_ducklake(source, target, args.data_path)
    table = Table(title=f"Umgezogen: {source} → {redact_url(target)}")
    table.add_column("Tabelle")
    table.add_column("Zeilen", justify="right")
    for name, rows in moved.items():
        table.add_row(f"core.{name}", str(rows))
    out.print(table)
    print(f"Fertig. Ab jetzt: BUERGERNAH_DB={redact_url(target)} und BUERGERNAH_DATA_PATH setzen; "
          f"die Datei {source} bleibt unverändert.")
    return 0


def cmd_pull(args) -> int:
    from connectors.api.cli import run

    return run(args)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    memory.bound()
    handlers = {"import": cmd_import, "demo": cmd_demo, "history": cmd_history, "undo": cmd_undo,
                "migrate": cmd_migrate, "pull": cmd_pull, "accounts": cmd_accounts, "followers": cmd_followers,
                "move-account": cmd_move_account, "move-to-ducklake": cmd_move_to_ducklake,
                "schedule": cmd_schedule, "report": cmd_report,
                "digest": cmd_digest}
    try:
        return handlers[args.command](args)
    except (StoreError, ImportRejected, Forbidden) as exc:
        print(say("connector.cli.error", message=message_text(exc, env_lang())), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
