"""Daten importieren: upload exports, preview what was recognised, import, and undo imports."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from analytics import accounts as accounts_of
from analytics import fmt
from analytics import imports as import_queries
from analytics.access import Forbidden
from analytics.i18n import message_text
from connectors import actions
from connectors.api import last_pulls
from connectors.api.common import STATUS_LABELS
from connectors.base import PLATFORMS, ImportContext, ImportRejected, SourceFile
from connectors.files import max_file_mb
from connectors.loader import NeedsMunicipality, prepare
from ui import auth
from ui.confirm import arm, confirmed
from ui.i18n import known, lang, localized_uploader, platform_name, t
from ui.safe import literal
from ui.state import clear_caches, query, store
from ui.tables import show_table

L = lang()
UPLOAD_TYPES = ["csv", "xlsx", "xls", "zip"]


def pull_hint(reason) -> str:
    """Why an account cannot be pulled (a catalogue Message), in the page's language."""
    return literal(message_text(reason, L))


def pull_status(status: str) -> str:
    key = f"importieren.pull_status.{status}"
    return t(key) if known(key) else STATUS_LABELS.get(status, status)


st.title(t("importieren.title"))
st.markdown(t("importieren.intro"))

actor = auth.current()
towns = query(import_queries.municipality_choices)
names = dict(zip(towns["ags"], towns["label"], strict=True))
my_towns = towns["ags"].tolist() if actor.admin else [a for a in towns["ags"] if a in actor.officer_of]
all_accounts = query(import_queries.accounts, L)
account_names = dict(zip(all_accounts["account_key"], all_accounts["name"], strict=True))  # never `ags-…` handles
platform = st.selectbox(t("importieren.platform"), [None, *PLATFORMS], key="import_platform",
                        format_func=lambda p: t("importieren.none") if p is None else platform_name(p))
localized_uploader("uploads", max_file_mb(), UPLOAD_TYPES)  # the widget's own texts in the page's language
uploads = st.file_uploader(t("importieren.files"), type=UPLOAD_TYPES, accept_multiple_files=True,
                           key="uploads", max_upload_size=max_file_mb())  # the CLI's limit too
st.caption(t("importieren.limit", mb=max_file_mb()))


def check(upload, town: str | None, siblings: tuple[str, ...]) -> dict:
    """Parse one upload without writing; the result is kept per file, town choice and platform. An
    `error` is kept as the exception's message and shown in the page's language (`message_text`)."""
    key = (upload.file_id, town, platform, siblings, actor.id, query(import_queries.import_count))
    cache = st.session_state.setdefault("import_plans", {})
    if key not in cache:
        source = SourceFile(upload.name, upload.getvalue())
        ctx = ImportContext(municipality=town, platform=platform, siblings=siblings)
        try:
            plan = prepare(store(), source, ctx)
            cache[key] = {"plan": plan, "status": "duplicate" if plan.duplicate_of else "ready", "error": None}
            actions.require(actor, "import", plan.municipalities)
        except Forbidden as exc:
            cache[key].update(status="forbidden", error=exc.args[0] if exc.args else str(exc))
        except NeedsMunicipality as exc:
            cache[key] = {"plan": None, "status": "needs_town", "error": exc.message}
        except ImportRejected as exc:
            cache[key] = {"plan": None, "status": "rejected", "error": exc.message}
    return cache[key]


def checked(upload, siblings: tuple[str, ...]) -> tuple[dict, str | None, bool]:
    """(result, the file's town, whether the user may choose it). The town is the registry's or the
    unique name match, unless the user chose another one for this file."""
    found = check(upload, None, siblings)
    plan = found["plan"]
    suggested = plan.municipalities[0] if plan and len(plan.municipalities) == 1 else None
    open_ = found["status"] == "needs_town" or bool(plan and plan.town_is_open)
    chosen = st.session_state.get(f"town_{upload.file_id}", suggested) if open_ else suggested
    if open_ and chosen is not None and chosen != suggested:
        return check(upload, chosen, siblings), chosen, open_
    return found, suggested, open_


