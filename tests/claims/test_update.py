"""Keeping stances up to date: each document is judged in a model call of its own."""

from __future__ import annotations

from collections.abc import Callable

from claimgraph.claims.update import Judge
from claimgraph.model import Claim, Document
from claimgraph.settings import DEFAULT_SETTINGS


class CountingModel:
    """Agrees with everything; records each call's pairs."""

    def __init__(self, fake: type) -> None:
        self.inner = fake("agree")
        self.calls: list[int] = []

    def predict(self, pairs: list[tuple[str, str]], checks: object = None) -> list[object]:
        self.calls.append(len(pairs))
        return self.inner.predict(pairs)


def test_each_document_is_judged_alone(nlp_doc: Callable[..., Document], fake_stance_model: type) -> None:
    a, b = nlp_doc(), nlp_doc("11bb22cc33dd44ee")
    claim = Claim(id="claim:x", text="There was military coordination between the Pentagon and Iran")
    model = CountingModel(fake_stance_model)
    judge = Judge(None, {}, {a.id: a, b.id: b}, DEFAULT_SETTINGS, lambda: model)  # type: ignore[arg-type]
    stances = judge.judge(claim, [b.id, a.id, "not-english-or-unknown"])
    assert judge.pairs == 2 and len(model.calls) == 2  # one call per document, unknown ids skipped
    assert [s.doc_id for s in stances] == sorted([a.id, a.id, b.id, b.id])  # own voice + WSJ each
    assert {s.claim_id for s in stances} == {"claim:x"}
