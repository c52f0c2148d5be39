"""How an account is named wherever a person sees it (pages, downloads, the CLI, stored labels).

The name the export or API gives (page name, channel title, account name) comes first, then a real
handle (`@stadt.alsdorf`). An account a file did not name gets the handle `ags-<AGS>` from the
loader (one account per town and platform, connectors/loader.py); that handle is an internal key
and is never shown: such an account reads „Facebook-Seite von Alsdorf“ / "Facebook page of Alsdorf",
from its current town and platform. Older databases stored a made-up name „Alsdorf (Facebook)“ for
these accounts; it is treated as no name, so a moved account is named after its new town.
"""

from __future__ import annotations

import json
import re

import pandas as pd

from analytics import platforms
from analytics.i18n import Message, known
from analytics.store import Store

_PLACEHOLDER = re.compile(r"ags-\d{8}")


def placeholder_handle(ags: str) -> str:
    """The handle of the account the loader makes for a town whose file names no account."""
    return f"ags-{ags}"


def is_placeholder(handle: object) -> bool:
    return isinstance(handle, str) and _PLACEHOLDER.fullmatch(handle) is not None


def _given(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _of_town(platform: str, town: str | None) -> Message:
    town = (_given(town) or "").split(",")[0] or "?"
    key = f"common.account_of.{platform}"
    if known(key):
        return Message(key, town=town)
    return Message("common.account_of", platform=platforms.label(platform), town=town)


def of_town(platform: str, town: str | None, lang: str = "de") -> str:
    """„Facebook-Seite von Alsdorf“ (`town` may be the register's „Alsdorf, Stadt“)."""
    return _of_town(platform, town).text(lang)


def name_message(platform: str, name: object, handle: object, town: str | None) -> Message:
    """The account's name for people: its given name, else its handle, else „<Konto> von <Gemeinde>“
    (a catalogue message, so a stored label reads in the language it is shown in)."""
    name, handle = _given(name), _given(handle)
    placeholder = is_placeholder(handle)
    made_up = placeholder and name is not None and name.endswith(f" ({platforms.label(platform)})")
    if name and not made_up:
        return Message.plain(name)
    if handle and not placeholder:
        return Message.plain(handle)
    return _of_town(platform, town)


def display_name(platform: str, name: object, handle: object, town: str | None, lang: str = "de") -> str:
    """`name_message` in `lang`."""
    return name_message(platform, name, handle, town).text(lang)


def display_names(frame: pd.DataFrame, lang: str = "de", *, name: str = "name", handle: str = "handle",
                  town: str = "town", platform: str = "platform") -> list[str]:
    """`display_name` for every row of a frame with those columns."""
    return [display_name(p, n, h, tw, lang) for p, n, h, tw
            in zip(frame[platform], frame[name], frame[handle], frame[town], strict=True)]


def _registered(store: Store) -> pd.DataFrame:
    return store.query_df(
        """
        SELECT a.account_key, a.platform, a.ags, split_part(m.name, ',', 1) AS town, a.name, a.handle
        FROM core.accounts a LEFT JOIN core.municipalities m USING (ags)
        """
    )


def name_of(store: Store, account_key: str) -> pd.DataFrame:
    """One account's platform and name (a Message, for labels stored in the database); no row when
    the account does not exist."""
    frame = _registered(store)
    frame = frame[frame["account_key"] == account_key]
    named = [name_message(p, n, h, tw) for p, n, h, tw
             in zip(frame["platform"], frame["name"], frame["handle"], frame["town"], strict=True)]
    return pd.DataFrame({"platform": frame["platform"].tolist(), "name": pd.Series(named, dtype=object)})


def names(store: Store, lang: str = "de") -> pd.DataFrame:
    """Every registered account: account_key, platform, ags, town (short name), name (for people) and
    label (for pickers: „Stadt Alsdorf (Facebook) · Alsdorf“, or the name alone where it says both, as
    „Facebook-Seite von Alsdorf“ does), ordered by town, platform and name."""
    frame = _registered(store)
    frame["name"] = display_names(frame, lang)
    frame["label"] = [name if name == of_town(platform, town, lang) else f"{name} ({platforms.label(platform)}) · {town}"
                      for name, platform, town in zip(frame["name"], frame["platform"], frame["town"], strict=True)]
    return (frame.drop(columns="handle").sort_values(["town", "platform", "name"], na_position="last")
            .reset_index(drop=True))


def in_audit_log(log: pd.DataFrame, named: dict[str, str]) -> pd.DataFrame:
    """The audit log (`target`, `details`) with the account keys it records (a moved account, a
    corrected post `<key>/<post id>`, the account of an entered follower count) shown by name."""
    def target(value: object) -> object:
        if not isinstance(value, str):
            return value
        key, slash, post = value.partition("/")
        return f"{named[key]}{' / ' + post if slash else ''}" if key in named else value

    def details(value: object) -> object:
        if not isinstance(value, str) or '"account_key"' not in value:
            return value
        try:
            found = json.loads(value)
        except ValueError:
            return value
        if not isinstance(found, dict) or found.get("account_key") not in named:
            return value
        found = {("account" if k == "account_key" else k): (named[v] if k == "account_key" else v)
                 for k, v in found.items()}
        return json.dumps(found, ensure_ascii=False)

    return log.assign(target=log["target"].map(target), details=log["details"].map(details))
