"""Analyse one message once: reading, language, red flag, personal-advice kind, question.

The NLU guard, the safety net and the actions all decide from this one value. It is cached
per (text, intent, last topic), so within a process a message is never analysed twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from bot.knowledge.questions import BEYOND, UNCOVERED, Question, analyse_question
from bot.nlp.language import ENGLISH, detect_language
from bot.nlp.reading import Reading, read
from bot.safety.advice import MEDICINE_CHANGE, medicine_change_in_context, personal_advice_kind
from bot.safety.redflags import RedFlag, detect_red_flag


@dataclass(frozen=True)
class MessageAnalysis:
    """Everything the decisions need about one message."""

    reading: Reading
    language: str
    red_flag: Optional[RedFlag]
    advice: Optional[str]
    question: Question

    @property
    def is_english(self) -> bool:
        """Whether the message is in English (the assistant's only language)."""
        return self.language == ENGLISH


@lru_cache(maxsize=1024)
def analyse_message(
    text: str, intent: Optional[str] = None, last_topic: Optional[str] = None, last_asked: Optional[str] = None,
) -> MessageAnalysis:
    """Read and classify a message (``last_topic`` and ``last_asked``: what the previous question was about)."""
    reading = read(text or "")
    literal = reading.literal  # "shot myself in the foot" names neither a jab nor a foot
    advice_kind = personal_advice_kind(literal)
    red_flag = detect_red_flag(reading, advice_kind, advice_known=True)
    language = detect_language(reading.text)
    advice = None if red_flag or language != ENGLISH else advice_kind
    if advice is None and medicine_change_in_context(literal, last_topic):
        advice = MEDICINE_CHANGE
    question = analyse_question(literal, intent, last_topic, last_asked)
    if advice is not None and question.gap is not None and question.gap.kind == BEYOND:
        # their own case in the page's words: the general information of its kind, not the page's nearest fact
        question = Question(UNCOVERED, (), question.attribute, "that")
    return MessageAnalysis(reading, language, red_flag, advice, question)
