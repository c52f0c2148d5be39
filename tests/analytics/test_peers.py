"""Peer groups: the Nordkreis default, Kreise, size classes, Länder and custom lists."""

from __future__ import annotations

import pytest

from analytics import peers


def test_default_group_is_the_nordkreis(store):
    assert peers.members(store, "nordkreis")["ags"].tolist() == ["05334004", "05334008", "05334016", "05334036"]


def test_derived_groups(store):
    kreis = peers.members(store, "kreis:05334")
    assert len(kreis) == 10 and "05334002" in set(kreis["ags"])
    nrw = peers.members(store, "land:05")
    assert len(nrw) == 396
    mittel = peers.members(store, "groesse:05:mittelstadt")
    assert mittel["population_total"].between(20_000, 99_999).all()
    sizes = sum(len(peers.members(store, f"groesse:05:{c}")) for c in peers.SIZE_CLASSES)
    assert sizes == 396
    assert peers.size_class(48_518) == "mittelstadt" and peers.size_class(4_999) == "landgemeinde"


def test_every_land_and_kreis_of_germany_is_offered_by_name(demo_store):
    groups = peers.groups(demo_store).set_index("group_id")
    assert groups.loc["nordkreis", "members"] == 4 and groups.loc["nordkreis", "with_accounts"] == 4
    assert groups.loc["kreis:05334", "name"] == "Kreis: Städteregion Aachen (Nordrhein-Westfalen)"
    assert groups.loc["kreis:05358", "name"] == "Kreis: Düren (Nordrhein-Westfalen)"  # no accounts there
    assert groups.loc["groesse:05:mittelstadt", "with_accounts"] == 4
    assert (groups["kind"] == "land").sum() == 16 and (groups["kind"] == "kreis").sum() == 400
    assert groups.loc["land:09", "name"] == "Land: Bayern" and groups.loc["land:09", "members"] == 2056
    assert groups.loc[peers.GERMANY, "members"] == 10_773
    assert peers.members(demo_store, peers.GERMANY).shape[0] == 10_773
    # groups with accounts first within their kind
    kreise = groups[groups["kind"] == "kreis"]
    assert kreise.index[0] == "kreis:05334"
    english = peers.groups(demo_store, "en").set_index("group_id")
    assert english.loc[peers.GERMANY, "name"] == "Germany (all municipalities)"
    # no two groups share a name: the register's alike Kreise say which they are
    assert not groups["name"].duplicated().any()
    assert groups.loc["kreis:09163", "name"] == "Kreisfreie Stadt: Rosenheim (Bayern)"
    assert groups.loc["kreis:09187", "name"] == "Landkreis: Rosenheim (Bayern)"
    assert english.loc["kreis:09187", "name"] == "Rural district: Rosenheim (Bayern)"


def test_custom_groups_are_stored_and_deleted(store):
    group_id = peers.save_group(store, "Städte am Rand", ["05334004", "05334012", "05334004"], actor="test")
    assert group_id == "eigene-stadte-am-rand"
    assert peers.members(store, group_id)["ags"].tolist() == ["05334004", "05334012"]
    assert store.query_value("SELECT kind FROM core.peer_groups WHERE group_id = ?", [group_id]) == "custom"
    peers.save_group(store, "Städte am Rand", ["05334016", "05334036"], actor="test", replace=True)
    assert peers.members(store, group_id)["ags"].tolist() == ["05334016", "05334036"]
    peers.delete_group(store, group_id, actor="test")
    assert peers.members(store, group_id).empty
    with pytest.raises(ValueError):
        peers.delete_group(store, "nordkreis", actor="test")


@pytest.mark.parametrize("name, members", [("", ["05334004", "05334008"]), ("X", ["05334004"]),
                                           ("X", ["05334004", "99999999"])])
def test_invalid_custom_groups(store, name, members):
    with pytest.raises(ValueError):
        peers.save_group(store, name, members, actor="test")
