"""Decide how to answer one patient message that asks something: safety first.

Order: red flag -> personal-advice boundary -> knowledge base. Used by the
question action, the fallback, and the appointment form when a patient asks a
question in the middle of it.
"""

from __future__ import annotations

from typing import Optional

from bot.knowledge.answers import answer_question, general_information
from bot.knowledge.questions import UNCLEAR, analyse_question
from bot.replies import Reply
from bot.safety.advice import personal_advice_kind
from bot.safety.redflags import detect_red_flag
from bot.safety.replies import emergency_reply, personal_advice_reply

MAX_CHARS = 2000


def respond(
    text: str, intent: Optional[str] = None, last_topic: Optional[str] = None,
    topic_hint: Optional[str] = None,
) -> Reply:
    """The reply to a question-like message."""
    text = (text or "")[:MAX_CHARS]
    flag = detect_red_flag(text)
    if flag is not None:
        return emergency_reply(flag.kind)
    advice = personal_advice_kind(text)
    # The classifier's intent alone counts only when the page has nothing to say.
    if advice is None and intent == "ask_personal_advice" and not is_knowledge_question(
        text, last_topic
    ):
        advice = ""
    if advice is not None:
        question = analyse_question(text, intent, last_topic)
        topics = tuple(t for t in question.topics if t not in ("condition", "diagnosis"))
        attribute = question.attribute if question.attribute_from_text else "what"
        return personal_advice_reply(advice, general_information(topics, attribute))
    return answer_question(text, intent, last_topic, topic_hint)


def is_knowledge_question(text: str, last_topic: Optional[str] = None) -> bool:
    """Whether the text asks something the knowledge base can place (a topic question)."""
    question = analyse_question((text or "")[:MAX_CHARS], None, last_topic)
    return question.kind != UNCLEAR
