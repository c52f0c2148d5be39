"""Peer groups: the towns a municipality is compared with (docs/metrics.md §3).

Stored groups live in `core.peer_groups` / `core.peer_group_members` (the Nordkreis default and
custom lists); derived groups are named by their id and computed from the reference data:

* `kreis:<kreis_ags>` — all municipalities of a Kreis,
* `groesse:<land_code>:<class>` — a size class (BBSR town types) within a Land,
* `land:<land_code>` — all municipalities of a Land,
* `deutschland` — every municipality in the register.

Every Land and Kreis of Germany is offered by name, whether or not any of its towns has accounts.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from analytics import access
from analytics.i18n import pick, text
from analytics.sources import cache_scope
from analytics.store import Store

if TYPE_CHECKING:  # the town picker (towns_with_accounts) is part of the first page view, without pandas
    import pandas as pd

DEFAULT_GROUP = "nordkreis"
# BBSR Stadt- und Gemeindetypen by population.
SIZE_CLASSES = {
    "landgemeinde": ("Landgemeinden (unter 5.000 Einw.)", "Rural municipalities (< 5,000)", 0, 5_000),
    "kleinstadt": ("Kleinstädte (5.000–19.999 Einw.)", "Small towns (5,000–19,999)", 5_000, 20_000),
    "mittelstadt": ("Mittelstädte (20.000–99.999 Einw.)", "Medium towns (20,000–99,999)", 20_000, 100_000),
    "grossstadt": ("Großstädte (ab 100.000 Einw.)", "Cities (100,000+)", 100_000, 10**9),
}
GERMANY = "deutschland"


def size_class(population: int) -> str:
    for key, (_, _, low, high) in SIZE_CLASSES.items():
        if low <= population < high:
            return key
    return "grossstadt"


def _member_filter(group_id: str) -> tuple[str, dict]:
    """SQL condition on mart.municipalities `m` selecting the group's members."""
    if group_id == GERMANY:
        return "true", {}
    if group_id.startswith("kreis:"):
        return "m.kreis_ags = $g1", {"g1": group_id.split(":", 1)[1]}
    if group_id.startswith("gemeinde:"):  # one town on its own (the council report's own figures)
        return "m.ags = $g1", {"g1": group_id.split(":", 1)[1]}
    if group_id.startswith("land:"):
        return "m.land_code = $g1", {"g1": group_id.split(":", 1)[1]}
    if group_id.startswith("groesse:"):
        _, land, cls = group_id.split(":", 2)
        low, high = SIZE_CLASSES[cls][2:] if cls in SIZE_CLASSES else (0, 0)
        return ("m.land_code = $g1 AND m.population_total >= $g2 AND m.population_total < $g3",
                {"g1": land, "g2": low, "g3": high})
    return "m.ags IN (SELECT ags FROM core.peer_group_members WHERE group_id = $g1)", {"g1": group_id}


def members_sql(group_id: str) -> tuple[str, dict]:
    """A SELECT of (ags, name, population_total, kreis_name) for the group, with its parameters."""
    cond, params = _member_filter(group_id)
    return (f"SELECT m.ags, m.name, m.population_total, m.kreis_name FROM mart.municipalities m WHERE {cond}",
            params)


def members(store: Store, group_id: str) -> pd.DataFrame:
    sql, params = members_sql(group_id)
    return store.query_df(sql + " ORDER BY m.name", params)


