"""Property tests for export: generated facts, stored, exported as JSON and read back, are all there.

Documents, segments, actors, statements, events, claims with members, stances with evidence,
contradictions, verdicts and sources are generated with arbitrary text (any Unicode, controls,
quotes, NUL), written through the store, exported with `export(..., "json")`, parsed, and rebuilt
with `serialize.from_dict`; every fact must come back equal (fields the contract carries).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.export.writers import export
from claimgraph.model import (
    Actor,
    ActorRef,
    Claim,
    ClaimMember,
    Contradiction,
    Document,
    DocumentAnalysis,
    Event,
    Evidence,
    FactRef,
    HolderKind,
    Segment,
    SourceReliability,
    Span,
    Speaker,
    Stance,
    StanceLabel,
    Statement,
    Verdict,
    VerdictLabel,
    Voice,
)
from claimgraph.serialize import from_dict, to_dict
from claimgraph.store import Store

STORE_ROUND_TRIPS = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
NAME = TEXT.filter(lambda t: t.strip())
MAYBE = st.none() | TEXT
VOICES = st.sampled_from(list(Voice))
SAID = st.sampled_from([Voice.OWN, Voice.QUOTED, Voice.COMMENT])


def _cuts(draw: st.DrawFn, length: int, count: int) -> list[int]:
    return sorted(draw(st.lists(st.integers(0, length), min_size=count, max_size=count)))


def _span(draw: st.DrawFn, doc_id: str, length: int) -> Span:
    a, b = _cuts(draw, length, 2)
    return Span(doc_id, a, b)


@st.composite
def corpus(draw: st.DrawFn) -> tuple[list[Document], list[DocumentAnalysis], list[Actor]]:
    docs, analyses = [], []
    actors = [
        Actor(
            f"person:a{n}",
            draw(NAME),
            draw(st.sampled_from(["person", "country"])),
            tuple(draw(st.lists(NAME, max_size=2))),
            draw(st.none() | st.just("country:usa")),
            draw(st.none() | NAME),
        )
        for n in range(draw(st.integers(0, 3)))
    ]
    actor_ids = st.none() | st.sampled_from([a.id for a in actors] or [None])
    for d in range(draw(st.integers(1, 3))):
        doc_id = f"{d:016x}"
        text = draw(
            st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=200)
        )
        pairs = draw(st.integers(0, min(4, len(text) // 2)))
        cuts = sorted(draw(st.sets(st.integers(0, len(text)), min_size=2 * pairs, max_size=2 * pairs)))
        segments = tuple(
            Segment(draw(VOICES), cuts[i], cuts[i + 1], draw(st.none() | NAME), draw(st.none() | NAME))
            for i in range(0, len(cuts), 2)
        )
        docs.append(
            Document(
                doc_id,
                f"in/{d}.txt",
                "text",
                text,
                segments,
                draw(MAYBE),
                draw(MAYBE),
                draw(MAYBE),
                draw(MAYBE),
                None,
            )
        )
        statements = []
        for n in range(draw(st.integers(0, 3))):
            outer = _span(draw, doc_id, len(text))
            inner_a, inner_b = sorted(
                draw(st.lists(st.integers(outer.start, outer.end), min_size=2, max_size=2))
            )
            content = Span(doc_id, inner_a, inner_b)
            statements.append(
                Statement(
                    id=f"{d:08x}{n:08x}",
                    doc_id=doc_id,
                    voice=draw(SAID),
                    speaker=Speaker(draw(st.none() | NAME), draw(actor_ids), draw(st.none() | NAME)),
                    affiliation=draw(st.none() | NAME),
                    chain=tuple(draw(st.lists(NAME, max_size=3))),
                    cue=draw(TEXT),
                    content=text[content.start : content.end],
                    direct=draw(st.booleans()),
                    span=outer,
                    cue_span=None,
                    speaker_span=None,
                    content_span=content,
                )
            )
        events = [
            Event(
                id=f"{d:08x}e{n:07x}",
                doc_id=doc_id,
                voice=draw(SAID),
                actor=ActorRef(draw(NAME), draw(actor_ids)),
                action=draw(st.sampled_from(["attack", "consult", "deploy_forces"])),
                cameo=draw(st.none() | st.just("190")),
                target=draw(st.none() | st.builds(ActorRef, NAME, actor_ids)),
                place=draw(st.none() | NAME),
                date=draw(st.none() | st.just("2014-06-16")),
                modality=draw(st.sampled_from(["asserted", "denied", "planned"])),
                text=draw(NAME),
                span=_span(draw, doc_id, len(text)),
            )
            for n in range(draw(st.integers(0, 3)))
        ]
        analyses.append(DocumentAnalysis(doc_id, statements=tuple(statements), events=tuple(events)))
    return docs, analyses, actors


@st.composite
def judged(
    draw: st.DrawFn, docs: list[Document]
) -> tuple[list[Claim], list[Stance], list[Contradiction], list[Verdict]]:
    claims, stances, contradictions, verdicts = [], [], [], []
    for c in range(draw(st.integers(0, 2))):
        claim_id = f"claim-{c}"
        members = []
        for _ in range(draw(st.integers(1, 3))):
            doc = draw(st.sampled_from(docs))
            span = _span(draw, doc.id, len(doc.text))
            fact = FactRef(
                draw(st.sampled_from(["sentence", "event", "statement"])), f"f{len(members)}", doc.id
            )
            members.append(ClaimMember(fact, draw(st.sampled_from([1, -1])), draw(SAID), span, draw(NAME)))
        claims.append(
            Claim(
                claim_id,
                draw(NAME),
                draw(st.none() | st.builds(ActorRef, NAME)),
                draw(st.none() | NAME),
                None,
                draw(st.none() | NAME),
                tuple(members),
            )
        )
        for h, doc in enumerate(draw(st.lists(st.sampled_from(docs), max_size=2, unique_by=lambda d: d.id))):
            span = _span(draw, doc.id, len(doc.text))
            evidence = (Evidence(span, doc.text[span.start : span.end], draw(SAID)),)
            stances.append(
                Stance(
                    claim_id,
                    doc.id,
                    f"holder {h}",
                    HolderKind.SOURCE,
                    draw(st.sampled_from(list(StanceLabel))),
                    draw(st.floats(0, 1)),
                    evidence,
                )
            )
        if len(members) > 1:
            contradictions.append(
                Contradiction(f"x-{c}", claim_id, members[0].fact, members[1].fact, draw(NAME))
            )
        verdicts.append(
            Verdict(claim_id, draw(st.sampled_from(list(VerdictLabel))), draw(st.floats(0, 1)), draw(NAME))
        )
    return claims, stances, contradictions, verdicts


def _statement(rec: dict, cue_span: Span | None, speaker_span: Span | None) -> Statement:
    doc_id = rec["doc_id"]
    return Statement(
        id=rec["id"], doc_id=doc_id, voice=Voice(rec["voice"]), speaker=from_dict(Speaker, rec["speaker"]),
        affiliation=rec["affiliation"], chain=tuple(rec["chain"]), cue=rec["cue"], content=rec["content"],
        direct=rec["direct"], span=Span(doc_id, rec["start"], rec["end"]), cue_span=cue_span,
        speaker_span=speaker_span, content_span=Span(doc_id, rec["content_start"], rec["content_end"]),
    )  # fmt: skip


def _event(rec: dict) -> Event:
    fields = {k: v for k, v in rec.items() if k not in ("start", "end")}
    return from_dict(
        Event, {**fields, "span": {"doc_id": rec["doc_id"], "start": rec["start"], "end": rec["end"]}}
    )


@STORE_ROUND_TRIPS
@given(data=st.data())
def test_fuzz_export_then_reimport_keeps_every_fact(tmp_path_factory, data: st.DataObject) -> None:
    docs, analyses, actors = data.draw(corpus())
    claims, stances, contradictions, verdicts = data.draw(judged(docs))
    sources = [SourceReliability(data.draw(NAME), data.draw(st.floats(0, 1)), data.draw(st.integers(0, 9)))]
    sources = list({s.name: s for s in sources}.values())
    db = Path(tmp_path_factory.mktemp("export")) / "store.db"
    with Store.open(str(db)) as store:
        store.add_documents(docs)
        for analysis in analyses:
            store.put_document_analysis(analysis)
        store.replace_actors(actors, {})
        store.replace_claims(claims)
        store.replace_stances(stances)
        store.replace_contradictions(contradictions)
        store.replace_verdicts(verdicts, sources)
        out = io.StringIO()
        export(store, "json", out)
    exported = json.loads(out.getvalue())

    back_docs = {r["id"]: r for r in exported["documents"]}
    for doc in docs:
        rec = back_docs.pop(doc.id)
        rebuilt = from_dict(Document, {**rec, "format": doc.format, "url": doc.url})
        assert rebuilt == doc
        assert [s["text"] for s in rec["segments"]] == [doc.segment_text(s) for s in doc.segments]
    assert not back_docs, "documents that were never stored"

    back_actors = sorted((from_dict(Actor, a) for a in exported["actors"]), key=lambda a: a.id)
    assert back_actors == sorted(actors, key=lambda a: a.id)
    stored_statements = sorted((s for a in analyses for s in a.statements), key=lambda s: s.id)
    back = sorted((_statement(r, None, None) for r in exported["statements"]), key=lambda s: s.id)
    assert back == stored_statements
    stored_events = sorted((e for a in analyses for e in a.events), key=lambda e: e.id)
    assert sorted(map(_event, exported["events"]), key=lambda e: e.id) == stored_events

    back_claims = {c["id"]: c for c in exported["claims"]}
    assert set(back_claims) == {c.id for c in claims}
    for claim in claims:
        rec = back_claims[claim.id]
        assert (rec["text"], rec["relation"], rec["place"]) == (claim.text, claim.relation, claim.place)
        assert rec["subject"] == to_dict(claim.subject)
        assert [
            (m["kind"], m["id"], m["doc_id"], m["polarity"], m["voice"], m["start"], m["end"], m["holder"])
            for m in rec["members"]
        ] == [
            (
                m.fact.kind,
                m.fact.id,
                m.fact.doc_id,
                m.polarity,
                m.voice.value,
                m.span.start,
                m.span.end,
                m.holder,
            )
            for m in claim.members
        ]
        verdict = next(v for v in verdicts if v.claim_id == claim.id)
        assert rec["verdict"] == {
            "label": verdict.label.value,
            "confidence": verdict.confidence,
            "explanation": verdict.explanation,
        }
        mine = [s for s in stances if s.claim_id == claim.id]
        assert sorted((s["doc_id"], s["holder"], s["stance"], s["score"]) for s in rec["stances"]) == sorted(
            (s.doc_id, s.holder, s.stance.value, s.score) for s in mine
        )
        texts = sorted(e["text"] for s in rec["stances"] for e in s["evidence"])
        assert texts == sorted(e.text for s in mine for e in s.evidence)
    # every contradiction comes back whole; the export lists them in its claims' order
    # (store.claims `carried_order`), not in the order they were written
    back_contradictions = [from_dict(Contradiction, c) for c in exported["contradictions"]]
    assert sorted(back_contradictions, key=lambda c: c.id) == sorted(contradictions, key=lambda c: c.id)
    assert [from_dict(SourceReliability, s) for s in exported["sources"]] == sources
