"""Every form field one message gives: "Sam Ortiz here, DOB 3 Jun 1962, cell 212 555 0187".

Patients answer several questions at once, book for someone else, and name a reason in
their own words when asking for the appointment. ``details_in`` finds each field the
message clearly gives, beside the one the form asked for.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Dict, List, Optional, Tuple

from bot.appointments.fields import (
    BY_SLOT,
    Checked,
    check_date_of_birth,
    check_name,
    clean,
    reason_in,
)
from bot.appointments.parsing import find_date, find_email, find_phone

RELATIONS = (
    "husband", "wife", "partner", "spouse", "mother", "mom", "mum", "mommy", "father", "dad",
    "son", "daughter", "child", "kid", "brother", "sister", "grandmother", "grandma", "granny",
    "grandfather", "grandpa", "grandson", "granddaughter", "aunt", "uncle", "niece", "nephew",
    "friend", "neighbour", "neighbor", "client", "patient", "boyfriend", "girlfriend", "fiance", "fiancee",
)
_REL = "|".join(sorted(RELATIONS, key=len, reverse=True))
CAREGIVER = re.compile(
    rf"\b(?:for|on behalf of|about|booking|book|appointment for|calling for)\s+(?:my|our)\s+"
    rf"(?:elderly\s+|old\s+|\d+\s*(?:yo|year old)\s+)?(?P<rel>{_REL})s?\b"
    rf"|\b(?:i'?m|i am)\s+(?:his|her|their)\s+(?P<self>{_REL})\b"
    rf"|\b(?:my|our)\s+(?P<subj>{_REL})\s+(?:needs|wants|would like|has|is due|requires)\b",
    re.I,
)
# Days and times said beside other answers ("botox, im returning, mornings are best").
TIME_CUE = re.compile(r"\b(?:mornings?|afternoons?|evenings?|weekdays?|weekends?|mondays?|tuesdays?|"
                      r"wednesdays?|thursdays?|fridays?|saturdays?|sundays?|any ?time|"
                      r"(?:after|before) \d{1,2}(?::\d\d)?\s*(?:am|pm)?|\d{1,2}\s*(?:am|pm))\b", re.I)
_PARTS = re.compile(r"\s*(?:[,;]|\band\b|\bbut\b)\s*", re.I)
BIRTH_CUE = re.compile(r"\b(?:dob|d\.o\.b|born|birth|birthday|bday|b-?day)\b", re.I)
STATUS_CUE = (
    ("returning", re.compile(r"\breturning\b|\bexisting patient\b|\bbeen (?:there|here|to you|in) before\b|"
                             r"\b(?:i'?ve|ive|i have|we'?ve|weve) been (?:\w+ )?before\b|\bcame (?:\w+ )?before\b|"
                             r"\bseen (?:there|here|by you|by dr\.?\s*\w+) before\b|\balready a patient\b",
                             re.I)),
    ("new", re.compile(r"\bnew patient\b|\bfirst (?:time|visit)\b|\bnever been\b", re.I)),
)
NAME_LEAD = re.compile(
    r"(?:\bmy name is|\bmy name'?s|\bname'?s|\bname is|\bthis is|\bi'?m|\bi am|\bit'?s|\bits|"
    r"\b(?:his|her|the patient'?s|patient) name is|\b(?:he|she) is|\bhe'?s|\bshe'?s)\s+"
    r"(?P<name>[^\W\d_][\w'\u2019.-]*(?:\s+[^\W\d_][\w'\u2019.-]*){1,3})", re.I)
_AFTER_A_NAME = frozenset({"", "and", "dob", "born", "here", "calling", "phone", "email", "mobile", "number"})
_NAMING_LEAD = re.compile(r"(?:my name|name|(?:his|her|the patient'?s|patient) name)\b", re.I)
NAME_HERE = re.compile(r"^(?P<name>[^\W\d_][\w'\u2019.-]*(?:\s+[^\W\d_][\w'\u2019.-]*){1,3})\s+here\b", re.I)
NOT_NAME_WORDS = re.compile(
    r"\b(?:new|returning|patient|book|booking|appointment|here|fine|okay|ok|good|sorry|not|"
    r"calling|looking|trying|interested|due|having|the|a|an|for|about|on|in|at|and|with|dob|born|"
    r"phone|cell|email|mobile|number|twitch|spasm|botox|today|tomorrow|to|of|over|so|this|that|my|your|it|is|was|"
    r"by|from|up|down|out|off|into|all|just|really|very|too|but|or|if|when|what|how|why|me|you|we|they)\b", re.I)


_BOOKER_ROLE = re.compile(
    r"\b(?:i'?m|i am|as|me being) (?:his|her|their|the patient'?s) (?P<role>wife|husband|son|daughter|mother|"
    r"father|mom|mum|dad|partner|sister|brother|carer|caregiver|friend|grandson|granddaughter|niece|nephew)\b",
    re.I)


def caregiver(text: str) -> Optional[str]:
    """Who booked: their own role when they say it ("daughter"), else the patient's relation to them."""
    match = CAREGIVER.search(text)
    if not match:
        return None
    stated = _BOOKER_ROLE.search(text)
    if stated:
        return stated.group("role").lower()
    relation = (match.group("rel") or match.group("subj") or match.group("self") or "").lower()
    if match.group("self"):
        return relation
    return f"for their {relation}"


