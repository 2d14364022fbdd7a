"""Hand memory the corpus stage freed back to the system between its steps.

glibc's malloc keeps freed memory in its heaps for reuse, so a step's peak (the claims step's
sentence vectors, a batch of stances) stays in the process's RSS while the next step runs and
adds its own. `malloc_trim(0)` returns the free pages at the top and in the middle of every
heap. What it saved and cost on a rebuild: docs/benchmarks.md, "Corpus stage memory (issue 11,
mem14)". Elsewhere than glibc (macOS, musl) it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc
from collections.abc import Callable


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        return ctypes.CDLL(name).malloc_trim  # type: ignore[no-any-return]
    except (OSError, AttributeError):  # not glibc
        return None


def release_memory() -> bool:
    """Collect cycles, then give the heaps' free pages back (glibc); whether it could trim."""
    gc.collect()
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
