"""Headline/claim–body stance (FNC-1 labels) with the model shipped in `claimgraph/models/stance/`.

Two stages, so the expensive one runs only where it matters:
1. related vs unrelated from cheap lexical features (`stance_relatedness`, numpy);
2. agree / disagree / discuss from a MiniLM cross-encoder fine-tuned on FNC-1 (int8 ONNX,
   onnxruntime + tokenizers: no torch at inference) over the headline and the body sentences most
   relevant to it (`features.select_evidence`).
Training: `training/train_stance.py`; scores: `docs/stance.md`.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from claimgraph import onnx_runtime
from claimgraph.claims.features import (
    STOPWORDS,
    BodyView,
    HeadView,
    IdfTable,
    budget_for,
    content_terms,
    evidence_text,
    pair_features,
    select_evidence,
    words,
)
from claimgraph.claims.stance_relatedness import RelatednessModel
from claimgraph.settings import StanceSettings

LABELS = ("agree", "disagree", "discuss", "unrelated")
MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "stance"
DEFAULT_STANCE = StanceSettings()
MODEL_FILES = ("config.json", "idf.json", "stage1.json", onnx_runtime.TOKENIZER_FILE, onnx_runtime.MODEL_FILE)
# Pairs per ONNX call: one. The int8 graph quantizes activations with one scale per call, so a
# pair's probabilities moved by up to 0.23 with its batch mates (64 FNC-1 pairs, batches of 32 vs
# 8 vs 1): a document's stance would change when unrelated documents join the store. Alone, each
# pair always gets the same answer, at the same CPU time (1.40 s vs 1.52 s for the 64 pairs).
BATCH_SIZE = 1

# Bodies whose prepared side (`BodyView`, input-check counts) is kept, most recently used first.
# The corpus stage judges a document against every claim it may hold, one claim at a time, and the
# same body was rebuilt for each. A `BodyView` of an FNC-1 body (2.2k characters on average) takes
# about 100 KB, so the views stay under ~100 MB a model (more for longer bodies); the counts under
# ~1 MB plus the body strings they are keyed by, which the caller already holds. 1,024 holds the
# bodies of a 300-document rebuild (1,044); hits fall off steeply once the sweep over claims
# outgrows the cache (docs/benchmarks.md, "Stance step CPU per pair").
BODY_CACHE_SIZE = 1024

# Cross-encoder answers kept, keyed by its exact input (the fitted headline, the evidence text),
# most recently used first. One pair per call (BATCH_SIZE) makes the answer a function of that
# input alone, so a kept answer is the one a new call would give, to the last bit. Inputs recur:
# a claim's candidate documents share sentences (wire copy, quotes; generated documents reuse
# real sentences), so the same evidence is chosen for the same claim in several documents: 25% of
# a 1,000-document generated rebuild's inputs, 23% at 3,000 (docs/benchmarks.md, "Cross-encoder
# memo"). A rebuild judges claim by claim, so repeats come close together: an LRU of 256 entries
# kept every one of them at both sizes, 64 kept 98%. 4,096 also keeps the last few `check`s of a
# long-lived process (a web server). An entry is ~1.1 KB (the evidence string, 714 bytes on
# average, the key, a 3-float array, the LRU's links): ~4.5 MB a model when full.
MEMO_SIZE = 4096
# Headlines whose fitted form (`_fitted`: one tokenizer pass) is kept: a claim is paired with up
# to 200 documents and their holders, one stance-model call per document.
HEADLINE_CACHE_SIZE = 1024

# Wordpieces of the cross-encoder's window always left to the evidence. The window truncates the
# evidence only ("only_second"), so a claim of 126+ wordpieces did not fit at all: the tokenizer
# raised and stopped the run (a 10,000-document generated corpus had one). Such a claim is cut to
# the window less this. Nothing measured changes: FNC-1 train headlines have at most 80 wordpieces,
# ARC claims 15 (`models/stance/config.json`: a window of 128).
MIN_EVIDENCE_TOKENS = 16
SPECIAL_TOKENS = 3  # [CLS] claim [SEP] evidence [SEP]

NOT_ENOUGH_TEXT = "not enough text"
NOT_ENGLISH = "not English text"


@dataclass(frozen=True, slots=True)
class StancePrediction:
    """The stance of a body towards a headline/claim.

    `probs` covers all four labels; `evidence_sentence_indices` index the body's sentences as
    `claimgraph.claims.features.split_sentences` splits them; `reason` explains a forced
    `unrelated` (bad input) and is None for a model decision.
    """

    label: str
    score: float
    probs: dict[str, float]
    evidence_sentence_indices: tuple[int, ...] = ()
    reason: str | None = None
    related_probability: float = field(default=0.0)


_ASCII_LETTERS = re.compile(r"[A-Za-z]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _ascii_letter_ratio(text: str) -> float:
    """Share of letters that are ASCII; 1.0 for a text without letters (judged as too short)."""
    ascii_letters = sum(len(run) for run in _ASCII_LETTERS.findall(text))
    other = sum(1 for c in _NON_ASCII.findall(text) if c.isalpha())
    return ascii_letters / (ascii_letters + other) if ascii_letters + other else 1.0


@dataclass(frozen=True, slots=True)
class _BodyCounts:
    """What the input checks need from a body, whatever the headline and thresholds."""

    ascii_letter_ratio: float
    n_words: int
    n_stopwords: int


@functools.lru_cache(maxsize=BODY_CACHE_SIZE)
def _body_counts(body: str) -> _BodyCounts:
    body_words = words(body)
    n_stop = sum(w in STOPWORDS for w in body_words)
    return _BodyCounts(_ascii_letter_ratio(body), len(body_words), n_stop)


@functools.lru_cache(maxsize=HEADLINE_CACHE_SIZE)
def _headline_counts(headline: str) -> tuple[float, bool]:
    """What the input checks need from a headline: its ASCII letter share, whether it has a
    content term (a claim's headline is checked against every body it is paired with)."""
    return _ascii_letter_ratio(headline), bool(content_terms(headline))


def input_problem(headline: str, body: str, checks: StanceSettings = DEFAULT_STANCE) -> str | None:
    """Why a pair cannot be judged (empty, too short, not English), or None when it can.

    The English check is a stop-word share, not the language-ID package (`claimgraph.language`):
    on FNC-1 train and ARC bodies both reject the same 4 of 6,131 bodies, and py3langid costs
    10-20 ms a body, a second per `check` of 100 candidates (docs/claims.md). The body's counts are
    cached (`BODY_CACHE_SIZE`): the corpus stage checks one body against many claims."""
    counts = _body_counts(body)
    head_ratio, head_terms = _headline_counts(headline)
    if min(head_ratio, counts.ascii_letter_ratio) < checks.min_ascii_letter_ratio:
        return NOT_ENGLISH
    if (
        not head_terms
        or counts.n_words < checks.min_body_words
        or counts.n_stopwords == counts.n_words  # no content term, without stemming them all
    ):
        return NOT_ENOUGH_TEXT
    if (
        counts.n_words >= checks.english_check_min_words
        and counts.n_stopwords / counts.n_words < checks.min_english_stopword_ratio
    ):
        return NOT_ENGLISH
    return None


def _forced_unrelated(reason: str) -> StancePrediction:
    probs = {label: 0.0 for label in LABELS}
    probs["unrelated"] = 1.0
    return StancePrediction("unrelated", 1.0, probs, (), reason, 0.0)


@dataclass(frozen=True, slots=True)
class _Headline:
    """A claim's side of every pair it is in, worked out once per headline: its features' view,
    its evidence budget, and the headline as the cross-encoder reads it (`StanceModel._fitted`)."""

    view: HeadView
    budget: int
    fitted: str


class StanceModel:
    """The shipped two-stage stance classifier; load once, call `predict` on batches of pairs."""

    def __init__(
        self, model_dir: Path, threads: int = onnx_runtime.DEFAULT_THREADS, memo_size: int = MEMO_SIZE
    ) -> None:
        config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        self.stance_labels: tuple[str, ...] = tuple(config["labels"])
        self.max_tokens: int = int(config["max_tokens"])
        self.idf = IdfTable.load(model_dir / "idf.json")
        self.relatedness = RelatednessModel.load(model_dir / "stage1.json")
        self.threads = threads
        # The body side of the features, built once per body (see BODY_CACHE_SIZE).
        self.body_view = functools.lru_cache(maxsize=BODY_CACHE_SIZE)(self._build_view)
        # The cross-encoder's answer per exact input (see MEMO_SIZE; 0 turns it off). lru_cache
        # is thread-safe (`analyze --workers N` judges on threads): two threads missing the same
        # input at once both call the model and get the same answer.
        self.cross_encoder = functools.lru_cache(maxsize=memo_size)(self._classify_pair)
        # A claim's headline side, the same for every pair it is in (`_Headline`).
        self.headline = functools.lru_cache(maxsize=HEADLINE_CACHE_SIZE)(self._headline)
        self.model = onnx_runtime.OnnxTextModel(model_dir, self.max_tokens, threads, truncation="only_second")
        # the same wordpieces, untruncated and unpadded: to measure a headline alone (`_fitted`)
        self.wordpieces = type(self.model.tokenizer).from_str(self.model.tokenizer.to_str())
        self.wordpieces.no_truncation()
        self.wordpieces.no_padding()

    @classmethod
    def load(
        cls, model_dir: str | Path | None = None, threads: int | None = None, memo_size: int = MEMO_SIZE
    ) -> StanceModel:
        """Load the shipped model (or one exported to `model_dir` by training/train_stance.py)."""
        path = Path(model_dir) if model_dir else MODEL_DIR
        onnx_runtime.require_files(path, MODEL_FILES, "stance")
        return cls(path, threads or onnx_runtime.default_threads(), memo_size)

    def predict(
        self,
        pairs: Sequence[tuple[str, str]],
        batch_size: int = BATCH_SIZE,
        checks: StanceSettings = DEFAULT_STANCE,
    ) -> list[StancePrediction]:
        """Stance of each body towards its headline, in input order; `checks`: the input checks'
        thresholds (a pair that fails one is unrelated, with the reason)."""
        results: list[StancePrediction | None] = [None] * len(pairs)
        views: dict[str, BodyView] = {}  # this call's bodies, whatever the cache evicts meanwhile
        related: list[tuple[int, float, list[int], str]] = []
        feats, judged = [], []
        for k, (headline, body) in enumerate(pairs):
            problem = input_problem(headline or "", body or "", checks)
            if problem:
                results[k] = _forced_unrelated(problem)
                continue
            view = views.get(body) or views.setdefault(body, self.body_view(body))
            feats.append(pair_features(self.headline(headline).view, view, self.idf))
            judged.append(k)
        p_related = self.relatedness.probability(np.array(feats)) if feats else np.zeros(0)
        for k, p in zip(judged, p_related, strict=True):
            headline, body = pairs[k]
            if p < self.relatedness.threshold:
                probs = {label: float(p) / 3 for label in self.stance_labels}
                probs["unrelated"] = 1.0 - float(p)
                results[k] = StancePrediction("unrelated", probs["unrelated"], probs, (), None, float(p))
                continue
            view, head = views[body], self.headline(headline)
            chosen = select_evidence(head.view, view, self.idf, head.budget)
            related.append((k, float(p), chosen, evidence_text(view, chosen)))
        related.sort(key=lambda r: len(r[3]))
        for start in range(0, len(related), batch_size):
            batch = related[start : start + batch_size]
            inputs = [(self.headline(pairs[k][0]).fitted, text) for k, _, _, text in batch]
            probs3 = [self.cross_encoder(*inputs[0])] if batch_size == 1 else self._classify(inputs)
            for (k, p, chosen, _), q in zip(batch, probs3, strict=True):
                probs = {label: p * float(v) for label, v in zip(self.stance_labels, q, strict=True)}
                probs["unrelated"] = 1.0 - p
                label = self.stance_labels[int(np.argmax(q))]
                results[k] = StancePrediction(label, probs[label], probs, tuple(chosen), None, p)
        return [r for r in results if r is not None]

    def _fitted(self, headline: str) -> str:
        """The headline, cut at a wordpiece boundary if it would leave the evidence under
        `MIN_EVIDENCE_TOKENS` of the window (as it stands otherwise: the common case)."""
        limit = self.max_tokens - SPECIAL_TOKENS - MIN_EVIDENCE_TOKENS
        encoding = self.wordpieces.encode(headline, add_special_tokens=False)
        if len(encoding.ids) <= limit:
            return headline
        return headline[: encoding.offsets[limit - 1][1]]

    def _build_view(self, body: str) -> BodyView:
        return BodyView.build(body, self.idf)

    def _headline(self, headline: str) -> _Headline:
        return _Headline(
            HeadView.build(headline, self.idf), budget_for(headline, self.max_tokens), self._fitted(headline)
        )

    def _classify_pair(self, headline: str, evidence: str) -> np.ndarray:
        """One pair alone (the memo's miss): its answer depends on nothing else."""
        row = self._classify([(headline, evidence)])[0]
        row.flags.writeable = False  # shared by every later hit
        return row

    def _classify(self, texts: list[tuple[str, str]]) -> np.ndarray:
        """Softmax over agree/disagree/discuss from the cross-encoder."""
        logits = self.model.run(texts)
        exp = np.exp(logits - logits.max(axis=1, keepdims=True))
        return exp / exp.sum(axis=1, keepdims=True)
