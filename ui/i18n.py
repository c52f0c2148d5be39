"""The session's language and the catalogue (analytics/i18n.py) for the pages: German first,
English through the language switch (query parameter `lang=en`).

Also what Streamlit itself would leave in English: the document's `<html lang>` and the file
uploader's own texts (Streamlit 1.67 has no setting for either, see `document_language` and
`localized_uploader`)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import streamlit as st

from analytics import platforms
from analytics.i18n import DEFAULT, LANGS, TEXTS, known, pick, text

if TYPE_CHECKING:
    from analytics.metrics import Metric

__all__ = ["DEFAULT", "LANGS", "TEXTS", "document_language", "known", "lang", "localized_uploader",
           "metric_help", "pick", "platform_name", "t", "text"]


def lang() -> str:
    """The session's language: `de` unless the URL says `lang=en`."""
    wanted = st.query_params.get("lang", DEFAULT)
    return wanted if wanted in LANGS else DEFAULT


def t(key: str, **values) -> str:
    """The catalogue text in the session's language."""
    return text(key, lang(), **values)


def platform_name(platform: str) -> str:
    return platforms.label(platform)


def metric_help(metric: Metric, lang_: str) -> str:
    """The metric's definition, next to the number (the registry holds both languages)."""
    return metric.help(lang_)


# -- what Streamlit writes itself ------------------------------------------------------------------


def document_language() -> None:
    """Set `<html lang>` to the session's language. Streamlit serves `<html lang="en">` whatever the
    app says and has no option for it (streamlit/streamlit#15726), so a one-line script in an
    `st.html` element sets `document.documentElement.lang` on every run; its element container is
    hidden, so it takes no room. Call once per run (app.py, before anything else)."""
    code = json.dumps(lang())
    st.html("<style>[data-testid=stElementContainer]:has(> [data-testid=stHtml] > script#buergernah-lang)"
            "{display:none}</style>"
            f"<script id=\"buergernah-lang\">document.documentElement.lang = {code};</script>",
            unsafe_allow_javascript=True)


def _css_string(value: str) -> str:
    """A CSS string literal: JSON escapes quotes and backslashes as CSS does; `<` is escaped the CSS
    way so the text cannot close the style element."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\3C ")


def localized_uploader(key: str, max_mb: int, types: list[str]) -> None:
    """The file uploader's own texts in the session's language, for the `st.file_uploader` with `key`.

    Streamlit 1.67 writes "Upload", "Drag and drop files here" and "200MB per file • CSV" in English
    and has no parameter for them (streamlit/streamlit#13500), so CSS on the uploader's `data-testid`
    elements hides them and shows the catalogue's texts instead (`::after` content). The limit is the
    real one in MB (the widget itself rounds 512 MB up to "1GB"). Style-only `st.html` takes no room."""
    zone = f".st-key-{key} [data-testid=stFileUploaderDropzone]"
    replacements = {
        f"{zone} [data-testid=stBaseButton-secondary] [data-testid=stMarkdownContainer] p": t("uploader.button"),
        f"{zone} > div > span": t("uploader.drop"),  # shown while a file is dragged over the zone
        f"{zone} [data-testid=stFileUploaderDropzoneInstructions] span":
            t("uploader.limit", mb=max_mb, types=", ".join(kind.upper() for kind in types)),
    }
    css = "".join(f"{selector}{{font-size:0}}{selector}::after{{content:{_css_string(value)};font-size:0.875rem}}"
                  for selector, value in replacements.items())
    st.html(f"<style>{css}</style>")
