"""General questions about a symptom ("can Botox make the eyelid droop?") are not reports of one."""

from __future__ import annotations

import re

from bot.nlp.history import present_part
from bot.nlp.people import FAMILY
from bot.nlp.reading import Readable, Reading, as_reading, question_clause, read
from bot.safety.signs import CRISIS_PATTERNS, HEARSAY, SUDDEN, SYMPTOM_PATTERNS, overdose_named_in_passing

_QUESTION_START = re.compile(
    r"^(?:whats|what's|what|how|can|could|do|does|is|are|will|would|should|why|when|which|may|might|"
    r"be|tell me|explain|whether)\b(?!['\u2019]t\b| not\b| (?:barely|hardly|scarcely|only just)\b)"  # "can't speak properly",
    # "can barely swallow" report; they do not ask
)
_PERSONAL = re.compile(
    rf"\b(?:i|me|my|mine|myself|i'm|we|our|us|he|she|his|her|him|{FAMILY})\b|\bright now\b|\bjust\b"
)
# Words that describe a symptom happening now, which turn a question into a report.
_HAPPENING = re.compile(
    r"\bsudden|\bnow\b|\bjust\b|\btoday\b|\btonight\b|\bthis morning\b|\bsince\b|\bstart|"
    r"\bbegan\b|\bbegin|\bcan not\b|\b(?:can|could) (?:barely|hardly|scarcely)\b|\bkeep\b|\bstill\b|\bhave (?:trouble|difficulty|a fever|fever)|"
    r"\b(?:i|my|face|it|eye|eyelid|mouth|smile|side|arm|leg|he|she|lip|cheek|speech|vision) (?:\S+ )?"
    r"(?:be|feel|look|go|get|become|turn) (?:\S+ )?(?:weak|droop|numb(?!er)|paralysis|slur|frozen|drop|sag|crooked)"
)
_MY_SYMPTOM = re.compile(
    r"\bmy (?:face|smile|mouth|eyelid|eye|lip|cheek|arm|leg) (?:\S+ )?"
    r"(?:droop|weak|numb(?!er)|paralysis|sag|drop|crooked)"
)
_CAUSAL = re.compile(r"\b(?:make|cause|leave|lead to|result in|give) (?:\S+ ){0,2}(?:my|your|the|a|an|people|someone)\b|"
                     r"\bmake (?:you|people|someone|me|him|her|them|it) (?:\S+ )?(?:go|be|become|feel|look)\b|"
                     r"\bfrom (?:the |an? |this |that )?(?:\S+ )?(?:surgery|operation|op|mvd|decompression|botox|injection|"
                     r"procedure|treatment)\b")
_GENERAL = re.compile(r"\b(?:cause|side effect|risk|complication|happen|possible|normal|common|sign of|symptom of|mean)\b")


def is_general_question(message: Readable) -> bool:
    """A question about symptoms in general ("will the spasms make my face weak?")."""
    reading = as_reading(message)
    if not reading.text.strip():
        return False
    return not CRISIS_PATTERNS.search(overdose_named_in_passing(reading.lemmas)) and asks_in_general(reading)


def asks_in_general(reading: Reading) -> bool:
    """The message, or its question after hearsay ("I read they cut the nerve. Would..."), is general;
    so is a general question after statements that name no sign and nothing recent ("I understand
    thermocoagulation is an option. Could you tell me whether the face is weak afterwards?")."""
    if _OWN_ONSET.search(reading.lemmas):
        return False  # "Google says a droop is usually Bell's palsy. Mine started 15 mins ago. Is Google right?"
    if _is_general_question(reading.text, reading.lemmas):
        return True
    if _RATE.search(reading.lemmas) and not _HAPPENING.search(reading.lemmas) \
            and not (_RECENT.search(reading.lemmas) and _PERSONAL.search(reading.lower)):
        return True  # "I should like to know what proportion of patients lose hearing after MVD"
    asked = question_clause(reading)
    if asked is reading or not _is_general_question(asked.text, asked.lemmas):
        return False
    if HEARSAY.search(reading.lower) or _SOMEONE_ELSES.search(reading.lower) and not SUDDEN.search(reading.lemmas):
        return True  # "my friend went deaf after a brain operation. Can this surgery cause hearing loss?"
    rest = read(reading.text.replace(asked.text, " ")) if asked.text in reading.text else reading
    told = present_part(rest)  # "... does the eyelid droop? a droopy lid is not ideal": a fear, told of no sign
    return rest is not reading and not _RECENT.search(rest.lemmas) \
        and not any(pattern.search(told.lemmas) for _, pattern in SYMPTOM_PATTERNS)