def account_name(ref, ags: str | None) -> str:
    """A new account as people will know it: the name in the file, else „Facebook-Seite von <Gemeinde>“."""
    return accounts_of.display_name(ref.platform, ref.name, ref.handle, names.get(ags, "").split(" (")[0], L)


def describe(upload, result: dict) -> dict:
    plan = result["plan"]
    row = {t("importieren.file"): upload.name, t("importieren.status"): t("importieren.state." + result["status"])}
    if plan is None:
        return {**row, t("importieren.notes"): message_text(result["error"], L)}
    accounts = {account_name(i.new_account, i.ags) if i.new_account else account_names.get(i.account_key, i.account_key)
                for i in plan.items if i.account_key}
    period = plan.period
    return {
        **row,
        t("importieren.format"): " · ".join(dict.fromkeys(message_text(i.parsed.format_label, L) for i in plan.items)),
        t("importieren.account"): ", ".join(sorted(accounts)),
        t("importieren.municipality"): ", ".join(names.get(a, a) for a in plan.municipalities),
        t("importieren.period"): f"{fmt.day(period[0], L)} – {fmt.day(period[1], L)}" if period else "–",
        t("importieren.rows"): plan.rows,
        t("importieren.unmapped"): ", ".join(plan.unmapped_columns),
        t("importieren.notes"): " ".join(n.text(L) for n in plan.town_notes + plan.notes),
    }


if uploads:
    st.subheader(t("importieren.preview"))
    siblings = tuple(u.name for u in uploads)
    progress = st.progress(0.0)
    results = []
    for i, upload in enumerate(uploads):
        progress.progress(i / len(uploads), t("importieren.checking", name=upload.name))
        results.append((upload, *checked(upload, siblings)))
    progress.empty()
    choosable = [(u, r, town) for u, r, town, open_ in results if open_]
    if choosable:
        st.caption(t("importieren.town_intro"))
        for upload, result, town in choosable:
            options = [None, *dict.fromkeys([*my_towns, *([town] if town else [])])]
            st.selectbox(t("importieren.town_for", name=upload.name), options, index=options.index(town),
                         format_func=lambda a: t("importieren.none") if a is None else names[a], key=f"town_{upload.file_id}")
            if result["plan"]:
                st.caption(" · ".join(literal(n.text(L)) for n in result["plan"].town_notes))
    show_table(pd.DataFrame([describe(u, r) for u, r, _, _ in results]).fillna(""))
    for upload, result, _, _ in results:
        if result["error"]:
            st.error(f"**{literal(upload.name)}**: {literal(message_text(result['error'], L))}", icon=":material/error:")
    ready = [(u, r) for u, r, _, _ in results if r["status"] == "ready"]
    if st.button(t("importieren.import", n=len(ready)), type="primary", disabled=not ready, key="do_import"):
        bar = st.progress(0.0)
        for i, (upload, result) in enumerate(ready):
            bar.progress(i / len(ready), t("importieren.importing", name=upload.name))
            actions.commit_import(store(), actor, result["plan"])
        bar.empty()
        clear_caches()
        st.session_state["import_plans"] = {}
        st.success(t("importieren.done", ok=len(ready)), icon=":material/check_circle:")

st.subheader(t("importieren.history"))
history = query(import_queries.import_history, L)  # notes and entered counts in the page's language
if history.empty:
    st.caption(t("importieren.no_history"))
