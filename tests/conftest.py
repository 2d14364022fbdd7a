"""Fixtures shared by every test folder: the shared data location and a throwaway store."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pg_server import drop_databases, fresh_database
from shared_data import SHARED, require_shared

from claimgraph.model import (
    Actor,
    ActorMention,
    ActorRef,
    Document,
    DocumentAnalysis,
    Event,
    Segment,
    Span,
    Speaker,
    Statement,
    Voice,
)
from claimgraph.store import Store


@pytest.fixture(scope="session", autouse=True)
def _drop_pg_databases() -> Iterator[None]:
    yield
    drop_databases()


@pytest.fixture
def pg_url() -> str:
    """A new, empty PostgreSQL store for this test (`tests/pg_server.py`)."""
    return fresh_database()


@pytest.fixture
def shared_dir() -> Path:
    """`../shared` next to the repository (seeds and evaluation data)."""
    return require_shared(SHARED).resolve()


@pytest.fixture
def seeds_dir(shared_dir: Path) -> Path:
    return require_shared(shared_dir / "seeds")


@pytest.fixture
def db_path(tmp_path: Path) -> str:
    return str(tmp_path / "test.db")


@pytest.fixture
def store(db_path: str) -> Iterator[Store]:
    """A fresh SQLite store in a temporary folder, closed after the test."""
    with Store.open(db_path) as opened:
        yield opened


# -- a hand-built NLP result, so store, export, pipeline and CLI tests need no spaCy model -------

NLP_TEXT = "\n".join(
    [
        "Kerry open to Iran",
        "Secretary of State John Kerry said Iran could play a constructive role.",
        "From the WSJ: Pentagon spokesman Bill Speaks said there was no military coordination.",
        "Log in",
        "Iran struck Islamic State positions in Diyala on Monday, a reader wrote.",
    ]
)
NLP_DOC_ID = "00aa11bb22cc33dd"


def _span(part: str, doc_id: str = NLP_DOC_ID) -> Span:
    start = NLP_TEXT.index(part)
    return Span(doc_id, start, start + len(part))


def nlp_document(doc_id: str = NLP_DOC_ID) -> Document:
    """An own paragraph, a quoted one (WSJ), boilerplate and a comment (liz)."""
    lines = NLP_TEXT.split("\n")
    segs = []
    for line, voice, source, author in zip(
        lines,
        (Voice.OWN, Voice.OWN, Voice.QUOTED, Voice.BOILERPLATE, Voice.COMMENT),
        (None, None, "WSJ", None, None),
        (None, None, None, None, "liz"),
        strict=True,
    ):
        span = _span(line)
        segs.append(Segment(voice, span.start, span.end, source, author))
    return Document(
        id=doc_id,
        uri="news/kerry.txt",
        format="text",
        text=NLP_TEXT,
        segments=tuple(segs),
        title="Kerry open to Iran",
        outlet="Harbor Times",
        published="2014-06-17",
    )


def nlp_analysis(doc_id: str = NLP_DOC_ID, speaks_name: str = "Bill Speaks") -> DocumentAnalysis:
    """What the NLP stage would find in `nlp_document`, typed in by hand."""
    speaks_id = f"person:{speaks_name.lower().replace(' ', '-')}"
    kerry = Actor("person:john-kerry", "John Kerry", "person", ("Kerry",), "country:usa", None)
    iran = Actor("country:irn", "Iran", "country", ("Tehran", "Iranian"), None, "IRN")
    speaks = Actor(speaks_id, speaks_name, "person")
    isis = Actor("armed_group:isis", "Islamic State", "armed_group", ("ISIS", "IS"), None, "IMGSUNJIH")
    cue = _span("said Iran", doc_id)
    kerry_content = _span("Iran could play a constructive role", doc_id)
    speaks_cue = _span("said there", doc_id)
    speaks_content = _span("there was no military coordination", doc_id)
    statements = (
        Statement(
            id=doc_id[:8] + "5a" * 4,
            doc_id=doc_id,
            voice=Voice.OWN,
            speaker=Speaker("John Kerry", kerry.id, "Secretary of State"),
            affiliation="country:usa",
            chain=("Harbor Times", "John Kerry"),
            cue="said",
            content="Iran could play a constructive role",
            direct=False,
            span=Span(doc_id, _span("Secretary", doc_id).start, kerry_content.end),
            cue_span=Span(doc_id, cue.start, cue.start + 4),
            speaker_span=_span("Secretary of State John Kerry", doc_id),
            content_span=kerry_content,
        ),
        Statement(
            id=doc_id[:8] + "5b" * 4,
            doc_id=doc_id,
            voice=Voice.QUOTED,
            speaker=Speaker(speaks_name, speaks.id, "Pentagon spokesman"),
            affiliation="government_body:pentagon",
            chain=("Harbor Times", "WSJ", speaks_name),
            cue="said",
            content="there was no military coordination",
            direct=False,
            span=Span(doc_id, _span("Pentagon spokesman", doc_id).start, speaks_content.end),
            cue_span=Span(doc_id, speaks_cue.start, speaks_cue.start + 4),
            speaker_span=None,
            content_span=speaks_content,
        ),
    )
    strike = _span("Iran struck Islamic State positions in Diyala on Monday", doc_id)
    events = (
        Event(
            id=doc_id[:8] + "e1" * 4,
            doc_id=doc_id,
            voice=Voice.COMMENT,
            actor=ActorRef("Iran", iran.id),
            action="attack",
            cameo="190",
            target=ActorRef("Islamic State", isis.id),
            place="Diyala",
            date="2014-06-16",
            modality="asserted",
            text=NLP_TEXT[strike.start : strike.end],
            span=strike,
        ),
        Event(
            id=doc_id[:8] + "e2" * 4,
            doc_id=doc_id,
            voice=Voice.QUOTED,
            actor=ActorRef("Pentagon", None),
            action="cooperate_militarily",
            cameo="062",
            target=None,
            place=None,
            date=None,
            modality="denied",
            text="there was no military coordination",
            span=speaks_content,
        ),
    )
    mentions = (
        ActorMention(kerry.id, "John Kerry", _span("John Kerry", doc_id), Voice.OWN),
        ActorMention(speaks.id, speaks_name, _span("Bill Speaks", doc_id), Voice.QUOTED),
        ActorMention(iran.id, "Iran", Span(doc_id, strike.start, strike.start + 4), Voice.COMMENT),
    )
    return DocumentAnalysis(
        doc_id=doc_id,
        actors=tuple(sorted((kerry, iran, speaks, isis), key=lambda a: a.id)),
        mentions=mentions,
        statements=statements,
        events=events,
    )


@pytest.fixture
def nlp_doc() -> Callable[..., Document]:
    """`nlp_doc(doc_id=...)`: the hand-built document."""
    return nlp_document


@pytest.fixture
def nlp_result() -> Callable[..., DocumentAnalysis]:
    """`nlp_result(doc_id=..., speaks_name=...)`: its hand-built analysis."""
    return nlp_analysis


# -- a fake stance model, so corpus-stage tests need no trained model -----------------------------

STANCE_LABELS = ("agree", "disagree", "discuss", "unrelated")


@dataclass
class Pred:
    label: str
    score: float
    probs: dict[str, float]
    evidence_sentence_indices: tuple[int, ...] = ()


@dataclass
class FakeStanceModel:
    """Says `label` with probability 0.9 for every pair with a body; records what it was asked."""

    label: str = "agree"
    pairs: list[tuple[str, str]] = field(default_factory=list)

    def predict(self, pairs: list[tuple[str, str]], checks: object = None) -> list[Pred]:
        self.pairs += pairs
        out = []
        for _, body in pairs:
            label = self.label if body.strip() else "unrelated"
            probs = {k: 0.9 if k == label else 0.1 / 3 for k in STANCE_LABELS}
            out.append(Pred(label, 0.9, probs, (0,) if body.strip() else ()))
        return out


@pytest.fixture
def fake_stance_model() -> type[FakeStanceModel]:
    """The fake model's class: `fake_stance_model("disagree")` answers disagree to every pair."""
    return FakeStanceModel


# -- a judged corpus: the hand-built article under two outlets, after the corpus stage ------------

SECOND_OUTLET_DOC_ID = "11bb22cc33dd44ee"


@pytest.fixture
def judge_two_outlets(
    nlp_doc: Callable[..., Document],
    nlp_result: Callable[..., DocumentAnalysis],
    fake_stance_model: type[FakeStanceModel],
) -> Callable[[Store], None]:
    """`judge_two_outlets(store)`: add the article again as the Gulf Ledger's, then run the corpus
    stage with the fake 'agree' stance model and the lexical embedder."""

    def judge(store: Store) -> None:
        from dataclasses import replace

        from claimgraph.claims.embed import LexicalEmbedder
        from claimgraph.corpus import CorpusContext, run_corpus_stage

        store.add_documents([replace(nlp_doc(SECOND_OUTLET_DOC_ID), outlet="Gulf Ledger")])
        store.put_document_analysis(nlp_result(SECOND_OUTLET_DOC_ID))
        run_corpus_stage(
            store, CorpusContext(stance_model=fake_stance_model("agree"), embedder=LexicalEmbedder())
        )

    return judge
