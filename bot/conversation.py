"""Decide how to answer one patient message that asks something: safety first.

The message is analysed once (``bot.analysis``); the decision reads only that value.
Order: red flag -> other language -> personal-advice boundary -> the page (or where it
ends). Used by the question action, the fallback, and the appointment form mid-form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import List, Optional

from bot.analysis import MessageAnalysis, analyse_message
from bot.knowledge.answers import answer_question, beside_gap, general_information
from bot.knowledge.page_words import GROUP_TOPICS, related_topics
from bot.knowledge.questions import (
    BEYOND,
    COMPARE,
    FACT,
    GENERIC_PARENTS,
    LIST_TESTS,
    LIST_TREATMENTS,
    PARTLY,
    UNCLEAR,
    UNCOVERED,
    Question,
    analyse_question,
)
from bot.nlp.normalize import lemma_text
from bot.nlp.people import FAMILY
from bot.nlp.reading import asking_clauses, asks, question_clause
from bot.replies import Reply
from bot.safety.advice import (
    DOSE,
    MEDICINE_CHANGE,
    MEDICINE_TOPICS,
    NEXT_STEP,
    OWN_RESULTS,
    PERSONAL_CHOICE,
    PROGNOSIS,
    SELF_DIAGNOSIS,
    SERIOUSNESS,
    SYMPTOMS,
    WHICH_DOCTOR,
)
from bot.safety.emergency_care import asks_about_emergency_care, asks_an_amount
from bot.safety.redflags import CRISIS
from bot.safety.replies import emergency_reply, language_notice, personal_advice_reply

# The page's general information that applies to a kind of personal question, when the
# question names no topic of its own.
GENERAL_TOPICS = {
    DOSE: ("oral_medicines",),
    MEDICINE_CHANGE: ("oral_medicines",),
    OWN_RESULTS: ("diagnosis",),
    SERIOUSNESS: ("diagnosis",),
    WHICH_DOCTOR: ("diagnosis",),
    NEXT_STEP: ("diagnosis", "treatment"),
    PERSONAL_CHOICE: ("treatment",),
    SELF_DIAGNOSIS: ("diagnosis",),
    PROGNOSIS: ("early_diagnosis",),  # the page's one word on how it goes: early diagnosis and treatment help
}
# Kinds whose general information is a topic's fact of a given attribute: how serious a case is
# meets how the page ties treatment to severity; which doctor meets who asks and examines.
GENERAL_FACTS = {
    SERIOUSNESS: (("diagnosis", "what"), ("medical_history", "what"), ("treatment", "when_used")),
    WHICH_DOCTOR: (("diagnosis", "what"), ("medical_history", "what")),
    SELF_DIAGNOSIS: (("diagnosis", "what"), ("medical_history", "what")),  # "one or both sides of the face"
}
# A clause that opens by pointing back at the one before it ("does that work?", "is it safe?").
_POINTS_BACK = re.compile(r"^(?:\S+ ){0,2}(?:that|it|this|they|those|these)\b")
_HAPPENS = re.compile(r"\b(?:that|this|it) (?:\S+ )?(?:happen|occur)")
_SENTENCE_END = re.compile(r"(?<=\.) ")
# Waiting, leaving it or leaving it late: what the page says of early diagnosis and treatment.
_WAITING = re.compile(r"\bwait\b|\bleave it\b|\bleft it\b|\bgo away (?:by|on) (?:itself|its own)\b|\bsettle\b|"
                      r"\btoo late\b|\bnever (?:\S+ )?(?:treat|do anything|get it treat)|"
                      r"\bdo nothing\b|\bhold off\b|\bignore it\b|"
                      r"\bleave it (?:alone|be)\b")
_PROCESS_TOPICS = ("condition",)
_SEVERITY_ASKED = re.compile(r"\b(?:severe|mild|bad|serious)\w* enough\b")
IMAGING_TOPICS = GENERIC_PARENTS["imaging"] | {"imaging"}


@dataclass(frozen=True)
class Context:
    """What the conversation so far tells the next reply (read from slots by the actions)."""

    topic: Optional[str] = None  # the last topic answered: "how often do I need it?"
    asked: Optional[str] = None  # what the last question asked: "and after the jabs?"
    crisis_raised: bool = False  # after a crisis, "how many is enough?" is one too
    red_flag_raised: Optional[str] = None  # the red flag of the previous turn: "should I go to the ER?" after it


def respond(
    text: str, intent: Optional[str] = None, context: Optional[Context] = None, topic_hint: Optional[str] = None,
) -> Reply:
    """The reply to a question-like message, given what the conversation so far tells it."""
    context = context or Context()
    last_topic = context.topic
    analysis = analyse_message(text or "", intent, last_topic, context.asked)
    if analysis.red_flag is not None:
        return emergency_reply(analysis.red_flag.kind, analysis.language)
    if context.crisis_raised and (analysis.advice == DOSE or asks_an_amount(analysis.reading)):
        return emergency_reply(CRISIS, analysis.language)
    if context.red_flag_raised and asks_about_emergency_care(analysis.reading):
        return emergency_reply(context.red_flag_raised, analysis.language)
    if not analysis.is_english:
        return language_notice(analysis.language)
    advice = analysis.advice
    question = analysis.question
    # The classifier's intent alone counts only when the page has nothing to say, and a
    # description of their own twitching gets its own reply.
    if advice is None and intent == "ask_personal_advice" and question.kind == UNCLEAR \
            and not describes_symptoms(analysis):
        advice = ""
    if advice is not None and question.kind in (UNCOVERED, PARTLY) and (question.gap or _off_page(analysis)):
        # "Is the MRA dye safe for me, I have kidney problems?": their own clinician first, then what
        # the page lacks, then its general information (after both, it cannot read as "fine"). A
        # medicine change beside a device or drug ("stop my blood thinners before the op") has none.
        # ("the seizure pill, my kidneys are weak" names one of the page's medicines: its fact)
        gap_kind = question.gap.kind if question.gap else None
        unrelated = (advice in (DOSE, MEDICINE_CHANGE) and gap_kind == "device"
                     and not set(question.topics) & set(MEDICINE_TOPICS))
        general = None if unrelated else _general_information(advice, analysis)
        figures = advice == DOSE and gap_kind == "detail"  # "how many units?": the dose line says it
        return personal_advice_reply(advice, general, None if figures else question.subject or "that")
    if advice is not None:  # "I've a pacemaker - should I have the MRI?": the device's gap beside the advice
        return personal_advice_reply(advice, _general_information(advice, analysis), question.caveat)
    if describes_symptoms(analysis):
        return personal_advice_reply(SYMPTOMS, general_information(("diagnosis", "treatment")))
    if question.kind == UNCLEAR and intent in ("ask_uncovered", "out_of_scope"):
        question = Question(UNCOVERED, (), question.attribute, "that")
    reply = _two_part_reply(analysis, last_topic) or answer_question(question, topic_hint)
    asked = question.gap.kind if question.gap else question.attribute if question.attribute_from_text else None
    return replace(reply, asked=asked) if reply.topic else reply


_ANSWERED = (FACT, COMPARE, LIST_TESTS, LIST_TREATMENTS)


def _off_page(analysis: MessageAnalysis) -> bool:
    """Nothing on the page ("should I wear sunnies all the time?"); "a vessel 'strangling' my nerve?" has its words."""
    question = analysis.question
    return question.kind == UNCOVERED and not question.topics and not related_topics(analysis.reading)


def _two_part_reply(analysis: MessageAnalysis, last_topic: Optional[str]) -> Optional[Reply]:
    """'Does acupuncture work? And how many sessions would I need?': the gap, then the answer."""
    parts: List[Question] = []
    for part in asking_clauses(analysis.reading):  # "it" and "they" point back to the part before
        question = analyse_question(part, None, last_topic)
        points_back = _POINTS_BACK.match(lemma_text(part).lower())
        if parts and parts[-1].gap is not None and not parts[-1].topics and points_back:
            question = parts[-1]  # "what about gamma knife? does that work for this?": still gamma knife
        elif parts and parts[-1].gap is not None and _HAPPENS.search(lemma_text(part).lower()):
            question = parts[-1]  # "can botox make my eyelid droop? how often does that happen?": still the droop
        parts.append(question)
        last_topic = next((t for t in parts[-1].topics if t not in GROUP_TOPICS), last_topic)
    gap = next((q for q in parts if q.gap is not None and q.kind == UNCOVERED and q.subject), None)
    answered = next((q for q in parts if q.kind in _ANSWERED or q.kind == PARTLY), None)
    if answered is None:
        return None
    if gap is None:  # "how often are the jabs, and does it wear off suddenly?": a later part in words the page lacks
        later = parts[parts.index(answered) + 1:]
        whole = analysis.question  # the message as a whole asks the answered part's topic, with no gap of its own
        if whole.kind == FACT and whole.gap is None and set(whole.topics) == set(answered.topics) \
                and any(q.kind == UNCOVERED and not q.topics and q.gap is None for q in later):
            return beside_gap(answer_question(answered), "the rest of your question")
        return None
    return beside_gap(answer_question(answered), gap.subject or "that")


# A patient describing their twitching ("my cheek pulls up towards my eye") gets how it is
# looked into, not "our information doesn't cover that"; a question keeps its own answer.
_SPASM_WORDS = re.compile(r"\b(?:twitch|spasm|jerk|flutter|blink|wink|squint|tic|pull|tug|flicker|jump|"
                          r"shut|close|contract|clench|tight|yank|spasming|go crazy|go mad|attack)")
_FACE_WORDS = re.compile(r"\b(?:eye|eyelid|lid|cheek|mouth|lip|face|jaw|chin|brow|forehead|side)\b")
# Whose twitching is described: "stress and the spasm connection" describes no one's.
_SOMEONES = re.compile(rf"\b(?:i|i'm|im|i've|ive|my|me|mine|he|she|his|her|him|we|our|us|{FAMILY})\b")
# A body part elsewhere is a gap; these, beside one's own twitching, are a description of it.
_DESCRIPTIVE_GAPS = {"outcome", "cause", "duration", "unknown_name", "urgency", BEYOND}


def describes_symptoms(analysis: MessageAnalysis) -> bool:
    """A patient describing their own twitching rather than asking about the page."""
    question, reading = analysis.question, analysis.reading
    leaves_page = question.kind == UNCLEAR or (
        question.kind == UNCOVERED and (question.gap is None or question.gap.kind in _DESCRIPTIVE_GAPS))
    asked = question_clause(reading) is not reading or asks(reading)
    return (leaves_page and not asked and bool(_SOMEONES.search(reading.lower))
            and bool(_SPASM_WORDS.search(reading.lemmas))
            and ("condition" in reading.topics or bool(_FACE_WORDS.search(reading.lemmas))))


_INJECTED = re.compile(r"\b(?:unit|inject\w*|jab|shot)s?\b")


def _general_information(advice: str, analysis: MessageAnalysis) -> Optional[str]:
    """The page's information that applies: topics named, else the page's words used, else the kind's."""
    question = analysis.question
    named = tuple(t for t in question.topics if t not in _PROCESS_TOPICS)
    mentions = analysis.reading.mentions
    medicines = tuple(dict.fromkeys(m.topic for m in mentions if m.topic in MEDICINE_TOPICS))
    options = tuple(dict.fromkeys(m.topic for m in mentions if m.topic in GENERIC_PARENTS["treatment"]))
    if advice == MEDICINE_CHANGE:  # "after MVD, can I stop the antiseizure pills?": the medicine first
        options = tuple(dict.fromkeys(medicines + options))
    if advice in (PERSONAL_CHOICE, MEDICINE_CHANGE) and len(options) >= 2:
        # "tablets or Botox, which should I choose?": how the page ties the options to severity, then each
        return " ".join(dict.fromkeys(filter(None, (_severity_sentence(), general_information(options)))))
    if advice in (DOSE, MEDICINE_CHANGE) and medicines:  # "after MVD, can I cut my pills?": pills first
        named = tuple(dict.fromkeys(medicines + named))
    if question.gap and question.gap.partly:  # "switch from carbamazepine to Botox": both
        mentioned = tuple(m.topic for m in mentions if m.topic not in _PROCESS_TOPICS)
        named = tuple(dict.fromkeys((question.gap.partly,) + named + mentioned))
    besides = question.gap.term if question.gap else ""
    waits = bool(_WAITING.search(analysis.reading.lemmas))
    waiting = set(named) <= {"treatment", "diagnosis"} and waits
    if waiting:
        named, related = (), ("early_diagnosis",)
    else:
        related = () if named else related_topics(analysis.reading, besides)
    # "which doctor should I see, a neurologist?": who asks and examines first, whatever else the words echo
    # ("... or wait for the NHS one?": what the page says of early diagnosis, too)
    which_doctor = advice == WHICH_DOCTOR and set(named) <= {"diagnosis", "treatment"}  # "who should treat this?"
    if advice in GENERAL_FACTS and ((not named and not related) or which_doctor):
        facts = " ".join(filter(None, (general_information((key,), attribute)
                                       for key, attribute in GENERAL_FACTS[advice])))
        if waiting:
            facts = f"{general_information(('early_diagnosis',))} {facts}"
        if which_doctor and "treatment" in named:  # "who should treat this?": who examines first, then the options
            facts = f"{facts} {general_information(('treatment',))}"
        return " ".join(dict.fromkeys(_SENTENCE_END.split(facts)))  # each sentence once
    if _SEVERITY_ASKED.search(analysis.reading.lemmas) and named and not waiting:
        # "is mine severe enough for surgery?": how the page ties the options to severity, then the option
        return " ".join(dict.fromkeys(filter(None, (_severity_sentence(), general_information(named, "what")))))
    if waiting:  # "should I just leave it, it's mild?": early treatment helps; what treatment is for and its options
        return " ".join(filter(None, (general_information(("early_diagnosis",)), general_information(("treatment",)))))
    fallback = ("botox",) if advice in (DOSE, MEDICINE_CHANGE) and _INJECTED.search(analysis.reading.lemmas) \
        else GENERAL_TOPICS.get(advice, ())  # "how many units go in the eyelid?" is about the injections
    topics = named or related or fallback
    beside_gap = question.kind == PARTLY  # the fact the question touches on ("the MRA's dye")
    # a dose or a choice of doctor: what the treatment is ("can my regular GP do the Botox?" asks no frequency)
    stated = (question.attribute_from_text or beside_gap) and named and advice not in (DOSE, WHICH_DOCTOR)
    attribute = question.attribute if stated else "what"
    if advice == OWN_RESULTS and attribute != "what":  # their own report: what the test is, then what was asked
        return " ".join(dict.fromkeys(filter(None, (general_information(topics, "what"),
                                                    general_information(topics[:1], attribute)))))
    imaging = tuple(t for t in named if t in IMAGING_TOPICS)
    if advice in (WHICH_DOCTOR, PERSONAL_CHOICE) and imaging:
        # "should I insist on an MRA?": that imaging may be recommended, what the test is, and when it is used
        facts = " ".join(filter(None, (general_information(("imaging",)), general_information(topics, "what"),
                                       general_information(imaging[:1], "when_used"))))
        return " ".join(dict.fromkeys(s for s in _SENTENCE_END.split(facts) if not s.endswith(_ONE_OF_THE_TESTS)))
    if question.gap and question.gap.kind in _CAUSE_GAPS and "imaging" not in topics:
        # "my MRI was clear, so what's causing mine?": what the page says of finding the cause, beside
        return " ".join(dict.fromkeys(filter(None, (general_information(topics, attribute),
                                                    general_information(("imaging",))))))
    if waits and advice == PERSONAL_CHOICE:
        # "pray on it and wait, or book the surgery?": what the page says of early treatment, then the option
        early = general_information(("early_diagnosis",))
        return " ".join(filter(None, (early, general_information(topics, attribute))))
    return general_information(topics, attribute)


_CAUSE_GAPS = ("cause", "cause_general")
_ONE_OF_THE_TESTS = "is one of the imaging tests."  # said already by the overview of imaging before it


def _severity_sentence() -> str:
    """The page's first sentence on when treatments are used: "Depending on the severity, options may include ..."."""
    return _SENTENCE_END.split(general_information(("treatment",), "when_used") or "")[0]


def deserves_an_answer(text: str, last_topic: Optional[str] = None) -> bool:
    """A knowledge question, or a request for personal advice ("can I just stop taking it?")."""
    return analyse_message(text or "", None, last_topic).advice is not None or is_knowledge_question(text, last_topic)


def is_knowledge_question(text: str, last_topic: Optional[str] = None) -> bool:
    """Whether the message asks about the page or a subject it lacks (not chit-chat or gibberish)."""
    analysis = analyse_message(text or "", None, last_topic)
    question = analysis.question
    off_topic = question.kind == UNCOVERED and not question.topics and question.gap is None
    # "Are there support groups?" asks about something real the page lacks: say so, rather
    # than "I didn't understand"; an off-topic remark that asks nothing is left to the caller.
    return question.kind != UNCLEAR and (not off_topic or asks(analysis.reading))
