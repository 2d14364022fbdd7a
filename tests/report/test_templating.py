"""The report's jinja2 environment: text is escaped and a misspelt field is an error."""

from __future__ import annotations

import jinja2
import pytest

from claimgraph.report.templating import ENV


def test_templates_escape_text() -> None:
    html = ENV.from_string("<p>{{ text }}</p>").render(
        text='<script>alert(1)</script><a href="javascript:x">'
    )
    assert "<script>" not in html and "&lt;script&gt;" in html and 'href="javascript' not in html


def test_a_missing_field_is_an_error_not_an_empty_cell() -> None:
    with pytest.raises(jinja2.UndefinedError):
        ENV.from_string("{{ missing }}").render()
