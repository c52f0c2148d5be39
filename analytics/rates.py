"""The formulas of docs/metrics.md §2 on summed components, for scalars, numpy arrays and pandas Series.

SQL sums the components (interactions, posts, followers, reach, views, inhabitants); these
functions turn them into rates. A zero or missing denominator gives NaN ("not defined"), never a
fake 0 — with the one documented exception: the period engagement rate is 0 without posts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def _num(x):
    if isinstance(x, pd.Series):
        return pd.to_numeric(x, errors="coerce").astype("float64")
    if np.ndim(x):
        return np.asarray(x, dtype="float64")
    return np.float64(np.nan) if x is None or x is pd.NA else np.float64(x)


def _masked(result, bad):
    """`result` with NaN where `bad`; keeps the Series / array / float type."""
    if isinstance(result, pd.Series):
        if np.ndim(bad) == 0:
            return result * np.nan if bool(bad) else result
        return result.where(~np.asarray(bad, dtype=bool), np.nan)
    if isinstance(result, np.ndarray):
        return np.where(bad, np.nan, result)
    return float("nan") if bool(bad) else float(result)


def _ratio(num, den, factor: float = 1.0):
    num, den = _num(num), _num(den)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        result = num / den * factor
    return _masked(result, (den == 0) | np.isnan(den))


def per_thousand(value, base):
    """value ÷ base × 1,000 (followers/reach/interactions per 1,000 inhabitants or followers)."""
    return _ratio(value, base, 1000.0)


def percent_of(value, base):
    """value ÷ base × 100 (ER per follower of one post, per reach, per view)."""
    return _ratio(value, base, 100.0)


def average_followers(f_start, f_end):
    """F̄ = (start + end) ÷ 2; with only one end known, that end."""
    s, e = _num(f_start), _num(f_end)
    if isinstance(s, pd.Series | np.ndarray) or isinstance(e, pd.Series | np.ndarray):
        s_, e_ = np.broadcast_arrays(np.asarray(s, dtype="float64"), np.asarray(e, dtype="float64"))
        out = np.where(np.isnan(s_), e_, np.where(np.isnan(e_), s_, (s_ + e_) / 2))
        if isinstance(f_start, pd.Series) or isinstance(f_end, pd.Series):
            return pd.Series(out, index=(f_start if isinstance(f_start, pd.Series) else f_end).index)
        return out
    vals = [v for v in (s, e) if not np.isnan(v)]
    return float(np.mean(vals)) if vals else np.nan


def er_follower_period(interactions, posts, f_start, f_end):
    """(ΣI ÷ P) ÷ F̄ × 100; P = 0 → 0; F̄ = 0 or unknown → NaN."""
    posts_ = _num(posts)
    per_post = _ratio(interactions, posts, 1.0)
    rate = _ratio(per_post, average_followers(f_start, f_end), 100.0)
    no_posts = posts_ == 0
    if isinstance(rate, pd.Series):
        return rate.where(~np.asarray(no_posts, dtype=bool), 0.0) if np.ndim(no_posts) else (rate * 0 if no_posts else rate)
    if isinstance(rate, np.ndarray):
        return np.where(no_posts, 0.0, rate)
    return 0.0 if no_posts else float(rate)


def er_follower_group(interactions_sum, posts_sum, latest_followers_mean):
    """ΣI ÷ ΣP ÷ mean(latest F) × 100 (CrowdTangle); no posts → 0."""
    return er_follower_period(interactions_sum, posts_sum, latest_followers_mean, latest_followers_mean)


def zero_if_missing(values):
    """Missing → 0 (a sum over no rows); arrays and Series alike."""
    values = _num(values)
    return values.fillna(0.0) if isinstance(values, pd.Series) else np.nan_to_num(values, nan=0.0)


def known_where(result, required):
    """`result`, NaN wherever `required` is unknown."""
    return _masked(result, np.isnan(_num(required)))


def net_growth(f_start, f_end):
    return _num(f_end) - _num(f_start)


def weekly_growth(f_start, f_end, days):
    """(F_end ÷ F_start)^(7 ÷ days) − 1 (compounded); undefined for F_start ≤ 0 or days ≤ 0."""
    s, e, d = _num(f_start), _num(f_end), _num(days)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        result = np.power(e / s, 7.0 / d) - 1.0
    return _masked(result, (s <= 0) | (d <= 0) | (e < 0) | np.isnan(s) | np.isnan(e) | np.isnan(d))


def posts_per_week(posts, days):
    """P ÷ days × 7, days = calendar days of the period (incl. days without posts)."""
    return _ratio(posts, days, 7.0)


def share(part, whole):
    """A fraction 0..1 (Reels share); NaN without a whole."""
    return _ratio(part, whole, 1.0)


def representation_index(audience_share, population_share):
    """Share of the audience in a group ÷ the group's share of the population (in the platform's span).

    Missing or suppressed audience shares and empty population groups give NaN.
    """
    return _ratio(audience_share, population_share, 1.0)
