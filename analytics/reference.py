"""Official reference data shipped in data/reference/ (see its SOURCES.md): municipalities and
the age structure of each Land, loaded into the `core` tables once per database."""

from __future__ import annotations

from typing import TYPE_CHECKING

from analytics.store import PROJECT_DIR

if TYPE_CHECKING:
    from analytics.store import Store

REFERENCE_DIR = PROJECT_DIR / "data" / "reference"
MUNICIPALITIES_CSV = REFERENCE_DIR / "municipalities_de.csv"
AGE_STRUCTURE_CSV = REFERENCE_DIR / "age_structure_de.csv"
# Bump when the shipped files change, so existing databases reload them.
REFERENCE_VERSION = "gv-isys-2023-12-31/12411-2023-12-31"


def ensure_loaded(store: Store) -> bool:
    """Load the reference tables unless this database already has the current version."""
    if store.get_setting("reference_version") == REFERENCE_VERSION:
        return False
    return store.write(_load)


def _load(cur) -> bool:
    from analytics.store import put_setting

    # another process may have loaded them meanwhile (several app processes on one DuckLake)
    loaded = cur.execute("SELECT max(value) FROM core.settings WHERE key = 'reference_version'").fetchone()[0]
    if loaded == REFERENCE_VERSION:
        return False
    cur.execute("DELETE FROM core.municipalities")
    cur.execute(
        """
        INSERT INTO core.municipalities
        SELECT ags, name, kreis_ags, kreis_name, land_code, land_name, population_total,
               reference_date
        FROM read_csv(?, header = true, all_varchar = true)
        """,
        [str(MUNICIPALITIES_CSV)],
    )
    cur.execute("DELETE FROM core.age_structure")
    cur.execute(
        """
        INSERT INTO core.age_structure
        SELECT region, reference_date, age_from, age_to, population
        FROM read_csv(?, header = true, types = {'age_to': 'INTEGER'})
        WHERE region <> 'Deutschland'
        """,
        [str(AGE_STRUCTURE_CSV)],
    )
    put_setting(cur, "reference_version", REFERENCE_VERSION)
    return True
