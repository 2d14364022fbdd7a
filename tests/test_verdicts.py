"""Verdicts: voices folded, truth discovery on synthetic data, labels from the learned model, priors,
the example gold as a smoke test with floors."""

from __future__ import annotations

from pathlib import Path

import pytest
from synthetic_verdicts import majority_vote, make_corpus, spearman  # tests/: test-only helpers
from verdict_gold import compare_with_gold

from claimgraph.errors import ClaimgraphError
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
    Statement,
    VerdictLabel,
    Voice,
)
from claimgraph.verdicts import assess, check_priors, judge, load_priors
from claimgraph.verdicts.truth import Vote, discover

A, D, X = StanceLabel.AGREE, StanceLabel.DISAGREE, StanceLabel.DISCUSS
CLAIM = Claim("c1", "the US and Iran are cooperating militarily in Iraq")


def doc(doc_id: str, outlet: str) -> Document:
    return Document(doc_id, f"{doc_id}.txt", "text", "x" * 100, (), outlet=outlet)


def own(doc_id: str, outlet: str, label: StanceLabel, claim: str = "c1") -> Stance:
    return Stance(
        claim, doc_id, outlet, HolderKind.SOURCE, label, 0.9, (Evidence(Span(doc_id, 0, 10), "x", Voice.OWN),)
    )


def said(
    doc_id: str, who: str, label: StanceLabel, voice: Voice = Voice.OWN, claim: str = "c1", **kw
) -> Stance:
    evidence = (Evidence(Span(doc_id, 20, 30), "x", voice),)
    return Stance(claim, doc_id, who, HolderKind.SPEAKER, label, 0.9, evidence, **kw)


def one_label(stances: list[Stance], docs: list[Document], **kw) -> tuple[VerdictLabel, str]:
    verdicts, _ = judge([CLAIM], stances, docs, **kw)
    return verdicts[0].label, verdicts[0].explanation


def test_verdicts_empty_input_gives_nothing() -> None:
    assert judge([], [], []) == ([], [])


@pytest.mark.parametrize(
    "stances",
    [
        [],
        [own("d1", "Alpha", X), own("d2", "Beta", X)],
        [own("d1", "Alpha", StanceLabel.UNRELATED)],
    ],
)
def test_verdicts_no_side_taken_is_unverified(stances: list[Stance]) -> None:
    label, text = one_label(stances, [doc("d1", "Alpha"), doc("d2", "Beta")])
    assert label == VerdictLabel.UNVERIFIED
    assert text


@pytest.mark.parametrize("voice", [Voice.QUOTED, Voice.COMMENT])
def test_verdicts_only_quoted_support_is_unverified(voice: Voice) -> None:
    stances = [
        own("d1", "Alpha", X),
        said("d1", "Tigris Observer", A, voice),
        said("d2", "Some Reader", A, voice),
    ]
    label, text = one_label(stances, [doc("d1", "Alpha"), doc("d2", "Beta")])
    assert label == VerdictLabel.UNVERIFIED
    assert "first-hand" in text


def test_verdicts_circular_quoting_only_is_unverified() -> None:
    # Alpha reports "Beta says X" and Beta reports "Alpha says X"; neither says X itself.
    stances = [own("d1", "Alpha", X), said("d1", "Beta", A), own("d2", "Beta", X), said("d2", "Alpha", A)]
    label, _ = one_label(stances, [doc("d1", "Alpha"), doc("d2", "Beta")])
    assert label == VerdictLabel.UNVERIFIED


def test_verdicts_circular_quoting_with_assertions_is_one_voice() -> None:
    # Both assert X, each on the other's word: one voice, not corroboration.
    stances = [own("d1", "Alpha", A), said("d1", "Beta", A), own("d2", "Beta", A), said("d2", "Alpha", A)]
    label, text = one_label(stances, [doc("d1", "Alpha"), doc("d2", "Beta")])
    assert label == VerdictLabel.SINGLE_SOURCE
    assert "counted as one voice" in text


