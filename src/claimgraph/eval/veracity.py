"""End-to-end veracity on Emergent rumours: analyse each claim's articles, check the claim, score.

For each claim of an Emergent-format CSV (../shared/data/emergent_veracity/README.md): its articles
go into a fresh store, each body its own source (outlet `body-<bodyId>`); `claimgraph.check` on the
claim's text gives the stances and the verdict. Scored:
- the verdict against `claimTruthiness` (corroborated -> true, denied -> false, every other label
  -> unknown): accuracy, macro-F1, confusion, expected calibration error of the confidence;
- each article's own-voice stance against `articleStance` (agree -> for, disagree -> against,
  discuss -> observing; empty gold skipped). An article `check` found no stance for (retrieval
  missed it, or the model called it unrelated) counts as `observing`: it reports the topic without
  a side the pipeline could see.
With `folds` > 1 the verdict is not the shipped model's (trained on this very file) but one
retrained per fold on the other claims' gathered stances (GroupKFold by claim). The NLP stage is off
unless asked for (`nlp=True`, `--nlp`): documents' own voices need only ingest and voices, and
quoted speakers cost ~20x the time (about two hours for the development file on 2 cores).
"""

from __future__ import annotations

import csv
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.verdicts.features import claim_features
from claimgraph.verdicts.model import CLASSES, VerdictModel, decide_class, fit, read_label

COLUMNS = ("claimId", "claimHeadline", "claimTruthiness", "bodyId", "articleStance", "articleBody")
STANCES = ("for", "against", "observing")
TO_GOLD_STANCE = {"agree": "for", "disagree": "against", "discuss": "observing"}
TO_CLASS = {"corroborated": "true", "denied": "false"}  # every other label reads as unknown
ECE_BINS = 10  # equal-width confidence bins, the usual choice (Guo et al. 2017)
DEFAULT_C = 0.3  # verdict model L2 strength: 5-fold CV by claim on train.csv, 0.03-1 tried (±0.01)


@dataclass(slots=True)
class EmergentClaim:
    """One claim of the file with its articles (body id, gold stance or '', text)."""

    claim_id: str
    text: str
    truth: str
    articles: list[tuple[str, str, str]] = field(default_factory=list)


def read_claims(path: str | Path, limit: int | None = None) -> list[EmergentClaim]:
    """Claims in file order (the first `limit` claims); bad files stop with E072 naming file and row."""
    path = Path(path)
    csv.field_size_limit(sys.maxsize)
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise ClaimgraphError(
                    Errors.E072, path=path, problem=f"missing column(s) {', '.join(missing)}"
                )
            claims: dict[str, EmergentClaim] = {}
            for row_no, row in enumerate(reader, start=2):
                claim = _claim_of(path, row_no, row, claims)
                stance = (row["articleStance"] or "").strip()
                if stance and stance not in STANCES:
                    raise ClaimgraphError(
                        Errors.E072,
                        path=path,
                        problem=f"row {row_no}: articleStance {stance!r} not in {STANCES}",
                    )
                claim.articles.append(((row["bodyId"] or "").strip(), stance, row["articleBody"] or ""))
    except FileNotFoundError:
        raise ClaimgraphError(Errors.E006, path=path) from None
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ClaimgraphError(Errors.E072, path=path, problem=f"cannot read it as CSV ({exc})") from None
    if not claims:
        raise ClaimgraphError(Errors.E072, path=path, problem="no claims in the file")
    return list(claims.values())[:limit] if limit else list(claims.values())


