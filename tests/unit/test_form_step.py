"""One message in the appointment form: several fields at once, corrections, partial dates."""

from __future__ import annotations

from datetime import date
from typing import Any, Dict

import pytest

from bot.appointments.extract import caregiver, details_in, gives_personal_details
from bot.appointments.form import form_step
from bot.appointments.parsing import best_choice, capitalise_name, find_date, strip_name_lead_in

TODAY = date(2026, 11, 25)
PHONE = "(555) 010-2030"


def step(text: str, requested: str | None, activation: bool = False, **slots: Any) -> Dict[str, Any]:
    return form_step(text, requested, slots, activation, PHONE, TODAY).slots


def test_several_fields_in_one_message_are_all_taken() -> None:
    filled = step("Sam Ortiz here, DOB 3 Jun 1962, cell 212 555 0187", "full_name")
    assert filled["full_name"] == "Sam Ortiz" and filled["date_of_birth"] == "1962-06-03"
    assert filled["phone"] == "+12125550187" and filled["contact"] == "+12125550187"


def test_a_filled_field_is_not_overwritten_by_a_side_detail() -> None:
    filled = step("botox injections, I was born 1 May 1970, returning patient", "visit_reason",
                  date_of_birth="1971-02-02")
    assert "date_of_birth" not in filled and filled["visit_reason"] == "Botox treatment"
    assert filled["patient_status"] == "returning"


@pytest.mark.parametrize("typed, name", [
    ("its jean-luc o'neil", "Jean-Luc O'Neil"), ("my name is Dana McDonald", "Dana McDonald"),
    ("I'm María García-López", "María García-López"), ("it's ana mcdonald", "Ana McDonald"),
    ("Sam Ortiz here", "Sam Ortiz"), ("hi, this is Li Wei", "Li Wei"),
])
def test_names_lose_lead_ins_and_keep_capitals(typed: str, name: str) -> None:
    assert step(typed, "full_name")["full_name"] == name


def test_partial_date_asks_for_the_year_then_completes() -> None:
    turn = form_step("oh the birthday should be july 9", "date_of_birth", {}, False, PHONE, TODAY)
    assert "year" in turn.messages[0]["text"] and turn.slots["dob_partial"] == "07-09"
    assert step("1950", "date_of_birth", dob_partial="07-09")["date_of_birth"] == "1950-07-09"


def test_correction_at_the_summary_changes_only_that_field() -> None:
    slots = {"contact": "+15551234567 and a@b.org", "phone": "+15551234567", "email": "a@b.org"}
    turn = form_step("actually my phone is 212 555 0100", "confirmation", slots, False, PHONE, TODAY)
    assert turn.slots["phone"] == "+12125550100" and turn.slots["email"] == "a@b.org"
    assert turn.slots["confirmation"] is None and "updated" in turn.messages[0]["text"]


@pytest.mark.parametrize("typed", ["yes that's right", "yep send it", "Yes, send it", "looks good", "correct"])
def test_confirmation_accepts_natural_yes(typed: str) -> None:
    assert step(typed, "confirmation")["confirmation"] == "yes"


@pytest.mark.parametrize("typed, reason", [
    ("due for more injections", "Botox treatment"),
    ("want to talk to a surgeon about the decompression", "Surgical consultation (MVD)"),
    ("Surgical consultaton MVD", "Surgical consultation (MVD)"),
    ("my eye keeps twitching, want it checked", "Evaluation of facial twitching"),
])
def test_free_text_reasons_map_to_buttons(typed: str, reason: str) -> None:
    assert step(typed, "visit_reason")["visit_reason"] == reason


@pytest.mark.parametrize("typed, status", [("retrning pateint", "returning"), ("New", "new"),
                                           ("returnin", "returning"), ("first time", "new")])
def test_typos_in_button_answers(typed: str, status: str) -> None:
    assert step(typed, "patient_status")["patient_status"] == status


def test_activation_takes_the_reason_and_the_caregiver() -> None:
    assert step("time for my next round of injections, can I book", None, True) == {
        "visit_reason": "Botox treatment"}
    assert step("booking this for my husband", None, True) == {"booked_by": "for their husband",
                                                                "caregiver_booking": True}
    assert caregiver("I'm her daughter") == "daughter"
    assert caregiver("booking this for my husband, im his wife") == "wife"
    assert caregiver("my dad needs to see someone, im his son, can i set it up") == "son"


def test_details_outside_the_form() -> None:
    assert gives_personal_details("I'm Ruth Adams, born 05/12/1948")
    assert not gives_personal_details("botox every 3 months ok?")
    assert details_in("Ruth Adams, 05/12/1948", None)["date_of_birth"].value == "1948-05-12"


def test_parsing_helpers() -> None:
    assert find_date("3rd of May 1961").value == date(1961, 5, 3)
    assert find_date("31/06/1970").invalid
    assert best_choice("banana", ("New patient", "Returning patient")) is None
    assert capitalise_name("o'neil") == "O'Neil" and capitalise_name("McDonald") == "McDonald"
    assert strip_name_lead_in("my name's Joe Bloggs thanks") == "Joe Bloggs"


@pytest.mark.parametrize("text, requested, slot, value", [
    ("the date of birth, should be 21 may 1990", "confirmation", "date_of_birth", "1990-05-21"),
    ("actually make the reason a second opinion instead", "confirmation", "visit_reason", "Second opinion"),
    ("sorry typo, my name is Deirdre Malone", "date_of_birth", "full_name", "Deirdre Malone"),
])
def test_a_correction_with_its_value_is_applied_at_once(text: str, requested: str, slot: str, value: str) -> None:
    filled = step(text, requested, full_name="Diedre Malone", date_of_birth="1990-05-12",
                  visit_reason="Botox treatment")
    assert filled[slot] == value and filled.get("confirmation") is None


@pytest.mark.parametrize("text", ["botox, im returning, mornings are best",
                                  "botox, ive been before, afternoons after 3 work best"])
def test_reason_status_and_times_in_one_answer_are_all_taken(text: str) -> None:
    filled = step(text, "visit_reason")
    assert filled["visit_reason"] == "Botox treatment" and filled["patient_status"] == "returning"
    assert "best" in filled["preferred_times"]


def test_a_time_alone_is_not_taken_as_a_side_detail() -> None:
    assert "preferred_times" not in step("mornings", "visit_reason")


@pytest.mark.parametrize("text", ["I'm falling to pieces over this twitch. Can anything improve quality of life?",
                                  "I'm falling apart", "I am so tired of this", "it's killing me to wait"])
def test_feelings_after_i_am_are_no_name(text: str) -> None:
    assert not gives_personal_details(text)


def test_names_after_i_am_still_are() -> None:
    assert gives_personal_details("im rosa delgado, born 3 april 1959")
    assert details_in("Hi, I'm Manning Fleming", None)["full_name"].value == "Manning Fleming"