@pytest.mark.parametrize(
    ("groups", "voices"),
    [({"d1": "g", "d2": "g"}, 1), ({"d1": "g1", "d2": "g2"}, 2), (None, 2)],
)
def test_verdicts_syndicated_copies_count_once(groups: dict[str, str] | None, voices: int) -> None:
    stances = [own("d1", "Meridian Wire", A), own("d2", "Harbor Times", A)]
    label, text = one_label(stances, [doc("d1", "Meridian Wire"), doc("d2", "Harbor Times")], groups=groups)
    assert f"{voices} independent voice{'s' if voices > 1 else ''} for" in text
    assert ("syndicated" in text) == (voices == 1)
    # one voice: single-source; two agreeing outlets: the learned model's call (Emergent journalists
    # called most rumours carried by a few agreeing outlets unknown), never single-source or denied
    if voices == 1:
        assert label == VerdictLabel.SINGLE_SOURCE
    else:
        assert label in (VerdictLabel.CORROBORATED, VerdictLabel.UNVERIFIED)


def test_verdicts_speaker_quoted_by_many_outlets_is_one_voice() -> None:
    outlets = ["Alpha", "Beta", "Gamma"]
    stances = [
        s for i, o in enumerate(outlets) for s in (own(f"d{i}", o, X), said(f"d{i}", "Ali Khamenei", A))
    ]
    label, text = one_label(stances, [doc(f"d{i}", o) for i, o in enumerate(outlets)])
    assert label == VerdictLabel.SINGLE_SOURCE
    assert "1 independent voice for" in text


def test_verdicts_outlet_resting_on_its_named_source_folds_into_it() -> None:
    stances = [
        own("d1", "Alpha", A),
        said("d1", "Ali Khamenei", A),
        own("d2", "Beta", A),
        said("d2", "Ali Khamenei", A),
    ]
    label, text = one_label(stances, [doc("d1", "Alpha"), doc("d2", "Beta")])
    assert label == VerdictLabel.SINGLE_SOURCE
    assert "Alpha cites Ali Khamenei; Beta cites Ali Khamenei" in text


def _officials() -> tuple[list[Actor], Claim]:
    actors = [
        Actor("country:usa", "United States", "country"),
        Actor("country:irn", "Iran", "country"),
        Actor("government_body:pentagon", "Pentagon", "government_body", affiliation="country:usa"),
        Actor("government_body:majlis", "Iranian parliament", "government_body", affiliation="country:irn"),
    ]
    claim = Claim(
        "c1",
        CLAIM.text,
        ActorRef("United States", "country:usa"),
        "cooperate_militarily",
        ActorRef("Iran", "country:irn"),
    )
    return actors, claim


def test_verdicts_officials_of_both_parties_deny() -> None:
    actors, claim = _officials()
    stances = [
        own("d1", "Alpha", X),
        said("d1", "Pentagon", D, actor_id="government_body:pentagon"),
        said("d2", "Iranian parliament", D, actor_id="government_body:majlis"),
    ]
    verdicts, _ = judge([claim], stances, [doc("d1", "Alpha"), doc("d2", "Beta")], actors=actors)
    assert verdicts[0].label == VerdictLabel.DENIED
    text = verdicts[0].explanation.lower()
    assert "officials of both governments deny it (" in text
    assert "pentagon" in text and "iranian parliament" in text
    assert verdicts[0].confidence > 0.5


