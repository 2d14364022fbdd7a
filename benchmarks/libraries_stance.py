"""The stance parts of `benchmarks/libraries.py`: FNC-1 train pairs, the stage-1 regression, the
lexical features' libraries (stemmer, stop words, sentencizer, TF-IDF) and the hold-out figure.

Run through `python benchmarks/libraries.py lr features holdout`; its docstring says what each
part measures. Times are CPU seconds (time.process_time).
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from pathlib import Path

import handwritten
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


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
        self.holdout_pairs = [p for p in pairs if p.body_id in set(split["holdout"])]

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


def bench_tfidf(data: Fnc1) -> None:
    """IdfTable against scikit-learn's TfidfVectorizer with the same settings (sublinear tf, smooth
    idf, min_df 2, content_terms as the analyzer): the same idf, and the cost of a vector."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from claimgraph.claims import features as feats

    bodies = [data.bodies[b] for b in sorted(data.train_ids - data.dev_ids)]
    t0 = time.process_time()
    table = feats.IdfTable.fit(bodies)
    t_hand = time.process_time() - t0
    vectorizer = TfidfVectorizer(analyzer=feats.content_terms, sublinear_tf=True, min_df=2)
    t0 = time.process_time()
    vectorizer.fit(bodies)
    t_lib = time.process_time() - t0
    lib_idf = dict(zip(vectorizer.get_feature_names_out(), vectorizer.idf_, strict=True))
    diff = max(abs(lib_idf[t] - table.idf[t]) for t in lib_idf)
    print(
        f"tfidf: idf on {len(bodies)} fit bodies: {len(table.idf)} vs {len(lib_idf)} terms,"
        f" max |idf difference| {diff:.1e}; fit {t_hand:.2f} s (hand-written) vs {t_lib:.2f} s (scikit-learn)"
    )
    sentences = [s for body in bodies[:300] for s in feats.split_sentences(body)]
    terms = [feats.content_terms(s) for s in sentences]
    t0 = time.process_time()
    for ts in terms:
        feats._tfidf(ts, table)
    t_hand = (time.process_time() - t0) / len(terms) * 1e6
    t0 = time.process_time()
    for s in sentences:
        vectorizer.transform([s])
    t_lib = (time.process_time() - t0) / len(sentences) * 1e6
    t0 = time.process_time()
    vectorizer.transform(sentences)
    t_batch = (time.process_time() - t0) / len(sentences) * 1e6
    print(
        f"  one sentence's vector: {t_hand:.1f} us (hand-written, terms given) vs {t_lib:.0f} us"
        f" (TfidfVectorizer.transform per sentence; {t_batch:.0f} us each in one batch),"
        f" {len(sentences)} sentences"
    )


def bench_holdout(data: Fnc1) -> None:
    """The whole stance model on the FNC-1 hold-out bodies: shipped stage 1 vs stage 1 retrained
    (as `train_stance.py stage1` does) with the Snowball stemmer; the cross-encoder is unchanged
    but sees the evidence that the patched features select."""
    import snowballstemmer

    from claimgraph.claims import features as feats
    from claimgraph.claims.stance import StanceModel
    from claimgraph.claims.stance_relatedness import RelatednessModel
    from claimgraph.eval.fnc1 import score

    pairs = data.holdout_pairs
    print(f"holdout: {len(pairs)} pairs of the FNC-1 hold-out bodies (training/fnc1_split.json)")
    hand_stem = feats.stem
    snowball = functools.lru_cache(maxsize=1 << 16)(snowballstemmer.stemmer("english").stemWord)
    for name in ("hand-written (shipped stage 1)", "Snowball (stage 1 retrained)"):
        model = StanceModel.load()
        if name.startswith("Snowball"):
            feats.stem = snowball
            x_fit, x_dev, _ = data.features()
            y_dev = data.related(data.dev_pairs)
            p_dev = RelatednessModel.fit(x_fit, data.related(data.fit_pairs)).probability(x_dev)
            grid = np.linspace(0.05, 0.95, 91)
            credit = [data.ts.fnc_related_credit(y_dev, p_dev >= t, 0.85) for t in grid]
            threshold = float(grid[int(np.argmax(credit))])
            model.idf = feats.IdfTable.fit(data.bodies[b] for b in data.train_ids)
            x_all = data.ts.features_for(data.train_pairs, data.bodies, model.idf)
            refit = RelatednessModel.fit(x_all, data.related(data.train_pairs))
            model.relatedness = refit.with_threshold(threshold)
        t0 = time.process_time()
        predicted = model.predict([(p.headline, data.bodies[p.body_id]) for p in pairs])
        secs = time.process_time() - t0
        result = score([p.stance for p in pairs], [q.label for q in predicted])
        f1 = " / ".join(f"{v:.3f}" for v in result["per_class_f1"].values())
        print(
            f"  {name:32s} relative {result['relative_score']:.3f}   macro-F1 {result['macro_f1']:.3f}"
            f"   F1 agree/disagree/discuss/unrelated {f1}   predict {secs:.0f} s CPU"
        )
    feats.stem = hand_stem