def _claim_of(
    path: Path, row_no: int, row: Mapping[str, str | None], claims: dict[str, EmergentClaim]
) -> EmergentClaim:
    claim_id, truth = (row["claimId"] or "").strip(), (row["claimTruthiness"] or "").strip()
    if not claim_id or None in row.values() or not (row["bodyId"] or "").strip():
        raise ClaimgraphError(
            Errors.E072, path=path, problem=f"row {row_no}: empty claimId/bodyId or too few fields"
        )
    if truth not in CLASSES:
        raise ClaimgraphError(
            Errors.E072, path=path, problem=f"row {row_no}: claimTruthiness {truth!r} not in {CLASSES}"
        )
    return claims.setdefault(claim_id, EmergentClaim(claim_id, (row["claimHeadline"] or "").strip(), truth))


def outlet_of(body_id: str) -> str:
    return f"body-{body_id}"


# --- gathering stances ---------------------------------------------------------------------


def model_stances(
    claims: Sequence[EmergentClaim], stance_model: Any, max_evidence: int = 4
) -> dict[str, list[dict]]:
    """The stance model alone on (claim, whole body), as check-style stance dicts (training data
    before `check` existed, and a reference the pipeline must not fall below)."""
    from claimgraph.claims.features import split_sentences

    pairs = [(c.text, body) for c in claims for _, _, body in c.articles]
    preds = iter(stance_model.predict(pairs))
    out: dict[str, list[dict]] = {}
    for claim in claims:
        out[claim.claim_id] = []
        for body_id, _, body in claim.articles:
            pred = next(preds)
            if pred.label not in TO_GOLD_STANCE:
                continue
            sentences = split_sentences(body)
            evidence = [
                {"text": sentences[i]}
                for i in pred.evidence_sentence_indices[:max_evidence]
                if i < len(sentences)
            ]
            out[claim.claim_id].append(
                {
                    "doc_id": outlet_of(body_id),
                    "holder": outlet_of(body_id),
                    "holder_kind": "source",
                    "stance": pred.label,
                    "score": pred.score,
                    "probs": pred.probs,
                    "evidence": evidence,
                    "outlet": outlet_of(body_id),
                }
            )
    return out


@dataclass(slots=True)
class ClaimResult:
    """What the pipeline made of one claim: its stance dicts, verdict and per-article stances."""

    claim: EmergentClaim
    stances: list[dict[str, Any]]
    label: str
    probs: dict[str, float]
    confidence: float
    article_stances: dict[str, str]  # body id -> agree / disagree / discuss


class Pipeline:
    """Analyse one claim's articles into a fresh in-memory store and check the claim; the spaCy
    pipeline, stance model and embedder are loaded once and shared by every claim."""

    def __init__(self, nlp: bool = True, verdict_model: VerdictModel | None = None) -> None:
        from claimgraph.claims.stance import StanceModel
        from claimgraph.config import Config
        from claimgraph.engine import make_engine
        from claimgraph.pipeline import document_stages

        self.config = Config(db=":memory:", analyse_nlp=nlp)
        self.engine = make_engine(document_stages(self.config), 1)
        self.stance_model = StanceModel.load()
        self.verdict_model = verdict_model or VerdictModel.load()
        self.embedder: Any = None

    def close(self) -> None:
        self.engine.close()

    def __call__(self, claim: EmergentClaim) -> ClaimResult:
        from claimgraph.claims.check import check
        from claimgraph.clean import clean
        from claimgraph.corpus import CorpusContext
        from claimgraph.model import RawDocument
        from claimgraph.pipeline import cleaned, run
        from claimgraph.store import Store

        raws = [
            RawDocument(uri=f"emergent:{outlet_of(b)}", format="text", text=body, outlet=outlet_of(b))
            for b, _, body in claim.articles
        ]
        context = CorpusContext(
            stance_model=self.stance_model, embedder=self.embedder, verdict_model=self.verdict_model
        )
        with Store.open(":memory:") as store:
            run(cleaned(raws, clean), store, self.config, engine=self.engine, corpus=context)
            self.embedder = context.embedder
            result = check(
                claim.text, db=store, stance_model=self.stance_model, verdict_model=self.verdict_model
            )
        return claim_result(
            claim, result.stances, result.verdict.label, result.verdict.probs, result.verdict.confidence
        )