def _name_candidate(text: str, requested: Optional[str]) -> Optional[str]:
    """A name the message gives explicitly, or the first chunk when the form asked for a name."""
    for pattern in (NAME_LEAD, NAME_HERE):
        match = pattern.search(text)
        if match:
            words, cut_at = [], ""
            for word in match.group("name").split():
                if NOT_NAME_WORDS.fullmatch(word.strip(".,")) or (
                        requested != "full_name" and word.islower() and word.endswith("ing")):
                    cut_at = word.lower()
                    break  # "I'm falling to pieces over this twitch" gives no name
                words.append(word.strip(".,"))
            # Outside the form, "this is real reason of my illness" names no one: a name after an ambiguous
            # lead ("this is", "I'm", "she's") must be written as one; "my name is ..." need not be.
            as_written = requested == "full_name" or _NAMING_LEAD.match(match.group(0)) \
                or all(word[:1].isupper() for word in words) or cut_at in _AFTER_A_NAME
            if as_written and (len(words) >= 2 or (requested == "full_name" and words)):
                return " ".join(words)
    if requested == "full_name":
        return re.split(r"[,;]|\s+-\s+|\band\b", text)[0].strip()
    return None


def _remove(text: str, spans: List[Tuple[int, int]]) -> str:
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " , " + text[end:]
    return text


def details_in(raw: str, requested: Optional[str], activation: bool = False,
               today: Optional[date] = None) -> Dict[str, Checked]:
    """The fields the message clearly gives, each checked; the requested one included if found."""
    text = clean(raw)
    found: Dict[str, Checked] = {}
    spans: List[Tuple[int, int]] = []
    email, _ = find_email(text)
    typed_email = re.search(re.escape(email), text, re.I) if email else None
    if typed_email:
        spans.append(typed_email.span())
    dated = find_date(text)
    if dated and not dated.invalid and (requested == "date_of_birth" or BIRTH_CUE.search(text)
                                        or (dated.value and requested not in ("preferred_times",)
                                            and dated.value.year <= (today or date.today()).year - 2)):
        found["date_of_birth"] = check_date_of_birth(text[dated.span[0]:dated.span[1]], today)
        spans.append(dated.span)
    phone = find_phone(_remove(text, spans))
    if phone or email:
        found["contact"] = BY_SLOT["contact"].check(
            " ".join(v for v in (phone[0] if phone else "", email or "") if v))
        if phone:
            spans.append(phone[1])
    rest = _remove(text, spans)
    rest = re.sub(r"\b(?:dob|d\.o\.b\.?|born(?: on)?|birthday|date of birth|cell|phone|mobile|email|"
                  r"e-mail|tel|number|contact me at|reach me (?:at|on)|call me (?:at|on))\b[:\s]*", " ",
                  rest, flags=re.I)
    name = _name_candidate(" ".join(rest.split()).strip(" ,"), requested)
    if name:
        checked = check_name(name)
        if checked.ok or requested == "full_name":
            found["full_name"] = checked
    for value, cue in STATUS_CUE:
        if cue.search(text):
            found["patient_status"] = Checked(value=value)
            break
    if requested in ("visit_reason", "patient_status"):
        times = [part for part in _PARTS.split(text) if TIME_CUE.search(part)]
        if times and len(times) < len([p for p in _PARTS.split(text) if p.strip()]):
            found["preferred_times"] = BY_SLOT["preferred_times"].check(", ".join(times))
    if activation or requested == "visit_reason":
        reason = reason_in(text)
        if reason:
            found["visit_reason"] = Checked(value=reason)
    relation = caregiver(text)
    if relation:
        found["booked_by"] = Checked(value=relation)
    return found


def gives_personal_details(text: str) -> bool:
    """Whether a message outside the form gives a name, date of birth or contact (a booking)."""
    found = details_in(text, None)
    return any(found.get(slot) and found[slot].ok for slot in ("full_name", "date_of_birth", "contact"))
