"""Lexical stance features: sentence split, stemming, relatedness features, evidence selection."""

from __future__ import annotations

import pytest

from claimgraph.claims.features import (
    FEATURE_NAMES,
    REFUTING,
    BodyView,
    IdfTable,
    budget_for,
    pair_features,
    select_evidence,
    sentence_spans,
    split_sentences,
    stem,
    words,
)

BODY = (
    "The mayor of Dunmore denied on Friday that the city hall will be sold. "
    "Council members met for three hours. "
    "A local bakery won a prize for its apple pie.\n\n"
    "The mayor said the sale rumour was false."
)
IDF = IdfTable.fit(
    [BODY, "Council members voted on the budget.", "The bakery sells bread and pie."], min_df=1
)


@pytest.mark.parametrize(
    ("word", "expected"), [("denies", "deny"), ("denied", "deny"), ("voting", "vot"), ("class", "class")]
)
def test_features_stem(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_features_split_sentences() -> None:
    assert split_sentences(BODY) == [
        "The mayor of Dunmore denied on Friday that the city hall will be sold.",
        "Council members met for three hours.",
        "A local bakery won a prize for its apple pie.",
        "The mayor said the sale rumour was false.",
    ]


@pytest.mark.parametrize("text", [BODY, "  One.  Two!\n\nThree?  ", "", "no end mark"])
def test_features_sentence_spans_point_into_text(text: str) -> None:
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == split_sentences(text)
    assert all(text[a:b] == text[a:b].strip() and b > a for a, b in spans)


def test_features_related_headline_scores_higher() -> None:
    view = BodyView.build(BODY, IDF)
    related = pair_features("Dunmore city hall to be sold, mayor says", view, IDF)
    unrelated = pair_features("Storm closes ski resorts in the Alps", view, IDF)
    assert related.shape == (len(FEATURE_NAMES),)
    assert related[FEATURE_NAMES.index("cos_body")] > unrelated[FEATURE_NAMES.index("cos_body")]
    assert related[FEATURE_NAMES.index("overlap")] > 0.5 > unrelated[FEATURE_NAMES.index("overlap")]


def test_features_empty_headline_gives_zero_vector() -> None:
    assert not pair_features("the of a", BodyView.build(BODY, IDF), IDF).any()


@pytest.mark.parametrize("budget", [8, 20, 200])
def test_features_select_evidence_respects_budget_and_order(budget: int) -> None:
    view = BodyView.build(BODY, IDF)
    chosen = select_evidence("Dunmore city hall to be sold", view, IDF, budget)
    assert chosen == sorted(chosen)
    assert chosen[0] == 0  # the sentence about the city hall sale ranks first
    words_used = sum(len(view.sentences[i].split()) for i in chosen)
    assert words_used <= budget or len(chosen) == 1


def test_features_budget_shrinks_with_headline() -> None:
    assert budget_for("short", 128) > budget_for("a much longer headline " * 5, 128) >= 8


def test_features_body_view_flags_the_sentences_with_refuting_cues() -> None:
    """`select_evidence` reads the flags instead of re-tokenising every sentence for each headline."""
    view = BodyView.build(BODY, IDF)
    assert view.refuting == (True, False, False, True)  # "denied", "false"
    assert view.refuting == tuple(bool(REFUTING.intersection(words(s))) for s in view.sentences)
