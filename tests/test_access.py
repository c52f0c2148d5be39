"""Roles × actions × municipalities at the one write gate (connectors/actions.py): every write an
actor may not make is refused there and changes nothing, whatever a page shows."""

from __future__ import annotations

from datetime import date

import pytest

from analytics import access
from analytics.access import ANONYMOUS, Actor, Forbidden
from conftest import EXPORTS
from connectors import actions
from connectors.base import ImportContext, SourceFile
from connectors.loader import import_file, prepare
from tests.connectors.test_loader import fingerprint

A, B, H = "05334004", "05334008", "05334016"  # Alsdorf, Baesweiler, Herzogenrath
FB = (EXPORTS / "meta" / "Sep-01-2025_Sep-30-2025_1039829308656930.csv").read_bytes()
ACTORS = {
    "admin": Actor("admin@stadt.example", admin=True),
    "officer_A": Actor("presse@alsdorf.example", officer_of=frozenset({A, H})),
    "council": Actor("rat@stadt.example", council=True),
    "anonymous": ANONYMOUS,
}


def page(town: str, page_id: str) -> SourceFile:
    return SourceFile(f"{page_id}.csv", FB.replace(b"Stadt Musterstadt", f"Stadt {town}".encode())
                      .replace(b"100012345678901", page_id.encode()), export_date=date(2025, 10, 2))


@pytest.fixture
def world(store):
    """Two towns' Facebook pages (A: Alsdorf, B: Baesweiler), each imported once, and the demo flag."""
    ids = {}
    for town, ags, page_id in (("Alsdorf", A, "111"), ("Baesweiler", B, "222")):
        ids[ags] = import_file(store, page(town, page_id))[1]
    return store, ids


def attempts(store, ids):
    """Every write, for town A and town B where it has a town (undo last: it removes the accounts)."""
    return {
        ("import", A): lambda actor: actions.commit_import(store, actor, prepare(store, page("Alsdorf", "333"))),
        ("import", B): lambda actor: actions.commit_import(store, actor, prepare(store, page("Baesweiler", "444"))),
        ("enter_followers", A): lambda actor: actions.enter_followers(store, actor, "facebook:111", date(2025, 9, 20), 5000),
        ("enter_followers", B): lambda actor: actions.enter_followers(store, actor, "facebook:222", date(2025, 9, 20), 900),
        ("move_account", A): lambda actor: actions.move_account(store, actor, "facebook:111", H),
        ("move_account", B): lambda actor: actions.move_account(store, actor, "facebook:111", B),
        ("pull", A): lambda actor: actions.pull(store, actor, "facebook:111"),
        ("pull", B): lambda actor: actions.pull(store, actor, "facebook:222"),
        ("topics", A): lambda actor: actions.correct_topics(store, actor, "facebook:111", _post(store, "facebook:111"),
                                                             ["politik"]),
        ("topics", B): lambda actor: actions.correct_topics(store, actor, "facebook:222", _post(store, "facebook:222"),
                                                             ["politik"]),
        ("topic_words", None): lambda actor: actions.add_topic_word(store, actor, "politik", "stadtrat*"),
        ("undo", A): lambda actor: actions.undo(store, actor, ids[A]),
        ("undo", B): lambda actor: actions.undo(store, actor, ids[B]),
        ("peer_group", None): lambda actor: actions.save_group(store, actor, "Zwei", [A, B]),
        ("remove_demo", None): lambda actor: actions.remove_demo(store, actor),
        ("roles", None): lambda actor: actions.assign_role(store, actor, "neu@stadt.example", "council"),
        ("settings", None): lambda actor: actions.set_setting(store, actor, "public", "true"),
    }


def _post(store, account_key: str) -> str:
    return store.query_value("SELECT min(post_id) FROM core.mat_posts WHERE account_key = ?", [account_key])


ALLOWED = {
    "admin": "everything",
    "officer_A": {("import", A), ("undo", A), ("enter_followers", A), ("move_account", A), ("pull", A),
                  ("topics", A), ("topic_words", None)},
    "council": set(),
    "anonymous": set(),
}


@pytest.mark.parametrize("role", list(ACTORS))
def test_role_action_municipality_matrix(world, role):
    store, ids = world
    actor = ACTORS[role]
    for (action, town), attempt in attempts(store, ids).items():
        allowed = ALLOWED[role] == "everything" or (action, town) in ALLOWED[role]
        before = fingerprint(store)
        if allowed:
            attempt(actor)
            assert fingerprint(store) != before, (role, action, town)
            assert store.query_value("SELECT actor FROM core.audit ORDER BY audit_id DESC LIMIT 1") == actor.id
        else:
            with pytest.raises(Forbidden, match="Keine Berechtigung"):
                attempt(actor)
            assert fingerprint(store) == before, (role, action, town)


def test_an_officer_cannot_undo_official_statistics_or_imports_of_mixed_towns(store):
    genesis = EXPORTS / "genesis" / "12411-02-03-5_Gemeinden_classic-long.csv"
    _, population = import_file(store, SourceFile(genesis.name, genesis.read_bytes()))
    with pytest.raises(Forbidden):
        actions.undo(store, ACTORS["officer_A"], population)
    actions.undo(store, ACTORS["admin"], population)


def test_refusals_say_who_lacks_what(world):
    store, ids = world
    with pytest.raises(Forbidden) as refused:
        actions.undo(store, ACTORS["officer_A"], ids[B])
    assert str(refused.value) == ("Keine Berechtigung: presse@alsdorf.example (officer:05334004, officer:05334016) "
                                  f"darf für {B} nicht Importe rückgängig machen.")
    with pytest.raises(Forbidden, match="^Keine Berechtigung: Ohne Anmeldung darf nicht Demodaten laden oder entfernen.$"):
        actions.remove_demo(store, ANONYMOUS)


def test_the_history_records_who_imported(world):
    store, _ = world
    plan = prepare(store, page("Alsdorf", "555"), ImportContext())
    import_id = actions.commit_import(store, ACTORS["officer_A"], plan)
    assert store.query_value("SELECT imported_by FROM mart.imports WHERE import_id = ?", [import_id]) == \
        "presse@alsdorf.example"


@pytest.mark.parametrize("claim, roles", [
    (["buergernah-admin", "other"], ["admin"]),
    ("buergernah-council", ["council"]),
    (["/buergernah-officer:05334004", "buergernah-officer:123"], ["officer:05334004"]),
    ("buergernah-officer:05334004,buergernah-council", ["officer:05334004", "council"]),
    (None, []),
])
def test_roles_from_the_id_token_claim(claim, roles):
    assert access.roles_from_claim(claim) == roles


def test_admin_assigned_roles_are_stored_and_audited(store):
    admin = ACTORS["admin"]
    actions.assign_role(store, admin, "rat@stadt.example", "council")
    actions.assign_role(store, admin, "presse@alsdorf.example", f"officer:{A}")
    assert access.assigned_roles(store, "RAT@stadt.example", None) == ["council"]
    assert access.from_roles("x", access.assigned_roles(store, "presse@alsdorf.example")).officer_of == {A}
    with pytest.raises(Forbidden, match="Unbekannte Rolle"):
        actions.assign_role(store, admin, "x@y", "superuser")
    actions.revoke_role(store, admin, "rat@stadt.example", "council")
    assert access.assigned_roles(store, "rat@stadt.example") == []
    log = access.audit_log(store)
    assert log["action"].tolist()[:3] == ["role_revoke", "role_assign", "role_assign"]
    assert set(log["actor"]) == {"admin@stadt.example"}
