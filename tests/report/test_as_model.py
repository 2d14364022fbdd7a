"""The export's actors, events and documents as model types: an exported event reads back as the event it
was written from, and a damaged record still gives one model object."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from claimgraph.export.records import actor_record, event_record, stance_record
from claimgraph.model import Actor, ActorRef, Event, Evidence, HolderKind, Span, Stance, StanceLabel, Voice
from claimgraph.report import as_model

EVENT = Event(
    id="e1",
    doc_id="d" * 16,
    voice=Voice.QUOTED,
    actor=ActorRef("Tehran", "country:irn"),
    action="cooperate_militarily",
    cameo="062",
    target=ActorRef("Washington"),
    place="Iraq",
    date="2014-06",
    modality="denied",
    text="Tehran ruled out military cooperation with Washington in Iraq.",
    span=Span("d" * 16, 40, 103),
)


def test_as_model_event_reads_back_what_the_export_wrote() -> None:
    assert as_model.event(event_record(EVENT), 0) == EVENT
    bare = replace(EVENT, target=None, cameo=None, place=None, date=None)
    assert as_model.event(event_record(bare), 0) == bare


def test_as_model_damaged_event_keeps_its_place() -> None:
    records: list[dict[str, Any]] = [
        {"actor": {"actor_id": "country:irn"}, "target": {"name": ""}, "voice": "shouting", "start": "7"},
        {"id": "e9", "actor": "Iran", "date": 2014, "modality": None},
    ]
    first, second = as_model.events(records)
    assert first.id == "#0" and second.id == "e9"  # no id: its position, so it stays one event
    assert first.actor == ActorRef("country:irn", "country:irn") and first.target is None
    assert first.voice is Voice.OWN and first.span == Span("", 0, 0)
    assert second.actor == ActorRef("Iran") and second.date is None and second.modality == ""
    assert as_model.actor_ref(None) is None and as_model.actor_ref({}) is None


def test_as_model_documents_keep_id_and_publication_only() -> None:
    docs = as_model.documents(
        [
            {"id": "a", "published": "2014-06-16T08:00:00Z", "text": "long text"},
            {"id": "b", "published": 2014},
        ]
    )
    assert [(d.id, d.published, d.text) for d in docs] == [("a", "2014-06-16T08:00:00Z", ""), ("b", None, "")]


def test_as_model_actor_reads_back_what_the_export_wrote() -> None:
    kerry = Actor("person:john-kerry", "John Kerry", "person", ("Kerry",), "country:usa", None)
    assert as_model.actor(actor_record(kerry)) == kerry
    seen = as_model.actor(actor_record(kerry, {"Secretary Kerry": 3}))  # spellings join the aliases
    assert seen is not None and seen.aliases == ("Kerry", "Secretary Kerry")


def test_as_model_damaged_actors_are_kept_or_dropped_not_raised() -> None:
    records: list[dict[str, Any]] = [
        {"id": "x:a", "name": None, "kind": 3, "aliases": "Ay", "affiliation": ""},
        {"name": "No id"},
        {"id": "x:b", "name": "Bee", "aliases": ["B", 7]},
    ]
    first, second = as_model.actors(records)  # no id: no event could name it
    assert first == Actor("x:a", "x:a", "other")
    assert second == Actor("x:b", "Bee", "other", ("B",))


def test_as_model_stance_reads_back_what_the_export_wrote_but_its_evidence() -> None:
    said = Stance("k1", "d1", "Ada Brun", HolderKind.SPEAKER, StanceLabel.DISAGREE, 0.8,
                  (Evidence(Span("d1", 3, 9), "no deal", Voice.QUOTED),), "person:ada", "s1")  # fmt: skip
    assert as_model.stances({"id": "k1", "stances": [stance_record(said)]}) == [replace(said, evidence=())]


def test_as_model_damaged_stances_are_read_or_left_out() -> None:
    claim = {"id": "k2", "stances": [
        {"doc_id": "d", "stance": "agree"},  # no holder: a speaker with an empty name
        {"doc_id": "d", "stance": "maybe", "holder": "X"},  # no side the model knows: no lane colour
        {"stance": "discuss", "holder_kind": "crowd", "score": "high"},
        "agree",
    ]}  # fmt: skip
    first, second = as_model.stances(claim)
    assert first == Stance("k2", "d", "", HolderKind.SPEAKER, StanceLabel.AGREE, 0.0)
    assert second == Stance("k2", "", "", HolderKind.SPEAKER, StanceLabel.DISCUSS, 0.0)
    assert as_model.stances({"stances": None}) == [] and as_model.stances({}) == []
