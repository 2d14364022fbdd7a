"""What the corpus commands print (render/corpus.py): `check`'s page, `claim`'s page with each stance's
chain and evidence span, the timeline rows and picture file, and the demo summary, on a small store
filled by hand."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text

from claimgraph.export.records import export_dict
from claimgraph.model import (
    ActorRef,
    Claim,
    Contradiction,
    Document,
    DocumentAnalysis,
    Evidence,
    FactRef,
    HolderKind,
    SourceReliability,
    Span,
    Stance,
    StanceLabel,
    TimelineEntry,
    Verdict,
    VerdictLabel,
    Voice,
)
from claimgraph.render.corpus import (
    EMPTY_SVG,
    EVIDENCE_CHARS,
    demo_summary,
    render_check,
    render_claim,
    timeline_picture,
    timeline_rows,
)
from claimgraph.report.index import ExportIndex
from claimgraph.report.timeline import (
    claim_lanes,
    export_claims,
    export_days,
    export_names,
    lanes_svg,
    pair_lanes,
    timeline_events,
)
from claimgraph.store import Store
from claimgraph.timeline import timeline


def styled(text: Text, part: str) -> str:
    """The style of the span that covers `part` of a rich Text."""
    start = text.plain.index(part)
    return " ".join(str(s.style) for s in text.spans if s.start <= start and start + len(part) <= s.end)


def _result(**extra: Any) -> dict[str, Any]:
    long_evidence = "Iran  struck\nIslamic State " + "very " * 80 + "hard."
    evidence = [
        {
            "doc_id": "d1",
            "start": 5,
            "end": 40,
            "voice": "own",
            "chain": ["Harbor Times"],
            "text": long_evidence,
        },
        {
            "doc_id": "d1",
            "start": 50,
            "end": 60,
            "voice": "quoted",
            "chain": ["Harbor Times", "WSJ"],
            "text": "b",
        },
        {"doc_id": "d1", "start": 70, "end": 80, "voice": "own", "chain": [], "text": "third, not shown"},
    ]
    return {
        "claim": "Iran attacks Islamic State",
        "verdict": {
            "label": "disputed",
            "confidence": 0.614,
            "explanation": "Alpha asserts it; Beta denies it",
        },
        "stances": [
            {
                "holder": "Harbor Times",
                "holder_kind": "source",
                "stance": "agree",
                "score": 0.9,
                "evidence": evidence,
            },
            {
                "holder": "Bill Speaks",
                "holder_kind": "speaker",
                "stance": "disagree",
                "score": 0.75,
                "evidence": [
                    {
                        "doc_id": "d2",
                        "start": 1,
                        "end": 9,
                        "voice": "quoted",
                        "chain": ["Gulf Ledger", "WSJ", "Bill Speaks"],
                        "text": "no coordination",
                    }
                ],
            },
        ],
        "history": [
            {"date": "2014-06-17", "agree": 1, "disagree": 0, "discuss": 0, "label": "single-source"}
        ],
        **extra,
    }


def test_render_check_lays_out_verdict_sides_evidence_and_history() -> None:
    text = render_check(_result(as_of="2014-06-20", note="judged on 2 documents"))
    lines = text.plain.splitlines()
    assert lines[0] == "Iran attacks Islamic State"
    assert lines[1] == "disputed (61%)  Alpha asserts it; Beta denies it"
    assert "as of 2014-06-20" in lines and "judged on 2 documents" in lines
    assert styled(text, "disputed (61%)") == "yellow"
    plain = text.plain
    assert plain.index("agree (1)") < plain.index("disagree (1)") and "discuss (" not in plain
    assert "  Harbor Times [outlet] 0.90" in lines and "  Bill Speaks [speaker] 0.75" in lines
    assert "    d2:1-9 quoted Gulf Ledger > WSJ > Bill Speaks: no coordination" in lines
    assert "third, not shown" not in plain  # two evidence spans per stance
    cut = next(line for line in lines if line.startswith("    d1:5-40 own Harbor Times: "))
    shown = cut.removeprefix("    d1:5-40 own Harbor Times: ")
    assert shown.startswith("Iran struck Islamic State very") and shown.endswith("…")
    assert len(shown) == EVIDENCE_CHARS
    assert "  2014-06-17  agree 1  disagree 0  discuss 0  single-source" in lines
    assert styled(text, "single-source") == "blue"


def test_render_check_without_history_or_dates() -> None:
    plain = render_check(_result(history=[])).plain
    assert "over time" not in plain and "as of" not in plain


def test_timeline_rows_fill_missing_dates_and_cut_text() -> None:
    entries = [
        TimelineEntry("event", "e1", "d1", Span("d1", 0, 5), Voice.QUOTED, "x " * 120, "2014-06-16", "event"),
        TimelineEntry("statement", "s1", "d2", Span("d2", 0, 5), Voice.OWN, "Kerry said so", None),
    ]
    first, second = timeline_rows(entries)
    assert first[:5] == ("2014-06-16", "event", "event", "d1", "quoted")
    assert len(first[5]) == 100 and first[5].endswith("…")
    assert second == ("", "", "statement", "d2", "own", "Kerry said so")


CLAIM = Claim("claim:1", "Iran attacks Islamic State", ActorRef("Iran", "country:irn"), "attack",
              ActorRef("Islamic State", "armed_group:isis"), "Diyala")  # fmt: skip
OTHER = Claim("claim:2", "US and Iran cooperate militarily")


@pytest.fixture
def filled(
    store: Store, nlp_doc: Callable[..., Document], nlp_result: Callable[..., DocumentAnalysis]
) -> Store:
    """The hand-built article, a claim with an outlet's and a quoted speaker's stance, a verdict,
    a contradiction; a second claim with no verdict."""
    doc, analysis = nlp_doc(), nlp_result()
    store.add_documents([doc])
    store.put_document_analysis(analysis)
    speaks = analysis.statements[1]  # Harbor Times > WSJ > Bill Speaks
    evidence = (Evidence(Span(doc.id, 0, 18), "Kerry  open\nto Iran", Voice.OWN),)
    store.replace_claims([CLAIM, OTHER])
    store.replace_stances(
        [
            Stance(CLAIM.id, doc.id, "Harbor Times", HolderKind.SOURCE, StanceLabel.AGREE, 0.82, evidence),
            Stance(CLAIM.id, doc.id, "Bill Speaks", HolderKind.SPEAKER, StanceLabel.DISAGREE, 0.6,
                   (Evidence(speaks.content_span, speaks.content, Voice.QUOTED),), statement_id=speaks.id),
        ]
    )  # fmt: skip
    events = analysis.events
    store.replace_contradictions(
        [Contradiction("x1", CLAIM.id, FactRef("event", events[0].id, doc.id),
                       FactRef("event", events[1].id, doc.id), "asserted in one place, denied in another")]
    )  # fmt: skip
    store.replace_verdicts(
        [Verdict(CLAIM.id, VerdictLabel.DISPUTED, 0.55, "Harbor Times asserts it; Bill Speaks denies it")],
        [SourceReliability("Harbor Times", 0.7, 1)],
    )
    return store


def test_render_claim_shows_every_stance_with_chain_and_span(filled: Store) -> None:
    text = render_claim(filled, CLAIM)
    lines = text.plain.splitlines()
    assert lines[0] == "Iran attacks Islamic State"
    assert lines[1] == "id claim:1 · Iran · attack · Islamic State · in Diyala"
    assert "Verdict: disputed (confidence 0.55)" in lines
    assert "  Harbor Times asserts it; Bill Speaks denies it" in lines
    assert styled(text, "disputed") == "bold yellow"
    assert "Stances (2)" in lines
    (doc_id,) = (d.id for d in filled.list_documents())
    assert f"  Harbor Times (outlet) agree 0.82  doc {doc_id} · chain Harbor Times" in lines
    assert (
        f"  Bill Speaks (speaker) disagree 0.60  doc {doc_id} · chain Harbor Times > WSJ > Bill Speaks"
        in lines
    )
    assert "      [own] “Kerry open to Iran” (0-18)" in lines  # whitespace folded, offsets kept
    speaks = next(line for line in lines if line.startswith("      [quoted]"))
    assert "“there was no military coordination”" in speaks
    assert "Contradictions (1)" in lines and "  asserted in one place, denied in another" in lines
    assert f"    event 00aa11bbe1e1e1e1 (doc {doc_id})  vs  event 00aa11bbe2e2e2e2 (doc {doc_id})" in lines


def test_render_claim_without_verdict_or_stances(filled: Store) -> None:
    plain = render_claim(filled, OTHER).plain
    assert "Verdict: unverified (not computed)" in plain
    assert "Stances (0)" in plain and "Contradictions (0)" in plain
    assert "id claim:2\n" in plain  # no triple, no place


def test_demo_summary_lists_claims_and_the_central_claims_stances(filled: Store) -> None:
    text = demo_summary(filled)
    lines = text.plain.splitlines()
    assert "Claims (2), most widely carried first:" in lines
    assert "  disputed       Iran attacks Islamic State  claim:1" in lines
    assert "  unverified     US and Iran cooperate militarily  claim:2" in lines
    assert "  Harbor Times (own voice): agree" in lines
    assert "  Harbor Times (quoted: Bill Speaks): disagree" in lines
    assert "Verdict: disputed (0.55). Harbor Times asserts it; Bill Speaks denies it" in lines


def test_demo_summary_of_an_empty_store(store: Store) -> None:
    assert demo_summary(store).plain == "\nNo claims were built.\n"


def test_timeline_picture_of_nothing_is_a_valid_svg_with_the_reports_style(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "t.svg"
    timeline_picture(store, path, None, [])
    svg = path.read_text(encoding="utf-8")
    assert svg.startswith(EMPTY_SVG.split(">", 1)[0] + "><style>") and "Nothing dated." in svg
    html = tmp_path / "t.HTML"  # the suffix is read case-blind
    timeline_picture(store, html, None, [])
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<main>" in page and "</html>" in page


def test_timeline_picture_draws_the_stores_types_as_the_report_draws_the_export(
    filled: Store, tmp_path: Path
) -> None:
    """The SVG's lanes come from the store's model types straight (issue 9), and are the lanes the
    report draws from the same store's export: one claim's stances, or the events between actors."""
    entries = timeline(filled.iter_events(), filled.iter_statements(), filled.iter_documents())
    index = ExportIndex.build(export_dict(filled))
    lanes_of_claims = claim_lanes(export_claims(index), export_days(index))
    chosen = [lane for lane in lanes_of_claims if lane.label == CLAIM.text]
    pairs = pair_lanes(timeline_events(index), export_names(index))
    for claim, lanes, prefix, mark in ((CLAIM, chosen, "st", "st-agree"), (None, pairs, "md", "md-asserted")):
        path = tmp_path / f"{prefix}.svg"
        timeline_picture(filled, path, claim, entries)
        drawn = lanes_svg(lanes, "timeline", prefix)
        assert lanes and mark in drawn and drawn.split(">", 1)[1] in path.read_text(encoding="utf-8")
