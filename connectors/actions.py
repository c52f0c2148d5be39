"""Every write, with the actor who makes it: the one place that checks permissions.

Pages, the CLI and the scheduler call these functions with an `analytics.access.Actor`; each
finds the municipalities the write touches, refuses with `Forbidden` (a sentence saying what is
missing) when the actor may not, and hands over to the function that writes and records the audit
row in the same transaction. Pages only hide what a user may not do; this layer enforces it.
"""

from __future__ import annotations

from datetime import date

from analytics import access, imports, peers, post_topics
from analytics.access import Actor, Forbidden
from analytics.i18n import Message
from analytics.store import Store, changed_towns, put_setting
from connectors import loader


def require(actor: Actor, action: str, municipalities=()) -> None:
    """Raise `Forbidden` unless `actor` may take `action` for all of `municipalities`. Its message is a
    catalogue Message (`str()` German), shown in the reader's language."""
    if actor.may(action, municipalities):
        return
    towns = sorted(set(municipalities))
    what = Message(f"connector.actions.action.{action}")  # what a refusal names
    if actor.anonymous:
        raise Forbidden(Message("connector.actions.forbidden_anonymous_for" if towns
                                else "connector.actions.forbidden_anonymous", towns=towns, action=what))
    who = f"{actor.id} ({', '.join(actor.roles())})"
    raise Forbidden(Message("connector.actions.forbidden_for" if towns else "connector.actions.forbidden",
                            who=who, towns=towns, action=what))


def _account_town(store: Store, account_key: str) -> str:
    ags = store.query_value("SELECT ags FROM core.accounts WHERE account_key = ?", [account_key])
    if ags is None:
        raise loader.ImportRejected("connector.loader.no_account", account=account_key)
    return ags


# -- writes ----------------------------------------------------------------------------------


def correct_topics(store: Store, actor: Actor, account_key: str, post_id: str, chosen: list[str]) -> None:
    require(actor, "topics", {_account_town(store, account_key)})
    post_topics.correct(store, account_key, post_id, chosen, actor=actor.id)


def add_topic_word(store: Store, actor: Actor, topic: str, term: str) -> None:
    require(actor, "topic_words", actor.officer_of)  # shared by all towns: any officer (or an admin)
    post_topics.add_word(store, topic, term, actor=actor.id)


def remove_topic_word(store: Store, actor: Actor, topic: str, term: str) -> None:
    require(actor, "topic_words", actor.officer_of)
    post_topics.remove_word(store, topic, term, actor=actor.id)


def commit_import(store: Store, actor: Actor, plan: loader.Plan) -> int | None:
    require(actor, "import", plan.municipalities)
    return loader.commit(store, plan, imported_by=actor.id)


def undo(store: Store, actor: Actor, import_id: int) -> None:
    require(actor, "undo", imports.import_towns(store, import_id))
    loader.undo_import(store, import_id, actor=actor.id)


def enter_followers(store: Store, actor: Actor, account_key: str, day: date, count: int) -> int:
    require(actor, "enter_followers", {_account_town(store, account_key)})
    return loader.enter_followers(store, account_key, day, count, actor=actor.id)


def move_account(store: Store, actor: Actor, account_key: str, ags: str) -> str:
    require(actor, "move_account", {_account_town(store, account_key), ags})
    return loader.move_account(store, account_key, ags, actor=actor.id)


def pull(store: Store, actor: Actor, account_key: str, **kwargs):
    from connectors.api import pull_account  # late: keeps page start-up light

    require(actor, "pull", {_account_town(store, account_key)})
    return pull_account(store, account_key, actor=actor.id, **kwargs)


def save_group(store: Store, actor: Actor, name: str, members: list[str], *, replace: bool = False) -> str:
    require(actor, "peer_group")
    return peers.save_group(store, name, members, actor=actor.id, replace=replace)


def delete_group(store: Store, actor: Actor, group_id: str) -> None:
    require(actor, "peer_group")
    peers.delete_group(store, group_id, actor=actor.id)


def load_demo(store: Store, actor: Actor, progress=None) -> int:
    """Load the demo again (also after it was removed); returns the number of demo files."""
    from connectors import demo  # late: the demo generator is needed only here

    require(actor, "remove_demo")
    store.write(lambda cur: put_setting(cur, "demo_removed", "false"))
    return demo.load(store, progress=progress)


def remove_demo(store: Store, actor: Actor) -> int:
    require(actor, "remove_demo")
    return loader.remove_demo_data(store, actor=actor.id)


def assign_role(store: Store, actor: Actor, identity: str, role: str) -> None:
    """Give an e-mail address or OIDC subject a role (`admin`, `council`, `officer:<AGS>`)."""
    require(actor, "roles")
    identity = identity.strip()
    if not identity or access.from_roles(identity, [role]).anonymous:
        raise Forbidden(Message("connector.actions.unknown_role", role=role))
    if role.startswith("officer:") and not store.query_value(
            "SELECT 1 FROM core.municipalities WHERE ags = ?", [role[8:]]):
        raise Forbidden(Message("connector.loader.unknown_ags", ags=role[8:]))
    def write(cur) -> None:
        cur.execute("DELETE FROM core.role_assignments WHERE identity = ? AND role = ?", [identity, role])
        cur.execute("INSERT INTO core.role_assignments (identity, role, assigned_by) VALUES (?, ?, ?)",
                    [identity, role, actor.id])
        access.record(cur, actor.id, "role_assign", identity, {"role": role})
        changed_towns([])  # no town's figures

    store.write(write)


def revoke_role(store: Store, actor: Actor, identity: str, role: str) -> None:
    require(actor, "roles")
    def write(cur) -> None:
        cur.execute("DELETE FROM core.role_assignments WHERE identity = ? AND role = ?", [identity, role])
        access.record(cur, actor.id, "role_revoke", identity, {"role": role})
        changed_towns([])  # no town's figures

    store.write(write)


def set_setting(store: Store, actor: Actor, key: str, value: str) -> None:
    require(actor, "settings")
    def write(cur) -> None:
        put_setting(cur, key, value)
        access.record(cur, actor.id, "setting", key, {"value": value})
        changed_towns([])  # no town's figures

    store.write(write)


# -- the weekly e-mail (connectors/digest.py) ------------------------------------------------


def add_digest_recipient(store: Store, actor: Actor, ags: str, email: str, with_pdf: bool = False,
                         lang: str = "de") -> str:
    """Add (or update) a recipient of a town's weekly e-mail, with the language they get it in (`de`,
    `en`): officers of the town and admins."""
    from connectors import digest

    require(actor, "digest", {ags})
    return digest.add_recipient(store, actor.id, ags, email, with_pdf, lang)


def remove_digest_recipient(store: Store, actor: Actor, ags: str, email: str) -> bool:
    from connectors import digest

    require(actor, "digest", {ags})
    return digest.remove_recipient(store, actor.id, ags, email)


def send_digest(store: Store, actor: Actor, municipality: str | None = None, week: date | None = None, *,
                dry_run: bool = False, **kwargs):
    """Send the weekly e-mail now (one town: its officers and admins; all towns: admins) and retry
    failed sends; a week already sent is not sent again. Returns `digest.Outcome`s."""
    from connectors import digest

    require(actor, "digest", {municipality} if municipality else ())
    return digest.run(store, actor.id, [municipality] if municipality else None, week, dry_run=dry_run, **kwargs)
