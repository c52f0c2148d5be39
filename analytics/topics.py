"""Municipal topic taxonomy and a transparent German rule classifier for posts.

Every post gets one or more topics from `TOPICS`; a post no rule matches gets `sonstiges`. The
rules are plain data (`RULES`: topic key → terms) and run locally: in Python for one text
(`classify`, which also returns the matched words, the "why") and set-based in DuckDB SQL for
the import path (`classify_sql`, or `masks_sql` for a bit mask of topics per post). Both give the
same topics. See docs/topics.md.

Term notation (case-insensitive; a term written with ä/ö/ü/ß also matches ae/oe/ue/ss):

    rat                 whole word: "Rat", "#rat"; not "Ratgeber", "Heirat"
    baustell*           word beginning with: "Baustelle", "Baustellen"
    *baustell*          part of a word (compounds): "Großbaustelle", "Baustellenampel"
    *sperrung           word ending with: "Vollsperrung", "Sperrung"
    #visit*             hashtag only: "#visitaachen"
    tag der offenen tür phrase: a space stands for spaces, line breaks or punctuation between the
                        words; other punctuation is literal ("m/w/d", "e-scooter"). A phrase starts
                        at the text's start or after a space or punctuation, and begins and ends
                        with a letter or digit.
    🚧                  an emoji (one character), anywhere, with or without U+FE0F
    -natürlich*         exception: a word matching it never counts for the topic; a phrase
                        exception ("-rat und tat") takes its words out of every topic

Words are runs of digits and Latin letters (with umlauts, ß and combining marks); everything else
separates them. A word may match several topics ("Seniorenbeirat": senioren and politik). A
phrase takes precedence over the words in it. Officers extend topics with their own terms in the
same notation (`extra`); corrections of single posts are stored per post and override the rules.

How it works: one regex pass finds the phrases and emojis of a text, a second one (over the text
with its phrases blanked out) the words containing any term; each distinct token is then checked
against the topics' anchored patterns. In SQL these are `regexp_extract_all` passes (RE2) and a
join on the small set of distinct tokens; Python uses `re` with the same explicit classes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Topic:
    key: str
    de: str
    en: str
    description_de: str
    description_en: str
    examples: tuple[str, ...]


TOPICS: tuple[Topic, ...] = (
    Topic("buergerservice", "Bürgerservice & Verwaltung", "Citizen services & administration",
          "Bürgerbüro, Ausweise, Standesamt, Termine, Online-Dienste, Steuern und Gebühren, Abfuhr und Abfallkalender.",
          "Citizens' office, ID documents, registry office, appointments, online services, local taxes, "
          "waste collection.",
          ("Das Bürgerbüro ist am Freitag ab 12 Uhr geschlossen. Termine online buchen!",
           "Reisepässe rechtzeitig vor den Sommerferien beantragen.",
           "Der Abfallkalender 2026 ist da.")),
    Topic("verkehr", "Baustellen & Verkehr", "Roadworks & traffic",
          "Baustellen, Sperrungen, Umleitungen, Bus und Bahn, Rad- und Fußverkehr, Parken, Winterdienst.",
          "Roadworks, closures, diversions, public transport, cycling and walking, parking, winter road service.",
          ("🚧 Baustelle Bahnhofstraße: ab Montag Vollsperrung, Umleitung ist ausgeschildert.",
           "Wegen Gleisarbeiten fahren Ersatzbusse.",
           "Neue Radvorrangroute fertig! 🚲")),
    Topic("veranstaltungen", "Veranstaltungen & Kultur", "Events & culture",
          "Feste, Märkte, Kirmes und Karneval, Konzerte, Theater, Museen, Lesungen, Ausstellungen, VHS.",
          "Festivals, fairs, carnival, concerts, theatre, museums, readings, exhibitions, adult education.",
          ("Save the date! Am 14. Juni steigt die Museumsnacht.",
           "Kirmes auf dem Lindenplatz – von Freitag bis Dienstag.",
           "Prunksitzung: Kartenvorverkauf ab dem 11.11.")),
    Topic("stellen", "Stellenangebote & Ausbildung", "Jobs & apprenticeships",
          "Stellenausschreibungen der Stadt und ihrer Betriebe, Ausbildung, duales Studium, Praktikum, FSJ.",
          "Job offers of the town and its companies, apprenticeships, dual study, internships, voluntary year.",
          ("Wir suchen eine Sachbearbeitung (m/w/d), EG 9b TVöD. Jetzt bewerben!",
           "Starte deine Ausbildung im Rathaus! #azubi",
           "Duales Studium Bachelor of Laws – Start 1. September.")),
    Topic("warnungen", "Warnungen & Notfälle", "Warnings & emergencies",
          "Unwetter, Hochwasser, Hitze, Brände, Bombenfunde, Stromausfall, Trinkwasser, Warntag, Betrugsmaschen.",
          "Severe weather, floods, heat, fires, unexploded bombs, power cuts, drinking water, siren tests, scams.",
          ("⚠️ Unwetterwarnung: Starkregen und Sturmböen ab heute Nachmittag.",
           "Bombenfund in Deutz: Evakuierung ab 14 Uhr.",
           "Trinkwasser abkochen! Bis auf Weiteres gilt ein Abkochgebot.")),
    Topic("politik", "Rat & Politik", "Council & politics",
          "Rat, Ausschüsse, Bezirksvertretungen, Beiräte, Haushalt, Beschlüsse, Wahlen, Bürgerbeteiligung.",
          "Council, committees, district councils, advisory boards, budget, decisions, elections, participation.",
          ("Die nächste Sitzung des Rates findet am Donnerstag im Ratssaal statt.",
           "Kommunalwahl am 14. September: So funktioniert die Briefwahl.",
           "Der Rat hat den Doppelhaushalt beschlossen.")),
    Topic("umwelt", "Umwelt & Klima", "Environment & climate",
          "Klimaschutz und -anpassung, Bäume und Grün, Natur- und Artenschutz, Energie sparen, Müll sammeln.",
          "Climate protection and adaptation, trees and green spaces, nature, energy saving, litter picking.",
          ("1.000 neue Stadtbäume bis 2030! 🌳",
           "Die Stadt fördert Balkonkraftwerke mit bis zu 200 Euro.",
           "Dreck-weg-Tag: 400 Freiwillige sammelten Müll.")),
    Topic("familie", "Kinder, Jugend, Familie & Schule", "Children, youth, family & school",
          "Kitas, Schulen, OGS, Ferienspiele, Spielplätze, Jugendzentren, Jugendamt, Elterngeld.",
          "Day care, schools, after-school care, holiday programmes, playgrounds, youth centres, family benefits.",
          ("Ferienspiele 2025 für Kinder von 6 bis 12 Jahren!",
           "Die Anmeldung für Kitaplätze ist ab 1. November online möglich.",
           "Neuer Spielplatz im Stadtpark eröffnet.")),
    Topic("senioren", "Senioren", "Older people",
          "Angebote für Ältere, Seniorenbeirat, Pflege und Demenz, Rente, Jubiläen (100. Geburtstag, Goldhochzeit).",
          "Offers for older people, seniors' council, care and dementia, pensions, anniversaries.",
          ("Der Seniorennachmittag findet wieder jeden zweiten Mittwoch statt.",
           "Pflegestützpunkt: kostenlose Beratung für Pflegebedürftige und Angehörige.",
           "Herzlichen Glückwunsch zum 100. Geburtstag!")),
    Topic("wirtschaft", "Wirtschaft & Stadtentwicklung", "Economy & urban development",
          "Wirtschaftsförderung, Gewerbe, Handel und Wochenmarkt, Gründungen, Bebauungspläne, Quartiere, "
          "Glasfaser, Strukturwandel.",
          "Business development, commercial areas, retail and market, start-ups, zoning plans, new districts, "
          "broadband, structural change.",
          ("Das Gewerbegebiet Nord ist fast vollständig vermarktet.",
           "Bebauungsplan Nr. 987: Die Unterlagen liegen öffentlich aus.",
           "Glasfaserausbau in Bardenberg startet.")),
    Topic("sport", "Sport & Freizeit", "Sport & leisure",
          "Sportvereine und -stätten, Bäder, Läufe, Turniere, Sportförderung, Bewegungsangebote.",
          "Sports clubs and facilities, pools, runs, tournaments, sports funding, exercise offers.",
          ("Freibad-Saison ist eröffnet! 🏊",
           "Der Lousberglauf findet am 18. Mai statt.",
           "Sportlerehrung 2025: Nominierungen durch die Vereine.")),
    Topic("tourismus", "Tourismus", "Tourism",
          "Tourist-Info, Stadtführungen, Sehenswürdigkeiten, Ausflüge, Wandern, Übernachtungen, Gäste.",
          "Tourist information, guided tours, sights, day trips, hiking, overnight stays, visitors.",
          ("Neue öffentliche Stadtführung jeden Samstag ab Elisenbrunnen.",
           "Monschau ist immer eine Reise wert! #eifel #ausflugstipp",
           "Der Wohnmobilstellplatz ist wieder geöffnet.")),
    Topic("sonstiges", "Sonstiges", "Other",
          "Alles, was keine Regel trifft: Grüße zu Feiertagen, Dank, Gedenken, Gewinnspiele, Kanalhinweise.",
          "Everything no rule matches: holiday greetings, thanks, remembrance, competitions, channel news.",
          ("Frohe Ostern! 🐣", "Danke für 10.000 Follower!")),
)
TOPIC_KEYS: tuple[str, ...] = tuple(topic.key for topic in TOPICS)
TOPIC_BY_KEY: dict[str, Topic] = {topic.key: topic for topic in TOPICS}
UNCLASSIFIED = "sonstiges"

# The rules: one term per string, notation in the module docstring. `sonstiges` has none.
RULES: dict[str, tuple[str, ...]] = {
    "buergerservice": (
        "*bürgerbüro*", "*bürgerservice*", "*bürgeramt*", "*kundenzentr*", "*stadtbüro*", "*servicecenter*",
        "*serviceportal*", "öffnungszeit*", "*sprechzeit*", "terminbuchung*", "terminvergabe*", "beantrag*",
        "*ausweis*", "perso", "reisepass*", "reisepäss*", "passbild*", "*standesamt*", "*beurkund*", "*urkunde*",
        "*meldebescheinigung*", "ummeld*", "wohnsitz*", "*behörde*", "aufenthaltstitel*", "einbürgerung*",
        "*zulassung*", "*fundbüro*", "*fundsache*", "wohngeld*", "*bürgergeld*", "sozialamt*", "jobcenter*",
        "schiedsperson*", "*steuer", "steuer*", "-steuern",
        "abfallkalender*", "*abfuhr*", "*sperrmüll*", "*tonne", "gelbe säcke", "gelben säcke", "*wertstoffhof*",
        "*recyclinghof*", "*grünschnitt*", "*reinigung", "mängelmelder*",
    ),
    "verkehr": (
        "*baustell*", "*sperrung*", "gesperrt", "*umleitung*", "*verkehr*", "-verkehrsverein*", "*fahrbahn*",
        "*kanalbau*", "*kanalarbeit*", "*zufahrt*", "*befahrbar*", "umfahr*", "anlieger*", "ampel*", "unfall*",
        "stau", "staus", "blitzer*", "geschwindigkeit*", "tempo", "kreisel*", "tunnel*",
        "bus*", "*bus", "*busse", "-business*", "-busch*", "-bussard*", "bahn", "bahnen", "bahnübergang*",
        "*bahnlinie*", "gleis*", "öpnv", "kvb", "aseag", "*haltestell*", "fahrplan*", "fahrpläne*", "*ticket",
        "-ticket", "shuttle*", "taxi*", "carsharing*", "e-scooter*", "ladesäule*", "*mobilität*", "*pendler*",
        "parken", "*parkhaus*", "*parkgebühr*", "*parkausweis*", "*parkverbot*", "*halteverbot*", "tiefgarage*",
        "*radweg*", "*fahrrad*", "*radfahr*", "radler*", "radel*", "*radroute*", "fußgänger*", "*gehweg*",
        "*schulweg*", "zebrastreifen*", "*winterdienst*", "streufahrzeug*", "räumpflicht*",
        "🚧", "🚌", "🚲", "🚆", "🚋", "🚏", "🚦",
    ),
    "veranstaltungen": (
        "*veranstaltung*", "event*", "save the date", "eintritt*", "*vorverkauf*", "tag der offenen tür",
        "*fest", "*feste", "*festen", "*fests", "*festes", "-fest", "-feste", "-festen", "*festival*", "festakt*", "festumzug*", "festzelt*", "feuerwerk*", "party*", "*party*",
        "dj", "streetfood*", "street food", "frühschoppen*", "mittelalter*", "open air", "public viewing",
        "*markt", "-markt", "-wochenmarkt*", "-*arbeitsmarkt*", "-supermarkt*", "-baumarkt*", "-getränkemarkt*",
        "-wohnungsmarkt*", "*kirmes*", "bend", "*karneval*", "fastelovend", "fastelovvend", "alaaf", "helau",
        "jeck*", "prunksitzung*", "dreigestirn*", "*martinszug*", "st. martin", "sankt martin",
        "*kultur*", "*konzert*", "*musik*", "jazz*", "sinfonie*", "*orchester*", "chor", "*theater*", "*bühne*",
        "spielzeit*", "premiere*", "kabarett*", "comedy", "*kino*", "*lesung*", "*ausstellung*", "vernissage*",
        "*museum*", "*bibliothek*", "vhs", "volkshochschule*",
        "🎭", "🎸", "🎻", "🎬", "🍿", "🎡", "🎢", "🎪", "🎟",
    ),
    "stellen": (
        "m/w/d", "w/m/d", "m/w/x", "d/m/w", "*stellenangebot*", "*stellenausschreibung*", "*stellenanzeige*",
        "stellenbörse*", "offene stellen", "freie stellen", "stellen zu besetzen", "stellt ein", "stellen ein",
        "wir suchen", "suchen wir", "werde teil", "werden sie teil", "verstärkung*", "hiring", "apply now",
        "job*", "*job", "*jobs", "-jobcenter*", "-jobticket*", "*karriere*", "bewerb*", "recruiting*",
        "arbeitgeber*", "interamt*", "tvöd", "tv-l", "entgeltgruppe*", "einstellungstest*", "quereinsteiger*",
        "*quereinstieg*", "teilzeit*", "vollzeit*", "unbefristet*",
        "ausbildung*", "*ausbildung", "*azubi*", "auszubildende*", "*praktikum*", "praktikant*", "duales studium",
        "#dualesstudium", "fsj", "freiwilliges soziales jahr", "bundesfreiwilligendienst*", "bfd",
    ),
    "warnungen": (
        "warn*", "*warnung*", "*warntag*", "achtung", "vorsicht", "*gefahr*", "-gefahren", "*notfall*",
        "*katastroph*", "bevölkerungsschutz*", "zivilschutz*", "notvorrat*", "*sirene*", "nina", "katwarn",
        "cell broadcast", "meiden", "meidet",
        "*unwetter*", "extremwetter*", "dwd", "*wetterdienst*", "sturm*", "*gewitter*", "*starkregen*",
        "*hochwasser*", "pegel*", "überflut*", "*hitze*", "glätte", "glatteis*",
        "*brand", "*brände", "waldbrand*", "rauchentwicklung*", "fenster und türen", "gasgeruch*", "*gasleck*",
        "gasaustritt*", "*stromausfall*", "*abkoch*", "*evakuier*", "bombenfund*", "*blindgänger*",
        "kampfmittel*", "*betrug*", "betrüger*", "eichenprozessionsspinner*", "giftköder*",
        "⚠", "🚨", "🌡",
    ),
    "politik": (
        "rat", "rates", "räte", "rats*", "-ratsam*", "-ratschl*", "*rat", "*rats", "*rates", "*räte", "-heirat*",
        "-*vorrat*", "-apparat*", "-referat*", "-inserat*", "-separat*", "-karat*", "-rat und tat",
        "*ausschuss*", "*ausschüss*", "sitzungssaal*", "niederschrift*",
        "bezirksvertretung*", "*parlament*", "*fraktion*", "*politik*", "politisch*", "resolution*",
        "*beschluss*", "beschlossen", "beschließ*", "haushalts*", "doppelhaushalt*", "bürgerhaushalt*", "kämmer*",
        "*wahl", "*wahlen", "wahl*", "-wahl", "-vorstandswahl*", "-*auswahl", "-wahlweise", "kandidat*", "kandidierend*", "vereidig*",
        "einwohnerversammlung*", "bürgerversammlung*", "*beteiligung*", "bürgerfragestunde*",
        "bürgersprechstunde*", "mitbestimmung*", "*demokratie*", "landtag*", "bundestag*",
        "🗳",
    ),
    "umwelt": (
        "*klima*", "*umwelt*", "natur*", "-natürlich*", "*nachhaltig*", "nationalpark*",
        "*baum", "*bäume", "*bäumen", "*baumes", "baumschutz*", "*grünfläche*", "stadtgrün", "*begrünung*",
        "grünanlage*", "*insekt*", "biene*", "blüh*", "wildblume*", "artenschutz*", "*artenvielfalt*",
        "biodiversität*", "renaturier*", "*streuobst*", "vögel",
        "müll", "*müll", "-*sperrmüll*", "-*restmüll*", "müllsammel*", "*sammelaktion*", "dreck weg",
        "aufräumaktion*", "*recycling*", "*bioabfall*", "repair*",
        "*photovoltaik*", "*solar*", "balkonkraftwerk*", "*wärmepump*", "*wärmeplan*", "*wärmewende*",
        "*energiewende*", "*energiespar*", "*energieberat*", "co2", "*luftqualität*", "*luftreinhalt*",
        "stickstoffdioxid*", "feinstaub*", "stadtradeln*",
        "🌳", "🌱", "🌿", "♻", "🐝", "🌍",
    ),
    "familie": (
        "kind", "*kinder*", "*jugend*", "*familie*", "*eltern*", "baby*", "pänz", "blagen",
        "*kita*", "tagesmutter*", "tagesmütter*", "ogs", "*ganztag*",
        "schul*", "-schuld*", "-schulung*", "*schule", "*schulen", "*schulkind*", "*schüler*", "-*hochschul*",
        "-fahrschul*", "einschulung*", "girls day", "boys day", "#girlsday",
        "*ferienspiel*", "*ferienprogramm*", "ferienbetreuung*", "ferienlager*", "ferienfreizeit*",
        "*spielplatz*", "*spielplätz*",
        "👶", "🧒", "🎒",
    ),
    "senioren": (
        "*senior*", "ältere*", "im alter", "-im alter von", "älter werden", "ab 60", "ab 65", "ab 70", "ab 75",
        "ab 80", "oma", "opa", "omas", "opas", "omma", "oppa", "großeltern*", "generationen*", "-generationen",
        "mehrgeneration*", "pflege*", "-pflegefamilie*", "-pflegekind*", "-pflegeeltern*", "-pflegeschnitt*",
        "*demenz*", "hausnotruf*", "rollator*", "betreutes wohnen", "barrierefrei*", "einsamkeit*", "tanztee*",
        "rente", "renten*", "rentner*",
        "goldhochzeit*", "goldene hochzeit", "goldenen hochzeit", "diamantene hochzeit", "eiserne hochzeit",
        "#goldenehochzeit", "100. geburtstag", "jubilar*",
        "👵", "👴",
    ),
    "wirtschaft": (
        "*wirtschaft*", "*gewerbe*", "unternehm*", "betriebe", "firma", "firmen*", "*gründer*", "gründung*",
        "existenzgründ*", "start-up*", "*startup*", "innovation*", "ihk", "hwk", "handwerk", "handwerks*",
        "industrie*", "logistik*", "wasserstoff*", "*fachkräfte*", "arbeitsplatz*", "arbeitsplätze*",
        "standort", "*standort", "*strukturwandel*", "revier", "*technologiepark*", "*gewerbepark*", "invest*",
        "*einzelhandel*", "*händler*", "*wochenmarkt*", "shop local", "#shoplocal", "ladenlokal*",
        "*leerstand*", "verkaufsoffen*",
        "*stadtentwicklung*", "*entwicklungskonzept*", "*handlungskonzept*", "masterplan*", "*städtebau*",
        "*quartier*", "*bebauungsplan*", "bauleitplan*", "flächennutzungsplan*", "*baugebiet*",
        "*baugrundstück*", "bauland*", "*wohnungsbau*", "wohnraum*", "*glasfaser*", "breitband*",
        "🛍",
    ),
    "sport": (
        "*sport*", "-*transport*", "*mannschaft*", "*turnier*", "*meisterschaft*", "weltcup*", "*pokal*",
        "heimspiel*", "auswärtsspiel*", "public viewing", "trainier*", "training*", "trainer*", "*stadion*",
        "*turnhalle*", "kunstrasen*", "*bolzplatz*", "*fußball*", "*tennis*", "yoga*", "*fitness*",
        "*freibad*", "*hallenbad*", "*schwimmbad*", "*bad", "-bad", "*bäder*", "baden", "badesee*",
        "strandbad*", "*schwimm*",
        "*lauf", "-verlauf", "-ablauf", "-umlauf", "-vorlauf", "-anlauf", "-zulauf", "-kreislauf", "-auflauf",
        "-durchlauf", "-rücklauf", "-einlauf", "läufer*", "laufgruppe*", "lauftreff*", "*marathon*",
        "*skate*", "bmx", "dirtbike*", "mountainbike*", "klettern", "kletterhalle*", "kanu*", "paddel*",
        "drachenboot*", "ski", "langlauf*", "loipe*", "stadtradeln*",
        "⚽", "🏊", "🚴", "🏀", "🎾", "🏐", "🥅", "🏆", "🛹", "⛷",
    ),
    "tourismus": (
        "*touris*", "*stadtführung*", "führung*", "-führungskr*", "-führungszeugnis*", "gästeführ*",
        "*sehenswürdig*", "sightseeing*", "*ausflug*", "-betriebsausflug*", "*aussicht", "reise wert",
        "*übernachtung*", "*unterkunft*", "*unterkünft*", "*hotel*", "ferienwohnung*", "*wohnmobil*",
        "camping*", "haus des gastes", "#visit*", "welcome to", "day trip", "travel*", "souvenir*",
        "wander*", "eifelsteig*", "#eifel*", "*schifffahrt*", "*rundfahrt*", "burg", "burgen", "fachwerk*",
        "*denkmal*",
        "🏰", "🧳", "🗺",
    ),
}

# Word characters: digits, Latin letters (German with umlauts and ß, and the Latin letters of
# names and loanwords) and combining marks (a decomposed "ü"); everything else separates words.
# Explicit classes, the same in Python's re and in RE2, keep the two engines in agreement and
# RE2's DFA small (a Unicode class like \p{L} under (?i) with hundreds of terms outgrows RE2's
# memory budget, and RE2 falls back to a far slower engine).
_LETTERS = "0-9A-Za-zÀ-ÖØ-öø-ɏẞ\u0300-\u036f"
_W = f"[{_LETTERS}]"
# Characters between the words of a phrase, and before a phrase (or the text starts there).
_SEPARATORS = (" \t\n\r\f\v\u00a0\u2009\u202f-\u2010\u2011\u2012\u2013\u2014\u2015/.,:;!?'\u2018\u2019\""
               "\u201c\u201d\u201e()&+*")
_TRANSLIT = {"ä": "(?:ä|ae|a\u0308)", "ö": "(?:ö|oe|o\u0308)", "ü": "(?:ü|ue|u\u0308)", "ß": "(?:ß|ss)"}
_CONTROL = {"\t": r"\t", "\n": r"\n", "\r": r"\r", "\f": r"\f", "\v": r"\v"}
_VS16 = "\ufe0f"


def _char(ch: str) -> str:
    if ch in _TRANSLIT:
        return _TRANSLIT[ch]
    if ch in _CONTROL:
        return _CONTROL[ch]
    return "\\" + ch if ch.isascii() and not ch.isalnum() else ch


_SEPARATOR_CLASS = "[" + "".join(_char(ch) for ch in _SEPARATORS) + "]"


@dataclass(frozen=True)
class _Term:
    body: str  # lower case, without the markers
    kind: str  # "word", "phrase" or "emoji"
    open_start: bool  # "*…": may be preceded by letters of the same word
    open_end: bool  # "…*": may be followed by letters of the same word
    hashtag: bool
    exception: bool


def normalize_term(term: str) -> str:
    """The term in canonical form (NFC, lower case, single spaces); ValueError if it is not valid."""
    text = " ".join(unicodedata.normalize("NFC", term).lower().split())
    _parse(text)
    return text


def _parse(term: str) -> _Term:
    rest = term
    exception = rest.startswith("-")
    rest = rest[1:] if exception else rest
    hashtag = rest.startswith("#")
    rest = rest[1:] if hashtag else rest
    open_start = rest.startswith("*")
    open_end = rest.endswith("*") and len(rest) > 1
    body = rest[1 if open_start else 0:len(rest) - (1 if open_end else 0)].replace(_VS16, "")
    if not body or "*" in body or "#" in body:
        raise ValueError(f"Ungültiger Begriff: {term!r}")
    if not any(ch.isalnum() for ch in body):
        if hashtag or open_start or open_end or len(body) != 1:
            raise ValueError(f"Ungültiger Begriff: {term!r} (ein Emoji, ohne * oder #)")
        return _Term(body, "emoji", False, False, False, exception)
    if not (body[0].isalnum() and body[-1].isalnum()):
        raise ValueError(f"Ungültiger Begriff: {term!r} (muss mit Buchstabe oder Ziffer beginnen und enden)")
    return _Term(body, "word" if body.isalnum() else "phrase", open_start, open_end, hashtag, exception)


def _shape(core: str, hashtag: bool, open_start: bool, open_end: bool) -> str:
    """The pattern a whole token must match: `core` with the markers of its term(s)."""
    return ("#" if hashtag else "#?") + (_W + "*" if open_start else "") + core + (_W + "*" if open_end else "")


def _phrase(term: _Term) -> str:
    return _shape(_literal(term.body), term.hashtag, term.open_start, term.open_end)


def _literal(body: str) -> str:
    return "".join(_SEPARATOR_CLASS + "+" if ch == " " else _char(ch) for ch in body)


def _alternation(patterns: Iterable[str]) -> str:
    return "(?:" + "|".join(patterns) + ")"


def _trie(words: Iterable[str], prefixes_suffice: bool) -> str:
    """An alternation of the words with common prefixes factored out. With `prefixes_suffice` (the
    words are followed by "any letters"), a word makes its longer continuations redundant."""
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        if "" in node and prefixes_suffice:
            return ""
        branches = [_char(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            return _alternation(branches) + "?" if branches else ""
        return branches[0] if len(branches) == 1 else _alternation(branches)

    return emit(root)


def _emoji(term: _Term) -> str:
    return _char(term.body) + _VS16 + "?"


def _pattern(terms: Iterable[_Term]) -> str:
    """One pattern a whole token matches if it matches any of the terms. Word terms of the same
    shape share a trie: few copies of the letter class keep RE2's compile time low."""
    shapes: dict[tuple[bool, bool, bool], set[str]] = {}
    alternatives = set()
    for term in terms:
        if term.kind == "word":
            shapes.setdefault((term.hashtag, term.open_start, term.open_end), set()).add(term.body)
        else:
            alternatives.add(_emoji(term) if term.kind == "emoji" else _phrase(term))
    for (hashtag, open_start, open_end), bodies in shapes.items():
        alternatives.add(_shape(_trie(bodies, open_end), hashtag, open_start, open_end))
    return "(?i)" + _alternation(sorted(alternatives))


