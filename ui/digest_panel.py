"""The "Wochen-E-Mail" section: recipients of the towns the user may manage, the last sends with
status and error, "jetzt senden" and a preview. Admins see it on Verwaltung (all towns, with the
schedule); officers on the page Wochen-E-Mail (their towns). Writes go through connectors/actions.py."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st
import streamlit.components.v1 as components

from analytics import fmt, weekly
from analytics import imports as import_queries
from analytics.access import Actor, Forbidden
from connectors import actions, digest, schedule
from ui.i18n import lang
from ui.safe import literal
from ui.state import clear_caches, query, store

DAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
TXT = {
    "title": "Wochen-E-Mail",
    "intro": "Jeden Montag früh bekommen die hier eingetragenen Adressen die Zahlen der letzten Kalenderwoche je "
             "Plattform mit der Veränderung zur Vorwoche, den Top-Beitrag, Auffälligkeiten (z. B. ein Kanal ohne "
             "Beitrag) und einen Link in den Wochenbericht – auf Wunsch mit dem Ratsbericht des Vormonats als PDF. "
             "Jede Woche geht an jede Adresse höchstens einmal; ein gescheiterter Versand wird wiederholt.",
    "schedule_on": "Wochen-E-Mail automatisch senden", "weekday": "Wochentag", "at_time": "Uhrzeit",
    "schedule_save": "Versandzeit speichern", "next": "Nächster Versand", "last": "Letzter Lauf", "never": "noch nie",
    "off": "ausgeschaltet",
    "auto_on": "Automatischer Versand: {day}s um {at} Uhr (nächster: {next}).",
    "auto_off": "Der automatische Versand ist ausgeschaltet (die Verwaltung schaltet ihn ein); mit „Jetzt senden“ "
                "geht die E-Mail der letzten Woche sofort hinaus.",
    "recipients": "Empfänger", "none": "Noch keine Empfänger eingetragen.",
    "town": "Gemeinde", "email": "E-Mail-Adresse", "with_pdf": "mit Ratsbericht (PDF)", "added_by": "eingetragen von",
    "added_at": "eingetragen am", "add": "Empfänger eintragen", "added": "{email} bekommt die Wochen-E-Mail von {town}.",
    "remove": "Empfänger austragen", "removed": "{email} ist ausgetragen.",
    "sends": "Letzte Sendungen", "no_sends": "Noch nichts gesendet.", "week": "Woche", "status": "Status",
    "attempts": "Versuche", "sent_at": "gesendet am", "to": "an", "error": "Fehler / Hinweis",
    "failed": "{town}, {week}: {error}",
    "send_now": "Jetzt senden", "send_town": "Gemeinde", "sending": "Sende die Wochen-E-Mail …",
    "preview": "Vorschau", "preview_caption": "So sieht die E-Mail für {town} aus ({week}); Betreff: „{subject}“.",
}


def _moment(value) -> str:
    if value is None or value != value:
        return TXT["never"]
    stamp = pd.Timestamp(value).tz_convert("Europe/Berlin")
    return f"{fmt.day(stamp, lang())} {stamp:%H:%M}"


def _schedule(actor: Actor) -> None:
    job = schedule.schedules(store()).set_index("job").loc["digest"]  # not cached: the scheduler updates it
    if actor.admin:
        with st.form("digest_schedule_form", border=True):
            enabled = st.checkbox(TXT["schedule_on"], value=bool(job["enabled"]), key="digest_enabled")
            left, right = st.columns(2)
            weekday = left.selectbox(TXT["weekday"], range(7), index=int(job["weekday"]),
                                     format_func=DAYS.__getitem__, key="digest_weekday")
            at = right.time_input(TXT["at_time"], value=dt.time.fromisoformat(job["at_time"]), step=900,
                                  key="digest_at")
            if st.form_submit_button(TXT["schedule_save"], icon=":material/schedule:"):
                schedule.configure(store(), actor, "digest", enabled=enabled, weekday=weekday,
                                   at_time=at.strftime("%H:%M"))
                st.rerun()
        result = f" · {job['last_status']}: {literal(job['last_message'] or '')}" if job["last_status"] else ""
        st.caption(f"{TXT['next']}: {_moment(job['next_run']) if job['enabled'] else TXT['off']} · "
                   f"{TXT['last']}: {_moment(job['last_run'])}{result}")
    elif job["enabled"]:
        st.caption(TXT["auto_on"].format(day=DAYS[int(job["weekday"])], at=job["at_time"],
                                         next=_moment(job["next_run"])))
    else:
        st.caption(TXT["auto_off"])


def section(actor: Actor) -> None:
    """The whole section for `actor` (admins: every town; officers: their towns)."""
    st.subheader(TXT["title"])
    st.caption(TXT["intro"])
    towns = query(import_queries.municipality_choices)
    mine = towns if actor.admin else towns[towns["ags"].isin(actor.officer_of)]
    names = dict(zip(mine["ags"], mine["label"], strict=True))
    people = digest.recipients(store(), None if actor.admin else actor.officer_of)
    problem = digest.smtp_settings().problem()
    if problem:  # a warning once it matters (someone is to get the mail), a note before
        (st.caption if people.empty else st.warning)(problem)
    _schedule(actor)

    st.markdown(f"**{TXT['recipients']}**")
    if people.empty:
        st.caption(TXT["none"])
    else:
        st.dataframe(people.drop(columns="ags").assign(town=people["town"].str.split(",").str[0]), hide_index=True, width="stretch", column_config={
            "town": TXT["town"], "email": TXT["email"], "with_pdf": st.column_config.CheckboxColumn(TXT["with_pdf"]),
            "added_by": TXT["added_by"],
            "added_at": st.column_config.DatetimeColumn(TXT["added_at"], format="DD.MM.YYYY HH:mm")})
        pairs = list(zip(people["ags"], people["email"], people["town"], strict=True))
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        pick = left.selectbox(TXT["remove"], range(len(pairs)), key="digest_remove_pick",
                              format_func=lambda i: f"{pairs[i][1]} · {pairs[i][2].split(',')[0]}")
        if right.button(TXT["remove"], key="digest_remove", icon=":material/person_remove:"):
            ags, email, _ = pairs[pick]
            actions.remove_digest_recipient(store(), actor, ags, email)
            clear_caches()
            st.toast(TXT["removed"].format(email=literal(email)))
            st.rerun()
    if names:
        with st.form("digest_add", border=True, clear_on_submit=True):
            left, middle = st.columns(2)
            ags = left.selectbox(TXT["town"], list(names), format_func=names.get, key="digest_town")
            email = middle.text_input(TXT["email"], key="digest_email", placeholder="presse@stadt.de")
            with_pdf = st.checkbox(TXT["with_pdf"], key="digest_with_pdf")
            if st.form_submit_button(TXT["add"], icon=":material/person_add:"):
                try:
                    added = actions.add_digest_recipient(store(), actor, ags, email, with_pdf)
                except (digest.DigestError, Forbidden) as exc:
                    st.error(literal(exc), icon=":material/error:")
                else:
                    clear_caches()
                    st.toast(TXT["added"].format(email=literal(added), town=literal(names[ags].split(" (")[0])),
                             icon=":material/check_circle:")
                    st.rerun()

    just_said = _send_now(actor, names) if names else []
    st.markdown(f"**{TXT['sends']}**")
    history = digest.sends(store(), None if actor.admin else actor.officer_of)
    if history.empty:
        st.caption(TXT["no_sends"])
    else:
        for row in history.drop_duplicates("ags").itertuples():  # the newest week per town
            text = TXT["failed"].format(town=row.town.split(",")[0],
                                        week=weekly.iso_week_label(pd.Timestamp(row.week_start).date()),
                                        error=row.last_error or "")
            if row.status == "failed" and text not in just_said:
                st.error(literal(text), icon=":material/mail_lock:")
        shown = history.assign(
            town=history["town"].str.split(",").str[0],
            week_start=history["week_start"].map(lambda w: weekly.iso_week_label(pd.Timestamp(w).date())),
            status=history["status"].map(lambda s: digest.STATUS_LABELS.get(s, s)),
            sent_at=history["sent_at"].map(lambda v: _moment(v) if pd.notna(v) else "–"),
            recipients=history["recipients"].fillna("–"), last_error=history["last_error"].fillna(""))
        st.dataframe(shown.drop(columns=["ags", "updated_at"]), hide_index=True, width="stretch", column_config={
            "town": TXT["town"], "week_start": TXT["week"], "status": TXT["status"], "attempts": TXT["attempts"],
            "sent_at": TXT["sent_at"],
            "recipients": TXT["to"], "last_error": st.column_config.TextColumn(TXT["error"], width="large")})


def _send_now(actor: Actor, names: dict) -> list[str]:
    """The town picker with "Vorschau" and "Jetzt senden"; returns the sentences it showed."""
    left, middle, right = st.columns([3, 1, 1], vertical_alignment="bottom")
    town = left.selectbox(TXT["send_town"], list(names), format_func=names.get, key="digest_send_town")
    if middle.button(TXT["preview"], key="digest_preview", icon=":material/visibility:"):
        preview = digest.compose(store(), town)
        st.caption(TXT["preview_caption"].format(town=literal(preview.town), week=preview.week_label,
                                                 subject=literal(preview.subject)))
        components.html(preview.html, height=900, scrolling=True)
    if right.button(TXT["send_now"], key="digest_send_now", icon=":material/send:", type="primary"):
        with st.spinner(TXT["sending"]):
            outcomes = actions.send_digest(store(), actor, town)
        for outcome in outcomes:
            show = {"sent": st.success, "failed": st.error}.get(outcome.status, st.info)
            show(literal(outcome.message))
        return [o.message for o in outcomes]
    return []
