"""The API's request and response models (web/schemas.py): new documents need exactly one
non-empty body and an http(s) url, requests refuse unknown fields and oversized lists, and the
responses embed model.py's own types."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from claimgraph.model import Document
from claimgraph.web.schemas import (
    MAX_NEW_DOCUMENTS,
    AddDocumentsIn,
    CheckIn,
    DocumentOut,
    NewDocument,
    Page,
    SourceOut,
)


@pytest.mark.parametrize(
    "fields",
    [
        {},  # no body
        {"text": "a", "html": "<p>a</p>"},  # two bodies
        {"text": "   \n"},  # empty
        {"text": "a", "url": "javascript:alert(1)"},
        {"text": "a", "url": "file:///etc/passwd"},
        {"text": "a", "path": "/etc/passwd"},  # unknown field
        {"text": "a", "published": "June"},
    ],
)
def test_web_schemas_bad_new_document_is_refused(fields: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        NewDocument(**fields)


def test_web_schemas_good_new_document() -> None:
    doc = NewDocument(html="<p>Hi.</p>", url="https://example.org/a", published="2014-09-20")  # type: ignore[arg-type]
    assert doc.text is None and doc.published is not None and doc.published.isoformat() == "2014-09-20"


def test_web_schemas_add_documents_bounds() -> None:
    with pytest.raises(ValidationError):
        AddDocumentsIn(documents=[])
    with pytest.raises(ValidationError):
        AddDocumentsIn(documents=[NewDocument(text="a")] * (MAX_NEW_DOCUMENTS + 1))
    assert len(AddDocumentsIn(documents=[NewDocument(text="a")]).documents) == 1


def test_web_schemas_check_in_refuses_empty_and_extra() -> None:
    with pytest.raises(ValidationError):
        CheckIn(claim="")
    with pytest.raises(ValidationError):
        CheckIn(claim="x", db="/tmp/other.db")  # type: ignore[call-arg]
    assert CheckIn(claim="Iran denied it").track is False


def test_web_schemas_responses_are_built_on_the_models_types() -> None:
    page = Page[SourceOut].model_validate(
        {
            "items": [
                {"source": {"name": "BBC", "reliability": 0.7, "documents": 3}, "low": 0.2, "high": 0.9}
            ],
            "next_cursor": None,
            "limit": 5,
        }
    )
    assert page.items[0].source.name == "BBC"
    out = DocumentOut.model_validate(
        {
            "document": {"id": "d" * 16, "uri": "x", "format": "text", "text": "t", "segments": []},
            "sources": [],
            "statements": [],
            "events": [],
            "mentions": [],
        }
    )
    assert isinstance(out.document, Document)
    with pytest.raises(ValidationError):
        Page[SourceOut].model_validate(
            {"items": [{"source": {"name": "BBC"}}], "next_cursor": None, "limit": 1}
        )
