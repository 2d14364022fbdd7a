"""Schemathesis against /openapi.json: generated requests to every GET operation get answers
that match the schema (documented status codes, JSON bodies of the declared shape) and never a
server error. Bounded: `EXAMPLES` per operation (about 10 s in all). The POSTs are left out: a
valid generated document runs the whole pipeline and a valid claim the stance model, seconds
each; tests/web/test_writes.py and test_security.py cover them.

Schemathesis's pytest plugin does not load with this pytest, so each operation's Hypothesis
strategy is driven directly.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

EXAMPLES = 30
# Not `positive_data_acceptance`: a schema-valid but made-up cursor is rightly refused with 400.
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def test_web_schema_get_operations_keep_their_contract(example_db: str) -> None:
    from claimgraph.web import create_app

    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(example_db))
    operations = [r.ok() for r in schema.get_all_operations()]
    gets = [op for op in operations if op.method.upper() == "GET"]
    assert len(gets) >= 12
    for operation in gets:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None
        )
        def run(case: schemathesis.Case) -> None:
            case.call_and_validate(checks=CHECKS)

        run()
