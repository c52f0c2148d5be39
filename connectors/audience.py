"""Audience buckets: every platform's age and gender labels onto the canonical ones of
docs/data-model.md. A label that maps to nothing is an import error, never a silent drop."""

from __future__ import annotations

import re

from connectors.base import ImportRejected

AGE_GROUPS = ("13-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+")
GENDERS = {
    "female": "female", "f": "female", "women": "female", "frauen": "female", "weiblich": "female",
    "male": "male", "m": "male", "men": "male", "männer": "male", "männlich": "male",
    "user-specified": "other", "user_specified": "other", "other": "other", "u": "other",
    "divers": "other", "andere": "other", "all": "all",
}


def canonical_age(label: str) -> str:
    """`18–24 years`, `age18-24`, `AGE_18_24`, `F.18-24`'s `18-24`, `age65-`, `65+ Jahre` → canonical."""
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", str(label)).strip().lower()
    text = re.sub(r"\s*(years?|jahre?|år)\s*$", "", text)
    text = re.sub(r"^age[_ ]?", "", text).replace("_", "-")
    text = re.sub(r"\s*-\s*", "-", text)
    if re.fullmatch(r"65(-|\+|-\+)?|65 ?und ?(mehr|älter)|65-?plus", text):
        return "65+"
    if text in AGE_GROUPS:
        return text
    raise ImportRejected("connector.audience.unknown_age", label=str(label), expected=AGE_GROUPS)


def canonical_gender(label: str) -> str:
    key = str(label).strip().lower()
    if key not in GENDERS:
        raise ImportRejected("connector.audience.unknown_gender", label=str(label))
    return GENDERS[key]
