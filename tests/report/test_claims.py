"""Claims table and evidence: stance bars per holder kind, attribution chains, capped evidence."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from claimgraph.report.claims import MAX_EVIDENCE_PER_CLAIM, claim_details, claims_table, stance_bar
from claimgraph.report.index import ExportIndex

EV_ITEM = '<li class="ev-item">'


@pytest.mark.parametrize(
    ("counts", "widths", "label"),
    [
        ({"agree": 3, "disagree": 1}, ["75%", "25%"], "3 agree · 1 disagree"),
        ({"discuss": 2}, ["100%"], "2 discuss"),
        ({"unrelated": 4}, [], "none"),
    ],
)
def test_claims_stance_bar_widths_and_counts(counts: dict[str, int], widths: list[str], label: str) -> None:
    bar = stance_bar(Counter(counts))
    assert [w for w in ("75%", "25%", "100%") if f"width:{w}" in bar] == widths
    assert label in bar


def test_claims_table_keeps_own_voice_apart_from_speakers(mini_export: dict[str, Any]) -> None:
    row = claims_table(ExportIndex.build(mini_export)).split("<tr")[2]
    own, speakers = row.split('class="bar"')[1:3]
    assert "1 agree · 1 disagree · 1 discuss" in own
    assert "2 agree · 1 disagree" in speakers


@pytest.mark.parametrize(
    ("holder", "chain"),
    [
        ("Ada Brun", "Valley Post → Ada Brun"),  # from the stance's statement_id
        ("River Gazette", "Valley Post → River Gazette"),
        ("Coast Courier", "Coast Courier"),  # own voice, no statement: the outlet alone
    ],
)
def test_claims_evidence_shows_attribution_chain(
    mini_export: dict[str, Any], holder: str, chain: str
) -> None:
    details = claim_details(ExportIndex.build(mini_export), set())
    item = next(li for li in details.split(EV_ITEM) if f"<b>{holder}</b>" in li)
    assert f'title="attribution chain">{chain}</span>' in item


def test_claims_evidence_voice_comes_from_the_segment(mini_export: dict[str, Any]) -> None:
    details = claim_details(ExportIndex.build(mini_export), set())
    item = next(li for li in details.split(EV_ITEM) if "<b>River Gazette</b>" in li)
    assert 'class="voice v-quoted">quoted</span>' in item


def test_claims_evidence_is_capped_with_a_count(mini_export: dict[str, Any]) -> None:
    claim = mini_export["claims"][0]
    claim["stances"] = [dict(claim["stances"][0], holder=f"Outlet {i}") for i in range(20)]
    details = claim_details(ExportIndex.build(mini_export), set())
    first = details.split("</details>")[0]
    assert first.count(EV_ITEM) == MAX_EVIDENCE_PER_CLAIM
    assert f"and {20 - MAX_EVIDENCE_PER_CLAIM} more stances" in first


def test_claims_evidence_shows_each_side_before_repeats(mini_export: dict[str, Any]) -> None:
    claim = mini_export["claims"][0]
    agree = [dict(claim["stances"][0], score=0.99) for _ in range(10)]
    claim["stances"] = [*agree, claim["stances"][3]]  # one disagreeing outlet, lowest score
    details = claim_details(ExportIndex.build(mini_export), set())
    assert "<b>Southland Herald</b>" in details.split("</details>")[0]


def test_claims_links_only_documents_shown_in_full(mini_export: dict[str, Any]) -> None:
    index = ExportIndex.build(mini_export)
    linked = claim_details(index, {"a1a1a1a1a1a1a1a1"})
    assert 'href="#doc-a1a1a1a1a1a1a1a1-' in linked and 'href="#doc-b2b2' not in linked


def test_claims_contradictions_listed_under_their_claim(mini_export: dict[str, Any]) -> None:
    blocks = claim_details(ExportIndex.build(mini_export), set()).split("</details>")
    assert "Southland signed nothing" in blocks[0] and "Contradictions" not in blocks[1]
