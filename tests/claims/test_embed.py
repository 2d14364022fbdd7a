"""Sentence embeddings: the shipped ONNX model when present, the lexical fallback always."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from claimgraph.claims.embed import MODEL_DIR, LexicalEmbedder, OnnxEmbedder, content_words, load_embedder
from claimgraph.claims.features import STOPWORDS, stem

PARAPHRASES = [
    (
        "The US and Iran are cooperating militarily in Iraq",
        "Washington and Tehran are military partners in Iraq",
    ),
    ("Oil prices fell to a four-year low", "Crude slid to its lowest level in four years"),
]
UNRELATED = ("The US and Iran are cooperating militarily in Iraq", "Oil prices fell to a four-year low")


def test_embed_missing_model_falls_back_with_warning(tmp_path: Path) -> None:
    with pytest.warns(RuntimeWarning, match="embedding model files missing"):
        embedder = load_embedder(tmp_path)
    assert isinstance(embedder, LexicalEmbedder) and embedder.kind == "lexical"


@pytest.mark.parametrize("texts", [["a b c"], ["", "Iran"], ["Iran and the US cooperate", "Oil prices fell"]])
def test_embed_lexical_vectors_are_normalised(texts: list[str]) -> None:
    vectors = LexicalEmbedder().encode(texts)
    norms = np.linalg.norm(vectors, axis=1)
    assert vectors.shape[0] == len(texts)
    assert all(abs(n - 1) < 1e-5 or n == 0 for n in norms)


def test_embed_content_words_drop_stopwords_and_stem() -> None:
    assert content_words("The talks were cooperating on strikes") == ["talk", "cooperat", "strik"]


def test_embed_content_words_share_the_stance_features_stop_words_and_stemmer() -> None:
    text = "According to one new report, officials denied the strikes in 2015"
    assert content_words(text) == [stem(w) for w in ("report", "officials", "denied", "strikes")]
    assert {"according", "one", "new"} <= STOPWORDS


def test_embed_onnx_model_ranks_paraphrases_above_unrelated() -> None:
    if not (MODEL_DIR / "model.int8.onnx").is_file():
        pytest.skip("embedding model files absent")
    embedder = OnnxEmbedder.load()
    for a, b in PARAPHRASES:
        va, vb, vu = embedder.encode([a, b, UNRELATED[1] if a == UNRELATED[0] else UNRELATED[0]])
        assert float(va @ vb) > float(va @ vu) + 0.2
    vectors = embedder.encode(["short", "a much longer sentence about airstrikes in Diyala province", ""])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors[:2], axis=1), 1.0, atol=1e-3)


def test_embed_a_sentences_vector_does_not_depend_on_its_batch_mates() -> None:
    embedder = OnnxEmbedder.load()
    sentence = "Iranian jets struck Islamic State positions in Diyala province"
    (alone,) = embedder.encode([sentence])
    mixed = embedder.encode(
        ["short", sentence, "a much longer sentence about the talks in Vienna and Geneva"]
    )
    assert np.array_equal(mixed[1], alone)
