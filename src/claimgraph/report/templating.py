"""The jinja2 environment every report template renders in: autoescape on, strict about names.

Kept apart from `page.py` so a section (the CLI's timeline picture) can render its own
template without assembling the whole page.
"""

from __future__ import annotations

from typing import Any

import jinja2

ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("claimgraph.report", "templates"),
    autoescape=True,  # every template, whatever its suffix: export text is always escaped
    undefined=jinja2.StrictUndefined,  # a misspelt field is an error in the tests, not an empty cell
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(template: str, **context: Any) -> str:
    """One template of `report/templates/` rendered with the given values."""
    return ENV.get_template(template).render(**context)