# Something of their own, or someone's near them, that began minutes or hours ago.
_OWN_ONSET = re.compile(r"\b(?:mine|my|i|he|she|his|her|it|this)\b(?:\s\S+){0,6}? (?:start\w*|began|begin|come on|came on|"
                        r"happen\w*|appear\w*|kick\w* in) (?:\S+ ){0,2}(?:\d+|a few|few|couple of|ten|twenty|thirty|an?) "
                        r"(?:min|mins|minute|minutes|hour|hours|hr|hrs) ago\b")


# How often something happens to patients in general.
_RATE = re.compile(r"\b(?:what|which) (?:proportion|percentage|percent|fraction|share|number) of (?:patient|people|person|case)s?\b|"
                   r"\bhow (?:many|often do) (?:patient|people)s? (?:\S+ ){0,3}(?:get|suffer|have|develop|lose|end up)\b|"
                   # "the rate of hearing loss after MVD, in percentage terms", "hearing loss after decompression chance"
                   r"\b(?:rate|risk|chance|odds|likelihood|incidence|percentage)s? (?:of|for)\b|\bin percentage\b|"
                   r"\b(?:chance|risk|odds|percentage|percent|rate|statistics?)\s*\??\s*$")
# Someone outside the household, whose story is background to a general question.
_SOMEONE_ELSES = re.compile(r"\b(?:my|a|one of my|our) (?:friend|neighbou?r|colleague|cousin|mate|co-?worker|boss|"
                            r"friend's \w+|neighbou?r's \w+)\b|\b(?:a|one) (?:friend|neighbou?r|colleague) of (?:mine|ours)\b")
_RECENT = re.compile(r"\b(?:yesterday|last night|this (?:week|morning|afternoon|evening)|ago|today|tonight|since|after|"
                     r"sudden\w*)\b")


_HYPOTHETICAL = re.compile(r"\b(?:will|would|could|might|chance|risk|likely|eventually|end up|if they|"
                           r"if i (?:have|get)|what if|suppose|in case)\b")
_IN_GENERAL = re.compile(r"\bin general\b|\bgeneral knowledge\b|\bjust (?:asking|curious|wondering)\b|"
                         r"\bout of curiosity\b|\bhypothetical")


# "Post op: stiff neck + fever + vomiting. is that normal??": the signs first, then asked about.
_ASKS_ABOUT_WHAT_WAS_SAID = re.compile(r"[.!:,;]\s*(?:be|is) (?:that|this|it) (?:\S+ )?(?:normal|ok|okay|bad|serious|"
                                       r"expected|common|a problem|dangerous)\b")


# "Is it normal to have a stiff neck and a fever of 39 one week after brain surgery?": a reading and a
# timeline are their own, whatever the question's shape.
_REPORTED = re.compile(r"\b(?:fever|temp\w*) (?:of |be |at |is |was )?(?:3[89]|4[01]|10[0-4])\b|"
                       r"\b(?:one|a|two|three|four|five|six|\d+) (?:day|week)s? (?:after|since|post)\b")


# Why something does not happen asks how a treatment works: "if botox blocks the nerve why doesnt my face go numb".
_WHY_NOT = re.compile(r"\bwhy (?:do|be|will|would|can|have) (?:not|n't)\b")


