"""Turn an analysed question into a reply in the page's own words."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Dict, List, Optional, Tuple

from bot.knowledge.facts_file import FactsFile, Topic
from bot.knowledge.questions import (
    COMPARE,
    FACT,
    LIST_TESTS,
    LIST_TREATMENTS,
    PARTLY,
    TOPIC_CONTEXT_GAPS,
    UNCOVERED,
    Question,
)
from bot.knowledge.repository import knowledge
from bot.replies import APPOINTMENT_BUTTON, TESTS_BUTTON, TREATMENTS_BUTTON, Reply

TEST_TOPICS = ("medical_history", "physical_exam", "mri", "mra", "emg")
IMAGING_TEST_TOPICS = TEST_TOPICS[2:]
_MEMBERS_LISTED = {"imaging": IMAGING_TEST_TOPICS}  # a group whose "what" names members the patient may not know
TREATMENT_TOPICS = ("oral_medicines", "botox", "mvd", "other_surgery", "acupuncture")
NOT_COVERED = "Our information doesn't cover {subject}."
ASK_CARE_TEAM = (
    "Your care team can answer that for you. Would you like to request an appointment?"
)


def _source_note(topic: Topic) -> str:
    return f"(From our hemifacial spasm page: {topic.section}.)"


def _topic_buttons(kb: FactsFile, keys: Tuple[str, ...]) -> Tuple[Tuple[str, str], ...]:
    topics = kb.by_key()
    return tuple(
        (topics[key].name, f'/ask_question{{"topic":"{key}"}}') for key in keys if key in topics
    )


def fact_reply(kb: FactsFile, topic_key: str, attribute: str) -> Reply:
    """One topic's fact for an attribute, with its page section."""
    topic = kb.by_key()[topic_key]
    fact = topic.fact_for(attribute)
    if fact is None:
        return uncovered_reply(f"more about {topic.name}", topic_key)
    members = _MEMBERS_LISTED.get(topic_key, ()) if attribute in ("what", "shows") else ()
    lines = "".join(f"\n{line}" for line in _bullets(kb, members, attribute))  # "which imaging tests?": each one
    text = f"{fact.answer}{lines}\n{_source_note(topic)}"
    return Reply(text, (APPOINTMENT_BUTTON,), topic=topic_key, kind=FACT)


# A fact that opens with its own label ("Oral medicines: ...", "Electromyography (EMG): ...").
_LABELLED = re.compile(r"^[^.:]{2,60}: ")


def _bullets(kb: FactsFile, keys: Tuple[str, ...], attribute: str = "what") -> List[str]:
    """One line per topic: its fact for the attribute, under its name unless the fact names itself."""
    topics = kb.by_key()
    facts = ((topics[key], topics[key].fact_for(attribute)) for key in keys if key in topics)
    return [f"• {fact.answer}" if _LABELLED.match(fact.answer) else f"• {topic.name}: {fact.answer}"
            for topic, fact in facts if fact is not None]


def compare_reply(kb: FactsFile, keys: Tuple[str, ...], attribute: str) -> Reply:
    """Each topic's fact for the attribute, side by side, without ranking them."""
    topics = kb.by_key()
    parts = _bullets(kb, keys, attribute)
    sections = sorted({topics[key].section for key in keys})
    text = "\n".join(parts) + f"\n(From our hemifacial spasm page: {'; '.join(sections)}.)"
    return Reply(text, (APPOINTMENT_BUTTON,), topic=keys[-1], kind=COMPARE)


def list_reply(kb: FactsFile, kind: str) -> Reply:
    """The tests or treatments of the page, with buttons to drill down."""
    if kind == LIST_TESTS:  # the overview names the history and examination; each imaging test is a line
        fact = kb.by_key()["diagnosis"].fact_for("what")
        lines = "\n".join(_bullets(kb, IMAGING_TEST_TOPICS))
        text = f"{fact.answer}\n{lines}\nWhich would you like to know more about?"
        buttons = _topic_buttons(kb, TEST_TOPICS) + (("When is imaging recommended?",
                                                     '/ask_question{"topic":"imaging"}'),)
        return Reply(text, buttons, topic="diagnosis", kind=kind)
    fact = kb.by_key()["treatment"].fact_for("what")
    lines = "\n".join(_bullets(kb, TREATMENT_TOPICS))
    text = f"{fact.answer}\n{lines}\nWhich would you like to know more about?"
    return Reply(text, _topic_buttons(kb, TREATMENT_TOPICS), topic="treatment", kind=kind)


