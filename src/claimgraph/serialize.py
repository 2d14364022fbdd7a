"""Model types to JSON-ready dicts and back, for every dataclass in `claimgraph.model`.

pydantic does both directions from the dataclasses' type hints (one generic pair, not one per
type): field names are the JSON keys, so the names in model.py and in the export contract cannot
drift apart. Tuples become lists, enums their values, and `from_dict` rebuilds nested types.
`python benchmarks/libraries.py serialize` compares it with the hand-written pair it replaced.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import TypeAdapter
from pydantic_core import to_jsonable_python

T = TypeVar("T")


def to_dict(obj: Any) -> Any:
    """A model object (or a list/tuple/dict of them) as plain JSON values."""
    return to_jsonable_python(obj)


# One adapter per type: building one compiles a validator (milliseconds), reusing it is cheap.
_ADAPTERS: dict[type, TypeAdapter[Any]] = {}


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a model object of type `cls` from `to_dict` output; unknown keys are ignored."""
    adapter = _ADAPTERS.get(cls) or _ADAPTERS.setdefault(cls, TypeAdapter(cls))
    built: T = adapter.validate_python(data)
    return built
