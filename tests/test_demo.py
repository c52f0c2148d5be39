"""The demo generator: deterministic, real formats, the towns' situation, plausible magnitudes."""

from __future__ import annotations

from datetime import date

from connectors import demo
from connectors.base import SourceFile
from connectors.registry import detect

FIXED = date(2026, 11, 23)


def test_generator_is_deterministic(tmp_path):
    first = {p.name: p.read_bytes() for p, _, _ in demo.generate(tmp_path / "a", FIXED)}
    second = {p.name: p.read_bytes() for p, _, _ in demo.generate(tmp_path / "b", FIXED)}
    assert first == second
    assert len(first) == 27


def test_files_are_in_the_platforms_real_formats(tmp_path):
    files = demo.generate(tmp_path, FIXED)
    kinds = {}
    for path, _, _ in files:
        data = path.read_bytes()
        kinds.setdefault(detect(SourceFile(path.name, data)).FORMAT, []).append(data)
    assert set(kinds) == {"meta_posts", "meta_daily", "meta_audience", "youtube_demographics"}
    assert all(d.startswith(b"\xef\xbb\xbf") for d in kinds["meta_posts"])  # UTF-8 BOM
    assert all(d.startswith(b"\xff\xfe") for d in kinds["meta_daily"])  # UTF-16LE BOM
    assert all("sep=,".encode("utf-16-le") in d[:20] for d in kinds["meta_daily"] + kinds["meta_audience"])
    assert all("–".encode() in d for d in kinds["youtube_demographics"])  # en dash age labels


def test_demo_mirrors_the_towns_situation(demo_store):
    accounts = demo_store.query_df("SELECT ags, platform, first_activity_date FROM mart.accounts")
    platforms = accounts.groupby("ags")["platform"].apply(set).to_dict()
    assert platforms["05334004"] == {"facebook", "youtube"}
    assert platforms["05334008"] == {"facebook"}
    assert platforms["05334016"] == {"facebook", "instagram", "youtube"}
    assert platforms["05334036"] == {"facebook", "instagram"}
    first = accounts[accounts["platform"] == "facebook"].set_index("ags")["first_activity_date"]
    today = demo_store.query_value("SELECT max(day) FROM mart.account_daily")
    assert (today - first["05334008"].date()).days < 60  # Baesweiler: only the last few weeks
    assert all(650 < (today - first[a].date()).days < 800 for a in ("05334004", "05334016", "05334036"))


def test_demo_magnitudes_are_plausible(demo_store):
    latest = demo_store.query_df(
        "SELECT account_key, platform, arg_max(followers, day) AS followers FROM mart.account_daily GROUP BY ALL"
    )
    fb = latest[latest["platform"] == "facebook"].set_index("account_key")["followers"]
    # Baesweiler's officer has entered no follower count: its total is unknown, not a sum of gains
    assert fb.isna().sum() == 1 and fb.dropna().between(2000, 9000).all() and len(fb.dropna()) == 3
    reach = demo_store.query_df("SELECT reach FROM mart.posts")["reach"]
    assert reach.median() > 100 and reach.quantile(0.9) < 10000
    weeks = demo_store.query_value("SELECT count(DISTINCT date_trunc('week', published_at)) FROM mart.posts")
    assert 26 <= weeks <= 27


def test_load_if_empty_respects_existing_data_and_removal(store):
    assert demo.load_if_empty(store, FIXED) == 27
    assert demo.load_if_empty(store, FIXED) == 0  # not twice
    from connectors.loader import remove_demo_data

    assert remove_demo_data(store) == 27 + 5  # the files and the officers' five follower entries
    assert store.query_value("SELECT count(*) FROM mart.posts") == 0
    assert demo.load_if_empty(store, FIXED) == 0  # the user removed it: stays removed


def test_facebook_audience_is_older_than_instagrams(demo_store):
    shares = demo_store.query_df(
        """SELECT platform, sum(share) FILTER (age_group IN ('18-24', '25-34')) AS young,
                  sum(share) FILTER (age_group IN ('55-64', '65+')) AS old
           FROM mart.audience WHERE audience = 'followers' AND ags = '05334016' GROUP BY platform"""
    ).set_index("platform")
    assert shares.at["instagram", "young"] > 0.4 > shares.at["facebook", "young"]
    assert shares.at["facebook", "old"] > 0.35 > shares.at["instagram", "old"]
