"""Cheap lexical features for headline–body stance: relatedness and evidence selection.

Pure Python + numpy so the training script (GPU machine) and inference (2-core CPU) compute
exactly the same thing. A `BodyView` is built once per body and reused for every headline
paired with it, which is where most of the speed comes from (`StanceModel` keeps the views of
recent bodies across calls: the corpus stage judges a body against one claim per call); a
`HeadView` likewise once per headline (a claim is paired with up to 200 documents). The
stemmer, stop words, sentence splitter and TF-IDF were measured against Snowball, spaCy and
scikit-learn (`benchmarks/libraries.py`); why each stays: docs/architecture.md, "Hand-written code
kept".
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from claimgraph import cue_words

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n|\n(?=[A-Z\"“])")

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves s t said says say according one two new""".split()
)
# Words whose presence tells a body disputes or hedges a claim; the cross-encoder sees them in
# context, these counts only feed the evidence ranking (a denial sentence is good evidence).
REFUTING = cue_words.words("evidence_refuting")

# BM25 constants: the usual Robertson defaults; not tuned.
BM25_K1 = 1.2
BM25_B = 0.75
# Body sentences taken as a "lead" (news bodies state the claim early): FNC-1 convention.
LEAD_SENTENCES = 3
# Character n-gram length for the fuzzy-overlap feature (catches "Iran"/"Iranian" etc.).
CHAR_NGRAM = 4
# Wordpiece tokens per whitespace word: 1.29 measured on 400 FNC-1 train bodies, MiniLM vocabulary.
WORDPIECES_PER_WORD = 1.3
# Evidence-ranking bonus for sentences that carry refuting cues, set by hand (not tuned): a denial
# often shares few words with the headline it denies, and must still reach the cross-encoder.
REFUTING_BONUS = 0.15
# Evidence-ranking bonus for the first sentence, set by hand (not tuned): the lead usually restates
# the headline's claim.
LEAD_BONUS = 0.1


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """Strip one common English suffix so that 'denies'/'denied'/'deny' share a key (cached: a
    news vocabulary repeats, and every overlap feature stems every word)."""
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith(("ies", "ied")):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("ed"):
        return word[:-2]
    if len(word) > 3 and word.endswith("es"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """Lower-cased word tokens, possessives folded."""
    return [w.removesuffix("'s") for w in _WORD.findall(text.lower().replace("’", "'"))]


def content_terms(text: str) -> list[str]:
    """Stemmed non-stopword tokens: the unit every overlap feature counts."""
    return terms_of(words(text))


def terms_of(ws: Iterable[str]) -> list[str]:
    """`content_terms` of a text already split by `words`."""
    return [stem(w) for w in ws if w not in STOPWORDS]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character (start, end) of each sentence of a body, whitespace trimmed, empty ones dropped.

    The regex split is fast and good enough for ranking evidence; the indices in
    `StancePrediction.evidence_sentence_indices` point into this list.
    """
    spans = []
    start = 0
    for match in [*_SENTENCE_END.finditer(text), None]:
        end = match.start() if match else len(text)
        piece = text[start:end]
        left = len(piece) - len(piece.lstrip())
        right = len(piece.rstrip())
        if right > left:
            spans.append((start + left, start + right))
        if match:
            start = match.end()
    return spans


def split_sentences(text: str) -> list[str]:
    """The sentences of `sentence_spans`, as strings."""
    return [text[a:b] for a, b in sentence_spans(text)]


def char_ngrams(terms: Iterable[str], n: int = CHAR_NGRAM) -> set[str]:
    """Character n-grams of each term (terms shorter than n count whole)."""
    grams: set[str] = set()
    for t in terms:
        if len(t) <= n:
            grams.add(t)
        else:
            grams.update(t[i : i + n] for i in range(len(t) - n + 1))
    return grams


@dataclass(frozen=True, slots=True)
class IdfTable:
    """Inverse document frequencies from the training bodies; unseen terms get the maximum."""

    idf: dict[str, float]
    default: float
    avg_body_len: float

    @classmethod
    def fit(cls, bodies: Iterable[str], min_df: int = 2) -> IdfTable:
        df: Counter[str] = Counter()
        n = 0
        total_len = 0
        for body in bodies:
            terms = content_terms(body)
            df.update(set(terms))
            total_len += len(terms)
            n += 1
        idf = {t: math.log((n + 1) / (c + 1)) + 1.0 for t, c in df.items() if c >= min_df}
        return cls(idf=idf, default=math.log(n + 1) + 1.0, avg_body_len=total_len / max(n, 1))

    def get(self, term: str) -> float:
        return self.idf.get(term, self.default)

    def save(self, path: Path) -> None:
        data = {"default": self.default, "avg_body_len": self.avg_body_len, "idf": self.idf}
        path.write_text(json.dumps(data, separators=(",", ":"), sort_keys=True), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> IdfTable:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(idf=data["idf"], default=data["default"], avg_body_len=data["avg_body_len"])


def _tfidf(terms: list[str], idf: IdfTable) -> tuple[dict[str, float], float]:
    counts = Counter(terms)
    vec = {t: (1.0 + math.log(c)) * idf.get(t) for t, c in counts.items()}
    return vec, math.sqrt(sum(v * v for v in vec.values())) or 1.0


@dataclass(frozen=True, slots=True)
class BodyView:
    """Everything about one body that the features need, computed once."""

    sentences: list[str]
    refuting: tuple[bool, ...]  # per sentence: carries a REFUTING cue (evidence ranking)
    sentence_vecs: list[tuple[dict[str, float], float]]
    sentence_sets: list[frozenset[str]]
    body_vec: tuple[dict[str, float], float]
    lead_vec: tuple[dict[str, float], float]
    term_counts: Counter[str]
    bigrams: frozenset[tuple[str, str]]
    grams: frozenset[str]
    n_terms: int
    n_words: int

    @classmethod
    def build(cls, body: str, idf: IdfTable) -> BodyView:
        sentences = split_sentences(body)
        sent_words = [words(s) for s in sentences]
        sent_terms = [terms_of(ws) for ws in sent_words]
        all_terms = [t for ts in sent_terms for t in ts]
        lead_terms = [t for ts in sent_terms[:LEAD_SENTENCES] for t in ts]
        bigrams = frozenset(b for ts in sent_terms for b in itertools.pairwise(ts))
        return cls(
            sentences=sentences,
            refuting=tuple(bool(REFUTING.intersection(ws)) for ws in sent_words),
            sentence_vecs=[_tfidf(ts, idf) for ts in sent_terms],
            sentence_sets=[frozenset(ts) for ts in sent_terms],
            body_vec=_tfidf(all_terms, idf),
            lead_vec=_tfidf(lead_terms, idf),
            term_counts=Counter(all_terms),
            bigrams=bigrams,
            grams=frozenset(char_ngrams(set(all_terms))),
            n_terms=len(all_terms),
            n_words=len(words(body)),
        )


def _cos(h: dict[str, float], h_norm: float, other: tuple[dict[str, float], float]) -> float:
    vec, norm = other
    return sum(w * vec.get(t, 0.0) for t, w in h.items()) / (h_norm * norm)


FEATURE_NAMES = (
    "cos_body",
    "cos_lead",
    "cos_best_sentence",
    "cos_top3_sentences",
    "idf_overlap",
    "overlap",
    "bigram_overlap",
    "char_overlap",
    "bm25",
    "best_sentence_idf_overlap",
    "log_head_terms",
    "log_body_terms",
)


@dataclass(frozen=True, slots=True)
class HeadView:
    """Everything about one headline that the features need, computed once: a claim is paired
    with the bodies of up to 200 documents (`StanceModel` keeps the views of recent headlines).
    The same values as computed per pair, in the same order (`uniq` is iterated for idf sums)."""

    terms: list[str]
    vec: dict[str, float]
    norm: float
    uniq: set[str]
    idf_total: float
    bigrams: set[tuple[str, str]]
    grams: set[str]

    @classmethod
    def build(cls, headline: str, idf: IdfTable) -> HeadView:
        terms = content_terms(headline)
        vec, norm = _tfidf(terms, idf)
        uniq = set(terms)
        return cls(
            terms=terms,
            vec=vec,
            norm=norm,
            uniq=uniq,
            idf_total=sum(idf.get(t) for t in uniq),
            bigrams=set(itertools.pairwise(terms)),
            grams=char_ngrams(uniq),
        )


def _head(headline: str | HeadView, idf: IdfTable) -> HeadView:
    return headline if isinstance(headline, HeadView) else HeadView.build(headline, idf)


def sentence_scores(head: HeadView, view: BodyView) -> list[float]:
    """TF-IDF cosine of the headline with each body sentence."""
    return [_cos(head.vec, head.norm, sv) for sv in view.sentence_vecs]


def pair_features(headline: str | HeadView, view: BodyView, idf: IdfTable) -> np.ndarray:
    """The relatedness feature vector of one (headline, body) pair, in FEATURE_NAMES order."""
    head = _head(headline, idf)
    head_terms = head.terms
    if not head_terms or view.n_terms == 0:
        return np.zeros(len(FEATURE_NAMES))
    h, h_norm = head.vec, head.norm
    sent = sorted((_cos(h, h_norm, sv) for sv in view.sentence_vecs), reverse=True) or [0.0]
    uniq = head.uniq
    idf_total = head.idf_total
    idf_hit = sum(idf.get(t) for t in uniq if t in view.term_counts)
    best_sent = max((sum(idf.get(t) for t in uniq if t in s) for s in view.sentence_sets), default=0.0)
    head_bigrams = head.bigrams
    head_grams = head.grams
    norm_len = BM25_K1 * (1 - BM25_B + BM25_B * view.n_terms / idf.avg_body_len)
    bm25 = sum(
        idf.get(t) * view.term_counts[t] * (BM25_K1 + 1) / (view.term_counts[t] + norm_len)
        for t in uniq
        if t in view.term_counts
    )
    return np.array(
        [
            _cos(h, h_norm, view.body_vec),
            _cos(h, h_norm, view.lead_vec),
            sent[0],
            sum(sent[:3]) / 3,
            idf_hit / idf_total,
            sum(t in view.term_counts for t in uniq) / len(uniq),
            len(head_bigrams & view.bigrams) / len(head_bigrams) if head_bigrams else 0.0,
            len(head_grams & view.grams) / len(head_grams),
            bm25 / (idf_total * (BM25_K1 + 1)),
            best_sent / idf_total,
            math.log1p(len(head_terms)),
            math.log1p(view.n_terms),
        ]
    )


def select_evidence(headline: str | HeadView, view: BodyView, idf: IdfTable, budget_words: int) -> list[int]:
    """Indices (in body order) of the body sentences most relevant to the headline.

    Ranked by TF-IDF cosine, with small bonuses for the lead sentence and for refuting cues, then
    taken greedily until the word budget (the cross-encoder's token window) is spent.
    """
    scores = sentence_scores(_head(headline, idf), view)
    for i, refuting in enumerate(view.refuting):
        if i == 0:
            scores[i] += LEAD_BONUS
        if refuting:
            scores[i] += REFUTING_BONUS
    chosen: list[int] = []
    used = 0
    for i in sorted(range(len(scores)), key=lambda k: -scores[k]):
        n = len(view.sentences[i].split())
        if chosen and used + n > budget_words:
            continue
        chosen.append(i)
        used += n
        if used >= budget_words:
            break
    return sorted(chosen)


def evidence_text(view: BodyView, indices: list[int]) -> str:
    """The selected sentences joined in body order: the cross-encoder's second segment."""
    return " ".join(view.sentences[i] for i in indices)


def budget_for(headline: str, max_tokens: int) -> int:
    """Words of evidence that fit the token window next to this headline."""
    head_tokens = len(words(headline)) * WORDPIECES_PER_WORD
    return max(8, int((max_tokens - 3 - head_tokens) / WORDPIECES_PER_WORD))
