"""`judge_documents`: which texts the stance model reads for each holder, and what comes back."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from claimgraph.claims import judge
from claimgraph.claims.judge import judge_documents
from claimgraph.model import Document, DocumentAnalysis, Voice

CLAIM = "There was military coordination between the Pentagon and Iran"


def test_own_voice_and_reproduced_outlet_are_separate_holders(
    nlp_doc: Callable[..., Document], fake_stance_model: type
) -> None:
    doc = nlp_doc()
    model = fake_stance_model("disagree")
    stances = judge_documents(CLAIM, [doc], {doc.id: []}, stance_model=model)
    by_holder = {s["holder"]: s for s in stances}
    assert set(by_holder) == {"Harbor Times", "WSJ"}
    own, wsj = by_holder["Harbor Times"], by_holder["WSJ"]
    # The outlet's own voice never includes what it quotes from the WSJ, nor the boilerplate.
    own_text = next(body for _, body in model.pairs if "Kerry" in body)
    assert "Pentagon spokesman" not in own_text and "Log in" not in own_text
    assert own["holder_kind"] == "source" and wsj["holder_kind"] == "speaker"
    assert wsj["evidence"][0]["chain"] == ["Harbor Times", "WSJ"] and wsj["evidence"][0]["voice"] == "quoted"
    ev = own["evidence"][0]
    assert doc.text[ev["start"] : ev["end"]] == ev["text"] and ev["voice"] == "own"


def test_a_quoted_statement_sharing_the_claims_words_is_judged_as_its_speaker(
    nlp_doc: Callable[..., Document], nlp_result: Callable[..., DocumentAnalysis], fake_stance_model: type
) -> None:
    doc, analysis = nlp_doc(), nlp_result()
    stances = judge_documents(
        CLAIM, [doc], {doc.id: list(analysis.statements)}, stance_model=fake_stance_model()
    )
    speakers = {s["holder"] for s in stances if s["statement_id"]}
    assert "Bill Speaks" in speakers  # "there was no military coordination" shares the claim's words
    assert "John Kerry" not in speakers  # "Iran could play a constructive role" does not


def test_a_documents_bodies_are_kept_per_document_not_per_id(
    nlp_doc: Callable[..., Document], fake_stance_model: type
) -> None:
    """Same id, other segments (the first own paragraph now boilerplate): its own body changes too."""
    doc = nlp_doc()
    first_own = next(i for i, s in enumerate(doc.segments) if s.voice == Voice.OWN)
    segments = list(doc.segments)
    segments[first_own] = dataclasses.replace(segments[first_own], voice=Voice.BOILERPLATE)
    changed = dataclasses.replace(doc, segments=tuple(segments))
    model = fake_stance_model()
    judge_documents(CLAIM, [doc], {}, stance_model=model)
    judge_documents(CLAIM, [changed], {}, stance_model=model)
    judge_documents(CLAIM, [doc], {}, stance_model=model)
    own = [body for _, body in model.pairs if "WSJ" not in body and "Pentagon spokesman" not in body]
    dropped = doc.text[doc.segments[first_own].start : doc.segments[first_own].end]
    assert len(own) == 3 and dropped in own[0] and dropped not in own[1] and own[2] == own[0]


def test_the_document_cache_is_bounded(nlp_doc: Callable[..., Document], fake_stance_model: type) -> None:
    judge._document_bodies.cache_clear()
    doc = nlp_doc()
    model = fake_stance_model()
    first = judge_documents(CLAIM, [doc], {}, stance_model=model)
    for k in range(judge.DOC_CACHE_SIZE + 3):
        judge_documents(CLAIM, [dataclasses.replace(doc, id=f"doc{k:05d}")], {}, stance_model=model)
    info = judge._document_bodies.cache_info()
    assert info.maxsize == judge.DOC_CACHE_SIZE and info.currsize == judge.DOC_CACHE_SIZE
    assert judge_documents(CLAIM, [doc], {}, stance_model=model) == first  # evicted, built again
    assert judge._document_bodies.cache_info().misses == info.misses + 1