def uncovered_reply(subject: str, topic: Optional[str] = None, context: str = "") -> Reply:
    """Say plainly that the page does not cover this, and point to the care team.

    ``context`` is what the page does say of the topic asked about, said after the gap so that it
    cannot read as the answer ("doesn't cover side effects of Botox. Here is what our page does say ...").
    """
    text = f"{NOT_COVERED.format(subject=subject)} {context}{ASK_CARE_TEAM}"
    return Reply(text, (APPOINTMENT_BUTTON, TESTS_BUTTON, TREATMENTS_BUTTON), topic=topic,
                 kind=UNCOVERED)


# "do you accept patients from abroad for treatment?" asks nothing of the treatments themselves
_WHOLE_PAGE_TOPICS = frozenset({"treatment", "condition", "early_diagnosis"})
_PRACTICAL_GAPS = frozenset({"logistics", "cost", "staff", "unknown_name"})
# "what happens if I never treat it?", "how soon must treatment start?": what the page says of early treatment
_WHEN_TO_TREAT = frozenset({"duration", "timing", "urgency"})
_UNTREATED = re.compile(r"never|untreated|ignore|leave it|do nothing|not treat|without treatment")


def _topic_context(kb: FactsFile, question: Question) -> str:
    """What the page says of a named topic, for a gap about that topic itself; else nothing."""
    gap, known = question.gap, kb.by_key()
    # The patient's device or condition beside a test gets the gap alone ("a pacemaker and an MRI?": the MRI's
    # description could read as "fine"), unless the question asks about one of its facts ("is the MRA dye safe with
    # my kidneys?": the gap, then the dye).
    touched = gap is not None and gap.kind == "device" and gap.answers is not None
    if gap is None or (gap.kind not in TOPIC_CONTEXT_GAPS and not touched):
        return ""
    named = [key for key in question.topics if key in known and known[key].facts
             and not (gap.kind in _PRACTICAL_GAPS and key in _WHOLE_PAGE_TOPICS)]
    if not named:
        return ""
    when_to_treat = gap.kind in _WHEN_TO_TREAT or (gap.kind == "outcome" and _UNTREATED.search(gap.term))
    topic = known["early_diagnosis" if named[0] in _WHOLE_PAGE_TOPICS and when_to_treat else named[0]]
    stated = gap.answers == question.attribute and topic.states(question.attribute)  # "effective for most people"
    fact = topic.fact_for(question.attribute if stated else "what")
    return f"Here is what our page does say. {fact.answer}\n"


UNNAMED_SUBJECTS = frozenset({"drug", "toxin_brand"})  # gaps of a thing the page never names, not of detail
LIMIT_NOTE = "That is as far as our page goes: it doesn't cover {subject}. " + ASK_CARE_TEAM


def limit_note(subject: str) -> str:
    """How far the page goes, after its fact ("it doesn't mention TENS machine", not "cover that: ...")."""
    unnamed = re.match(r"that: our page (doesn't .*)$", subject)
    if unnamed:
        return f"That is as far as our page goes: it {unnamed.group(1)}. " + ASK_CARE_TEAM
    return LIMIT_NOTE.format(subject=subject)


def partly_reply(kb: FactsFile, topic_key: str, subject: str, attribute: str = "what",
                 unnamed: bool = False) -> Reply:
    """What the page says on the topic, then, in a message of its own, how far that goes.

    A subject the page never names (a drug, a brand) comes first, so that the page's general
    fact cannot read as an answer about it: "doesn't mention carbamazepine by name; what it says
    about oral medicines ...".
    """
    topic = kb.by_key()[topic_key]
    fact = topic.fact_for(attribute)
    if unnamed:
        text = (f"{NOT_COVERED.format(subject=subject)} What our page does say about {topic.phrase}: "
                f"{fact.answer}\nYour care team can tell you more. "
                "Would you like to request an appointment?")
        return Reply(text, (APPOINTMENT_BUTTON,), topic=topic_key, kind=PARTLY)
    return Reply(f"{fact.answer}\n{_source_note(topic)}", (APPOINTMENT_BUTTON,), topic=topic_key, kind=PARTLY,
                 note=limit_note(subject))


