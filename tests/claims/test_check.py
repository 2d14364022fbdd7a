"""`check`: retrieval from the passage index, stances per holder, verdict, history, bad input.

The stance and verdict models are fakes here (what they are asked is what is tested); the
shipped models are exercised by the slow CLI test and the benchmarks.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pytest

import claimgraph
from claimgraph.claims.check import check, tracked_id
from claimgraph.config import Config
from claimgraph.errors import ClaimgraphError
from claimgraph.settings import DEFAULT_SETTINGS, Settings, StanceSettings
from claimgraph.store import Store

ARTICLES = {
    "a.txt": (
        "2014-06-16",
        "Harbor Times",
        "Kerry talks\n\nThe United States and Iran are cooperating militarily against ISIS in Iraq, "
        "officials in Baghdad said.\n\nMarkets were calm.",
    ),
    "b.txt": (
        "2014-12-02",
        "Gulf Ledger",
        "Airstrikes\n\nIranian jets struck ISIS in Iraq while the United States watched, "
        "and Iran and the United States are cooperating militarily.",
    ),
    "c.txt": ("2014-07-01", "Farm Weekly", "Harvest\n\nWheat prices rose in Kansas after the rain."),
}


@dataclass
class Verdict:
    label: str
    confidence: float
    explanation: str
    probs: dict


class CountingVerdict:
    """Says corroborated when agree outnumbers disagree; records how many stances it was shown."""

    def __init__(self) -> None:
        self.seen: list[int] = []

    def predict(self, stances, settings=None, cache=None) -> Verdict:
        self.seen.append(len(stances))
        agree = sum(s["stance"] == "agree" for s in stances)
        label = "corroborated" if agree > len(stances) - agree else "disputed"
        return Verdict(label, 0.7, f"{agree} of {len(stances)} agree", {"true": 0.7})


@pytest.fixture
def corpus_db(tmp_path: Path) -> str:
    folder = tmp_path / "news"
    folder.mkdir()
    for name, (day, outlet, text) in ARTICLES.items():
        (folder / name).write_text(
            f"---\npublished: {day}\noutlet: {outlet}\n---\n{text}\n", encoding="utf-8"
        )
    db = str(tmp_path / "c.db")
    claimgraph.analyze([folder], db=db, config=Config(analyse_nlp=False))
    return db


CLAIM = "The United States and Iran are cooperating militarily in Iraq"


def test_check_judges_only_documents_that_talk_about_the_claim(
    corpus_db: str, fake_stance_model: type
) -> None:
    model = fake_stance_model("agree")
    result = check(CLAIM, db=corpus_db, stance_model=model, verdict_model=CountingVerdict())
    holders = sorted(s["holder"] for s in result.stances)
    assert holders == ["Gulf Ledger", "Harbor Times"]
    assert all("Wheat" not in body for _, body in model.pairs), "an unrelated article reached the model"
    assert result.verdict.label == "corroborated" and result.verdict.confidence == 0.7
    for s in result.stances:
        assert s["holder_kind"] == "source" and s["stance"] == "agree"
        ev = s["evidence"][0]
        with Store.open(corpus_db, create=False) as store:
            doc = store.get_document(s["doc_id"])
        assert doc.text[ev["start"] : ev["end"]] == ev["text"] and ev["voice"] == "own"
        assert ev["chain"] == [s["holder"]]


def test_check_json_shape(corpus_db: str, fake_stance_model: type) -> None:
    data = check(
        CLAIM, db=corpus_db, stance_model=fake_stance_model("agree"), verdict_model=CountingVerdict()
    )
    data = data.to_json()
    assert {"claim", "verdict", "stances", "history"} <= set(data)
    assert {"label", "confidence", "explanation"} <= set(data["verdict"])
    stance_keys = {"doc_id", "holder", "holder_kind", "stance", "score", "evidence", "statement_id"}
    assert all(stance_keys <= set(s) for s in data["stances"])


def test_check_history_and_as_of(corpus_db: str, fake_stance_model: type) -> None:
    verdict = CountingVerdict()
    full = check(CLAIM, db=corpus_db, stance_model=fake_stance_model("agree"), verdict_model=verdict)
    assert [(h["date"], h["agree"]) for h in full.history] == [("2014-06-16", 1), ("2014-12-02", 2)]
    june = check(
        CLAIM,
        db=corpus_db,
        as_of="2014-06-30",
        stance_model=fake_stance_model("agree"),
        verdict_model=verdict,
    )
    assert [s["holder"] for s in june.stances] == ["Harbor Times"] and june.as_of == "2014-06-30"


def test_check_track_keeps_the_claim_and_analyze_rejudges_it(
    corpus_db: str, tmp_path: Path, fake_stance_model: type
) -> None:
    from claimgraph.corpus import CorpusContext

    model = fake_stance_model("agree")
    check(CLAIM, db=corpus_db, track=True, stance_model=model, verdict_model=CountingVerdict())
    with Store.open(corpus_db, create=False) as store:
        [(claim_id, text, result)] = store.tracked_claims()
    assert claim_id == tracked_id(CLAIM.upper()) and text == CLAIM and len(result["stances"]) == 2
    more = tmp_path / "more"
    more.mkdir()
    (more / "d.txt").write_text(
        "Denial\n\nThe United States and Iran are not cooperating militarily in Iraq, the Pentagon said.\n"
    )
    summary = claimgraph.analyze(
        [more],
        db=corpus_db,
        config=Config(analyse_nlp=False),
        corpus=CorpusContext(stance_model=model, verdict_model=CountingVerdict()),
    )
    assert summary.tracked == 1
    with Store.open(corpus_db, create=False) as store:
        [(_, _, result)] = store.tracked_claims()
    assert len(result["stances"]) == 3, "the tracked claim was not judged again with the new document"


@pytest.mark.parametrize(
    "claim, problem",
    [("", "empty"), ("   \n ", "empty"), ("word " * 1000, "characters")],
)
def test_check_bad_claims_are_clear_errors(corpus_db: str, claim: str, problem: str) -> None:
    with pytest.raises(ClaimgraphError, match=problem):
        check(claim, db=corpus_db)


@pytest.mark.parametrize(
    "claim, reason",
    [
        ("Соединённые Штаты и Иран сотрудничают в Ираке", "not English"),
        ("Penguins elected a new mayor of Antarctica yesterday", "nothing in the store"),
        ("the and of", "no content words"),
    ],
)
def test_check_unverified_with_a_reason(
    corpus_db: str, claim: str, reason: str, fake_stance_model: type
) -> None:
    result = check(
        claim, db=corpus_db, stance_model=fake_stance_model("agree"), verdict_model=CountingVerdict()
    )
    assert result.verdict.label == "unverified" and reason in result.verdict.explanation
    assert result.stances == [], "a made-up stance"


def test_check_empty_store_is_unverified(db_path: str) -> None:
    Store.open(db_path).close()
    result = check(CLAIM, db=db_path, verdict_model=CountingVerdict())
    assert result.verdict.label == "unverified" and "no documents" in result.verdict.explanation


def test_check_missing_store_and_bad_date_are_clear_errors(corpus_db: str, tmp_path: Path) -> None:
    with pytest.raises(ClaimgraphError, match="no such file"):
        check(CLAIM, db=str(tmp_path / "nope.db"))
    with pytest.raises(ClaimgraphError, match="E019"):
        check(CLAIM, db=corpus_db, as_of="last summer")


def test_check_documents_cap_bounds_the_work(corpus_db: str, fake_stance_model: type) -> None:
    settings = Settings(stance=replace(DEFAULT_SETTINGS.stance, max_documents=1))
    assert isinstance(settings.stance, StanceSettings)
    model = fake_stance_model("agree")
    result = check(
        CLAIM, db=corpus_db, settings=settings, stance_model=model, verdict_model=CountingVerdict()
    )
    assert len(result.stances) == 1 and len(model.pairs) == 1
    # The user is told what the cap left out.
    assert result.matched == 2 and result.candidates == 1
    assert result.note and "1 more document" in result.note
    assert result.to_json()["matched"] == 2


def test_tracked_claims_are_exported_and_reported_first(corpus_db: str, fake_stance_model: type) -> None:
    from claimgraph.export.records import export_dict
    from claimgraph.report.page import render_report

    check(
        CLAIM,
        db=corpus_db,
        track=True,
        stance_model=fake_stance_model("agree"),
        verdict_model=CountingVerdict(),
    )
    with Store.open(corpus_db, create=False) as store:
        export = export_dict(store)
    [tracked] = export["tracked"]
    assert tracked["text"] == CLAIM and tracked["verdict"]["label"] == "corroborated"
    assert len(tracked["stances"]) == 2
    page = render_report(export)
    assert CLAIM in page and "Harbor Times" in page
