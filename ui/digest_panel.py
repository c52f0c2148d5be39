"""The "Wochen-E-Mail" section: recipients of the towns the user may manage (each with the language
they get the e-mail and its PDF in), the last sends with status and error (stored as catalogue
messages, shown in the page's language; a sentence stored as plain text before as written),
"jetzt senden" and a preview (in the page's language). Admins see it on Verwaltung (all towns, with
the schedule); officers on the page Wochen-E-Mail (their towns). Writes go through
connectors/actions.py."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st
import streamlit.components.v1 as components

from analytics import fmt, weekly
from analytics import imports as import_queries
from analytics.access import Actor, Forbidden
from analytics.i18n import message_text
from connectors import actions, digest, schedule
from ui.i18n import LANGS, known, lang, t
from ui.safe import literal
from ui.state import clear_caches, query, store
from ui.tables import show_table


def _weekday(index: int) -> str:
    return t(f"common.weekday.{index}")


def _language(code: str) -> str:
    """A recipient's language by name („Deutsch“, „Englisch“ / "German", "English")."""
    return t(f"digest.language.{code}") if known(f"digest.language.{code}") else code


def _status(status: str) -> str:
    """connectors/digest.py's status label in the page's language."""
    key = f"wochenmail.status.{status}"
    return t(key) if known(key) else digest.STATUS_LABELS.get(status, status)


def _moment(value) -> str:
    if value is None or value != value:
        return t("common.never")
    stamp = pd.Timestamp(value).tz_convert("Europe/Berlin")
    return f"{fmt.day(stamp, lang())} {stamp:%H:%M}"


def _schedule(actor: Actor) -> None:
    job = schedule.schedules(store()).set_index("job").loc["digest"]  # not cached: the scheduler updates it
    if actor.admin:
        with st.form("digest_schedule_form", border=True):
            enabled = st.checkbox(t("wochenmail.schedule_on"), value=bool(job["enabled"]), key="digest_enabled")
            left, right = st.columns(2)
            weekday = left.selectbox(t("common.weekday"), range(7), index=int(job["weekday"]),
                                     format_func=_weekday, key="digest_weekday")
            at = right.time_input(t("common.time_of_day"), value=dt.time.fromisoformat(job["at_time"]), step=900,
                                  key="digest_at")
            if st.form_submit_button(t("wochenmail.schedule_save"), icon=":material/schedule:"):
                schedule.configure(store(), actor, "digest", enabled=enabled, weekday=weekday,
                                   at_time=at.strftime("%H:%M"))
                st.rerun()
        result = f" · {literal(schedule.result_text(job['last_status'], job['last_message'], lang()))}" \
            if job["last_status"] else ""
        st.caption(f"{t('wochenmail.next')}: {_moment(job['next_run']) if job['enabled'] else t('common.switched_off')} · "
                   f"{t('common.last_run')}: {_moment(job['last_run'])}{result}")
    elif job["enabled"]:
        st.caption(t("wochenmail.auto_on", day=_weekday(int(job["weekday"])), at=job["at_time"],
                     next=_moment(job["next_run"])))
    else:
        st.caption(t("wochenmail.auto_off"))


