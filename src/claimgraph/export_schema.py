"""Generate `export.schema.json` (JSON Schema 2020-12) from the export's types in `export_types.py`.

    python -m claimgraph.export_schema            # print the schema
    python -m claimgraph.export_schema --check    # exit 1 when export.schema.json is stale

A walk of the TypedDict annotations rather than pydantic's generator: the output is the same on
every install (pydantic's changes with its version, which would make the stale check flaky), and
every object is closed (`additionalProperties: false`), so an export field without a type fails.
"""

from __future__ import annotations

import json
import sys
import types
from enum import Enum
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints, is_typeddict

from claimgraph.export_types import Export

SCHEMA_FILE = "export.schema.json"  # at the repository root
DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCALARS: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
    type(None): {"type": "null"},
    Any: {},
}


def _schema(hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    """The JSON Schema of one annotation; TypedDicts and enums go to `$defs` once, by name."""
    if hint in SCALARS:
        return dict(SCALARS[hint])
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        return {"anyOf": [_schema(a, defs) for a in get_args(hint)]}
    if origin is Literal:
        return {"enum": list(get_args(hint))}
    if origin is list:
        return {"type": "array", "items": _schema(get_args(hint)[0], defs)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _schema(get_args(hint)[1], defs)}
    if isinstance(hint, type) and issubclass(hint, Enum):
        defs.setdefault(hint.__name__, {"enum": [m.value for m in hint]})
        return {"$ref": f"#/$defs/{hint.__name__}"}
    if is_typeddict(hint):
        if hint.__name__ not in defs:
            defs[hint.__name__] = {}  # placeholder first: a record may nest its own kind
            defs[hint.__name__] = _object(hint, defs)
        return {"$ref": f"#/$defs/{hint.__name__}"}
    raise TypeError(f"export_schema: no JSON Schema for the annotation {hint!r}")


def _object(cls: Any, defs: dict[str, Any]) -> dict[str, Any]:
    hints = get_type_hints(cls)
    node: dict[str, Any] = {"type": "object"}
    if cls.__doc__:
        node["description"] = " ".join(cls.__doc__.split())
    node["properties"] = {name: _schema(hint, defs) for name, hint in hints.items()}
    node["required"] = sorted(cls.__required_keys__)
    node["additionalProperties"] = False
    return node


def export_schema() -> dict[str, Any]:
    """The schema of `claimgraph export --format json`, with every record type under `$defs`."""
    defs: dict[str, Any] = {}
    root = _object(Export, defs)
    return {
        "$schema": DIALECT,
        "title": "claimgraph export",
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def schema_text() -> str:
    """The schema as the checked-in file holds it: indented, keys in a stable order, a final newline."""
    return json.dumps(export_schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Print the schema; with `--check PATH` compare it with a file; with `--write PATH` write it."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) == 2 and args[0] in ("--check", "--write"):
        path = Path(args[1])
        if args[0] == "--write":
            path.write_text(schema_text(), encoding="utf-8")
            return 0
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != schema_text():
            sys.stderr.write(f"{path} is stale: run python -m claimgraph.export_schema --write {path}\n")
            return 1
        return 0
    sys.stdout.write(schema_text())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
