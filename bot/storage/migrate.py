"""Alembic migrations of the project's own tables: ``python -m bot.storage migrate`` upgrades to head.

``make run``, ``make kb`` and ``make test`` run it first. ``ensure_schema`` is the in-process form
for code and tests that open a database nobody migrated yet.
"""

from __future__ import annotations

import fcntl
import os
import tempfile
import threading
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Sequence, Tuple

from alembic import command, op
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Column, MetaData, inspect, text
from sqlalchemy.types import TypeDecorator

from bot.settings import get_settings
from bot.storage.db import Base, get_engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_lock = threading.Lock()
LOCK_KEY = 7_351_209  # PostgreSQL advisory lock id for migrations


def metadata() -> MetaData:
    """Every table the project owns (importing the model modules registers them)."""
    import bot.appointments.models  # noqa: F401
    import bot.console.models  # noqa: F401
    import bot.knowledge.models  # noqa: F401
    import bot.storage.summaries  # noqa: F401

    return Base.metadata


def owned(obj: Any, name: Optional[str], type_: str, reflected: bool, compare_to: Any) -> bool:
    """Compare only the project's tables (and what is on them), not Rasa's ``events``."""
    if type_ == "table":
        return name in metadata().tables
    return True


def create_missing(name: str, *columns: Column, indexes: Iterable[Sequence[str]] = (),
                   unique: Iterable[Sequence[str]] = (), named: Iterable[Tuple[str, Sequence[str]]] = ()) -> None:
    """In a revision: create a table and its indexes unless ``create_all`` already made it.

    ``indexes``/``unique`` are one-column indexes named as SQLAlchemy names ``index=True`` columns.
    """
    if inspect(op.get_bind()).has_table(name):
        return
    op.create_table(name, *columns)
    for cols in indexes:
        op.create_index(f"ix_{name}_{'_'.join(cols)}", name, list(cols))
    for cols in unique:
        op.create_index(f"ix_{name}_{'_'.join(cols)}", name, list(cols), unique=True)
    for index_name, cols in named:
        op.create_index(index_name, name, list(cols))


def drop(*names: str) -> None:
    """In a revision's downgrade: drop tables (with their indexes)."""
    for name in names:
        op.drop_table(name)


def render_item(type_: str, obj: Any, autogen_context: Any) -> Any:
    """Autogenerate writes an encrypted column as its stored type (Text), so revisions import nothing of ours."""
    if type_ == "type" and isinstance(obj, TypeDecorator):
        return f"sa.{type(obj.impl_instance).__name__}()"
    return False


def skip_empty(context: Any, revision: Any, directives: list) -> None:
    """Autogenerate writes no revision when the models match head."""
    if directives and directives[0].upgrade_ops.is_empty():
        directives[:] = []


def autogenerate(message: str) -> str:
    """Write the next revision from the difference between the models and head; returns its path."""
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/scratch.db"
        upgrade(url)
        config = alembic_config(url)
        try:
            with get_engine(url).begin() as conn:
                config.attributes["connection"] = conn
                script = command.revision(config, message=message, autogenerate=True,
                                          rev_id=f"{int(head()) + 1:04d}")
        finally:
            get_engine(url).dispose()
    head.cache_clear()
    return str(script.path) if script else ""


def alembic_config(url: Optional[str] = None) -> Config:
    """An Alembic configuration for ``url`` (default DATABASE_URL), without an ini file."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["url"] = url or get_settings().database_url
    return config


def database_url(config: Config) -> str:
    """The URL a configuration was made for."""
    return str(config.attributes.get("url") or get_settings().database_url)


@lru_cache(maxsize=1)
def head() -> str:
    """The newest revision."""
    return str(ScriptDirectory.from_config(alembic_config()).get_current_head())


def current(url: Optional[str] = None) -> Optional[str]:
    """The revision a database is at (None before the first migration)."""
    with get_engine(url).connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@contextmanager
def _exclusive(url: str) -> Iterator[None]:
    """Hold off other processes migrating the same database (PostgreSQL advisory lock; a lock file for SQLite)."""
    if url.startswith("postgresql"):
        with get_engine(url).connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": LOCK_KEY})
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": LOCK_KEY})
                conn.commit()
    elif url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        get_engine(url)  # creates the database's folder (a fresh clone has no var/ yet) and file, 0600
        descriptor = os.open(f"{url[len('sqlite:///'):]}.migrate-lock", os.O_WRONLY | os.O_CREAT, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
    else:
        yield


def upgrade(url: Optional[str] = None, revision: str = "head") -> None:
    """Upgrade the database at ``url`` to ``revision`` (one process at a time)."""
    config = alembic_config(url)
    with _exclusive(database_url(config)), get_engine(database_url(config)).begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def downgrade(url: Optional[str] = None, revision: str = "base") -> None:
    """Downgrade the database at ``url`` to ``revision`` (dropping what later revisions made)."""
    config = alembic_config(url)
    with _exclusive(database_url(config)), get_engine(database_url(config)).begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, revision)


def ensure_schema(url: Optional[str] = None) -> None:
    """Upgrade to head unless the database is there already (one small query when it is)."""
    url = url or get_settings().database_url
    if current(url) != head():
        with _lock:
            if current(url) != head():
                upgrade(url)
