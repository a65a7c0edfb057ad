"""Red flags first, no doses, no emergency text for ordinary questions (domain level)."""

from __future__ import annotations

import re

import pytest
import yaml

from bot.conversation import respond
from bot.safety.advice import personal_advice_kind
from bot.safety.redflags import CRISIS, detect_red_flag
from bot.safety.replies import emergency_reply
from tests.conftest import TEST_DATA

SET = yaml.safe_load((TEST_DATA / "safety_set.yml").read_text(encoding="utf-8"))
DOSE_RX = re.compile(r"\b\d+\s?(mg|milligrams?|units?|ml|mcg)\b", re.I)
EMERGENCY_RX = re.compile(r"\b911\b|\b988\b|emergency", re.I)


def test_the_set_is_large_enough() -> None:
    assert sum(len(v) for v in SET.values()) >= 60


@pytest.mark.parametrize("text", SET["red_flag"] + SET["crisis"])
def test_every_red_flag_is_caught_by_the_safety_net(text: str) -> None:
    assert detect_red_flag(text) is not None


@pytest.mark.parametrize("text", SET["crisis"])
def test_crisis_messages_get_crisis_guidance(text: str) -> None:
    flag = detect_red_flag(text)
    assert flag is not None and flag.kind == CRISIS
    assert "988" in emergency_reply(flag.kind).text


@pytest.mark.parametrize("text", SET["safe"] + SET["advice"] + SET["out_of_scope"])
def test_ordinary_messages_do_not_fire(text: str) -> None:
    assert detect_red_flag(text) is None


@pytest.mark.parametrize("text", SET["red_flag"] + SET["crisis"])
def test_red_flag_reply_comes_before_anything_else(kb: str, text: str) -> None:
    reply = respond(text, intent="ask_question")
    assert reply.kind == "emergency" and EMERGENCY_RX.search(reply.text)


@pytest.mark.parametrize("text", SET["advice"])
def test_personal_advice_is_declined_without_doses(kb: str, text: str) -> None:
    assert personal_advice_kind(text) is not None
    reply = respond(text)
    assert reply.kind == "personal_advice"
    assert not DOSE_RX.search(reply.text)
    assert re.search(r"doctor|clinician|care team", reply.text)


@pytest.mark.parametrize("text", SET["safe"])
def test_safe_questions_get_no_emergency_text(kb: str, text: str) -> None:
    reply = respond(text)
    assert not EMERGENCY_RX.search(reply.text)


def test_emergency_numbers_come_from_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HFS_EMERGENCY_NUMBER", "112")
    monkeypatch.setenv("HFS_CRISIS_LINE", "116 123")
    assert "112" in emergency_reply("stroke").text
    assert "116 123" in emergency_reply(CRISIS).text and "911" not in emergency_reply(CRISIS).text


def test_empty_and_binary_input_do_not_fire() -> None:
    assert detect_red_flag("") is None
    assert detect_red_flag("\x00\x01\xff" * 100) is None
    assert detect_red_flag("a" * 100_000) is None


@pytest.mark.parametrize("text", [
    "my wife's mouth is hanging down on one side since about 10 mins ago",
    "i cant get my words out properly, just started", "my husband is talking gibberish and his face looks wrong",
    "3 days after my decompression surgery, high temp and cant bend my neck",
    "running a temp and my neck hurts to bend, had mvd on friday", "im going to kil myself",
    "been cutting myself again", "i wish i could go to sleep and never wake up",
    "i dont see any reason to keep living", "everyone would be happier if i was gone for good", "wanna end it tbh",
    "out of nowhere my mouth wont move on the left", "my sister cant lift her eyebrow or smile on one side since lunch",
    "theres clear watery stuff leaking from the cut behind my ear",
])
def test_independent_set_red_flags_are_caught(text: str) -> None:
    assert detect_red_flag(text) is not None


@pytest.mark.parametrize("text", ["my eye twitching won't stop", "the spasm makes my words come out wrong sometimes",
                                  "my face twitches and my eyelid won't open", "can i move my neck after mvd?"])
def test_spasm_lookalikes_of_those_stay_quiet(text: str) -> None:
    assert detect_red_flag(text) is None


@pytest.mark.parametrize("text", [
    "whats the most pills i can take before it kills me", "whats the max dose of tegretol before it kills u",
    "i dont see the point in anything anymore, havent for weeks",
    "my dad had microvascular decompression last week and now he's confused and doesn't know where he is",
    "the cut behind my ear is red hot, swollen and leaking pus",
    "this twitch is killing me and i want to die",  # a figure of speech beside a literal wish
])
def test_lethal_amounts_hopelessness_and_wound_signs_are_caught(text: str) -> None:
    assert detect_red_flag(text) is not None


@pytest.mark.parametrize("text", [
    "this twitch is literally killing me 😩 what can actually stop it",
    "killer question: do i really have to get an emg every single time?",
    "dead tired of this, how many months does one round of botox jabs keep working",
    "i hear a little clicking in my ear every time it spasms, is that part of it?",
    "shot myself in the foot waiting 2 yrs to see anyone lol, what will the doctor check first",
    "I'm so confused, which treatment is best after the operation?",
    "what's the most effective way to kill the twitch",
])
def test_figures_of_speech_name_no_emergency(text: str) -> None:
    from bot.safety.redflags import has_alarm_words

    assert detect_red_flag(text) is None
    assert not has_alarm_words(text)
