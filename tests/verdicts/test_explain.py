"""The explanation under a verdict (verdicts/explain.py): every name in it comes from a folded voice,
officials are grouped under their party, copying is said aloud, and the odds close the sentence."""

from __future__ import annotations

from claimgraph.model import (
    Actor,
    ActorRef,
    Claim,
    Document,
    Evidence,
    HolderKind,
    Span,
    Stance,
    StanceLabel,
    Voice,
)
from claimgraph.verdicts.explain import MAX_NAMES, Parties, explain
from claimgraph.verdicts.voices import ClaimVoices, VoiceIndex, claim_voices

A, D, X = StanceLabel.AGREE, StanceLabel.DISAGREE, StanceLabel.DISCUSS
OUTLETS = ("Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota", "Kappa")
DOCS = [Document(f"d{i}", f"d{i}.txt", "text", "x" * 100, (), outlet=o) for i, o in enumerate(OUTLETS)]
CLAIM = Claim("c1", "Northland and Southland share the dam", ActorRef("Northland", "country:nor"),
              "cooperate", ActorRef("Southland", "country:sou"))  # fmt: skip
ACTORS = [
    Actor("country:nor", "Northland", "country", ("Northlanders",)),
    Actor("country:sou", "Southland", "country"),
    Actor("gov:nor-water", "Northland Water Ministry", "government_body", (), "country:nor"),
    Actor("person:brun", "Ada Brun", "person", (), "gov:nor-water"),
    Actor("person:marek", "Ivo Marek", "person", (), "country:sou"),
    Actor("person:lund", "Eva Lund", "person", (), None),
]


def own(i: int, label: StanceLabel, voice: Voice = Voice.OWN) -> Stance:
    evidence = (Evidence(Span(f"d{i}", 0, 10), "x", voice),)
    return Stance("c1", f"d{i}", OUTLETS[i], HolderKind.SOURCE, label, 0.9, evidence)


def said(i: int, who: str, label: StanceLabel, actor_id: str | None = None) -> Stance:
    evidence = (Evidence(Span(f"d{i}", 20, 30), "x", Voice.OWN),)
    return Stance("c1", f"d{i}", who, HolderKind.SPEAKER, label, 0.9, evidence, actor_id)


def text(stances: list[Stance], posterior: float = 0.5, groups: dict[str, str] | None = None) -> str:
    voices = claim_voices("c1", stances, VoiceIndex(DOCS, groups))
    return explain(CLAIM, voices, posterior, Parties(ACTORS))


def test_explain_nobody_takes_a_side() -> None:
    assert (
        explain(CLAIM, ClaimVoices("c1", (), (), ()), 0.5, Parties())
        == "no source or speaker takes a side on it"
    )
    assert text([own(0, X), own(1, X)]) == (
        "2 outlets report it without taking a side (Alpha, Beta); nobody asserts or denies it"
    )


def test_explain_one_outlet_alone() -> None:
    assert text([own(0, A)], posterior=0.734) == (
        "1 outlet asserts it in their own voice (Alpha); the asserting outlets cite no named source; "
        "1 independent voice for, 0 against; truth discovery puts P(true) at 0.73"
    )


def test_explain_names_the_speaker_an_outlet_rests_on() -> None:
    result = text([own(0, A), said(0, "Eva Lund", A, "person:lund"), own(1, A)])
    assert result.startswith("Eva Lund supports it; 2 outlets assert it in their own voice (Alpha, Beta)")
    assert "Alpha cites Eva Lund; Beta cites no named source" in result
    assert "Alpha, Beta" in result and "2 independent voices for, 0 against" in result


def test_explain_groups_officials_under_the_claims_parties() -> None:
    """Brun (via the water ministry) speaks for Northland and Marek for Southland: both parties."""
    result = text([own(0, A), said(1, "Ada Brun", D, "person:brun"), said(2, "Ivo Marek", D, "person:marek")])
    assert "officials of both governments deny it (Ada Brun, Ivo Marek)" in result
    assert "1 outlet asserts it in their own voice (Alpha)" in result
    assert "1 independent voice for, 2 against" in result


def test_explain_an_official_of_one_party_and_a_bystander() -> None:
    result = text([said(1, "Ivo Marek", D, "person:marek"), said(2, "Eva Lund", D, "person:lund"), own(3, D)])
    assert result.startswith("Officials of Southland deny it (Ivo Marek); Eva Lund denies it")
    assert "1 outlet sides with the denials (Delta)" in result


def test_explain_says_when_copies_were_counted_once() -> None:
    syndicated = text([own(0, A), own(1, A)], groups={"d0": "g", "d1": "g"})
    assert "Alpha, Beta carry one syndicated story, counted once" in syndicated
    assert "1 independent voice for" in syndicated
    circular = text([own(0, A), said(0, "Beta", A), own(1, A), said(1, "Alpha", A)])
    assert "Alpha, Beta rest on each other's reports, counted as one voice" in circular


def test_explain_reproduced_text_only() -> None:
    result = text([own(0, D, voice=Voice.QUOTED)], posterior=0.4)
    assert result.startswith("Reproduced text only: Alpha (against)")
    assert "no outlet or speaker takes a side first-hand" in result


def test_explain_cuts_long_name_lists() -> None:
    result = text([own(i, A) for i in range(len(OUTLETS))])
    listed = ", ".join(sorted(OUTLETS)[:MAX_NAMES])  # voices come sorted by holder
    assert f"10 outlets assert it in their own voice ({listed} and {len(OUTLETS) - MAX_NAMES} more)" in result


def test_explain_parties_walk_the_affiliation_chain() -> None:
    parties = Parties(ACTORS)
    assert parties.top("person:brun") == "Northland"  # Brun -> water ministry -> Northland
    assert parties.top(None, "northlanders") == "Northland"  # by alias, case-blind
    assert parties.top(None, "Someone Else") == "Someone Else"
    assert parties.claim_parties(CLAIM) == {"northland", "southland"}


def test_explain_parties_survive_an_affiliation_cycle() -> None:
    cycle = [Actor("a", "A", "group", (), "b"), Actor("b", "B", "group", (), "a")]
    assert Parties(cycle).top("a") in {"A", "B"}
