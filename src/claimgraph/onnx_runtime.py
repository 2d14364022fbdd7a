"""The shipped int8 ONNX text models (sentence embedder, stance cross-encoder) on CPU.

Both run through onnxruntime + tokenizers with the same session settings and the same
tokenizer-to-inputs mapping; they are set up here once so a change to threading or inputs
reaches both.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

MODEL_FILE = "model.int8.onnx"
TOKENIZER_FILE = "tokenizer.json"
DEFAULT_THREADS = 2  # the target machine has 2 cores
# onnxruntime's intra-op threads spin-wait for work between calls by default. The stance model
# makes one small call per pair with Python work in between, so the spinning thread burnt the CPU
# the caller needed: 300 related FNC-1 pairs took 7.1-7.3 s CPU and 14.3-14.5 s wall with
# spinning, 3.4-3.6 s and 6.9-7.0 s without, same probabilities (2 threads, shared 2-core box;
# docs/benchmarks.md, "Stance step CPU per pair"). The key: onnxruntime.ai, "Thread management".
SPINNING_KEY = "session.intra_op.allow_spinning"


def default_threads() -> int:
    """onnxruntime threads when none are asked for: the target's cores, fewer on a smaller box."""
    return min(DEFAULT_THREADS, os.cpu_count() or 1)


def require_files(model_dir: Path, names: Sequence[str], what: str) -> None:
    """Raise FileNotFoundError naming every file of `names` missing from `model_dir`."""
    missing = [f for f in names if not (model_dir / f).is_file()]
    if missing:
        raise FileNotFoundError(f"{model_dir}: {what} model files missing: {', '.join(missing)}")


class OnnxTextModel:
    """A tokenizer and a CPU inference session over `model_dir`'s int8 ONNX graph."""

    def __init__(
        self, model_dir: Path, max_tokens: int, threads: int, truncation: str = "longest_first"
    ) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(model_dir / TOKENIZER_FILE))
        self.tokenizer.enable_truncation(max_length=max_tokens, strategy=truncation)
        self.tokenizer.enable_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.add_session_config_entry(SPINNING_KEY, "0")
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(
            str(model_dir / MODEL_FILE), options, providers=["CPUExecutionProvider"]
        )
        self.input_names = {i.name for i in self.session.get_inputs()}

    def run(self, texts: Sequence[str] | Sequence[tuple[str, str]]) -> np.ndarray:
        """The graph's first output for one padded batch of texts (or text pairs)."""
        enc = self.tokenizer.encode_batch(list(texts))
        feed = {
            "input_ids": np.array([e.ids for e in enc], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in enc], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in enc], dtype=np.int64),
        }
        return self.session.run(None, {k: v for k, v in feed.items() if k in self.input_names})[0]
