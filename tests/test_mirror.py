"""Tests mirror the package: every source module with logic has a test module at the mirrored path
(`src/claimgraph/clean/voices.py` -> `tests/clean/test_voices.py`, top level -> `tests/test_x.py`).

When this check arrived (issue 9) 37 modules had none; all have one now, so there is no baseline.
`python tests/test_mirror.py` prints the modules without a test module.
"""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "claimgraph"
TESTS = REPO / "tests"


def has_logic(path: Path) -> bool:
    """A module defines a function or a class with a method: constants and re-exports do not count."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            return True
        if isinstance(node, ast.ClassDef) and any(
            isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) for n in node.body
        ):
            return True
    return False


def mirrored_tests(source: Path) -> tuple[Path, ...]:
    """Where a module's tests may live; a package's `__init__.py` as `test_<package>.py` beside or
    inside its test folder."""
    relative = source.relative_to(PACKAGE)
    if relative.name != "__init__.py":
        return (TESTS / relative.parent / f"test_{relative.stem}.py",)
    if relative.parent == Path("."):
        return (TESTS / "test_api.py",)  # the top-level package is the public API
    name = relative.parent.name
    return (TESTS / relative.parent.parent / f"test_{name}.py", TESTS / relative.parent / f"test_{name}.py")


def without_tests() -> list[str]:
    """Source modules with logic and no test module, relative to the package."""
    return sorted(
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if has_logic(p) and not any(t.exists() for t in mirrored_tests(p))
    )


def test_every_module_has_a_test_module() -> None:
    missing = without_tests()
    assert not missing, f"modules with logic and no mirrored test module: {missing}"


if __name__ == "__main__":
    for module in without_tests():
        print(module)
