"""Alembic migrations: an empty database upgrades to head, head matches the models, on SQLite and PostgreSQL."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import List, Optional

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from bot.ops import postgres
from bot.storage import get_engine
from bot.storage.__main__ import main as storage_cli
from bot.storage.migrate import current, downgrade, ensure_schema, head, metadata, owned, upgrade

BASELINE = ["appointment_requests", "webhook_deliveries", "handoff_requests", "console_users", "console_reviews",
            "console_audit", "console_sessions", "kb_topics", "kb_facts", "kb_quotes", "kb_meta"]


def differences(url: str) -> List[tuple]:
    """What autogenerate would still add, drop or change to make the database match the models."""
    with get_engine(url).connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": owned, "compare_type": True})
        return compare_metadata(context, metadata())


def test_an_empty_database_upgrades_to_head_and_matches_the_models(db_url: str) -> None:
    assert current(db_url) is None
    upgrade(db_url)
    assert current(db_url) == head()
    assert differences(db_url) == []  # a model changed without a revision fails here
    assert "conversation_summaries" in inspect(get_engine(db_url)).get_table_names()


def test_a_database_made_by_create_all_is_adopted(db_url: str) -> None:
    tables = [metadata().tables[name] for name in BASELINE]
    metadata().create_all(get_engine(db_url), tables=tables)
    upgrade(db_url)
    assert current(db_url) == head() and differences(db_url) == []


def test_downgrade_and_up_again(db_url: str) -> None:
    upgrade(db_url)
    downgrade(db_url, "0001")
    assert "conversation_summaries" not in inspect(get_engine(db_url)).get_table_names()
    downgrade(db_url)
    assert inspect(get_engine(db_url)).get_table_names() == ["alembic_version"]
    upgrade(db_url)
    assert current(db_url) == head()


def test_migrate_command_and_ensure_schema(db_url: str, capsys: pytest.CaptureFixture) -> None:
    ensure_schema(db_url)
    assert current(db_url) == head()
    assert storage_cli(["migrate"]) == 0  # DATABASE_URL is db_url; already at head: nothing to do
    assert f"revision {head()}" in capsys.readouterr().out


def _migrate_in_another_process(url: str) -> Optional[str]:
    ensure_schema(url)
    return current(url)


def test_processes_starting_together_migrate_once(db_url: str) -> None:
    """Rasa, the action server and the console may all start on a fresh database at once."""
    with ProcessPoolExecutor(3, mp_context=get_context("spawn")) as pool:
        revisions = list(pool.map(_migrate_in_another_process, [db_url] * 3))
    assert revisions == [head()] * 3 and differences(db_url) == []


def test_postgresql_upgrades_to_head_and_matches_the_models() -> None:
    if not postgres.available():
        pytest.skip("PostgreSQL is not running on 127.0.0.1:5432 (HFS_PG_ADMIN_DSN)")
    with postgres.scratch_database("hfs_migrations") as (url, _name, _role):
        try:
            upgrade(url)
            assert current(url) == head()
            assert differences(url) == []
        finally:
            get_engine(url).dispose()


def test_a_fresh_checkout_without_its_data_folder_migrates(tmp_path: Path) -> None:
    """make run on a fresh clone: var/ does not exist yet, and the lock file must not need it."""
    url = f"sqlite:///{tmp_path}/not-yet/var/hfs.db"
    upgrade(url)
    assert current(url) == head()
