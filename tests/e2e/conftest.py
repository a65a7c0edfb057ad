"""Start the real servers once for the end-to-end tests."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from bot.knowledge.repository import load_facts
from bot.ops.stack import MODEL, Stack


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """Action server + Rasa on free ports, with their own SQLite database."""
    if not MODEL.exists():
        pytest.fail("No trained model: run `make train` first")
    workdir: Path = tmp_path_factory.mktemp("stack")
    url = f"sqlite:///{workdir / 'hfs.db'}"
    load_facts(url=url)
    stack = Stack(workdir=workdir, database_url=url)
    try:
        stack.start()
        yield stack
    finally:
        stack.stop()
