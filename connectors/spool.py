"""Post rows of a large export kept on disk between parsing and writing.

A Meta post export may hold a million posts. Holding them as a frame next to the file's bytes
would need about twice the file's size; issue 10 allows the file's size plus 300 MB. So the parser
hands each block of rows to a `Spool`, which appends it to a temporary Parquet file, and the import
reads that file with DuckDB (`read_parquet`, which streams within DuckDB's memory limit). Small
files never reach the threshold and stay frames. The file is removed with the spool (when the
plan that holds it is gone) or when the process ends.

While the parser reads on (mostly Python, on one core), a thread of the spool classifies each
block's posts by topic on the other core (`TopicMasks`), and goes on beside the write until the
write needs the masks; the write then only joins them to its posts instead of running the regexes
in its transaction (issue 13).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import weakref
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
BLOCKS_AT_ONCE = 4  # blocks of posts TopicMasks classifies in one query at most (memory)


class Spool:
    """Blocks of post rows (frames indexed by row number) in a temporary Parquet file."""

    def __init__(self, topic_words: dict[str, list[str]] | None = None) -> None:
        folder = tempfile.mkdtemp(prefix="buergernah-import-")
        self._topics = TopicMasks(topic_words, Path(folder)) if topic_words is not None else None
        self._cleanup = weakref.finalize(self, _remove, folder, self._topics)
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
        if self._topics is not None:
            self._topics.close()
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


def _remove(folder: str, topics: TopicMasks | None) -> None:
    """A spool's end (also of a file rejected halfway): its thread stops, its files go."""
    if topics is not None:
        topics.close()
    shutil.rmtree(folder, True)


class TopicMasks:
    """Topic masks (analytics/topics.py `masks_sql`) of blocks of posts, computed on a thread of its
    own with its own DuckDB. Each block's ids and captions wait in a small Parquet file, not in
    memory, so the parser never waits however far the thread lags behind (long captions). The
    thread takes up to `BLOCKS_AT_ONCE` waiting blocks at once, within a third of DuckDB's memory
    cap. It runs on one core while the file is read and while the write goes on beside it (the
    parser and the write keep the other), on all cores once `result` waits for it."""

    def __init__(self, words: dict[str, list[str]], folder: Path) -> None:
        self.words = words
        self._folder = folder
        self._waiting: list[Path] = []  # blocks written, not yet classified
        self._added = 0
        self._masks: list[pa.Table] = []
        self._closed = False  # no more blocks
        self._waited_for = False  # `result` is waiting: all cores
        self._failed = False
        self._changed = threading.Condition()
        self._result: KnownMasks | None = None
        self._sql = f"""SELECT post_key.post_id, post_key.message_hash, mask::SMALLINT AS mask FROM ({topics.masks_sql(
            f"(SELECT {{'post_id': post_id, 'message_hash': {message_hash_sql('message')}}} AS post_key, message "
            "FROM read_parquet($blocks))", words)})"""
        self._thread = threading.Thread(target=self._run, name="topic-masks", daemon=True)
        self._thread.start()

    def add(self, block: pa.Table) -> None:
        if "message" not in block.column_names:
            block = block.append_column("message", pa.nulls(block.num_rows, pa.string()))
        self._added += 1
        path = self._folder / f"topics-{self._added}.parquet"
        pq.write_table(block.select(["post_id", "message"]), path, compression="none")
        with self._changed:
            self._waiting.append(path)
            self._changed.notify()

    def close(self) -> None:
        """No more blocks: the thread ends once it has classified the waiting ones."""
        with self._changed:
            self._closed = True
            self._changed.notify()

    def _run(self) -> None:
        con = duckdb.connect(config={"threads": 1, "memory_limit": f"{memory_limit_mb() // 3}MB",
                                     "temp_directory": str(self._folder)})
        try:
            while True:
                with self._changed:
                    self._changed.wait_for(lambda: self._waiting or self._closed)
                    blocks, self._waiting = self._waiting[:BLOCKS_AT_ONCE], self._waiting[BLOCKS_AT_ONCE:]
                    waited_for = self._waited_for
                if not blocks:
                    return
                if waited_for:
                    con.execute(f"SET threads = {os.cpu_count() or 1}")
                self._masks.append(con.execute(self._sql, {"blocks": [str(b) for b in blocks]}).to_arrow_table())
                for block in blocks:
                    block.unlink()
        except Exception:  # the write classifies these posts itself
            self._failed = True
        finally:
            con.close()

    def result(self) -> KnownMasks | None:
        """All blocks' masks, once they are computed; None if that failed (the write then
        classifies these posts itself)."""
        with self._changed:
            self._closed = self._waited_for = True
            self._changed.notify()
        self._thread.join()
        if self._result is None and self._masks and not self._failed:
            self._result = KnownMasks(self.words, pa.concat_tables(self._masks))
        return self._result
