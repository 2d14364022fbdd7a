"""A database that goes away or cannot be reached is a 503 with a retry hint, never a 500."""

from __future__ import annotations

import pytest

from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.web.problems import status_of


@pytest.mark.parametrize(
    "error",
    [
        ClaimgraphError(Errors.E095, db="postgresql://db/x", problem="server closed the connection"),
        ClaimgraphError(Errors.E001, db="postgresql://db/x", problem="connection refused"),
    ],
)
def test_a_database_that_went_away_is_503(error: ClaimgraphError) -> None:
    assert status_of(error) == 503


def test_a_missing_claim_is_still_404() -> None:
    assert status_of(ClaimgraphError(Errors.E016, claim_id="x", db="s.db")) == 404