@cache_scope("towns")
def groups(store: Store, lang: str = "de") -> pd.DataFrame:
    """Every group offered: stored groups first, then the Kreise, size classes and Länder that contain
    at least one town with an account. Columns: group_id, name, kind, members, with_accounts."""
    import pandas as pd  # here: the module is part of the first page view, which does without it

    stored = store.query_df(
        """
        SELECT g.group_id, g.name, g.kind, count(DISTINCT pm.ags) AS members,
               count(DISTINCT a.ags) AS with_accounts
        FROM core.peer_groups g
        LEFT JOIN core.peer_group_members pm USING (group_id)
        LEFT JOIN core.accounts a ON a.ags = pm.ags
        GROUP BY g.group_id, g.name, g.kind ORDER BY g.kind = 'default' DESC, g.name
        """
    )
    derived = store.query_df(
        """
        WITH with_accounts AS (SELECT DISTINCT ags FROM core.accounts),
        towns AS (
            SELECT m.*, w.ags IS NOT NULL AS has_account,
                   CASE WHEN population_total < 5000 THEN 'landgemeinde' WHEN population_total < 20000 THEN 'kleinstadt'
                        WHEN population_total < 100000 THEN 'mittelstadt' ELSE 'grossstadt' END AS size_class
            FROM core.municipalities m LEFT JOIN with_accounts w USING (ags)
        )
        SELECT 'deutschland' AS group_id, NULL AS name, NULL AS land, 'deutschland' AS kind, 0 AS sort,
               count(*) AS members, count(*) FILTER (has_account) AS with_accounts
        FROM towns
        UNION ALL
        SELECT 'land:' || land_code, any_value(land_name), any_value(land_name), 'land', 1, count(*),
               count(*) FILTER (has_account)
        FROM towns GROUP BY land_code
        UNION ALL
        SELECT 'kreis:' || kreis_ags, any_value(kreis_name), any_value(land_name), 'kreis', 2, count(*),
               count(*) FILTER (has_account)
        FROM towns GROUP BY kreis_ags
        UNION ALL  -- size classes within a Land: only where a town has accounts (64 would be noise)
        SELECT 'groesse:' || land_code || ':' || size_class, size_class, any_value(land_name), 'groesse', 3,
               count(*), count(*) FILTER (has_account)
        FROM towns GROUP BY land_code, size_class HAVING count(*) FILTER (has_account) > 0
        """
    )
    # The register names some Kreise alike within a Land (Landkreis and kreisfreie Stadt Rosenheim):
    # those say which they are, the Stadt being the Kreis of one municipality.
    kreise = derived["kind"] == "kreis"
    alike = kreise & derived[kreise].duplicated(["name", "land"], keep=False).reindex(derived.index, fill_value=False)
    kinds = derived["kind"].where(~alike, derived["members"].map(lambda n: "kreis_city" if n == 1 else "kreis_district"))
    derived["name"] = [_derived_name(kind, name, land, lang) for kind, name, land
                       in zip(kinds, derived["name"], derived["land"], strict=True)]
    # the groups with towns that have accounts first within each kind, then by name
    derived = derived.assign(empty=derived["with_accounts"] == 0).sort_values(["sort", "empty", "name"])
    return pd.concat([stored, derived.drop(columns=["land", "sort", "empty"])], ignore_index=True)


def _derived_name(kind: str, name: str | None, land: str | None, lang: str) -> str:
    if kind == "deutschland":
        return text("peers.germany", lang)
    if kind == "land":
        return text("peers.land", lang, name=name)
    if kind in ("kreis", "kreis_city", "kreis_district"):
        return text(f"peers.{kind}", lang, name=name, land=land)
    return text("peers.size_in", lang, size=pick(SIZE_CLASSES[name][:2], lang), land=land)


class GroupExists(ValueError):
    """A custom group of that name exists: replacing it needs the user's confirmation."""


def save_group(store: Store, name: str, ags_list: list[str], *, actor: str, replace: bool = False) -> str:
    """Store a custom peer group; returns its id. A group of the same name is replaced only with
    `replace` (the page asks first). Called through `connectors.actions`, which checks the rights."""
    name = name.strip()
    if not name:
        raise ValueError("Bitte geben Sie der Vergleichsgruppe einen Namen.")
    wanted = sorted(set(ags_list))
    if len(wanted) < 2:
        raise ValueError("Eine Vergleichsgruppe braucht mindestens zwei Gemeinden.")
    known = set(store.query_df("SELECT ags FROM mart.municipalities WHERE ags IN (SELECT unnest($a))",
                               {"a": wanted})["ags"])
    unknown = [a for a in wanted if a not in known]
    if unknown:
        raise ValueError(f"Unbekannte Gemeindeschlüssel: {', '.join(unknown)}")
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower().translate(str.maketrans("äöüß", "aous"))).strip("-")
    group_id = f"eigene-{slug or 'gruppe'}"

    def write(cur) -> None:
        exists = cur.execute("SELECT name FROM core.peer_groups WHERE group_id = ?", [group_id]).fetchone()
        if exists and not replace:
            raise GroupExists(f"Eine Vergleichsgruppe „{exists[0]}“ gibt es schon.")
        access.record(cur, actor, "peer_group_replace" if exists else "peer_group_create", group_id,
                      {"name": name, "members": wanted})
        cur.execute("DELETE FROM core.peer_group_members WHERE group_id = ?", [group_id])
        cur.execute("DELETE FROM core.peer_groups WHERE group_id = ?", [group_id])
        cur.execute("INSERT INTO core.peer_groups (group_id, name, kind, created_at) VALUES (?, ?, 'custom', now())",
                    [group_id, name])
        cur.executemany("INSERT INTO core.peer_group_members VALUES (?, ?)", [[group_id, a] for a in wanted])

    store.write(write)
    return group_id


