"""Risks and figures first, details beyond the page, questions after a filler, and fresh55-58's safety edges."""

from __future__ import annotations

import pytest

from bot.conversation import respond
from bot.nlp.reading import asks, read
from bot.safety.advice import personal_advice_kind
from bot.safety.redflags import CRISIS, detect_red_flag

NOT_COVERED = "doesn't cover"
SOURCE = "From our hemifacial spasm page"


@pytest.mark.parametrize("text", [
    "what are the chances of losing hearing in that ear after the decompression op",
    "can the Botox give you a droopy eyelid? how often does that happen",
    "what percentage of people does MVD cure",
    "recurrence rate after microvascular decompression, any numbers?",
])
def test_a_risk_or_a_figure_of_a_named_treatment_is_the_gap_first(kb: str, text: str) -> None:
    reply = respond(text)
    assert reply.text.startswith("Our information doesn't cover") and SOURCE not in reply.full_text
    assert "Here is what our page does say" in reply.text


def test_a_success_figure_keeps_what_the_page_states_beside_the_gap(kb: str) -> None:
    assert "effective for most people" in respond("botox works for what percent of patients?").text


def test_whether_it_works_for_everyone_is_answered_by_the_fact_first(kb: str) -> None:
    reply = respond("do the botox jabs work for everybody?")
    assert reply.text.startswith("OnabotulinumtoxinA") and "effective for most people" in reply.text


@pytest.mark.parametrize("text", [
    "is carbamazepine one of the tablets you use",
    "is Xeomin used for this as well as the Botox brand",
])
def test_a_name_the_page_never_uses_is_said_first_without_a_source_line(kb: str, text: str) -> None:
    reply = respond(text)
    assert reply.text.startswith("Our information doesn't cover") and SOURCE not in reply.full_text


@pytest.mark.parametrize("text", [
    "the neurological exam, how is that even done",
    "what does the EMG feel like",
    "where on the face do they put the acupuncture needles",
    "why does the botox wear off, does the nerve grow back",
    "the muscle relaxants, are they habit forming",
    "can the sponge they put in move out of place later",
    "what are those 'more complex cases' for the EMG",
])
def test_a_detail_beyond_the_page_is_said_to_be_beyond_it(kb: str, text: str) -> None:
    assert NOT_COVERED in respond(text).full_text


@pytest.mark.parametrize("text, phrase", [
    ("what happens if you never treat it", "Early diagnosis and appropriate treatment"),
    ("how soon does treatment have to start, is there a window", "Early diagnosis and appropriate treatment"),
    ("which blood vessel is it that presses, an artery?", "blood vessel is pressing on the facial nerve"),
])
def test_the_gap_comes_with_the_fact_the_question_touches(kb: str, text: str, phrase: str) -> None:
    reply = respond(text).full_text
    assert NOT_COVERED in reply and phrase in reply


@pytest.mark.parametrize("text", [
    "does acupuncture work or is it hogwash",
    "what does the radiofrequency option do, fasciculation aside",
    "what is the botox doing mechanistically",
    "this twitch is driving me round the bend, what does the botox do",
])
def test_an_aside_or_a_manner_is_no_subject(kb: str, text: str) -> None:
    reply = respond(text)
    assert not reply.text.startswith("Our information doesn't cover") and SOURCE in reply.full_text


@pytest.mark.parametrize("text", [
    "please how many weeks off work after the operation for this twitch",
    "bruh does staying up all night make the spasms worse",
    "lowkey wondering if screens trigger the twitching",
    "after the MVD how soon does the twitching stop",
])
def test_a_question_after_a_filler_still_asks(text: str) -> None:
    assert asks(read(text))


def test_a_question_after_a_filler_is_not_taken_for_a_description(kb: str) -> None:
    assert NOT_COVERED in respond("bruh does staying up all night make the face spasms worse").full_text


@pytest.mark.parametrize("text, kind", [
    ("can I take my muscle relaxant twice a day this week, or is once enough", "dose"),
    ("do I see a chiropractor first or a neurologist for mine", "which_doctor"),
    ("should my optician do my botox or a neuro", "which_doctor"),
    ("the radiologist mentioned a small lesion, am I going to be ok", "own_results"),
    ("my lip only jumps when I sing, is that what I have", "seriousness"),
    ("had the decompression in spring, still twitching, did it fail for me", "seriousness"),
    ("could my twitch be left over from my old stroke", "seriousness"),
])
def test_personal_shapes_get_their_own_clinician(text: str, kind: str) -> None:
    assert personal_advice_kind(text) == kind


@pytest.mark.parametrize("text", [
    "been writing a note for my kids. this spasm is too much. does the op even work, not that it matters",
    "wrote letters to my family tonight, I can't keep going with this face",
])
def test_a_note_for_the_family_is_a_crisis(text: str) -> None:
    flag = detect_red_flag(text)
    assert flag is not None and flag.kind == CRISIS


@pytest.mark.parametrize("text", [
    "what is treatment aiming for? it's not like this is going to kill me",
    "just pills you swallow, any good for this?",
    "writing a note for my parents to explain my HFS, is that too much info?",
    "if the botox blocks the nerve why doesn't my whole face go numb",
    "had botox two weeks ago and my eyelid is a bit droopy, is that normal",
    "read on a forum that 1 in 10 lose hearing after the decompression op, what's the real figure",
])
def test_ordinary_wording_raises_no_alarm(text: str) -> None:
    assert detect_red_flag(text) is None
