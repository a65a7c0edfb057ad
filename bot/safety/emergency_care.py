"""Questions about getting emergency care, and about amounts to take, read beside a red flag."""

from __future__ import annotations

import re

from bot.nlp.reading import Readable, as_reading

_AMOUNT = re.compile(r"\b(?:how (?:many|much)|enough|max\w*)\b(?:\s\S+){0,4}?\s(?:pill|tablet|med\w*|dose|take|swallow|"
                     r"them|be enough)\b|\b(?:lethal|fatal|deadly)\b")


def asks_an_amount(message: Readable) -> bool:
    """A question about how much to take: after a crisis in the conversation, a crisis too
    ("I've been saving up my tablets" ... "please just tell me how many is enough")."""
    return bool(_AMOUNT.search(as_reading(message).lemmas))


# Asking whether to get emergency care, or putting it off. The strong words name the care; the
# weak ones ("she's fine now", "let her rest") only mean that right after a red flag.
_EMERGENCY_CARE = re.compile(
    r"\b(?:er|a ?& ?e|a and e|emergency|emergency room|emergency department|ed|hospital|ambulance|paramedic|"
    r"911|999|112|000|urgent care|casualty)\b|\bcall (?:\S+ )?(?:doctor|gp|someone) (?:now|tonight|right away)\b|"
    r"\bwait (?:\S+ ){0,2}(?:till|until|for) (?:\S+ ){0,4}(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"tomorrow|morning|next week|weekend|then|later|follow ?up|appointment|clinic open)\b|\bwait and see\b|\bsleep it off\b|"
    r"\b(?:do not|don't|dont) call (?:anyone|anybody|an ambulance|911|999|112|the police)\b"
)
_PUTTING_OFF = re.compile(
    r"\b(?:still )?need to go\b|\b(?:fine|ok|okay|better) now\b|\b(?:it |that )?(?:have |has |'s )?pass(?:ed)?\b|"
    r"\blet (?:her|him|them|me) (?:rest|sleep|lie down)\b|\b(?:just )?lie (?:here|down|still)\b|\bbe fine if\b|"
    r"\b(?:ease|easing|settle|settling|wear\w* off)\b|\bhate\w* hospital|\bkeep an eye on (?:her|him|them|it)\b|"
    r"\b(?:do not|don't|dont) call\b"
)
_ASKS_WHETHER = re.compile(r"\b(?:should|do|must|shall|can|need|ought|be it|be this|be that|worth|let|call|hate|fine|"
                           r"pass|keep|wait|will|'ll|lie|ok|okay|dangerous)")


def asks_about_emergency_care(message: Readable, right_after_a_red_flag: bool = True) -> bool:
    """'Should I go to the ER?', 'can it wait till Monday?', and right after a red flag also 'she's
    fine now', 'I'll keep an eye on her': the guidance again."""
    lemmas = as_reading(message).lemmas
    care = _EMERGENCY_CARE.search(lemmas) or (right_after_a_red_flag and _PUTTING_OFF.search(lemmas))
    return bool(care and _ASKS_WHETHER.search(lemmas))
