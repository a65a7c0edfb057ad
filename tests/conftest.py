"""Shared fixtures: an isolated database and data directory for each test."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pytest

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ["HFS_OUTBOX_WORKER"] = "0"  # tests flush the outbox themselves
os.environ["HFS_SUMMARY_WORKER"] = "0"  # tests sync the console summaries where the console would
os.environ.setdefault("HFS_DATA_KEYS", "uTTLF3hjNKm3Qz4m1Fz8oV1c9jOQ3q0bqZb5yZfWc3U=")  # a test-only key

from bot.knowledge.repository import invalidate_cache, load_facts  # noqa: E402
from bot.storage import reset_engines  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TEST_DATA = ROOT / "tests" / "data"


@pytest.fixture()
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh SQLite database (and outbox) for one test, set as DATABASE_URL."""
    url = f"sqlite:///{tmp_path / 'test.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("HFS_OUTBOX_PATH", str(tmp_path / "outbox.jsonl"))
    reset_engines()
    invalidate_cache()
    yield url
    reset_engines()
    invalidate_cache()


@pytest.fixture()
def kb(db_url: str) -> str:
    """A database with the knowledge base loaded."""
    load_facts(url=db_url)
    return db_url
