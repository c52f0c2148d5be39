"""Topic taxonomy and rule classifier: examples per topic, multi-topic posts, hard negatives,
officers' words, agreement of Python and SQL, and the quality floor on the labelled posts."""

from __future__ import annotations

from collections import Counter

import duckdb
import pytest

from analytics import topics
from analytics.topics import RULES, TOPIC_KEYS, TOPICS, UNCLASSIFIED, classify, classify_sql, evaluate, normalize_term
from bench.topics import load_labelled, quality

LABELLED = load_labelled()

# Strings that stress the matching: umlauts and their transliteration, decomposed umlauts, ß and
# capital ẞ, emoji with and without U+FE0F, hashtags, punctuation, line breaks, case, phrases.
TRICKY = [
    None, "", "   ", "\n\n", "🚧", "⚠", "⚠️⚠️ ACHTUNG!!!", "STRASSENSPERRUNG", "Strassensperrung, Straßensperrung",
    "GROẞBAUSTELLE", "Buergerbuero", "Bu\u0308rgerbu\u0308ro", "#Baustelle#Kita", "a#baustelle", "##kita",
    "Baustelle🚧Umleitung", "Rat,Rat.Rat;RAT", "(m/w/d)", "Sachbearbeitung (w/m/d)\nTeilzeit", "wir suchende",
    "Tag der offenen\nTür", "Tag der offenen Türen", "🚧Tag der offenen Tür", "Mit Rat und Tat", "Heirat Vorrat Notvorrat",
    "im Alter von 91 Jahren", "Wohnen im Alter", "Öcher Bend", "Pänz un Omma", "Kita-Navigator", "Save the Date!",
    "Public-Viewing", "#visitaachen visitaachen", "Klimaschutzmanager*in (m/w/d)", "KITA\tSCHULE\rSENIOREN",
    "Fastelovend: Kölle Alaaf! 🎭🎉", "Hitze 🌡️ und Starkregen", "Stellungnahme Haltestelle Ausstellung Bestellung",
    "Schulden Hochschule Schulung", "Business Busch Bussard", "Transport", "natürlich gefahren", "Verkehrsverein",
    "Strafzettel Ꝁ K Kelvin ſ", "Оптимізація Баustelle", "Ab 70 Jahren, über 60 Stände", "100. Geburtstag",
]


def topic_set(text: str | None, **kwargs) -> set[str]:
    return set(classify(text, **kwargs))


def sql_classify(texts: list[str | None], extra=None) -> dict[int, list[str]]:
    """`classify_sql` over the texts, as {index: [topics in display order]}."""
    con = duckdb.connect()
    con.execute("CREATE TABLE posts (post_key INTEGER, message VARCHAR)")
    con.executemany("INSERT INTO posts VALUES (?, ?)", list(enumerate(texts)))
    rows = con.execute(classify_sql("posts", extra)).fetchall()
    con.close()
    result: dict[int, set[str]] = {}
    for key, topic in rows:
        assert topic not in result.setdefault(key, set()), f"post {key}: {topic} twice"
        result[key].add(topic)
    return {key: [t for t in TOPIC_KEYS if t in found] for key, found in result.items()}


def test_taxonomy():
    assert TOPIC_KEYS == ("buergerservice", "verkehr", "veranstaltungen", "stellen", "warnungen", "politik", "umwelt",
                          "familie", "senioren", "wirtschaft", "sport", "tourismus", "sonstiges")
    assert TOPICS[-1].key == UNCLASSIFIED == "sonstiges" and UNCLASSIFIED not in RULES
    assert set(RULES) == set(TOPIC_KEYS) - {UNCLASSIFIED}
    for topic in TOPICS:
        assert topic.de and topic.en and topic.description_de and topic.description_en
        assert 2 <= len(topic.examples) <= 3
    for key, terms in RULES.items():
        assert len(terms) == len(set(terms)), f"{key}: duplicate terms"
        assert all(normalize_term(term) == term for term in terms), key


@pytest.mark.parametrize("topic", TOPICS, ids=TOPIC_KEYS)
def test_documented_examples_get_their_topic(topic):
    for example in topic.examples:
        found = topic_set(example)
        assert topic.key in found, (example, found)
        assert topic.key != UNCLASSIFIED or found == {UNCLASSIFIED}


