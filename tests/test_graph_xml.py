"""GraphML/GEXF with hostile names (issue 12, item 8): control characters in an actor's name made
GraphML exit 1 leaving a 0-byte file (truncating an existing one), and GEXF write invalid XML."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from claimgraph.graph import build_graph, write_graph, xml_safe
from claimgraph.model import Actor, ActorRef, Event, Span, Voice

HOSTILE = "Ira\x00n\x01 \x1b[31m\x0bgov\ufffe\ud800\x7f"
ACTORS = [Actor("country:irn", HOSTILE, "country"), Actor("person:x\x02y", "Mr \x08X", "person")]


def hostile_graph() -> nx.MultiDiGraph:
    event = Event(
        "e1", "d1", Voice.OWN, ActorRef(HOSTILE, "country:irn"), "attack", None,
        ActorRef("Mr \x08X", "person:x\x02y"), "Al\x03 Anbar", "2014-06-16", "asserted", "t\x04",
        Span("d1", 0, 1),
    )  # fmt: skip
    return build_graph(ACTORS, [event])


def test_xml_safe_keeps_what_xml_allows() -> None:
    assert xml_safe("tab\there\nnew\rline é 中 \U0001f600") == "tab\there\nnew\rline é 中 \U0001f600"
    assert xml_safe("a\x00b\x1fc\ufffed\ud800") == "a\ufffdb\ufffdc\ufffdd\ufffd"
    assert xml_safe(3) == 3


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_with_control_characters_is_valid_xml(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"g.{fmt}"
    path.write_text("an older graph", encoding="utf-8")
    write_graph(hostile_graph(), path, fmt)
    etree.parse(str(path), etree.XMLParser(recover=False))  # raises on any invalid character
    text = path.read_text(encoding="utf-8")
    assert "Ira\ufffdn\ufffd" in text and "\x00" not in text
    read = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert read.number_of_nodes() == 2 and read.number_of_edges() == 1


def test_graph_cli_with_control_characters(tmp_path: Path) -> None:
    """The issue's reproduction through the command: exit 0, a complete file in place of the old."""
    from typer.testing import CliRunner

    from claimgraph.cli import app
    from claimgraph.store import Store

    db = tmp_path / "s.db"
    storable = [Actor(a.id, a.name.replace("\ud800", ""), a.kind) for a in ACTORS]  # SQLite needs UTF-8
    with Store.open(db) as store:
        store.replace_actors(storable, {})
    for fmt in ("graphml", "gexf"):
        out = tmp_path / f"g.{fmt}"
        out.write_text("old", encoding="utf-8")
        result = CliRunner().invoke(app, ["graph", "--db", str(db), "-f", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert len(etree.parse(str(out)).getroot()) > 0
