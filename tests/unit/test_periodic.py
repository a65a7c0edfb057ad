"""The action server's background passes: started once, run at once and again, never fatal, switchable off."""

from __future__ import annotations

import threading

import pytest

from bot.appointments import periodic


def test_a_pass_runs_again_after_a_failure_and_starts_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HFS_TEST_WORKER", raising=False)
    calls, twice = [], threading.Event()

    def work() -> None:
        calls.append(1)
        if len(calls) > 2:
            threading.Event().wait()  # park the daemon thread for the rest of the test run
        if len(calls) == 2:
            twice.set()
        raise RuntimeError("storage down")  # logged; the next pass comes anyway

    first = periodic.start("test-worker", 0.01, work, "HFS_TEST_WORKER")
    assert first is not None and twice.wait(5)
    assert periodic.start("test-worker", 0.01, work, "HFS_TEST_WORKER") is first


def test_switched_off_it_starts_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HFS_TEST_OFF", "0")
    assert periodic.start("test-off", 0.01, lambda: None, "HFS_TEST_OFF") is None
