"""Large Meta post exports keep their rows on disk between parsing and writing (connectors.spool):
the outcome is the same as for rows kept in memory, errors and notes included."""

from __future__ import annotations

import gc
import re
from datetime import date

import duckdb
import pyarrow as pa
import pytest

from analytics import sources, topics
from analytics.store import Store
from connectors import spool
from connectors.base import ImportRejected, SourceFile
from connectors.loader import commit, import_file, prepare
from tests.connectors.test_hostile import CONTEXT
from tests.connectors.test_loader import ALSDORF, FB_SEPT, source
from tests.fixtures.hostile import make_corpus

POSTS = "SELECT * FROM mart.posts ORDER BY ALL"


def imported(tmp_path, name: str, spool_rows: int, monkeypatch):
    monkeypatch.setattr(spool, "SPOOL_ROWS", spool_rows)
    with Store(tmp_path / f"{name}-{spool_rows}.duckdb") as store:
        plan, import_id = import_file(store, source(FB_SEPT), ALSDORF)
        return plan, store.query_df(POSTS)


def test_a_spooled_import_stores_what_an_in_memory_one_stores(tmp_path, monkeypatch):
    framed_plan, framed = imported(tmp_path, "framed", 1_000_000, monkeypatch)
    spooled_plan, spooled = imported(tmp_path, "spooled", 0, monkeypatch)
    assert isinstance(spooled_plan.items[0].parsed.posts, spool.Spool)
    assert not isinstance(framed_plan.items[0].parsed.posts, spool.Spool)
    assert len(spooled) == len(framed) == spooled_plan.rows == 3
    assert spooled.equals(framed)
    assert spooled_plan.period == framed_plan.period == (date(2025, 9, 15), date(2025, 9, 20))


@pytest.mark.parametrize("name", ["duplicate_ids_identical.csv", "duplicate_ids_different.csv"])
def test_duplicate_posts_are_judged_the_same_on_disk(store, monkeypatch, name):
    path = make_corpus.HERE / name
    outcomes = []
    for rows in (1_000_000, 0):
        monkeypatch.setattr(spool, "SPOOL_ROWS", rows)
        try:
            plan = prepare(store, SourceFile(path.name, path.read_bytes(), date.today()), CONTEXT)
            outcomes.append((plan.rows, plan.notes))
        except ImportRejected as exc:
            outcomes.append(str(exc))
    assert outcomes[0] == outcomes[1]
    if name.endswith("identical.csv"):
        assert outcomes[0] == (2, ["1 doppelte Zeile(n) mit demselben Beitrag und denselben Zahlen nur einmal "
                                   "übernommen (zuerst Zeile 4)."])
    else:
        assert re.search(r"steht mehrmals in der Datei \(Zeilen 2 und \d\)", outcomes[0])


def test_identical_duplicates_are_stored_once_from_disk(store, monkeypatch):
    monkeypatch.setattr(spool, "SPOOL_ROWS", 0)
    path = make_corpus.HERE / "duplicate_ids_identical.csv"
    import_file(store, SourceFile(path.name, path.read_bytes(), date.today()), CONTEXT)
    assert store.query_df("SELECT count(*) AS n, count(DISTINCT post_id) AS ids FROM core.post_snapshots"
                          ).iloc[0].tolist() == [2, 2]


def test_the_spool_file_goes_with_the_plan(store, monkeypatch):
    monkeypatch.setattr(spool, "SPOOL_ROWS", 0)
    plan = prepare(store, source(FB_SEPT), ALSDORF)
    path = plan.items[0].parsed.posts.path
    assert path.is_file() and path.stat().st_size > 0
    del plan
    gc.collect()
    assert not path.parent.exists()


def test_a_file_rejected_after_spooling_leaves_no_classifying_thread(store, monkeypatch):
    monkeypatch.setattr(spool, "SPOOL_ROWS", 0)
    started = []
    monkeypatch.setattr(spool.TopicMasks, "close", lambda self, close=spool.TopicMasks.close: started.append(self) or close(self))
    data = source(FB_SEPT).data
    # the last post from another page: rejected once every row is read (and spooled)
    second_page = data[:data.rindex(b"100012345678901")] + b"100099999999999" + data[data.rindex(b"100012345678901") + 15:]
    with pytest.raises(ImportRejected, match="mehrere|several"):
        prepare(store, SourceFile(FB_SEPT, second_page, date.today()), ALSDORF)
    gc.collect()
    assert started  # the spool's end told its thread to stop
    for masks in started:
        masks._thread.join(timeout=10)
        assert not masks._thread.is_alive()


POST_TOPICS = "SELECT post_id, topic FROM mart.post_topics WHERE source = 'rule' ORDER BY ALL"
RULES_TOPICS = [("1234567890123456", "verkehr"), ("1234567890123457", "politik"), ("1234567890123457", "sport"),
                ("1234567890123458", "sonstiges")]


def test_a_spooled_file_is_classified_while_it_is_read_and_stores_the_rules_topics(tmp_path, monkeypatch):
    monkeypatch.setattr(spool, "SPOOL_ROWS", 0)
    with Store(tmp_path / "spooled.duckdb") as store:
        plan = prepare(store, source(FB_SEPT), ALSDORF)
        masks = plan.items[0].parsed.posts.topic_masks()
        assert masks.words == {} and masks.masks.num_rows == 3  # one row per post, computed before the write
        commit(store, plan)
        assert store.query_df(POST_TOPICS).values.tolist() == [list(r) for r in RULES_TOPICS]


def test_known_masks_count_only_for_unchanged_messages_and_the_same_officers_words(tmp_path, monkeypatch):
    """Masks that disagree with the rules on purpose show which posts took them."""
    with Store(tmp_path / "known.duckdb") as store:
        import_file(store, source(FB_SEPT), ALSDORF)
        key = store.query_value("SELECT account_key FROM core.accounts")
        messages = dict(store.query_df("SELECT post_id, message FROM core.mat_posts").values.tolist())
        tourism = 1 << topics.TOPIC_KEYS.index("tourismus")
        with duckdb.connect() as con:  # post …56 as it is stored, post …57 as an earlier version of its caption
            hashes = [con.execute(f"SELECT {sources.message_hash_sql('?')}", [text]).fetchone()[0]
                      for text in (messages["1234567890123456"], "Ein älterer Text")]
        masks = pa.table({"post_id": ["1234567890123456", "1234567890123457"], "message_hash": hashes,
                          "mask": pa.array([tourism, tourism], pa.int16())})

        def classified(words: dict) -> list:
            store.write(lambda cur: sources.classify_posts(cur, [key], lambda: {key: sources.KnownMasks(words, masks)}))
            return [tuple(r) for r in store.query_df(POST_TOPICS).values.tolist()]

        assert classified({}) == [("1234567890123456", "tourismus"), *RULES_TOPICS[1:]]
        assert classified({"sport": ["freibad"]}) == RULES_TOPICS  # the officers' words changed meanwhile