@dataclass(frozen=True)
class _Rules:
    marks: str | None  # first pass: phrases (with the separator before them) and emojis
    words: str  # second pass: words containing a term, in the text without its phrases
    topics: tuple[tuple[str, str, str | None], ...]  # (key, pattern, exception pattern), display order


def _build(extra: tuple[tuple[str, tuple[str, ...]], ...], start: str) -> _Rules:
    """The patterns for the rules plus `extra`; `start`: where a word token may begin.

    Two passes, as phrases, words and emojis in one pattern make RE2's DFA track them in every
    combination and outgrow its memory (any two of them are fine)."""
    terms: dict[str, list[_Term]] = {key: [_parse(t) for t in RULES.get(key, ())] for key in TOPIC_KEYS}
    for key, words in extra:
        terms[key].extend(_parse(word) for word in words)
    every = [term for key in TOPIC_KEYS for term in terms[key]]
    # Longer phrases first, so that the longest phrase starting at a word wins.
    phrases = sorted({_phrase(t) for t in every if t.kind == "phrase"}, key=lambda p: (-len(p), p))
    marks = ([f"(?:^|{_SEPARATOR_CLASS}){_alternation(phrases)}{_W}*"] if phrases else []) \
        + sorted({_emoji(t) for t in every if t.kind == "emoji"})
    words = f"(?i){start}{_W}*{_trie({t.body for t in every if t.kind == 'word'}, True)}{_W}*"
    topics = []
    for key in TOPIC_KEYS:
        positive = [t for t in terms[key] if not t.exception]
        negative = [t for t in terms[key] if t.exception]
        if positive:
            topics.append((key, _pattern(positive), _pattern(negative) if negative else None))
    return _Rules("(?i)" + "|".join(marks) if marks else None, words, tuple(topics))