def test_verdicts_affiliation_from_statement() -> None:
    actors, claim = _officials()
    statement = Statement(
        "s1",
        "d1",
        Voice.OWN,
        None,
        "Pentagon",
        ("Alpha", "a spokesman"),
        "said",
        "no",
        False,  # type: ignore[arg-type]
        Span("d1", 0, 5),
        None,
        None,
        Span("d1", 0, 5),
    )
    stances = [own("d1", "Alpha", A), own("d2", "Beta", A), said("d1", "a spokesman", D, statement_id="s1")]
    verdicts, _ = judge(
        [claim], stances, [doc("d1", "Alpha"), doc("d2", "Beta")], actors=actors, statements=[statement]
    )
    assert "officials of United States deny it (a spokesman)" in verdicts[0].explanation
    assert "2 outlets assert it in their own voice (Alpha, Beta)" in verdicts[0].explanation
    assert verdicts[0].label in (VerdictLabel.DISPUTED, VerdictLabel.DENIED)  # an official's denial counts


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_verdicts_synthetic_reliability_and_accuracy(seed: int) -> None:
    corpus = make_corpus(seed)
    judgement = assess(corpus.claims, corpus.stances, corpus.documents, groups=corpus.groups)
    estimated = {s.name: s.reliability for s in judgement.sources}
    names = sorted(corpus.reliability)
    rho = spearman([corpus.reliability[n] for n in names], [estimated[n] for n in names])
    predicted = {c: p >= 0.5 for c, p in judgement.estimate.posterior.items()}
    accuracy = sum(predicted[c] == t for c, t in corpus.truth.items()) / len(corpus.truth)
    majority = majority_vote(corpus)
    baseline = sum(majority[c] == t for c, t in corpus.truth.items()) / len(corpus.truth)
    assert judgement.estimate.converged
    assert rho >= 0.9
    assert accuracy > baseline


def test_verdicts_truth_discovery_learns_liar() -> None:
    votes = [Vote(h, f"c{i}", 1, 1.0) for i in range(20) for h in ("a", "b", "c")]
    votes += [Vote("liar", f"c{i}", -1, 1.0) for i in range(20)]
    estimate = discover(votes)
    assert estimate.converged
    assert estimate.reliability["liar"] < 0.2 < 0.8 < estimate.reliability["a"]
    assert all(p > 0.9 for p in estimate.posterior.values())


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [([1, 2, 3], [10, 20, 30], 1.0), ([1, 2, 3], [3, 2, 1], -1.0), ([1, 1, 2], [5, 5, 9], 1.0)],
)
def test_verdicts_spearman(a: list[float], b: list[float], expected: float) -> None:
    assert spearman(a, b) == pytest.approx(expected)


def test_verdicts_priors_load_and_shift_reliability(tmp_path: Path) -> None:
    path = tmp_path / "priors.csv"
    path.write_text("outlet,prior\nAlpha,0.95\nNowhere Gazette,0.2\n", encoding="utf-8")
    priors = load_priors(path)
    assert priors == {"Alpha": 0.95, "Nowhere Gazette": 0.2}
    docs = [doc("d1", "Alpha"), doc("d2", "Beta")]
    warning = check_priors(priors, docs)
    assert warning is not None and warning.unknown == ("Nowhere Gazette",)
    assert "Nowhere Gazette" in str(warning)
    stances = [own("d1", "Alpha", A), own("d2", "Beta", D)]
    _, with_prior = judge([CLAIM], stances, docs, priors=priors)
    _, without = judge([CLAIM], stances, docs)
    assert {s.name: s.reliability for s in with_prior}["Alpha"] > {s.name: s.reliability for s in without}[
        "Alpha"
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("outlet,prior\nAlpha,0.9\nBeta,high\n", "row 3: prior 'high'"),
        ("outlet,prior\nAlpha,1.5\n", "row 2: prior 1.5"),
        ("outlet,prior\nAlpha,0\n", "strictly between 0 and 1"),
        ("outlet,prior\nAlpha,nan\n", "row 2"),
        ("outlet,prior\nAlpha,0.5,extra\n", "row 2: expected 'outlet,prior'"),
        ("outlet,prior\nAlpha,0.5\nAlpha,0.6\n", "listed twice"),
        ("name,score\nAlpha,0.5\n", "header"),
        ("", "header"),
    ],
)
def test_verdicts_prior_file_errors_name_file_and_row(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ClaimgraphError) as err:
        load_priors(path)
    assert message in str(err.value) and "bad.csv" in str(err.value)


