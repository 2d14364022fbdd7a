"""Sidecar JSON names for single-document files."""

from __future__ import annotations

import pytest

from claimgraph.ingest.sidecar import sidecar_names


@pytest.mark.parametrize(
    ("name", "sidecars"),
    [
        ("a.txt", ("a.json", "a.txt.json")),
        ("a.b.html.gz", ("a.b.json", "a.b.html.json")),
        ("README", ("README.json",)),
        ("a.json", ()),
    ],
)
def test_sidecar_names(name, sidecars):
    assert sidecar_names(name) == sidecars
