"""Which municipality an account belongs to, from its page name, handle or channel name.

"Stadt Baesweiler", "stadt.herzogenrath", "@stadtwuerselen" and "Würselen" are matched against
the official register (`core.municipalities`, names like "Baesweiler, Stadt"). Only a unique match
counts: "Neustadt" names several towns and is left to the user. Where the account calls itself a
"Stadt" and exactly one of the same-named municipalities is a town ("Alsdorf, Stadt" and not the
villages Alsdorf in Rhineland-Palatinate), that one is meant.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from analytics.store import Store

# Words around a town's name in account names that are not part of the name.
CIVIC_WORDS = (
    "stadtverwaltung", "gemeindeverwaltung", "landeshauptstadt", "kreisstadt", "hansestadt",
    "universitaetsstadt", "marktgemeinde", "gemeinde", "stadt", "markt", "rathaus", "buergerservice",
    "verwaltung", "offiziell", "offizielle", "official", "seite", "page", "aktuell", "info", "online",
    "de", "nrw", "the", "city", "of", "kanal", "channel",
)
_CIVIC = set(CIVIC_WORDS)
_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _fold(text: str) -> str:
    text = str(text).casefold().translate(_TRANSLIT)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _compact(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", _fold(text))


def name_keys(name: str) -> set[str]:
    """Compact forms an account name may take for the town it names."""
    tokens = [t for t in re.split(r"[^a-z0-9]+", _fold(name)) if t]
    keys = {"".join(t for t in tokens if t not in _CIVIC)}
    compact = "".join(tokens)
    for word in sorted(CIVIC_WORDS, key=len, reverse=True):  # "stadtwuerselen", "wuerselenstadt"
        if compact.startswith(word):
            keys.add(compact[len(word):])
        if compact.endswith(word):
            keys.add(compact[: -len(word)])
    keys.add(compact)
    return {k for k in keys if len(k) >= 3}


@dataclass(frozen=True)
class Match:
    ags: str | None
    candidates: tuple[str, ...]  # AGS of every register entry the name fits


_INDEX: dict[str, tuple[dict[str, tuple[str, ...]], frozenset[str]]] = {}


def _index(store: Store) -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """Compact base name ("baesweiler", "neustadthessen") → AGS, and the AGS of towns ("…stadt");
    built once per database."""
    key = str(store.path)
    if key not in _INDEX:
        index: dict[str, list[str]] = {}
        towns = set()
        for ags, name in store.query_df("SELECT ags, name FROM core.municipalities").itertuples(index=False):
            base, _, kind = name.partition(",")
            if "stadt" in _fold(kind):
                towns.add(ags)
            for form in {_compact(base), _compact(re.sub(r"\(.*?\)", "", base))}:
                index.setdefault(form, []).append(ags)
        _INDEX[key] = ({k: tuple(dict.fromkeys(v)) for k, v in index.items()}, frozenset(towns))
    return _INDEX[key]


def match(store: Store, *names: str | None) -> Match:
    """The one municipality the given names (page name, handle, …) point to, if exactly one."""
    index, towns = _index(store)
    found: dict[str, None] = {}
    says_town = False
    for name in filter(None, names):
        tokens = re.split(r"[^a-z0-9]+", _fold(name))
        says_town = says_town or _compact(name).startswith("stadt") or any("stadt" in t for t in tokens if t in _CIVIC)
        for key in name_keys(name):
            found.update(dict.fromkeys(index.get(key, ())))
    candidates = tuple(found)
    if len(candidates) > 1 and says_town:
        only_towns = [ags for ags in candidates if ags in towns]
        if len(only_towns) == 1:
            return Match(only_towns[0], candidates)
    return Match(candidates[0] if len(candidates) == 1 else None, candidates)
