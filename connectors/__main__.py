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

from analytics import accounts
from analytics import imports as import_queries
from analytics.access import Forbidden, cli_actor
from analytics.i18n import Message, env_lang, message_text
from analytics.store import StoreError, open_store
from connectors import actions, demo, memory
from connectors.base import PLATFORMS, ImportContext, ImportRejected, SourceFile
from connectors.console import text_table
from connectors.files import read_upload
from connectors.loader import commit, prepare, town_name

console = Console(stderr=True)
# Tables on stdout; not squeezed to 80 columns when piped into a file or another program.
out = Console(width=None if sys.stdout.isatty() else 200)


def say(key: str, **values) -> str:
    """A catalogue text in the command line's language (`BUERGERNAH_LANG`), its values rendered in it."""
    return Message(key, **values).text(env_lang())


def _parser() -> argparse.ArgumentParser:
    def h(name: str) -> str:  # help texts: connector.cli.help.<name>
        return say(f"connector.cli.help.{name}")

    ymd, account = say("connector.cli.metavar.date"), say("connector.cli.metavar.account")
    parser = argparse.ArgumentParser(prog="buergernah", description=h("description"))
    sub = parser.add_subparsers(dest="command", required=True)
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", help=h("db"))

    imp = sub.add_parser("import", parents=[db], help=h("import"))
    imp.add_argument("--municipality", metavar="AGS", help=h("import_municipality"))
    imp.add_argument("--platform", choices=PLATFORMS, help=h("import_platform"))
    imp.add_argument("files", nargs="+", type=Path, metavar=say("connector.cli.metavar.file"))

    dem = sub.add_parser("demo", parents=[db], help=h("demo"))
    dem.add_argument("--if-empty", action="store_true", help=h("demo_if_empty"))
    dem.add_argument("--remove", action="store_true", help=h("demo_remove"))

    sub.add_parser("history", parents=[db], help=h("history"))
    sub.add_parser("accounts", parents=[db], help=h("accounts"))
    fol = sub.add_parser("followers", parents=[db], help=h("followers"))
    fol.add_argument("--account", required=True, metavar=account, help=h("followers_account"))
    fol.add_argument("--date", required=True, type=date.fromisoformat, metavar=ymd, help=h("followers_date"))
    fol.add_argument("--count", required=True, type=int, metavar="N", help=h("followers_count"))
    rep = sub.add_parser("report", parents=[db], help=h("report"))
    rep.add_argument("--municipality", required=True, metavar="AGS", help=h("report_municipality"))
    rep.add_argument("--period", required=True, metavar=say("connector.cli.metavar.period"), help=h("report_period"))
    rep.add_argument("--group", metavar=say("connector.cli.metavar.group"), help=h("report_group"))
    rep.add_argument("--out", required=True, type=Path, metavar=say("connector.cli.metavar.pdf"))
    rep.add_argument("--lang", choices=["de", "en"], default=env_lang(), help=h("report_lang"))
    sch = sub.add_parser("schedule", parents=[db], help=h("schedule"))
    sch.add_argument("what", choices=["show", "run-due"], help=h("schedule_what"))
    dig = sub.add_parser("digest", parents=[db], help=h("digest"))
    dig.add_argument("--municipality", metavar="AGS", help=h("digest_municipality"))
    dig.add_argument("--week", type=date.fromisoformat, metavar=ymd, help=h("digest_week"))
    dig.add_argument("--dry-run", action="store_true", help=h("digest_dry_run"))
    mov = sub.add_parser("move-account", parents=[db], help=h("move_account"))
    mov.add_argument("account", metavar=account)
    mov.add_argument("municipality", metavar="AGS")
    und = sub.add_parser("undo", parents=[db], help=h("undo"))
    und.add_argument("import_id", type=int)
    sub.add_parser("migrate", parents=[db], help=h("migrate"))
    lake = sub.add_parser("move-to-ducklake", parents=[db], help=h("move_to_ducklake"))
    lake.add_argument("--to", metavar="URL", help=h("lake_to"))
    lake.add_argument("--data-path", metavar=say("connector.cli.metavar.path"), help=h("lake_data_path"))

    from connectors.api.cli import add_arguments as pull_arguments

    pull_arguments(sub.add_parser("pull", parents=[db], help=h("pull")))
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
    out.print(text_table(say("connector.cli.import_title"),
                         [say(f"connector.cli.column.{c}") for c in ("file", "result", "platform", "format", "rows")],
                         results))
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
    columns = [say(f"connector.cli.column.{c}") for c in ("id", "file", "platform", "format", "rows", "imported_at",
                                                           "by", "status")]
    out.print(text_table(say("connector.cli.history_title"), columns, (
        (row.import_id, row.file_name, row.platform or "–", row.format or "–", row.rows,
         row.imported_at.strftime(say("connector.cli.datetime")), row.imported_by or "–", row.status)
        for row in frame.itertuples())))
    return 0


