"""Page benchmark at state-wide scale: each analysis page's script run warm (AppTest) against
the bare DuckDB queries that produce the same numbers, and against a pandas-in-the-page
dashboard (load the tables into DataFrames, group in pandas), all measured in the same run.

    python -m bench.pages [--db data/bench_nrw.duckdb] [--runs 5] [--regenerate]

The dataset is bench/scale.py's (generated when missing). "Bare queries" are exactly the SQL
statements the page issued on a cold run, recorded and replayed on a fresh cursor. The pandas
way is timed twice: loading the tables every run, and with the DataFrames already in memory.
Targets (issue 4): page ≤ 1.5 × bare queries, < 1 s warm, ≥ 10 × faster than the pandas way.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import subprocess
import sys
import time
import warnings
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from analytics import age, benchmark, rates
from analytics.store import Store
from bench import scale

PROJECT = Path(__file__).resolve().parents[1]
APP = str(PROJECT / "app.py")
GROUP = "land:05"          # all 396 municipalities of NRW
TOWN = "05315000"          # Köln
PAGES = {
    "Vergleich": ("views/vergleich.py", {"gruppe": GROUP}),
    "Altersgruppen": ("views/altersgruppen.py", {"ags": TOWN}),
    "Kanäle": ("views/kanaele.py", {"gruppe": GROUP}),
    "Beiträge": ("views/beitraege.py", {"ags": TOWN}),
    "Methodik": ("views/methodik.py", {}),
}


def timed(fn) -> float:
    """Seconds `fn()` took."""
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def _median_time(fn, runs: int) -> float:
    return statistics.median(timed(fn) for _ in range(runs))


@contextmanager
def recording():
    """Record every (store, sql, params) the Store runs while the block is active."""
    calls: list[tuple[Store, str, object]] = []
    originals = {name: getattr(Store, name) for name in ("query_df", "query_rows", "query_value")}

    def recorded(original):
        def query(self, sql, params=None):
            calls.append((self, sql, params))
            return original(self, sql, params)
        return query

    for name, original in originals.items():
        setattr(Store, name, recorded(original))
    try:
        yield calls
    finally:
        for name, original in originals.items():
            setattr(Store, name, original)


def bare_timing(calls: list, runs: int) -> float:
    """Replay the page's recorded statements on a fresh cursor, fetching results as DataFrames."""
    def replay():
        for store, sql, params in calls:
            with store.cursor() as cur:
                cur.execute(sql, params or []).df()
    replay()  # warm DuckDB's buffers like the page's warm runs
    return _median_time(replay, runs)


def one_page(db: Path, name: str, runs: int) -> dict:
    """In a fresh process: the page cold (empty caches, every statement recorded), warm, and the
    recorded statements replayed bare on the same connection."""
    from streamlit.testing.v1 import AppTest

    for name_ in ("streamlit", "streamlit.runtime.scriptrunner_utils.script_run_context"):
        logging.getLogger(name_).setLevel(logging.ERROR)
    os.environ["BUERGERNAH_DB"] = str(db)
    page, params = PAGES[name]
    at = AppTest.from_file(APP, default_timeout=600)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()  # the default page (Wochenbericht) and the app frame
    at.switch_page(page)
    with recording() as calls:
        t0 = time.perf_counter()
        at.run()
        cold = time.perf_counter() - t0
    if at.exception:
        raise RuntimeError(f"{name}: {at.exception[0].message}")
    warm = _median_time(at.run, runs)
    return {"cold": cold, "warm": warm, "queries": len(calls), "bare": bare_timing(calls, runs)}


def page_timings(db: Path, runs: int) -> dict[str, dict]:
    results = {}
    for name in PAGES:
        out = subprocess.run([sys.executable, "-m", "bench.pages", "--db", str(db), "--runs", str(runs),
                              "--one-page", name], cwd=PROJECT, capture_output=True, text=True, check=False)
        if out.returncode:
            raise RuntimeError(f"{name}: {out.stderr[-2000:]}")
        results[name] = json.loads(out.stdout.strip().splitlines()[-1])
    return results


# -- the pandas way ------------------------------------------------------------------------
def load_tables(store: Store) -> dict[str, pd.DataFrame]:
    """What a pandas dashboard does first: the tables into DataFrames."""
    return {
        "municipalities": store.query_df("SELECT * FROM mart.municipalities"),
        "accounts": store.query_df("SELECT * FROM core.mat_accounts"),
        "posts": store.query_df("SELECT * FROM core.mat_posts"),
        "daily": store.query_df("SELECT * FROM core.mat_daily"),
        "audience": store.query_df("SELECT * FROM mart.audience"),
        "population": store.query_df("SELECT * FROM mart.population_by_age"),
        "age_groups": store.query_df("SELECT * FROM core.age_groups"),
    }


def _interactions(posts: pd.DataFrame) -> pd.Series:
    parts = posts[["likes", "comments", "shares"]]
    return parts.fillna(0).sum(axis=1).where(parts.notna().any(axis=1))


