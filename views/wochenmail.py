"""Wochen-E-Mail (officers): the weekly e-mail of their towns — recipients, last sends, "jetzt senden".
Admins manage it for every town on Verwaltung."""

from __future__ import annotations

import streamlit as st

from ui import auth, digest_panel
from ui.i18n import t

st.title(t("wochenmail.title"))
digest_panel.section(auth.current())
