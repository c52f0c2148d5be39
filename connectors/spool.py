"""Post rows of a large export kept on disk between parsing and writing.

A Meta post export may hold a million posts. Holding them as a frame next to the file's bytes
would need about twice the file's size; issue 10 allows the file's size plus 300 MB. So the parser
hands each block of rows to a `Spool`, which appends it to a temporary Parquet file, and the import
reads that file with DuckDB (`read_parquet`, which streams within DuckDB's memory limit). Small
files never reach the threshold and stay frames. The file is removed with the spool (when the
plan that holds it is gone) or when the process ends.

While the parser reads on (mostly Python, on one core), a thread of the spool classifies each
block's posts by topic on the other core (`TopicMasks`); the write then only joins the masks to
its posts instead of running the regexes in its transaction (issue 13).
"""

from __future__ import annotations

import shutil
import tempfile
import weakref
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import replace
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from analytics import topics
from analytics.sources import KnownMasks, message_hash_sql
from analytics.store import memory_limit_mb
from connectors.io import FIGURES, duplicate_clash, duplicate_note

SPOOL_ROWS = 100_000  # from this many rows on, parsed posts go to disk
ROW = "_row"  # the row number a spreadsheet shows, for errors
PENDING_MB = 32  # captions queued for topic classification at most (TopicMasks)


class Spool:
    """Blocks of post rows (frames indexed by row number) in a temporary Parquet file."""

    def __init__(self, topic_words: dict[str, list[str]] | None = None) -> None:
        folder = tempfile.mkdtemp(prefix="buergernah-import-")
        self._cleanup = weakref.finalize(self, shutil.rmtree, folder, True)
        self._topics = TopicMasks(topic_words) if topic_words is not None else None
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
        if self._topics is not None:
            self._topics.add(table)
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

    def topic_masks(self) -> KnownMasks | None:
        """The topic masks of the spooled posts (waiting for the last blocks), or None if they
        were not computed."""
        masks = self._topics.result() if self._topics is not None else None
        if masks is None or not self.deduplicate:
            return masks
        with duckdb.connect() as con:  # a post the file repeats: its (post id, message) once
            con.register("masks", masks.masks)
            return replace(masks, masks=con.execute("SELECT DISTINCT * FROM masks").to_arrow_table())

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


class TopicMasks:
    """Topic masks (analytics/topics.py `masks_sql`) of blocks of posts, computed one block after
    another on a thread of its own, with its own single-threaded DuckDB: the parser keeps its core."""

    def __init__(self, words: dict[str, list[str]]) -> None:
        self.words = words
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="topic-masks")
        self._stop = weakref.finalize(self, self._pool.shutdown, wait=False, cancel_futures=True)
        self._blocks: list[Future] = []
        self._queued: list[tuple[Future, int]] = []  # not yet classified, with their size in bytes
        self._con: duckdb.DuckDBPyConnection | None = None  # used by the pool's thread only
        self._result: KnownMasks | None = None
        self._sql = f"""SELECT post_key.post_id, post_key.message_hash, mask::SMALLINT AS mask FROM ({topics.masks_sql(
            f"(SELECT {{'post_id': post_id, 'message_hash': {message_hash_sql('message')}}} AS post_key, message FROM _block)",
            words)})"""

    def add(self, block: pa.Table) -> None:
        """Queue a block; waits while the queued blocks hold `PENDING_MB` or more, so that memory
        stays bounded (long captions are classified more slowly than they are read)."""
        if "message" not in block.column_names:
            block = block.append_column("message", pa.nulls(block.num_rows, pa.string()))
        block = block.select(["post_id", "message"])
        while queued := [(future, size) for future, size in self._queued if not future.done()]:
            if sum(size for _, size in queued) + block.nbytes <= PENDING_MB * 1048576:
                break
            wait([queued[0][0]])
        self._queued = [*queued, (future := self._pool.submit(self._masks, block), block.nbytes)]
        self._blocks.append(future)

    def _masks(self, block: pa.Table) -> pa.Table:
        if self._con is None:
            self._con = duckdb.connect(config={"threads": 1, "memory_limit": f"{memory_limit_mb()}MB"})
        self._con.register("_block", block)
        try:
            return self._con.execute(self._sql).to_arrow_table()
        finally:
            self._con.unregister("_block")

    def result(self) -> KnownMasks | None:
        """All blocks' masks, once they are computed; None if a block failed (the write then
        classifies these posts itself)."""
        if self._result is None and self._blocks:
            try:
                self._result = KnownMasks(self.words, pa.concat_tables([block.result() for block in self._blocks]))
            except Exception:  # the write classifies these posts itself
                return None
            finally:
                self._blocks = []
                self._stop()
        return self._result