def _last_on_or_before(daily: pd.DataFrame, day: date) -> pd.Series:
    d = daily[(daily["day"] <= pd.Timestamp(day)) & daily["followers"].notna()]
    return d.sort_values("day").groupby("account_key")["followers"].last()


def pandas_vergleich(t: dict, start: date, end: date) -> pd.DataFrame:
    towns = t["municipalities"][t["municipalities"]["land_code"] == "05"][["ags", "name", "population_total"]]
    acc = t["accounts"][t["accounts"]["ags"].isin(towns["ags"])]
    posts = t["posts"][t["posts"]["account_key"].isin(acc["account_key"])]
    posts = posts[(posts["day"] >= pd.Timestamp(start)) & (posts["day"] <= pd.Timestamp(end))].copy()
    posts["interactions"] = _interactions(posts)
    posts["i_reach"] = posts["interactions"].where(posts["reach"].notna())
    posts["reel"] = posts["post_type"].str.contains("reel", case=False, na=False)
    p = posts.groupby("ags").agg(posts=("post_id", "size"), interactions=("interactions", "sum"),
                                 reach=("reach", "sum"), i_reach=("i_reach", "sum"), reels=("reel", "sum"),
                                 typed=("post_type", "count"))
    daily = t["daily"][t["daily"]["account_key"].isin(acc["account_key"])]
    fs = _last_on_or_before(daily, start).rename("fs")
    fe = _last_on_or_before(daily, end).rename("fe")
    f = acc.set_index("account_key")[["ags"]].join(fs).join(fe).dropna(subset=["fe"])
    f = f.groupby("ags").agg(fs=("fs", lambda s: s.sum() if s.notna().all() else np.nan), fe=("fe", "sum"))
    out = towns.set_index("ags").join(p).join(f)
    days = (pd.Timestamp(end) - pd.Timestamp(start)).days
    out["followers_per_1k_inhabitants"] = rates.per_thousand(out["fe"], out["population_total"])
    out["er_follower_period"] = rates.er_follower_period(out["interactions"], out["posts"], out["fs"], out["fe"])
    out["er_reach"] = rates.percent_of(out["i_reach"], out["reach"])
    out["posts_per_week"] = rates.posts_per_week(out["posts"].fillna(0), days + 1)
    out["follower_growth_weekly"] = rates.weekly_growth(out["fs"], out["fe"], days)
    out["reels_share"] = rates.share(out["reels"], out["typed"])
    values = out["followers_per_1k_inhabitants"].dropna()
    out.attrs["quantiles"] = np.quantile(values, [0.25, 0.5, 0.75])
    return out


def pandas_altersgruppen(t: dict) -> pd.DataFrame:
    a = t["audience"][(t["audience"]["ags"] == TOWN) & (t["audience"]["age_group"] != "all")]
    latest = a.groupby(["account_key", "audience"])["as_of"].transform("max")
    a = a[a["as_of"] == latest]
    g = a.groupby(["platform", "account_key", "audience", "as_of", "age_group"], as_index=False)[
        ["share", "count"]].sum(min_count=1).rename(columns={"share": "audience_share", "count": "audience_count"})
    accounts = g[["platform", "account_key", "audience", "as_of"]].drop_duplicates()
    grid = accounts.merge(t["age_groups"], how="cross").merge(g, how="left", on=[
        "platform", "account_key", "audience", "as_of", "age_group"])
    pop = t["population"][t["population"]["ags"] == TOWN][["age_group", "population", "source", "reference_date"]]
    grid = grid.merge(pop.rename(columns={"source": "population_source", "reference_date": "population_date"}),
                      on="age_group", how="left")
    grid["missing"] = grid["audience_share"].isna()
    grid["share_missing"] = False
    grid["has_counts"] = grid["audience_count"].notna()
    return age.representation(grid)


