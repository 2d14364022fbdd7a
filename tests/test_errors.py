"""Numbered errors: each message starts with its own number, and formats from keyword fields."""

from __future__ import annotations

import re
import string

from claimgraph.errors import ClaimgraphError, Errors


def test_every_message_carries_its_own_number() -> None:
    for error in Errors:
        assert error.value.startswith(f"[{error.name}] "), error.name
        assert re.fullmatch(r"E\d{3}", error.name)


def test_every_message_formats_from_its_fields() -> None:
    for error in Errors:
        fields = {name for _, name, _, _ in string.Formatter().parse(error.value) if name}
        raised = ClaimgraphError(error, **dict.fromkeys(fields, "x"))
        assert raised.code == error.name and "{" not in str(raised) and "\n" not in str(raised)