@pytest.mark.parametrize("text, key, words", [
    ("Das Bürgerbüro bleibt am Freitag geschlossen.", "buergerservice", ["Bürgerbüro"]),
    ("🚧 Vollsperrung der Hauptstraße, Umleitung ausgeschildert", "verkehr", ["🚧", "Vollsperrung", "Umleitung"]),
    ("Open Air im Stadtpark: Konzert ab 19 Uhr", "veranstaltungen", ["Open Air", "Konzert"]),
    ("Erzieher*in (m/w/d) gesucht – jetzt bewerben!", "stellen", ["m/w/d", "bewerben"]),
    ("⚠️ Unwetterwarnung für die StädteRegion", "warnungen", ["⚠️", "Unwetterwarnung"]),
    ("Der Stadtrat hat den Haushaltsplan beschlossen.", "politik", ["Stadtrat", "Haushaltsplan", "beschlossen"]),
    ("Neue Blühwiese für Insekten 🐝 #klimaschutz", "umwelt", ["🐝", "Blühwiese", "Insekten", "#klimaschutz"]),
    ("Ferienspiele für Pänz von 6 bis 12", "familie", ["Ferienspiele", "Pänz"]),
    ("Seniorennachmittag mit Omma und Oppa", "senioren", ["Seniorennachmittag", "Omma", "Oppa"]),
    ("Glasfaserausbau im Gewerbegebiet startet", "wirtschaft", ["Glasfaserausbau", "Gewerbegebiet"]),
    ("Das Freibad öffnet – 🏊 ab 10 Uhr", "sport", ["🏊", "Freibad"]),
    ("Stadtführung für Gäste, Tickets in der Tourist-Info #visitaachen", "tourismus",
     ["Stadtführung", "Tourist", "#visitaachen"]),
])
def test_one_example_per_topic_with_its_words(text, key, words):
    result = classify(text)
    assert result[key] == words
    assert UNCLASSIFIED not in result


def test_multi_topic_posts():
    assert topic_set("Wegen des Stadtfests ist die Marktstraße gesperrt, Busse fahren eine Umleitung.") \
        == {"verkehr", "veranstaltungen"}
    assert topic_set("Ferienprogramm: Fußballcamp und Schwimmkurs für Kinder") == {"familie", "sport"}
    assert topic_set("Der Seniorenbeirat tagt im Rathaus.") == {"politik", "senioren"}
    assert classify("Sitzung des Jugendrats") == {"politik": ["Jugendrats"], "familie": ["Jugendrats"]}
    assert classify("Die Termine der Stadtfeste stehen fest: feste Zeiten") == {"veranstaltungen": ["Stadtfeste"]}


@pytest.mark.parametrize("text, not_topic", [
    ("An dieser Stelle ein großes Dankeschön an alle Helferinnen!", "stellen"),
    ("Die Ausstellung im Museum, die Haltestelle am Markt und 20 Stellplätze", "stellen"),
    ("Im Jobcenter gelten neue Sprechzeiten.", "stellen"),
    ("Der Ratgeber „Nebenkosten“ liegt im Rathaus aus.", "politik"),
    ("Mit Rat und Tat helfen die Energieberater.", "politik"),
    ("Heiraten im Standesamt – Notvorrat für den Ernstfall", "politik"),
    ("Prunksitzung der Karnevalsgesellschaft, Karten im Vorverkauf", "politik"),
    ("Die Sitzung des Sportvereins: Tagesordnung und Wahl des Vorstands-Kassierers", "politik"),
    ("Die Fahrt nach Aachen ist natürlich kostenlos", "umwelt"),
    ("Wir sind mit dem Bagger gefahren.", "warnungen"),
    ("Die Volkshochschule bietet eine Schulung an; die Schulden der Stadt sinken.", "familie"),
    ("Business-Frühstück im Stadtteilbüro Busch", "verkehr"),
    ("Der Verkehrsverein lädt zur Wanderung.", "verkehr"),
    ("Transport der Bühne zum Marktplatz", "sport"),
    ("Die Stadt trauert um ihren Ehrenbürger, der im Alter von 91 Jahren verstorben ist.", "senioren"),
    ("Wochenmarkt am Dienstag auf dem Markt", "veranstaltungen"),
    ("Visit Aachen: visitaachen, ohne Raute", "tourismus"),
])
def test_hard_negatives(text, not_topic):
    assert not_topic not in topic_set(text)


def test_unclassified_and_empty_text():
    assert classify(None) == classify("") == classify("  \n ") == {UNCLASSIFIED: []}
    assert classify("Frohe Ostern! 🐣 Wir wünschen allen schöne Feiertage.") == {UNCLASSIFIED: []}


def test_case_umlauts_transliteration_and_emoji():
    assert classify("STRASSENSPERRUNG") == {"verkehr": ["STRASSENSPERRUNG"]}
    assert classify("GROẞBAUSTELLE") == {"verkehr": ["GROẞBAUSTELLE"]}
    assert classify("Buergerbuero") == {"buergerservice": ["Buergerbuero"]}
    assert classify("Bu\u0308rgerbu\u0308ro") == {"buergerservice": ["Bu\u0308rgerbu\u0308ro"]}
    assert classify("⚠ ⚠️ ⚠") == {"warnungen": ["⚠", "⚠️"]}
    assert classify("Baustelle🚧Umleitung") == {"verkehr": ["🚧", "Baustelle", "Umleitung"]}
    assert classify("#Ratssitzung: #rat") == {"politik": ["#Ratssitzung", "#rat"]}
    assert classify("Tag der offenen\nTür") == {"veranstaltungen": ["Tag der offenen\nTür"]}
    assert classify("wir suchende Menschen") == {UNCLASSIFIED: []}  # a phrase ends at a word end


