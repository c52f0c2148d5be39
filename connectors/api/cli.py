"""`python -m connectors pull`: the handler behind the subcommand in connectors/__main__.py."""

from __future__ import annotations

import logging
import sys
from datetime import date

from rich.console import Console

from analytics.access import cli_actor
from analytics.i18n import env_lang, known, message_text, text
from analytics.store import open_store
from connectors.api import pull_all
from connectors.api.common import STATUS_LABELS
from connectors.console import text_table


def add_arguments(parser) -> None:
    lang = env_lang()  # BUERGERNAH_LANG
    parser.add_argument("--since", type=date.fromisoformat, metavar="DATE",
                        help=text("connector.cli.help.pull_since", lang))
    parser.add_argument("--municipality", metavar="AGS", help=text("connector.cli.help.pull_municipality", lang))
    parser.add_argument("sources", nargs="*", metavar="SOURCE", help=text("connector.cli.help.pull_sources", lang))


def run(args) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    with open_store(args.db) as store:
        results = pull_all(store, args.sources, municipality=args.municipality, since=args.since,
                           actor=cli_actor().id)
    lang = env_lang()  # BUERGERNAH_LANG
    if not results:
        print(text("connector.api.nothing", lang))
        return 0
    columns = [text(f"connector.api.column.{c}", lang) for c in ("account", "source", "result", "posts", "values", "note")]
    rows = []
    for result in results:
        status = f"importieren.pull_status.{result.status}"
        rows.append((result.account_key, result.source,
                     text(status, lang) if known(status) else STATUS_LABELS.get(result.status, result.status),
                     result.posts, result.rows, message_text(result.message, lang)))
    Console(width=200).print(text_table(text("connector.api.title", lang), columns, rows))
    for result in results:
        for note in result.notes:
            print(text("connector.api.note", lang, account=result.account_key, note=message_text(note, lang)),
                  file=sys.stderr)
        if result.status == "failed":
            print(text("connector.api.failed", lang, account=result.account_key,
                       message=message_text(result.message, lang)), file=sys.stderr)
    return 1 if any(r.status == "failed" for r in results) else 0
