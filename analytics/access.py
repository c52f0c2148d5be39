"""Who may do what: roles, the actor behind every write, and the permission rule.

| role | may |
|---|---|
| `admin` | everything, including roles, settings, API accounts and tokens |
| `officer` of municipalities (AGS) | import, undo, enter follower counts, pull, edit accounts, the weekly e-mail's recipients and "send now" — only for their towns |
| `council` | read every page and download; write nothing |
| anonymous (public benchmark) | read the public pages; write nothing |

Roles come from an ID-token claim (`groups` unless configured) with values `buergernah-admin`,
`buergernah-council`, `buergernah-officer:<AGS>` (prefix configurable), and from assignments an
admin makes in the app for e-mail addresses or subjects (`core.role_assignments`). Nothing here
imports Streamlit: the app, the CLI and the scheduler build their `Actor` and pass it to
`connectors/actions.py`, the one place every write goes through.
"""

from __future__ import annotations

import getpass
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from analytics.store import Store

ACTIONS = ("import", "undo", "enter_followers", "move_account", "pull", "peer_group", "remove_demo",
           "roles", "settings", "digest", "topics", "topic_words")
# Actions an officer may take for the municipalities they are officer of (`digest`: the weekly
# e-mail's recipients and "send now", connectors/digest.py; `topics`: correct a post's topics;
# `topic_words`: words for a topic, shared by all towns, so any officer may add them).
OFFICER_ACTIONS = frozenset({"import", "undo", "enter_followers", "move_account", "pull", "digest", "topics",
                             "topic_words"})
DEFAULT_PREFIX = "buergernah-"
_AGS = re.compile(r"^\d{8}$")


class Forbidden(Exception):
    """The actor may not do this; the message says what is missing."""


@dataclass(frozen=True)
class Actor:
    """Who acts: `id` is what the audit and the import history record (an e-mail address or OIDC
    subject, `cli:<os user>`, `scheduler`, `local:<os user>`, `demo`, `anonymous`)."""

    id: str
    admin: bool = False
    council: bool = False
    officer_of: frozenset[str] = field(default_factory=frozenset)

    @property
    def anonymous(self) -> bool:
        return not (self.admin or self.council or self.officer_of)

    def roles(self) -> list[str]:
        return (["admin"] if self.admin else []) + (["council"] if self.council else []) + \
            [f"officer:{ags}" for ags in sorted(self.officer_of)]

    def may(self, action: str, municipalities: Iterable[str] = ()) -> bool:
        """True if the actor may take `action` for all of `municipalities` (the towns it touches)."""
        if action not in ACTIONS:
            raise ValueError(f"unknown action {action!r}")
        if self.admin:
            return True
        towns = set(municipalities)
        return action in OFFICER_ACTIONS and bool(towns) and towns <= self.officer_of


def from_roles(actor_id: str, roles: Iterable[str]) -> Actor:
    """An actor from role names `admin`, `council`, `officer:<AGS>` (unknown names are ignored)."""
    roles = list(roles)
    return Actor(actor_id, admin="admin" in roles, council="council" in roles,
                 officer_of=frozenset(r.split(":", 1)[1] for r in roles
                                      if r.startswith("officer:") and _AGS.match(r.split(":", 1)[1])))


def roles_from_claim(values: object, prefix: str = DEFAULT_PREFIX) -> list[str]:
    """`["buergernah-admin", "buergernah-officer:05334004", "other"]` → `["admin", "officer:05334004"]`.
    Accepts a list or a single (comma- or space-separated) string, as IdPs send either; Keycloak's
    full group paths (`/buergernah-admin`) are accepted too."""
    if values is None:
        return []
    items = [values] if isinstance(values, str) else list(values) if isinstance(values, list | tuple) else []
    found = []
    for item in items:
        for value in re.split(r"[,\s]+", str(item).strip()):
            value = value.rsplit("/", 1)[-1]
            if value.startswith(prefix):
                found.append(value[len(prefix):])
    return [r for r in found if r in ("admin", "council") or (r.startswith("officer:") and _AGS.match(r[8:]))]


def assigned_roles(store: Store, *identities: str | None) -> list[str]:
    """Roles an admin assigned in the app to any of these identities (e-mail, subject)."""
    wanted = [i.casefold() for i in identities if i]
    if not wanted:
        return []
    return store.query_df(
        "SELECT DISTINCT role FROM core.role_assignments WHERE lower(identity) IN (SELECT unnest($ids)) ORDER BY role",
        {"ids": wanted})["role"].tolist()


def role_assignments(store: Store):
    return store.query_df("SELECT identity, role, assigned_by, assigned_at FROM core.role_assignments "
                          "ORDER BY identity, role")


def cli_actor() -> Actor:
    """The CLI runs as the machine's operator: an admin named `cli:<os user>`."""
    return Actor(f"cli:{_os_user()}", admin=True)


def local_actor() -> Actor:
    """The app without a login, on the loopback address only: the single local admin."""
    return Actor(f"local:{_os_user()}", admin=True)


SCHEDULER = Actor("scheduler", admin=True)
DEMO = Actor("demo", admin=True)
ANONYMOUS = Actor("anonymous")


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unbekannt"


def record(cur, actor_id: str, action: str, target: object = None, details: dict | None = None) -> None:
    """One audit row, written with `cur` inside the writing transaction (so it commits or rolls
    back with the write). Never pass tokens or ID tokens in `details`."""
    import json

    from analytics.store import next_id

    cur.execute("INSERT INTO core.audit (audit_id, actor, action, target, details) VALUES (?, ?, ?, ?, ?)",
                [next_id(cur, "audit"), actor_id, action, None if target is None else str(target),
                 None if details is None else json.dumps(details, ensure_ascii=False, default=str)])


def audit_log(store: Store, limit: int = 500):
    """The newest audit rows: who did what to what, and when."""
    return store.query_df("SELECT done_at, actor, action, target, details FROM core.audit "
                          "ORDER BY audit_id DESC LIMIT ?", [limit])
