"""PolNeAR scorer: brat reading and the metric on an invented fixture; a floor on real dev."""

from __future__ import annotations

from pathlib import Path

import pytest
from shared_data import require_shared

from claimgraph.eval.polnear import evaluate_polnear, load_split, read_brat, score
from claimgraph.nlp.attribution import Attribution

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "polnear"
# Measured on PolNeAR dev (84 articles, first annotator each), minus a margin for spaCy builds:
# source 0.7254, cue 0.7455, content 0.7602 overlap; source 0.6829, content 0.4428 exact.
DEV_FLOORS = {
    "source_f1_overlap": 0.70,
    "cue_f1_overlap": 0.72,
    "content_f1_overlap": 0.73,
    "source_f1_exact": 0.65,
    "content_f1_exact": 0.41,
}


@pytest.fixture(scope="module")
def articles() -> list:
    return list(load_split(FIXTURE))


def _gold_as_found(text: str) -> list[Attribution]:
    """The fixture's gold, typed in by hand as predictions (content of the third joined up)."""

    def at(s: str) -> tuple[int, int]:
        i = text.index(s)
        return i, i + len(s)

    second_said = text.index("said", text.index("said") + 1)
    return [
        Attribution(at("Jane Doe"), at("said"), at("the bridge would reopen in May")),
        Attribution(at("Tom Lee"), (second_said, second_said + 4), at('"We are ready for it,"')),
        Attribution(at("the mayor"), at("According to"), at("the road stays closed")),
    ]


def test_polnear_reads_first_annotator_and_skips_unannotated(articles: list) -> None:
    assert [name for name, _, _ in articles] == ["art1"]
    assert len(articles[0][2]) == 3  # art1_zzzz.ann has only one attribution


def test_polnear_brat_discontinuous_spans_union_and_ignore_discuss() -> None:
    text = "ab cd ef gh"
    ann = (
        "T1\tContent 0 2;6 8\tab ef\nT2\tCue 3 5\tcd\nT3\tDiscuss 0 5\tab cd\n"
        "E1\tAttribution:T2 Content:T1 Cue:T2\n"
    )
    (gold,) = read_brat(ann, text)
    assert gold.content == frozenset({0, 1, 6, 7})
    assert gold.cue == frozenset({3, 4})
    assert gold.source == frozenset()


def test_polnear_perfect_predictions_score_one(articles: list) -> None:
    text = articles[0][1]
    result = score(articles, [_gold_as_found(text)])
    assert result == {
        "source_f1_overlap": 1.0,
        "cue_f1_overlap": 1.0,
        "content_f1_overlap": 1.0,
        "source_f1_exact": 1.0,
        "content_f1_exact": 1.0,
        "attributions_gold": 3,
        "attributions_found": 3,
    }


def test_polnear_nothing_found_scores_zero(articles: list) -> None:
    result = score(articles, [[]])
    assert result["source_f1_overlap"] == result["content_f1_exact"] == 0.0
    assert result["attributions_found"] == 0


def test_polnear_overlap_is_lenient_exact_is_not(articles: list) -> None:
    text = articles[0][1]
    found = _gold_as_found(text)
    a, _ = found[0].content_span
    found[0] = Attribution(found[0].source_span, found[0].cue_span, (a, a + len("the bridge")))
    result = score(articles, [found])
    assert result["content_f1_overlap"] == 1.0
    assert result["content_f1_exact"] == pytest.approx(2 / 3, abs=1e-4)


def test_polnear_one_long_span_matches_one_gold_span_only(articles: list) -> None:
    text = articles[0][1]
    whole = Attribution(None, (0, 4), (0, len(text)))
    result = score(articles, [[whole]])
    # one predicted content against three gold: P 1, R 1/3
    assert result["content_f1_overlap"] == pytest.approx(0.5, abs=1e-4)


def test_polnear_extractor_on_fixture() -> None:
    result = evaluate_polnear(FIXTURE)
    assert result["source_f1_overlap"] == 1.0
    assert result["content_f1_overlap"] == 1.0


@pytest.mark.slow
def test_polnear_dev_floor(shared_dir: Path) -> None:
    dev = require_shared(shared_dir / "data" / "polnear" / "dev")
    result = evaluate_polnear(dev)
    for key, floor in DEV_FLOORS.items():
        assert result[key] >= floor, (key, result)
