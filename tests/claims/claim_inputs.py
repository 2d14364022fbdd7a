"""Hand-built documents and analyses for the claim-building tests (no statistical model)."""

from __future__ import annotations

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

USA = Actor("country:usa", "United States", "country")
IRN = Actor("country:irn", "Iran", "country")
PENTAGON = Actor("government_body:pentagon", "Pentagon", "government_body", affiliation="country:usa")


def doc(doc_id: str, text: str, outlet: str = "Outlet", title: str | None = None) -> Document:
    return Document(doc_id, f"{doc_id}.txt", "text", text, (Segment(Voice.OWN, 0, len(text)),), title, outlet)


def event(d: Document, actor: Actor, action: str, target: Actor | None, modality: str = "asserted") -> Event:
    span = Span(d.id, 0, len(d.text))
    ref = ActorRef(target.name, target.id) if target else None
    return Event(
        f"e-{d.id}-{action}",
        d.id,
        Voice.OWN,
        ActorRef(actor.name, actor.id),
        action,
        None,
        ref,
        None,
        None,
        modality,
        d.text,
        span,
    )


def mention(d: Document, actor: Actor, word: str) -> ActorMention:
    start = d.text.index(word)
    return ActorMention(actor.id, word, Span(d.id, start, start + len(word)), Voice.OWN)


def statement(d: Document, speaker: str, actor: Actor, cue: str, content: str) -> Statement:
    start = d.text.index(content)
    content_span = Span(d.id, start, start + len(content))
    return Statement(
        f"s-{d.id}",
        d.id,
        Voice.OWN,
        Speaker(speaker, actor.id, None),
        None,
        (speaker,),
        cue,
        content,
        False,
        Span(d.id, 0, len(d.text)),
        None,
        None,
        content_span,
    )


def named(d: Document) -> tuple[ActorMention, ...]:
    """Mentions of Iran and the United States wherever their names occur."""
    return tuple(
        mention(d, actor, word) for actor, word in ((IRN, "Iran"), (USA, "United States")) if word in d.text
    )


def three_docs(*leads: str) -> tuple[list[Document], list[DocumentAnalysis]]:
    docs = [
        doc(f"d{k}", f"{lead}\nUnrelated closing line here.", f"Outlet {k}") for k, lead in enumerate(leads)
    ]
    return docs, [DocumentAnalysis(d.id) for d in docs]