def pandas_kanaele(t: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    towns = t["municipalities"][t["municipalities"]["land_code"] == "05"]
    acc = t["accounts"][t["accounts"]["ags"].isin(towns["ags"])]
    daily = t["daily"][t["daily"]["account_key"].isin(acc["account_key"]) & t["daily"]["followers"].notna()]
    last = daily.sort_values("day").groupby("account_key").agg(followers=("followers", "last"), last_daily=("day", "max"))
    posts = t["posts"][t["posts"]["account_key"].isin(acc["account_key"])].groupby("account_key").agg(
        posts=("post_id", "size"), last_post=("day", "max"))
    presence = acc.set_index("account_key").join(last).join(posts)
    top = presence.groupby("ags")["followers"].sum().nlargest(12).index
    d = daily[daily["account_key"].isin(presence.index[presence["ags"].isin(top)])].copy()
    d["week_start"] = d["day"] - pd.to_timedelta(d["day"].dt.day_of_week, unit="D")
    weekly = d.sort_values("day").groupby(["account_key", "week_start"], as_index=False)["followers"].last()
    return presence, weekly


def pandas_beitraege(t: dict, start: date, end: date) -> dict[str, pd.DataFrame]:
    posts = t["posts"][(t["posts"]["ags"] == TOWN) & (t["posts"]["day"] >= pd.Timestamp(start))
                       & (t["posts"]["day"] <= pd.Timestamp(end))].copy()
    posts["interactions"] = _interactions(posts)
    daily = t["daily"][(t["daily"]["ags"] == TOWN) & t["daily"]["followers"].notna()][["account_key", "day", "followers"]]
    merged = pd.merge_asof(posts.sort_values("day"), daily.sort_values("day"), on="day", by="account_key")
    merged["er_follower_post"] = rates.percent_of(merged["interactions"], merged["followers"])
    top = merged.sort_values(["interactions", "reach"], ascending=False).head(10)
    types = merged.groupby(["platform", "post_type"]).agg(posts=("post_id", "size"),
                                                          interactions_mean=("interactions", "mean"),
                                                          er=("er_follower_post", "mean"))
    local = merged["published_at"].dt.tz_convert("Europe/Berlin")
    heat = merged.assign(weekday=local.dt.day_of_week, hour=local.dt.hour).groupby(["weekday", "hour"]).agg(
        posts=("post_id", "size"), interactions_mean=("interactions", "mean"))
    merged["week_start"] = merged["day"] - pd.to_timedelta(merged["day"].dt.day_of_week, unit="D")
    views = merged.groupby(["platform", "week_start"])["views"].sum()
    return {"top": top, "types": types, "heat": heat, "views": views}


def check_same_numbers(store: Store, tables: dict, start: date, end: date) -> None:
    """The pandas way must produce the numbers the pages show."""
    sql = benchmark.town_metrics(store, GROUP, start, end).set_index("ags")
    pd_ = pandas_vergleich(tables, start, end)
    for column in ("followers_per_1k_inhabitants", "er_follower_period", "posts_per_week", "reels_share"):
        assert np.allclose(sql[column].to_numpy(float), pd_.loc[sql.index, column].to_numpy(float), equal_nan=True), column
    quantiles = benchmark.group_stats(sql.reset_index()).set_index("metric").loc["followers_per_1k_inhabitants"]
    assert np.allclose([quantiles["q25"], quantiles["median"], quantiles["q75"]], pd_.attrs["quantiles"])
    a_sql = age.age_distribution(store, TOWN)
    a_pd = pandas_altersgruppen(tables)
    assert np.allclose(a_sql["index"].to_numpy(float), a_pd.sort_values(["platform", "account_key", "sort_order"])[
        "index"].to_numpy(float), equal_nan=True)


def main(argv: list[str] | None = None) -> None:
    warnings.filterwarnings("ignore", message="The inplace keyword")  # DuckDB's .df() on pandas 3
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=scale.DEFAULT_DB)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--one-page", choices=list(PAGES), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one_page:
        print(json.dumps(one_page(args.db, args.one_page, args.runs)))
        return
    if args.regenerate or not args.db.exists():
        scale.main(["--db", str(args.db)])

    with Store(args.db) as store:
        last = pd.Timestamp(store.query_value("SELECT max(day) FROM core.mat_daily")).date()
        counts = store.query_df("SELECT (SELECT count(*) FROM core.mat_posts) AS posts, "
                                "(SELECT count(*) FROM core.daily_values) AS daily_values, "
                                "(SELECT count(*) FROM core.accounts) AS accounts").iloc[0]
    start, end = last - timedelta(days=89), last
    print(f"Dataset {args.db}: {counts['accounts']:,} accounts, {counts['posts']:,} posts, "
          f"{counts['daily_values']:,} daily values; period {start} – {end}; {os.cpu_count()} CPUs")

    pages = page_timings(args.db, args.runs)
    with Store(args.db) as store:
        t0 = time.perf_counter()
        tables = load_tables(store)
        load_time = time.perf_counter() - t0
        check_same_numbers(store, tables, start, end)
        pandas_fns = {
            "Vergleich": lambda: pandas_vergleich(tables, start, end),
            "Altersgruppen": lambda: pandas_altersgruppen(tables),
            "Kanäle": lambda: pandas_kanaele(tables),
            "Beiträge": lambda: pandas_beitraege(tables, start, end),
        }
        rows = []
        for name, result in pages.items():
            bare = result["bare"]
            compute = _median_time(pandas_fns[name], args.runs) if name in pandas_fns else float("nan")
            pandas_total = load_time + compute
            rows.append({
                "page": name, "warm_s": result["warm"], "cold_s": result["cold"], "queries": result["queries"],
                "bare_s": bare, "page/bare": result["warm"] / bare if result["queries"] else float("nan"),
                "cold/bare": result["cold"] / bare if result["queries"] else float("nan"),
                "pandas_s": pandas_total, "pandas/page": pandas_total / result["warm"],
                "pandas_compute_s": compute, "pandas_compute/page": compute / result["warm"],
            })
    report = pd.DataFrame(rows).set_index("page")
    with pd.option_context("display.float_format", "{:,.3f}".format, "display.width", 200):
        print(report.to_string())
    print(f"pandas: loading the tables took {load_time:.2f} s (counted in pandas_s, once per page run)")
    print("Targets: page/bare ≤ 1.5 (warm), warm < 1 s, pandas/page ≥ 10.")


if __name__ == "__main__":
    main()
