"""Shared fixtures: real databases (SQLite file, local PostgreSQL) and small evaluations.

PostgreSQL and Chromium tests skip with a reason when those are missing, unless
ITEXIT_REQUIRE_POSTGRES=1 / ITEXIT_REQUIRE_BROWSER=1 (as `.ci/run` sets), which turns the skip
into a failure so CI can never pass without them.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy

from itexit.checklist import Checklist, builtin_checklist
from itexit.evaluation import Evaluation
from itexit.store import Store

POSTGRES_URL = os.environ.get(
    "ITEXIT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def require_or_skip(variable: str, reason: str) -> None:
    """Skip with `reason`, or fail when the environment says this part is required."""
    if os.environ.get(variable) == "1":
        pytest.fail(f"{reason} ({variable}=1 makes this required)")
    pytest.skip(reason)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'itexit.db'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh schema on the local PostgreSQL server, dropped afterwards."""
    schema = f"itexit_test_{secrets.token_hex(4)}"
    try:
        admin = sqlalchemy.create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    except Exception as exc:
        require_or_skip("ITEXIT_REQUIRE_POSTGRES", f"no PostgreSQL server at {POSTGRES_URL}: {exc}")
    separator = "&" if "?" in POSTGRES_URL else "?"
    yield f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> str:
    """Each test using this runs once on SQLite and once on PostgreSQL."""
    name = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    return str(request.getfixturevalue(name))


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    store = Store(database_url)
    yield store
    store.dispose()


@pytest.fixture
def checklist() -> Checklist:
    return builtin_checklist()


@pytest.fixture
def evaluation(checklist: Checklist) -> Evaluation:
    """A fresh evaluation with a current provider and two candidates, nothing scored."""
    return (
        Evaluation.new("Acme review", checklist)
        .with_provider("Oldco IT", current=True)
        .with_provider("Nimbus IT")
        .with_provider("Bluegate")
    )


NEW_IN_2026_2 = ("security.provider_least_privilege", "policies.exit_offboarding")
"""The criteria checklist 2026.2 added to what 2026.1 asked."""


@pytest.fixture
def old_checklist(checklist: Checklist) -> Checklist:
    """The built-in checklist as ITexit 2026.1 shipped it: no sources, without the criteria
    added since. An evaluation made then keeps this copy."""
    essentials = tuple(
        e.model_copy(
            update={
                "criteria": tuple(
                    c.model_copy(update={"sources": ()})
                    for c in e.criteria
                    if c.id not in NEW_IN_2026_2
                )
            }
        )
        for e in checklist.essentials
    )
    return checklist.model_copy(update={"version": "2026.1", "essentials": essentials})


@pytest.fixture(scope="session")
def soffice() -> str:
    """The path of LibreOffice's `soffice`; skips without it (fails when
    ITEXIT_REQUIRE_LIBREOFFICE=1, as CI sets)."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        require_or_skip("ITEXIT_REQUIRE_LIBREOFFICE", "LibreOffice (soffice) is not installed")
    return str(found)
