"""Validation and normalisation of each appointment-form field (pure functions)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Optional, Tuple

MAX_LENGTHS = {
    "full_name": 100, "date_of_birth": 40, "contact": 200, "visit_reason": 200,
    "patient_status": 60, "preferred_times": 200, "consent": 60, "confirmation": 200,
}
REASONS = (
    "Evaluation of facial twitching", "Botox treatment", "Surgical consultation (MVD)",
    "Second opinion", "Other",
)
MONTHS = {m.lower(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August",
     "September", "October", "November", "December"], 1)}
MONTHS.update({name[:3]: num for name, num in list(MONTHS.items())})
MONTHS["sept"] = 9

_NOT_NAMES = {
    "hi", "hello", "hey", "yes", "no", "ok", "okay", "sure", "thanks", "thank you",
    "stop", "cancel", "help", "nothing", "none", "test", "idk", "skip", "why",
    "what", "bot", "anonymous", "na", "n/a", "good", "fine",
}


ERRORS = {
    "name_chars": (
        "A name can only contain letters, spaces, hyphens and apostrophes. "
        "What is your full name?"
    ),
    "date_unreadable": (
        "I couldn't read that date. "
        "Please write your date of birth like 14 March 1965 or 1965-03-14."
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
        "Are you a new patient, or have you been to the clinic before? "
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
    text = "".join(
        ch if unicodedata.category(ch)[0] != "C" else " " for ch in text
    )
    text = " ".join(text.split())
    return text[: MAX_LENGTHS.get(field, 500)]


def check_name(raw: str) -> Checked:
    """A full name: letters, spaces, hyphens, apostrophes, dots; at least two letters."""
    text = clean(raw, "full_name")
    text = re.sub(r"^(?:my name is|my name's|name is|i am|i'm|im|it is|it's|this is|call me)\s+",
                  "", text, flags=re.I).strip(" .")
    if text.lower() in _NOT_NAMES or len(text) < 2:
        return Checked(error="Please type your full name, for example \"Maria Lopez\".")
    if not re.fullmatch(r"[^\W\d_]+(?:[ '\u2019.-]+[^\W\d_]+)*\.?", text):
        return Checked(error=ERRORS["name_chars"])
    if sum(ch.isalpha() for ch in text) < 2:
        return Checked(error="Please type your full name.")
    return Checked(value=" ".join(part[:1].upper() + part[1:] if part.islower() else part
                                  for part in text.split()))


def parse_date(raw: str) -> Optional[date]:
    """Parse common written dates: ISO, 14/03/1965 (US order when ambiguous), 14 March 1965."""
    text = clean(raw, "date_of_birth").lower().replace(",", " ")
    text = re.sub(r"\b(?:my )?(?:date of birth|dob|birthday|born)(?: is| on)?\b", " ", text)
    text = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text).strip()
    try:
        m = re.search(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b", text)
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = re.search(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b", text)
        if m:
            first, second, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if first > 12:
                return date(year, second, first)  # day first
            return date(year, first, second)  # month first, as in the US
        words = text.split()
        nums = [w for w in words if w.isdigit()]
        month = next((MONTHS.get(w) or MONTHS[w[:3]]
                      for w in words if w.isalpha() and (w in MONTHS or w[:3] in MONTHS)), None)
        if month and len(nums) == 2:
            day, year = (int(nums[0]), int(nums[1])) if len(nums[1]) == 4 else (int(nums[1]), int(nums[0]))
            return date(year, month, day)
    except ValueError:
        return None
    return None


def check_date_of_birth(raw: str, today: Optional[date] = None) -> Checked:
    """A real date in the past, within a plausible age."""
    today = today or date.today()
    parsed = parse_date(raw)
    if parsed is None:
        return Checked(error=ERRORS["date_unreadable"])
    if parsed >= today:
        return Checked(error="A date of birth must be in the past. What is your date of birth?")
    if today.year - parsed.year > 120:
        return Checked(error="That date seems too long ago. Please check the year of your date of birth.")
    return Checked(value=parsed.isoformat())


EMAIL_RX = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PHONE_RX = re.compile(r"(?<![\w@])\+?\(?\d[\d\s().-]{5,20}\d(?![\w@])")


def normalise_phone(raw: str) -> Optional[str]:
    """E.164-style digits: +1 for 10-digit North American numbers; None if implausible."""
    plus = raw.strip().startswith("+")
    digits = re.sub(r"\D", "", raw)
    if plus:
        return f"+{digits}" if 8 <= len(digits) <= 15 else None
    if len(digits) == 10 and digits[0] not in "01":
        return f"+1{digits}"
    if len(digits) == 11 and digits.startswith("1"):
        return f"+{digits}"
    if 7 <= len(digits) <= 15:
        return digits
    return None


def check_contact(raw: str) -> Checked:
    """At least one valid phone number or email; both are kept when given."""
    text = clean(raw, "contact")
    email_match = EMAIL_RX.search(text)
    email = email_match.group(0).lower() if email_match else None
    rest = EMAIL_RX.sub(" ", text)
    phone = None
    for candidate in PHONE_RX.findall(rest):
        phone = normalise_phone(candidate)
        if phone:
            break
    if "@" in text and not email:
        return Checked(error=ERRORS["email_incomplete"])
    if not email and not phone:
        if re.search(r"\d", text):
            return Checked(error=ERRORS["phone_wrong"])
        return Checked(error="Please give a phone number or an email address so the clinic can reach you.")
    shown = " and ".join(v for v in (phone, email) if v)
    extra = tuple((k, v) for k, v in (("phone", phone or ""), ("email", email or "")))
    return Checked(value=shown, extra=extra)


def check_reason(raw: str) -> Checked:
    """One of the reasons on the buttons; free text is kept as 'Other: …'."""
    text = clean(raw, "visit_reason")
    low = text.lower()
    rules = (
        ("Second opinion", r"second opinion"),
        ("Surgical consultation (MVD)", r"surg|mvd|decompress|operat"),
        ("Botox treatment", r"botox|botul|injection|shot"),
        ("Evaluation of facial twitching", r"evaluat|twitch|spasm|assess|diagnos|check|exam"),
    )
    for reason, pattern in rules:
        if re.search(pattern, low):
            return Checked(value=reason)
    if low in ("other", "others", "something else"):
        return Checked(value="Other")
    if len(re.sub(r"[^a-z]", "", low)) >= 3:
        return Checked(value=f"Other: {text}")
    return Checked(error="Please choose a reason for your visit from the buttons, or describe it in a few words.")


def check_patient_status(raw: str) -> Checked:
    """New or returning patient."""
    low = clean(raw, "patient_status").lower()
    if re.search(r"\bnew\b|first time|never|not yet|haven'?t been|no\b", low):
        return Checked(value="new")
    if re.search(r"return|been (?:here|there|before)|existing|before|again|yes|current|follow", low):
        return Checked(value="returning")
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
    if re.search(r"\b(?:yes|yeah|yep|y|sure|ok|okay|agree|consent|fine|of course|please do|i do)\b", low):
        return Checked(value="yes")
    return Checked(error="Please answer yes or no: do you agree that the clinic may contact you about this request?")


FIELD_WORDS = (
    ("contact", r"phone|number|mobile|cell|email|e-mail|contact"),
    ("date_of_birth", r"birth|dob|birthday|born"),
    ("full_name", r"name"),
    ("visit_reason", r"reason"),
    ("patient_status", r"new or returning|status|returning|new patient"),
    ("preferred_times", r"time|day|availability|schedule|when"),
    ("consent", r"consent"),
)
FIELD_LABELS = {
    "full_name": "Name", "date_of_birth": "Date of birth", "contact": "Contact",
    "visit_reason": "Reason", "patient_status": "New or returning",
    "preferred_times": "Preferred days and times", "consent": "Consent to contact",
}
CHECKS = {
    "full_name": check_name, "date_of_birth": check_date_of_birth, "contact": check_contact,
    "visit_reason": check_reason, "patient_status": check_patient_status,
    "preferred_times": check_preferred_times, "consent": check_consent,
}
_CORRECTION = re.compile(
    r"^(?:actually|sorry|oops|correction|wait|no,?)?[\s,]*(?:please\s+)?"
    r"(?:(?:change|update|correct|fix|edit)\s+(?:my\s+|the\s+)?(?P<f1>[\w -]+?)"
    r"(?:\s+(?:to|is|should be|:)\s*(?P<v1>.+))?"
    r"|(?:my\s+)?(?P<f2>phone(?: number)?|number|email(?: address)?|e-mail|name|"
    r"date of birth|dob|birthday)\s+(?:is actually|is|should be|was wrong,? it'?s)\s+(?P<v2>.+))$",
    re.I,
)


def field_named(words: str) -> Optional[str]:
    """Which form field the words name, if any."""
    low = words.lower()
    for field, pattern in FIELD_WORDS:
        if re.search(pattern, low):
            return field
    return None


def detect_correction(raw: str) -> Optional[Tuple[str, Optional[str]]]:
    """('contact', '555 3334444') for "actually my phone is 555 3334444"; value None for "change my email"."""
    text = clean(raw)
    match = _CORRECTION.match(text)
    if not match:
        return None
    words = match.group("f1") or match.group("f2") or ""
    value = match.group("v1") or match.group("v2")
    explicit = bool(re.match(r"^(?:actually|sorry|oops|correction|wait|no)\b", text, re.I)) or bool(match.group("f1"))
    field = field_named(words)
    if field is None or (not explicit and match.group("f2") and field == "full_name"):
        return None
    return field, (value.strip() if value else None)

