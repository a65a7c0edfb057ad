"""Typing slips are read as the word meant; real words and medicine names stay as typed."""

from __future__ import annotations

import pytest

from bot.nlp.normalize import lemma_of, lemma_text


@pytest.mark.parametrize(("typed", "meant"), [
    ("efects", "effect"), ("completly", "completely"), ("pateint", "patient"), ("diffrent", "different"),
    ("painfull", "painful"), ("treatmnet", "treatment"), ("surgrey", "surgery"), ("suplements", "supplement"),
])
def test_a_typing_slip_reads_as_the_word_meant(typed: str, meant: str) -> None:
    assert lemma_of(typed) == meant


@pytest.mark.parametrize("word", ["winking", "dosing", "hoarse", "lyrica", "xeomin", "keppra",
                                  "infections", "gabapentin", "baclofen"])
def test_real_words_and_medicine_names_stay_as_typed(word: str) -> None:
    assert lemma_of(word) in (word, word.rstrip("s"))


def test_texting_shorthand() -> None:
    assert lemma_text("r there any tablets") == "be there any tablet"
    assert lemma_text("do u do video appts") == "do you do video appt"
    assert lemma_text("my r eye twitches").startswith("my r eye")


def test_dose_typed_for_does_before_a_subject() -> None:
    from bot.nlp.normalize import lemma_text

    assert lemma_text("what dose the MRA show").split()[1] == "do"
    assert lemma_text("dose it hurt").split()[0] == "do"
    assert lemma_text("what dose of botox").split()[1] == "dose"
