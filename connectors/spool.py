"""Post rows of a large export kept on disk between parsing and writing.

A Meta post export may hold a million posts. Holding them as a frame next to the file's bytes
would need about twice the file's size; issue 10 allows the file's size plus 300 MB. So the parser
hands each block of rows to a `Spool`, which appends it to a temporary Parquet file, and the import
reads that file with DuckDB (`read_parquet`, which streams within DuckDB's memory limit). Small
files never reach the threshold and stay frames. The file is removed with the spool (when the
plan that holds it is gone) or when the process ends.
"""

from __future__ import annotations

import shutil
import tempfile
import weakref
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from analytics.store import memory_limit_mb
from connectors.io import FIGURES, duplicate_clash, duplicate_note

SPOOL_ROWS = 100_000  # from this many rows on, parsed posts go to disk
ROW = "_row"  # the row number a spreadsheet shows, for errors


class Spool:
    """Blocks of post rows (frames indexed by row number) in a temporary Parquet file."""

    def __init__(self) -> None:
        folder = tempfile.mkdtemp(prefix="buergernah-import-")
        self._cleanup = weakref.finalize(self, shutil.rmtree, folder, True)
        self.path = Path(folder) / "posts.parquet"
        self._writer: pq.ParquetWriter | None = None
        self._ids: list[pa.Array] = []
        self.rows = 0
        self.columns: list[str] = []
        self.published: tuple[pd.Timestamp, pd.Timestamp] | None = None
        self.deduplicate = False  # rows repeating a post with the same figures: keep the first

    def __len__(self) -> int:
        return self.rows

    def append(self, frame: pd.DataFrame) -> None:
        table = pa.Table.from_pandas(frame.assign(**{ROW: frame.index.to_numpy()}), preserve_index=False)
        if self._writer is None:
            self.columns = list(frame.columns)
            self._writer = pq.ParquetWriter(self.path, table.schema)
        self._writer.write_table(table.cast(self._writer.schema))
        self.rows += len(frame)
        self._ids.append(table.column("post_id").combine_chunks())
        published = frame["published_at"].dropna()
        if len(published):
            low, high = published.min(), published.max()
            self.published = (low, high) if self.published is None else (min(low, self.published[0]),
                                                                          max(high, self.published[1]))

    def finish(self, notes: list) -> None:
        """Close the file; repeated post ids: same figures are collapsed (with a note), different
        figures are an error naming the post and two of its rows."""
        if self._writer is not None:
            self._writer.close()
        ids = pa.chunked_array(self._ids, type=pa.string()) if self._ids else pa.chunked_array([], pa.string())
        self._ids = []
        if pc.count_distinct(ids).as_py() == self.rows:
            return
        compared = ", ".join(f'"{c}"' for c in ["post_id", *(f for f in FIGURES if f in self.columns)])
        with duckdb.connect() as con:
            con.execute(f"SET memory_limit = '{memory_limit_mb()}MB'")
            clash = con.execute(
                f"""WITH repeated AS (SELECT post_id FROM read_parquet($path) GROUP BY post_id HAVING count(*) > 1),
                        clash AS (SELECT post_id FROM (SELECT DISTINCT {compared} FROM read_parquet($path)
                                                       WHERE post_id IN (SELECT post_id FROM repeated))
                                  GROUP BY post_id HAVING count(*) > 1 ORDER BY post_id LIMIT 1)
                    SELECT post_id, list({ROW} ORDER BY {ROW})[:2] FROM read_parquet($path)
                    WHERE post_id IN (SELECT post_id FROM clash) GROUP BY post_id""",
                {"path": str(self.path)}).fetchone()
            if clash:
                raise duplicate_clash(clash[0], [int(r) for r in clash[1]])
            extra, first_row = con.execute(
                f"""SELECT count(*), min({ROW}) FROM (
                        SELECT {ROW}, row_number() OVER (PARTITION BY post_id ORDER BY {ROW}) AS n
                        FROM read_parquet($path)) WHERE n > 1""", {"path": str(self.path)}).fetchone()
        notes.append(duplicate_note(int(extra), int(first_row)))
        self.deduplicate = True
        self.rows -= int(extra)

    def select(self) -> str:
        """SQL reading the spooled posts (one row per post id), with the file's path as parameter `$spool`."""
        rows = f"SELECT * EXCLUDE ({ROW}) FROM read_parquet($spool)"
        if self.deduplicate:
            rows += f" QUALIFY row_number() OVER (PARTITION BY post_id ORDER BY {ROW}) = 1"
        return rows

    def period(self) -> tuple[date, date] | None:
        if self.published is None:
            return None
        low, high = (t.tz_convert("Europe/Berlin").date() for t in self.published)
        return low, high
