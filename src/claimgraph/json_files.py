"""The packaged data files read as JSON objects (cue lists, lexicons): one numbered error,
naming the file, for text that is not JSON or not an object."""

from __future__ import annotations

import json
from typing import Any

from claimgraph.errors import ClaimgraphError, Errors


def json_object(text: str, path: str, error: Errors) -> dict[str, Any]:
    """The JSON object in `text`; anything else is `error` with `path` and what is wrong."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ClaimgraphError(error, path=path, problem=f"not JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise ClaimgraphError(error, path=path, problem="not a JSON object")
    return data
