"""The local process pool: same results as the serial engine, in order, bounded, failures drained."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from operator import attrgetter, itemgetter

import pytest

from claimgraph.engine import SerialEngine, Stage, StageFailure
from claimgraph.engine.local import LocalEngine
from claimgraph.engine.stages import VOICES_STAGE
from claimgraph.model import Document

STAGES = (VOICES_STAGE, Stage("text", "1", attrgetter("text")))


@pytest.fixture(scope="module")
def pool() -> Iterator[LocalEngine]:
    engine = LocalEngine(STAGES, workers=2)
    yield engine
    engine.close()


def _batches(make: Callable[..., Document], sizes: list[int]) -> list[tuple[int, list[Document]]]:
    docs = iter(make(f"{i:016x}") for i in range(sum(sizes)))
    return [(k, [next(docs) for _ in range(n)]) for k, n in enumerate(sizes)]


def test_local_matches_serial_in_order(pool: LocalEngine, nlp_doc: Callable[..., Document]) -> None:
    batches = _batches(nlp_doc, [3, 0, 5, 1, 4])
    assert list(pool.map_batches(batches)) == list(SerialEngine(STAGES).map_batches(batches))


def test_local_input_failure_after_earlier_batches(
    pool: LocalEngine, nlp_doc: Callable[..., Document]
) -> None:
    good = _batches(nlp_doc, [2, 2, 2])

    def stream() -> Iterator[tuple[int, list[Document]]]:
        yield from good
        raise OSError("disk went away")

    seen = []
    with pytest.raises(OSError, match="disk went away"):
        for key, results in pool.map_batches(stream()):
            seen.append((key, len(results)))
    assert seen == [(0, 2), (1, 2), (2, 2)]  # everything read before the failure came back


def test_local_stage_failure_is_a_value(nlp_doc: Callable[..., Document]) -> None:
    engine = LocalEngine((Stage("broken", "1", itemgetter(0)),), workers=2)
    try:
        [(_, results)] = list(engine.map_batches([(0, [nlp_doc()])]))
    finally:
        engine.close()
    assert isinstance(results[0], StageFailure) and "TypeError" in results[0].problem
