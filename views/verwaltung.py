"""Verwaltung (admins only): roles for identity providers that cannot send groups, and the audit log."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from analytics import access, accounts, fmt
from analytics import imports as import_queries
from analytics.i18n import message_text
from connectors import actions, schedule
from ui import auth, digest_panel
from ui.confirm import arm, confirmed
from ui.i18n import lang, t
from ui.safe import literal
from ui.state import clear_caches, query, store
from ui.tables import show_table

L = lang()

actor = auth.current()
st.title(t("verwaltung.title"))
st.subheader(t("verwaltung.roles"))
st.caption(t("verwaltung.roles_intro"))
assignments = query(access.role_assignments)
if assignments.empty:
    st.caption(t("verwaltung.none"))
else:
    show_table(assignments, column_config={
        "identity": t("verwaltung.identity"), "role": t("verwaltung.role"), "assigned_by": t("verwaltung.by"),
        "assigned_at": st.column_config.DatetimeColumn(t("verwaltung.assigned_at"), format=t("format.datetime_column"))})
    pairs = list(zip(assignments["identity"], assignments["role"], strict=True))
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    pick = left.selectbox(t("verwaltung.revoke"), range(len(pairs)), format_func=lambda i: f"{pairs[i][0]} · {pairs[i][1]}",
                          key="revoke_pick")
    if right.button(t("verwaltung.revoke"), key="revoke", icon=":material/person_remove:"):
        arm("confirm_revoke", pairs[pick])
    doomed = st.session_state.get("confirm_revoke")
    if doomed and confirmed("confirm_revoke", t("verwaltung.revoke_question", role=doomed[1], identity=literal(doomed[0]))):
        actions.revoke_role(store(), actor, *doomed)
        clear_caches()
        st.rerun()

towns = query(import_queries.municipality_choices)
names = dict(zip(towns["ags"], towns["label"], strict=True))
with st.form("assign_role", border=True):
    identity = st.text_input(t("verwaltung.identity"), key="role_identity")
    left, right = st.columns(2)
    kind = left.selectbox(t("verwaltung.role"), ["officer", "council", "admin"], format_func=lambda k: t(f"verwaltung.role.{k}"),
                       key="role_kind")
    town = right.selectbox(t("verwaltung.town"), towns["ags"], format_func=names.get, key="role_town")
    if st.form_submit_button(t("verwaltung.add"), icon=":material/person_add:"):
        try:
            actions.assign_role(store(), actor, identity, f"officer:{town}" if kind == "officer" else kind)
        except access.Forbidden as exc:
            st.error(literal(message_text(exc, L)))
        else:
            clear_caches()
            st.success(t("verwaltung.added"))

st.subheader(t("verwaltung.schedule"))
st.caption(t("verwaltung.schedule_intro"))
job = schedule.schedules(store()).set_index("job").loc["pull"]  # not cached: the scheduler updates it
with st.form("schedule_form", border=True):
    enabled = st.checkbox(t("verwaltung.schedule_on"), value=bool(job["enabled"]), key="schedule_enabled")
    left, right = st.columns(2)
    weekday = left.selectbox(t("common.weekday"), range(7), index=int(job["weekday"]), format_func=lambda i: t(f"common.weekday.{i}"),
                             key="schedule_weekday")
    at = right.time_input(t("common.time_of_day"), value=dt.time.fromisoformat(job["at_time"]), step=900, key="schedule_at")
    if st.form_submit_button(t("verwaltung.schedule_save"), icon=":material/schedule:"):
        schedule.configure(store(), actor, "pull", enabled=enabled, weekday=weekday, at_time=at.strftime("%H:%M"))
        st.rerun()


def moment(value) -> str:
    return fmt.day(value.tz_convert("Europe/Berlin"), L) + value.tz_convert("Europe/Berlin").strftime(" %H:%M") \
        if value is not None and value == value else t("common.never")


# the last run's result, stored as a catalogue message: in the page's language (a plain text stored before as written)
result = f" · {literal(schedule.result_text(job['last_status'], job['last_message'], L))}" if job["last_status"] else ""
st.caption(f"{t('common.next_run')}: {moment(job['next_run']) if job['enabled'] else t('common.switched_off')} · "
           f"{t('common.last_run')}: {moment(job['last_run'])}{result}")
if st.button(t("verwaltung.run_now"), key="run_schedule_now", icon=":material/play_arrow:"):
    with st.spinner(t("verwaltung.run_now")):
        status, message = schedule.run_job(store(), "pull", actor)
    (st.success if status == "ok" else st.error)(literal(message_text(message, L)))

digest_panel.section(actor)

st.subheader(t("verwaltung.audit"))
st.caption(t("verwaltung.audit_intro"))
named = query(import_queries.accounts, L)  # accounts by name, never by key or `ags-…` handle
log = accounts.in_audit_log(query(access.audit_log), dict(zip(named["account_key"], named["name"], strict=True)))
show_table(log, column_config={
    "done_at": st.column_config.DatetimeColumn(t("verwaltung.at"), format=t("format.datetime_seconds_column")), "actor": t("verwaltung.by"),
    "action": t("verwaltung.action"), "target": t("verwaltung.target"), "details": t("verwaltung.details")})