# "Is it normal for my pillow to be soaked with clear fluid?": a question about what is happening to them.
_IS_MINE_NORMAL = re.compile(r"^be (?:it|this|that) (?:\S+ )?(?:normal|ok|okay|expected|usual|common|fine) "
                             r"(?:for|that) (?:my|me|i|him|her|his|he|she)\b")


# "What should we do?" after a colleague's signs asks for help now, not about symptoms in general.
_WHAT_TO_DO = re.compile(r"^what (?:should|do|can|must|shall) (?:i|we) do\b")


# "Could you tell me ...": the patient as the one told, not the one with the symptom.
_POLITE_LEAD = re.compile(r"^(?:(?:would|could|can|will) you (?:please |kindly )?(?:be so kind as to |mind )?|please |kindly |"
                          r"(?:\S+ )?kind as to )?(?:tell|let|show|explain to|advise) (?:me|us)(?: know)? "
                          r"(?=(?:how|what|whether|if|when|which|why)\b)|"
                          r"^i(?: should| would|'d)? (?:like|wish|want) to (?:know|ask|understand) (?=(?:about |of )?(?:the|what|how|whether|if))")
_TOLD = re.compile(r"\b(tell|let|show|give|explain to|remind|help) me\b")
# A short question about a treatment's effects, asking nothing of the patient's own ("nerve cut = face paralysed?").
_TREATMENT = re.compile(r"\b(?:cut|surgery|surgical|op|operation|mvd|decompression|botox|injection|jab|shot|treatment|"
                        r"procedure|thermocoagulation|radiofrequency|pill|tablet|relaxant)\b")


# A short label before the question: "Radiofrequency thermo-whatever - could that leave my face weak?"
_LABEL = re.compile(r"^([^?.!,]{1,50}?)(?:\s+[-\u2013\u2014:]+|,)\s+(?=(?:whats|what's|what|how|can|could|do|does|is|are|will|would|"
                    r"should|why|when|which)\b)")


def _is_general_question(raw: str, lemmas: str) -> bool:
    """A question about symptoms in general rather than a report of one."""
    text = raw.strip().lower()
    label = _LABEL.match(text)
    if label and not _PERSONAL.search(label.group(1)):  # "my face, is it drooping?" keeps its owner
        text = text[label.end():]
    polite = _POLITE_LEAD.search(text)  # "would you be so kind as to tell me how likely that is?"
    text = _TOLD.sub(r"\1 them", text[polite.end():] if polite else text).strip()
    if _IN_GENERAL.search(text) and not SUDDEN.search(lemmas):  # "just wondering... also he suddenly can't speak"
        return True
    if _WHY_NOT.search(lemmas) and not SUDDEN.search(lemmas):  # "why doesn't my whole face go numb?"
        return True
    if _ASKS_ABOUT_WHAT_WAS_SAID.search(lemmas) or _REPORTED.search(lemmas) or _IS_MINE_NORMAL.search(lemmas) \
            or _WHAT_TO_DO.search(text):
        return False
    if (_QUESTION_START.search(text) or text.startswith("if ")) \
            and (_CAUSAL.search(lemmas) or _HYPOTHETICAL.search(lemmas)) \
            and not SUDDEN.search(lemmas):
        return True  # "can botox make my eyelid droop", "will i end up with my face paralysed"
    if _QUESTION_START.search(text) and text.endswith("?") and not _PERSONAL.search(text):
        return True  # "does botox make the face feel weak for a while?"
    if text.endswith("?") and len(text.split()) <= 8 and _TREATMENT.search(lemmas) \
            and not _PERSONAL.search(text) and not _HAPPENING.search(lemmas):
        return True  # "nerve cut = face paralysed?"
    if _HAPPENING.search(lemmas):
        return False
    if _MY_SYMPTOM.search(lemmas) and not _CAUSAL.search(lemmas):
        return False
    if _QUESTION_START.search(text) and text.endswith("?"):
        return True
    if _PERSONAL.search(text):
        return False
    return bool(_QUESTION_START.search(text) or ((text.endswith("?") or polite) and _GENERAL.search(lemmas)))

