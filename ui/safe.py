"""Text from files, APIs and users, shown as text.

Streamlit renders Markdown (links, images, HTML entities, LaTeX, emoji and icon codes) in
`st.markdown`, `st.caption`, `st.error` and friends. A page name or a cell value quoted in an
error message must not become a link or make the browser fetch an image, so every such text
passes through `literal()` before it is put into one of those elements. Tables and charts show
their cells as text already.
"""

from __future__ import annotations

import re

# CommonMark lets a backslash escape any ASCII punctuation: that stops links, images, HTML,
# emphasis, emoji/icon codes (`:smile:`) and `$…$` formulas. GitHub-style autolinks
# (`https://…`, `www.…`, `name@host`) are found in the text after parsing, so an invisible word
# joiner (U+2060) is put inside their markers.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_AUTOLINK = re.compile(r"(?i)(?<=[a-z]:)(?=//)|(?<=www)(?=\.)|(?=@)")
WORD_JOINER = "\u2060"


def literal(value: object) -> str:
    """`value` as literal text inside Markdown (one line; never a link, image, HTML or formula)."""
    text = _AUTOLINK.sub(WORD_JOINER, re.sub(r"\s+", " ", str(value)).strip())
    return _PUNCTUATION.sub(r"\\\1", text)
