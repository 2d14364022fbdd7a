"""Claims table and evidence: stance bars per holder kind, chains, and both sides always reachable."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest

from claimgraph.report import render_report
from claimgraph.report.claims import (
    MAX_EVIDENCE_PER_SIDE,
    MAX_HOLDER_ROWS,
    OPEN_PER_SIDE,
    badge,
    stance_bar,
)

EV_ITEM = '<li class="ev-item">'


def section(page: str, key: str) -> str:
    return page.split(f'<section id="{key}">', 1)[1].split("</section>", 1)[0]


def claim_blocks(export: dict[str, Any]) -> list[str]:
    return section(render_report(export), "evidence").split('<details class="claim"')[1:]


def side(block: str, key: str) -> str:
    """One side's <details> of a claim block (nested <details> included)."""
    start = block.index(f'class="side side-{key}"')
    following = [block.find(f'class="side side-{k}"', start + 1) for k in ("agree", "disagree", "discuss")]
    ends = [i for i in following if i > start]
    return block[start : min(ends)] if ends else block[start:]


@pytest.mark.parametrize(
    ("counts", "parts", "label"),
    [
        ({"agree": 3, "disagree": 1}, [("agree", 75.0), ("disagree", 25.0)], "3 agree · 1 disagree"),
        ({"discuss": 2}, [("discuss", 100.0)], "2 discuss"),
        ({"unrelated": 4}, [], ""),
    ],
)
def test_claims_stance_bar_widths_and_counts(
    counts: dict[str, int], parts: list[tuple[str, float]], label: str
) -> None:
    bar = stance_bar(Counter(counts))
    assert (bar.parts, bar.label) == (parts, label)


def test_claims_table_keeps_own_voice_apart_from_speakers(mini_export: dict[str, Any]) -> None:
    row = section(render_report(mini_export), "claims").split("<tr")[2]
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
    details = "".join(claim_blocks(mini_export))
    item = next(li for li in details.split(EV_ITEM) if f"<b>{holder}</b>" in li)
    assert re.search(f'<span class="chain"[^>]*>{chain}</span>', item)


def test_claims_evidence_voice_comes_from_the_segment(mini_export: dict[str, Any]) -> None:
    details = "".join(claim_blocks(mini_export))
    item = next(li for li in details.split(EV_ITEM) if "<b>River Gazette</b>" in li)
    assert 'class="voice v-quoted">quoted</span>' in item


def test_claims_disputed_claim_shows_the_disagreeing_side(mini_export: dict[str, Any]) -> None:
    """Issue 10: 26 discussing stances scored higher than the disagreeing ones hid them ("and 21 more")."""
    claim = mini_export["claims"][0]
    discuss, disagree = claim["stances"][5], claim["stances"][3]
    crowd = [dict(discuss, holder=f"Outlet {i}", score=0.99) for i in range(MAX_EVIDENCE_PER_SIDE + 5)]
    against = [dict(disagree, holder=f"Critic {i}", score=0.51) for i in range(3)]
    claim["stances"] = [*crowd, *against]
    block = claim_blocks(mini_export)[0]
    against_side = side(block, "disagree")
    assert all(f"<b>Critic {i}</b>" in against_side for i in range(3))
    assert "Southland has not signed anything" in against_side
    discuss_side = side(block, "discuss")
    assert discuss_side.count(EV_ITEM) == MAX_EVIDENCE_PER_SIDE
    assert "and 5 more stances in the export" in discuss_side


def test_claims_side_beyond_the_first_few_is_in_a_details(mini_export: dict[str, Any]) -> None:
    claim = mini_export["claims"][0]
    claim["stances"] = [dict(claim["stances"][0], holder=f"Outlet {i}") for i in range(OPEN_PER_SIDE + 4)]
    agree = side(claim_blocks(mini_export)[0], "agree")
    shown, folded = agree.split('<details class="more">', 1)
    assert shown.count(EV_ITEM) == OPEN_PER_SIDE and folded.count(EV_ITEM) == 4
    assert "<summary>4 more for</summary>" in folded


