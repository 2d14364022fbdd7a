"""Claim hygiene: how many built claims a person would not write, on three corpora.

    python benchmarks/claim_hygiene.py [--polnear-limit N] [--keep DIR] [--rebuild]

Each corpus is analysed with `claimgraph.analyze` into its own SQLite store in a temp folder
(`--keep DIR` keeps the stores; `--rebuild` then only re-runs the claims step on a kept store's
analyses, for quick iteration), exported as JSON, and its claims counted:

- example: the project's own example corpus (written here; the rules were tuned on it);
- polnear-dev: `../shared/data/polnear/dev/text` (the first `--polnear-limit` articles by name;
  all 84 by default);
- fnc1-stories: the FNC-1 training bodies of three stories (Boko Haram's cease-fire, Christian Bale
  and the Steve Jobs film, ISIS fighters at the US-Mexico border: every body with a related stance
  to a headline naming them) that are in the hold-out list of `training/fnc1_split.json`,
  written to the temp folder as .txt (never into the repo).

Columns (defects; the target is 0 in each): texts cut ("…"), stated as a denial (a negating word),
copied from a statement's content (starts with "that" or a lower-case word), starting with a
dateline, byline or agency tag, fragments (a structured claim without an object or a place; free
text under MIN_WORDS content words), near-duplicate claim pairs (content-word Jaccard >=
NEAR_DUP_JACCARD, found by MinHash LSH, or the same text). A last, diagnostic column counts
free-text claims in which spaCy finds no verb ("Democratic vice presidential nominee Tim Kaine").
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from datasketch import MinHash, MinHashLSH

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FNC_STORIES = (("boko", ("boko haram",)), ("bale", ("bale",)), ("isis-border", ("duncan hunter", "hunter:")))
MIN_WORDS = 4  # free text under this many content words is a fragment
NEAR_DUP_JACCARD = 0.8
NUM_PERM = 128
STOP = frozenset(
    "a an the and or but of to in on at for with by from as is are was were be been has have had it its this "
    "that these those there their they he she his her we our you i will would could should may can".split()
)
NEGATING = re.compile(
    r"\b(?:not|no|never|nothing|none|neither|nor|without|den(?:y|ies|ied|ying)|reject(?:s|ed)?|"
    r"refus(?:e|es|ed)|ruled? out|dismiss(?:es|ed)?|false|untrue|baseless|unfounded|bogus|hoax)\b|n['’]t\b",
    re.IGNORECASE,
)
DATELINE = re.compile(
    r"^\s*(?:by\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}\b|"  # byline
    r"\(?(?i:reuters|ap|afp|upi|cnn|ians|pti|xinhua)\)?\s*[-—–:]|"  # agency tag
    r"[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+)*(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?\s*"
    r"(?:\((?:AP|Reuters|AFP|UPI|CNN)\))?\s*[-—–:])",  # WASHINGTON (AP) —, MAIDUGURI, Nigeria —
)
COLUMNS = ("claims", "cut", "denial", "that_copy", "dateline", "fragment", "near_dup_pairs", "no_verb")


def words(text: str) -> list[str]:
    return [w for w in re.findall(r"[^\W\d_]+", text.lower()) if w not in STOP and len(w) > 1]


def is_fragment(claim: dict[str, Any]) -> bool:
    if claim.get("relation"):
        return not (claim.get("subject") and (claim.get("object") or claim.get("place")))
    return len(words(claim["text"])) < MIN_WORDS


def copied(text: str) -> bool:
    stripped = text.lstrip(" \"“‘'")
    return stripped.lower().startswith("that ") or (stripped[:1].isalpha() and stripped[:1].islower())


def is_denial(claim: dict[str, Any]) -> bool:
    """A negating word in the text; a structured "reject" claim's own verb states the rejection."""
    text = claim["text"]
    if claim.get("relation") == "reject":
        text = text.replace("rejects", "")
    return bool(NEGATING.search(text))


def _key(claim: dict[str, Any]) -> tuple | None:
    if not claim.get("relation"):
        return None
    return (*tuple((claim.get(k) or {}).get("actor_id") for k in ("subject", "object")), claim["relation"])


