"""Staff notifications: queued with the stored request, retried with backoff from the database, dead after N.

A local HTTP server stands in for the clinic's webhook and aiosmtpd for its mail server; time is a fake clock.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator, List

import pytest
from aiosmtpd.controller import Controller

from bot.appointments import notifications, outbox
from bot.appointments.delivery import deliver_due, main, run_once
from bot.appointments.follow_up import badge_counts, dead_deliveries
from bot.appointments.notify import request_payload
from bot.appointments.repository import NewRequest, save_request
from bot.ops.stack import free_port
from tests.local_servers import Hook, Mailbox

REQUEST = NewRequest(
    full_name="Maria Lopez", date_of_birth="1965-03-14", phone="+15551234567", email="maria@example.org",
    visit_reason="Botox treatment", patient_status="new", preferred_times="mornings",
    consent=True, channel="rest", sender_id="patient-1",
)
T0 = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(minutes=5)  # after every enqueue below
BACKOFF = 10  # seconds


@pytest.fixture()
def hook() -> Iterator:
    made: List[Hook] = []

    def make(*codes: int) -> Hook:
        made.append(Hook(list(codes)))
        return made[-1]

    yield make
    for h in made:
        h.server.shutdown()


@pytest.fixture()
def smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[Mailbox]:
    box = Mailbox(free_port())
    controller = Controller(box, hostname="127.0.0.1", port=box.port)
    controller.start()
    monkeypatch.setenv("HFS_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("HFS_SMTP_PORT", str(box.port))
    monkeypatch.setenv("HFS_SMTP_TO", "front-desk@clinic.test, nurse@clinic.test")
    monkeypatch.setenv("HFS_SMTP_FROM", "assistant@clinic.test")
    yield box
    controller.stop()


@pytest.fixture()
def clinic(db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("HFS_NOTIFY_BACKOFF", str(BACKOFF))
    monkeypatch.setenv("HFS_NOTIFY_MAX_ATTEMPTS", "4")
    monkeypatch.setenv("HFS_CONSOLE_URL", "https://console.clinic.test")
    return db_url


def webhook(monkeypatch: pytest.MonkeyPatch, h: Hook) -> None:
    monkeypatch.setenv("HFS_STAFF_WEBHOOK_URL", h.url)


def rows(reference: str, url: str) -> dict:
    return {n.channel: n for n in notifications.for_subject(reference, url)}


def test_storing_a_request_queues_one_notification_per_channel_once(clinic: str, monkeypatch, hook, smtp) -> None:
    webhook(monkeypatch, hook())
    reference = save_request(REQUEST, clinic)
    assert save_request(REQUEST, clinic) == reference  # a double submit stores and queues nothing more
    queued = rows(reference, clinic)
    assert sorted(queued) == ["email", "webhook"]
    assert {(n.kind, n.status, n.attempts) for n in queued.values()} == {("appointment_request", "pending", 0)}


def test_nothing_is_queued_when_no_channel_is_configured(clinic: str) -> None:
    assert rows(save_request(REQUEST, clinic), clinic) == {}


def test_failures_back_off_exponentially_then_deliver(clinic: str, monkeypatch, hook) -> None:
    h = hook(503, 500)
    webhook(monkeypatch, h)
    reference = save_request(REQUEST, clinic)
    assert deliver_due(clinic, now=T0) == {"pending": 1}
    first = rows(reference, clinic)["webhook"]
    assert first.attempts == 1 and first.last_error == "HTTP 503"
    assert notifications.aware(first.next_attempt_at) == T0 + timedelta(seconds=BACKOFF)
    assert deliver_due(clinic, now=T0 + timedelta(seconds=BACKOFF - 1)) == {}  # not due yet
    assert deliver_due(clinic, now=T0 + timedelta(seconds=BACKOFF)) == {"pending": 1}
    second = rows(reference, clinic)["webhook"]
    assert notifications.aware(second.next_attempt_at) == T0 + timedelta(seconds=3 * BACKOFF)  # then 2×
    assert deliver_due(clinic, now=T0 + timedelta(seconds=3 * BACKOFF)) == {"delivered": 1}
    done = rows(reference, clinic)["webhook"]
    assert (done.status, done.attempts, done.last_error) == ("delivered", 3, None)
    assert len(h.bodies) == 3 and h.bodies[-1] == request_payload(reference, clinic)  # today's payload
    assert h.headers[-1]["X-HFS-Reference"] == reference
    assert h.headers[-1]["X-HFS-Event"] == "appointment_request.created"
    assert deliver_due(clinic, now=T0 + timedelta(days=1)) == {}  # delivered once, never again


def test_backoff_doubles_and_is_capped() -> None:
    assert [notifications.backoff(n, 30).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert notifications.backoff(30, 30) == notifications.MAX_DELAY


def test_dead_after_max_attempts_listed_and_retried(clinic: str, monkeypatch, hook) -> None:
    h = hook(*[503] * 4)
    webhook(monkeypatch, h)
    reference = save_request(REQUEST, clinic)
    moment = T0
    for _ in range(4):
        deliver_due(clinic, now=moment)
        moment += timedelta(hours=1)
    dead = rows(reference, clinic)["webhook"]
    assert (dead.status, dead.attempts) == ("dead", 4)
    assert [d.subject for d in dead_deliveries(clinic)] == [reference]
    assert badge_counts(clinic).dead_deliveries == 1
    assert deliver_due(clinic, now=moment + timedelta(days=1)) == {}  # dead stays dead
    assert notifications.retry(dead.id, now=moment, url=clinic)
    assert not notifications.retry(dead.id, now=moment, url=clinic)  # only dead rows can be retried
    assert deliver_due(clinic, now=moment) == {"delivered": 1}
    assert dead_deliveries(clinic) == [] and len(h.bodies) == 5


def test_a_refused_payload_is_dead_at_once(clinic: str, monkeypatch, hook) -> None:
    webhook(monkeypatch, hook(400))
    reference = save_request(REQUEST, clinic)
    assert deliver_due(clinic, now=T0) == {"dead": 1}
    assert rows(reference, clinic)["webhook"].last_error == "HTTP 400"


def test_unreachable_webhook_is_retried_later(clinic: str, monkeypatch) -> None:
    monkeypatch.setenv("HFS_STAFF_WEBHOOK_URL", f"http://127.0.0.1:{free_port()}/none")
    reference = save_request(REQUEST, clinic)
    assert deliver_due(clinic, now=T0) == {"pending": 1}
    assert rows(reference, clinic)["webhook"].last_error == "URLError"


def test_a_claimed_row_is_not_sent_twice_but_survives_a_crashed_worker(clinic: str, monkeypatch, hook) -> None:
    webhook(monkeypatch, hook())
    reference = save_request(REQUEST, clinic)
    claimed = notifications.claim_due(T0, url=clinic)  # a worker takes it, then dies before sending
    assert [c.subject for c in claimed] == [reference]
    assert notifications.claim_due(T0, url=clinic) == []  # a second worker does not take it meanwhile
    assert deliver_due(clinic, now=T0 + notifications.LEASE) == {"delivered": 1}  # after the lease, it is sent


def test_email_carries_the_reference_reason_and_link_but_no_personal_data(clinic: str, smtp: Mailbox) -> None:
    reference = save_request(REQUEST, clinic)
    assert deliver_due(clinic, now=T0) == {"delivered": 1}
    [(recipients, message)] = smtp.messages
    assert recipients == ["front-desk@clinic.test", "nurse@clinic.test"]
    assert message["Subject"] == f"New appointment request {reference}"
    body = message.get_payload()
    assert reference in body and "Reason: Botox treatment" in body
    assert "https://console.clinic.test/appointments" in body
    for personal in ("Maria", "Lopez", "1965", "5551234567", "maria@example.org", "mornings"):
        assert personal not in body + str(message)


def test_a_free_text_reason_is_not_emailed(clinic: str, smtp: Mailbox) -> None:
    save_request(replace(REQUEST, visit_reason="my neighbour Tom Baker says it is a tumour"), clinic)
    deliver_due(clinic, now=T0)
    body = smtp.messages[0][1].get_payload()
    assert "Reason: Other (see the console)" in body and "Tom" not in body


def test_smtp_down_is_retried_then_delivered(clinic: str, monkeypatch, smtp: Mailbox) -> None:
    monkeypatch.setenv("HFS_SMTP_PORT", str(free_port()))  # nothing listens there
    reference = save_request(REQUEST, clinic)
    assert deliver_due(clinic, now=T0) == {"pending": 1}
    assert rows(reference, clinic)["email"].last_error == "ConnectionRefusedError"
    monkeypatch.setenv("HFS_SMTP_PORT", str(smtp.port))  # the mail server is back
    assert deliver_due(clinic, now=T0 + timedelta(seconds=BACKOFF)) == {"delivered": 1}
    assert len(smtp.messages) == 1


def test_a_request_recovered_from_the_outbox_reaches_the_webhook_and_email(
        clinic: str, monkeypatch, hook, smtp: Mailbox, tmp_path: Path) -> None:
    h = hook()
    webhook(monkeypatch, h)
    box = tmp_path / "outbox.jsonl"
    assert outbox.keep(REQUEST, box)  # the database was down when the patient confirmed
    assert h.bodies == [] and smtp.messages == []
    outcome = run_once(clinic)  # the worker's pass: flush the outbox, then send
    reference = REQUEST.reference()
    assert outbox.pending(box) == []
    assert outcome == {"delivered": 2}
    assert [b["reference"] for b in h.bodies] == [reference] and h.bodies[0]["full_name"] == "Maria Lopez"
    assert reference in smtp.messages[0][1]["Subject"]


def test_logs_name_no_patient(clinic: str, monkeypatch, hook, caplog: pytest.LogCaptureFixture) -> None:
    webhook(monkeypatch, hook(503))
    save_request(REQUEST, clinic)
    with caplog.at_level(logging.DEBUG):
        deliver_due(clinic, now=T0)
    assert "(appointment_request by webhook): pending after HTTP 503" in caplog.text
    for personal in ("Maria", "Lopez", "1965", "5551234567", "maria@example.org", "patient-1"):
        assert personal not in caplog.text


def test_the_command_sends_what_is_due(clinic: str, monkeypatch, hook, capsys: pytest.CaptureFixture) -> None:
    h = hook()
    webhook(monkeypatch, h)
    save_request(REQUEST, clinic)
    assert main(["--once"]) == 0
    assert capsys.readouterr().out.strip() == "delivered: 1" and len(h.bodies) == 1
    assert main(["--once"]) == 0
    assert capsys.readouterr().out.strip() == "nothing due"