def test_verdicts_prior_file_missing(tmp_path: Path) -> None:
    with pytest.raises(ClaimgraphError, match="no such file"):
        load_priors(tmp_path / "absent.csv")


# A hand-built mirror of the example corpus: the stances the gold's documents and `why` notes describe
# (built by hand from gold.json, not by the claims stage), to pin the label rules against the gold.
OUTLETS = {
    "mw": "Meridian Wire", "ht": "Harbor Times", "gl": "The Gulf Ledger", "en": "Eastbank Notes",
    "cd": "The Capitol Dispatch", "wt": "Watchtower on the Tigris", "cr0": "The Crescent Desk",
    "cr1": "The Crescent Desk", "ad": "Atlas Defense Daily", "cdr": "Commodity Desk Review",
    "lc": "The Levant Courier", "ps": "Prairie Sentinel",
}  # fmt: skip
MIRROR_CLAIMS = [
    Claim("coop", "US and Iran cooperate militarily in Iraq", ActorRef("United States", "country:usa"),
          "cooperate_militarily", ActorRef("Iran", "country:irn")),
    Claim("vienna", "US and Iranian diplomats discussed Iraq in Vienna"),
    Claim("amerli", "US airstrikes helped break the siege of Amerli"),
    Claim("diyala", "Iranian jets carried out airstrikes against ISIS in Diyala"),
    Claim("khamenei", "Khamenei rejected a US request to cooperate against ISIS"),
    Claim("notify", "Obama notified Congress that up to 275 US troops could deploy to Iraq"),
]  # fmt: skip


def _mirror_stances() -> list[Stance]:
    def src(d: str, label: StanceLabel, claim: str) -> Stance:
        return own(d, OUTLETS[d], label, claim)

    coop = [src(d, lab, "coop") for d, lab in [
        ("mw", X), ("ht", X), ("gl", A), ("en", A), ("cd", D), ("wt", A), ("cr0", D), ("cr1", X),
        ("ad", D), ("cdr", StanceLabel.UNRELATED), ("lc", D), ("ps", X)]]  # fmt: skip
    coop += [said(d, who, D, claim="coop", actor_id=aid) for d, who, aid in [
        ("mw", "A Pentagon spokesman", None), ("ht", "A Pentagon spokesman", None),
        ("gl", "A Pentagon spokesman", None), ("cd", "White House", "government_body:white_house"),
        ("cd", "Bernadette Meehan", "person:bernadette_meehan"),
        ("cr0", "State Department", "government_body:state"), ("cr1", "US officials", None),
        ("ad", "John Kirby", "person:john_kirby"), ("lc", "Iranian officials", None)]]  # fmt: skip
    coop += [said("en", "Marie Harf", D, Voice.QUOTED, claim="coop", actor_id="person:marie_harf")]
    coop += [said("gl", "Adnan Khalil", A, claim="coop"), said("wt", "a militia commander", A, claim="coop")]
    vienna = [src(d, A, "vienna") for d in ("mw", "ht", "gl", "lc")]
    vienna += [said("cd", "The administration", A, claim="vienna")]
    amerli = [
        src("wt", A, "amerli"),
        said("wt", "Pentagon", A, claim="amerli", actor_id="government_body:pentagon"),
    ]
    amerli += [said("cd", "The Tigris Observer", A, Voice.QUOTED, claim="amerli")]
    amerli += [src("en", X, "amerli"), said("en", "Potomac Herald", A, Voice.QUOTED, claim="amerli")]
    diyala = [src("ad", A, "diyala"), src("cr1", X, "diyala")]
    diyala += [
        said(d, "Pentagon", A, claim="diyala", actor_id="government_body:pentagon") for d in ("ad", "cr1")
    ]
    diyala += [said("ad", "Ebrahim Rahimpour", D, claim="diyala", actor_id="person:ebrahim_rahimpour")]
    khamenei = [src("cr0", X, "khamenei"), src("lc", X, "khamenei")]
    khamenei += [said("cr0", "Ali Khamenei", A, claim="khamenei", actor_id="person:ali_khamenei")]
    khamenei += [
        said("en", "Ali Khamenei", A, Voice.QUOTED, claim="khamenei", actor_id="person:ali_khamenei")
    ]
    notify = [src(d, A, "notify") for d in ("mw", "ht", "gl")]
    return coop + vienna + amerli + diyala + khamenei + notify


