"""Fixtures of the engine tests: a local 2-CPU Ray cluster per module (`pg_url`: tests/conftest.py).

The engines join a running cluster, so a module's tests share one (starting Ray takes seconds).
PostgreSQL comes from `CLAIMGRAPH_TEST_PG_URL` or a throwaway local cluster (`tests/pg_server.py`).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import ray


@pytest.fixture(scope="module")
def cluster() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()
