"""JSON (de)serialisation of model types: every type round-trips, output is plain JSON."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from claimgraph.model import (
    Actor,
    ActorRef,
    Document,
    DocumentAnalysis,
    IngestError,
    NearDuplicateGroup,
    RawDocument,
    Segment,
    Span,
    Voice,
)
from claimgraph.serialize import from_dict, to_dict


def _examples(doc: Document, analysis: DocumentAnalysis) -> list[object]:
    return [
        doc,
        analysis,
        analysis.statements[0],
        analysis.statements[1],  # speaker_span None
        analysis.events[0],
        analysis.events[1],  # target None
        analysis.mentions[0],
        Actor("country:irn", "Iran", "country", ("Tehran",), None, "IRN"),
        ActorRef("Iran"),
        Span("d", 1, 2),
        Segment(Voice.QUOTED, 0, 5, source="WSJ"),
        RawDocument(uri="a.txt", format="text", text="hello"),
        IngestError("a.txt", "empty file"),
        NearDuplicateGroup("g", ("a", "b")),
    ]


@pytest.mark.parametrize("index", range(14))
def test_serialize_round_trip(
    index: int, nlp_doc: Callable[..., Document], nlp_result: Callable[..., DocumentAnalysis]
) -> None:
    obj = _examples(nlp_doc(), nlp_result())[index]
    data = json.loads(json.dumps(to_dict(obj)))  # plain JSON values only
    assert from_dict(type(obj), data) == obj


def test_serialize_shapes(nlp_result: Callable[..., DocumentAnalysis]) -> None:
    statement = to_dict(nlp_result().statements[0])
    assert statement["voice"] == "own"
    assert statement["speaker"] == {
        "name": "John Kerry",
        "actor_id": "person:john-kerry",
        "description": "Secretary of State",
    }
    assert statement["chain"] == ["Harbor Times", "John Kerry"]
    assert to_dict(nlp_result().events[1])["target"] is None


def test_serialize_ignores_unknown_keys_and_rejects_missing_ones() -> None:
    """An export read back by a newer reader may carry extra keys; a record without a required one
    is an error, not a half-built object."""
    assert from_dict(Span, {"doc_id": "d", "start": 1, "end": 2, "added_later": True}) == Span("d", 1, 2)
    with pytest.raises(ValueError, match="end"):
        from_dict(Span, {"doc_id": "d", "start": 1})
