"""Topics of imported posts (mart.post_topics): the rules at import, officers' corrections that
survive re-imports and undo, officers' words, and the figures per topic."""

from __future__ import annotations

from datetime import date

import pytest

from analytics import post_topics, topics
from analytics.access import Actor, Forbidden
from connectors import actions
from connectors.loader import import_file, undo_import
from tests.connectors.test_loader import ALSDORF, FB_SEPT, FB_SEPT_LATER, source

OFFICER = Actor("presse@alsdorf.example", officer_of=frozenset({"05334004"}))
BAESWEILER = Actor("presse@baesweiler.example", officer_of=frozenset({"05334008"}))
KEY = "facebook:100012345678901"
SEPT = (date(2025, 9, 1), date(2025, 9, 30))


def topics_of(store) -> dict[str, list[tuple[str, str]]]:
    rows = store.query_df("SELECT post_id, topic, source FROM mart.post_topics ORDER BY ALL")
    found: dict[str, list[tuple[str, str]]] = {}
    for r in rows.itertuples():
        found.setdefault(r.post_id, []).append((r.topic, r.source))
    return found


@pytest.fixture
def imported(store):
    _, import_id = import_file(store, source(FB_SEPT), ALSDORF)
    return store, import_id


def test_every_imported_post_gets_the_rules_topics(imported):
    store, _ = imported
    assert topics_of(store) == {
        "1234567890123456": [("verkehr", "rule")],                      # Baustelle, Umleitung
        "1234567890123457": [("politik", "rule"), ("sport", "rule")],   # Rat, Freibad
        "1234567890123458": [("sonstiges", "rule")],
    }
    row = store.query_df("SELECT platform, account_key, ags FROM mart.post_topics LIMIT 1").iloc[0].tolist()
    assert row == ["facebook", KEY, "05334004"]
    why = post_topics.post_topics(store, "05334004", *SEPT).set_index("post_id")["why"]
    assert why["1234567890123456"] == {"verkehr": ["Baustelle", "Umleitung"]}


def test_each_bit_of_a_stored_mask_is_its_topic_in_the_view_and_on_the_pages(imported):
    """core.mat_post_topics keeps a mask per post; mart.post_topics (migration 016 spells out the
    topic list) and the pages (`topics.mask_topics_sql`) unpack it to the same topics."""
    store, _ = imported
    masks = {post_id: 1 << i for i, post_id in enumerate(["1234567890123456", "1234567890123457"])}
    masks["1234567890123458"] = (1 << len(topics.TOPIC_KEYS) - 1) - 1  # every topic but sonstiges
    with store.transaction() as cur:
        cur.executemany("UPDATE core.mat_post_topics SET mask = ? WHERE post_id = ?", [[m, p] for p, m in masks.items()])
    every = [(key, "rule") for key in topics.TOPIC_KEYS if key != topics.UNCLASSIFIED]
    assert topics_of(store) == {"1234567890123456": [every[0]], "1234567890123457": [every[1]],
                                "1234567890123458": sorted(every)}
    shown = post_topics.post_topics(store, "05334004", *SEPT).set_index("post_id")["topics"]
    assert [list(shown[p]) for p in sorted(masks)] == [[every[0][0]], [every[1][0]], [k for k, _ in every]]
    for i, key in enumerate(topics.TOPIC_KEYS):  # the expression itself, bit by bit (sonstiges: 0)
        assert store.query_value(f"SELECT {topics.mask_topics_sql(str(1 << i if key != topics.UNCLASSIFIED else 0))}") \
            == [key]


