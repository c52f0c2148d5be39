"""The topics on Beiträge and Altersgruppen (issue 13), rendered on the demo database: figures per
topic that match the analytics, the mix against the peer group, the "why" per post, the youngest
channel's topics with the caveat, in German and English."""

from __future__ import annotations

from analytics import fmt, peers, post_topics
from tests.app.test_analysis_pages import charts
from tests.conftest import open_page

HERZOGENRATH = "05334016"


def period(at) -> tuple:
    """The period the page shows (the picker's default: the last 90 days up to the newest data)."""
    return at.date_input[0].value, at.date_input[1].value


def test_beitraege_shows_topics_with_figures_mix_and_why(demo_db_file, demo_store, monkeypatch):
    at = open_page(demo_db_file, monkeypatch, "views/beitraege.py", {"ags": HERZOGENRATH})
    assert "Themen: was die Gemeinde postet und was ankommt" in [s.value for s in at.subheader]
    START, END = period(at)
    totals = post_topics.totals(post_topics.by_topic(demo_store, [HERZOGENRATH], START, END)).set_index("topic")
    table = at.dataframe[1].value.set_index("Thema")  # [0] top posts, [1] topics
    assert table.loc["Bürgerservice & Verwaltung", "Beiträge"] == fmt.number(totals.loc["buergerservice", "posts"])
    few = totals[totals["few_posts"]].index
    for key in few:  # every rate from fewer than 10 posts carries the warning
        name = {"verkehr": "Baustellen & Verkehr", "umwelt": "Umwelt & Klima"}.get(key)
        if name:
            assert table.loc[name, "Interaktionsrate je Reichweite (%)"].startswith("⚠")
    specs = {c.get("title"): c for c in charts(at)}
    assert {"Beiträge je Thema und Plattform", "Interaktionsrate je Thema",
            "Themenmix im Vergleich mit der Vergleichsgruppe"} <= set(specs)
    members = peers.members(demo_store, peers.DEFAULT_GROUP)["ags"].tolist()
    mix = post_topics.mix(demo_store, HERZOGENRATH, members, START, END).set_index("topic")
    assert mix["group_posts"].sum() >= mix["town_posts"].sum() > 0
    posts = at.dataframe[2].value
    assert list(posts.columns) == ["Veröffentlicht", "Plattform", "Text", "Themen", "Warum (gefundene Wörter)"]
    kita = posts[posts["Text"].str.startswith("Neue Kita")].iloc[0]
    assert kita["Themen"] == "Kinder, Jugend, Familie & Schule" and "Kita" in kita["Warum (gefundene Wörter)"]
    # the local user (loopback, no login) is an admin: correction and word forms are offered
    assert {"Themen eines Beitrags korrigieren", "Wort zu einem Thema hinzufügen"} <= {e.label for e in at.expander}


def test_altersgruppen_names_the_youngest_channel_and_says_what_the_data_cannot(demo_db_file, demo_store, monkeypatch):
    at = open_page(demo_db_file, monkeypatch, "views/altersgruppen.py", {"ags": HERZOGENRATH, "lang": "en"})
    START, END = period(at)
    channel = post_topics.youngest_channel(demo_store, HERZOGENRATH, START, END)
    assert channel["platform"] == "instagram"  # Herzogenrath's Instagram audience is younger than Facebook's
    assert "Which topics land on the youngest channel" in [s.value for s in at.subheader]
    intro = next(m.value for m in at.markdown if "youngest channel" in m.value)
    assert "Instagram" in intro and "not per post" in intro
    table = at.dataframe[-1].value
    assert list(table.columns)[:3] == ["Topic", "Posts", "Interactions"]
    rates = post_topics.totals(post_topics.by_topic(demo_store, [HERZOGENRATH], START, END, "instagram"))
    assert len(table) == len(rates)


def test_every_chart_has_a_text_alternative(demo_db_file, monkeypatch):
    at = open_page(demo_db_file, monkeypatch, "views/beitraege.py", {"ags": HERZOGENRATH})

    def walk(node):
        for child in getattr(node, "children", {}).values():
            yield child
            yield from walk(child)

    alts = [el.proto.alt for el in walk(at._tree) if "vega" in str(el.type)]
    assert len(alts) == 6
    assert "Diagramm „Beiträge je Thema und Plattform“; Beiträge (waagerecht) gegen Thema (senkrecht); " \
           "Farbe: Plattform; " in alts[0]
    assert all(a.startswith("Diagramm") and "Datenpunkte" in a for a in alts)
