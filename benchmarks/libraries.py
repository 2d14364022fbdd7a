"""Libraries against the hand-written code of issue 9 item 5, on the development data.

    python benchmarks/libraries.py [dates] [serialize] [lr] [features]    (default: all four)

dates      PolNeAR metadata publication dates (train and dev compartments, 289 distinct dates)
           written in the 12 forms below (gold: the metadata date, and for the forms with a time,
           14:30 and EST when named): share read exactly, and microseconds per call, for the
           strptime list before (benchmarks/handwritten.py) and dateparser now.
serialize  every model object of the example corpus analysed into a temporary store: do the two
           `to_dict`s agree, does each object come back equal from its JSON, and the time of each.
lr         the stage-1 relatedness regression on FNC-1 features (fit = train minus dev bodies of
           training/fnc1_split.json): Newton loop before vs scikit-learn, weights and time; then
           scikit-learn refit on every train pair against the shipped stage1.json.
features   the stage-1 model retrained on the fit split with the Snowball stemmer, spaCy's stop
           words and/or spaCy's sentencizer in place of the hand-written ones (content_terms and
           sentence_spans patched): dev accuracy at the dev-chosen threshold (the figure
           `train_stance.py stage1` prints), macro-F1, AUC; plus each piece's speed.

Times are CPU seconds of this process (time.process_time), so a shared machine inflates them less.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT / "training")]
DATA = ROOT.parent / "shared" / "data"
POLNEAR_META = DATA / "polnear" / "metadata.tsv"

import handwritten  # noqa: E402

# (strftime pattern, expected ISO suffix or None for a date only). Times are 14:30; "EST" = -05:00.
DATE_FORMS: tuple[tuple[str, str | None], ...] = (
    ("%Y-%m-%d", None),
    ("%B %d, %Y", None),
    ("%b %d, %Y", None),
    ("%b. %d, %Y", None),
    ("%d %B %Y", None),
    ("%Y/%m/%d", None),
    ("%B {day}, %Y", None),  # "March 11th, 2016"
    ("%A, %B %d, %Y", None),
    ("%m/%d/%Y", None),
    ("%a, %d %b %Y 14:30:00 -0500", "T14:30:00-05:00"),
    ("%B %d, %Y 2:30 PM EST", "T14:30:00-05:00"),
    ("%b %d %Y 2:30 pm", "T14:30:00"),
)


def _ordinal(day: int) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def date_cases() -> list[tuple[str, str]]:
    """(written form, expected ISO) for every distinct train/dev PolNeAR date and form."""
    rows = [line.split("\t") for line in POLNEAR_META.read_text(encoding="utf-8").splitlines()[1:]]
    days = sorted({date.fromisoformat(r[5]) for r in rows if r[0] in ("train", "dev")})
    cases = []
    for d in days:
        for pattern, suffix in DATE_FORMS:
            text = d.strftime(pattern.replace("{day}", _ordinal(d.day)))
            cases.append((text, d.isoformat() + (suffix or "")))
    return cases


def bench_dates() -> None:
    from claimgraph.ingest.dates import normalise_date

    cases = date_cases()
    days = len(cases) // len(DATE_FORMS)
    print(f"dates: {len(cases)} strings ({days} PolNeAR dates x {len(DATE_FORMS)} forms)")
    readers: dict[str, Callable[[str], str | None]] = {
        "hand-written (strptime list)": handwritten.written_date,
        "dateparser (shipped)": normalise_date,
    }
    normalise_date("June 16, 2014")  # load dateparser before timing
    forms = len(DATE_FORMS)
    print(f"  {'form':32s}" + "".join(f"{name:>32s}" for name in readers))
    totals = {name: [0, 0.0] for name in readers}
    for k in range(forms):
        row = f"  {cases[k][0]!r:32s}"
        for name, read in readers.items():
            mine = cases[k::forms]
            t0 = time.process_time()
            right = sum(read(text) == want for text, want in mine)
            secs = time.process_time() - t0
            totals[name][0] += right
            totals[name][1] += secs
            row += f"{right:>13d}/{len(mine)} {secs / len(mine) * 1e6:>8.0f} us/call"
        print(row)
    for name, (right, secs) in totals.items():
        share, per_call = right / len(cases), secs / len(cases) * 1e6
        print(f"  {name}: exact {right}/{len(cases)} = {share:.3f}, {per_call:.0f} us/call")


def _model_objects(db: Path) -> list[object]:
    from claimgraph.api import analyze
    from claimgraph.store import Store

    analyze([ROOT / "src" / "claimgraph" / "example_corpus"], db)
    with Store.open(db, read_only=True) as store:
        docs = list(store.iter_documents())
        analyses = [a for d in docs if (a := store.get_document_analysis(d.id))]
        return [
            *docs,
            *analyses,
            *store.list_actors(),
            *store.iter_statements(),
            *store.iter_events(),
            *store.list_claims(),
            *store.iter_stances(),
            *store.list_contradictions(),
            *store.list_verdicts().values(),
            *store.list_sources(),
        ]


def bench_serialize() -> None:
    from claimgraph import serialize

    with tempfile.TemporaryDirectory() as tmp:
        objects = _model_objects(Path(tmp) / "example.db")
    kinds = sorted({type(o).__name__ for o in objects})
    print(f"serialize: {len(objects)} model objects of the example corpus ({', '.join(kinds)})")
    same = sum(serialize.to_dict(o) == handwritten.to_dict(o) for o in objects)
    print(f"  to_dict output identical (pydantic vs hand-written): {same}/{len(objects)}")
    pairs = {"hand-written": (handwritten.to_dict, handwritten.from_dict)}
    pairs["pydantic (shipped)"] = (serialize.to_dict, serialize.from_dict)
    for name, (dump, load) in pairs.items():
        texts = [json.dumps(dump(o)) for o in objects]
        back = sum(load(type(o), json.loads(t)) == o for o, t in zip(objects, texts, strict=True))
        reps = 20
        t0 = time.process_time()
        for _ in range(reps):
            dumped = [dump(o) for o in objects]
        t_dump = (time.process_time() - t0) / reps / len(objects) * 1e6
        t0 = time.process_time()
        for _ in range(reps):
            for o, d in zip(objects, dumped, strict=True):
                load(type(o), d)
        t_load = (time.process_time() - t0) / reps / len(objects) * 1e6
        print(
            f"  {name:20s} round trip {back}/{len(objects)}   to_dict {t_dump:.1f} us/object"
            f"   from_dict {t_load:.1f} us/object"
        )


class Fnc1:
    """FNC-1 train pairs split as `training/train_stance.py stage1` splits them."""

    def __init__(self) -> None:
        import train_stance as ts

        self.ts = ts
        self.bodies, pairs = ts.load_fnc1(DATA / "fnc1")
        split = ts.load_split()
        self.train_ids, self.dev_ids = set(split["train"]), set(split["dev"])
        self.train_pairs = [p for p in pairs if p.body_id in self.train_ids]
        self.fit_pairs = [p for p in self.train_pairs if p.body_id not in self.dev_ids]
        self.dev_pairs = [p for p in pairs if p.body_id in self.dev_ids]

    def features(self) -> tuple[np.ndarray, np.ndarray, float]:
        """Fit and dev feature rows with the idf of the fit bodies; seconds taken."""
        from claimgraph.claims.features import IdfTable

        t0 = time.process_time()
        idf = IdfTable.fit(self.bodies[b] for b in self.train_ids - self.dev_ids)
        x_fit = self.ts.features_for(self.fit_pairs, self.bodies, idf)
        x_dev = self.ts.features_for(self.dev_pairs, self.bodies, idf)
        return x_fit, x_dev, time.process_time() - t0

    @staticmethod
    def related(pairs: list) -> np.ndarray:
        return np.array([p.stance != "unrelated" for p in pairs])


def bench_lr(data: Fnc1) -> None:
    from claimgraph.claims.features import IdfTable
    from claimgraph.claims.stance_relatedness import L2, RelatednessModel, expand

    x_fit, x_dev, _ = data.features()
    y_fit, y_dev = data.related(data.fit_pairs), data.related(data.dev_pairs)
    print(f"lr: {len(y_fit)} fit pairs, {len(y_dev)} dev pairs [FNC-1 train file, training/fnc1_split.json]")
    t0 = time.process_time()
    model = RelatednessModel.fit(x_fit, y_fit, threshold=0.10)
    t_lib = time.process_time() - t0
    x = expand(x_fit)
    t0 = time.process_time()
    w, b = handwritten.newton_fit((x - model.mean) / model.std, y_fit, L2)
    t_hand = time.process_time() - t0
    before = RelatednessModel(model.mean, model.std, w, b, 0.10)
    for name, m, secs in (("hand-written Newton", before, t_hand), ("scikit-learn (shipped)", model, t_lib)):
        acc = float(((m.probability(x_dev) >= 0.10) == y_dev).mean())
        print(f"  {name:24s} fit {secs:.2f} s   dev accuracy at threshold 0.10: {acc:.4f}")
    print(f"  max |weight difference| {np.abs(model.weights - w).max():.1e}, bias {abs(model.bias - b):.1e}")
    shipped_dir = ROOT / "src" / "claimgraph" / "models" / "stance"
    shipped = RelatednessModel.load(shipped_dir / "stage1.json")
    idf = IdfTable.load(shipped_dir / "idf.json")
    x_all = data.ts.features_for(data.train_pairs, data.bodies, idf)
    refit = RelatednessModel.fit(x_all, data.related(data.train_pairs))
    print(
        f"  scikit-learn refit on all {len(x_all)} train pairs vs shipped stage1.json (Newton): "
        f"max |weight difference| {np.abs(refit.weights - shipped.weights).max():.1e}"
    )


def _spacy_spans() -> Callable[[str], list[tuple[int, int]]]:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")

    def spans(text: str) -> list[tuple[int, int]]:
        out = []
        for sent in nlp(text).sents:
            piece = sent.text
            left, right = len(piece) - len(piece.lstrip()), len(piece.rstrip())
            if right > left:
                out.append((sent.start_char + left, sent.start_char + right))
        return out

    return spans


def bench_features(data: Fnc1) -> None:
    import snowballstemmer
    from sklearn.metrics import f1_score, roc_auc_score
    from spacy.lang.en.stop_words import STOP_WORDS

    from claimgraph.claims import features as feats
    from claimgraph.claims.stance_relatedness import RelatednessModel

    snowball = snowballstemmer.stemmer("english")
    library = {
        "stem": functools.lru_cache(maxsize=1 << 16)(snowball.stemWord),
        "STOPWORDS": frozenset(STOP_WORDS),
        "sentence_spans": _spacy_spans(),
    }
    hand = {name: getattr(feats, name) for name in library}
    variants = {
        "hand-written (shipped)": (),
        "Snowball stemmer": ("stem",),
        "spaCy stop words": ("STOPWORDS",),
        "spaCy sentencizer": ("sentence_spans",),
        "Snowball + spaCy stop words": ("stem", "STOPWORDS"),
        "all three libraries": ("stem", "STOPWORDS", "sentence_spans"),
    }
    y_fit, y_dev = data.related(data.fit_pairs), data.related(data.dev_pairs)
    print(f"features: stage 1 retrained on {len(y_fit)} fit pairs, scored on {len(y_dev)} dev pairs")
    grid = np.linspace(0.05, 0.95, 91)
    for name, swapped in variants.items():
        for attr in library:
            setattr(feats, attr, library[attr] if attr in swapped else hand[attr])
        x_fit, x_dev, secs = data.features()
        p_dev = RelatednessModel.fit(x_fit, y_fit).probability(x_dev)
        credit = [data.ts.fnc_related_credit(y_dev, p_dev >= t, 0.85) for t in grid]
        threshold = float(grid[int(np.argmax(credit))])
        pred = p_dev >= threshold
        print(
            f"  {name:28s} dev accuracy {(pred == y_dev).mean():.4f} (threshold {threshold:.2f})"
            f"   macro-F1 {f1_score(y_dev, pred, average='macro'):.4f}"
            f"   AUC {roc_auc_score(y_dev, p_dev):.4f}   features {secs:.1f} s"
        )
    for attr in library:
        setattr(feats, attr, hand[attr])
    bodies = [data.bodies[b] for b in sorted(data.train_ids)[:300]]
    vocab = sorted({w for body in bodies for w in feats.words(body)})
    for name, fn in (("hand-written", hand["stem"].__wrapped__), ("Snowball", snowball.stemWord)):
        t0 = time.process_time()
        for w in vocab:
            fn(w)
        print(
            f"  stemmer {name:12s} {(time.process_time() - t0) / len(vocab) * 1e6:.2f} us/word (uncached,"
            f" {len(vocab)} distinct words of 300 train bodies)"
        )
    for name, fn in (("regex", hand["sentence_spans"]), ("spaCy sentencizer", library["sentence_spans"])):
        t0 = time.process_time()
        n = sum(len(fn(body)) for body in bodies)
        print(
            f"  sentences {name:18s} {(time.process_time() - t0) / len(bodies) * 1e3:.2f} ms/body"
            f" ({n} sentences in 300 train bodies)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("parts", nargs="*", help="dates, serialize, lr, features (default: all)")
    known = ["dates", "serialize", "lr", "features"]
    parts = parser.parse_args().parts or known
    if unknown := set(parts) - set(known):
        parser.error(f"unknown part(s) {', '.join(sorted(unknown))}; choose from {', '.join(known)}")
    if "dates" in parts:
        bench_dates()
    if "serialize" in parts:
        bench_serialize()
    if "lr" in parts or "features" in parts:
        data = Fnc1()
        if "lr" in parts:
            bench_lr(data)
        if "features" in parts:
            bench_features(data)


if __name__ == "__main__":
    main()