else:
    shown = history.drop(columns="towns").assign(platform=history["platform"].map(lambda p: platform_name(p) if p else "–"),
                           status=history["status"].map(lambda s: t(f"importieren.status.{s}") if known(f"importieren.status.{s}") else s))
    show_table(
        shown, column_config={
            "import_id": t("importieren.id"), "file_name": t("importieren.file"), "platform": t("importieren.platform_col"),
            "format": t("importieren.format"), "rows": st.column_config.NumberColumn(t("importieren.rows"), format="localized"),
            "imported_at": st.column_config.DatetimeColumn(t("importieren.imported_at"), format=t("format.datetime_column")),
            "imported_by": t("importieren.by"), "status": t("importieren.status"), "notes": t("importieren.notes"),
        },
    )
    active = history[(history["status"] == "imported") & history["towns"].map(lambda towns_: actor.may("undo", towns_))]
    if not active.empty:
        files = dict(zip(active["import_id"], active["file_name"], strict=True))
        col1, col2 = st.columns([3, 1], vertical_alignment="bottom")
        pick = col1.selectbox(t("importieren.undo_pick"), list(files), key="undo_pick", format_func=lambda i: f"{i} · {files[i]}")
        if col2.button(t("importieren.undo"), key="undo", icon=":material/undo:"):
            arm("confirm_undo", int(pick))
        undo_id = confirmed("confirm_undo", t("importieren.undo_question", id=pick, name=literal(files.get(pick, ""))))
        if undo_id is not None:
            actions.undo(store(), actor, undo_id)
            clear_caches()
            st.session_state["import_plans"] = {}
            st.toast(t("importieren.undone", id=undo_id))
            st.rerun()


st.subheader(t("importieren.accounts"))
accounts = all_accounts[all_accounts["ags"].map(lambda a: actor.may("enter_followers", {a}))]
if not accounts.empty:
    account_labels = dict(zip(accounts["account_key"], accounts["label"], strict=True))
    pick_account = dict(options=list(account_labels), format_func=account_labels.get)
    with st.form("enter_followers", border=True):
        st.markdown(f"**{t('importieren.followers_title')}**")
        st.caption(t("importieren.followers_intro"))
        left, middle, right = st.columns([3, 1, 1])
        account = left.selectbox(t("importieren.account_pick"), key="followers_account", **pick_account)
        day = middle.date_input(t("importieren.followers_day"), value=date.today(), max_value=date.today(),
                                format=t("format.date_input"), key="followers_day")
        count = right.number_input(t("importieren.followers_count"), min_value=0, step=1, value=None, key="followers_count")
        if st.form_submit_button(t("importieren.followers_save"), icon=":material/edit:") and count is not None:
            try:
                import_id = actions.enter_followers(store(), actor, account, day, int(count))
                clear_caches()
                st.success(t("importieren.followers_saved", id=import_id), icon=":material/check_circle:")
            except ImportRejected as exc:
                st.error(literal(exc.message.text(L)), icon=":material/error:")
    with st.form("move_account", border=True):
        st.markdown(f"**{t('importieren.move_title')}**")
        st.caption(t("importieren.move_intro"))
        left, right = st.columns(2)
        account = left.selectbox(t("importieren.account_pick"), key="move_account", **pick_account)
        target = right.selectbox(t("importieren.move_to"), my_towns, format_func=names.get, key="move_to")
        if st.form_submit_button(t("importieren.move_save"), icon=":material/swap_horiz:"):
            actions.move_account(store(), actor, account, target)
            clear_caches()
            st.success(t("importieren.moved", account=literal(account_labels[account]), town=literal(names[target])),
                       icon=":material/check_circle:")

st.subheader(t("importieren.pulls"))
st.caption(t("importieren.pulls_intro"))
pulls = query(last_pulls)
for row in pulls.itertuples():
    with st.container(border=True):
        info, action = st.columns([4, 1], vertical_alignment="center")
        when = fmt.day(row.last_pull_at, L) if pd.notna(row.last_pull_at) else t("common.never")
        result = f" · {t('importieren.result')}: {pull_status(row.status)} {literal(message_text(row.message or '', L))}" if row.status else ""
        info.markdown(f"**{literal(account_names.get(row.account_key, row.name))}** ({platform_name(row.platform)}) · {t('importieren.last_pull')}: {when}{result}")
        if not row.pullable:
            info.caption(pull_hint(row.not_pullable_reason))
        if action.button(t("importieren.pull_now"), key=f"pull_{row.account_key}",
                         disabled=not row.pullable or not actor.may("pull", {row.ags}), icon=":material/sync:"):
            with st.spinner(t("importieren.pulling", name=literal(account_names.get(row.account_key, row.name)))):
                outcome = actions.pull(store(), actor, row.account_key)
            clear_caches()
            (st.success if outcome.ok else st.error)(literal(outcome.summary(L)))