def test_officer_words_extend_topics():
    text = "Kickerturnier im Jugendtreff, Anmeldung beim Kreissportbund"
    assert topic_set(text) == {"familie", "sport"}
    extra = {"veranstaltungen": ["*turnier*", "Anmeldung"], "familie": ["-jugendtreff"]}
    assert classify(text, extra) == {"veranstaltungen": ["Kickerturnier", "Anmeldung"],
                                     "sport": ["Kickerturnier", "Kreissportbund"]}
    assert classify("Öcher Schängche", {"tourismus": ["öcher schängche", "🏛️"]}) == {"tourismus": ["Öcher Schängche"]}
    assert topic_set("Öcher Schängche") == {UNCLASSIFIED}


@pytest.mark.parametrize("extra", [{"unbekannt": ["wort"]}, {UNCLASSIFIED: ["wort"]}, {"sport": [""]},
                                   {"sport": ["*"]}, {"sport": ["a*b"]}, {"sport": ["#"]}, {"sport": ["🇩🇪"]},
                                   {"sport": ["(m/w/d)"]}, {"sport": ["*🚧"]}])
def test_invalid_officer_words_are_refused(extra):
    with pytest.raises(ValueError):
        classify("Sport", extra)


def test_normalize_term():
    assert normalize_term("  Bürger   Büro ") == "bürger büro"
    assert normalize_term("ERZIEHER*") == "erzieher*"
    assert normalize_term("⚠️") == "⚠️"


def test_sql_agrees_with_python_on_the_labelled_posts_and_tricky_strings():
    texts = [p["text"] for p in LABELLED] + TRICKY
    result = sql_classify(texts)
    assert set(result) == set(range(len(texts)))
    for index, text in enumerate(texts):
        assert result[index] == list(classify(text)), repr(text)


def test_sql_agrees_with_python_with_officer_words():
    extra = {"veranstaltungen": ["*turnier*", "anmeldung", "tag der vereine", "🎈"], "familie": ["-jugendtreff"],
             "sport": ["-kreissportbund"]}
    texts = ["Kickerturnier im Jugendtreff, Anmeldung beim Kreissportbund", "Tag der Vereine 🎈", None] + TRICKY
    result = sql_classify(texts, extra)
    for index, text in enumerate(texts):
        assert result[index] == list(classify(text, extra)), repr(text)


def test_sql_over_a_subquery_and_rows_per_post():
    con = duckdb.connect()
    rows = con.execute(classify_sql(
        "(SELECT * FROM (VALUES (1, 'Baustelle am Rathaus, Ratssitzung'), (2, NULL), (3, 'Hallo')) t(post_key, message))"
    ) + " ORDER BY post_key, topic").fetchall()
    assert rows == [(1, "politik"), (1, "verkehr"), (2, UNCLASSIFIED), (3, UNCLASSIFIED)]


def test_evaluate():
    gold = {1: {"verkehr"}, 2: {"verkehr", "politik"}, 3: {UNCLASSIFIED}, 4: {"sport"}}
    predicted = {1: {"verkehr"}, 2: {"politik"}, 3: {"verkehr"}, 4: {UNCLASSIFIED}}
    result = evaluate(gold, predicted)
    assert result["topics"]["verkehr"] == {"n_true": 2, "n_predicted": 2, "tp": 1, "precision": 0.5, "recall": 0.5}
    assert result["topics"]["politik"]["precision"] == 1.0 and result["topics"]["sport"]["recall"] == 0.0
    assert result["unclassified"] == pytest.approx(1 / 3) and result["predicted_sonstiges"] == 0.25
    real = [t for t in TOPIC_KEYS if t != UNCLASSIFIED]
    assert result["macro_recall"] == pytest.approx((0.5 + 1.0) / len(real))


def test_labelled_set_is_large_varied_and_valid():
    assert len(LABELLED) >= 320 and len({p["id"] for p in LABELLED}) == len(LABELLED)
    counts = Counter(t for p in LABELLED for t in p["topics"])
    assert set(counts) == set(TOPIC_KEYS)
    assert min(counts[t] for t in TOPIC_KEYS if t != UNCLASSIFIED) >= 15
    assert 0.05 <= counts[UNCLASSIFIED] / len(LABELLED) <= 0.08
    assert all(p["topics"] == {UNCLASSIFIED} or UNCLASSIFIED not in p["topics"] for p in LABELLED)
    assert sum(len(p["topics"]) > 1 for p in LABELLED) / len(LABELLED) >= 0.15
    assert {p["platform"] for p in LABELLED} == {"facebook", "instagram", "youtube", "tiktok", "linkedin", "x",
                                                 "mastodon"}
    assert len({p["town"] for p in LABELLED}) >= 15


def test_quality_floor_on_the_labelled_set():
    result = quality(LABELLED)
    assert result["macro_precision"] >= 0.85, result
    assert result["macro_recall"] >= 0.75, result
    assert result["unclassified"] <= 0.10, result


def test_python_rules_are_cached_per_extra():
    topics._python_rules.cache_clear()
    classify("Baustelle")
    classify("Kita", {"sport": ["kicker*"]})
    classify("Rat", {"sport": ["kicker*"]})
    assert topics._python_rules.cache_info().misses == 2