def near_duplicate_pairs(claims: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Pairs of claims with (nearly) the same content words; two structured claims only when they also
    have the same subject, relation and object (else they are different propositions: "Iran rejects
    a request from the US" / "the US rejects a request from Iran"). MinHash LSH blocks, exact Jaccard."""
    lsh = MinHashLSH(threshold=NEAR_DUP_JACCARD, num_perm=NUM_PERM)
    sets = [set(words(c["text"])) for c in claims]
    keys = [_key(c) for c in claims]
    pairs = set()
    for i, s in enumerate(sets):
        mh = MinHash(num_perm=NUM_PERM)
        for w in s:
            mh.update(w.encode())
        for j in lsh.query(mh):
            union = s | sets[j]
            different = keys[i] is not None and keys[j] is not None and keys[i] != keys[j]
            if union and len(s & sets[j]) / len(union) >= NEAR_DUP_JACCARD and not different:
                pairs.add((j, i))
        lsh.insert(i, mh)
    return sorted(pairs)


def has_verb(text: str) -> bool:
    """Whether spaCy tags a verb or auxiliary in the text (a diagnostic, not a target: the tagger
    errs on headlines)."""
    from claimgraph.nlp.spacy_model import load_nlp

    return any(t.pos_ in ("VERB", "AUX") for t in load_nlp()(text))


def count(claims: list[dict[str, Any]]) -> tuple[dict[str, int], dict[str, list[str]]]:
    texts = [c["text"] for c in claims]
    found: dict[str, list[str]] = {
        "cut": [t for t in texts if t.rstrip().endswith(("…", "..."))],
        "denial": [c["text"] for c in claims if is_denial(c)],
        "that_copy": [t for t in texts if copied(t)],
        "dateline": [t for t in texts if DATELINE.match(t)],
        "fragment": [c["text"] for c in claims if is_fragment(c)],
        "near_dup_pairs": [f"{texts[i]} || {texts[j]}" for i, j in near_duplicate_pairs(claims)],
        "no_verb": [c["text"] for c in claims if not c.get("relation") and not has_verb(c["text"])],
    }
    return {"claims": len(claims), **{k: len(v) for k, v in found.items()}}, found


def fnc_story_files(folder: Path, part: str = "holdout") -> Path:
    """The bodies of the three stories in one part of the split ("holdout" to measure, "train" to
    calibrate on), one .txt each, under `folder`."""
    split = json.loads((ROOT / "training" / "fnc1_split.json").read_text(encoding="utf-8"))
    hold = set(split[part])
    data = SHARED / "data" / "fnc1"
    with (data / "train_bodies.csv").open(encoding="utf-8", newline="") as f:
        bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(f)}
    with (data / "train_stances.csv").open(encoding="utf-8", newline="") as f:
        stances = [r for r in csv.DictReader(f) if r["Stance"] != "unrelated"]
    folder.mkdir(parents=True, exist_ok=True)
    for name, keys in FNC_STORIES:
        ids = {r["Body ID"] for r in stances if any(k in r["Headline"].lower() for k in keys)} & hold
        for body_id in sorted(ids, key=int):
            (folder / f"{name}-{body_id}.txt").write_text(bodies[body_id], encoding="utf-8")
    return folder


def polnear_files(folder: Path, limit: int | None) -> Path:
    src = sorted((SHARED / "data" / "polnear" / "dev" / "text").glob("*.txt"))[:limit]
    folder.mkdir(parents=True, exist_ok=True)
    for path in src:
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def exported_claims(paths: Iterable[Path], db: Path, rebuild: bool) -> list[dict[str, Any]]:
    import claimgraph
    from claimgraph.corpus import CorpusContext, claims_step
    from claimgraph.export.records import export_dict
    from claimgraph.store import Store

    if rebuild and db.exists():
        with Store.open(db) as store, store.transaction():  # writable: open_store is read-only
            claims_step(store, CorpusContext())
    else:
        claimgraph.analyze([str(p) for p in paths], db=db)
    with claimgraph.open_store(db) as store:
        return export_dict(store)["claims"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear-limit", type=int, default=None, help="first N dev articles (default all)")
    parser.add_argument("--keep", type=Path, help="keep the stores (and inputs) in this folder")
    parser.add_argument("--rebuild", action="store_true", help="only rebuild claims in kept stores")
    parser.add_argument("--show", action="store_true", help="list the defective claim texts")
    parser.add_argument(
        "--only", help="one corpus: example, polnear-dev, fnc1-stories or fnc1-train-stories (calibration)"
    )
    args = parser.parse_args()
    from claimgraph.eval.gold import corpus_dir_default

    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        corpora: dict[str, Callable[[], Path]] = {
            "example": corpus_dir_default,
            "polnear-dev": lambda: polnear_files(work / "polnear-dev", args.polnear_limit),
            "fnc1-stories": lambda: fnc_story_files(work / "fnc1-stories"),
            "fnc1-train-stories": lambda: fnc_story_files(work / "fnc1-train-stories", "train"),
        }
        rows = []
        for name, make in corpora.items():
            if name != args.only if args.only else name == "fnc1-train-stories":
                continue  # the calibration corpus runs only when asked for
            db = work / f"{name}.db"
            rebuild = args.rebuild and db.exists()
            claims = exported_claims([] if rebuild else [make()], db, rebuild)
            figures, found = count(claims)
            rows.append((name, figures))
            if args.show:
                for column, texts in found.items():
                    for text in texts:
                        print(f"{name:13} {column:15} {text}")
    print(f"{'corpus':14}" + "".join(f"{c:>15}" for c in COLUMNS))
    for name, figures in rows:
        print(f"{name:14}" + "".join(f"{figures[c]:>15}" for c in COLUMNS))


if __name__ == "__main__":
    main()