def test_a_correction_replaces_the_rules_survives_reimport_and_is_audited(imported):
    store, first = imported
    actions.correct_topics(store, OFFICER, KEY, "1234567890123457", ["politik", "sport", "politik"])
    actions.correct_topics(store, OFFICER, KEY, "1234567890123458", ["umwelt"])
    assert topics_of(store)["1234567890123458"] == [("umwelt", "officer")]
    shown = post_topics.post_topics(store, "05334004", *SEPT).set_index("post_id")  # the pages agree with the view
    assert list(shown.loc["1234567890123458", "topics"]) == ["umwelt"] and shown.loc["1234567890123458", "corrected"]
    assert list(shown.loc["1234567890123457", "topics"]) == ["politik", "sport"]
    later = import_file(store, source(FB_SEPT_LATER), ALSDORF)[1]  # the same posts, newer figures
    assert topics_of(store)["1234567890123458"] == [("umwelt", "officer")]
    assert topics_of(store)["1234567890123459"] == [("wirtschaft", "rule")]   # Wochenmarkt, new in the later export
    undo_import(store, later, actor="test")
    undo_import(store, first, actor="test")
    assert topics_of(store) == {}  # no posts, no topics (the correction stays stored for a re-import)
    import_file(store, source(FB_SEPT), ALSDORF)
    assert topics_of(store)["1234567890123458"] == [("umwelt", "officer")]
    audit = store.query_df("SELECT actor, action, target FROM core.audit WHERE action = 'topic_correction'")
    assert audit["actor"].tolist() == [OFFICER.id, OFFICER.id]
    actions.correct_topics(store, OFFICER, KEY, "1234567890123458", [])  # back to the rules
    assert topics_of(store)["1234567890123458"] == [("sonstiges", "rule")]


def test_only_the_towns_officers_correct_and_unknown_topics_are_refused(imported):
    store, _ = imported
    with pytest.raises(Forbidden):
        actions.correct_topics(store, BAESWEILER, KEY, "1234567890123456", ["politik"])
    with pytest.raises(post_topics.TopicError, match="Unbekannte Themen: feuerwehrfest"):
        actions.correct_topics(store, OFFICER, KEY, "1234567890123456", ["feuerwehrfest"])
    assert topics_of(store)["1234567890123456"] == [("verkehr", "rule")]


def test_an_officers_word_classifies_every_post_again(imported):
    store, _ = imported
    actions.add_topic_word(store, BAESWEILER, "umwelt", "hyperlink*")  # any officer: the words are shared
    assert topics_of(store)["1234567890123458"] == [("umwelt", "rule")]
    assert post_topics.words(store)[["topic", "term", "added_by"]].values.tolist() == [
        ["umwelt", "hyperlink*", BAESWEILER.id]]
    actions.remove_topic_word(store, OFFICER, "umwelt", "hyperlink*")
    assert topics_of(store)["1234567890123458"] == [("sonstiges", "rule")]
    with pytest.raises(post_topics.TopicError, match="Unbekanntes Thema"):
        actions.add_topic_word(store, OFFICER, "sonstiges", "egal")
    with pytest.raises(Forbidden):
        actions.add_topic_word(store, Actor("rat@stadt.example", council=True), "umwelt", "klima*")


def test_figures_per_topic_sum_the_posts(imported):
    store, _ = imported
    posts = store.query_df("SELECT post_id, reach FROM mart.posts ORDER BY post_id")
    reach = dict(zip(posts["post_id"], posts["reach"], strict=True))
    per_platform = post_topics.by_topic(store, ["05334004"], *SEPT)
    totals = post_topics.totals(per_platform).set_index("topic")
    assert totals.loc["politik", "posts"] == 1 and totals.loc["politik", "reach"] == reach["1234567890123457"]
    assert totals.loc["sport", "reach"] == reach["1234567890123457"]  # a post with two topics counts in both
    assert bool(totals["few_posts"].all())  # 1 post per topic: the small-number warning
    mix = post_topics.mix(store, "05334004", ["05334004", "05334008"], *SEPT).set_index("topic")
    assert mix.loc["verkehr", "town_share"] == pytest.approx(100 / 3)
    assert mix["town_posts"].sum() == 4  # 3 posts, one of them with two topics
