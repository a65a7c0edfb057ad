"""Who the patient is, is encrypted at rest: in the appointment table and in the outbox."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import text

from bot.appointments import outbox
from bot.appointments.repository import NewRequest, find_request, save_request
from bot.storage import get_engine, reset_engines
from bot.storage.crypto import MissingKeyError, decrypt, encrypt
from bot.storage.rotation import rotate_keys

REQUEST = NewRequest(
    full_name="Maria Lopez", date_of_birth="1965-03-14", phone="+15551234567", email="maria@example.org",
    visit_reason="Botox treatment", patient_status="new", preferred_times="mornings",
    consent=True, channel="rest", sender_id="patient-1", booked_by="daughter",
)
TYPED = ("Maria", "Lopez", "1965-03-14", "5551234567", "maria@example.org", "daughter")


def raw_row(url: str) -> str:
    with get_engine(url).connect() as conn:
        row = conn.execute(text("SELECT * FROM appointment_requests")).one()
    return " ".join(str(v) for v in row)


def test_personal_columns_are_unreadable_in_the_table(db_url: str) -> None:
    reference = save_request(REQUEST, db_url)
    raw = raw_row(db_url)
    for value in TYPED:
        assert value not in raw, value
    assert "Botox treatment" in raw  # the rest stays queryable
    stored = find_request(reference, db_url)
    assert (stored.full_name, stored.phone, stored.booked_by) == ("Maria Lopez", "+15551234567", "daughter")


def test_a_wrong_key_cannot_read_them(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    reference = save_request(REQUEST, db_url)
    monkeypatch.setenv("HFS_DATA_KEYS", Fernet.generate_key().decode())
    reset_engines()
    with pytest.raises(MissingKeyError):
        find_request(reference, db_url)


def test_rotation_moves_every_row_to_the_new_key(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    old = os.environ["HFS_DATA_KEYS"]
    reference = save_request(REQUEST, db_url)
    new = Fernet.generate_key().decode()
    monkeypatch.setenv("HFS_DATA_KEYS", f"{new},{old}")
    assert rotate_keys(db_url) == {"appointment_requests": 1}
    monkeypatch.setenv("HFS_DATA_KEYS", new)  # the old key is dropped
    assert find_request(reference, db_url).full_name == "Maria Lopez"


def test_rows_written_before_encryption_still_read_and_rotate(db_url: str) -> None:
    reference = save_request(REQUEST, db_url)
    with get_engine(db_url).begin() as conn:
        conn.execute(text("UPDATE appointment_requests SET full_name = 'Maria Lopez'"))
    assert find_request(reference, db_url).full_name == "Maria Lopez"
    rotate_keys(db_url)
    assert "Maria" not in raw_row(db_url)


def test_the_outbox_file_holds_no_clear_personal_data(db_url: str, tmp_path: Path) -> None:
    box = tmp_path / "box.jsonl"
    assert outbox.keep(REQUEST, box)
    content = box.read_text(encoding="utf-8")
    for value in TYPED:
        assert value not in content, value
    assert outbox.pending(box) == [REQUEST]


def test_tokens_round_trip_and_differ_each_time() -> None:
    assert decrypt(encrypt("Maria")) == "Maria"
    assert encrypt("Maria") != encrypt("Maria")
