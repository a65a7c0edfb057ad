"""Decide how to answer one patient message that asks something: safety first.

The message is analysed once (``bot.analysis``); the decision reads only that value.
Order: red flag -> other language -> personal-advice boundary -> the page (or where it
ends). Used by the question action, the fallback, and the appointment form mid-form.
"""

from __future__ import annotations

import re
from typing import Optional

from bot.analysis import MessageAnalysis, analyse_message
from bot.knowledge.answers import answer_question, general_information
from bot.knowledge.questions import UNCLEAR, UNCOVERED, Question
from bot.replies import Reply
from bot.safety.advice import (
    MEDICINE_CHANGE,
    NEXT_STEP,
    OWN_RESULTS,
    SERIOUSNESS,
    SYMPTOMS,
    WHICH_DOCTOR,
)
from bot.safety.replies import emergency_reply, language_notice, personal_advice_reply

# The page's general information that applies to a kind of personal question, when the
# question names no topic of its own.
GENERAL_TOPICS = {
    MEDICINE_CHANGE: ("oral_medicines",),
    OWN_RESULTS: ("diagnosis",),
    SERIOUSNESS: ("diagnosis",),
    WHICH_DOCTOR: ("diagnosis",),
    NEXT_STEP: ("diagnosis", "treatment"),
}
_PROCESS_TOPICS = ("condition",)
# Gaps where any general information could be read as "fine for you".
SAFETY_GAPS = {"device", "population"}


def respond(
    text: str, intent: Optional[str] = None, last_topic: Optional[str] = None,
    topic_hint: Optional[str] = None,
) -> Reply:
    """The reply to a question-like message."""
    analysis = analyse_message(text or "", intent, last_topic)
    if analysis.red_flag is not None:
        return emergency_reply(analysis.red_flag.kind, analysis.language)
    if not analysis.is_english:
        return language_notice(analysis.language)
    advice = analysis.advice
    question = analysis.question
    if question.gap and question.gap.kind in SAFETY_GAPS:
        advice = None  # "is the MRI safe with my pacemaker?": what the page lacks comes first
    # The classifier's intent alone counts only when the page has nothing to say.
    if advice is None and intent == "ask_personal_advice" and question.kind == UNCLEAR:
        advice = ""
    if advice is not None:
        return personal_advice_reply(advice, _general_information(advice, question))
    if _describes_symptoms(analysis):
        return personal_advice_reply(SYMPTOMS, general_information(("diagnosis",)))
    if question.kind == UNCLEAR and intent in ("ask_uncovered", "out_of_scope"):
        question = Question(UNCOVERED, (), question.attribute, "that")
    return answer_question(question, topic_hint)


# A patient describing their twitching ("my cheek pulls up towards my eye") gets how it is
# looked into, not "our information doesn't cover that"; a question keeps its own answer.
_SPASM_WORDS = re.compile(r"\b(?:twitch|spasm|jerk|flutter|blink|wink|squint|tic|pull|tug|flicker|jump|"
                          r"shut|close|contract|clench|tight|yank|spasming|go crazy|go mad|attack)")
_FACE_WORDS = re.compile(r"\b(?:eye|eyelid|lid|cheek|mouth|lip|face|jaw|chin|brow|forehead|side)\b")
_QUESTION = re.compile(r"\?|^(?:what|whats|what's|how|why|when|where|which|who|is|are|can|could|does|"
                       r"do|did|will|would|should|tell me|explain|any)\b")
_DESCRIPTIVE_GAPS = {"outcome", "cause", "duration", "body_part", "unknown_name", "urgency"}


def _describes_symptoms(analysis: MessageAnalysis) -> bool:
    question, reading = analysis.question, analysis.reading
    leaves_page = question.kind == UNCLEAR or (
        question.kind == UNCOVERED and (question.gap is None or question.gap.kind in _DESCRIPTIVE_GAPS))
    return (leaves_page and not _QUESTION.search(reading.lower.strip())
            and bool(_SPASM_WORDS.search(reading.lemmas))
            and ("condition" in reading.topics or bool(_FACE_WORDS.search(reading.lemmas))))


def _general_information(advice: str, question: Question) -> Optional[str]:
    named = tuple(t for t in question.topics if t not in _PROCESS_TOPICS)
    if question.gap and question.gap.partly:
        named = (question.gap.partly,)
    topics = named or GENERAL_TOPICS.get(advice, ())
    attribute = question.attribute if question.attribute_from_text and named else "what"
    return general_information(topics, attribute)


def is_knowledge_question(text: str, last_topic: Optional[str] = None) -> bool:
    """Whether the message asks about the page or a subject it lacks (not chit-chat or gibberish)."""
    question = analyse_message(text or "", None, last_topic).question
    off_topic = question.kind == UNCOVERED and not question.topics and question.gap is None
    return question.kind != UNCLEAR and not off_topic
