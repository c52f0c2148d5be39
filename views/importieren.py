"""Daten importieren: upload exports, preview what was recognised, import, and undo imports."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from analytics import fmt
from analytics import imports as import_queries
from analytics.access import Forbidden
from connectors import actions
from connectors.api import last_pulls
from connectors.api.common import STATUS_LABELS
from connectors.base import PLATFORMS, ImportContext, ImportRejected, SourceFile
from connectors.files import max_file_mb
from connectors.loader import NeedsMunicipality, prepare
from ui import auth
from ui.confirm import arm, confirmed
from ui.i18n import lang, platform_name
from ui.safe import literal
from ui.state import clear_caches, query, store

L = lang()
TXT = {
    "de": {
        "title": "Daten importieren",
        "intro": "Laden Sie die Exporte hoch, die Facebook, Instagram, YouTube, TikTok, LinkedIn und X "
                 "Ihnen geben (CSV, XLSX, XLS oder ZIP), auch viele auf einmal. Bürgernah erkennt Plattform "
                 "und Format am Inhalt. Dieselbe Datei zweimal ändert nichts.",
        "files": "Exporte", "limit": "Höchstens {mb} MB je Datei (auch entpackt; Einstellung BUERGERNAH_MAX_FILE_MB).",
        "town_for": "Gemeinde für {name}", "platform": "Plattform für Dateien ohne Plattformangabe",
        "town_intro": "Jede Datei bekommt ihre Gemeinde: aus dem Kontoverzeichnis oder, wenn der Seiten- bzw. "
                      "Kontoname eindeutig zu einer Gemeinde passt, vorausgefüllt. Bitte prüfen und bei Bedarf ändern.",
        "none": "— bitte wählen —", "preview": "Vorschau", "checking": "Prüfe {name} …",
        "ready": "bereit", "duplicate": "bereits importiert", "rejected": "Fehler", "needs_town": "Gemeinde fehlt",
        "forbidden": "keine Berechtigung", "undo_question": "Import {id} („{name}“) rückgängig machen? Seine Zahlen "
        "verschwinden, die vorher gültigen kehren zurück.",
        "import": "{n} Datei(en) importieren", "importing": "Importiere {name} …",
        "done": "{ok} Datei(en) importiert.", "nothing": "Keine importierbare Datei in der Auswahl.",
        "history": "Importverlauf", "undo": "Import rückgängig machen", "undo_pick": "Import",
        "undone": "Import {id} rückgängig gemacht.", "no_history": "Noch keine Importe.",
        "file": "Datei", "status": "Status", "format": "Format", "account": "Konto", "municipality": "Gemeinde",
        "period": "Zeitraum", "rows": "Zeilen", "unmapped": "Nicht übernommene Spalten", "notes": "Hinweise",
        "imported_at": "Importiert", "by": "von", "platform_col": "Plattform",
        "pulls": "Abruf über Schnittstellen",
        "pulls_intro": "Konten mit Schnittstelle (Mastodon ohne Token; Facebook, Instagram und YouTube mit "
                       "Zugangstoken) werden wöchentlich per `python -m connectors pull` abgerufen – oder hier sofort.",
        "pull_now": "jetzt abrufen", "last_pull": "Letzter Abruf", "never": "noch nie", "pulling": "Rufe {name} ab …",
        "result": "Ergebnis", "status_imported": "importiert", "status_undone": "rückgängig gemacht",
        "accounts": "Konten", "account_pick": "Konto",
        "followers_title": "Follower-Stand eintragen",
        "followers_intro": "Exporte wie Metas „Follows.csv“ enthalten nur Zugänge. Ein eingetragener Stand (die Zahl, "
                           "die die Plattform an dem Tag zeigt) verankert die Follower-Reihe; er erscheint im "
                           "Importverlauf und lässt sich rückgängig machen.",
        "followers_day": "Stichtag", "followers_count": "Follower-Gesamtzahl", "followers_save": "Eintragen",
        "followers_saved": "Follower-Stand eingetragen (Import {id}).",
        "move_title": "Konto einer anderen Gemeinde zuordnen",
        "move_intro": "Ein falsch zugeordnetes Konto wechselt mit allen Zahlen die Gemeinde, ohne neuen Import.",
        "move_to": "Neue Gemeinde", "move_save": "Zuordnen", "moved": "{account} gehört jetzt zu {town}.",
    },
    "en": {
        "title": "Import data",
        "intro": "Upload the exports Facebook, Instagram, YouTube, TikTok, LinkedIn and X give you (CSV, XLSX, "
                 "XLS or ZIP), many at once. Bürgernah recognises platform and format from the content. "
                 "Uploading the same file twice changes nothing.",
        "files": "Exports", "limit": "At most {mb} MB per file (unpacked too; setting BUERGERNAH_MAX_FILE_MB).",
        "town_for": "Municipality for {name}", "platform": "Platform for files that do not name one",
        "town_intro": "Each file gets its own municipality: from the account registry or, where the page or account "
                      "name fits exactly one municipality, pre-filled. Please check and change where needed.",
        "none": "— please choose —", "preview": "Preview", "checking": "Checking {name} …",
        "ready": "ready", "duplicate": "already imported", "rejected": "error", "needs_town": "municipality missing",
        "forbidden": "not permitted", "undo_question": "Undo import {id} (“{name}”)? Its figures disappear, the ones "
        "valid before return.",
        "import": "Import {n} file(s)", "importing": "Importing {name} …",
        "done": "{ok} file(s) imported.", "nothing": "No importable file in the selection.",
        "history": "Import history", "undo": "Undo import", "undo_pick": "Import",
        "undone": "Import {id} undone.", "no_history": "No imports yet.",
        "file": "File", "status": "Status", "format": "Format", "account": "Account", "municipality": "Municipality",
        "period": "Period", "rows": "Rows", "unmapped": "Columns not taken over", "notes": "Notes",
        "imported_at": "Imported", "by": "by", "platform_col": "Platform",
        "pulls": "Pulls from platform APIs",
        "pulls_intro": "Accounts with an API (Mastodon without a token; Facebook, Instagram and YouTube with an "
                       "access token) are pulled weekly by `python -m connectors pull`, or right now here.",
        "pull_now": "pull now", "last_pull": "Last pull", "never": "never", "pulling": "Pulling {name} …",
        "result": "Result", "status_imported": "imported", "status_undone": "undone",
        "accounts": "Accounts", "account_pick": "Account",
        "followers_title": "Enter a follower count",
        "followers_intro": "Exports such as Meta's “Follows.csv” hold gains only. An entered count (the number the "
                           "platform shows on that day) anchors the follower series; it appears in the import "
                           "history and can be undone.",
        "followers_day": "Date", "followers_count": "Total followers", "followers_save": "Enter",
        "followers_saved": "Follower count entered (import {id}).",
        "move_title": "Assign an account to another municipality",
        "move_intro": "A wrongly assigned account moves with all its figures, without a new import.",
        "move_to": "New municipality", "move_save": "Assign", "moved": "{account} now belongs to {town}.",
    },
}[L]

st.title(TXT["title"])
st.markdown(TXT["intro"])

actor = auth.current()
towns = query(import_queries.municipality_choices)
names = dict(zip(towns["ags"], towns["label"], strict=True))
my_towns = towns["ags"].tolist() if actor.admin else [a for a in towns["ags"] if a in actor.officer_of]
platform = st.selectbox(TXT["platform"], [None, *PLATFORMS], key="import_platform",
                        format_func=lambda p: TXT["none"] if p is None else platform_name(p))
uploads = st.file_uploader(TXT["files"], type=["csv", "xlsx", "xls", "zip"], accept_multiple_files=True,
                           key="uploads", max_upload_size=max_file_mb())  # the CLI's limit too
st.caption(TXT["limit"].format(mb=max_file_mb()))  # the widget itself rounds 512 MB up to "1GB"


def check(upload, town: str | None, siblings: tuple[str, ...]) -> dict:
    """Parse one upload without writing; the result is kept per file, town choice and platform."""
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
            cache[key].update(status="forbidden", error=str(exc))
        except NeedsMunicipality as exc:
            cache[key] = {"plan": None, "status": "needs_town", "error": exc.reason}
        except ImportRejected as exc:
            cache[key] = {"plan": None, "status": "rejected", "error": exc.reason}
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


def describe(upload, result: dict) -> dict:
    plan = result["plan"]
    row = {TXT["file"]: upload.name, TXT["status"]: TXT[result["status"]]}
    if plan is None:
        return {**row, TXT["notes"]: result["error"]}
    accounts = {i.new_account.label if i.new_account else i.account_key for i in plan.items if i.account_key}
    period = plan.period
    return {
        **row,
        TXT["format"]: " · ".join(dict.fromkeys(i.parsed.format_label for i in plan.items)),
        TXT["account"]: ", ".join(sorted(accounts)),
        TXT["municipality"]: ", ".join(names.get(a, a) for a in plan.municipalities),
        TXT["period"]: f"{fmt.day(period[0], L)} – {fmt.day(period[1], L)}" if period else "–",
        TXT["rows"]: plan.rows,
        TXT["unmapped"]: ", ".join(plan.unmapped_columns),
        TXT["notes"]: " ".join(plan.town_notes + plan.notes),
    }


if uploads:
    st.subheader(TXT["preview"])
    siblings = tuple(u.name for u in uploads)
    progress = st.progress(0.0)
    results = []
    for i, upload in enumerate(uploads):
        progress.progress(i / len(uploads), TXT["checking"].format(name=upload.name))
        results.append((upload, *checked(upload, siblings)))
    progress.empty()
    choosable = [(u, r, town) for u, r, town, open_ in results if open_]
    if choosable:
        st.caption(TXT["town_intro"])
        for upload, result, town in choosable:
            options = [None, *dict.fromkeys([*my_towns, *([town] if town else [])])]
            st.selectbox(TXT["town_for"].format(name=upload.name), options, index=options.index(town),
                         format_func=lambda a: TXT["none"] if a is None else names[a], key=f"town_{upload.file_id}")
            if result["plan"]:
                st.caption(" · ".join(literal(n) for n in result["plan"].town_notes))
    st.dataframe(pd.DataFrame([describe(u, r) for u, r, _, _ in results]).fillna(""), hide_index=True,
                 width="stretch")
    for upload, result, _, _ in results:
        if result["error"]:
            st.error(f"**{literal(upload.name)}**: {literal(result['error'])}", icon=":material/error:")
    ready = [(u, r) for u, r, _, _ in results if r["status"] == "ready"]
    if st.button(TXT["import"].format(n=len(ready)), type="primary", disabled=not ready, key="do_import"):
        bar = st.progress(0.0)
        for i, (upload, result) in enumerate(ready):
            bar.progress(i / len(ready), TXT["importing"].format(name=upload.name))
            actions.commit_import(store(), actor, result["plan"])
        bar.empty()
        clear_caches()
        st.session_state["import_plans"] = {}
        st.success(TXT["done"].format(ok=len(ready)), icon=":material/check_circle:")

st.subheader(TXT["history"])
history = query(import_queries.import_history)
if history.empty:
    st.caption(TXT["no_history"])
else:
    shown = history.drop(columns="towns").assign(platform=history["platform"].map(lambda p: platform_name(p) if p else "–"),
                           status=history["status"].map(lambda s: TXT.get(f"status_{s}", s)))
    st.dataframe(
        shown, hide_index=True, width="stretch",
        column_config={
            "import_id": "ID", "file_name": TXT["file"], "platform": TXT["platform_col"],
            "format": TXT["format"], "rows": st.column_config.NumberColumn(TXT["rows"], format="localized"),
            "imported_at": st.column_config.DatetimeColumn(TXT["imported_at"], format="DD.MM.YYYY HH:mm"),
            "imported_by": TXT["by"], "status": TXT["status"],
        },
    )
    active = history[(history["status"] == "imported") & history["towns"].map(lambda t: actor.may("undo", t))]
    if not active.empty:
        files = dict(zip(active["import_id"], active["file_name"], strict=True))
        col1, col2 = st.columns([3, 1], vertical_alignment="bottom")
        pick = col1.selectbox(TXT["undo_pick"], list(files), key="undo_pick", format_func=lambda i: f"{i} · {files[i]}")
        if col2.button(TXT["undo"], key="undo", icon=":material/undo:"):
            arm("confirm_undo", int(pick))
        undo_id = confirmed("confirm_undo", TXT["undo_question"].format(id=pick, name=literal(files.get(pick, ""))))
        if undo_id is not None:
            actions.undo(store(), actor, undo_id)
            clear_caches()
            st.session_state["import_plans"] = {}
            st.toast(TXT["undone"].format(id=undo_id))
            st.rerun()


st.subheader(TXT["accounts"])
accounts = query(import_queries.accounts)
accounts = accounts[accounts["ags"].map(lambda a: actor.may("enter_followers", {a}))]
if not accounts.empty:
    account_labels = {row.account_key: f"{row.name} ({platform_name(row.platform)}) · {row.town}"
                      for row in accounts.itertuples()}
    pick_account = dict(options=list(account_labels), format_func=account_labels.get)
    with st.form("enter_followers", border=True):
        st.markdown(f"**{TXT['followers_title']}**")
        st.caption(TXT["followers_intro"])
        left, middle, right = st.columns([3, 1, 1])
        account = left.selectbox(TXT["account_pick"], key="followers_account", **pick_account)
        day = middle.date_input(TXT["followers_day"], value=date.today(), max_value=date.today(),
                                format="DD.MM.YYYY", key="followers_day")
        count = right.number_input(TXT["followers_count"], min_value=0, step=1, value=None, key="followers_count")
        if st.form_submit_button(TXT["followers_save"], icon=":material/edit:") and count is not None:
            try:
                import_id = actions.enter_followers(store(), actor, account, day, int(count))
                clear_caches()
                st.success(TXT["followers_saved"].format(id=import_id), icon=":material/check_circle:")
            except ImportRejected as exc:
                st.error(literal(exc.reason), icon=":material/error:")
    with st.form("move_account", border=True):
        st.markdown(f"**{TXT['move_title']}**")
        st.caption(TXT["move_intro"])
        left, right = st.columns(2)
        account = left.selectbox(TXT["account_pick"], key="move_account", **pick_account)
        target = right.selectbox(TXT["move_to"], my_towns, format_func=names.get, key="move_to")
        if st.form_submit_button(TXT["move_save"], icon=":material/swap_horiz:"):
            actions.move_account(store(), actor, account, target)
            clear_caches()
            st.success(TXT["moved"].format(account=literal(account_labels[account]), town=literal(names[target])),
                       icon=":material/check_circle:")

st.subheader(TXT["pulls"])
st.caption(TXT["pulls_intro"])
pulls = query(last_pulls)
for row in pulls.itertuples():
    with st.container(border=True):
        info, action = st.columns([4, 1], vertical_alignment="center")
        when = fmt.day(row.last_pull_at, L) if pd.notna(row.last_pull_at) else TXT["never"]
        result = f" · {TXT['result']}: {STATUS_LABELS.get(row.status, row.status)} {literal(row.message or '')}" if row.status else ""
        info.markdown(f"**{literal(row.name)}** ({platform_name(row.platform)}) · {TXT['last_pull']}: {when}{result}")
        if not row.pullable:
            info.caption(literal(row.not_pullable_reason))
        if action.button(TXT["pull_now"], key=f"pull_{row.account_key}",
                         disabled=not row.pullable or not actor.may("pull", {row.ags}), icon=":material/sync:"):
            with st.spinner(TXT["pulling"].format(name=literal(row.name))):
                outcome = actions.pull(store(), actor, row.account_key)
            clear_caches()
            (st.success if outcome.ok else st.error)(literal(outcome.summary()))