def claim_result(
    claim: EmergentClaim,
    stances: list[dict[str, Any]],
    label: str,
    probs: Mapping[str, float],
    confidence: float,
) -> ClaimResult:
    """Per-article own-voice stances read off the stance dicts (duplicated bodies share one)."""
    found = {s.get("outlet") or s["holder"]: s["stance"] for s in stances if s["holder_kind"] == "source"}
    first_of_text: dict[str, str] = {}
    articles = {}
    for body_id, _, body in claim.articles:
        text = " ".join(body.split())
        first = first_of_text.setdefault(text, body_id) if text else body_id
        stance = found.get(outlet_of(body_id)) or found.get(outlet_of(first))
        if stance:
            articles[body_id] = stance
    return ClaimResult(claim, stances, label, dict(probs), confidence, articles)


# --- scoring --------------------------------------------------------------------------------


def expected_calibration_error(
    confidence: Sequence[float], correct: Sequence[bool], bins: int = ECE_BINS
) -> float:
    """Sum over equal-width confidence bins of |accuracy - mean confidence| x share of items."""
    conf, hit = np.asarray(confidence, dtype=float), np.asarray(correct, dtype=float)
    if not len(conf):
        return 0.0
    which = np.minimum((conf * bins).astype(int), bins - 1)
    return float(
        sum(
            abs(hit[which == b].mean() - conf[which == b].mean()) * (which == b).mean()
            for b in range(bins)
            if (which == b).any()
        )
    )


def reliability_bins(
    confidence: Sequence[float], correct: Sequence[bool], bins: int = ECE_BINS
) -> list[dict]:
    """Per non-empty bin: its range, item count, mean confidence and accuracy (the diagram's bars)."""
    conf, hit = np.asarray(confidence, dtype=float), np.asarray(correct, dtype=float)
    which = np.minimum((conf * bins).astype(int), bins - 1)
    return [
        {
            "low": b / bins,
            "high": (b + 1) / bins,
            "count": int((which == b).sum()),
            "confidence": round(float(conf[which == b].mean()), 4),
            "accuracy": round(float(hit[which == b].mean()), 4),
        }
        for b in range(bins)
        if (which == b).any()
    ]


