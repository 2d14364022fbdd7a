"""Main-text extraction score on the article-extraction-benchmark format.

Metric as the benchmark's README describes it (code not copied): 4-token shingles over
`\\w+` tokens, per-page TP/FP/FN normalised to sum 1, mean precision and mean recall over
pages, F1 of the two means. claimgraph is scored on the text the page says in its own
voice; trafilatura alone (default `extract`) is scored on the same pages in the same run.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from claimgraph.model import Document, IngestError, RawDocument, Voice

SHINGLE_SIZE = 4  # the benchmark's shingle length

_TOKEN = re.compile(r"\w+")

Extractor = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class PageScore:
    """One page's normalised counts; `None` where the page gives no precision/recall."""

    precision: float | None
    recall: float | None


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """Multiset of 4-token shingles; a text shorter than 4 tokens gives one shorter shingle."""
    tokens = _TOKEN.findall(text)
    if len(tokens) < SHINGLE_SIZE:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + SHINGLE_SIZE]) for i in range(len(tokens) - SHINGLE_SIZE + 1))


def score_page(predicted: str, truth: str) -> PageScore:
    """Precision and recall of one page over shingle multisets (TP/FP/FN normalised)."""
    pred, gold = shingles(predicted), shingles(truth)
    tp = sum((pred & gold).values())
    fp = sum(pred.values()) - tp
    fn = sum(gold.values()) - tp
    if fp == fn == 0:
        return PageScore(1.0, 1.0)
    total = tp + fp + fn
    tp_n, fp_n, fn_n = tp / total, fp / total, fn / total
    precision = tp_n / (tp_n + fp_n) if tp_n + fp_n > 0 else None
    recall = tp_n / (tp_n + fn_n) if tp_n + fn_n > 0 else None
    return PageScore(precision, recall)


def aggregate(scores: list[PageScore]) -> dict[str, float]:
    """Mean precision, mean recall and their harmonic mean."""
    precisions = [s.precision for s in scores if s.precision is not None]
    recalls = [s.recall for s in scores if s.recall is not None]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": f1, "precision": precision, "recall": recall}


def own_voice_text(html: str, uri: str = "page.html") -> str:
    """claimgraph's reading of a page: the text of its `own` segments."""
    from claimgraph.clean import clean  # the eval sits on top of cleaning, not inside it

    result = clean(RawDocument(uri=uri, format="html", html=html))
    if isinstance(result, IngestError):
        return ""
    assert isinstance(result, Document)
    return result.voice_text(Voice.OWN)


def trafilatura_text(html: str) -> str:
    """The baseline: trafilatura alone, default settings."""
    return trafilatura.extract(html) or ""


def iter_pages(html_dir: Path, truth_file: Path) -> Iterator[tuple[str, str, str]]:
    """(page id, html, ground-truth body) for every page present in both."""
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    for page_id in sorted(truth):
        path = html_dir / f"{page_id}.html.gz"
        if not path.exists():
            path = html_dir / f"{page_id}.html"
            if not path.exists():
                continue
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        yield page_id, raw.decode("utf-8", errors="replace"), truth[page_id]["articleBody"]


def evaluate_extraction(
    html_dir: str | Path,
    truth_file: str | Path,
    extractor: Extractor = own_voice_text,
    baseline: Extractor = trafilatura_text,
) -> dict[str, float | int]:
    """Score claimgraph's own voice and trafilatura on the same pages in one run.

    Returns `f1, precision, recall, pages, trafilatura_f1` (plus trafilatura's precision
    and recall), ready for `json.dumps`.
    """
    ours: list[PageScore] = []
    theirs: list[PageScore] = []
    for _page_id, html, body in iter_pages(Path(html_dir), Path(truth_file)):
        ours.append(score_page(extractor(html), body))
        theirs.append(score_page(baseline(html), body))
    result: dict[str, float | int] = dict(aggregate(ours))
    base = aggregate(theirs)
    result["pages"] = len(ours)
    result["trafilatura_f1"] = base["f1"]
    result["trafilatura_precision"] = base["precision"]
    result["trafilatura_recall"] = base["recall"]
    return result
