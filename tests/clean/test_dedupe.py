"""Near-duplicate grouping: calibrated on copies vs different articles, deterministic, persistent."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from claimgraph.clean.dedupe import (
    NEAR_DUPLICATE_THRESHOLD,
    NearDuplicateIndex,
    dedupe_text,
    jaccard,
    shingles,
    signature,
)
from claimgraph.model import Document, Segment, Voice
from claimgraph.store import Store

DATA = Path(__file__).resolve().parents[1] / "data" / "dedupe"
ARTICLES = {p.stem: p.read_text(encoding="utf-8") for p in sorted(DATA.glob("article_*.txt"))}
A = ARTICLES["article_a"]
LINES = A.splitlines()
HEADLINE = "Iran bombs Islamic State in Diyala, US officials say"
CHROME = "Share this article\nLog in with Twitter\nMore news from Diyala\nComments are currently closed\n"
EDIT = (
    "had not shared intelligence with Iranian commanders",
    "was not sharing any intelligence with Iran's military",
)

# Syndicated copies of article A, as outlets republish them.
COPIES = {
    "new_headline": "\n".join([HEADLINE, *LINES[1:]]),
    "chrome": "Home | World | Middle East\n" + A + CHROME,
    "edited_sentence": A.replace(*EDIT),
    "dropped_paragraph": "\n".join(LINES[:-1]),
    "all_four": "\n".join([HEADLINE, *LINES[1:-1]]).replace(*EDIT) + "\n" + CHROME,
}
# Different articles on the same story; article_e reuses two sentences of A (a follow-up).
DIFFERENT = [(a, b) for a, b in itertools.combinations(sorted(ARTICLES), 2)]

COPY_MARGIN = 0.1  # every copy scores at least this far above the threshold
DIFFERENT_MARGIN = 0.3  # every different article at least this far below


def ids(n: int) -> list[str]:
    return [f"{i:016x}" for i in range(1, n + 1)]


@pytest.mark.parametrize("name", sorted(COPIES))
def test_dedupe_copies_score_above_threshold(name: str) -> None:
    score = jaccard(signature(A), signature(COPIES[name]))
    assert score >= NEAR_DUPLICATE_THRESHOLD + COPY_MARGIN, f"{name}: {score:.3f}"


@pytest.mark.parametrize(("first", "second"), DIFFERENT)
def test_dedupe_different_articles_score_below_threshold(first: str, second: str) -> None:
    score = jaccard(signature(ARTICLES[first]), signature(ARTICLES[second]))
    assert score <= NEAR_DUPLICATE_THRESHOLD - DIFFERENT_MARGIN, f"{first}/{second}: {score:.3f}"


def test_dedupe_estimate_tracks_true_jaccard() -> None:
    for copy in COPIES.values():
        a, b = shingles(A), shingles(copy)
        assert abs(len(a & b) / len(a | b) - jaccard(signature(A), signature(copy))) < 0.1


def test_dedupe_seed_pages_are_not_copies(seeds_dir: Path) -> None:
    pages = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("0*.txt"))]
    assert len(pages) >= 2
    for first, second in itertools.combinations(pages, 2):
        assert jaccard(signature(first), signature(second)) < NEAR_DUPLICATE_THRESHOLD - DIFFERENT_MARGIN


def test_dedupe_index_groups_copies_under_smallest_id() -> None:
    index = NearDuplicateIndex()
    texts = [*COPIES.values(), A]
    results = [index.add(doc_id, t) for doc_id, t in zip(ids(len(texts)), texts, strict=True)]
    assert results[0] is None  # alone until a copy arrives
    assert set(results[1:]) == {ids(1)[0]}


def test_dedupe_index_keeps_different_articles_apart() -> None:
    index = NearDuplicateIndex()
    assert [index.add(d, t) for d, t in zip(ids(len(ARTICLES)), ARTICLES.values(), strict=True)] == [
        None
    ] * len(ARTICLES)


@pytest.mark.parametrize("order", list(itertools.permutations(range(4)))[::5])
def test_dedupe_groups_do_not_depend_on_order(order: tuple[int, ...]) -> None:
    texts = [A, COPIES["chrome"], ARTICLES["article_b"], COPIES["all_four"]]
    index = NearDuplicateIndex()
    for i in order:
        index.add(ids(4)[i], texts[i])
    groups = index.store.groups  # type: ignore[attr-defined]
    assert groups == {ids(4)[0]: ids(4)[0], ids(4)[1]: ids(4)[0], ids(4)[3]: ids(4)[0]}


def test_dedupe_signature_is_deterministic() -> None:
    assert signature(A) == signature(A)
    assert len(signature(A) or b"") == 128 * 4


@pytest.mark.parametrize("text", ["", "   ", "—!?"])
def test_dedupe_text_without_words_has_no_signature(text: str) -> None:
    assert signature(text) is None
    assert NearDuplicateIndex().add("0000000000000001", text) is None


def test_dedupe_text_skips_chrome_and_comments() -> None:
    text = "Own words here.\nQuoted words.\nLog in\nGreat post!"
    doc = Document(
        id="x",
        uri="x.txt",
        format="text",
        text=text,
        segments=(
            Segment(Voice.OWN, 0, 15),
            Segment(Voice.QUOTED, 16, 29, source="WSJ"),
            Segment(Voice.BOILERPLATE, 30, 36),
            Segment(Voice.COMMENT, 37, 48, author="liz"),
        ),
    )
    assert dedupe_text(doc) == "Own words here.\nQuoted words."


def _doc(doc_id: str, text: str) -> Document:
    return Document(id=doc_id, uri=f"{doc_id}.txt", format="text", text=text, segments=())


def test_dedupe_store_index_persists_across_runs(db_path: str) -> None:
    first, second, other = ids(3)
    with Store.open(db_path) as store, store.transaction():
        store.add_documents([_doc(first, A), _doc(other, ARTICLES["article_b"])])
        index = NearDuplicateIndex(store.bucket_store())
        assert index.add(first, A) is None
        assert index.add(other, ARTICLES["article_b"]) is None
    with Store.open(db_path) as store, store.transaction():  # a later run: a fresh index, same store
        store.add_documents([_doc(second, COPIES["edited_sentence"])])
        assert NearDuplicateIndex(store.bucket_store()).add(second, COPIES["edited_sentence"]) == first
    with Store.open(db_path) as store:
        assert [(g.id, g.doc_ids) for g in store.near_dup_groups()] == [(first, (first, second))]


def test_dedupe_store_index_merges_groups_to_smallest_id(store: Store) -> None:
    small, mid, big = ids(3)
    docs = {big: A, mid: COPIES["chrome"], small: COPIES["new_headline"]}
    store.add_documents([_doc(k, v) for k, v in docs.items()])
    index = NearDuplicateIndex(store.bucket_store())
    assert index.add(big, docs[big]) is None
    assert index.add(mid, docs[mid]) == mid
    assert index.add(small, docs[small]) == small
    assert [(g.id, g.doc_ids) for g in store.near_dup_groups()] == [(small, (small, mid, big))]