def delete_group(store: Store, group_id: str, *, actor: str) -> None:
    """Remove a custom group (the default groups stay)."""
    def write(cur) -> None:
        access.record(cur, actor, "peer_group_delete", group_id)
        kind = cur.execute("SELECT kind FROM core.peer_groups WHERE group_id = ?", [group_id]).fetchone()
        if not kind or kind[0] != "custom":
            raise ValueError("Nur eigene Vergleichsgruppen lassen sich löschen.")
        cur.execute("DELETE FROM core.peer_group_members WHERE group_id = ?", [group_id])
        cur.execute("DELETE FROM core.peer_groups WHERE group_id = ?", [group_id])

    store.write(write)


@cache_scope("towns")
def choices(store: Store) -> pd.DataFrame:
    """Municipalities offered for a custom group: those of the Länder where towns have accounts
    (all of Germany when none has), as `Name (Kreis, AGS)`."""
    return store.query_df(
        """
        SELECT m.ags, split_part(m.name, ',', 1) || ' (' || m.kreis_name || ', ' || m.ags || ')' AS label
        FROM mart.municipalities m
        WHERE m.land_code IN (SELECT land_code FROM mart.municipalities WHERE ags IN (SELECT ags FROM core.accounts))
           OR NOT EXISTS (SELECT 1 FROM core.accounts)
        ORDER BY m.name
        """
    )


@cache_scope("towns")
def kreis_choices(store: Store) -> pd.DataFrame:
    """The Kreise whose municipalities `choices` offers, each as one entry that adds exactly its
    municipalities (by AGS: the Kreis' own, not every town whose name contains the Kreis' name):
    kreis_ags, name, land, members (list of AGS, by name). Only Kreise with more than one
    municipality: a kreisfreie Stadt is one town, offered as such (and the register names some alike:
    Landkreis and Stadt Rosenheim are both „Rosenheim“)."""
    return store.query_df(
        """
        SELECT m.kreis_ags, any_value(m.kreis_name) AS name, any_value(l.land_name) AS land,
               list(m.ags ORDER BY m.name, m.ags) AS members
        FROM mart.municipalities m JOIN core.municipalities l USING (ags)
        WHERE m.land_code IN (SELECT land_code FROM mart.municipalities WHERE ags IN (SELECT ags FROM core.accounts))
           OR NOT EXISTS (SELECT 1 FROM core.accounts)
        GROUP BY m.kreis_ags HAVING count(*) > 1
        ORDER BY name, land, m.kreis_ags
        """
    ).assign(members=lambda d: d["members"].map(list))


@cache_scope("accounts")
def towns_with_accounts(store: Store) -> list[dict]:
    """Towns with at least one registered account, by name: rows of (ags, name, population_total,
    accounts, platforms), read from the account registry directly (cheap at state-wide scale). Rows,
    not a frame: the town picker is part of the first page view, which does without pandas."""
    return store.query_rows(
        """
        SELECT m.ags, m.name, m.population_total, count(a.account_key) AS accounts,
               list(DISTINCT a.platform ORDER BY a.platform) AS platforms
        FROM mart.municipalities m JOIN core.accounts a USING (ags)
        GROUP BY ALL ORDER BY m.name, m.ags
        """
    )