def test_verdicts_example_corpus_mirror_matches_gold() -> None:
    actors = [
        Actor("country:usa", "United States", "country"),
        Actor("country:irn", "Iran", "country"),
        Actor("government_body:white_house", "White House", "government_body", affiliation="country:usa"),
        Actor("government_body:state", "State Department", "government_body", affiliation="country:usa"),
        Actor("person:bernadette_meehan", "Bernadette Meehan", "person", affiliation="country:usa"),
        Actor("person:john_kirby", "John Kirby", "person", affiliation="country:usa"),
        Actor("person:marie_harf", "Marie Harf", "person", affiliation="country:usa"),
    ]
    docs = [doc(d, outlet) for d, outlet in OUTLETS.items()]
    verdicts, sources = judge(MIRROR_CLAIMS, _mirror_stances(), docs, groups={"ht": "mw"}, actors=actors)
    rows = compare_with_gold(MIRROR_CLAIMS, verdicts)
    assert len(rows) == 6
    assert all(r.claim_id is not None for r in rows)
    # a smoke test with a floor, not a target: the learned model (Emergent rumours) is more cautious
    # than the hand rules the gold was written with; 2/6 when measured (docs/verdicts.md)
    assert sum(r.correct for r in rows) >= 2
    central = next(v for v in verdicts if v.claim_id == "coop")
    assert central.label == VerdictLabel.DISPUTED
    assert "3 outlets assert it in their own voice" in central.explanation
    assert "officials of United States" in central.explanation
    assert {s.name for s in sources} == set(OUTLETS.values())


@pytest.mark.slow
def test_verdicts_example_corpus_pipeline_against_gold(tmp_path: Path) -> None:
    import claimgraph
    from claimgraph.store import Store

    corpus = Path(claimgraph.__file__).resolve().parent / "example_corpus"
    db = tmp_path / "example.db"
    claimgraph.analyze([str(corpus)], db=str(db))
    with Store.open(str(db)) as store:
        claims = store.list_claims()
        verdicts = list(store.list_verdicts().values())
    rows = compare_with_gold(claims, verdicts)
    assert len(rows) == 6
    matched = [r for r in rows if r.claim_id]
    assert len({r.claim_id for r in matched}) == len(matched)
    # Smoke floors, not targets: the example corpus was written by this project and the claim rules
    # were tuned on it; held-out figures are in docs/benchmarks.md. With the rule-based stances it
    # gave 6/6 matched and 6/6 right; with model-first stances and the learned verdict model 6/6
    # matched, 1/6 right (the central claim, disputed): the verdict follows the stances it is given.
    assert len(matched) >= 4, [(r.gold_text, r.claim_id) for r in rows]
    assert sum(r.correct for r in rows) >= 1, [(r.gold_text, r.predicted) for r in rows]
    central = next(r for r in rows if r.gold_text.startswith("the US and Iran are cooperating"))
    assert central.correct, central


def test_verdicts_sources_without_outlet_are_named_and_counted() -> None:
    """Issue 12 item 13: outlet-less records were sources named `/abs/file.csv#3` with documents 0."""
    rows = [Document(f"d{n}", f"/home/someone/file.csv#{n}", "csv", "x" * 100, ()) for n in (3, 4)]
    stances = [own("d3", "/home/someone/file.csv#3", A), own("d4", "/home/someone/file.csv#4", A)]
    _, sources = judge([CLAIM], stances, [*rows, doc("d5", "Beta")])
    assert {s.name: s.documents for s in sources} == {"file.csv": 2, "Beta": 1}
