"""Who uses the app, and whether it may serve them at all.

* `[auth]` in `.streamlit/secrets.toml` (Streamlit's own OIDC login, one or several providers):
  users log in; their roles come from an ID-token claim and from the app's role assignments.
  The session is re-checked once the ID token is older than `session_max_hours` (its `iat`).
* No `[auth]`: the single local admin — but only when Streamlit listens on the loopback address.
  On any other address the app refuses with one sentence, unless the operator switched on the
  **public read-only benchmark** (`BUERGERNAH_PUBLIC=1`): Vergleich, Kanäle, Methodik, downloads;
  no writes (connectors/actions.py refuses the anonymous actor whatever the page shows).
"""

from __future__ import annotations

import time

import streamlit as st

from analytics import access, config
from analytics.access import ANONYMOUS, Actor
from ui.i18n import t
from ui.safe import literal

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
_KEY = "_buergernah_actor"


def auth_section() -> dict:
    """Streamlit's `[auth]` (empty without a secrets file)."""
    try:
        found = st.secrets.get("auth", {})
    except Exception:  # no secrets file, or one Streamlit cannot parse: no login configured
        return {}
    return dict(found) if found else {}


def providers(section: dict) -> list[str | None]:
    """Named providers (`[auth.keycloak]`, …), or `[None]` for a single provider in `[auth]`."""
    named = [name for name, value in section.items() if isinstance(value, dict)]
    return named or [None]


def listens_on_loopback() -> bool:
    return str(st.get_option("server.address") or "") in LOOPBACK


def public_mode() -> bool:
    return config.flag("public")


def current() -> Actor:
    """The actor `gate()` established for this run (pages call this)."""
    return st.session_state.get(_KEY, ANONYMOUS)


def gate(store) -> Actor:
    """Establish the session's actor, or end the page: login screen, refusal, or "no role"."""
    section = auth_section()
    if section:
        actor = _logged_in(store, section) if st.user.is_logged_in else None
        if actor is None:
            if public_mode():
                actor = ANONYMOUS
                _login_buttons(section, sidebar=True)
            else:
                _login_screen(section)
    elif listens_on_loopback():
        actor = access.local_actor()
    elif public_mode():
        actor = ANONYMOUS
    else:
        st.error(t("app.refuse_network", address=literal(st.get_option("server.address") or "0.0.0.0")),
                 icon=":material/lock:")
        st.stop()
    st.session_state[_KEY] = actor
    return actor


def actor_from_claims(store, claims: dict) -> Actor:
    """The actor for an ID token's claims: the roles in the role claim plus those an admin assigned."""
    identity = str(claims.get("email") or claims.get("sub") or "")
    roles = access.roles_from_claim(claims.get(config.setting("role_claim", "groups")),
                                    config.setting("role_prefix", access.DEFAULT_PREFIX))
    return access.from_roles(identity, roles + access.assigned_roles(store, claims.get("email"), claims.get("sub")))


def _logged_in(store, section: dict) -> Actor | None:
    claims = st.user.to_dict()
    max_hours = float(config.setting("session_max_hours", "12"))
    issued = claims.get("iat")
    if not isinstance(issued, int | float) or time.time() - issued > max_hours * 3600:
        st.logout()  # the identity is too old (or undated): log in again
        st.stop()
    actor = actor_from_claims(store, claims)
    with st.sidebar:
        st.caption(t("app.signed_in_as", user=literal(actor.id), roles=", ".join(actor.roles()) or "–"))
        if st.button(t("app.logout"), key="logout", icon=":material/logout:"):
            st.logout()
    if actor.anonymous and not public_mode():
        st.warning(t("app.no_role", user=literal(actor.id)), icon=":material/block:")
        st.stop()
    return actor


def _login_buttons(section: dict, *, sidebar: bool = False) -> None:
    target = st.sidebar if sidebar else st
    for provider in providers(section):
        label = t("app.login_with", provider=provider.title()) if provider else t("app.login")
        if target.button(label, key=f"login_{provider}", icon=":material/login:", type="primary"):
            st.login(provider) if provider else st.login()


def _login_screen(section: dict) -> None:
    st.title(t("app.title"))
    st.markdown(t("app.login_intro"))
    _login_buttons(section)
    st.stop()
