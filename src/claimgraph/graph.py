"""The relation graph: who does what to whom, as cooperation, conflict or talk, over time.

A `networkx.MultiDiGraph`: actors are nodes; each (actor, target, relation class) is one edge keyed
by its class, so a pair can cooperate and clash at once (parallel edges) and direction is kept for
one-way actions (Iran -> ISIS attack). Symmetric actions (consult, cooperate...) are stored once, from
the lower actor id, with `symmetric=True`. Each edge carries its counts (by modality: a denied
"cooperation" is evidence of a denial, not of cooperation), first/last dates, per-month counts, and the
event and claim ids behind it. Exports go through networkx's own writers.
"""

from __future__ import annotations

import calendar
import csv
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.model import Actor, ActorMention, ActorRef, Claim, Event, Modality
from claimgraph.naming import holder_key as normalise
from claimgraph.outputs import atomic_output, spreadsheet_safe, write_text
from claimgraph.taxonomy import SYMMETRIC, relation_class

# Characters XML 1.0 allows: tab, LF, CR and these ranges. C0 controls, lone surrogates and
# U+FFFE/U+FFFF cannot appear even as character references, so names holding them are cleaned.
_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# asserted and reported events count as "asserted"; what did not (yet) happen is kept apart
MODALITY_BUCKETS = {Modality.DENIED.value: "denied", Modality.PLANNED.value: "planned",
                    Modality.HYPOTHETICAL.value: "planned"}  # fmt: skip
UNRESOLVED = "unresolved:"  # node id prefix of a name no actor registry resolved
FORMATS = ("graphml", "gexf", "json")
LIST_SEPARATOR = "; "  # list cells in GraphML/GEXF/CSV, as the store's CSV export joins them
MONTH_LENGTH = len("YYYY-MM")
ISO_DAY_LENGTH = len("YYYY-MM-DD")
TABLES = (
    "documents",
    "segments",
    "actors",
    "statements",
    "events",
    "claims",
    "stances",
    "contradictions",
    "edges",
)


def _node_id(ref: ActorRef) -> str:
    return ref.actor_id or f"{UNRESOLVED}{normalise(ref.name)}"


def _claims_by_event(claims: Iterable[Claim]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for claim in claims:
        for member in claim.members:
            if member.fact.kind == "event":
                found.setdefault(member.fact.id, set()).add(claim.id)
    return found


def _add_node(graph: nx.MultiDiGraph, ref: ActorRef, actors: Mapping[str, Actor]) -> str:
    node = _node_id(ref)
    if node not in graph:
        actor = actors.get(node)
        graph.add_node(
            node,
            name=actor.name if actor else ref.name,
            kind=actor.kind if actor else "unresolved",
            affiliation=(actor.affiliation if actor else None) or "",
            mentions=0,
            events=0,
        )
    return node


def build_graph(
    actors: Iterable[Actor],
    events: Iterable[Event],
    claims: Iterable[Claim] = (),
    mentions: Iterable[ActorMention] = (),
) -> nx.MultiDiGraph:
    """Actors as nodes, one edge per (actor, target, relation class) with what lies behind it."""
    registry = {a.id: a for a in actors}
    graph = nx.MultiDiGraph()
    for actor in registry.values():
        _add_node(graph, ActorRef(actor.name, actor.id), registry)
    for mention in mentions:
        if mention.actor_id in graph:
            graph.nodes[mention.actor_id]["mentions"] += 1
    claim_ids = _claims_by_event(claims)
    for event in events:
        source = _add_node(graph, event.actor, registry)
        graph.nodes[source]["events"] += 1
        if event.target is None:
            continue
        target = _add_node(graph, event.target, registry)
        graph.nodes[target]["events"] += 1
        if source == target:
            continue
        symmetric = event.action in SYMMETRIC
        if symmetric and target < source:
            source, target = target, source
        relation = relation_class(event.action)
        if not graph.has_edge(source, target, key=relation):
            graph.add_edge(source, target, key=relation, relation=relation, symmetric=symmetric, count=0,
                           asserted=0, denied=0, planned=0, actions=Counter(), months=Counter(),
                           first=None, last=None, event_ids=[], claim_ids=set())  # fmt: skip
        edge = graph.edges[source, target, relation]
        edge["symmetric"] = edge["symmetric"] and symmetric
        edge["count"] += 1
        edge[MODALITY_BUCKETS.get(event.modality, "asserted")] += 1
        edge["actions"][event.action] += 1
        edge["event_ids"].append(event.id)
        edge["claim_ids"] |= claim_ids.get(event.id, set())
        if event.date:
            edge["months"][event.date[:MONTH_LENGTH]] += 1
            edge["first"] = min(filter(None, (edge["first"], event.date)))
            edge["last"] = max(filter(None, (edge["last"], event.date)))
    return graph


def pair_edges(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], dict[str, Any]]:
    """The edges with direction dropped: one per (lower node, higher node, relation class), counts,
    actions, months and ids summed over both directions and first/last widened. For pictures that
    draw a pair once per class (the report); `write_graph` and `edge_records` keep direction."""
    merged: dict[tuple[str, str, str], dict[str, Any]] = {}
    for source, target, relation, data in graph.edges(keys=True, data=True):
        lo, hi = sorted((source, target))
        edge = merged.get((lo, hi, relation))
        if edge is None:
            merged[lo, hi, relation] = {
                **data,
                "actions": Counter(data["actions"]),
                "months": Counter(data["months"]),
                "event_ids": list(data["event_ids"]),
                "claim_ids": set(data["claim_ids"]),
            }
            continue
        for count in ("count", "asserted", "denied", "planned"):
            edge[count] += data[count]
        edge["symmetric"] = edge["symmetric"] and data["symmetric"]
        edge["actions"].update(data["actions"])
        edge["months"].update(data["months"])
        edge["event_ids"].extend(data["event_ids"])
        edge["claim_ids"] |= data["claim_ids"]
        edge["first"] = min(filter(None, (edge["first"], data["first"])), default=None)
        edge["last"] = max(filter(None, (edge["last"], data["last"])), default=None)
    return merged