def _extra_key(extra: Mapping[str, Iterable[str]] | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """`extra` as a hashable, validated value (unknown topics and `sonstiges` are refused)."""
    if not extra:
        return ()
    items = []
    for key, words in extra.items():
        if key not in TOPIC_KEYS or key == UNCLASSIFIED:
            raise ValueError(f"Unbekanntes Thema: {key!r}")
        items.append((key, tuple(sorted({normalize_term(w) for w in words}))))
    return tuple(sorted(items))


_HAS_LETTER = re.compile(_W)


@lru_cache(maxsize=32)
def _python_rules(extra: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple:
    # RE2 has no look-behind; its leftmost match starts at a word start anyway (a word token runs
    # from there over the whole word), so the look-behind only saves Python trying mid-word.
    rules = _build(extra, start=f"(?:#|(?<!{_W}))")
    topics = tuple((key, re.compile(pattern), re.compile(neg) if neg else None) for key, pattern, neg in rules.topics)
    return re.compile(rules.marks) if rules.marks else None, re.compile(rules.words), topics


def classify(text: str | None, extra: Mapping[str, Iterable[str]] | None = None) -> dict[str, list[str]]:
    """Topic key → the words that matched, as written in the text, in topic display order;
    `{"sonstiges": []}` if nothing matches. Each word once: phrases and emojis first, then the other
    words, each in text order. `extra`: officers' terms per topic key, in the notation of the rules."""
    marks, words, topics = _python_rules(_extra_key(extra))
    text = text or ""
    first = [m.group() for m in marks.finditer(text)] if marks else []
    if any(_HAS_LETTER.search(mark) for mark in first):  # a phrase: its words are taken
        text = marks.sub(" ", text)
    tokens = [mark.lstrip(_SEPARATORS) for mark in first] + [m.group() for m in words.finditer(text)]
    found: dict[str, list[str]] = {}
    for token in dict.fromkeys(tokens):
        for key, pattern, negative in topics:
            if pattern.fullmatch(token) and not (negative and negative.fullmatch(token)):
                found.setdefault(key, []).append(token)
    if not found:
        return {UNCLASSIFIED: []}
    return {key: found[key] for key in TOPIC_KEYS if key in found}


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def masks_sql(relation: str, extra: Mapping[str, Iterable[str]] | None = None) -> str:
    """A query over `relation` (a table or view name, or a parenthesised subquery) with columns
    `post_key` and `message`, yielding `(post_key, mask)` for every post: bit i of `mask` set for
    topic `TOPIC_KEYS[i]`, 0 for a post without a match (`sonstiges`). `topics_sql` turns masks
    into topic rows.

    Set-based: two regex passes per message find its tokens (phrases and emojis, then the words of
    the text without its phrases); only the distinct tokens are checked against the topics'
    patterns, giving each a bit mask of topics; a post's mask is the OR of its tokens' masks."""
    rules = _build(_extra_key(extra), start="#?")
    mask = " | ".join(
        f"(CASE WHEN regexp_full_match(word, {_sql_string(pattern)})"
        + (f" AND NOT regexp_full_match(word, {_sql_string(neg)})" if neg else "")
        + f" THEN {1 << TOPIC_KEYS.index(key)} ELSE 0 END)"
        for key, pattern, neg in rules.topics
    )
    words = _sql_string(rules.words)
    if rules.marks:
        marks = _sql_string(rules.marks)
        # a phrase takes its words: the second pass reads the text without the phrases
        tokens = f"""list_concat(marks, regexp_extract_all(
                       CASE WHEN regexp_matches(array_to_string(marks, ''), '{_W}')
                            THEN regexp_replace(message, {marks}, ' ', 'g') ELSE message END, {words}))"""
        posts = f"SELECT post_key, message, coalesce(regexp_extract_all(message, {marks}), []) AS marks FROM {relation} AS _src"
    else:
        tokens, posts = f"coalesce(regexp_extract_all(message, {words}), [])", f"SELECT * FROM {relation} AS _src"
    return f"""
        WITH _found AS MATERIALIZED (  -- every post, with NULL for a post without tokens
            SELECT post_key, unnest(CASE WHEN coalesce(len(tokens), 0) = 0 THEN [NULL] ELSE tokens END) AS token
            FROM (SELECT post_key, {tokens} AS tokens FROM ({posts}))
        ),
        _words AS MATERIALIZED (  -- the distinct tokens, a phrase without the separator before it
            SELECT token, {mask or '0'} AS mask
            FROM (SELECT token, ltrim(token, {_sql_string(_SEPARATORS)}) AS word
                  FROM (SELECT DISTINCT token FROM _found WHERE token IS NOT NULL))
        )
        SELECT post_key, coalesce(bit_or(mask), 0) AS mask FROM _found LEFT JOIN _words USING (token) GROUP BY post_key
    """


def mask_topics_sql(mask: str) -> str:
    """SQL for the topic keys (a list, display order) of a mask as from `masks_sql`: `['sonstiges']`
    for 0. Migration 016 spells out the same list for `mart.post_topics`; a test keeps them equal."""
    keys = "[" + ", ".join(f"'{key}'" for key in TOPIC_KEYS) + "]"  # bit i: the (i + 1)th key
    return (f"CASE WHEN {mask} = 0 THEN ['{UNCLASSIFIED}'] "
            f"ELSE list_filter({keys}, (key, i) -> ({mask} >> (i - 1)) & 1 = 1) END")


def topics_sql(masks: str) -> str:
    """`(post_key, topic)` rows, in no particular order, of `masks` (`post_key`, `mask` as from `masks_sql`)."""
    return f"SELECT post_key, unnest({mask_topics_sql('mask')}) AS topic FROM {masks} AS _masks"


def classify_sql(relation: str, extra: Mapping[str, Iterable[str]] | None = None) -> str:
    """`(post_key, topic)` for every post of `relation` (see `masks_sql`): one row per post and topic,
    `sonstiges` for posts without a match; the topics `classify` gives. The words that matched (the
    "why") are not kept: `classify` gives them for the posts a page shows."""
    return topics_sql(f"({masks_sql(relation, extra)})")


def evaluate(gold: Mapping[object, Collection[str]], predicted: Mapping[object, Collection[str]]) -> dict:
    """Precision and recall per topic and their means over the topics except `sonstiges` (0 where a
    topic has no prediction / no gold post), plus the unclassified shares, for posts keyed alike.

    `unclassified`: share of the posts with a real topic that were predicted `sonstiges` only;
    `predicted_sonstiges`: share of all posts predicted `sonstiges`."""
    keys = list(gold)
    per_topic = {}
    for topic in TOPIC_KEYS:
        n_true = sum(topic in gold[k] for k in keys)
        n_pred = sum(topic in predicted[k] for k in keys)
        tp = sum(topic in gold[k] and topic in predicted[k] for k in keys)
        per_topic[topic] = {"n_true": n_true, "n_predicted": n_pred, "tp": tp,
                            "precision": tp / n_pred if n_pred else 0.0, "recall": tp / n_true if n_true else 0.0}
    real = [t for t in TOPIC_KEYS if t != UNCLASSIFIED]
    labelled = [k for k in keys if set(gold[k]) != {UNCLASSIFIED}]
    return {
        "posts": len(keys),
        "topics": per_topic,
        "macro_precision": sum(per_topic[t]["precision"] for t in real) / len(real),
        "macro_recall": sum(per_topic[t]["recall"] for t in real) / len(real),
        "unclassified": sum(set(predicted[k]) == {UNCLASSIFIED} for k in labelled) / len(labelled) if labelled else 0.0,
        "predicted_sonstiges": sum(set(predicted[k]) == {UNCLASSIFIED} for k in keys) / len(keys) if keys else 0.0,
    }
