"""Main-text extraction score on the article-extraction-benchmark format.

Metric as the benchmark's README describes it (code not copied): 4-token shingles over
`\\w+` tokens, per-page TP/FP/FN normalised to sum 1, mean precision and mean recall over
pages, F1 of the two means. claimgraph is scored on the text the page says in its own
voice, and on its main text (own and quoted voices: all but boilerplate and comments);
trafilatura alone (default `extract`, which keeps comments, and without comments) is scored on
the same pages in the same run.

Tuning on the pages one reports on flatters the rules, so `benchmarks/extraction_split.json`
fixes a tuning part and a held-out part (`make_split`, seed `SPLIT_SEED`); report both.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import trafilatura

from claimgraph.model import Document, IngestError, RawDocument, Voice

SHINGLE_SIZE = 4  # the benchmark's shingle length
SPLIT_SEED = 20240601  # the shared data's split seed, reused for the tuning/held-out split
HELD_OUT_SHARE = 0.5  # half the pages are never looked at while tuning the voice rules
SPLIT_PARTS = ("tune", "held-out")

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


@lru_cache(maxsize=2)
def _cleaned(html: str) -> Document | None:
    """One cleaning per page, shared by the own-voice and main-text scores."""
    from claimgraph.clean import clean  # the eval sits on top of cleaning, not inside it

    result = clean(RawDocument(uri="page.html", format="html", html=html))
    return None if isinstance(result, IngestError) else result


def own_voice_text(html: str) -> str:
    """claimgraph's reading of a page: the text of its `own` segments."""
    doc = _cleaned(html)
    return doc.voice_text(Voice.OWN) if doc is not None else ""


def main_text(html: str) -> str:
    """The article as claimgraph sees it: own and quoted voices, without boilerplate and comments."""
    doc = _cleaned(html)
    if doc is None:
        return ""
    return "\n".join(doc.segment_text(s) for s in doc.segments if s.voice in (Voice.OWN, Voice.QUOTED))


def trafilatura_text(html: str) -> str:
    """The baseline: trafilatura alone, default settings (comments included)."""
    return trafilatura.extract(html) or ""


def trafilatura_no_comments(html: str) -> str:
    """trafilatura alone without comments: the fairer baseline on pages with a comment thread."""
    return trafilatura.extract(html, include_comments=False) or ""


def make_split(page_ids: Iterable[str], seed: int = SPLIT_SEED) -> dict[str, list[str]]:
    """Sorted ids shuffled by `seed`: the first half tunes, the rest is held out."""
    ids = sorted(page_ids)
    random.Random(seed).shuffle(ids)
    cut = len(ids) - round(len(ids) * HELD_OUT_SHARE)
    return {"tune": sorted(ids[:cut]), "held-out": sorted(ids[cut:])}


def read_split(path: str | Path, part: str) -> set[str]:
    """The page ids of one part of a split file; ValueError names what is wrong."""
    if part not in SPLIT_PARTS:
        raise ValueError(f"unknown part {part!r}; choose one of {', '.join(SPLIT_PARTS)}")
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"cannot read split file: {error}") from error
    ids = data.get(part) if isinstance(data, dict) else None
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise ValueError(f"split file has no list of page ids under {part!r}")
    return set(ids)


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


DEFAULT_OTHERS: dict[str, Extractor] = {"main": main_text, "trafilatura_no_comments": trafilatura_no_comments}


def evaluate_extraction(
    html_dir: str | Path,
    truth_file: str | Path,
    extractor: Extractor = own_voice_text,
    baseline: Extractor = trafilatura_text,
    *,
    pages: Collection[str] | None = None,
    others: dict[str, Extractor] | None = None,
) -> dict[str, float | int]:
    """Score claimgraph's own voice and trafilatura on the same pages in one run.

    Returns `f1, precision, recall, pages, trafilatura_f1` (plus trafilatura's precision
    and recall) and `<name>_f1, _precision, _recall` for each of `others` (default: claimgraph's
    main text and trafilatura without comments), ready for `json.dumps`. `pages` limits the
    run to those page ids (one part of a split).
    """
    extra = DEFAULT_OTHERS if others is None else others
    scores: dict[str, list[PageScore]] = {"": [], "trafilatura": [], **{name: [] for name in extra}}
    for page_id, html, body in iter_pages(Path(html_dir), Path(truth_file)):
        if pages is not None and page_id not in pages:
            continue
        scores[""].append(score_page(extractor(html), body))
        scores["trafilatura"].append(score_page(baseline(html), body))
        for name, other in extra.items():
            scores[name].append(score_page(other(html), body))
    result: dict[str, float | int] = dict(aggregate(scores.pop("")))
    result["pages"] = len(scores["trafilatura"])
    for name, found in scores.items():
        for key, value in aggregate(found).items():
            result[f"{name}_{key}"] = value
    return result