def test_claims_holder_bars_beyond_eight_are_expandable(mini_export: dict[str, Any]) -> None:
    claim = mini_export["claims"][0]
    claim["stances"] = [
        dict(claim["stances"][0], holder=f"Outlet {i:02d}") for i in range(MAX_HOLDER_ROWS + 5)
    ]
    block = claim_blocks(mini_export)[0]
    holders = block.split('<div class="sides">')[0]
    assert "<summary>5 more holders</summary>" in holders
    assert all(f"<td>Outlet {i:02d}</td>" in holders for i in range(MAX_HOLDER_ROWS + 5))


def test_claims_each_side_shows_distinct_holders_first(mini_export: dict[str, Any]) -> None:
    claim = mini_export["claims"][0]
    agree = [dict(claim["stances"][0], score=0.99) for _ in range(10)]
    claim["stances"] = [*agree, dict(claim["stances"][1], score=0.1)]  # Ada Brun, lowest score
    shown = side(claim_blocks(mini_export)[0], "agree").split('<details class="more">')[0]
    assert "<b>Ada Brun</b>" in shown


def test_claims_confidence_carries_outlets_for_and_against(mini_export: dict[str, Any]) -> None:
    """Issue 10: "corroborated 100%" was shown with outlets disagreeing and no uncertainty."""
    claim = mini_export["claims"][0]
    claim["verdict"] = {"label": "corroborated", "confidence": 1.0, "explanation": "x"}
    claim["stances"] = [dict(claim["stances"][0], holder=f"For {i}") for i in range(3)] + [
        dict(claim["stances"][3], holder=f"Against {i}") for i in range(2)
    ]
    page = render_report(mini_export)
    assert not re.search(r"corroborated\s*100%", page)
    assert 'corroborated 1.00</span> <span class="count">(3 for, 2 against)</span>' in section(page, "claims")
    assert "3 of 5 outlets taking a side agree (95% interval 0.23–0.88)" in section(page, "evidence")


def test_claims_badge_without_outlets_taking_a_side() -> None:
    b = badge({"label": "unverified"}, [{"holder_kind": "speaker", "stance": "agree", "holder": "X"}])
    assert (b.confidence, b.support, b.interval) == ("", "", "no outlet takes a side in its own voice")


def test_claims_links_only_documents_shown_in_full(mini_export: dict[str, Any]) -> None:
    mini_export["documents"] = mini_export["documents"][:1]  # only a1 is in the page in full
    details = "".join(claim_blocks(mini_export))
    assert 'href="#doc-a1a1a1a1a1a1a1a1-' in details and 'href="#doc-b2b2' not in details


def test_claims_contradictions_listed_under_their_claim(mini_export: dict[str, Any]) -> None:
    blocks = claim_blocks(mini_export)
    assert "Southland signed nothing" in blocks[0] and "Contradictions" not in blocks[1]


def test_claims_outlet_without_a_name_is_never_a_path(mini_export: dict[str, Any]) -> None:
    """Issue 10: a document without an outlet showed its absolute path or `file.csv#135`."""
    for n, doc in enumerate(mini_export["documents"]):
        doc["outlet"] = None
        doc["uri"] = f"/home/someone/data/feed.csv#{135 + n}"
    for claim in mini_export["claims"]:
        for s in claim["stances"]:
            if s["holder_kind"] == "source":
                s["holder"] = "/home/someone/data/feed.csv#135"
    mini_export["sources"] = [{"name": "/home/someone/data/feed.csv#135", "reliability": 0.5, "documents": 3}]
    page = render_report(mini_export)
    assert "/home/someone" not in page and not re.search(r"feed\.csv#\d", page)
    assert "<b>feed.csv</b>" in section(page, "evidence") and "<td>feed.csv</td>" in section(page, "outlets")
