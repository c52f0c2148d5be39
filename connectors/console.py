"""The command line's tables. Their cells are text as it is: Rich reads „[…]“ as markup, so a file
or page name from an export would lose its brackets, change colour, or stop the command with a
markup error („[/]“)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.markup import escape
from rich.table import Table


def text_table(title: str, columns: Iterable[str], rows: Iterable[Iterable[object]], *,
               right: Iterable[int] = ()) -> Table:
    """A table of `rows` under `columns` (the positions in `right` right-aligned), nothing read as markup."""
    table = Table(title=escape(title))
    aligned = set(right)
    for position, column in enumerate(columns):
        table.add_column(escape(column), justify="right" if position in aligned else "left")
    for row in rows:
        table.add_row(*(escape(str(cell)) for cell in row))
    return table
