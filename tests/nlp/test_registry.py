"""The actor registry: records folded into entries, extensions, roles and their holders."""

from __future__ import annotations

import pytest

from claimgraph.nlp.registry import Holder, load_registry, parse_registry

COUNTRY = {"id": "country:irn", "name": "Iran", "kind": "country", "aliases": ["Islamic Republic of Iran"],
           "code": "IRN", "capitals": ["Tehran"], "demonyms": ["Iranian"]}  # fmt: skip
ROLE = {"id": "role:us-secstate", "name": "US Secretary of State", "kind": "role",
        "holders": [{"actor": "person:john-kerry", "from": "2013-02-01", "to": "2017-01-20"}]}  # fmt: skip


def test_registry_entry_fields() -> None:
    (iran, role) = parse_registry([[COUNTRY, ROLE]])
    assert iran.actor.name == "Iran" and iran.actor.code == "IRN" and iran.capitals == ("Tehran",)
    assert iran.demonyms == ("Iranian",) and iran.actor.aliases == ("Islamic Republic of Iran",)
    assert role.holders == (Holder("person:john-kerry", "2013-02-01", "2017-01-20"),)


def test_registry_later_file_extends_an_earlier_actor() -> None:
    extend = {"id": "country:irn", "extend": True, "aliases": ["Tehran regime", "Islamic Republic of Iran"],
              "demonyms": ["Persian"]}  # fmt: skip
    (iran,) = parse_registry([[COUNTRY], [extend]])
    assert iran.actor.aliases == ("Islamic Republic of Iran", "Tehran regime")  # no repeats, order kept
    assert iran.demonyms == ("Iranian", "Persian") and iran.actor.code == "IRN"


def test_registry_extending_an_unknown_actor_fails_with_its_id() -> None:
    with pytest.raises(ValueError, match="country:xyz extends an actor that is not defined"):
        parse_registry([[{"id": "country:xyz", "extend": True, "aliases": ["X"]}]])


def test_registry_shipped_files_load() -> None:
    entries = {e.actor.id: e for e in load_registry()}
    assert len(entries) > 200  # every ISO country plus the curated actors
    assert any(e.actor.kind == "country" for e in entries.values())
    assert any(e.holders for e in entries.values())  # roles with their holders
    assert load_registry() is load_registry()  # read once per process
