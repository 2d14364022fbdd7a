"""Libraries against the hand-written code of issue 9 item 5, on the development data.

    python benchmarks/libraries.py [dates] [serialize] [lr] [features] [tfidf] [holdout]   (default: all)

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
tfidf      the hand-written IdfTable against scikit-learn's TfidfVectorizer with the same settings
           on the fit bodies: the same idf? the cost of one sentence's vector.
holdout    the whole stance model on the FNC-1 hold-out bodies of training/fnc1_split.json (a
           split of the train file): shipped stage 1 vs stage 1 retrained with Snowball.

Times are CPU seconds of this process (time.process_time), so a shared machine inflates them less.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT / "training")]
DATA = ROOT.parent / "shared" / "data"
POLNEAR_META = DATA / "polnear" / "metadata.tsv"

import handwritten  # noqa: E402
from libraries_stance import Fnc1, bench_features, bench_holdout, bench_lr, bench_tfidf  # noqa: E402

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


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    known = ["dates", "serialize", "lr", "features", "tfidf", "holdout"]
    parser.add_argument("parts", nargs="*", help=f"{', '.join(known)} (default: all)")
    parts = parser.parse_args().parts or known
    if unknown := set(parts) - set(known):
        parser.error(f"unknown part(s) {', '.join(sorted(unknown))}; choose from {', '.join(known)}")
    if "dates" in parts:
        bench_dates()
    if "serialize" in parts:
        bench_serialize()
    if {"lr", "features", "tfidf", "holdout"} & set(parts):
        data = Fnc1()
        if "lr" in parts:
            bench_lr(data)
        if "features" in parts:
            bench_features(data)
        if "tfidf" in parts:
            bench_tfidf(data)
        if "holdout" in parts:
            bench_holdout(data)


if __name__ == "__main__":
    main()
