"""Model types to JSON-ready dicts and back, for every dataclass in `claimgraph.model`.

One generic pair instead of a hand-written pair per type: field names are the JSON keys, so
the names in model.py and in the export contract cannot drift apart. Tuples become lists,
enums their values; `from_dict` rebuilds nested types from the type hints.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from enum import Enum
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


def to_dict(obj: Any) -> Any:
    """A model object (or a list/tuple/dict of them) as plain JSON values."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, list | tuple):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): to_dict(v) for k, v in obj.items()}
    return obj


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _build(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _build(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        (item, *_) = typing.get_args(hint)
        return tuple(_build(item, v) for v in value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return from_dict(hint, value)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    return value


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a model object of type `cls` from `to_dict` output; unknown keys are ignored."""
    hints = _hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    return cls(**{k: _build(hints[k], v) for k, v in data.items() if k in known})
