"""Deterministic red-flag safety net, run on every message beside the NLU intent.

Patterns are written over lemmas (bot.nlp.normalize), so "drooping", "droopy"
and "droped" all read as "droop", and misspellings are repaired first. Symptom
patterns do not fire on general questions ("can Botox cause trouble
swallowing?"); crisis patterns (self-harm, suicide, overdose) always fire.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from bot.nlp.history import present_part, without_others_past
from bot.nlp.people import FAMILY
from bot.nlp.reading import Readable, Reading, as_reading
from bot.safety import code_switched, spanish
from bot.safety.advice import DOSE, MEDICINE_CHANGE, personal_advice_kind
from bot.safety.crisis_model import suggests_crisis
from bot.safety.crisis_signs import crisis_sign
from bot.safety.general_question import asks_in_general
from bot.safety.signs import (
    AFTER_BOTOX,
    AFTER_SURGERY,
    AFTER_TREATMENT,
    BREATHING,
    CHOKING,
    CRISIS,
    CRISIS_PATTERNS,
    FAINTED,
    MEDICINE,
    OVERDOSE_COUNT,
    OVERDOSE_TAKEN,
    STROKE,
    SUDDEN,
    SYMPTOM_PATTERNS,
    overdose_named_in_passing,
)

__all__ = ["AFTER_BOTOX", "AFTER_SURGERY", "BREATHING", "CRISIS", "STROKE", "RedFlag", "detect_red_flag",
           "has_alarm_words"]


# The condition itself: spasms pull, close and freeze one side of the face. In a message about
# it, only the strong signs of a stroke count (weakness, droop, numbness, paralysis, slur(?!p)ring).
_CONDITION = re.compile(r"\b(?:twitch|spasm|jerk|flutter|tic|blink|wink|squint|clench|clamp|squeez|contract|pull|tug|attack|"
                        r"episode|(?:face|facial|eyelid|eye|cheek|mouth) (?:convuls|cramp)|"
                        r"(?:convuls|cramp)\w* (?:of|in) (?:the |my |his |her )?(?:face|cheek|eye|eyelid|mouth))")
_STRONG_SIGN = re.compile(r"weak|droop|numb(?!er)|paralysis|slur(?!p)|sag|limp|dead|slack|flopp|all over|whole body|"
                          r"entire body|respond|"
                          r"can not (?:\S+ ){0,2}(?:move|feel|speak|talk|lift|raise|grip|hold)|(?:face|mouth|lip|smile|cheek) (?:\S+ )?(?:have|be|just) (?:\S+ )?drop|"
                          r"(?:do|does|will|would) not (?:\S+ )?move")
_EYELID_DROOP = re.compile(r"\b(?:eyelid|eye|lid) (?:\S+ ){0,3}dro(?:o)?p|dro(?:o)?p\w* (?:\S+ ){0,2}(?:eyelid|eye|lid)\b")


# Signs that come and go with the spasm, or have been there for years, are the spasm's own.
_WITH_THE_SPASM = re.compile(
    r"\bfor (?:\S+ ){0,2}(?:year|month|age|decade)|\bsince (?:19|20)\d\d\b|\bnothing new\b|\bfor age\b|"
    r"\bbeen like (?:that|this)\b|\bhave do for age|\bever since\b|\bfor (?:a )?(?:few )?second|"
    r"\bthen (?:\S+ ){0,2}(?:let go|go back|relax|return|stop|come back|came back|recover|wear off|wore off|settle|improve)|"
    r"\bback to normal\b|"
    r"\b(?:while|when|whenever|during) (?:\S+ ){0,2}(?:spasm|twitch|attack)|\bwhen (?:it|the spasm|the twitch) (?:\S+ )?(?:pull|spasm|twitch)"
)

def _with_the_spasm(lemmas: str) -> bool:
    """A message about spasms that ties its sign to them or to years of them, with nothing sudden."""
    return bool(_CONDITION.search(lemmas) and _WITH_THE_SPASM.search(lemmas)) and not SUDDEN.search(lemmas)


def _condition_not_stroke(lemmas: str, match: str) -> bool:
    """A stroke-pattern match that, in a message about spasms, describes the spasms themselves."""
    if "seizure" in match and re.search(r"\blike\b", lemmas):
        return True  # "feels like my face is having a seizure"
    if AFTER_TREATMENT.search(lemmas) and not SUDDEN.search(lemmas):
        return True  # weakness a week after Botox: a question for their clinician, not a stroke
    if not _CONDITION.search(lemmas):
        return False
    if _with_the_spasm(lemmas):
        return True
    if SUDDEN.search(lemmas) and not _EYELID_DROOP.search(match):
        return False  # "his face suddenly went slack, it's not his usual twitch"
    return not _STRONG_SIGN.search(match) or bool(_EYELID_DROOP.search(match))



@dataclass(frozen=True)
class RedFlag:
    """A detected red flag and its kind (crisis, stroke, breathing, after_surgery)."""

    kind: str
    pattern: str


_MORTALITY = re.compile(r"\b(?:how many|what (?:\S+ )?(?:number|percent\w*|proportion)) (?:of )?(?:people|patient|ppl|person)s? "
                        r"(?:\S+ ){0,3}(?:die|death)|\b(?:death|mortality) rate\b|\bchance\w* of (?:die|dying|death)\b|"
                        r"\b(?:anyone|anybody|people|patient)s? (?:ever )?(?:die|died) (?:from|during|after|of)\b|"
                        # how the condition bears on a lifespan: "am I gonna die sooner from it?"
                        r"\bshorten (?:\S+ )?life\b|\blife expectancy\b|"
                        r"\bdie (?:sooner|earlier|younger|early|young)\b")


ALARM_WORDS = re.compile(  # each at a word's start: "pharmacy" names no harm
    r"\b(?:weak|droop|numb(?!er)|paralysis|paralyze|slur(?!p)|speech|breathe|breath|swallow|stroke|" + CHOKING + "|"
    r"fever|fluid|leak|headache|(?:lose|lost|loss of|can not|no) (?:\S+ ){0,2}hear|hearing (?:\S+ ){0,5}(?:loss|lost|gone|go|went|worse|muffl)|deaf|vision|sight|blind|"
    + FAINTED + "|"
    r"(?:i|he|she|they|we|wife|husband|partner|mum|mom|mother|dad|father|son|daughter|friend) (?:\S+ ){0,2}collaps(?!\w* (?:with |in |from )?laugh)|"
    r"pass out|unconscious|suicid|\bdie\b|\bdead\b|\bkill (?:me|my ?self|him|her|them|you|u|someone)\b|"
    r"overdose|harm|end it|emergency|ambulance|"
    r"911|sudden)"
)


# Words that name no emergency here: "overdosed on Dr Google"; a droop weeks after (someone's) Botox.
_NOT_ALARMS = re.compile(r"\boverdose on (?:dr\b|doctor google|google|the internet|internet|info|information|research)|"
                         r"\bstroke (?:survivor|group|ward|unit|nurse|awareness|clinic|team|charity|association|related)|"
                         r"\bnot (?:have |having |be )?(?:a )?stroke\b|"
                         r"\b(?:spasm|twitch|it|this|hfs|condition) (?:\S+ )?(?:go to|gonna|going to|will|can|could) kill me\b|\b(?:droop|weak|numb(?!er))\w* (?:\S+ ){0,2}(?:nothing|not|never) like\b|\b(?:nothing|not) like (?:a |an )?stroke\b|\bno sign\w* of (?:a |an )?stroke\b|"
                         r"\bnot (?:\S+ )?worr\w* (?:about )?(?:a |an |it (?:be|being) a )?stroke\b|\bweak (?:heart|chest|bladder|kidney|immune|knee|ankle|wrist|back|"
                         r"stomach|bone|spot|point|link)|\b(?:heart|kidney|bladder)s? (?:be |is |are )?weak\b|"
                         r"\bcall\w* (?:\S+ ){0,3}' ?[^']{1,40}'|"  # a nickname: they call it my 'stroke face'
                         r"\b(?:pill|tablet|capsule|medicine|anything|something)s? (?:that )?(?:(?:i|you) (?:can |could )?(?:just |easily )?|to )"
                         r"swallow\b")  # tablets to swallow
# What a treatment does, told of it: Botox "paralyses the muscles" is how it works, not a sign.
_WHAT_TREATMENT_DOES = re.compile(r"\b(?:paralysis|paralyse|paralyze|freeze|froze|frozen|weaken|relax|numb(?!er))\w* "
                                  r"(?:the |a |your |my |those |these |their )?(?:\S+ ){0,2}muscle")
_MILD_SIGNS = re.compile(r"weak|droop|numb(?!er)|headache")


# "not droopy, just pulled", "no fever no headache", "not having trouble breathing or anything": a sign
# denied is no sign. Trouble doing something must be denied as trouble: "can't breathe", "he's not
# breathing" are signs.
_SIGN_NOUN = (r"(?:droop|weak|numb(?!er)|slur(?!p)\w*(?: speech)?|paralysis|flopp|fever|temperature|headache|stiff neck|leak|fluid|vomit|"
              r"confus|dizz|rash|hive|swell)\w*")
_TROUBLE = r"(?:trouble|problem|difficulty|issue)s? (?:with |in )?(?:breath|swallow|speak|talk|speech|see|hear)\w*"
_DENIED_SIGN = re.compile(
    rf"\b(?<!can )(?<!could )(?:not|no|never|n't|without|nor)(?: (?:have|get|experience|notice|any|a|real|sign of))* "
    rf"(?:{_TROUBLE}|{_SIGN_NOUN})(?:(?: ,| or| nor| and| or any)+ (?:{_TROUBLE}|{_SIGN_NOUN}))*")


def has_alarm_words(message: Readable) -> bool:
    """Whether a message names any emergency sign at all (a classifier-only alarm needs one)."""
    reading = present_part(as_reading(message).literal)
    lemmas = overdose_named_in_passing(reading.lemmas)
    lemmas = _DENIED_SIGN.sub(" ", _NOT_ALARMS.sub(" ", _WHAT_TREATMENT_DOES.sub(" ", lemmas)))
    if not SUDDEN.search(lemmas):
        lemmas = _PAST_STROKE.sub(" ", lemmas)  # "my grandmother had a stroke" is history
    felt_on_a_medicine = _FELT_ON_A_MEDICINE.search(lemmas) and MEDICINE.search(lemmas)
    if (AFTER_TREATMENT.search(lemmas) or felt_on_a_medicine or _SIDE_EFFECTS_ASKED.search(lemmas)
            or _GONE_SINCE.search(lemmas)) and not SUDDEN.search(lemmas):
        lemmas = _MILD_SIGNS.sub(" ", lemmas)  # a question for their clinician, as in detect_red_flag
    if _told_as_long_standing(lemmas):
        lemmas = _HEARING.sub(" ", lemmas)  # "mum is 81 and already deaf in one ear", as in _explained
    return bool(ALARM_WORDS.search(lemmas) or _other_language_flag(reading.text))


def _other_language_flag(text: str) -> Optional[RedFlag]:
    """A red flag in Spanish, or in romanised Hindi-Urdu or Tagalog ("achanak face latak gaya", "ayoko na")."""
    for name, language in (("spanish", spanish), ("code-switched", code_switched)):
        kind = language.red_flag_kind(text)  # "career suicide" is a figure in any language
        if kind:
            return RedFlag(kind, name)
    return None


def detect_red_flag(message: Readable, advice: Optional[str] = None, advice_known: bool = False) -> Optional[RedFlag]:
    """Return the red flag in a message, or None. Crisis wording always counts; figures of speech never.

    ``advice`` is the message's personal-advice kind when the caller has it (``advice_known``);
    medicine and dose questions share a stockpile's words, so the crisis model asks more of them.
    """
    original = as_reading(message)
    reading = original.literal
    if not reading.text.strip():
        return None
    told = without_others_past(reading)  # "my brother had an overdose years ago, he's fine now"
    lemmas = _purpose_asked(told, overdose_named_in_passing(told.lemmas))
    match = CRISIS_PATTERNS.search(lemmas) or OVERDOSE_COUNT.search(told.text) or OVERDOSE_TAKEN.search(told.text)
    if match and match.re is OVERDOSE_TAKEN and _AN_ACCIDENT_PAST.search(lemmas):
        match = None  # "took double my relaxant by accident last month (was fine)": a slip told as history
    if match and (match.re is not OVERDOSE_TAKEN or MEDICINE.search(lemmas)):
        return RedFlag(CRISIS, match.group(0))
    sign = crisis_sign(lemmas, told.lower)
    if sign:
        return RedFlag(CRISIS, sign)
    other_language = _other_language_flag(reading.text)
    if other_language:
        return other_language
    # A named sign is read before the crisis model, so "can't swallow since the Botox" gets the guidance for
    # swallowing, not a crisis line; the model still reads every message, general questions included.
    symptom = None if asks_in_general(reading) else _symptom_flag(reading)
    if symptom:
        return symptom
    if not advice_known:
        advice = personal_advice_kind(reading)
    # Medicine, dose and mortality questions share a crisis's words ("how many people die from MVD?"); a dose
    # asked to stay safe ("my limit so i stay safe", "not by accident") is for the model to leave to the patterns.
    if advice == DOSE and _TO_STAY_SAFE.search(lemmas):
        return None
    if suggests_crisis(lemmas, advice in (DOSE, MEDICINE_CHANGE) or bool(_MORTALITY.search(lemmas))):
        return RedFlag(CRISIS, "crisis model")
    return None


# "What's the point" ending a message that names a test or treatment and no distress asks what it is for.
_PURPOSE_ASKED = re.compile(r"\bwhat(?: s| be| 's|s) the point\W*$")
_DISTRESS = re.compile(r"\b(?:tire|tired|give up|anymore|any more|life|living|live|nothing|bother|try|tried|sick of|"
                       r"fed up|hopeless|can not|no one|nobody|alone|end|die|dead|worthless|useless|fail\w*|"
                       r"nothing work\w*|wear\w* off|every time|come back|again|still|never|always|forever|year)\b")
_AN_ACCIDENT_PAST = re.compile(r"\b(?:by (?:accident|mistake)|accidentally)\b(?=.*\b(?:last (?:week|month|year)|"
                               r"(?:week|month|year)s? ago|be fine|fine now|fine after)\b)")


def _purpose_asked(told: Reading, lemmas: str) -> str:
    """The lemmas with "what's the point" read as "what is it for" after a named test or treatment and no
    word of distress ("the nerve check up where they poke my face, whats the point")."""
    if _PURPOSE_ASKED.search(lemmas) and not _DISTRESS.search(lemmas) and any(m.specificity >= 3 for m in told.mentions):
        return _PURPOSE_ASKED.sub(" what be it for ?", lemmas)
    return lemmas
_TO_STAY_SAFE = re.compile(r"\bso (?:i|he|she|we|they) (?:can )?(?:stay|be|keep|remain) safe\b|\b(?:to be|to stay|to play it) safe\b|"
                           r"\bby accident\b|\baccidentally\b|\b(?:do not|never) (?:want to )?(?:take|overdo|have) too much\b|"
                           r"\bnot (?:to )?overdo\b")


# A sign first taken for a stroke or a seizure that turned out otherwise ("thought she was having a seizure but it
# was just her cheek twitching").
_MISTAKEN_FOR = re.compile(r"\b(?:think|thought) (?:\S+ ){0,4}(?:have|having|be|was) (?:a )?(?:stroke|seizure|fit)\b"
                           r"(?=.*\b(?:but|at first|first start\w*|back then|turn\w* out)\b)")


# A stroke in the past ("my dad had a stroke last year, can he have Botox?") is history, not a sign now.
_PAST_STROKE = re.compile(
    r"\b(?:have|had) (?:a |an |his |her |my )?(?:mini |minor |small |mild )?stroke (?:\S+ ){0,3}"
    r"(?:ago|last|in (?:19|20)\d\d|before|year|month|back in|once)|\bhistory of (?:\S+ )?stroke|"
    r"\b(?:previous|past|prior|old|earlier) stroke|\b(?:after|since) (?:his|her|my|their|a|the) stroke\b|"
    r"\bstroke (?:\S+ ){0,2}(?:year|month|decade)s? ago\b|\bstroke survivor\b|\b(?:19|20)\d\d stroke\b|"
    r"\bstroke (?:\S+ ){0,2}(?:leave|left) (?:\S+ )?(?:no|without) (?:\S+ )?(?:problem|damage|effect|issue|sign)|"
    r"\b(?:grand(?:mother|ma|mum|mom|father|pa|dad)|granny|gran|nan|nana|great[- ]\w+|late \w+) (?:\S+ ){0,2}"
    r"(?<!just )(?:have|had) (?:a |an )?(?:\S+ )?stroke\b|"
    + _MISTAKEN_FOR.pattern
)


def _symptom_flag(reading: Reading) -> Optional[RedFlag]:
    # "fainted at the sight of a needle in 1998"; "the injections that paralyse the face muscles"
    lemmas = _DENIED_SIGN.sub(" ", _WHAT_TREATMENT_DOES.sub(" ", present_part(reading).lemmas))
    for kind, pattern in SYMPTOM_PATTERNS:
        # Every sign named counts: "his face dropped (the spasm?) and he can't lift his arm" (not)
        match = next((m for m in pattern.finditer(lemmas) if not _explained(kind, m.group(0), lemmas)), None)
        if match:
            if kind == BREATHING and re.search(r"\bbotox|injection|shot\b", lemmas):
                kind = AFTER_BOTOX
            return RedFlag(kind, match.group(0))
    return None


def _explained(kind: str, sign: str, lemmas: str) -> bool:
    """A sign the message itself explains: the spasm, or a stroke long past."""
    if kind == AFTER_SURGERY and not SUDDEN.search(lemmas):
        if not _SURGERY.search(lemmas) and (_LONG_STANDING.search(lemmas) or _HEARING.search(sign)):
            return True  # "my neck has been stiff for years", "mum is deaf": no operation, nothing new
        if _told_as_long_standing(lemmas):
            return True  # "is MVD the cut behind the ear? that ear's been deaf since a concert in 89"
    if kind == STROKE and _SOMEONES_PAST_PALSY.search(lemmas) and not SUDDEN.search(lemmas):
        return True  # "my cousin had Bell's palsy, her face fell and came back"
    if kind == BREATHING and _SPEAKING.search(sign) and not _BREATHING_ITSELF.search(sign) and _with_the_spasm(lemmas):
        return True  # "my face locks mid sentence and I can't talk for a few seconds, been like that 15 years"
    if kind != STROKE:
        return False
    if sign == "stroke" and _PAST_STROKE.search(lemmas) and not SUDDEN.search(lemmas):
        return True
    if (_GONE_SINCE.search(lemmas) or _MISTAKEN_FOR.search(lemmas)) and not SUDDEN.search(lemmas):
        return True
    if _SIDE_EFFECTS_ASKED.search(lemmas) and not SUDDEN.search(lemmas):
        return True  # "what are the side effects of botox - does the eyelid droop? a droopy lid is not ideal"
    if _FELT_ON_A_MEDICINE.search(lemmas) and MEDICINE.search(lemmas) and not SUDDEN.search(lemmas):
        return True  # "on baclofen, in the day I feel weak legs": a question for their prescriber
    if _BEYOND_THE_FACE.search(sign) or (_PERSON_SEIZURE.search(lemmas) and not re.search(r"\blike\b", lemmas)):
        return False  # the spasm never weakens an arm or leg, or slur(?!p)s speech
    return _condition_not_stroke(lemmas, sign)


_HEARING = re.compile(r"\bdeaf|\bhear")
# Side effects asked about ("is that a common side effect?", "what are the side affects"): a question for the clinician.
_SIDE_EFFECTS_ASKED = re.compile(r"\bside[- ]?(?:effect|affect)")
# A sign once found and gone since: "slight facial weakness on the exam last year, not there now".
_GONE_SINCE = re.compile(r"\b(?:last year|(?:year|month)s? ago|in (?:19|20)\d\d)\b(?=.*\b(?:not there|gone|go away|went away|"
                         r"clear(?:ed)? up|resolve)\w*(?: \S+)? (?:now|since|any ?more)\b)")
_SPEAKING = re.compile(r"\b(?:speak|talk)")
_BREATHING_ITSELF = re.compile(r"\b(?:breath|swallow|choke|air)")
_SOMEONES_PAST_PALSY = re.compile(rf"\b(?:{FAMILY}|neighbou?r|colleague|someone|he|she)\b(?:\s\S+){{0,3}}? "
                                  r"(?:have|had|get|got) (?:a |an )?(?:facial |face )?(?:bell\w*|palsy)")
_LONG_STANDING = re.compile(r"\bfor (?:\S+ ){0,2}(?:year|decade|age)s?\b|\ball my life\b|\bsince (?:i be|childhood|birth)\b|"
                            r"\balready (?:\S+ )?(?:deaf|hard of hear)|\b(?:deaf|hard of hear\w*) already\b|"
                            r"\bsince (?:\S+ ){0,3}(?:in )?'?(?:19|20)?\d\d\b")
_SURGERY = re.compile(r"\b(?:surgery|operation|op|mvd|decompression|procedure|post[- ]?op\w*)\b")
def _told_as_long_standing(lemmas: str) -> bool:
    """A sign there for years or since a named year, with no operation just before it and nothing sudden."""
    return bool(_LONG_STANDING.search(lemmas)) and not _SINCE_SURGERY.search(lemmas) and not SUDDEN.search(lemmas)


_SINCE_SURGERY = re.compile(r"\b(?:after|since|post) (?:\S+ ){0,2}(?:surgery|operation|op|mvd|decompression|procedure)\b|"
                            r"\bpost[- ]?op|\b(?:surgery|operation|op|mvd|decompression) (?:\S+ ){0,3}(?:day|week|month)s? ago\b")


# Weakness felt on a medicine, not sudden: a side effect to ask the prescriber about.
_FELT_ON_A_MEDICINE = re.compile(r"\b(?:feel|felt|make|made|leave|left)\w* (?:me |him |her )?(?:\S+ )?(?:weak|wobbly)|"
                                 r"\bweak (?:and|&) (?:tired|sleepy|drowsy|dizzy)")


# Signs the spasm never gives: a weak arm or leg, slur(?!p)red speech or gibberish, a thunderclap
# headache, confusion, fainting. (An eye shut by a spasm does blind for a second.)
_BEYOND_THE_FACE = re.compile(r"\b(?:arm|leg|hand|body|whole|entire|slur(?!p)|gibberish|nonsense|garble|speech|headache|thunderclap|"
                              r"double|walk|balance|fell|fall over|collaps|"
                              r"confus|faint|pass out|unconscious|foam|on the floor|on the ground)")
# A person's seizure, not a face's: "he just had a seizure on the couch" (the spasm gives none).
_PERSON_SEIZURE = re.compile(r"\b(?:i|he|she|they|husband|wife|partner|mum|mom|dad|son|daughter) (?:(?!never|not|n't)\S+ ){0,2}"
                             r"have (?:a |another )?(?:seizure|fit|convulsion)\b(?! of)")

