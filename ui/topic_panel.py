"""Topics of posts on the pages (issue 13): figures per topic, the topic mix against the peer group,
the posts with their topics and why, and the officers' corrections and words (Beiträge); which
topics do best on the channel with the youngest audience (Altersgruppen)."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from analytics import fmt, peers, post_topics, topics
from analytics.i18n import message_text
from analytics.metrics import MIN_POSTS_FOR_RATE
from analytics.post_topics import TopicError
from connectors import actions
from ui import auth
from ui.charts import localized, platform_scale
from ui.downloads import chart_title, period_text, table_downloads
from ui.i18n import lang, pick, platform_name, t, text
from ui.safe import literal
from ui.state import clear_caches, query, store
from ui.tables import show_table
from ui.viz import show_chart

BY_KEY = {p.key: p for p in topics.TOPICS}


def topic_name(key: str, lang_: str) -> str:
    topic = BY_KEY.get(key)
    return pick((topic.de, topic.en), lang_) if topic else key


def _rate(value, few: bool, lang_: str) -> str:
    if pd.isna(value):
        return text("common.unknown", lang_)
    return ("⚠ " if few else "") + fmt.number(value, lang_, 2) + " %"


def topic_table(totals: pd.DataFrame, lang_: str) -> pd.DataFrame:
    """Per topic: posts, interactions, reach, rate with n and the small-number note (German headers)."""
    return pd.DataFrame({
        text("themen.topic", lang_): totals["topic"].map(lambda k: topic_name(k, lang_)),
        text("themen.posts", lang_): totals["posts"].map(lambda v: fmt.number(v, lang_)),
        text("themen.interactions", lang_): totals["interactions"].map(lambda v: fmt.number(v, lang_)),
        text("themen.reach", lang_): totals["reach"].map(lambda v: fmt.number(v, lang_)),
        text("themen.rate", lang_): [_rate(v, f, lang_) for v, f in zip(totals["er_reach"], totals["few_posts"],
                                                                         strict=True)],
        text("themen.n", lang_): totals["rate_posts"].map(lambda v: fmt.number(v, lang_)),
        text("themen.note", lang_): totals["few_posts"].map(
            lambda f: text("themen.few", lang_, n=MIN_POSTS_FOR_RATE) if f else ""),
    })


def posts_chart(frame: pd.DataFrame, lang_: str) -> alt.Chart:
    """Posts per topic, stacked by platform (legend), every topic labelled."""
    topic, platform, posts = text("themen.topic", lang_), text("common.platform", lang_), text("themen.posts", lang_)
    chart = alt.Chart(frame).mark_bar().encode(
        x=alt.X("posts:Q", title=posts, stack="zero"),
        y=alt.Y("topic_label:N", title=topic, sort=list(dict.fromkeys(frame["topic_label"])),
                axis=alt.Axis(labelLimit=260)),
        color=alt.Color("platform_label:N", title=platform, scale=platform_scale(frame["platform"]),
                        legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("topic_label:N", title=topic), alt.Tooltip("platform_label:N", title=platform),
                 alt.Tooltip("posts:Q", title=posts, format=",d"),
                 alt.Tooltip("interactions:Q", title=text("themen.interactions", lang_), format=",d")],
    ).properties(height=alt.Step(24), title=text("themen.by_platform", lang_))  # a band per topic: every label shows
    return localized(chart, lang_)


def rate_chart(frame: pd.DataFrame, lang_: str) -> alt.Chart:
    """The rate per topic with its n as a label; topics under the small-number threshold lighter."""
    topic, rate = text("themen.topic", lang_), text("themen.rate", lang_)
    base = alt.Chart(frame).encode(
        y=alt.Y("topic_label:N", title=topic, sort=list(frame["topic_label"]), axis=alt.Axis(labelLimit=260)),
        x=alt.X("er_reach:Q", title=rate),
    )
    bars = base.mark_bar().encode(
        opacity=alt.condition("datum.few_posts", alt.value(0.35), alt.value(1.0)),
        color=alt.value("#2e7d32"),
        tooltip=[alt.Tooltip("topic_label:N", title=topic), alt.Tooltip("er_reach:Q", title=rate, format=",.2f"),
                 alt.Tooltip("rate_posts:Q", title=text("themen.n", lang_), format=",d")],
    )
    labels = base.mark_text(align="left", dx=4).encode(text="label:N")
    return localized((bars + labels).properties(height=alt.Step(24), title=text("themen.rate_chart", lang_)), lang_)


def mix_chart(frame: pd.DataFrame, lang_: str) -> alt.Chart:
    """Town against peer group, side by side per topic; both series in the legend and the labels."""
    topic, share, who = text("themen.topic", lang_), text("themen.share", lang_), text("themen.series", lang_)
    chart = alt.Chart(frame).mark_bar().encode(
        y=alt.Y("topic_label:N", title=topic, sort=list(dict.fromkeys(frame["topic_label"])),
                axis=alt.Axis(labelLimit=260)),
        yOffset=alt.YOffset("series:N", sort=list(dict.fromkeys(frame["series"]))),
        x=alt.X("share:Q", title=share),
        color=alt.Color("series:N", title=who, sort=list(dict.fromkeys(frame["series"])),
                        scale=alt.Scale(range=["#1f4e79", "#a6a6a6"]),
                        legend=alt.Legend(orient="bottom", labelLimit=480)),
        tooltip=[alt.Tooltip("topic_label:N", title=topic), alt.Tooltip("series:N", title=who),
                 alt.Tooltip("share:Q", title=share, format=",.1f")],
    ).properties(height=alt.Step(14), title=text("themen.mix", lang_))  # a band per topic and series
    return localized(chart, lang_)


def section(ags: str, town: str, start, end, platform: str | None, group_id: str, group_name: str) -> None:
    """The topics section of Beiträge."""
    L = lang()
    st.subheader(t("themen.title"))
    st.markdown(t("themen.intro"))
    per_platform = query(post_topics.by_topic, [ags], start, end, platform)
    if per_platform.empty:
        st.info(t("themen.none"), icon=":material/topic:")
        return
    name = f"{t('file.topics')}_{ags}_{start}_{end}"
    who, period = town + (f" · {platform_name(platform)}" if platform else ""), period_text(start, end, L)
    chart_data = per_platform.assign(topic_label=per_platform["topic"].map(lambda k: topic_name(k, L)),
                                     platform_label=per_platform["platform"].map(platform_name))
    show_chart(posts_chart, chart_data, L, name=f"{name}_{t('file.posts')}", key="topic_posts", lang=L,
               download_title=chart_title(t("themen.by_platform"), who, period, L))

    totals = post_topics.totals(per_platform)
    rated = totals.dropna(subset=["er_reach"]).sort_values("er_reach", ascending=False)
    if not rated.empty:
        rated = rated.assign(topic_label=rated["topic"].map(lambda k: topic_name(k, L)),
                             label=[f"{fmt.number(v, L, 1)} % (n = {n})" for v, n in zip(rated["er_reach"],
                                                                                      rated["rate_posts"], strict=True)])
        show_chart(rate_chart, rated, L, name=f"{name}_rate", key="topic_rate", lang=L,
                   download_title=chart_title(t("themen.rate_chart"), who, period, L))
    show_table(topic_table(totals, L), key="topic_table")
    st.caption(t("themen.rate_note", n=MIN_POSTS_FOR_RATE))
    table_downloads(totals, name, "topic_dl", L, values={"topic": lambda k: topic_name(k, L)})

    members = query(peers.members, group_id)["ags"].tolist()
    mix = query(post_topics.mix, ags, members, start, end, platform)
    if not mix.empty and len(members) > 1:
        long = pd.concat([
            mix.assign(series=t("themen.town_share", town=town), share=mix["town_share"]),
            mix.assign(series=t("themen.group_share", group=group_name), share=mix["group_share"]),
        ]).assign(topic_label=lambda d: d["topic"].map(lambda k: topic_name(k, L)))
        show_chart(mix_chart, long[["topic", "topic_label", "series", "share"]], L, name=f"{name}_mix",
                   key="topic_mix", lang=L, download_title=chart_title(t("themen.mix"), who, period, L))
        group_posts = query(post_topics.group_post_count, members, start, end, platform)
        st.caption(t("themen.mix_note", n=fmt.number(group_posts, L)))

    _posts(ags, start, end, platform, L)


def _posts(ags: str, start, end, platform: str | None, L: str) -> None:
    st.markdown(f"**{t('themen.posts_table')}**")
    posts = query(post_topics.post_topics, ags, start, end, platform)
    if posts.empty:
        return
    shown = pd.DataFrame({
        t("themen.published"): posts["published_at"].dt.tz_convert("Europe/Berlin").map(
            lambda d: d.strftime(t("format.datetime"))),
        t("common.platform"): posts["platform"].map(platform_name),
        t("themen.text"): posts["message"],
        t("themen.topics"): [", ".join(topic_name(k, L) for k in keys) for keys in posts["topics"]],
        t("themen.why"): [t("themen.by_officer") if corrected else
                          "; ".join(f"{topic_name(k, L)}: {', '.join(words)}" for k, words in why.items() if words)
                          for corrected, why in zip(posts["corrected"], posts["why"], strict=True)],
    })
    show_table(shown, key="topic_posts_table",
                 column_config={t("themen.text"): st.column_config.TextColumn(width="large")})
    table_downloads(shown, f"{t('file.topics')}_{ags}_{t('file.posts')}", "topic_posts_dl", L)
    actor = auth.current()
    if actor.may("topics", [ags]):
        _correction_form(posts, L)
    if actor.may("topic_words", actor.officer_of):
        _word_form(L)


def _correction_form(posts: pd.DataFrame, L: str) -> None:
    with st.expander(t("themen.correct"), icon=":material/edit:"):
        st.caption(t("themen.correct_help"))
        labels = {i: f"{fmt.day(row.published_at, L)} · {platform_name(row.platform)} · {str(row.message or '')[:70]}"
                  for i, row in enumerate(posts.itertuples())}
        chosen = st.selectbox(t("themen.post"), list(labels), format_func=labels.get, key="topic_post")
        row = posts.iloc[chosen]
        keys = st.multiselect(t("themen.topics"), list(topics.TOPIC_KEYS), default=list(row["topics"]),
                              format_func=lambda k: topic_name(k, L), key=f"topic_choice_{chosen}")
        if st.button(t("themen.save"), key="topic_save", icon=":material/save:"):
            try:
                actions.correct_topics(store(), auth.current(), row["account_key"], row["post_id"], keys)
            except (TopicError, actions.Forbidden) as exc:
                st.error(literal(message_text(exc, lang())))
            else:
                clear_caches()
                st.toast(t("themen.saved"))
                st.rerun()


def _word_form(L: str) -> None:
    with st.expander(t("themen.add_word"), icon=":material/add:"):
        st.caption(t("themen.word_help"))
        choices = [k for k in topics.TOPIC_KEYS if k != topics.UNCLASSIFIED]
        left, right = st.columns(2)
        topic = left.selectbox(t("themen.topic"), choices, format_func=lambda k: topic_name(k, L), key="word_topic")
        term = right.text_input(t("themen.word"), key="word_term", max_chars=80)
        if st.button(t("themen.add"), key="word_add", icon=":material/add:"):
            try:
                with st.spinner():
                    actions.add_topic_word(store(), auth.current(), topic, term)
            except (TopicError, actions.Forbidden) as exc:
                st.error(literal(message_text(exc, lang())))
            else:
                clear_caches()
                st.toast(t("themen.added", term=term.strip(), topic=topic_name(topic, L)))
                st.rerun()
        words = query(post_topics.words)
        if not words.empty:
            st.markdown(f"**{t('themen.words')}**")
            for row in words.itertuples():
                cols = st.columns([3, 3, 1])
                cols[0].markdown(f"{literal(row.term)} → {literal(topic_name(row.topic, L))}")
                cols[1].caption(f"{t('themen.added_by')} {literal(row.added_by)}")
                if cols[2].button(t("themen.remove"), key=f"word_rm_{row.topic}_{row.term}"):
                    actions.remove_topic_word(store(), auth.current(), row.topic, row.term)
                    clear_caches()
                    st.rerun()


def youth_section(ags: str, start, end) -> None:
    """Altersgruppen: which topics do best on the channel whose audience is youngest."""
    L = lang()
    st.subheader(t("themen.youth_title"))
    channel = query(post_topics.youngest_channel, ags, start, end)
    if channel is None:
        st.info(t("themen.youth_none"), icon=":material/groups:")
        return
    st.markdown(t("themen.youth_intro", channel=platform_name(channel["platform"]),
                  share=fmt.percent(channel["share"], L, 0)))
    per_platform = query(post_topics.by_topic, [ags], start, end, channel["platform"])
    if per_platform.empty:
        st.info(t("themen.none"), icon=":material/topic:")
        return
    totals = post_topics.totals(per_platform).sort_values("er_reach", ascending=False, na_position="last")
    table = topic_table(totals, L)
    show_table(table, key="youth_topics")
    st.caption(t("themen.rate_note", n=MIN_POSTS_FOR_RATE))
    table_downloads(totals, f"{t('file.topics')}_{ags}_{channel['platform']}_{start}_{end}", "youth_topics_dl", L,
                    values={"topic": lambda k: topic_name(k, L)})
