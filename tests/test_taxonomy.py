"""One action taxonomy: events, claims, graph, report and export agree about every action."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.lang.en import English
from spacy.tokens import Doc

from claimgraph import taxonomy
from claimgraph.claims import contradictions, propositions, triples
from claimgraph.claims.propositions import claim_text
from claimgraph.claims.text import has_cue
from claimgraph.errors import ClaimgraphError
from claimgraph.export.records import event_record
from claimgraph.graph import build_graph, edge_records
from claimgraph.model import Actor, ActorRef, Event, Span, Voice
from claimgraph.nlp import event_roles, events
from claimgraph.nlp.event_triggers import action_of
from claimgraph.report.index import ExportIndex
from claimgraph.report.relations import graph_view, relation_graph

NAMES = sorted(taxonomy.ACTIONS)
A, B = Actor("country:aaa", "Aland", "country"), Actor("country:bbb", "Borduria", "country")
VOCAB = English().vocab  # with English lexical attributes: the rules read `lower_`
PACKAGED = Path(taxonomy.__file__).parent / "data" / "actions.json"


def _event(action: str) -> Event:
    ref_b, ref_a = ActorRef(B.name, B.id), ActorRef(A.name, A.id)  # b first: symmetric ones get sorted
    return Event(f"e-{action}", "d1", Voice.OWN, ref_b, action, taxonomy.CAMEO[action], ref_a, None,
                 "2014-09-01", "asserted", "text", Span("d1", 0, 4))  # fmt: skip


def _doc(words: list[str], lemmas: list[str], pos: list[str], heads: list[int], deps: list[str]) -> Doc:
    return Doc(VOCAB, words=words, lemmas=lemmas, pos=pos, heads=heads, deps=deps)


def test_taxonomy_quad_class_follows_the_cameo_root() -> None:
    for action in taxonomy.ACTIONS.values():
        assert action.quad_class == taxonomy.quad_class_of(action.cameo), action.name
    assert [taxonomy.quad_class_of(c) for c in ("016", "046", "062", "0874", "100", "130", "154", "195")] == [
        1, 1, 2, 2, 3, 3, 4, 4,
    ]  # fmt: skip


@pytest.mark.parametrize("name", NAMES)
def test_taxonomy_events_trigger_each_action_from_its_own_words(name: str) -> None:
    action = taxonomy.ACTIONS[name]
    for verb in action.verbs:
        assert action_of(_doc([verb], [verb], ["VERB"], [0], ["ROOT"])[0]) == name, verb
    for noun in action.nouns:
        assert action_of(_doc([noun], [noun], ["NOUN"], [0], ["ROOT"])[0]) == name, noun
    for verb, particle in action.phrasal_verbs:
        doc = _doc([verb, particle], [verb, particle], ["VERB", "ADP"], [0, 0], ["ROOT", "prt"])
        assert action_of(doc[0]) == name, (verb, particle)


def test_taxonomy_every_action_name_a_module_uses_is_defined() -> None:
    used = {
        *events.PLACE_TARGETS, *events.UNRESOLVED_TARGETS, *events.STANCE_ACTIONS, *events.AUTHORISED_ACTIONS,
        *events.ACTION_FAMILIES, *(a for family in events.ACTION_FAMILIES.values() for a in family),
        *(a for targets in event_roles.TARGET_PREPS.values() for a in targets),
        *triples.DESTINATION_RELATIONS, *triples.DENIAL_RELATIONS, *propositions.MISSION_QUALIFIERS,
        *contradictions.DATED_RELATIONS,
    }  # fmt: skip
    assert used <= set(taxonomy.ACTIONS), used - set(taxonomy.ACTIONS)
    assert event_roles.TARGET_PREPS["with"] == taxonomy.SYMMETRIC


@pytest.mark.parametrize("name", NAMES)
def test_taxonomy_claims_phrase_and_cues(name: str) -> None:
    action = taxonomy.ACTIONS[name]
    text = claim_text("Aland", "Borduria", name, None)
    if action.symmetric:
        assert text == f"Aland and Borduria {action.verb}"
    else:
        assert text == f"Aland {action.verb} {action.preposition} Borduria".replace("  ", " ")
    alone = claim_text("Aland", None, name, "Szohod")
    assert alone.endswith(" in Szohod") and (action.alone or action.verb.split()[0]) in alone
    for stem in action.cue_stems:
        assert has_cue(f"they spoke of {stem}", name), stem
    for first, second in action.cue_pairs:
        assert has_cue(f"they {first} closely {second} others", name), (first, second)


def test_taxonomy_graph_report_and_export_agree_on_every_action() -> None:
    evs = [_event(name) for name in NAMES]
    records = edge_records(build_graph([A, B], evs))
    exported = [event_record(e) for e in evs]
    index = ExportIndex.build({"actors": [], "events": exported})
    report_records = edge_records(relation_graph(index))  # the report's graph, read from the export
    for name, record in zip(NAMES, exported, strict=True):
        action = taxonomy.ACTIONS[name]
        assert (record["action"], record["cameo"]) == (name, action.cameo)
        (edge,) = [r for r in records if name in r["actions"]]
        assert edge["relation"] == action.relation_class, name
        assert edge["symmetric"] == action.symmetric, name
        assert (edge["source"], edge["target"]) == ((A.id, B.id) if action.symmetric else (B.id, A.id))
    assert report_records == records
    assert {line.cls for line in graph_view(index).lines} == {r["relation"] for r in records}  # all drawn


def _write(tmp_path: Path, change: dict) -> Path:
    data = json.loads(PACKAGED.read_text(encoding="utf-8"))
    data["actions"]["deny"].update(change)
    path = tmp_path / "actions.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"quad_class": 3}, "quad class 3, but CAMEO 016 is quad class 1"),
        ({"relation_class": "friendship"}, "relation class 'friendship'"),
        ({"verbs": ["reject"]}, "verbs entry 'reject' is also under 'reject'"),
        ({"cameo": "99"}, "CAMEO code '99'"),
        ({"phrasal_verbs": ["rule"]}, "phrasal_verbs entries are two words"),
    ],
)
def test_taxonomy_bad_file_names_the_file_and_the_action(tmp_path: Path, change: dict, message: str) -> None:
    path = _write(tmp_path, change)
    with pytest.raises(ClaimgraphError, match="E111") as caught:
        taxonomy.load(path)
    assert str(path) in str(caught.value) and message in str(caught.value)


def test_taxonomy_unreadable_file_is_e110(tmp_path: Path) -> None:
    path = tmp_path / "actions.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ClaimgraphError, match=r"E110.*not JSON"):
        taxonomy.load(path)
    with pytest.raises(ClaimgraphError, match="E110"):
        taxonomy.load(tmp_path / "missing.json")


def test_taxonomy_packaged_file_loads_as_the_module_tables() -> None:
    assert taxonomy.load(PACKAGED) == taxonomy.ACTIONS
