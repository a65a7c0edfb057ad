"""The appointment form's fields, described once: label, check, choices, how a patient names it.

``FIELDS`` is the one table the form validation, the summary, the storage and the
notifications are built from. Each check is a pure function from what the patient
typed to a normalised value or a specific message asking again.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Callable, Dict, Optional, Tuple

from bot.appointments.parsing import (
    best_choice,
    capitalise_name,
    find_date,
    find_email,
    find_phone,
    normalise_phone,
    strip_name_lead_in,
)

__all__ = ["normalise_phone"]

MAX_LENGTHS = {
    "full_name": 100, "date_of_birth": 40, "contact": 200, "visit_reason": 200,
    "patient_status": 60, "preferred_times": 200, "consent": 60, "confirmation": 200,
}
REASONS = (
    "Evaluation of facial twitching", "Botox treatment", "Surgical consultation (MVD)",
    "Second opinion", "Other",
)
STATUS_LABELS = {"new": "New patient", "returning": "Returning patient"}

_NOT_NAMES = {
    "hi", "hello", "hey", "yes", "no", "ok", "okay", "sure", "thanks", "thank you",
    "stop", "cancel", "help", "nothing", "none", "test", "idk", "skip", "why",
    "what", "bot", "anonymous", "na", "n/a", "good", "fine", "me", "myself", "the patient",
}
# "his wife", "her son", "the patient's daughter", "second opinion": words about someone, not a name.
_NOT_A_NAME_START = re.compile(r"^(?:his|her|their|my|our|the|a|an|your|second|other|new|returning|"
                               r"what|whats|how|why|where|which|who|should|could|does|do|is|are)\b", re.I)

ERRORS = {
    "name_chars": (
        "A name can only contain letters, spaces, hyphens and apostrophes. "
        "What is the full name?"
    ),
    "date_unreadable": (
        "I couldn't read that date. "
        "Please write the date of birth like 14 March 1965 or 1965-03-14."
    ),
    "email_incomplete": (
        "That email address doesn't look complete. "
        "Please check it (for example name@example.com)."
    ),
    "phone_wrong": (
        "That phone number doesn't look right. "
        "Please include the area code, for example 555-123-4567."
    ),
    "status_unclear": (
        "Is this a new patient, or has the patient been to the clinic before? "
        "Please answer \"new\" or \"returning\"."
    ),
    "times_empty": "Please tell me which days or times suit you, for example \"Tuesday mornings\" or \"any time\".",
    "consent_required": (
        "The clinic can only follow up if you agree to be contacted. "
        "Do you agree to be contacted about this request? "
        "(You can also say \"cancel\".)"
    ),
}


@dataclass(frozen=True)
class Checked:
    """A field check: the normalised value, or an error message for the patient."""

    value: Optional[str] = None
    error: Optional[str] = None
    extra: Tuple[Tuple[str, str], ...] = ()

    @property
    def ok(self) -> bool:
        """Whether the value was accepted."""
        return self.value is not None


def clean(value: object, field: str = "") -> str:
    """Drop control and format characters, fold whitespace, bound the length."""
    text = "" if value is None else str(value)
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    text = " ".join(text.split())
    return text[: MAX_LENGTHS.get(field, 500)]


def check_name(raw: str) -> Checked:
    """A full name without lead-ins ("it's", "my name is"), with its real capitals."""
    text = strip_name_lead_in(clean(raw, "full_name"))
    if text.lower() in _NOT_NAMES or len(text) < 2 or _NOT_A_NAME_START.match(text):
        return Checked(error="Please type the full name, for example \"Maria Lopez\".")
    if not re.fullmatch(r"[^\W\d_]+(?:[ '\u2019.-]+[^\W\d_]+)*\.?", text):
        return Checked(error=ERRORS["name_chars"])
    if sum(ch.isalpha() for ch in text) < 2 or len(text.split()) < 2:
        return Checked(error="Please type the full name, first and last, for example \"Maria Lopez\".")
    return Checked(value=capitalise_name(text))


def check_date_of_birth(raw: str, today: Optional[date] = None) -> Checked:
    """A real date in the past, within a plausible age; a date without a year asks for it."""
    today = today or date.today()
    found = find_date(clean(raw, "date_of_birth"))
    if found is None or found.invalid:
        return Checked(error=ERRORS["date_unreadable"])
    if found.partial:
        return Checked(error="Thanks. And which year was that? (for example 1965)",
                       extra=(("dob_partial", f"{found.month:02d}-{found.day:02d}"),))
    parsed = found.value
    if parsed >= today:
        return Checked(error="A date of birth must be in the past. What is the date of birth?")
    if today.year - parsed.year > 120:
        return Checked(error="That date seems too long ago. Please check the year of the date of birth.")
    return Checked(value=parsed.isoformat())


def check_contact(raw: str) -> Checked:
    """At least one valid phone number or email; both are kept when given."""
    text = clean(raw, "contact")
    email, looked_like_email = find_email(text)
    phone_found = find_phone(re.sub(r"\S+@\S+", " ", text))
    phone = phone_found[0] if phone_found else None
    if looked_like_email and not email and not phone:
        return Checked(error=ERRORS["email_incomplete"])
    if not email and not phone:
        if re.search(r"\d", text):
            return Checked(error=ERRORS["phone_wrong"])
        return Checked(error="Please give a phone number or an email address so the clinic can reach you.")
    shown = " and ".join(v for v in (phone, email) if v)
    return Checked(value=shown, extra=(("phone", phone or ""), ("email", email or "")))


REASON_PATTERNS = (
    ("Second opinion", r"second opinion|another opinion|other opinion"),
    ("Surgical consultation (MVD)", r"surg|mvd|decompress|operat|neurosurg|\bop\b|keyhole"),
    ("Botox treatment", r"botox|botul|inject|\bshots?\b|\bjabs?\b|needle|next round|top.?up|booster"),
    ("Evaluation of facial twitching", r"evaluat|twitch|spasm|assess|diagnos|check|exam|jerk|"
                                       r"\btic\b|flicker|eye(?:lid)? (?:keeps|close|shut)|looked at|see what"),
)


def reason_in(text: str) -> Optional[str]:
    """The reason button a free-text reason clearly matches, if any."""
    low = text.lower()
    for reason, pattern in REASON_PATTERNS:
        if re.search(pattern, low):
            return reason
    return None


def check_reason(raw: str) -> Checked:
    """One of the reasons on the buttons; other free text is kept as 'Other: …'."""
    text = clean(raw, "visit_reason")
    chosen = best_choice(text, REASONS, cutoff=88) or reason_in(text)
    if chosen:
        return Checked(value=chosen)
    if text.lower() in ("others", "something else"):
        return Checked(value="Other")
    if len(re.sub(r"[^a-z]", "", text.lower())) >= 3:
        return Checked(value=f"Other: {text}")
    return Checked(error="Please choose a reason for the visit from the buttons, or describe it in a few words.")


_STATUS_ALIASES = (("new", "New patient"), ("returning", "Returning patient"),
                   ("return", "Returning patient"), ("existing patient", "Returning patient"))


def check_patient_status(raw: str) -> Checked:
    """New or returning patient (stored as ``new`` or ``returning``)."""
    low = clean(raw, "patient_status").lower()
    if re.search(r"\bnew\b|first time|never|not yet|haven'?t been|\bno\b", low):
        return Checked(value="new")
    if re.search(r"return|been (?:here|there|before|in)|existing|before|again|\byes\b|current|follow|"
                 r"already", low):
        return Checked(value="returning")
    choice = best_choice(low, tuple(STATUS_LABELS.values()), _STATUS_ALIASES)
    if choice:
        return Checked(value=next(k for k, v in STATUS_LABELS.items() if v == choice))
    return Checked(error=ERRORS["status_unclear"])


def check_preferred_times(raw: str) -> Checked:
    """Free text about days and times; must say something."""
    text = clean(raw, "preferred_times")
    if len(re.sub(r"[^A-Za-z0-9]", "", text)) < 2:
        return Checked(error=ERRORS["times_empty"])
    return Checked(value=text)


def check_consent(raw: str) -> Checked:
    """Consent to be contacted is required to send a request."""
    low = clean(raw, "consent").lower()
    if re.search(r"\b(?:no|nope|don'?t|do not|disagree|refuse|not)\b", low):
        return Checked(error=ERRORS["consent_required"])
    if re.search(r"\b(?:yes|yeah|yep|yup|ya|y|sure|ok|okay|agree|agreed|consent|fine|of course|"
                 r"please do|i do|go ahead|that'?s fine)\b", low) or best_choice(low, ("yes, i agree",)):
        return Checked(value="yes")
    return Checked(error="Please answer yes or no: do you agree that the clinic may contact you about this request?")


@dataclass(frozen=True)
class Field:
    """One question of the form."""

    slot: str
    label: str
    check: Callable[[str], Checked]
    words: str  # how a patient names the field in a correction ("change my phone")
    choices: Tuple[str, ...] = ()
    shown: Callable[[str], str] = str  # how the stored value reads in the summary


FIELDS: Tuple[Field, ...] = (
    Field("full_name", "Name", check_name, r"\bname\b"),
    Field("date_of_birth", "Date of birth", check_date_of_birth, r"birth|\bdob\b|birthday|\bborn\b"),
    Field("contact", "Contact", check_contact,
          r"phone|number|mobile|\bcell\b|e-?mail|contact|landline"),
    Field("visit_reason", "Reason", check_reason, r"reason", REASONS),
    Field("patient_status", "New or returning", check_patient_status,
          r"new or returning|status|returning|new patient", tuple(STATUS_LABELS.values()),
          shown=lambda v: STATUS_LABELS.get(v, v)),
    Field("preferred_times", "Preferred days and times", check_preferred_times,
          r"\btimes?\b|\bdays?\b|availability|schedule|\bwhen\b"),
    Field("consent", "Consent to contact", check_consent, r"consent", ("Yes, I agree", "No")),
)
BY_SLOT: Dict[str, Field] = {f.slot: f for f in FIELDS}
FORM_SLOTS = tuple(f.slot for f in FIELDS) + ("confirmation",)
HELPER_SLOTS = ("phone", "email", "booked_by", "caregiver_booking", "dob_partial", "form_failures")
CHECKS = {f.slot: f.check for f in FIELDS}
FIELD_LABELS = {f.slot: f.label for f in FIELDS}


def field_named(words: str) -> Optional[str]:
    """Which form field the words name, if any (contact first: "phone number" is not a name)."""
    low = words.lower()
    for field in sorted(FIELDS, key=lambda f: f.slot != "contact"):
        if re.search(field.words, low):
            return field.slot
    return None


_FIELD_WORDS = (r"(?:phone|cell|mobile)(?: number)?|number|e-?mail(?: address)?|(?:full\s+)?name|date of birth|dob|"
                r"birthday|birth date|reason|preferred times?|times?")
_CORRECTION = re.compile(
    r"^(?:(?:oh|oops|sorry|actually|wait|no|nope|correction|hang on|my bad|whoops|typo|my mistake|"
    r"spelling mistake|wrong one)[\s,.!-]*)*"
    r"(?:(?:please|can you|could you|i need to|i want to|i'?d like to|let me)\s+)?"
    r"(?:(?:change|update|correct|fix|edit)\s+(?:my\s+|the\s+|his\s+|her\s+)?(?P<f1>[\w -]+?)"
    r"(?:\s+(?:to|is|should be|:)\s*(?P<v1>.+))?"
    rf"|(?:make|set|put)\s+(?:my\s+|the\s+|his\s+|her\s+)(?P<f3>{_FIELD_WORDS})\s+(?:to\s+|as\s+)?"
    r"(?P<v3>.+?)(?:\s+instead)?"
    rf"|(?:(?:my|the|his|her)\s+)?(?P<f2>{_FIELD_WORDS})"
    r"[\s,]+(?:is actually|is|should be|should have been|was wrong,? it'?s|=|:)\s+(?P<v2>.+))$",
    re.I,
)


def detect_correction(raw: str) -> Optional[Tuple[str, Optional[str]]]:
    """('contact', '555 3334444') for "actually my phone is 555 3334444"; value None for "change my email"."""
    text = clean(raw)
    match = _CORRECTION.match(text)
    if not match:
        return None
    words = match.group("f1") or match.group("f3") or match.group("f2") or ""
    value = match.group("v1") or match.group("v3") or match.group("v2")
    explicit = bool(re.match(r"^(?:oh|oops|sorry|actually|wait|no|correction|hang on|my bad|typo)\b", text, re.I)) \
        or bool(match.group("f1") or match.group("f3"))
    field = field_named(words)
    if field is None or (not explicit and match.group("f2") and field == "full_name"):
        return None
    return field, (value.strip(" .!") if value else None)
