"""The past in a message: clauses that tell history, not what is happening or asked now.

"I had a stroke back in 2009 and made a full recovery. What scans might they use?" asks about
scans; the stroke is background, neither a red flag nor the subject of the question. Neither is
"My neighbour had a stroke and her face drooped" when the next clause says "mine is nothing like
that", nor "I'm on sertraline (unrelated, doing fine)". The patient's own crisis signs are never
set aside: a past attempt still counts; someone else's long-past overdose is their history.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import List

from bot.nlp.reading import Reading, is_question_shaped, read, split_clauses

# Long enough ago to be history: years, a decade, childhood, a named year; a resolved state.
_HISTORY = re.compile(
    r"\b(?:\d+|a few|few|several|many|some|a couple of|two|three|four|five|six|ten|twenty) "
    r"(?:years?|yrs?|decades?|months?)(?: back| ago| before)\b|\b(?:years|decades|ages) (?:ago|back|before)\b|"
    r"\blong ago\b|"
    # a lifelong or long-standing state: "half deaf since the army years", "all my life"
    r"\bsince (?:the (?:army|navy|war|service)|childhood|birth|i was born|school|"
    r"my (?:youth|twenties|thirties|army \w+)|the \w+ (?:years|days))\b|"
    r"\ball my life\b|\bsince forever\b|\bfrom birth\b|\bfor (?:many )?(?:years|decades)\b|"
    r"\bin my (?:teens|twenties|thirties|forties|fifties|sixties|youth|childhood)\b|"
    r"\b(?:back )?in (?:the )?(?:19|20)\d\d\b|\b(?:at|on|during) (?:\w+ ){1,2}(?:19|20)\d\d\b|"
    r"\b(?:back )?in (?:january|february|march|april|june|july|august|september|october|november|december)\b|"
    r"\bback in the\b|\b(?:back )?in '\s?\d\d\b|\bin the (?:seventies|eighties|nineties|'?[5-9]0s)\b|"
    r"\bas an? (?:little |young |small )?(?:kid|child|teen\w*|boy|girl|baby|student)\b|"
    r"\bwhen (?:i|he|she|they|we) (?:was|were) (?:an? )?(?:kid|child|young|little|baby|toddler|\d+)\b|"
    r"\bfull(?:y)? recover\w*|\bfull recovery\b|\b(?:no|never had any) (?:problems?|issues?|trouble) since\b|"
    r"\b(?:all )?fine since\b|\bcleared up\b|\b(?:all )?(?:fine|ok|okay|well) (?:ever )?since\b|\bunrelated\b|"
    r"\b(?:gave up|quit|gave them up|stopped drinking|stopped smoking)\b|"
    r"\blast time\b|\bthe time before\b|\b(?:my|our|her|his|the) late\b|\b(?:died|passed away|passed on)\b|"
    r"\bwell[- ]controlled\b|\bunder control\b|\bin remission\b|"
    r"\blast (?:winter|summer|spring|autumn|fall|year|christmas|easter)\b|\bat (?:her|his|my|their|the) last\b|"
    r"\b(?:completely|fully) recovered\b|\brecovered (?:completely|fully|well)\b|"
    r"\bmade a (?:good|full|complete|great) recovery\b"
)
# "I'm fine now" closes the story rather than bringing it into the present.
_RESOLVED_NOW = re.compile(r"\b(?:fine|ok|okay|well|better|good|recovered|sorted) now\b|"
                           r"\ball (?:sorted|fine|good|clear|healed)(?: now)?\b|"
                           r"\bnow (?:fully )?(?:fine|recovered|better|well|in remission|sorted|healed)\b|"
                           r"\b(?:went|go|gone|cleared) (?:away |up )?(?:after|within) "
                           r"(?:a |a few |some |several |\d+ |two |three )?(?:week|month|year)s?\b")
# Words that bring a clause back to the present: "years ago ... and now it's back".
_NOW = re.compile(r"\b(?:now|today|tonight|this (?:morning|afternoon|evening|week)|just|again|still|sudden\w*|"
                  r"currently|right now|started|starting|yesterday|last night|hours?|minutes?)\b")
# "Mine is nothing like that": what came before is someone else's, set beside theirs.
_UNLIKE = re.compile(r"^(?:but |and )?(?:mine|my \w+|ours|i|this|it)\b.*\b(?:(?:nothing|not|n't|never|isn't|isnt) "
                     r"(?:\S+ )?like (?:that|hers|his|theirs|it)\b|unlike (?:that|hers|his|theirs)\b)")
# "My nan had a stroke and her face looked nothing like this": someone else's, told as unlike theirs.
_UNLIKE_THIS = re.compile(r"\b(?:nothing|not|n't|never) (?:\S+ )?like (?:this|mine|that|it|his|hers|ours)\b|"
                          r"\b(?:different|unlike) (?:from |to )?(?:this|mine)\b")
# "Worried the Botox will freeze his face": a fear of what may come, not a report of what is.
_FEAR_OF_WHAT_MAY_COME = re.compile(r"\b(?:worr\w*|afraid|scared|fear\w*|concern\w*|nervous|anxious|terrified|"
                                    r"dread\w*)\b"
                                    r"(?:(?:\s\S+){0,6}? (?:will|would|might|could|may|going to|gonna|ll|"
                                    r"won't|wont|wouldn't)\b|"
                                    r" (?:about|of) (?:a|an|get\w*|having|end\w* up|develop\w*)\b)|"
                                    r"\bcan(?:'t|not|t| not) afford (?:a|an|to|any)\b|"
                                    # "a droopy lid is not ideal": what it would mean if it came
                                    r"\b(?:is|would be|'d be) (?:not ideal|a disaster|a nightmare|bad news|"
                                    r"career[- ]ending)\b")
_SOMEONE_ELSE = re.compile(r"\b(?:neighbou?r|friend|aunt\w*|uncle|mum|mom|mother|dad|father|gran\w*|nan|nana|nanna|"
                           r"grandma|grandpa|grandad|grandmother|grandfather|son|daughter|boss|brother|sister|cousin|"
                           r"colleague|someone|somebody|a man|a woman|husband|wife|partner|he|she|they)\b")


def _nothing_now(lower: str) -> bool:
    """Nothing in the clause happens now ("I'm fine now" closes the story rather than bringing it back)."""
    return not _NOW.search(_RESOLVED_NOW.sub(" ", lower))


def _a_statement_of_nothing_now(lower: str) -> bool:
    """A statement (not a question) in which nothing happens now."""
    return _nothing_now(lower) and not is_question_shaped(lower)


def tells_history(clause: str) -> bool:
    """A statement placed in the past or told as resolved, with nothing in it happening now."""
    lower = clause.lower()
    return bool(_HISTORY.search(lower)) and _a_statement_of_nothing_now(lower)


_THEIR_USUAL_SPASM = re.compile(r"\b(?:usual|normal|regular|old|typical) (?:\S+ )?(?:twitch|spasm|tic)")


def _background(clauses: List[str]) -> List[bool]:
    """Which clauses are background: history, or someone else's event set against the patient's."""
    past = [tells_history(clause) or _told_as_not_now(clause) for clause in clauses]
    return [past[i] or (i + 1 < len(clauses) and (
        (past[i + 1] and len(clauses[i + 1].split()) < 4 and not _NOW.search(clause.lower()))  # "..., years back."
        or (bool(_SOMEONE_ELSE.search(clause.lower())) and bool(_UNLIKE.search(clauses[i + 1].lower()))
            # "dad's mouth won't move. nothing like his usual twitch": unlike their spasm, not unlike the patient
            and not _THEIR_USUAL_SPASM.search(clauses[i + 1].lower()))
        or (_resolved_later(clauses[i + 1:]) and not _NOW.search(clause.lower()))))
        for i, clause in enumerate(clauses)]


def _resolved_later(later: List[str]) -> bool:
    """Whether the story goes on to its close ("..., turned out to be a migraine, all sorted") before a question."""
    for clause in later:
        lower = clause.lower()
        if _RESOLVED_NOW.search(lower):
            return True
        if is_question_shaped(lower) or _NOW.search(lower):
            return False
    return False


def _told_as_not_now(clause: str) -> bool:
    """Someone else's event told as unlike theirs, or a fear of what may come; nothing happening now."""
    lower = clause.lower()
    if _FEAR_OF_WHAT_MAY_COME.search(lower):  # "can't afford a floppy lip" is no question, though it opens like one
        return _nothing_now(lower)
    return bool(_SOMEONE_ELSE.search(lower) and _UNLIKE_THIS.search(lower)) and _a_statement_of_nothing_now(lower)


@lru_cache(maxsize=2048)
def present_part(reading: Reading) -> Reading:
    """The message without its background clauses (empty when every clause is background).

    Cached, like ``read``: the red-flag signs, alarm words and coverage all read it, once per message.
    """
    clauses = split_clauses(reading.text)
    background = _background(clauses)
    if not any(background):
        return reading
    return read(" ".join(c for c, past in zip(clauses, background, strict=True) if not past))


_THE_PATIENT = re.compile(r"\b(?:i|me|myself|i'm|im|i've|ive|i'd)\b")


@lru_cache(maxsize=2048)
def without_others_past(reading: Reading) -> Reading:
    """The message without clauses that tell someone else's long-past story.

    "My brother had an overdose years ago, he's fine now" is his history, not the patient's crisis;
    the patient's own past ("I overdosed years ago") and anyone's recent event stay.
    """
    clauses = split_clauses(reading.text)
    kept = [c for c in clauses if not (tells_history(c) and _SOMEONE_ELSE.search(c.lower())
                                       and not _THE_PATIENT.search(c.lower()))]
    return reading if len(kept) == len(clauses) else read(" ".join(kept))