def classification(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> dict[str, Any]:
    """Accuracy, macro-F1 over the `labels` that occur (in gold or predictions: a class absent
    from both has no F1), and the confusion matrix as {gold: {predicted: n}}."""
    from sklearn.metrics import accuracy_score, confusion_matrix, f1_score

    if not gold:
        return {"accuracy": 0.0, "macro_f1": 0.0, "confusion": {}}
    matrix = confusion_matrix(gold, pred, labels=list(labels))
    present = [label for label in labels if label in set(gold) | set(pred)]
    return {
        "accuracy": round(float(accuracy_score(gold, pred)), 4),
        "macro_f1": round(float(f1_score(gold, pred, labels=present, average="macro", zero_division=0)), 4),
        "confusion": {g: {p: int(matrix[i, j]) for j, p in enumerate(labels)} for i, g in enumerate(labels)},
    }


def out_of_fold(
    stances: Sequence[Sequence[Mapping[str, Any]]],
    truths: Sequence[str],
    groups: Sequence[str],
    folds: int,
    c: float = DEFAULT_C,
) -> np.ndarray:
    """P(true, false, unknown) per claim from models trained on the other folds (GroupKFold)."""
    from sklearn.model_selection import GroupKFold

    x = np.array([claim_features(s) for s in stances])
    probs = np.zeros((len(truths), len(CLASSES)))
    for tr, te in GroupKFold(folds).split(x, list(truths), list(groups)):
        model = fit(x[tr], [truths[i] for i in tr], [groups[i] for i in tr], c=c)
        probs[te] = model.probabilities(x[te])
    return probs


def refold(results: Sequence[ClaimResult], folds: int, c: float = DEFAULT_C) -> list[ClaimResult]:
    """The same results with verdicts from per-fold retrained models instead of the shipped one."""
    probs = out_of_fold(
        [r.stances for r in results],
        [r.claim.truth for r in results],
        [r.claim.claim_id for r in results],
        folds,
        c,
    )
    out = []
    for r, p in zip(results, probs, strict=True):
        k = CLASSES.index(decide_class(p, r.stances))
        label = read_label(CLASSES[k], r.stances) if r.stances else "unverified"
        named = {cls: float(v) for cls, v in zip(CLASSES, p, strict=True)}
        out.append(ClaimResult(r.claim, r.stances, label, named, float(p[k]), r.article_stances))
    return out


def score(results: Sequence[ClaimResult], seconds: float) -> dict[str, Any]:
    """The JSON `claimgraph eval veracity` prints."""
    gold = [r.claim.truth for r in results]
    pred = [TO_CLASS.get(r.label, "unknown") for r in results]
    conf = [
        r.probs.get(p, r.confidence) if r.probs else r.confidence for r, p in zip(results, pred, strict=True)
    ]
    verdict = classification(gold, pred, CLASSES)
    g_st, p_st = [], []
    for r in results:
        for body_id, stance, _ in r.claim.articles:
            if stance:
                g_st.append(stance)
                p_st.append(TO_GOLD_STANCE.get(r.article_stances.get(body_id, "discuss"), "observing"))
    stance_scores = classification(g_st, p_st, STANCES)
    articles = sum(len(r.claim.articles) for r in results)
    correct = [g == p for g, p in zip(gold, pred, strict=True)]
    return {
        "claims": len(results),
        "articles": articles,
        "verdict_accuracy": verdict["accuracy"],
        "verdict_macro_f1": verdict["macro_f1"],
        "verdict_confusion": verdict["confusion"],
        "stance_accuracy": stance_scores["accuracy"],
        "stance_macro_f1": stance_scores["macro_f1"],
        "stance_confusion": stance_scores["confusion"],
        "stance_articles_scored": len(g_st),
        "ece": round(expected_calibration_error(conf, correct), 4),
        "reliability": reliability_bins(conf, correct),
        "articles_per_second": round(articles / seconds, 3) if seconds > 0 else 0.0,
    }


def evaluate_veracity(
    csv_path: str | Path,
    folds: int = 0,
    limit: int | None = None,
    nlp: bool = True,
    progress: Callable[[int, int], None] | None = None,
    keep: list[ClaimResult] | None = None,
) -> dict[str, Any]:
    """Run the pipeline on every claim of the file and score it (module docstring); `keep`
    receives the per-claim results (to save the gathered stances for training)."""
    claims = read_claims(csv_path, limit)
    if folds and not 2 <= folds <= len(claims):
        raise ClaimgraphError(
            Errors.E072, path=csv_path, problem=f"--folds {folds} needs 2..{len(claims)} claims"
        )
    pipeline = Pipeline(nlp=nlp)
    results = []
    start = time.perf_counter()
    try:
        for done, claim in enumerate(claims):
            results.append(pipeline(claim))
            if progress is not None:
                progress(done + 1, len(claims))
    finally:
        pipeline.close()
    seconds = time.perf_counter() - start
    if keep is not None:
        keep.extend(results)
    scored = refold(results, folds) if folds else results
    out = score(scored, seconds)
    out["verdict_model"] = f"retrained per fold ({folds}-fold GroupKFold by claim)" if folds else "shipped"
    out["nlp"] = nlp
    return out


def stances_json(results: Sequence[ClaimResult]) -> dict[str, list[dict[str, Any]]]:
    """claim id -> stance dicts: what training/train_verdict.py --stances reads."""
    by_claim: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in results:
        by_claim[r.claim.claim_id].extend(r.stances)
    return dict(by_claim)
