"""Each appointment-form field: accepted, normalised, or re-prompted with a specific message."""

from __future__ import annotations

from datetime import date

import pytest

from bot.appointments.fields import (
    check_consent,
    check_contact,
    check_date_of_birth,
    check_name,
    check_patient_status,
    check_preferred_times,
    check_reason,
    clean,
    detect_correction,
    normalise_phone,
)

TODAY = date(2026, 11, 24)


@pytest.mark.parametrize("raw, expected", [
    ("Maria Lopez", "Maria Lopez"), ("my name is john smith", "John Smith"),
    ("I'm Sarah O'Connor", "Sarah O'Connor"), ("Jean-Pierre Dubois", "Jean-Pierre Dubois"),
    ("Zoë Ångström", "Zoë Ångström"), ("li wei", "Li Wei"),
])
def test_names_accepted(raw: str, expected: str) -> None:
    assert check_name(raw).value == expected


@pytest.mark.parametrize("raw", ["", "hi", "yes", "12345", "<script>alert(1)</script>",
                                 "x", "john@example.com", "Robert'); DROP TABLE appointment_requests;--"])
def test_names_rejected_with_a_message(raw: str) -> None:
    checked = check_name(raw)
    assert checked.value is None and "name" in checked.error.lower()


@pytest.mark.parametrize("raw, iso", [
    ("14 March 1965", "1965-03-14"), ("1965-03-14", "1965-03-14"), ("03/14/1965", "1965-03-14"),
    ("14/03/1965", "1965-03-14"), ("March 14th, 1965", "1965-03-14"), ("born on 4 July 1958", "1958-07-04"),
    ("21.09.1970", "1970-09-21"), ("my date of birth is Sept 2 1980", "1980-09-02"),
])
def test_dates_of_birth_parsed(raw: str, iso: str) -> None:
    assert check_date_of_birth(raw, TODAY).value == iso


@pytest.mark.parametrize("raw, word", [
    ("32/13/1990", "couldn't read"), ("tomorrow", "couldn't read"), ("2030-01-01", "past"),
    ("1850-01-01", "too long ago"), ("30 February 1990", "couldn't read"),
])
def test_bad_dates_rejected(raw: str, word: str) -> None:
    assert word in check_date_of_birth(raw, TODAY).error


@pytest.mark.parametrize("raw, phone", [
    ("555-123-4567", "+15551234567"), ("(555) 987-6543", "+15559876543"),
    ("+44 20 7946 0958", "+442079460958"), ("1 415 555 0199", "+14155550199"),
])
def test_phone_numbers_normalised(raw: str, phone: str) -> None:
    assert normalise_phone(raw) == phone
    assert dict(check_contact(raw).extra)["phone"] == phone


def test_phone_and_email_both_kept() -> None:
    checked = check_contact("call 555 222 3333 or mail Sam@Example.net")
    assert dict(checked.extra) == {"phone": "+15552223333", "email": "sam@example.net"}


@pytest.mark.parametrize("raw, word", [
    ("12", "phone number"), ("bob@", "email"), ("no thanks", "phone number or an email"),
])
def test_contact_rejected(raw: str, word: str) -> None:
    assert word in check_contact(raw).error


@pytest.mark.parametrize("raw, reason", [
    ("Evaluation of facial twitching", "Evaluation of facial twitching"),
    ("botox please", "Botox treatment"), ("Surgical consultation (MVD)", "Surgical consultation (MVD)"),
    ("I want a second opinion", "Second opinion"), ("Other", "Other"),
    ("my eyelid twitches", "Evaluation of facial twitching"), ("paperwork for work", "Other: paperwork for work"),
])
def test_reasons(raw: str, reason: str) -> None:
    assert check_reason(raw).value == reason


def test_status_consent_and_times() -> None:
    assert check_patient_status("New patient").value == "new"
    assert check_patient_status("I've been there before").value == "returning"
    assert check_patient_status("banana").error
    assert check_consent("Yes, I agree").value == "yes"
    assert "only follow up if you agree" in check_consent("No").error
    assert check_preferred_times("weekday mornings").value == "weekday mornings"
    assert check_preferred_times(" ").error


def test_clean_strips_control_characters_and_bounds_length() -> None:
    assert clean("Ma\x00ria\u200b Lo\npez", "full_name") == "Ma ria Lo pez"
    assert len(clean("a" * 10_000, "full_name")) == 100


@pytest.mark.parametrize("raw, expected", [
    ("actually my phone is 555 333 4444", ("contact", "555 333 4444")),
    ("change my email to new@example.com", ("contact", "new@example.com")),
    ("sorry, my date of birth is 1 May 1970", ("date_of_birth", "1 May 1970")),
    ("change the name", ("full_name", None)),
    ("Maria Lopez", None), ("weekday mornings", None),
])
def test_corrections_detected(raw: str, expected: tuple | None) -> None:
    assert detect_correction(raw) == expected