def section(actor: Actor) -> None:
    """The whole section for `actor` (admins: every town; officers: their towns)."""
    st.subheader(t("wochenmail.title"))
    st.caption(t("wochenmail.intro"))
    towns = query(import_queries.municipality_choices)
    mine = towns if actor.admin else towns[towns["ags"].isin(actor.officer_of)]
    names = dict(zip(mine["ags"], mine["label"], strict=True))
    people = digest.recipients(store(), None if actor.admin else actor.officer_of)
    people = people.assign(lang=people["lang"].map(_language))
    problem = digest.smtp_settings().problem(lang())
    if problem:  # a warning once it matters (someone is to get the mail), a note before
        (st.caption if people.empty else st.warning)(problem)
    _schedule(actor)

    st.markdown(f"**{t('wochenmail.recipients')}**")
    if people.empty:
        st.caption(t("wochenmail.none"))
    else:
        show_table(people.drop(columns="ags").assign(town=people["town"].str.split(",").str[0]), column_config={
            "town": t("common.municipality"), "email": t("wochenmail.email"),
            "with_pdf": st.column_config.CheckboxColumn(t("wochenmail.with_pdf")), "lang": t("digest.language"),
            "added_by": t("wochenmail.added_by"),
            "added_at": st.column_config.DatetimeColumn(t("wochenmail.added_at"), format=t("format.datetime_column"))})
        pairs = list(zip(people["ags"], people["email"], people["town"], strict=True))
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        pick = left.selectbox(t("wochenmail.remove"), range(len(pairs)), key="digest_remove_pick",
                              format_func=lambda i: f"{pairs[i][1]} · {pairs[i][2].split(',')[0]}")
        if right.button(t("wochenmail.remove"), key="digest_remove", icon=":material/person_remove:"):
            ags, email, _ = pairs[pick]
            actions.remove_digest_recipient(store(), actor, ags, email)
            clear_caches()
            st.toast(t("wochenmail.removed", email=literal(email)))
            st.rerun()
    if names:
        with st.form("digest_add", border=True, clear_on_submit=True):
            left, middle = st.columns(2)
            ags = left.selectbox(t("common.municipality"), list(names), format_func=names.get, key="digest_town")
            email = middle.text_input(t("wochenmail.email"), key="digest_email", placeholder=t("wochenmail.email_placeholder"))
            left, middle = st.columns(2, vertical_alignment="bottom")
            language = left.selectbox(t("digest.language"), LANGS, format_func=_language, key="digest_lang",
                                      help=t("digest.language_help"))
            with_pdf = middle.checkbox(t("wochenmail.with_pdf"), key="digest_with_pdf")
            if st.form_submit_button(t("wochenmail.add"), icon=":material/person_add:"):
                try:
                    added = actions.add_digest_recipient(store(), actor, ags, email, with_pdf, language)
                except (digest.DigestError, Forbidden) as exc:
                    st.error(literal(message_text(exc, lang())), icon=":material/error:")
                else:
                    clear_caches()
                    st.toast(t("wochenmail.added", email=literal(added), town=literal(names[ags].split(" (")[0])),
                             icon=":material/check_circle:")
                    st.rerun()

    just_said = _send_now(actor, names) if names else []
    st.markdown(f"**{t('wochenmail.sends')}**")
    history = digest.sends(store(), None if actor.admin else actor.officer_of)
    if history.empty:
        st.caption(t("wochenmail.no_sends"))
    else:
        for row in history.drop_duplicates("ags").itertuples():  # the newest week per town
            text = t("wochenmail.failed", town=row.town.split(",")[0],
                     week=weekly.iso_week_label(pd.Timestamp(row.week_start).date(), lang()),
                     error=message_text(row.last_error or "", lang()))
            if row.status == "failed" and text not in just_said:
                st.error(literal(text), icon=":material/mail_lock:")
        shown = history.assign(
            town=history["town"].str.split(",").str[0],
            week_start=history["week_start"].map(lambda w: weekly.iso_week_label(pd.Timestamp(w).date(), lang())),
            status=history["status"].map(_status),
            sent_at=history["sent_at"].map(lambda v: _moment(v) if pd.notna(v) else "–"),
            recipients=history["recipients"].fillna("–"),
            last_error=history["last_error"].map(lambda m: message_text(m, lang()) if m else ""))
        show_table(shown.drop(columns=["ags", "updated_at"]), column_config={
            "town": t("common.municipality"), "week_start": t("wochenmail.week"), "status": t("common.status"),
            "attempts": t("wochenmail.attempts"), "sent_at": t("wochenmail.sent_at"), "recipients": t("wochenmail.to"),
            "last_error": st.column_config.TextColumn(t("wochenmail.error"), width="large")})


def _send_now(actor: Actor, names: dict) -> list[str]:
    """The town picker with "Vorschau" and "Jetzt senden"; returns the sentences it showed."""
    left, middle, right = st.columns([3, 1, 1], vertical_alignment="bottom")
    town = left.selectbox(t("common.municipality"), list(names), format_func=names.get, key="digest_send_town")
    if middle.button(t("wochenmail.preview"), key="digest_preview", icon=":material/visibility:"):
        preview = digest.compose(store(), town, lang=lang())
        st.caption(t("wochenmail.preview_caption", town=literal(preview.town), week=preview.week_label,
                     subject=literal(preview.subject)))
        components.html(preview.html, height=900, scrolling=True)
    if right.button(t("wochenmail.send_now"), key="digest_send_now", icon=":material/send:", type="primary"):
        with st.spinner(t("wochenmail.sending")):
            outcomes = actions.send_digest(store(), actor, town)
        clear_caches()  # the sends below show this one
        said = [message_text(o.message, lang()) for o in outcomes]
        for outcome, sentence in zip(outcomes, said, strict=True):
            show = {"sent": st.success, "failed": st.error}.get(outcome.status, st.info)
            show(literal(sentence))
        return said
    return []