def edge_records(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Every edge as a JSON-ready dict, sorted, with lists and per-month counts spelled out."""
    records = []
    for source, target, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3]):
        records.append(
            {
                "source": source,
                "target": target,
                "source_name": graph.nodes[source]["name"],
                "target_name": graph.nodes[target]["name"],
                "relation": key,
                "symmetric": data["symmetric"],
                "count": data["count"],
                "asserted": data["asserted"],
                "denied": data["denied"],
                "planned": data["planned"],
                "first": data["first"],
                "last": data["last"],
                "actions": dict(sorted(data["actions"].items())),
                "months": dict(sorted(data["months"].items())),
                "event_ids": list(data["event_ids"]),
                "claim_ids": sorted(data["claim_ids"]),
            }
        )
    return records


def _flat(value: Any) -> Any:
    """A GraphML/GEXF/CSV cell: scalars as they are, lists joined, mappings as JSON."""
    if value is None:
        return ""
    if isinstance(value, Mapping):
        return json.dumps(dict(value), sort_keys=True)
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value) if isinstance(value, set | frozenset) else value
        if any(isinstance(v, Mapping | list | tuple) for v in items):
            return json.dumps(list(items), ensure_ascii=False)
        return LIST_SEPARATOR.join(str(v) for v in items)
    return value


def xml_safe(value: Any) -> Any:
    """A string with the characters XML 1.0 cannot hold, even escaped, replaced by U+FFFD."""
    return _XML_INVALID.sub("\ufffd", value) if isinstance(value, str) else value


def full_date(value: str | None, *, end: bool = False) -> str | None:
    """A partial ISO date widened to a day: "2014" is 2014-01-01 as a start, 2014-12-31 as an end.

    Gephi's timeline (GEXF `timeformat="date"`) reads only whole days; None stays None.
    """
    if not value:
        return None
    text = value[:ISO_DAY_LENGTH]
    if len(text) == ISO_DAY_LENGTH:
        return text
    year, _, month = text.partition("-")
    if not year.isdigit():
        return None
    if not month:
        return f"{year}-12-31" if end else f"{year}-01-01"
    if not end:
        return f"{year}-{month}-01"
    days = calendar.monthrange(int(year), int(month))[1] if month.isdigit() and 1 <= int(month) <= 12 else 28
    return f"{year}-{month}-{days:02d}"


def _portable(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Flat, XML-safe attributes (control characters in a name broke GraphML and GEXF).

    Nodes are labelled with the actor's name (Gephi and yEd show `label`, not the id); an edge
    carries `start`/`end` (whole days, from its first and last dated event) so GEXF writes it as a
    dynamic edge Gephi's timeline filters, and GraphML keeps them as attributes, and `weight` (its
    event count) for layouts. Undated edges have no start/end: always present.
    """
    flat = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        attrs = {k: xml_safe(_flat(v)) for k, v in data.items()}
        flat.add_node(xml_safe(node), label=xml_safe(str(data.get("name") or node)), **attrs)
    for record in edge_records(graph):
        attrs = {k: xml_safe(_flat(v)) for k, v in record.items() if k not in ("source", "target")}
        period = {"start": full_date(record["first"]), "end": full_date(record["last"], end=True)}
        attrs.update({k: v for k, v in period.items() if v}, weight=record["count"])
        source, target, key = (xml_safe(record[k]) for k in ("source", "target", "relation"))
        flat.add_edge(source, target, key=key, **attrs)
    return flat


def node_link(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """{nodes: [...], edges: [...]} for JSON export, lists kept as lists."""
    nodes = [{"id": n, **d} for n, d in sorted(graph.nodes(data=True))]
    return {"directed": True, "multigraph": True, "nodes": nodes, "edges": edge_records(graph)}


def write_graph(graph: nx.MultiDiGraph, path: str | Path, format: str) -> None:
    """Write GraphML or GEXF (Gephi opens both) with networkx's writers, or node-link JSON."""
    if format not in FORMATS:
        raise ClaimgraphError(Errors.E013, what="graph format", value=format, choices=", ".join(FORMATS))
    path = Path(path)
    try:
        if format == "json":
            write_text(path, json.dumps(node_link(graph), ensure_ascii=False, indent=1))
            return
        writer = nx.write_graphml if format == "graphml" else nx.write_gexf
        with atomic_output(path, binary=True) as stream:
            writer(_portable(graph), stream)
    except OSError as exc:
        raise ClaimgraphError(Errors.E008, path=path, problem=exc.strerror or exc) from None


def _rows(export: Mapping[str, Any], table: str) -> list[dict[str, Any]]:
    if table == "segments":
        return [{"doc_id": d["id"], **s} for d in export.get("documents", []) for s in d.get("segments", [])]
    if table == "documents":
        return [{k: v for k, v in d.items() if k != "segments"} for d in export.get("documents", [])]
    if table == "claims":
        return [{k: v for k, v in c.items() if k != "stances"} for c in export.get("claims", [])]
    if table == "stances":
        return [{"claim_id": c["id"], **s} for c in export.get("claims", []) for s in c.get("stances", [])]
    return list(export.get(table, []))


def _flatten(row: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested objects become prefixed columns (speaker.name -> speaker_name)."""
    flat: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping) and key not in ("months", "actions"):
            flat.update(_flatten(value, f"{name}_"))
        else:
            flat[name] = _flat(value)
    return flat


def write_tables(export: Mapping[str, Any], out_dir: str | Path) -> dict[str, int]:
    """One CSV per entity type (TABLES) from an export dict; returns rows per table.

    `export` is the JSON export's object (documents with segments, actors, statements, events, claims
    with stances, contradictions) plus `edges` (`edge_records(graph)`); missing lists give
    header-only files, so every table always exists.
    """
    folder = Path(out_dir)
    counts = {}
    for table in TABLES:
        rows = [{k: spreadsheet_safe(v) for k, v in _flatten(r).items()} for r in _rows(export, table)]
        columns = list(dict.fromkeys(k for r in rows for k in r)) or ["id"]
        path = folder / f"{table}.csv"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with path.open("w", encoding="utf-8", newline="") as out:
                writer = csv.DictWriter(out, fieldnames=columns, restval="")
                writer.writeheader()
                writer.writerows(rows)
        except OSError as exc:
            raise ClaimgraphError(Errors.E008, path=path, problem=exc.strerror or exc) from None
        counts[table] = len(rows)
    return counts
