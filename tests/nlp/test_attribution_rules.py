"""Attribution rules on hand-built parses: source, cue and content from given dependencies."""

from __future__ import annotations

from claimgraph.nlp.attribution_rules import attributions, find_attributions
from claimgraph.nlp.cues import CUE_EXTENSION
from tests.nlp.handmade import parsed


def chars(doc, span: tuple[int, int]) -> str:
    return doc.text[span[0] : span[1]]


SAID = parsed(
    """
    Kerry Kerry PROPN NNP nsubj 1
    said say VERB VBD ROOT 1
    talks talk NOUN NNS nsubj 3
    failed fail VERB VBD ccomp 1 nospace
    . . PUNCT . punct 1
    """,
    ents=["B-PERSON", "O", "O", "O", "O"],
)


def test_attribution_rules_subject_cue_clausal_content() -> None:
    (found,) = find_attributions(SAID)
    assert found.source is not None and found.source.text == "Kerry"
    assert chars(SAID, found.cue) == "said" and chars(SAID, found.content) == "talks failed"
    assert not found.direct and found.medium is None


def test_attribution_rules_kept_on_the_doc_once() -> None:
    doc = parsed("Kerry Kerry PROPN NNP nsubj 1\nsaid say VERB VBD ROOT 1\nit it PRON PRP dobj 1")
    first = attributions(doc)
    assert doc._.get(CUE_EXTENSION) == {1: frozenset({"speech"})}
    assert attributions(doc) is first  # the second reader gets the stored list


def test_attribution_rules_no_cue_verb_no_attribution() -> None:
    doc = parsed("Kerry Kerry PROPN NNP nsubj 1\nate eat VERB VBD ROOT 1\nfish fish NOUN NN dobj 1")
    assert find_attributions(doc) == []


POINT = """
    Analysts analyst NOUN NNS nsubj 1
    pointed point VERB VBD ROOT 1
    {rest}
    """


def test_attribution_rules_preposition_cue_needs_its_preposition() -> None:
    """ "point to X" is a stance cue with X as content; "point the way" is not a cue."""
    with_to = parsed(POINT.format(rest="to to ADP IN prep 1\nthe the DET DT det 4\nrisk risk NOUN NN pobj 2"))
    (found,) = find_attributions(with_to)
    assert chars(with_to, found.cue) == "pointed to" and chars(with_to, found.content) == "the risk"
    without = parsed(POINT.format(rest="the the DET DT det 3\nway way NOUN NN dobj 1"))
    assert find_attributions(without) == []


def test_attribution_rules_according_to_takes_the_rest_of_the_clause() -> None:
    doc = parsed(
        """
        According accord VERB VBG prep 5
        to to ADP IN prep 0
        officials official NOUN NNS pobj 1 nospace
        , , PUNCT , punct 5
        talks talk NOUN NNS nsubj 5
        stalled stall VERB VBD ROOT 5 nospace
        . . PUNCT . punct 5
        """
    )
    (found,) = find_attributions(doc)
    assert found.source is not None and found.source.text == "officials"
    assert chars(doc, found.cue) == "According to" and chars(doc, found.content) == "talks stalled"


def test_attribution_rules_told_outlet_is_the_medium() -> None:
    doc = parsed(
        """
        Kerry Kerry PROPN NNP nsubj 1
        told tell VERB VBD ROOT 1
        Reuters Reuters PROPN NNP dobj 1
        talks talk NOUN NNS nsubj 4
        failed fail VERB VBD ccomp 1
        """,
        ents=["B-PERSON", "O", "B-ORG", "O", "O"],
    )
    (found,) = find_attributions(doc)
    assert found.medium == "Reuters" and chars(doc, found.content) == "talks failed"


def test_attribution_rules_belief_needs_a_clause() -> None:
    """ "X believes the report" is no attribution; "X believes talks failed" is."""
    bare = parsed("Kerry Kerry PROPN NNP nsubj 1\nbelieves believe VERB VBZ ROOT 1\nit it PRON PRP dobj 1")
    assert find_attributions(bare) == []
    clause = parsed(
        "Kerry Kerry PROPN NNP nsubj 1\nbelieves believe VERB VBZ ROOT 1\n"
        "talks talk NOUN NNS nsubj 3\nfailed fail VERB VBD ccomp 1"
    )
    (found,) = find_attributions(clause)
    assert chars(clause, found.content) == "talks failed"


def test_attribution_rules_colon_label_before_a_quotation() -> None:
    doc = parsed(
        """
        Kerry Kerry PROPN NNP ROOT 0 nospace
        : : PUNCT : punct 0
        " " PUNCT `` punct 6 nospace
        We we PRON PRP nsubj 6
        will will AUX MD aux 6
        not not PART RB neg 6
        negotiate negotiate VERB VB ROOT 6 nospace
        . . PUNCT . punct 6 nospace
        " " PUNCT '' punct 6
        """,
        ents=["B-PERSON", "O", "O", "O", "O", "O", "O", "O", "O"],
    )
    (found,) = find_attributions(doc)
    assert found.source is not None and found.source.text == "Kerry" and found.direct
    assert chars(doc, found.content) == '"We will not negotiate."'


def test_attribution_rules_cue_inside_a_quotation_is_dropped() -> None:
    """'"I think the talks failed badly," Kerry said': "think" is the quoted speaker's."""
    doc = parsed(
        """
        " " PUNCT `` punct 10 nospace
        I I PRON PRP nsubj 2
        think think VERB VBP ccomp 10
        the the DET DT det 4
        talks talk NOUN NNS nsubj 5
        failed fail VERB VBD ccomp 2
        badly badly ADV RB advmod 5 nospace
        , , PUNCT , punct 10 nospace
        " " PUNCT '' punct 10
        Kerry Kerry PROPN NNP nsubj 10
        said say VERB VBD ROOT 10 nospace
        . . PUNCT . punct 10
        """
    )
    found = find_attributions(doc)
    assert [chars(doc, f.cue) for f in found] == ["said"]
    assert found[0].direct and found[0].source is not None and found[0].source.text == "Kerry"
    assert chars(doc, found[0].content) == '"I think the talks failed badly,"'