def beside_gap(answer: Reply, subject: str) -> Reply:
    """A two-part question with one part the page lacks: the part it answers, then what it lacks."""
    lacks = NOT_COVERED.format(subject=subject)
    note = f"{lacks} {answer.note}" if answer.note else f"{lacks} {ASK_CARE_TEAM}"
    buttons = answer.buttons if APPOINTMENT_BUTTON in answer.buttons else (APPOINTMENT_BUTTON, *answer.buttons)
    return Reply(answer.text, buttons, topic=answer.topic, kind=PARTLY, note=note)


def off_topic_reply() -> Reply:
    """A question about nothing the page speaks of: say so, and what the assistant can do."""
    text = (
        "Sorry, our information doesn't cover that. I can only answer questions about hemifacial "
        "spasm: how it is diagnosed and treated, and help you request an appointment."
    )
    return Reply(text, (TESTS_BUTTON, TREATMENTS_BUTTON, APPOINTMENT_BUTTON), kind=UNCOVERED)


def unclear_reply() -> Reply:
    """Ask which topic the patient means."""
    text = (
        "I can share what our page says about how hemifacial spasm is diagnosed and "
        "treated. Which would you like to know about?"
    )
    return Reply(text, (TESTS_BUTTON, TREATMENTS_BUTTON, APPOINTMENT_BUTTON), kind="unclear")


def answer_question(question: Question, topic_hint: Optional[str] = None) -> Reply:
    """The reply to an analysed knowledge question, from the knowledge base only."""
    kb = knowledge()
    if topic_hint and topic_hint in kb.by_key() and question.kind not in (FACT, COMPARE, UNCOVERED):
        question = Question(FACT, (topic_hint,), question.attribute)
    return reply_for(kb, question)


def reply_for(kb: FactsFile, question: Question) -> Reply:
    """Build the reply for an analysed question, with any caveat after it."""
    reply = _reply_for(kb, question)
    if not question.caveat:
        return reply
    caveat = f"{NOT_COVERED.format(subject=question.caveat)} Please tell your care team about it."
    return replace(reply, note=f"{reply.note} {caveat}" if reply.note else caveat)


def _reply_for(kb: FactsFile, question: Question) -> Reply:
    known = kb.by_key()
    if question.kind == UNCOVERED and not question.topics and question.gap is None:
        return off_topic_reply()
    if question.kind == UNCOVERED:
        topic = question.topics[0] if question.topics else None
        return uncovered_reply(question.subject or "that", topic, _topic_context(kb, question))
    if question.kind == PARTLY and question.gap and question.topics[0] in known:
        return partly_reply(kb, question.topics[0], question.subject or "that", question.attribute,
                            unnamed=question.gap.kind in UNNAMED_SUBJECTS)
    if question.kind in (LIST_TESTS, LIST_TREATMENTS):
        return list_reply(kb, question.kind)
    keys = tuple(key for key in question.topics if key in known)
    if question.kind == COMPARE and len(keys) >= 2:
        reply = compare_reply(kb, keys, question.attribute)
        return replace(reply, note=limit_note(question.subject)) if question.gap else reply
    if keys:
        return fact_reply(kb, keys[0], question.attribute)
    return unclear_reply()


_ACRONYM = re.compile(r"\b[A-Z]{2,}\b")
_SENTENCE = re.compile(r"(?<=\.) ")


def general_information(topic_keys: Tuple[str, ...], attribute: str = "what") -> Optional[str]:
    """The page's general information on up to two topics (for personal-advice replies)."""
    kb = knowledge()
    known = kb.by_key()
    parts = [known[key].fact_for(attribute).answer for key in topic_keys[:2] if key in known
             and known[key].facts]
    # "Imaging tests are typically recommended ..." of both MRI and MRA: each sentence said once
    first_of: Dict[str, str] = {}
    for sentence in (s for part in parts for s in _SENTENCE.split(part)):
        first_of.setdefault(_ACRONYM.sub("", sentence), sentence)
    return " ".join(first_of.values()) if parts else None
