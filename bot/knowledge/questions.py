"""Work out what a patient's question asks: which topics, which attribute, which kind.

Pure functions over the message text (via lemma patterns) plus two hints from
the dialogue: the NLU intent and the last topic discussed, which resolves
"it" and "that" in follow-ups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import List, Optional, Pattern, Sequence, Tuple

from bot.knowledge.coverage import Gap, coverage
from bot.knowledge.page_words import GROUP_TOPICS, related_topics, shared_fact
from bot.knowledge.quoted import quoted_fact
from bot.knowledge.repository import knowledge
from bot.nlp.history import present_part
from bot.nlp.normalize import lemma_text
from bot.nlp.reading import (
    Readable,
    Reading,
    after_topic_shift,
    as_reading,
    asking_clauses,
    asking_part,
    question_clause,
)
from bot.nlp.terms import Mention
from bot.nlp.vocabulary import page_vocabulary

FACT, COMPARE, LIST_TESTS, LIST_TREATMENTS, UNCOVERED, PARTLY, UNCLEAR = (
    "fact", "compare", "list_tests", "list_treatments", "uncovered", "partly", "unclear",
)

GENERIC_PARENTS = {
    "surgery": {"mvd", "other_surgery", "nerve_massage", "heat_therapy",
                "electrical_pulses", "nerve_cutting", "radiofrequency"},
    "other_surgery": {"nerve_massage", "heat_therapy", "electrical_pulses",
                      "nerve_cutting", "radiofrequency"},
    "imaging": {"mri", "mra", "emg"},
    "treatment": {"botox", "mvd", "oral_medicines", "acupuncture", "surgery",
                  "other_surgery", "nerve_massage", "heat_therapy",
                  "electrical_pulses", "nerve_cutting", "radiofrequency"},
    "diagnosis": {"mri", "mra", "emg", "imaging", "medical_history",
                  "physical_exam", "early_diagnosis"},
}


def _rx(*patterns: str) -> Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


# Attribute cues over lemma text, tried in this order.
ATTRIBUTE_CUES: Sequence[Tuple[str, Pattern[str]]] = (
    ("when_used", _rx(  # who gets it and when, before any weaker cue ("why ... before the op")
        r"\bbefore (?:the |an |my )?(?:op|surgery|operation)\b", r"\bat what (?:point|stage)\b",
        r"\b(?:everyone|everybody|every patient|all patient|anyone|anybody) (?:\w+ ){0,3}(?:get|have|need)\b",
        r"\bonly (?:for|if|when|in) (?:\S+ ){0,3}(?:complicat|complex|difficult|hard|surgery|op\b|operation|unusual|severe)",
        r"\bfor everyone\b(?:\s\S+){0,4}? or only\b", r"\bcompl(?:icated|ex) case", r"\bmild(?:er)? case",
        r"\bif (?:\S+ ){0,2}surgery (?:be|is) (?:on the table|being considered|an option|plan)", r"\bif (?:i|you|they) (?:be |are )?(?:go|heading) for surgery\b",
        r"\bneed (?:a |an |the )?\S+ if\b",
        r"\bonly (?:some|certain) (?:people|ppl|patient|case)",
        r"\bsome (?:people|folk|ppl|patient|person)s? (?:\S+ )?(?:need|get|have)\b", r"\bother(?:s| people)? (?:do not|don't|dont)\b",
        r"\bwhat make (?:them|you|the doctor|doctors|they|the neuro\w*|the consultant|the specialist) (?:\S+ )?(?:choose|decide|pick|go for|order|want|use)\b",
    )),
    ("frequency", _rx(
        r"\bhow often\b", r"\bbetween (?:\S+ ){0,2}(?:injection|shot|jab|session|treatment|dose)s?\b",
        r"\b(?:another|next) (?:round|lot|one|dose|top up|session)\b", r"\blast\b(?! (?:night|week|month|year|time|visit|appointment|question|one))", r"\brepeat", r"\bwear off\b", r"\bhow many time",
        r"\bevery\b", r"(?<!more )\bpermanent(?! (?:fix|solution|option|cure|treatment|answer))", r"\b(?:need|have|get|do|repeat|go back|come back|redo|book)\w* (?:\S+ ){0,3}again\b", r"\bfrequen", r"\bredo\b",
        r"\bforever\b", r"\bfor good\b", r"\bapart\b(?! from)", r"\bredo", r"\bone[- ]?time\b", r"\bonce\b",
        r"\bhow long (?:be|do) (?:the )?(?:effect|result|benefit|relief)", r"\bkeep (?:on )?work",
    )),
    ("how_it_works", _rx(
        r"\bhow (?:do|would|will|can|could) (?:\S+ ){0,6}work\b", r"\bmechanism\b",
        r"\bwhat (?:do|would|will) (?:\w+ ){0,3}do (?:to|for|in|exactly)\b",
        r"\bhow (?:do|would|will|can|could) (?:\S+ ){0,4}(?:reduce|stop|block|help|relieve|fix|sort)\b",
        r"\bwork how\b", r"\bcontrast\b", r"\bdye\b", r"\bhow (?:it|they|this|that) (?:be )?work",
        r"\bhow (?!long|well|much|soon|quick|fast|often|many|far)(?:the |a |an |this |that )(?:\S+ ){0,3}(?:actually |really )?work\b",
    )),
    ("procedure", _rx(
        r"\bhow (?:be|do|would|will) (?:\w+ ){0,5}(?:do|perform|carry out|give|administer|conduct|happen)\b",
        r"\bprocedure (?:involve|like|look)", r"\bwhat happen\b", r"\binvolve\b",
        r"\bincision\b", r"\bstep\b", r"\bwhere (?:\w+ ){0,5}(?:cut|incision|inject|go|put|place)\b",
        r"\bduring\b", r"\bwhat (?:do|will|would) (?:the )?(?:surgeon|doctor)s? do\b",
        r"\bhow (?:do|will|would|be) (?:they|the surgeon|the doctor|surgeon|doctor)\b",
        r"\bwhat be (?:the )?(?:process|procedure)\b", r"\bexpect\b", r"\bwhat be it like\b", r"\bcut (?:\S+ ){0,2}open\b",
    )),
    ("limits", _rx(
        r"\bdownside", r"\bdrawback", r"\blimitation", r"\bdisadvantage", r"\bcon\b",
        r"\bnot always\b", r"\bcatch\b",
    )),
    ("shows", _rx(
        r"\bshow\b", r"\breveal", r"\bmeasure", r"\bdetect", r"\bfind\b", r"\bsee\b",
        r"\blook (?:for|at)\b", r"\bcheck", r"\bpurpose\b", r"\bwhy\b", r"\bused? for\b",
        r"\bwhat (?:\w+ ){1,6}for\b", r"\bpoint of\b(?! (?:treat|hav\w* (?:it |them )?treat|get\w* (?:it |them )?treat))", r"\bassess", r"\bconfirm\b",
        r"\bidentif", r"\bdetermine\b", r"\btell (?:you|me|the doctor|doctor|us)\b",
        r"\bpick up\b", r"\bdiscover\b",
    )),
    ("effectiveness", _rx(
        r"(?<!\bat )(?<!\bto )(?<!\bfrom )(?<!\boff )(?<!\bfor )\bwork\b(?! (?:colleague|mate|place|shift|day|friend))", r"\beffective", r"\bhelp", r"\bbest\b", r"\bbetter\b",
        r"\blong[- ]?term\b", r"\bworth\b", r"\bgood\b", r"\breduce\b", r"\bimprove",
        r"\bevidence\b", r"\bprove", r"\bresearch\b", r"\bstudy\b", r"\bstudie\b",
        r"\bsuccessful\b", r"\bbenefit", r"\breliable\b", r"\bresult\b",
        r"\bstop (?:the )?(?:spasm|twitch)", r"\bget rid\b", r"\bfix\b", r"\bmanage\b",
        r"\bmore permanent\b", r"\bpermanent (?:fix|solution|option|cure|treatment|answer)",
        r"\b(?:point|purpose|aim|goal) of (?:treat|hav\w* (?:it |them )?treat|get\w* (?:it |them )?treat)",
    )),
    ("when_used", _rx(
        r"\bwhen\b", r"\balways\b", r"\bnecessary\b", r"\bneed(?!le)", r"\brequire", r"\b(?:compulsory|mandatory|obligatory|essential)\b", r"\bhave to (?:have|get|do)\b",
        r"\bwho\b", r"\brecommend", r"\border\b", r"\bwhich case", r"\bmandatory\b",
        r"\bmild\b", r"\bearly stage", r"\bsevere\b", r"\bseverity\b", r"\bsuitable\b",
        r"\bcandidate\b", r"\bin what situation", r"\bunder what\b", r"\bmust\b",
        r"\bessential\b", r"\bunusual\b", r"\bwhen be\b", r"\b(?:simple|complex|complicated|easy|straightforward|every|hard|difficult|tricky|tough) (?:\S+ )?case",
        r"\broutine(?:ly)?\b",
    )),
)

LIST_CUE = _rx(
    r"\bwhat (?:\w+ ){0,3}(?:test|exam|scan|treatment|option|therap|procedure|choice|way)",
    r"\bwhich (?:test|exam|scan|treatment|option|therap|procedure|choice)",
    r"\b(?:test|exam|scan|treatment|option|therap|choice)\w* (?:be )?(?:there|available|exist)",
    r"\blist\b", r"\bkind of\b", r"\btype of\b", r"\bwhat can (?:be do|i do|you do|help)\b",
    r"\bnames? of (?:the |these |those |all )?(?:test|exam|scan|treatment|option|therap|procedure)",
    r"\bwhat (?:do|can|would|will) (?:they|you|doctors|the doctors) offer\b",
    r"\bwhat can (?:\w+ ){0,2}be do\b", r"\b(?:anything|something) (?:that )?(?:work|help)s?\b", r"\bmake life better\b",
    r"\bhow (?:be|do|can) (?:\w+ ){0,3}(?:treat|manage|diagnose|test)",
    r"\b(?:all|any|other) (?:the )?(?:test|treatment|option|therap)",
    r"\bwhat (?:be|do) (?:the|my) option", r"\bwhat (?:help|support) (?:be|is) (?:there|available)\b",
)
TESTS_WORD = _rx(r"\btest", r"\bexam", r"\bscan", r"\bimaging\b", r"\bdiagnos", r"\bcheck",
                 r"\binvestigation", r"\bwork ?up\b", r"\bevaluat")
TREATMENTS_WORD = _rx(r"\btreat", r"\btherap", r"\boption", r"\boperation", r"\bsurg", r"\bcure\b", r"\bmanage",
                      r"\bremed", r"\bhelp\b", r"\bchoice", r"\bprocedure\b", r"\bdo about\b", r"\bcalm",
                      r"\bease\b", r"\bsettle\b", r"\bsoothe",
                      r"\bget rid\b", r"\bstop\b", r"\bfix\b", r"\bsurgery\b")
WHAT_CAN_BE_DONE = _rx(r"\bcan (?:\w+ ){0,2}be do\b", r"\bwhat can (?:i|you|they|we|the doctor) do\b", r"\bmake life better\b",
                       r"\b(?:anything|something) (?:that )?(?:work|help)s?\b",
                       r"\bwhat (?:can|could|will|would) (?:\S+ ){0,3}(?:less|better|easier|calmer|quieter|go away)\b")  # treatment, unless tests named
COMPARE_CUE = _rx(r"\bdifferen", r"\bcompar", r"\bversus\b", r"\bvs\b", r"\bbetter\b",
                  r"\bor\b", r"\bwhich (?:one|be|is)\b", r"\brather\b", r"\binstead\b",
                  r"\bbetween\b", r"\bprefer", r"\b(?:same|different) (?:as|from|than)\b")
ONLY_OPTION_CUE = _rx(r"\bonly (?:\S+ )?(?:option|treatment|way|choice|cure|thing)\b",
                      r"\b(?:if|when) (?:\S+ ){0,3}(?:do not|not|fail|stop|can not) (?:\S+ )?(?:work|help)",
                      r"\balternative", r"\bother (?:than|besides?) (?:surgery|botox|the injection)\b",
                      r"\banything (?:else )?(?:besides?|but|other than|apart from|instead of)\b",
                      r"\bwithout (?:surgery|an operation|botox)\b", r"\banything else (?:besides?|but)\b",
                      r"\bagainst (?:\S+ ){0,2}(?:surgery|operation|op|botox|injection|needle|jab|pill|tablet)",
                      # "hit a dead end with my pills, what else is out there?"; "is there other stuff?"
                      r"\bwhat else (?:be )?(?:out there|there|available|on offer|can (?:i|we|they|you) (?:try|do)|(?:can|could|might|would) help)\b",
                      r"\b(?:other|different) (?:stuff|option|treatment|choice)s?\b(?! (?:for|like) (?:the |my )?(?:test|scan))",
                      r"\bnon[- ]?(?:surgical|invasive|surgery)\b")
# "Is there something more permanent?": the page's comparison of how long treatments work.
LONGER_LASTING_CUE = _rx(r"\bmore permanent\b", r"^(?:(?!\b(?:test|scan|mri|mra|emg)\b).)*\bmost effective\b", r"\blonger[- ]lasting\b", r"\blong(?:er)? last\w* (?:option|treatment|fix|than)\b",
                         r"\blast\w* (?:the )?longe?st\b", r"\blongest[- ]last", r"\blast\w* longer than\b", r"\blong[- ]term (?:option|fix|solution|treatment)", r"\bsomething (?:more )?(?:permanent|lasting|long[- ]term)\b",
                         r"\bpermanent (?:fix|solution|option|cure|answer)")
HOW_LONG_IT_LASTS = _rx(r"\bhow often\b", r"\bhow long (?:\S+ ){0,4}(?:last|work|effect)", r"\bwear off\b",
                        r"\b(?:do|will|would|can) (?:\S+ ){0,3}last\b", r"\bpermanent\b", r"\bforever\b", r"\bfor good\b")
FOLLOW_UP_CUE = _rx(r"\b(?:it|that|this|they|them|those|these|one)\b",
                    r"\bthe (?:treatment|test|procedure|surgery|injection|shot|scan|operation|option)\b")

TREATMENT_KEYS = {"surgery", "mvd", "botox", "oral_medicines", "acupuncture", "other_surgery"}

INTENT_ATTRIBUTE = {
    "ask_how_often": "frequency",
    "ask_effectiveness": "effectiveness",
    "ask_procedure": "procedure",
    "ask_when_used": "when_used",
    "ask_what_shows": "shows",
}


@dataclass(frozen=True)
class Question:
    """The analysed question: its kind, topics in order, attribute and uncovered subject."""

    kind: str
    topics: Tuple[str, ...] = field(default_factory=tuple)
    attribute: str = "what"
    subject: Optional[str] = None
    attribute_from_text: bool = False
    gap: Optional[Gap] = None
    caveat: Optional[str] = None  # what the page lacks about a circumstance named beside the question


ATTRIBUTES = frozenset(name for name, _ in ATTRIBUTE_CUES)
# "And after the jabs?", "what about the MRA?": the previous question, asked of another topic.
ELLIPSIS_CUE = _rx(r"^(?:and|what about|how about|same for|same with|what of)\b")


def detect_attribute(lemmas: str) -> Optional[str]:
    """The first attribute whose cue occurs in the lemma text, if any."""
    for attribute, pattern in ATTRIBUTE_CUES:
        if pattern.search(lemmas):
            return attribute
    return None


def focus_topics(mentions: Sequence[Mention]) -> List[str]:
    """Distinct topics, dropping the condition and groups whose members are named."""
    keys: List[str] = []
    for mention in mentions:
        if mention.topic not in keys:
            keys.append(mention.topic)
    named = [k for k in keys if k != "condition"]
    return [
        k for k in named
        if not (GENERIC_PARENTS.get(k, set()) & set(named) and not _compared_pair(k, named))
    ] or keys


def _compared_pair(key: str, named: Sequence[str]) -> bool:
    """'Botox or surgery': a group compared with a topic outside it stays."""
    outside = [k for k in named if k != key and k not in GENERIC_PARENTS.get(key, set())]
    return bool(outside) and key in ("surgery",)


def _group_of(lemmas: str, topics: Sequence[str], intent: Optional[str]) -> Optional[str]:
    """Whether a question without a named test or treatment is about tests or treatments."""
    tests = bool(TESTS_WORD.search(lemmas)) or "diagnosis" in topics
    treatments = bool(TREATMENTS_WORD.search(lemmas)) or "treatment" in topics or (
        not tests and bool(WHAT_CAN_BE_DONE.search(lemmas)))
    if tests != treatments:
        return "diagnosis" if tests else "treatment"
    if intent == "ask_list_tests":
        return "diagnosis"
    if intent == "ask_list_treatments" or treatments:
        return "treatment"
    return None


# "What are my options besides surgery?": a topic named only to be set aside.
_SETS_ASIDE = re.compile(r"\b(?:besides|beside|other than|apart from|except|excluding|aside from|instead of|"
                         r"rather than|alternatives? to|without|not counting|with no|avoid|avoiding|steer clear of|stay away from|"
                         r"(?:that|which) (?:are not|is not|do not|does not|aren't|arent|isn't|don't|doesn't)"
                         r"(?: involve| need| use| include)?|"
                         r"(?:do not|does not|doesn't|don't|dont|doesnt) (?:involve|include)) "
                         r"(?:the |a |an |my |any |doing )?(?:oral |facial |brain |nerve )?(?:\S+ or )?$|"
                         r"\bnon ?-? ?$|"
                         # a refusal: "never am I having brain surgery", "I won't have the op"
                         r"\b(?:never|no way|not|won't|wont|will not|refuse to|don't want|do not want) "
                         r"(?:am |will |would |do |be )?(?:i |you )?(?:be )?(?:having |have |getting |get |go through |doing |do )?"
                         r"(?:the |a |an |any |my )?(?:oral |facial |brain |nerve )?$")


def _set_aside_group(reading: Reading) -> Optional[str]:
    """The group ("treatment" or "diagnosis") whose every named member the message sets aside."""
    named = [m for m in reading.mentions if m.topic not in ("condition", "treatment", "diagnosis")]
    members = [m for m in named if m.topic not in GENERIC_PARENTS]  # "any surgery other than the sponge one"
    named = members if members and any(_SETS_ASIDE.search(reading.lower[:m.start][-40:]) for m in members) else named
    if not named or not all(_SETS_ASIDE.search(reading.lower[:m.start][-40:]) for m in named):
        return None
    asked_of = {m.topic for m in reading.mentions} - {m.topic for m in named}
    groups = ("surgery", "treatment", "diagnosis") if "surgery" in asked_of else ("treatment", "diagnosis")
    return next((group for group in groups if all(m.topic in GENERIC_PARENTS[group] for m in named)), None)


# The patient's own circumstances count wherever the message names them ("I'm pregnant lol,
# anyway is Botox ok?"); other subjects before a change of subject do not.
_CIRCUMSTANCES = frozenset({"device", "condition", "population", "drug", "other_drug", "toxin_brand", "supplement"})


def _circumstance_gap(whole: Reading, asked: Reading) -> Optional[Gap]:
    """A gap about the patient's (or a relative's) circumstances told before the change of subject ("im 7 months pregnant
    lol anyway is botox ok?"); an aside about anything else is left behind ("heart attack waiting to happen
    with the stress. anyway, what's the point of treatment?")."""
    if asked is whole or not _OWN_STATE.search(whole.lower[:whole.lower.rfind(asked.lower)]):
        return None
    gap = coverage().gap(whole)
    return gap if gap is not None and gap.kind in _CIRCUMSTANCES else None


_OWN_STATE = re.compile(r"\b(?:i'm|im|i've|ive|(?:i|he|she|we|they|my \w+|his \w+|her \w+) "
                        r"(?:am|is|are|'s|has|have|had|was|were|take|takes|use|uses|got))\b")  # theirs or a relative's


def analyse_question(
    message: Readable, intent: Optional[str] = None, last_topic: Optional[str] = None,
    last_asked: Optional[str] = None,
) -> Question:
    """Classify a patient's question for the answer builder.

    ``last_asked`` is what the previous question asked (an attribute, or a gap's class): "and
    after the jabs?" asks it again of a new topic.
    """
    whole = as_reading(message)
    gap = coverage().gap(after_topic_shift(whole))
    quoted = quoted_fact(whole.text)  # "what does 'block nerve signals' mean?": the sentence quoted
    question = _analyse(whole, intent, last_topic, last_asked, None if gap and gap.aside else gap, quoted)
    if gap and not gap.aside and gap.answers == ASKED and question.kind == FACT and question.gap is None \
            and question.topics:  # "does 'improve quality of life' mean it stops completely?": the fact, then how far it goes
        phrase = knowledge().by_key()[question.topics[0]].phrase
        question = replace(question, kind=PARTLY, subject=gap.about(phrase), gap=gap)
    if gap and gap.aside and question.kind != UNCOVERED:  # "I have a pacemaker, FYI. What does MVD do?"
        return replace(question, caveat=gap.subject)
    if quoted and question.kind == UNCOVERED and question.gap and not question.gap.aside:
        # 'it says "other brain condition": which ones?': the sentence quoted, then how far the page goes
        return replace(question, kind=PARTLY, topics=(quoted[0],), attribute=quoted[1])
    return question


def _analyse(
    whole: Reading, intent: Optional[str], last_topic: Optional[str], last_asked: Optional[str], gap: Optional[Gap],
    quoted: Optional[Tuple[str, str]] = None,
) -> Question:
    reading = after_topic_shift(whole)
    lemmas = reading.lemmas
    asked = question_clause(reading)
    # "Fighting a losing battle with the tablets. What's the best long-term option?": the aside's topic is no subject
    aside_only = (asked is not reading and not asked.mentions and TREATMENTS_WORD.search(asked.lemmas)
                  and not FOLLOW_UP_CUE.search(asked.lemmas)  # "chinese medicine, does that help" points back
                  and len(asking_clauses(reading)) < 2)  # "how often are the jabs, and does it stop overnight?" asks twice
    # "my late husband had brain surgery in the 80s. can the scan show tumours?": history names no topic asked
    now = present_part(reading).mentions
    if not any(m.topic not in GROUP_TOPICS for m in now):  # "I had acupuncture in the eighties. Could it help?"
        now = reading.mentions
    topics = [] if aside_only else focus_topics(now)
    attribute = detect_attribute(asked.lemmas)
    if quoted and set(topics) <= GROUP_TOPICS:
        topics = [quoted[0], *topics]
        attribute = attribute or quoted[1]
    from_text = attribute is not None
    gap = gap or _circumstance_gap(whole, reading)
    if last_asked and not from_text and not gap and topics and ELLIPSIS_CUE.search(lemmas):
        gap = coverage().class_gap(last_asked)
        attribute = None if gap or last_asked not in ATTRIBUTES else last_asked
        from_text = attribute is not None
    attribute = attribute or INTENT_ATTRIBUTE.get(intent or "", "what")

    if gap and gap.partly:  # a quoted page sentence is the relevant information ("what counts as 'mild'?")
        return Question(PARTLY, (quoted[0] if quoted else gap.partly,), quoted[1] if quoted else "what", gap.subject, gap=gap)
    set_aside = None if gap else (_set_aside_group(asked) or _set_aside_group(asking_part(reading))
                                  or _set_aside_group(reading))  # "I won't have surgery, what are the non surgery options"
    if set_aside == "surgery":  # "any surgery other than the sponge one?": the other surgical techniques
        return Question(FACT, ("other_surgery",), attribute)
    if set_aside:
        return Question(LIST_TREATMENTS if set_aside == "treatment" else LIST_TESTS, (set_aside,), attribute)
    if gap and not topics and last_topic and FOLLOW_UP_CUE.search(lemmas):
        topics = [last_topic]  # "is it painful?" after Botox: the gap is named with Botox
    gap_question = _gap_question(gap, topics, attribute, reading) if gap else None
    if gap_question:
        return gap_question

    specific = [t for t in topics if t not in ("condition", "diagnosis", "treatment")]
    # "dead set against surgery. what's MVD anyway?": an aside's cue does not outweigh the topic asked about
    asks_its_own = asked is not reading and any(m.specificity >= 3 for m in asked.mentions)
    if LONGER_LASTING_CUE.search(asked.lemmas if asks_its_own else lemmas) and not (set(specific) - TREATMENT_KEYS):
        return Question(FACT, ("treatment",), "effectiveness", attribute_from_text=True)
    only_option = ONLY_OPTION_CUE.search(asked.lemmas if asks_its_own else lemmas)
    if only_option and not (set(specific) - TREATMENT_KEYS):
        return Question(LIST_TREATMENTS, ("treatment",), attribute)
    unexplained = coverage().unexplained_words(asked)
    # "help me write an email" asks no group; "... like I'm sucking a lemon. Which tests?" does
    if not specific and (not (unexplained and not topics) or LIST_CUE.search(lemmas)):
        group = _group_of(lemmas, topics, intent)
        fixes = related_topics(reading, among=GENERIC_PARENTS["treatment"]) if group == "treatment" else ()
        if fixes:  # "an artery is squashing his nerve, what can be done?": the treatment the page ties to it
            return Question(FACT, fixes, attribute, attribute_from_text=from_text)
        if group == "treatment" and from_text and attribute in ("effectiveness", "when_used"):
            return Question(FACT, ("treatment",), attribute, attribute_from_text=True)
        if group == "diagnosis" and from_text and attribute == "when_used":
            return Question(FACT, ("imaging",), attribute, attribute_from_text=True)
        wants_list = intent in ("ask_list_tests", "ask_list_treatments") or LIST_CUE.search(lemmas)
        asks_tests = not topics  # "what will the doctor check first?", "anything that calms it?"
        if group and (wants_list or asks_tests or topics in (["diagnosis"], ["treatment"], ["condition"])):
            if group == "diagnosis" and not wants_list and attribute != "what":
                return Question(FACT, ("diagnosis",), attribute, attribute_from_text=from_text)
            return Question(LIST_TESTS if group == "diagnosis" else LIST_TREATMENTS,
                            (group,), attribute)
    if topics == ["condition"]:
        topics = []
    if not topics and last_topic and _follows_up(lemmas, from_text, unexplained):
        topics = [last_topic]
    if not topics and not unexplained:  # "the scan with the dye to see the veins": the page's own words
        topics = list(related_topics(reading))
        specific = topics
    if not topics:
        if unexplained:  # "any good pizza places nearby?": not a question about the page
            return _beyond_the_page(reading, attribute)
        return Question(UNCLEAR, (), attribute)
    if len(specific) >= 2 or (len(topics) >= 2 and COMPARE_CUE.search(lemmas)):
        chosen = specific if len(specific) >= 2 else topics
        return Question(COMPARE, tuple(chosen[:3]), attribute, attribute_from_text=from_text)
    main = specific[0] if specific else topics[0]
    if from_text:
        main = _member_stating(main, attribute) or main
    if main in GENERIC_PARENTS:  # "is there a brain scan that shows if a growth is causing it?": the MRI
        main = next(iter(related_topics(reading, among=GENERIC_PARENTS[main])), main)
    topic = knowledge().by_key().get(main)
    named_one = main not in GROUP_TOPICS and main not in GENERIC_PARENTS  # not a group ("can the op sort it for good?")
    if topic and named_one and not topic.states("frequency") and HOW_LONG_IT_LASTS.search(lemmas):
        # "how long does the nerve burning last?": the page doesn't say; what it does say, beside that
        lasting = (f"how often {topic.phrase} is repeated" if main in GENERIC_PARENTS["diagnosis"]
                   else f"how long the effect of {topic.phrase} lasts or how often it is repeated")
        gap = Gap("duration", lasting)
        return Question(PARTLY, (main,), attribute, gap.subject, gap=gap)
    return Question(FACT, (main,), attribute, attribute_from_text=from_text)


BEYOND = "beyond"  # a question in the page's own words that its facts do not answer
_OF_THE_CONDITION = re.compile(r"\b(?:nerve|vessel|artery|vein|spasm|twitch\w*|tic)\b")


def _beyond_the_page(reading: Reading, attribute: str) -> Question:
    """A question the page does not answer: when its words are the page's own ("can the vessel slide back
    onto the nerve?"), the gap first and then what the page says nearest to it; else the gap alone."""
    # one shared word counts in a question about the nerve, vessel or spasm ("can the vessel slide back?");
    # elsewhere ("describe what this involves") it is chance
    nearest = related_topics(reading, at_least=1 if _OF_THE_CONDITION.search(reading.lemmas) else 2)
    if not nearest:
        return Question(UNCOVERED, (), attribute, "that")
    stated = shared_fact(reading, knowledge().by_key()[nearest[0]]) or "what"
    return Question(UNCOVERED, nearest, stated, "that", gap=Gap(BEYOND, "that", answers=stated))


def _member_stating(group: str, attribute: str) -> Optional[str]:
    """The one member of a group that states the attribute when the group does not ("where do they
    cut for the op?": only MVD's procedure is on the page)."""
    topics = knowledge().by_key()
    if group not in GENERIC_PARENTS or group not in topics or topics[group].states(attribute):
        return None
    members = [key for key in GENERIC_PARENTS[group] if key in topics and topics[key].states(attribute)]
    return members[0] if len(members) == 1 else None


_GROUPS_WITH_FACTS = ("imaging", "surgery", "other_surgery", "treatment", "diagnosis")
# Gaps about a named test or treatment itself (its risks, timings, outcomes, practicalities): the gap, then what
# the page says of that topic (bot.knowledge.answers). Not the patient's circumstances (a device, a condition,
# pregnancy): there the topic's description could read as "fine for you".
TOPIC_CONTEXT_GAPS = frozenset({BEYOND, "risk", "duration", "outcome", "lasting", "aftercare", "logistics", "cost",
                                "timing", "unknown_name", "success", "staff", "anaesthesia"})
_IN_FIGURES = re.compile(r"\brate\b|percent|%|\bodds?\b|statistic|how many|\bnumbers?\b")


def _gap_first(gap: Gap, lemmas: str) -> bool:
    """A risk of a named test or treatment ("can MVD make you deaf?") or its success in figures ("what percent are
    cured by MVD?"): the gap first, then what the page says of it, so that its description cannot read as the
    answer. "Does Botox work for everyone?" ("effective for most people") and "can the pills cure it?" keep the
    fact first: the page's fact answers them."""
    if gap.kind in ("success", "outcome"):
        return bool(_IN_FIGURES.search(lemmas)) and not re.search(r"\b(?:everyone|everybody|every|all)\b", gap.term)
    return gap.kind == "risk"


ASKED = "asked"  # coverage.yml `answers: asked`: the page's fact for whatever attribute is asked


def _gap_question(gap: Gap, topics: Sequence[str], attribute: str, reading: Reading) -> Optional[Question]:
    """A question the page does not answer: named with its page topic, plus what the page states.

    "What percentage of people does Botox work for?" gets the gap and "effective for most
    people"; "how long is recovery after MVD?" gets the gap named with MVD, and no fact.
    """
    named = tuple(t for t in topics if t not in GROUP_TOPICS)
    if gap.kind == "lasting" and named and named[0] in GENERIC_PARENTS["diagnosis"]:
        # "how long does the EMG last?": how long the test takes, which the page does not say
        return Question(UNCOVERED, named, attribute, f"how long {knowledge().by_key()[named[0]].phrase} takes", gap=gap)
    if gap.answers == ASKED:  # a detail beyond the page's fact: that fact, and what it lacks
        # "does the scan always find it?": a group's own fact will do when no member is named
        named = named or tuple(t for t in topics if t in _GROUPS_WITH_FACTS)[:1]
        # "which blood vessel presses on the nerve?", "what counts as severe?": the fact in the page's own words
        named = named or tuple(t for t in related_topics(reading) if t not in GROUP_TOPICS or t in _GROUPS_WITH_FACTS) \
            or tuple(g for g in _GROUPS_WITH_FACTS if shared_fact(reading, knowledge().by_key()[g]))[:1]
        if named and named[0] in GENERIC_PARENTS:  # "what exactly is the scan looking for?": the member it means
            named = related_topics(reading, among=GENERIC_PARENTS[named[0]]) or named
        if len(named) >= 2:  # "pills or Botox, which works better?": each one's fact, then how far that goes
            return Question(COMPARE, named[:3], attribute, gap.subject, attribute_from_text=True, gap=gap)
        if not named:
            return None
        topic = knowledge().by_key()[named[0]]
        # "what counts as a complex case?", "which blood vessel is usually the one pressing?": the fact it touches on
        attribute = shared_fact(reading, topic) or attribute
        return Question(PARTLY, named[:1], attribute, gap.about(topic.phrase), gap=gap)
    if not named and gap.kind == "success" and set(topics) <= GROUP_TOPICS:
        # "can it be cured completely?": what the page says of the treatments' effect, then the gap
        return Question(PARTLY, ("treatment",), "effectiveness", gap.subject, gap=gap)
    if not named:
        return Question(UNCOVERED, tuple(t for t in topics if t != "condition"), attribute,
                        gap.subject, gap=gap)
    topic = knowledge().by_key()[named[0]]
    subject = gap.about(_as_the_patient_named(reading, topic.key, topic.phrase))
    # "if they cut part of the nerve, will my face be paralysed?", "electrical pulses - is that like a TENS
    # machine?": what the page says of the topic itself, then the gap
    if named[0] in gap.told_by or (gap.kind in _LIKENED_KINDS and _LIKENED.search(reading.lemmas)):
        return Question(PARTLY, (named[0],), "what", subject, gap=gap)
    if gap.kind == "course":  # "how many sessions before it works?": what the page says it does, however stated
        stated = gap.answers if topic.states(gap.answers or "") else topic.facts[0].attributes[0]
        return Question(PARTLY, (named[0],), stated, subject, gap=gap)
    if gap.answers and topic.states(gap.answers) and (gap.answers == attribute or gap.kind == "success"):
        kind = UNCOVERED if _gap_first(gap, reading.lemmas) else PARTLY
        return Question(kind, (named[0],), gap.answers, subject, gap=gap)
    shared = "what" if gap.kind == "risk" and named[0] in GENERIC_PARENTS["diagnosis"] else None
    shared = shared or shared_fact(reading, topic, gap.term)  # "does the EMG hurt?": what the test is, after the gap
    if shared and gap.kind in TOPIC_CONTEXT_GAPS and (named[0] in GENERIC_PARENTS or _gap_first(gap, reading.lemmas)):
        return Question(UNCOVERED, named, attribute, subject, gap=gap)  # "can the ear surgery make me deaf?": gap first
    if shared and gap.kind == "device":  # "is the MRA dye safe with my kidneys?": the gap, then the dye's fact
        return Question(UNCOVERED, (named[0],), shared, subject, gap=replace(gap, answers=shared))
    if shared:  # the fact of the topic that the question touches on, then the gap
        return Question(PARTLY, (named[0],), shared, subject, gap=gap)
    return Question(UNCOVERED, named, attribute, subject, gap=gap)


# A page topic set beside something the page never names ("is that like a TENS machine?"). Not a simile about how
# one may look or feel ("will I look frozen, like the movie stars?"): that stays the gap.
_LIKENED_KINDS = ("other_treatment", "unknown_name", "staff", "detail", "course")
_LIKENED = re.compile(r"(?<!would )(?<!'d )(?<!d )\b(?:just |exactly |basically )?like (?:a|an|the|those|these|one of)\b|"
                      r"\bsame (?:thing|as|one)\b|\bsimilar to\b|\bversion of\b")


def _as_the_patient_named(reading: Reading, key: str, phrase: str) -> str:
    """The topic in the patient's own words where the page uses them too ("side effects of muscle
    relaxants", not "of oral medicines"); otherwise the topic's phrase."""
    page = page_vocabulary().page_lemmas
    for mention in reading.mentions:
        said = lemma_text(mention.text).lower()
        if mention.topic == key and said not in lemma_text(phrase).lower() and re.search(rf"\b{re.escape(said)}\b", page):
            return mention.text
    return phrase


def _follows_up(lemmas: str, from_text: bool, unexplained: Sequence[str]) -> bool:
    """A follow-up on the last topic points back at it and asks nothing the page lacks."""
    return (from_text or bool(FOLLOW_UP_CUE.search(lemmas))) and not unexplained
