"""The hand-written code that issue 9 replaced with libraries, kept as the benchmark's baseline.

`benchmarks/libraries.py` runs each of these against its library replacement on the same input;
nothing in the package imports this module. Copied from the package as it was before the change
(commit 4ee5106): the written-date reader (a strptime list after the standard library's RFC 822
reader), the stage-1 logistic regression's Newton loop, and the dataclass <-> dict pair.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from enum import Enum
from functools import cache
from typing import Any

import numpy as np

_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BASIC_DATE = re.compile(r"^\d{8}$")
_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d", "%B %d %Y", "%b. %d, %Y")


def written_date(text: str) -> str | None:
    """`normalise_date` on text, as it was: ISO, then RFC 822, then the strptime list."""
    if _DATE_ONLY.match(text) or _BASIC_DATE.match(text):
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            return None
    try:
        return datetime.fromisoformat(text).isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def newton_fit(z: np.ndarray, y: np.ndarray, l2: float, steps: int = 25) -> tuple[np.ndarray, float]:
    """L2 logistic regression (intercept unpenalised) on standardised `z`: weights and bias."""
    z = np.hstack([z, np.ones((len(z), 1))])
    y = y.astype(float)
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        grad = z.T @ (p - y) + penalty * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1])


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


def from_dict(cls: type, data: dict[str, Any]) -> Any:
    """Rebuild a model object of type `cls` from `to_dict` output; unknown keys are ignored."""
    hints = _hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: _build(hints[k], v) for k, v in data.items() if k in known})
