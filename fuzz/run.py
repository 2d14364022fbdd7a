#!/usr/bin/env python3
"""Fuzz one reader: `python fuzz/run.py --target html --seconds 60` or `--runs 100000`.

Coverage-guided with atheris (libFuzzer) when it is installed; otherwise hypothesis drives the
same target from random buffers (`fuzz_one_input`), without coverage feedback. A crash (an
exception escaping the reader or cleaning, or a broken contract) stops the run with a non-zero
exit status; atheris leaves the input in `--artifacts` (default fuzz/crashes/), hypothesis prints
the falsifying example. Copy it to tests/fuzz/crashes/<target>-<what> as a regression test.
libFuzzer ends with `Done N runs in S second(s)`; the hypothesis driver with
`runs=N crashes=C target=NAME engine=hypothesis`.

Targets: text, html, feed, warc, jsonl, csv (see fuzz/fuzz_targets.py).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
TARGET_NAMES = ("text", "html", "feed", "warc", "jsonl", "csv")
# Libraries whose Python code the fuzzer instruments for coverage, besides claimgraph itself.
INSTRUMENTED = [
    "claimgraph",
    "feedparser",
    "warcio",
    "charset_normalizer",
    "trafilatura",
    "htmldate",
    "courlan",
]
# A single input slower than this is reported as a hang (libFuzzer -timeout, seconds).
PER_INPUT_TIMEOUT_S = 60
RSS_LIMIT_MB = 3072


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", required=True, choices=TARGET_NAMES)
    budget = parser.add_mutually_exclusive_group(required=True)
    budget.add_argument("--seconds", type=int, help="stop after this many seconds")
    budget.add_argument("--runs", type=int, help="stop after this many inputs")
    parser.add_argument("--engine", choices=("auto", "atheris", "hypothesis"), default="auto")
    parser.add_argument("--corpus", type=Path, help="keep the grown corpus here (default: temporary)")
    parser.add_argument("--artifacts", type=Path, default=HERE / "crashes")
    parser.add_argument("--no-clean", action="store_true", help="fuzz the reader alone, without cleaning")
    parser.add_argument("--seed", type=int, default=0)
    return parser.parse_args(argv)


def load_targets(engine: str) -> ModuleType:
    sys.path.insert(0, str(HERE))
    if engine == "atheris":
        import atheris

        with atheris.instrument_imports(include=INSTRUMENTED):
            import fuzz_targets as targets
    else:
        import fuzz_targets as targets
    return targets


def pick_engine(choice: str) -> str:
    if choice != "auto":
        return choice
    try:
        import atheris  # noqa: F401
    except ImportError:
        return "hypothesis"
    return "atheris"


def seed_corpus(targets: ModuleType, name: str, corpus: Path) -> None:
    corpus.mkdir(parents=True, exist_ok=True)
    for number, data in enumerate(targets.SEEDS[name]):
        (corpus / f"seed-{number}").write_bytes(data)


def one_input(targets: ModuleType, name: str, cleaning: bool) -> Callable[[bytes], None]:
    def test_one(data: bytes) -> None:
        targets.run_reader(name, data, cleaning=cleaning)

    return test_one


def run_atheris(args: argparse.Namespace, targets: ModuleType, corpus: Path) -> int:
    import atheris

    args.artifacts.mkdir(parents=True, exist_ok=True)
    budget = f"-max_total_time={args.seconds}" if args.seconds else f"-runs={args.runs}"
    libfuzzer = [
        sys.argv[0],
        str(corpus),
        budget,
        f"-timeout={PER_INPUT_TIMEOUT_S}",
        f"-rss_limit_mb={RSS_LIMIT_MB}",
        f"-max_len={targets.FUZZ_MAX_BYTES + 1024}",
        f"-seed={args.seed or 1}",
        f"-artifact_prefix={args.artifacts}/{args.target}-",
        "-print_final_stats=1",
    ]
    dictionary = HERE / "dicts" / f"{args.target}.dict"
    if dictionary.is_file():
        libfuzzer.append(f"-dict={dictionary}")
    atheris.Setup(libfuzzer, one_input(targets, args.target, not args.no_clean))
    atheris.Fuzz()  # libFuzzer prints "Done N runs" and exits; a crash exits with status 1
    return 0


def run_hypothesis(args: argparse.Namespace, targets: ModuleType) -> int:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    seeds = targets.SEEDS[args.target]
    test_one = one_input(targets, args.target, not args.no_clean)
    limit = targets.FUZZ_MAX_BYTES + 1024

    @settings(database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.one_of(st.binary(max_size=limit), st.sampled_from(seeds or [b""]).flatmap(_mutations)))
    def target(data: bytes) -> None:
        test_one(data)

    rng = random.Random(args.seed)
    deadline = time.monotonic() + args.seconds if args.seconds else None
    runs = 0
    while (deadline is None and runs < args.runs) or (deadline is not None and time.monotonic() < deadline):
        buffer = rng.randbytes(rng.choice((16, 256, 4096)))
        try:
            target.hypothesis.fuzz_one_input(buffer)
        except Exception:
            print(f"runs={runs + 1} crashes=1 target={args.target} engine=hypothesis")
            raise
        runs += 1
    print(f"runs={runs} crashes=0 target={args.target} engine=hypothesis")
    return 0


def _mutations(seed: bytes) -> object:
    """A seed with a random slice replaced by random bytes: keeps most of the file's structure."""
    from hypothesis import strategies as st

    return st.tuples(st.integers(0, len(seed)), st.integers(0, len(seed)), st.binary(max_size=64)).map(
        lambda t: seed[: min(t[0], t[1])] + t[2] + seed[max(t[0], t[1]) :]
    )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    engine = pick_engine(args.engine)
    targets = load_targets(engine)
    if engine == "hypothesis":
        return run_hypothesis(args, targets)
    own_corpus = args.corpus is None
    corpus = Path(tempfile.mkdtemp(prefix=f"fuzz-{args.target}-")) if own_corpus else args.corpus
    try:
        seed_corpus(targets, args.target, corpus)
        return run_atheris(args, targets, corpus)
    finally:
        if own_corpus:
            shutil.rmtree(corpus, ignore_errors=True)
        shutil.rmtree(targets.scratch(), ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
