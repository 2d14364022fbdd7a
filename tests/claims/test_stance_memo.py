"""The cross-encoder memo (claims/stance.py `MEMO_SIZE`): an input seen before is answered from
the memo, to the last bit, and the model is not called again; threads share it safely. And the
other work done once per claim or per text instead of per pair (a claim's fitted headline, a
body's cue counts for the stance layers)."""

from __future__ import annotations

import shutil
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import claimgraph
from claimgraph.claims import stance_layers
from claimgraph.claims.stance import MEMO_SIZE, StanceModel
from claimgraph.claims.stance_layers import body_features, statement_features
from claimgraph.corpus import CorpusContext
from tests.claims.stance_texts import AGREE, CLAIM, DISAGREE

EXAMPLE_CORPUS = Path(claimgraph.__file__).parent / "example_corpus"

OTHER_CLAIM = "The State Department denied any military cooperation with Iran"
AGREEING = {"agree": 0.6, "disagree": 0.1, "discuss": 0.1, "unrelated": 0.2}


class SessionCalls:
    """Counts the pairs the cross-encoder's ONNX session is run on."""

    def __init__(self, model: StanceModel) -> None:
        self.pairs = 0
        self._run = model.model.run
        model.model.run = self  # type: ignore[method-assign]

    def __call__(self, texts: Any) -> Any:
        self.pairs += len(texts)
        return self._run(texts)


@pytest.fixture(scope="module")
def loaded() -> StanceModel:
    return StanceModel.load()


@pytest.fixture
def model(loaded: StanceModel) -> StanceModel:
    loaded.cross_encoder.cache_clear()
    return loaded


def _exact(prediction: Any) -> tuple[Any, ...]:
    """Everything a prediction says, floats as their repr (the last bit counts)."""
    probs = tuple((k, repr(v)) for k, v in sorted(prediction.probs.items()))
    return prediction.label, repr(prediction.score), probs, prediction.evidence_sentence_indices


def test_a_repeated_pair_does_not_call_the_session_again(model: StanceModel) -> None:
    calls = SessionCalls(model)
    (first,) = model.predict([(CLAIM, AGREE)])
    assert calls.pairs == 1
    (again,) = model.predict([(CLAIM, AGREE)])
    assert calls.pairs == 1  # answered from the memo
    assert _exact(again) == _exact(first)
    info = model.cross_encoder.cache_info()
    assert (info.hits, info.misses) == (1, 1)


def test_the_memo_keys_on_the_headline_and_the_evidence(model: StanceModel) -> None:
    calls = SessionCalls(model)
    model.predict([(CLAIM, AGREE), (CLAIM, DISAGREE), (OTHER_CLAIM, DISAGREE)])
    assert calls.pairs == 3  # a body under another headline, another body: new inputs
    model.predict([(OTHER_CLAIM, DISAGREE), (CLAIM, DISAGREE), (CLAIM, AGREE)])
    assert calls.pairs == 3


def test_memo_answers_equal_fresh_answers() -> None:
    pairs = [(CLAIM, AGREE), (CLAIM, DISAGREE), (OTHER_CLAIM, DISAGREE)] * 2
    memo, fresh = StanceModel.load(), StanceModel.load(memo_size=0)
    fresh_calls, memo_calls = SessionCalls(fresh), SessionCalls(memo)
    with_memo = [_exact(p) for pair in pairs for p in memo.predict([pair])]
    without = [_exact(p) for pair in pairs for p in fresh.predict([pair])]
    assert with_memo == without
    assert (memo_calls.pairs, fresh_calls.pairs) == (3, 6)


def test_the_memo_is_bounded() -> None:
    small = StanceModel.load(memo_size=1)
    calls = SessionCalls(small)
    small.predict([(CLAIM, AGREE)])
    small.predict([(CLAIM, DISAGREE)])  # evicts the first
    small.predict([(CLAIM, AGREE)])
    assert calls.pairs == 3 and small.cross_encoder.cache_info().currsize == 1


def test_threads_share_the_memo_and_get_the_serial_answers(model: StanceModel) -> None:
    pairs = [(CLAIM, AGREE), (CLAIM, DISAGREE), (OTHER_CLAIM, DISAGREE)] * 8
    serial = [_exact(p) for pair in pairs for p in model.predict([pair])]
    model.cross_encoder.cache_clear()
    calls = SessionCalls(model)
    with ThreadPoolExecutor(4) as pool:
        threaded = [_exact(p) for found in pool.map(lambda pair: model.predict([pair]), pairs) for p in found]
    assert threaded == serial
    assert 3 <= calls.pairs < len(pairs)  # two threads may miss one input at once, never all


def test_a_claims_headline_side_is_worked_out_once(
    model: StanceModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    fitted: list[str] = []
    tokenize = model._fitted
    monkeypatch.setattr(model, "_fitted", lambda headline: fitted.append(headline) or tokenize(headline))
    model.headline.cache_clear()
    predictions = model.predict([(CLAIM, AGREE), (CLAIM, DISAGREE)])  # two related pairs, one headline
    assert all(p.reason is None and p.label != "unrelated" for p in predictions)
    assert fitted == [CLAIM]


def test_a_bodys_cue_counts_are_counted_once_whatever_the_claim() -> None:
    stance_layers._body_counts.cache_clear()
    first = body_features(CLAIM, DISAGREE, AGREEING)
    other = body_features(OTHER_CLAIM, DISAGREE, AGREEING)
    assert stance_layers._body_counts.cache_info().hits == 1
    assert first[4:10] == other[4:10]  # the text's counts; the claim's refuting flag is its own
    stance_layers._statement_counts.cache_clear()
    statement_features(CLAIM, "We are not coordinating with Iran.", AGREEING)
    statement_features(OTHER_CLAIM, "We are not coordinating with Iran.", AGREEING)
    assert stance_layers._statement_counts.cache_info().hits == 1


def _rebuilt_stances(db: Path, memo_size: int) -> tuple[list[Any], Any]:
    """The stances table after a rebuild of `db` with a model of this memo size, and its memo."""
    model = StanceModel.load(memo_size=memo_size)
    claimgraph.analyze([], db=db, corpus=CorpusContext(stance_model=model), rebuild=True)
    with sqlite3.connect(db) as con:
        rows = con.execute("SELECT * FROM stances ORDER BY claim_id, ordinal").fetchall()
    return rows, model.cross_encoder.cache_info()


def test_a_rebuild_stores_the_same_stances_with_and_without_the_memo(tmp_path: Path) -> None:
    db = tmp_path / "example.db"
    summary = claimgraph.analyze([EXAMPLE_CORPUS], db=db, corpus=CorpusContext())
    assert not summary.errors
    shutil.copy(db, tmp_path / "copy.db")
    with_memo, info = _rebuilt_stances(db, MEMO_SIZE)
    without, off = _rebuilt_stances(tmp_path / "copy.db", 0)
    assert info.hits > 0 and off.hits == 0  # the example corpus repeats inputs (40 of 304)
    assert off.misses == info.hits + info.misses  # every hit is a model call saved
    assert with_memo and with_memo == without
