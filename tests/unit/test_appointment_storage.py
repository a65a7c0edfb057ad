"""Storage rules: one row per request, nothing lost when the database fails, webhook retries."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from typing import Iterator, List

import pytest
from sqlalchemy import func, select

from bot.appointments import outbox
from bot.appointments.models import AppointmentRequest
from bot.appointments.notify import notify_staff
from bot.appointments.repository import (
    NewRequest,
    StorageError,
    deliveries,
    find_request,
    list_requests,
    save_request,
    set_status,
)
from bot.storage import session_scope
from tests.local_servers import Hook

REQUEST = NewRequest(
    full_name="Maria Lopez", date_of_birth="1965-03-14", phone="+15551234567", email=None,
    visit_reason="Botox treatment", patient_status="new", preferred_times="mornings",
    consent=True, channel="rest", sender_id="patient-1",
)
BROKEN_URL = "postgresql+psycopg2://nobody@127.0.0.1:1/nothing?connect_timeout=1"


def count(url: str) -> int:
    with session_scope(url) as s:
        return s.execute(select(func.count()).select_from(AppointmentRequest)).scalar_one()


def test_saved_request_has_reference_status_and_origin(db_url: str) -> None:
    reference = save_request(REQUEST, db_url)
    row = find_request(reference, db_url)
    assert reference.startswith("HFS-") and len(reference) == 10
    assert (row.status, row.channel, row.sender_id) == ("new", "rest", "patient-1")
    assert row.created_at is not None


def test_double_submit_stores_one_row(db_url: str) -> None:
    first = save_request(REQUEST, db_url)
    second = save_request(REQUEST, db_url)
    assert first == second and count(db_url) == 1


def test_concurrent_identical_submits_store_one_row(db_url: str) -> None:
    save_request(replace(REQUEST, sender_id="warmup"), db_url)  # create tables first
    results: List[str] = []
    threads = [threading.Thread(target=lambda: results.append(save_request(REQUEST, db_url)))
               for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(results)) == 1 and count(db_url) == 2


def test_different_requests_get_different_references(db_url: str) -> None:
    a = save_request(REQUEST, db_url)
    b = save_request(replace(REQUEST, preferred_times="afternoons"), db_url)
    assert a != b and count(db_url) == 2


def test_status_changes(db_url: str) -> None:
    reference = save_request(REQUEST, db_url)
    assert set_status(reference, "contacted", db_url)
    assert [r.reference for r in list_requests("contacted", db_url)] == [reference]
    assert not set_status("HFS-NONE00", "closed", db_url)
    with pytest.raises(ValueError):
        set_status(reference, "lost", db_url)


def test_database_failure_raises_storage_error() -> None:
    with pytest.raises(StorageError):
        save_request(REQUEST, BROKEN_URL)


def test_outbox_keeps_and_later_stores_once(db_url: str, tmp_path: Path) -> None:
    box = tmp_path / "outbox.jsonl"
    assert outbox.keep(REQUEST, box) and outbox.keep(REQUEST, box)
    assert outbox.flush(box, BROKEN_URL) == []  # still down: nothing lost
    assert len(outbox.pending(box)) == 2
    stored = outbox.flush(box, db_url)  # storage is back
    assert len(set(stored)) == 1 and count(db_url) == 1
    assert outbox.pending(box) == []


@pytest.fixture()
def receiver() -> Iterator:
    made = []

    def make(failures: int, status: int = 503) -> Hook:
        made.append(Hook([status] * failures))  # fails the first ``failures`` posts
        return made[-1]

    yield make
    for r in made:
        r.server.shutdown()


def test_webhook_retries_until_delivered(db_url: str, receiver) -> None:
    reference = save_request(REQUEST, db_url)
    hook = receiver(failures=2)
    assert notify_staff(reference, hook.url, attempts=4, backoff=0, db_url=db_url, sleep=lambda _: None)
    assert [d.ok for d in deliveries(reference, db_url)] == [False, False, True]
    assert hook.bodies[-1]["reference"] == reference and hook.bodies[-1]["full_name"] == "Maria Lopez"


def test_webhook_gives_up_and_records_failure(db_url: str, receiver) -> None:
    reference = save_request(REQUEST, db_url)
    hook = receiver(failures=10)
    assert not notify_staff(reference, hook.url, attempts=3, backoff=0, db_url=db_url, sleep=lambda _: None)
    assert [d.status_code for d in deliveries(reference, db_url)] == [503, 503, 503]


def test_webhook_does_not_retry_a_refused_payload(db_url: str, receiver) -> None:
    reference = save_request(REQUEST, db_url)
    hook = receiver(failures=10, status=400)
    assert not notify_staff(reference, hook.url, attempts=3, backoff=0, db_url=db_url, sleep=lambda _: None)
    assert len(deliveries(reference, db_url)) == 1


def test_unreachable_webhook_is_recorded(db_url: str) -> None:
    reference = save_request(REQUEST, db_url)
    assert not notify_staff(reference, "http://127.0.0.1:9/none", attempts=2, backoff=0,
                            timeout=1, db_url=db_url, sleep=lambda _: None)
    assert [d.error for d in deliveries(reference, db_url)] == ["URLError", "URLError"]
