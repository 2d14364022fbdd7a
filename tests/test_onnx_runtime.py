"""The shared ONNX text-model runner: thread count, missing files named, batches padded and truncated
without changing what one text gives."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from claimgraph import onnx_runtime
from claimgraph.onnx_runtime import MODEL_FILE, TOKENIZER_FILE, OnnxTextModel, default_threads, require_files

MODELS = Path(onnx_runtime.__file__).resolve().parent / "models"


@pytest.fixture(scope="module")
def embed_model() -> OnnxTextModel:
    """The shipped sentence embedder (mean-pooled, L2-normalised output)."""
    config = json.loads((MODELS / "embed" / "config.json").read_text(encoding="utf-8"))
    return OnnxTextModel(MODELS / "embed", int(config["max_tokens"]), threads=1)


@pytest.mark.parametrize(
    ("cores", "threads"), [(None, 1), (1, 1), (2, 2), (64, onnx_runtime.DEFAULT_THREADS)]
)
def test_onnx_runtime_default_threads(
    monkeypatch: pytest.MonkeyPatch, cores: int | None, threads: int
) -> None:
    monkeypatch.setattr(onnx_runtime.os, "cpu_count", lambda: cores)
    assert default_threads() == threads


def test_onnx_runtime_require_files_names_every_missing_file(tmp_path: Path) -> None:
    (tmp_path / TOKENIZER_FILE).write_text("{}", encoding="utf-8")
    (tmp_path / "config.json").mkdir()  # a folder is not the file
    with pytest.raises(FileNotFoundError) as caught:
        require_files(tmp_path, ("config.json", TOKENIZER_FILE, MODEL_FILE), "stance")
    message = str(caught.value)
    assert str(tmp_path) in message and "stance" in message
    assert "config.json" in message and MODEL_FILE in message and TOKENIZER_FILE not in message


def test_onnx_runtime_require_files_passes_on_the_shipped_models() -> None:
    for folder in ("embed", "stance"):
        require_files(MODELS / folder, ("config.json", TOKENIZER_FILE, MODEL_FILE), folder)


def test_onnx_runtime_one_row_per_text_unit_length(embed_model: OnnxTextModel) -> None:
    texts = ["Iran denied the strikes.", "The council approved the harbour plan on Monday, officials said."]
    out = embed_model.run(texts)
    assert out.shape == (2, 384)
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-3)


def test_onnx_runtime_padding_does_not_change_a_text(embed_model: OnnxTextModel) -> None:
    """The short text is padded in the batch; the attention mask keeps the padding out of its vector."""
    short = "Iran denied the strikes."
    alone = embed_model.run([short])[0]
    batched = embed_model.run([short, "A much longer sentence about ships waiting outside the port " * 4])[0]
    # int8 activations are quantised per batch: near, not equal (0.99 here; 0.43 when the padding is
    # attended to, 0.96 for a one-word change of the text)
    assert float(alone @ batched) > 0.98


def test_onnx_runtime_truncates_long_texts(embed_model: OnnxTextModel) -> None:
    """Past max_tokens (128) the rest of a text is cut: two texts that differ only there are one vector."""
    head = "The harbour authority said ships were waiting outside the port. " * 20  # ~240 tokens
    a, b = embed_model.run([head + "Iran denied everything.", head + "Fishermen celebrated the catch."])
    assert float(a @ b) > 0.999
    different = embed_model.run(["Iran denied everything.", "Fishermen celebrated the catch."])
    assert float(different[0] @ different[1]) < 0.9  # the tail does matter when it is read


def test_onnx_runtime_runs_text_pairs() -> None:
    """The stance cross-encoder reads (claim, body) pairs and truncates only the body."""
    stance = OnnxTextModel(MODELS / "stance", 128, threads=1, truncation="only_second")
    labels = json.loads((MODELS / "stance" / "config.json").read_text(encoding="utf-8"))["labels"]
    claim = "Iran and the United States cooperate militarily"
    out = stance.run([(claim, "Officials denied any military coordination. " * 60), (claim, "Ships waited.")])
    assert out.shape == (2, len(labels))
    assert np.isfinite(out).all()


def test_onnx_runtime_threads_do_not_spin_between_calls(embed_model: OnnxTextModel) -> None:
    """Spinning threads burnt the caller's CPU between the stance model's one-pair calls."""
    options = embed_model.session.get_session_options()
    assert options.get_session_config_entry(onnx_runtime.SPINNING_KEY) == "0"
