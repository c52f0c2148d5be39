"""Verwaltung (admins only): roles for identity providers that cannot send groups, and the audit log."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from analytics import access, fmt
from analytics import imports as import_queries
from connectors import actions, schedule
from ui import auth, digest_panel
from ui.confirm import arm, confirmed
from ui.i18n import lang
from ui.safe import literal
from ui.state import clear_caches, query, store

L = lang()
TXT = {
    "de": {
        "title": "Verwaltung", "roles": "Rollen",
        "roles_intro": "Rollen kommen aus dem Anmeldedienst (Gruppen im ID-Token, siehe README „Betrieb“). "
                       "Für Anmeldedienste ohne Gruppen vergeben Sie sie hier an E-Mail-Adressen oder Kennungen "
                       "(subject). Jede Änderung steht im Protokoll.",
        "identity": "E-Mail-Adresse oder Kennung", "role": "Rolle", "town": "Gemeinde (für Öffentlichkeitsarbeit)",
        "add": "Rolle vergeben", "added": "Rolle vergeben.", "revoke": "Rolle entziehen",
        "revoke_question": "{role} von {identity} entziehen?", "none": "Noch keine Rollen vergeben.",
        "admin": "Verwaltung (admin)", "council": "Rat (council, nur lesen)", "officer": "Öffentlichkeitsarbeit (officer)",
        "audit": "Protokoll", "audit_intro": "Jede Änderung mit wer, wann, was und woran (neueste zuerst).",
        "by": "von", "at": "Zeitpunkt", "action": "Aktion", "target": "Ziel", "details": "Details",
        "assigned_at": "vergeben am",
        "schedule": "Zeitplan", "schedule_intro": "Der wöchentliche Abruf aller Konten mit Schnittstelle läuft im "
        "Dashboard selbst (oder per cron/systemd: `python -m connectors schedule run-due`, siehe docs/pull.md).",
        "schedule_on": "Wöchentlichen Abruf einschalten", "weekday": "Wochentag", "at_time": "Uhrzeit",
        "schedule_save": "Zeitplan speichern", "next": "Nächster Lauf", "last": "Letzter Lauf", "never": "noch nie",
        "off": "ausgeschaltet", "run_now": "Jetzt ausführen",
        "days": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
    },
    "en": {
        "title": "Administration", "roles": "Roles",
        "roles_intro": "Roles come from the identity provider (groups in the ID token, see the README, “Operation”). "
                       "For providers that cannot send groups, assign them here to e-mail addresses or subjects. "
                       "Every change is logged.",
        "identity": "E-mail address or subject", "role": "Role", "town": "Municipality (for officers)",
        "add": "Assign role", "added": "Role assigned.", "revoke": "Revoke role",
        "revoke_question": "Revoke {role} from {identity}?", "none": "No roles assigned yet.",
        "admin": "Administrator (admin)", "council": "Council (council, read only)", "officer": "Officer (officer)",
        "audit": "Audit log", "audit_intro": "Every change with who, when, what and on what (newest first).",
        "by": "by", "at": "Time", "action": "Action", "target": "Target", "details": "Details",
        "assigned_at": "assigned",
        "schedule": "Schedule", "schedule_intro": "The weekly pull of every account with an API runs in the dashboard "
        "itself (or by cron/systemd: `python -m connectors schedule run-due`, see docs/pull.md).",
        "schedule_on": "Switch the weekly pull on", "weekday": "Weekday", "at_time": "Time",
        "schedule_save": "Save schedule", "next": "Next run", "last": "Last run", "never": "never",
        "off": "switched off", "run_now": "Run now",
        "days": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    },
}[L]

actor = auth.current()
st.title(TXT["title"])
st.subheader(TXT["roles"])
st.caption(TXT["roles_intro"])
assignments = query(access.role_assignments)
if assignments.empty:
    st.caption(TXT["none"])
else:
    st.dataframe(assignments, hide_index=True, width="stretch", column_config={
        "identity": TXT["identity"], "role": TXT["role"], "assigned_by": TXT["by"],
        "assigned_at": st.column_config.DatetimeColumn(TXT["assigned_at"], format="DD.MM.YYYY HH:mm")})
    pairs = list(zip(assignments["identity"], assignments["role"], strict=True))
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    pick = left.selectbox(TXT["revoke"], range(len(pairs)), format_func=lambda i: f"{pairs[i][0]} · {pairs[i][1]}",
                          key="revoke_pick")
    if right.button(TXT["revoke"], key="revoke", icon=":material/person_remove:"):
        arm("confirm_revoke", pairs[pick])
    doomed = st.session_state.get("confirm_revoke")
    if doomed and confirmed("confirm_revoke", TXT["revoke_question"].format(role=doomed[1], identity=literal(doomed[0]))):
        actions.revoke_role(store(), actor, *doomed)
        clear_caches()
        st.rerun()

towns = query(import_queries.municipality_choices)
names = dict(zip(towns["ags"], towns["label"], strict=True))
with st.form("assign_role", border=True):
    identity = st.text_input(TXT["identity"], key="role_identity")
    left, right = st.columns(2)
    kind = left.selectbox(TXT["role"], ["officer", "council", "admin"], format_func=TXT.get, key="role_kind")
    town = right.selectbox(TXT["town"], towns["ags"], format_func=names.get, key="role_town")
    if st.form_submit_button(TXT["add"], icon=":material/person_add:"):
        try:
            actions.assign_role(store(), actor, identity, f"officer:{town}" if kind == "officer" else kind)
        except access.Forbidden as exc:
            st.error(literal(exc))
        else:
            clear_caches()
            st.success(TXT["added"])

st.subheader(TXT["schedule"])
st.caption(TXT["schedule_intro"])
job = schedule.schedules(store()).set_index("job").loc["pull"]  # not cached: the scheduler updates it
with st.form("schedule_form", border=True):
    enabled = st.checkbox(TXT["schedule_on"], value=bool(job["enabled"]), key="schedule_enabled")
    left, right = st.columns(2)
    weekday = left.selectbox(TXT["weekday"], range(7), index=int(job["weekday"]), format_func=TXT["days"].__getitem__,
                             key="schedule_weekday")
    at = right.time_input(TXT["at_time"], value=dt.time.fromisoformat(job["at_time"]), step=900, key="schedule_at")
    if st.form_submit_button(TXT["schedule_save"], icon=":material/schedule:"):
        schedule.configure(store(), actor, "pull", enabled=enabled, weekday=weekday, at_time=at.strftime("%H:%M"))
        st.rerun()


def moment(value) -> str:
    return fmt.day(value.tz_convert("Europe/Berlin"), L) + value.tz_convert("Europe/Berlin").strftime(" %H:%M") \
        if value is not None and value == value else TXT["never"]


result = f" · {job['last_status']}: {literal(job['last_message'] or '')}" if job["last_status"] else ""
st.caption(f"{TXT['next']}: {moment(job['next_run']) if job['enabled'] else TXT['off']} · "
           f"{TXT['last']}: {moment(job['last_run'])}{result}")
if st.button(TXT["run_now"], key="run_schedule_now", icon=":material/play_arrow:"):
    with st.spinner(TXT["run_now"]):
        status, message = schedule.run_job(store(), "pull", actor)
    (st.success if status == "ok" else st.error)(literal(message))

digest_panel.section(actor)

st.subheader(TXT["audit"])
st.caption(TXT["audit_intro"])
st.dataframe(query(access.audit_log), hide_index=True, width="stretch", column_config={
    "done_at": st.column_config.DatetimeColumn(TXT["at"], format="DD.MM.YYYY HH:mm:ss"), "actor": TXT["by"],
    "action": TXT["action"], "target": TXT["target"], "details": TXT["details"]})
