"""Destructive actions ask first: the action's button only arms the question, "Ja" carries it out."""

from __future__ import annotations

import streamlit as st

from ui.i18n import t


def arm(key: str, value: object = True) -> None:
    """Remember what the user wants to do; `confirmed(key, …)` then asks."""
    st.session_state[key] = value


def confirmed(key: str, question: str) -> object | None:
    """While `key` is armed, show `question` with "Ja, ausführen" and "Abbrechen". Returns the armed
    value once the user confirms (and disarms), else None."""
    if key not in st.session_state:
        return None
    with st.container(border=True):
        st.warning(question, icon=":material/warning:")
        yes, no = st.columns(2)
        if yes.button(t("app.confirm_yes"), key=f"{key}_yes", type="primary"):
            return st.session_state.pop(key)
        if no.button(t("app.confirm_no"), key=f"{key}_no"):
            st.session_state.pop(key)
            st.rerun()
    return None