def cmd_accounts(args) -> int:
    with open_store(args.db) as store:
        frame = accounts.names(store, env_lang())  # the name people know it by, never the placeholder handle
    columns = [say(f"connector.cli.column.{c}") for c in ("account", "platform", "name", "ags", "municipality")]
    out.print(text_table(say("connector.cli.accounts_title"), columns, (
        (row.account_key, row.platform, row.name or "–", row.ags, row.town or "–") for row in frame.itertuples())))
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
        start, end = report.parse_period(args.period, env_lang())
    except ValueError as exc:
        raise ImportRejected(Message.plain(str(exc))) from None
    with open_store(args.db) as store:
        try:
            pdf = report.council_report_pdf(store, args.municipality, start, end, group_id=args.group,
                                            lang=args.lang)
        except ValueError as exc:
            raise ImportRejected(Message.plain(str(exc))) from None
    args.out.write_bytes(pdf)
    print(say("connector.cli.report_written", period=report.period_label(start, end, args.lang), ags=args.municipality,
              out=str(args.out), kb=str(len(pdf) // 1024)))
    return 0


def cmd_schedule(args) -> int:
    from connectors import schedule

    with open_store(args.db) as store:
        if args.what == "run-due":
            done = schedule.run_due(store)
            for job, status, message in done:
                print(f"{job}: {schedule.status_label(status, env_lang())} – {message_text(message, env_lang())}")
            if not done:
                print(say("connector.cli.nothing_due"))
            return 1 if any(status == "failed" for _, status, _ in done) else 0
        frame = schedule.schedules(store)
    moment = say("connector.cli.datetime")
    rows = []
    for row in frame.itertuples():
        when = [f"{t.strftime(moment)} UTC" if t is not None and t == t else "–" for t in (row.next_run, row.last_run)]
        rows.append((row.job, say("connector.cli.yes" if row.enabled else "connector.cli.no"),
                     say(f"common.weekday.{row.weekday}"), row.at_time, *when,
                     schedule.result_text(row.last_status, row.last_message, env_lang()) if row.last_status else "–"))
    columns = [say(f"connector.cli.column.{c}") for c in ("job", "enabled", "weekday", "time", "next_run", "last_run",
                                                           "result")]
    out.print(text_table(say("connector.cli.schedule_title"), columns, rows))
    return 0


def cmd_digest(args) -> int:
    from connectors.digest import DigestError

    with open_store(args.db) as store:
        try:
            outcomes = actions.send_digest(store, cli_actor(), args.municipality, args.week, dry_run=args.dry_run)
        except DigestError as exc:
            print(say("connector.cli.error", message=message_text(exc, env_lang())), file=sys.stderr)
            return 2
    for outcome in outcomes:
        print(message_text(outcome.message, env_lang()))
        if args.dry_run:  # each language the town's recipients get
            for composed in outcome.digests.values() or ([outcome.digest] if outcome.digest else []):
                print(f"{say('connector.cli.subject', subject=composed.subject)}\n\n{composed.text}")
    if not outcomes:
        print(say("digest.run_none"))
    return 1 if any(o.status == "failed" for o in outcomes) else 0



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
        raise StoreError(Message("connector.cli.lake_target"))
    moved = move_to_ducklake(source, target, args.data_path)
    out.print(text_table(say("connector.cli.lake_moved", source=str(source), target=redact_url(target)),
                         [say("connector.cli.column.table"), say("connector.cli.column.rows")],
                         ((f"core.{name}", rows) for name, rows in moved.items()), right=[1]))
    print(say("connector.cli.lake_done", target=redact_url(target), source=str(source)))
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
