"""Background in a message (history, someone else's event, a role) is no subject and no red flag."""

from __future__ import annotations

import pytest

from bot.conversation import respond
from bot.nlp.history import present_part, tells_history
from bot.nlp.reading import read
from bot.safety.crisis_model import suggests_crisis
from bot.safety.redflags import detect_red_flag, has_alarm_words


@pytest.mark.parametrize("clause, past", [
    ("I had a stroke back in 2009 and made a full recovery.", True),
    ("Had Bell's palsy as a teenager, long gone.", True),
    ("My heart attack was 10 years ago and I'm fine now.", True),
    ("I had botox 3 months ago and now I can't swallow", False),  # brought into the present
    ("Is HFS worse if I had Bell's palsy years ago?", False),  # the question itself
    ("my face drooped an hour ago", False),
])
def test_history_is_a_statement_placed_in_the_past(clause: str, past: bool) -> None:
    assert tells_history(clause) is past


def test_someone_elses_event_set_against_the_patients_is_background() -> None:
    text = "My neighbour had a stroke and her face drooped. Mine is nothing like that, it twitches. What does Botox do?"
    assert "neighbour" not in present_part(read(text)).text
    assert detect_red_flag(text) is None and not has_alarm_words(text)
    own = "My face drooped an hour ago. It's not like that now, is that ok?"
    assert detect_red_flag(own) is not None  # the patient's own sign is never background


@pytest.mark.parametrize("text, fact", [
    ("I had a stroke back in 2009 and made a full recovery. What is an MRA?", "special dye"),
    ("Years ago I had Bell's palsy and it cleared up. What is the MRA test for?", "special dye"),
    ("I'm a nursing student. What does EMG measure in someone with hemifacial spasm?", "electrical activity"),
    ("My late wife had MS. Now I've got twitching on one side. What sort of pills are used?", "muscle relaxants"),
])
def test_background_before_a_general_question_is_no_gap(kb: str, text: str, fact: str) -> None:
    reply = respond(text).text
    assert fact in reply and "doesn't cover" not in reply
    assert detect_red_flag(text) is None


@pytest.mark.parametrize("text", [
    "I have MS. Can I have Botox?",
    "I'm pregnant. Is Botox safe?",
    "I get migraines. Is that related to hemifacial spasm?",
])
def test_background_that_the_question_asks_about_stays_the_subject(kb: str, text: str) -> None:
    assert "doesn't cover" in respond(text).text


def test_a_device_named_before_a_general_question_gets_the_answer_and_the_caveat(kb: str) -> None:
    """'Had stents years ago. What does an MRI show?': the answer, then that safety with stents is not covered."""
    reply = respond("I had stents put in years ago. What does an MRI show?")
    assert "blood vessel" in reply.text and "doesn't cover" not in reply.text
    assert "doesn't cover whether tests or treatments are safe" in reply.note and "stents" in reply.note
    safety = respond("I have stents. Is an MRI safe for me?").text  # their clinician and the gap come first
    assert safety.index("your own doctor") < safety.index("doesn't cover") < safety.index("blood vessel")


def test_the_crisis_model_alone_needs_more_without_words_of_harm_and_on_medicine_questions() -> None:
    assert suggests_crisis(read("Mate I've had a gutful, been looking up ways to top myself").lemmas)
    assert not suggests_crisis(read("dont call anyone. i just wanted to tell someone").lemmas)
    sharing = read("My sister has baclofen left over from her back trouble. Can I take a few of hers?").lemmas
    assert not suggests_crisis(sharing, asks_to_change_a_medicine=True)
    assert detect_red_flag("My sister has baclofen left over from her back trouble. Can I take a few of hers?") is None
