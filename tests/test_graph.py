"""Relation graph: classes, counts, dates, claims behind edges; GraphML/GEXF/JSON and CSV tables."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from claimgraph.errors import ClaimgraphError
from claimgraph.graph import (
    TABLES,
    build_graph,
    edge_records,
    full_date,
    pair_edges,
    write_graph,
    write_tables,
)
from claimgraph.model import (
    Actor,
    ActorMention,
    ActorRef,
    Claim,
    ClaimMember,
    Event,
    FactRef,
    Span,
    Voice,
)
from claimgraph.taxonomy import CAMEO, relation_class

ACTORS = [
    Actor("country:usa", "United States", "country"),
    Actor("country:irn", "Iran", "country"),
    Actor("armed_group:isis", "ISIS", "armed_group"),
]
USA, IRN, ISIS = (ActorRef(a.name, a.id) for a in ACTORS)


def event(eid: str, actor: ActorRef, action: str, target: ActorRef | None, date: str | None,
          modality: str = "asserted") -> Event:  # fmt: skip
    return Event(eid, "d1", Voice.OWN, actor, action, CAMEO.get(action), target, None, date, modality,
                 f"text {eid}", Span("d1", 0, 5))  # fmt: skip


EVENTS = [
    event("e1", USA, "airstrike", ISIS, "2014-08-31"),
    event("e2", IRN, "attack", ISIS, "2014-12-02"),
    event("e3", USA, "attack", ISIS, "2014-09-10"),
    event("e4", USA, "cooperate_militarily", IRN, "2014-09-05", "denied"),
    event("e5", IRN, "consult", USA, "2014-06-16"),
    event("e6", ActorRef("Shiite militias"), "attack", ISIS, None),
    event("e7", IRN, "cooperate_militarily", USA, "2014-06-20", "reported"),
]
CLAIM = Claim("c1", "US and Iran cooperate militarily", members=(
    ClaimMember(FactRef("event", "e4", "d1"), -1, Voice.OWN, Span("d1", 0, 5), "Alpha"),
))  # fmt: skip


def test_graph_unknown_action_is_other() -> None:
    assert relation_class("not-an-action") == "other"


def test_graph_edges_by_pair_and_class() -> None:
    mentions = [ActorMention("country:irn", "Tehran", Span("d1", 0, 6), Voice.OWN)] * 3
    graph = build_graph(ACTORS, EVENTS, [CLAIM], mentions)
    assert isinstance(graph, nx.MultiDiGraph)
    assert graph.nodes["country:irn"]["mentions"] == 3
    assert graph.nodes["unresolved:shiite militias"]["kind"] == "unresolved"
    conflict = graph.edges["country:usa", "armed_group:isis", "conflict"]
    assert (conflict["count"], conflict["first"], conflict["last"]) == (2, "2014-08-31", "2014-09-10")
    assert dict(conflict["months"]) == {"2014-08": 1, "2014-09": 1}
    # symmetric actions are one edge whatever the direction, from the lower id
    coop = graph.edges["country:irn", "country:usa", "cooperation"]
    assert (coop["count"], coop["denied"], coop["asserted"], coop["symmetric"]) == (2, 1, 1, True)
    assert coop["claim_ids"] == {"c1"}
    assert graph.has_edge("country:irn", "country:usa", "talk")
    assert not graph.has_edge("country:usa", "country:irn", "cooperation")


def test_graph_pair_edges_drop_direction_and_sum_both_ways() -> None:
    """The report draws a pair once per class: ISIS -> USA and USA -> ISIS attacks are one edge."""
    back = event("e8", ISIS, "attack", USA, "2014-07-01", "denied")
    graph = build_graph(ACTORS, [*EVENTS, back], [CLAIM])
    assert graph.has_edge("armed_group:isis", "country:usa", "conflict")  # directed: two edges
    pairs = pair_edges(graph)
    conflict = pairs["armed_group:isis", "country:usa", "conflict"]
    assert (conflict["count"], conflict["denied"], conflict["asserted"]) == (3, 1, 2)
    assert (conflict["first"], conflict["last"]) == ("2014-07-01", "2014-09-10")
    assert dict(conflict["actions"]) == {"airstrike": 1, "attack": 2}
    assert sorted(conflict["event_ids"]) == ["e1", "e3", "e8"] and not conflict["symmetric"]
    assert pairs["country:irn", "country:usa", "cooperation"]["claim_ids"] == {"c1"}
    assert sum(e["count"] for e in pairs.values()) == sum(r["count"] for r in edge_records(graph))
    assert graph.edges["country:usa", "armed_group:isis", "conflict"]["count"] == 2  # graph unchanged


def test_graph_empty_input() -> None:
    graph = build_graph([], [])
    assert graph.number_of_nodes() == 0 and edge_records(graph) == []


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_graph_writers_round_trip(tmp_path: Path, fmt: str) -> None:
    graph = build_graph(ACTORS, EVENTS, [CLAIM])
    path = tmp_path / f"graph.{fmt}"
    write_graph(graph, path, fmt)
    if fmt == "json":
        data = json.loads(path.read_text(encoding="utf-8"))
        assert {n["id"] for n in data["nodes"]} == set(graph.nodes)
        edge = next(e for e in data["edges"] if e["relation"] == "cooperation")
        assert edge["claim_ids"] == ["c1"] and edge["event_ids"] == ["e4", "e7"]
        return
    back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert set(back.nodes) == set(graph.nodes)
    assert back.number_of_edges() == graph.number_of_edges()
    names = nx.get_node_attributes(back, "name") or nx.get_node_attributes(back, "label")
    assert names["country:irn"] == "Iran"


def test_graph_unknown_format_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ClaimgraphError, match="unknown graph format 'dot'"):
        write_graph(build_graph(ACTORS, EVENTS), tmp_path / "g.dot", "dot")


def test_graph_unwritable_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ClaimgraphError, match="cannot write"):
        write_graph(build_graph(ACTORS, EVENTS), tmp_path / "missing" / "g.graphml", "graphml")


def test_graph_tables_one_csv_per_entity(tmp_path: Path) -> None:
    graph = build_graph(ACTORS, EVENTS, [CLAIM])
    export = {
        "documents": [{"id": "d1", "title": "T", "text": "a, \"quoted\"\nline", "segments": [
            {"voice": "own", "start": 0, "end": 3, "text": "a, ", "source": None, "author": None}]}],
        "actors": [{"id": a.id, "name": a.name, "kind": a.kind, "aliases": ["x", "y"]} for a in ACTORS],
        "statements": [{"id": "s1", "speaker": {"name": "Kirby", "actor_id": None}, "chain": ["A", "Kirby"]}],
        "claims": [{"id": "c1", "text": "t", "stances": [{"doc_id": "d1", "holder": "A", "stance": "agree",
                    "evidence": [{"doc_id": "d1", "start": 0, "end": 3, "text": "a, "}]}]}],
        "edges": edge_records(graph),
    }  # fmt: skip
    counts = write_tables(export, tmp_path / "tables")
    assert set(counts) == set(TABLES)
    assert counts["segments"] == 1 and counts["stances"] == 1 and counts["events"] == 0
    assert counts["edges"] == graph.number_of_edges()
    for table in TABLES:
        with (tmp_path / "tables" / f"{table}.csv").open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        assert len(rows) == counts[table]
    with (tmp_path / "tables" / "documents.csv").open(encoding="utf-8", newline="") as f:
        assert next(csv.DictReader(f))["text"] == 'a, "quoted"\nline'
    with (tmp_path / "tables" / "statements.csv").open(encoding="utf-8", newline="") as f:
        row = next(csv.DictReader(f))
    assert (row["speaker_name"], row["chain"]) == ("Kirby", "A; Kirby")
    with (tmp_path / "tables" / "stances.csv").open(encoding="utf-8", newline="") as f:
        stance = next(csv.DictReader(f))
    assert stance["claim_id"] == "c1" and json.loads(stance["evidence"])[0]["end"] == 3


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_xml_labels_are_names_and_edges_have_periods(tmp_path: Path, fmt: str) -> None:
    """Issue 10: Gephi showed `armed_group:isis` and its timeline ignored the edges."""
    path = tmp_path / f"graph.{fmt}"
    write_graph(build_graph(ACTORS, EVENTS, [CLAIM]), path, fmt)
    back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert nx.get_node_attributes(back, "label")["armed_group:isis"] == "ISIS"
    assert nx.get_node_attributes(back, "label")["unresolved:shiite militias"] == "Shiite militias"
    attack = next(d for u, v, d in back.edges(data=True) if (u, v) == ("country:usa", "armed_group:isis"))
    assert (attack["start"], attack["end"]) == ("2014-08-31", "2014-09-10")
    undated = next(d for u, v, d in back.edges(data=True) if u == "unresolved:shiite militias")
    assert "start" not in undated and "end" not in undated
    if fmt == "gexf":
        graph_element = ET.parse(path).getroot().find("{*}graph")
        assert graph_element is not None
        assert (graph_element.get("mode"), graph_element.get("timeformat")) == ("dynamic", "date")


@pytest.mark.parametrize(
    ("value", "end", "expected"),
    [("2014", False, "2014-01-01"), ("2014", True, "2014-12-31"), ("2016-02", True, "2016-02-29"),
     ("2014-06-16T10:00", True, "2014-06-16"), (None, False, None), ("soon", False, None)],
)  # fmt: skip
def test_graph_full_date_widens_partial_dates(value: str | None, end: bool, expected: str | None) -> None:
    assert full_date(value, end=end) == expected
