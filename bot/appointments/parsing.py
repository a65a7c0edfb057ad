"""Finding dates, phone numbers, emails, names and choices in what patients type.

The hard parts are left to well-kept libraries: ``phonenumbers`` finds and normalises
phone numbers, ``email-validator`` checks addresses, ``python-dateutil`` reads dates and
``rapidfuzz`` forgives typos in button answers. This module only locates the pieces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Optional, Sequence, Tuple

import phonenumbers
from dateutil import parser as date_parser
from email_validator import EmailNotValidError, validate_email
from rapidfuzz import fuzz, process

DEFAULT_REGION = "US"
EMAIL_CANDIDATE = re.compile(r"[^\s,;:<>()\[\]\"']+@[^\s,;:<>()\[\]\"']+")
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d|'?\d\d)"
DATE_PATTERNS = (
    re.compile(r"\b(?P<y>1[89]\d\d|20\d\d)[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})\b"),
    re.compile(rf"\b(?P<a>\d{{1,2}})[-/.](?P<b>\d{{1,2}})[-/.](?P<y>{_YEAR})\b"),
    re.compile(rf"\b(?P<d>{_DAY})(?:\s+of)?[\s-]+(?P<m>{_MONTH})\.?(?:[\s,-]+(?P<y>{_YEAR}))?\b", re.I),
    re.compile(rf"\b(?P<m>{_MONTH})\.?[\s-]+(?P<d>{_DAY})(?:[\s,-]+(?P<y>{_YEAR}))?\b", re.I),
)
YEAR_ONLY = re.compile(r"^\D{0,20}\b(?P<y>1[89]\d\d|20\d\d)\b\D{0,20}$")


@dataclass(frozen=True)
class FoundDate:
    """A date found in text: complete, or a month and day still missing the year."""

    span: Tuple[int, int]
    value: Optional[date] = None
    month: Optional[int] = None
    day: Optional[int] = None
    invalid: bool = False

    @property
    def partial(self) -> bool:
        """Month and day known, year missing."""
        return self.value is None and self.month is not None and not self.invalid


def _full_year(text: str) -> int:
    digits = int(text.lstrip("'"))
    if len(text.lstrip("'")) == 4:
        return digits
    return 1900 + digits if digits > date.today().year % 100 else 2000 + digits


def _month_day(month_text: str, day_text: str) -> Tuple[int, int]:
    parsed = date_parser.parse(f"{month_text} {re.sub(r'[^0-9]', '', day_text)} 2000")
    return parsed.month, parsed.day


def find_date(text: str) -> Optional[FoundDate]:
    """The first date in ``text``. Numeric dates are read month first unless that cannot be."""
    for pattern in DATE_PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        groups = match.groupdict()
        try:
            if "a" in groups and groups.get("a"):
                first, second = int(groups["a"]), int(groups["b"])
                month, day = (second, first) if first > 12 else (first, second)
            elif groups.get("m", "").isdigit():
                month, day = int(groups["m"]), int(groups["d"])
            else:
                month, day = _month_day(groups["m"], groups["d"])
            if not groups.get("y"):
                date(2000, month, day)  # raises on 31 June
                return FoundDate(match.span(), month=month, day=day)
            return FoundDate(match.span(), value=date(_full_year(groups["y"]), month, day))
        except (ValueError, OverflowError, date_parser.ParserError):
            return FoundDate(match.span(), invalid=True)
    return None


def find_year(text: str) -> Optional[int]:
    """A year given on its own ("1950", "it was 1950")."""
    match = YEAR_ONLY.search(text.strip())
    return int(match.group("y")) if match else None


def find_email(text: str) -> Tuple[Optional[str], bool]:
    """(normalised address, whether something looked like an address)."""
    looked = False
    for candidate in EMAIL_CANDIDATE.findall(text):
        looked = True
        try:
            checked = validate_email(candidate.strip(".,;!?"), check_deliverability=False)
        except EmailNotValidError:
            continue
        return checked.normalized.lower(), True
    return None, looked or "@" in text


def _e164(number: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_phone(raw: str) -> Optional[str]:
    """One phone number in E.164 (US when no country code), or None if it cannot be one."""
    try:
        number = phonenumbers.parse(raw, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    return _e164(number) if phonenumbers.is_possible_number(number) else None


def find_phone(text: str) -> Optional[Tuple[str, Tuple[int, int]]]:
    """The first phone number in free text and where it stands."""
    for match in phonenumbers.PhoneNumberMatcher(text, DEFAULT_REGION, phonenumbers.Leniency.POSSIBLE):
        if sum(ch.isdigit() for ch in match.raw_string) >= 7:
            return _e164(match.number), (match.start, match.end)
    return None


def best_choice(text: str, choices: Sequence[str], aliases: Iterable[Tuple[str, str]] = (),
                cutoff: float = 80) -> Optional[str]:
    """The choice ``text`` names, forgiving typos; None when unclear."""
    options = {c.lower(): c for c in choices}
    options.update({alias.lower(): choice for alias, choice in aliases})
    low = " ".join(text.lower().split())
    if low in options:
        return options[low]
    found = process.extractOne(low, list(options), scorer=fuzz.WRatio, score_cutoff=cutoff)
    return options[found[0]] if found else None


_LEAD_IN = re.compile(
    r"^(?:(?:hi|hello|hey|ok|okay|sure|yes|yeah)[,!.]?\s+)?"
    r"(?:(?:my|the|patient'?s|his|her|their)\s+(?:full\s+)?name(?:'s|\s+is)?|name(?:'s|\s+is)?|"
    r"i'?m|i\s+am|it'?s|its|it\s+is|this\s+is|call\s+me|me\s+is|he'?s|she'?s|he\s+is|she\s+is)"
    r"[:,]?\s+", re.I)
_TRAIL = re.compile(r"\s+(?:here|speaking|thanks|thank you|please)[.!]*$", re.I)


def strip_name_lead_in(text: str) -> str:
    """"it's jean-luc o'neil" -> "jean-luc o'neil"; "Sam Ortiz here" -> "Sam Ortiz"."""
    text = _TRAIL.sub("", _LEAD_IN.sub("", text.strip(), count=1)).strip(" .,!")
    return _LEAD_IN.sub("", text, count=1).strip(" .,!")


def _capitalise_word(word: str) -> str:
    parts = re.split(r"([-'\u2019])", word)
    out = [p[:1].upper() + p[1:] for p in parts]
    joined = "".join(out)
    if re.match(r"^Ma?c[a-z]{3,}", joined) and joined.lower() not in {"mack", "macy", "mace"}:
        prefix = 3 if joined.startswith("Mac") else 2
        joined = joined[:prefix] + joined[prefix].upper() + joined[prefix + 1:]
    return joined


def capitalise_name(name: str) -> str:
    """Capitals for a name typed all in lower or upper case; typed capitals are kept."""
    if name != name.lower() and name != name.upper():
        return name
    return " ".join(_capitalise_word(word.lower()) for word in name.split())
