"""Deterministic demo data: synthetic exports in the platforms' real formats for the four
Nordkreis towns, imported through the connectors exactly like an officer's upload.

The situation mirrors the towns': Alsdorf, Herzogenrath and Würselen on Facebook for about two
years, Baesweiler only for the last few weeks; Instagram only in Herzogenrath and Würselen;
Meta's `Follows.csv` holds gains only, so the officers of Alsdorf, Herzogenrath and Würselen have
entered their pages' follower counts of the export day, Baesweiler's has not (its total is unknown);
YouTube viewer-age tables for the towns with a channel; `Audience.csv` age × gender for the
Facebook pages (older followers) and Instagram accounts (younger ones). All names, texts and figures are invented.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from analytics.store import PROJECT_DIR, Store

DEMO_DIR = PROJECT_DIR / "data" / "demo"
WEEKS = 26
SEED = 20261122


@dataclass(frozen=True)
class Town:
    ags: str
    name: str
    slug: str
    facebook_days: int | None  # days on Facebook before the export day
    facebook_followers: int
    instagram_days: int | None
    instagram_followers: int
    youtube: bool


TOWNS = [
    Town("05334004", "Alsdorf", "alsdorf", 760, 6200, None, 0, True),
    Town("05334008", "Baesweiler", "baesweiler", 38, 410, None, 0, False),
    Town("05334016", "Herzogenrath", "herzogenrath", 720, 5100, 540, 2600, True),
    Town("05334036", "Würselen", "wuerselen", 700, 4400, 380, 1900, False),
]

FB_HEADER = ['Post ID', 'Page ID', 'Page name', 'Title', 'Description', 'Duration (sec)', 'Publish time',
             'Caption type', 'Permalink', 'Is crosspost', 'Is share', 'Post type', 'Languages',
             'Custom labels', 'Funded content status', 'Data comment', 'Date', 'Views', 'Reach',
             'Reactions, Comments and Shares', 'Reactions', 'Comments', 'Shares', 'Total clicks',
             'Other Clicks', 'Matched Audience Targeting Consumption (Photo Click)']
IG_HEADER = ['Post ID', 'Account ID', 'Account username', 'Account name', 'Description', 'Duration (sec)',
             'Publish time', 'Permalink', 'Post type', 'Data comment', 'Date', 'Views', 'Reach', 'Likes',
             'Shares', 'Follows', 'Comments', 'Saves']
# Captions as town halls write them (topics: analytics/topics.py); {street}, {month} filled in.
CAPTIONS = [
    "Baustelle {street}: ab Montag Umleitung.\nDetails im Link.",
    "🚧 Vollsperrung der {street} von Dienstag bis Freitag – bitte weiträumig umfahren.",
    "Neue Öffnungszeiten im Bürgerbüro ab {month}. Termine gibt's online.",
    "Sperrmüll, Grünschnitt & Co.: der Abfallkalender für {month} ist da.",
    "Personalausweis abgelaufen? Im Bürgerbüro geht's jetzt auch ohne langen Termin-Vorlauf.",
    "Stellenangebot: Wir suchen Erzieherinnen und Erzieher (m/w/d) für unsere Kitas. Jetzt bewerben!",
    "Ausbildung bei der Stadt: Bewerbungsstart für 2027 – Verwaltungsfachangestellte (m/w/d). #ausbildung",
    "Ratssitzung am Donnerstag – die Tagesordnung ist online.",
    "Der Stadtrat hat den Haushalt 2027 beschlossen. Alle Beschlüsse im Ratsinformationssystem.",
    "Sommerfest am Marktplatz, 12 bis 18 Uhr – wir freuen uns auf euch! 🎉",
    "Save the date: Weihnachtsmarkt ab dem ersten Adventswochenende auf dem Rathausplatz 🎄",
    "Konzert im Stadtpark: Eintritt frei, Programm im Link. #kultur",
    "Wochenmarkt am Samstag: „Regional & frisch“ auf dem Rathausplatz.",
    "Neue Gewerbeflächen im Gewerbegebiet Nord: Unternehmen können sich ab sofort melden.",
    "Freibad-Saison: \"Anbaden\" am Wochenende! 🏊",
    "Stadtlauf 2026: Anmeldung für alle Altersklassen geöffnet. #sport",
    "Ferienprogramm für Kinder: Basteln, Zirkus und Waldtage – jetzt anmelden!",
    "Neue Kita an der {street} eröffnet: 75 Plätze für Familien im Stadtteil.",
    "Seniorennachmittag im Bürgerhaus: Kaffee, Kuchen und Sicherheitstipps der Polizei.",
    "⚠️ Unwetterwarnung: Bitte meiden Sie Parks und Wälder. Aktuelle Infos der Feuerwehr im Link.",
    "Probealarm am Donnerstag um 11 Uhr – die Sirenen werden getestet.",
    "Klimaschutz vor Ort: Förderprogramm für Solaranlagen auf Privatdächern startet. ☀️",
    "Baumpflanzaktion im Stadtwald: 500 neue Bäume für ein besseres Klima 🌳",
    "Radtour durch die Region: neue Wanderwege und Rastplätze auf unserer Tourismus-Seite.",
    "Ehrenamtspreis 2026: jetzt Vorschläge einreichen.",
    "Danke an alle, die heute mitgemacht haben! ❤️",
]
STREETS = ["Hauptstraße", "Bahnhofstraße", "Kirchstraße", "Aachener Straße", "Roermonder Straße"]
MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
          "Oktober", "November", "Dezember"]
# Followers by age (percent of all followers, men + women): Facebook's audience is older than
# Instagram's, as in the towns' real pages.
FACEBOOK_AGE = {"18-24": 4.0, "25-34": 12.5, "35-44": 19.0, "45-54": 22.5, "55-64": 23.0, "65+": 19.0}
INSTAGRAM_AGE = {"18-24": 17.0, "25-34": 31.0, "35-44": 24.0, "45-54": 15.0, "55-64": 9.0, "65+": 4.0}
# Share of views per age group (percent): YouTube viewers of a town channel.
YOUTUBE_AGE = {"13–17 years": 3.1, "18–24 years": 9.4, "25–34 years": 17.8, "35–44 years": 21.5,
               "45–54 years": 20.2, "55–64 years": 16.9, "65+ years": 11.1}


def _csv(rows: list[list], *, quote_all: bool = False) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerows(rows)
    return buffer.getvalue()


def _meta_daily(title: str, series: list[tuple[date, int]]) -> bytes:
    """UTF-16LE with BOM, `sep=,`, title line, `"Date","Primary"` (docs §3)."""
    body = "sep=,\n" + _csv([[title], ["Date", "Primary"]] + [[f"{d:%Y-%m-%d}T00:00:00", v] for d, v in series], quote_all=True)
    return "\ufeff".encode("utf-16-le") + body.encode("utf-16-le")


def _audience(rng: random.Random, ages: dict[str, float], town: str) -> bytes:
    """MBS `Audience.csv`: UTF-16LE with BOM, `sep=,`, blocks separated by blank lines (docs §4)."""
    rows = [["Age & gender"], ["", "Men", "Women"]]
    for age, share in ages.items():
        women = share * rng.uniform(0.5, 0.6)
        rows.append([age, f"{share - women:.1f}", f"{women:.1f}"])
    body = ("sep=,\n" + _csv(rows, quote_all=True) + "\n"
            + _csv([["Top cities"], [f"{town}, Germany", "Aachen, Germany"], ["61.5", "8.2"]], quote_all=True) + "\n"
            + _csv([["Top countries"], ["Germany", "Netherlands"], ["93.1", "3.4"]], quote_all=True))
    return "\ufeff".encode("utf-16-le") + body.encode("utf-16-le")


def _followers_series(rng: random.Random, days: int, total: int, end: date) -> list[tuple[date, int]]:
    """Daily new follows adding up to about `total`, with bursts on busy days."""
    weights = [rng.lognormvariate(0, 0.6) * (1.8 if rng.random() < 0.04 else 1) for _ in range(days)]
    scale = total / sum(weights)
    first = end - timedelta(days=days - 1)
    return [(first + timedelta(days=i), round(w * scale)) for i, w in enumerate(weights)]


def _posts(rng: random.Random, start: date, end: date, per_week: float, followers: int) -> list[dict]:
    posts = []
    day = start
    while day <= end:
        for _ in range(sum(rng.random() < per_week / 7 / 2 for _ in range(2))):
            topic = rng.choice(CAPTIONS).format(street=rng.choice(STREETS), month=MONTHS[day.month % 12])
            reach = max(40, int(followers * rng.lognormvariate(-1.2, 0.7)))
            posts.append({
                "at": datetime(day.year, day.month, day.day, rng.choice([8, 9, 10, 11, 12, 14, 16, 17, 18]), rng.choice([0, 15, 30, 45])),
                "text": topic, "reach": reach, "views": int(reach * rng.uniform(1.2, 1.9)),
                "likes": int(reach * rng.uniform(0.01, 0.06)), "comments": int(reach * rng.uniform(0.0, 0.012)),
                "shares": int(reach * rng.uniform(0.0, 0.015)), "clicks": int(reach * rng.uniform(0.01, 0.05)),
            })
        day += timedelta(days=1)
    return posts


def generate(out_dir: Path, today: date | None = None) -> list[tuple[Path, str, str | None]]:
    """Write the demo exports; returns (file, municipality AGS, platform hint) in import order."""
    today = today or date.today()
    end = today - timedelta(days=1)  # exports end yesterday
    start = end - timedelta(weeks=WEEKS) + timedelta(days=1)
    rng = random.Random(SEED)
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*"):
        old.unlink()
    files: list[tuple[Path, str, str | None]] = []

    def write(name: str, data: bytes, ags: str, platform: str | None = None) -> None:
        path = out_dir / name
        path.write_bytes(data)
        files.append((path, ags, platform))

    for n, town in enumerate(TOWNS):
        page_id = f"1000{n + 1:02d}{town.ags}"
        if town.facebook_days:
            first = max(start, end - timedelta(days=town.facebook_days - 1))
            rows = [FB_HEADER]
            for i, p in enumerate(_posts(rng, first, end, 5, town.facebook_followers)):
                post_id = f"{page_id}_{9000 + i}"
                rows.append([post_id, page_id, f"Stadt {town.name}", p["text"], "", 0, f"{p['at']:%m/%d/%Y %H:%M}", "N/A",
                             f"https://www.facebook.com/stadt.{town.slug}/posts/{post_id}", 0, 0,
                             rng.choice(["Photos", "Photos", "Links", "Videos", "Reels"]), "", "", "", "", "Lifetime",
                             p["views"], p["reach"], p["likes"] + p["comments"] + p["shares"], p["likes"],
                             p["comments"], p["shares"], p["clicks"], p["clicks"] // 3, p["clicks"] // 2])
            name = f"{first:%b-%d-%Y}_{end:%b-%d-%Y}_{rng.randrange(10**15, 10**16)}.csv"
            write(name, b"\xef\xbb\xbf" + _csv(rows).encode("utf-8"), town.ags)
            follows = _followers_series(rng, town.facebook_days, town.facebook_followers, end)
            for part in range(0, len(follows), 365):
                write(f"Follows ({town.slug}-fb-{part // 365 + 1}).csv", _meta_daily("Facebook follows", follows[part:part + 365]), town.ags)
            views = [(d, int(town.facebook_followers * rng.uniform(0.15, 0.5))) for d, _ in follows[-WEEKS * 7:]]
            write(f"Views ({town.slug}).csv", _meta_daily("Views", views), town.ags, "facebook")
            if town.facebook_followers > 1000:  # Meta shows demographics from 100 people on
                write(f"Audience ({town.slug}-fb).csv", _audience(rng, FACEBOOK_AGE, town.name), town.ags, "facebook")
        if town.instagram_days:
            account_id = f"178414{town.ags}0{n}"
            handle = f"stadt.{town.slug}"
            first = max(start, end - timedelta(days=town.instagram_days - 1))
            rows = [IG_HEADER]
            for i, p in enumerate(_posts(rng, first, end, 2.5, town.instagram_followers)):
                kind = rng.choice(["IG image", "IG carousel", "IG reel"])
                rows.append([f"179{town.ags}{i:05d}", account_id, handle, f"Stadt {town.name}", p["text"],
                             rng.randint(8, 45) if kind == "IG reel" else 0, f"{p['at']:%m/%d/%Y %H:%M}",
                             f"https://www.instagram.com/{'reel' if kind == 'IG reel' else 'p'}/D{town.slug[:3]}{i:04d}/",
                             kind, "", "Lifetime", p["views"], p["reach"], int(p["likes"] * 2.2), p["shares"],
                             rng.randint(0, 4), p["comments"], int(p["reach"] * rng.uniform(0, 0.02))])
            write(f"{first:%b-%d-%Y}_{end:%b-%d-%Y}_{rng.randrange(10**15, 10**16)}.csv",
                  b"\xef\xbb\xbf" + _csv(rows).encode("utf-8"), town.ags)
            follows = _followers_series(rng, town.instagram_days, town.instagram_followers, end)
            # Instagram's follows file leaves out days with 0 (sparse), per docs §3.
            write(f"Follows ({town.slug}-ig).csv", _meta_daily("Instagram follows", [f for f in follows if f[1]]), town.ags)
            write(f"Audience ({town.slug}-ig).csv", _audience(rng, INSTAGRAM_AGE, town.name), town.ags, "instagram")
        if town.youtube:
            rows = [["Viewer age", "Views (%)", "Average view duration", "Average percentage viewed (%)", "Watch time (hours) (%)"]]
            for label, share in YOUTUBE_AGE.items():
                jitter = round(share * rng.uniform(0.8, 1.2), 2)
                rows.append([label, jitter, f"0:0{rng.randint(1, 5)}:{rng.randint(10, 59)}", round(rng.uniform(20, 60), 2), jitter])
            write(f"viewer_age ({town.slug}).csv", _csv(rows).encode("utf-8"), town.ags)
    return files


def has_data(store: Store) -> bool:
    return bool(store.query_value("SELECT count(*) FROM core.imports WHERE status = 'imported'"))


def has_demo(store: Store) -> bool:
    return bool(store.query_value("SELECT count(*) FROM core.imports WHERE is_demo AND status = 'imported'"))


def load(store: Store, today: date | None = None, out_dir: Path = DEMO_DIR, progress=None) -> int:
    """Generate the demo exports and import them through the connectors; returns the count."""
    # Imported here: every page asks `has_demo`, and the loader brings every connector with it.
    from connectors.base import ImportContext, SourceFile
    from connectors.loader import enter_followers, import_file

    today = today or date.today()
    files = generate(out_dir, today)
    for i, (path, ags, platform) in enumerate(files):
        source = SourceFile(path.name, path.read_bytes(), export_date=today - timedelta(days=1))
        import_file(store, source, ImportContext(municipality=ags, platform=platform, today=today),
                    imported_by="demo", is_demo=True)
        if progress:
            progress(i + 1, len(files), path.name)
    for account_key, count in follower_counts(store):
        enter_followers(store, account_key, today - timedelta(days=1), count, actor="demo", is_demo=True)
    return len(files)


def follower_counts(store: Store) -> list[tuple[str, int]]:
    """The follower counts the demo's officers entered: the page's total on the export day (the
    gains of the demo's exports, which start with the page), except Baesweiler's."""
    totals = {t.ags: t for t in TOWNS}
    frame = store.query_df(
        "SELECT a.account_key, a.ags, sum(d.followers_gained) AS gained FROM mart.account_daily d "
        "JOIN core.accounts a USING (account_key) WHERE a.platform IN ('facebook', 'instagram') "
        "GROUP BY ALL ORDER BY a.account_key")
    return [(row.account_key, int(row.gained)) for row in frame.itertuples()
            if totals[row.ags].name != "Baesweiler"]


def load_if_empty(store: Store, today: date | None = None) -> int:
    """Load the demo into a database without data, unless the user removed the demo before."""
    if has_data(store) or store.get_setting("demo_removed") == "true":
        return 0
    return load(store, today)
