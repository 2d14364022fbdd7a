"""Independent voices (verdicts/voices.py): one node per holder with its net side, and the folds
(syndication, citation, circular quoting) that make stances into independent voices. End-to-end
labels over these folds are in tests/test_verdicts.py; here the folded structure itself is checked."""

from __future__ import annotations

import pytest

from claimgraph.model import Document, Evidence, HolderKind, Span, Stance, StanceLabel, Voice
from claimgraph.verdicts.voices import ClaimVoices, VoiceIndex, claim_voices, is_named, source_key

A, D, X, U = StanceLabel.AGREE, StanceLabel.DISAGREE, StanceLabel.DISCUSS, StanceLabel.UNRELATED
DOCS = [
    Document("d1", "d1.txt", "text", "x" * 100, (), outlet="Alpha"),
    Document("d2", "d2.txt", "text", "x" * 100, (), outlet="Alpha"),
    Document("d3", "d3.txt", "text", "x" * 100, (), outlet="Beta"),
    Document("d4", "d4.txt", "text", "x" * 100, (), outlet="The Gamma Post"),
]
OUTLETS = {d.id: d.outlet for d in DOCS}


def own(doc_id: str, label: StanceLabel, score: float = 0.9, voice: Voice = Voice.OWN) -> Stance:
    evidence = (Evidence(Span(doc_id, 0, 10), "x", voice),)
    return Stance("c1", doc_id, str(OUTLETS[doc_id]), HolderKind.SOURCE, label, score, evidence)


def said(doc_id: str, who: str, label: StanceLabel, voice: Voice = Voice.OWN, **kw: object) -> Stance:
    evidence = (Evidence(Span(doc_id, 20, 30), "x", voice),)
    return Stance("c1", doc_id, who, HolderKind.SPEAKER, label, 0.9, evidence, **kw)  # type: ignore[arg-type]


def fold(stances: list[Stance], groups: dict[str, str] | None = None) -> ClaimVoices:
    return claim_voices("c1", stances, VoiceIndex(DOCS, groups))


@pytest.mark.parametrize(
    ("holder", "actor_id", "named"),
    [
        ("John Kirby", None, True),
        ("Pentagon", None, True),
        ("a senior official", None, False),
        ("The spokesman", None, False),
        ("Iraqi officials", None, False),  # a description ending in a role noun
        ("senior diplomats", None, False),  # lower case: not a name
        ("a senior official", "person:x", True),  # resolved to an actor: named
        ("", None, False),
    ],
)
def test_voices_named_sources_versus_descriptions(holder: str, actor_id: str | None, named: bool) -> None:
    assert is_named(holder, actor_id) is named


def test_voices_source_key_ignores_spelling_of_the_outlet() -> None:
    assert source_key("The Harbor Times") == source_key("harbor  times") == "source:harbor times"


def test_voices_index_resolves_holders() -> None:
    index = VoiceIndex(DOCS)
    assert index.key(own("d1", A)) == ("source:alpha", "Alpha", HolderKind.SOURCE, True)
    # a corpus outlet quoted on another outlet's page is that outlet, heard second-hand
    assert index.key(said("d1", "gamma post", A)) == (
        "source:gamma post",
        "The Gamma Post",
        HolderKind.SOURCE,
        False,
    )
    assert index.key(said("d1", "John Kirby", A, actor_id="person:kirby"))[0] == "speaker:person:kirby"
    assert index.key(said("d1", "John  KIRBY", A))[0] == "speaker:john kirby"
    assert index.key(said("d1", "John Kirby", A, voice=Voice.QUOTED))[3] is False
    assert index.group("d1") == "d1" and VoiceIndex(DOCS, {"d1": "g"}).group("d1") == "g"


def test_voices_one_outlet_is_one_node_with_its_net_side() -> None:
    voices = fold([own("d1", A, 0.9), own("d2", A, 0.5), own("d2", D, 0.6)])
    (group,) = voices.groups
    (node,) = group.nodes
    assert node.key == "source:alpha" and node.sign == 1
    assert node.strength == pytest.approx(0.7)  # mean score on the winning side
    assert node.doc_ids == ("d1", "d2") and len(node.stances) == 2
    assert not group.syndicated and not group.cited


def test_voices_cancelling_stances_are_mixed_not_a_voice() -> None:
    voices = fold([own("d1", A, 0.8), own("d2", D, 0.8), own("d3", D)])
    assert voices.mixed == ("Alpha",)
    assert [g.nodes[0].name for g in voices.groups] == ["Beta"]


def test_voices_unrelated_discuss_and_zero_score_stances_take_no_side() -> None:
    voices = fold([own("d1", U), own("d3", X), own("d4", A, score=0.0)])
    assert voices.groups == ()
    assert voices.discussing == ("Beta",)  # only `discuss` counts as reporting without a side


def test_voices_an_outlet_that_also_takes_a_side_is_not_listed_as_discussing() -> None:
    voices = fold([own("d1", X), own("d2", A), own("d3", X)])
    assert voices.discussing == ("Beta",)


def test_voices_syndicated_outlets_fold_into_one_voice() -> None:
    voices = fold([own("d1", A), own("d3", A), own("d4", A)], groups={"d1": "g", "d3": "g"})
    assert len(voices.groups) == 2
    folded = next(g for g in voices.groups if len(g.nodes) == 2)
    assert {n.name for n in folded.nodes} == {"Alpha", "Beta"}
    assert folded.syndicated and not folded.cited


def test_voices_syndication_does_not_fold_opposite_sides() -> None:
    voices = fold([own("d1", A), own("d3", D)], groups={"d1": "g", "d3": "g"})
    assert sorted(g.sign for g in voices.groups) == [-1, 1]


def test_voices_a_speaker_folds_into_the_outlet_only_on_the_outlets_side() -> None:
    cited = fold([own("d1", A), said("d1", "John Kirby", A)])
    (group,) = cited.groups
    assert group.cited and {n.kind for n in group.nodes} == {HolderKind.SOURCE, HolderKind.SPEAKER}
    against = fold([own("d1", A), said("d1", "John Kirby", D)])
    assert sorted(g.sign for g in against.groups) == [-1, 1]
    elsewhere = fold([own("d3", A), said("d1", "John Kirby", A)])  # Alpha's page, Beta's assertion
    assert len(elsewhere.groups) == 2
    # two speakers on one page whose outlet takes no side: nobody's assertion rests on the other's
    unowned = fold([own("d1", X), said("d1", "John Kirby", A), said("d1", "Ada Brun", A)])
    assert len(unowned.groups) == 2 and not any(g.cited for g in unowned.groups)


def test_voices_circular_quoting_is_one_voice_and_second_hand_marks_stay() -> None:
    """Alpha quotes Beta and Beta quotes Alpha, both agreeing: one voice, however many stances."""
    voices = fold([own("d1", A), said("d1", "Beta", A), own("d3", A), said("d3", "Alpha", A)])
    (group,) = voices.groups
    assert {n.name for n in group.nodes} == {"Alpha", "Beta"} and group.cited
    assert group.first_hand  # each outlet also writes it in its own voice


def test_voices_only_reproduced_text_is_second_hand() -> None:
    voices = fold([own("d1", A, voice=Voice.QUOTED), own("d3", A, voice=Voice.COMMENT)])
    assert voices.groups and not any(g.first_hand for g in voices.groups)
    no_evidence = Stance("c1", "d3", "Beta", HolderKind.SOURCE, A, 0.9)
    assert fold([no_evidence]).groups[0].first_hand  # nothing says it was reproduced
