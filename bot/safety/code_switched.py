"""Red flags in romanised Hindi-Urdu and in Tagalog, the languages patients code-switch into most
("achanak face ek side latak gaya", "biglang lumaylay yung mukha ko", "ayoko na, mamamatay ba ako").

The assistant answers in English; these only make sure the emergency or crisis guidance comes first.
A mouth pulled crooked ("muh tedha", "ngiwi") is the spasm itself, so only a droop or sag counts.
Patterns run on lower-case text without accents (``spanish.fold``).
"""

from __future__ import annotations

import re
from typing import Optional

from bot.safety.spanish import AFTER_SURGERY, BREATHING, CRISIS, STROKE, fold

_SUDDENLY = r"(?:achanak|ekdum|bigla\w*|kanina lang|ngayon lang)"
_PATTERNS = (
    (CRISIS, re.compile(
        r"\b(?:jeene ka (?:mann|man|dil) nahi|jeena nahi (?:chahta|chahti)|marna (?:chahta|chahti)|mar jaana|"
        r"mar (?:jaun|jaaun|jau|jaoon|jaon|jaunga|jaungi)\b|marne ka (?:mann|man|dil)|"
        r"khud ko (?:\w+ ){0,2}(?:khatam|maar|mar)|(?:sab|sub) khatam kar (?:doon|dun|du|dena)|khudkushi|"
        r"mamamatay (?:ba )?ako|magpakamatay|(?:gusto|gusto ko) (?:ko )?(?:nang |na )?mamatay|ayoko nang mabuhay|"
        r"(?:inumin|iinumin|ininom) ko (?:na )?(?:lahat|lahat ng gamot)|wala nang (?:silbi|saysay) (?:ang )?buhay)")),
    (STROKE, re.compile(
        rf"\b(?:(?:face|chehra|muh|munh|mukha|bibig)\w* (?:\w+ ){{0,3}}(?:latak|lumaylay|laylay)|"
        rf"(?:latak|lumaylay|laylay)\w* (?:\w+ ){{0,3}}(?:face|chehra|muh|mukha|bibig)|"
        rf"bol(?:ne)? (?:mein|me|main) (?:\w+ )?(?:problem|dikkat|taklif|pareshani)|bol nahi (?:pa )?(?:raha|rahi|paa)|"
        rf"(?:hindi|di) (?:ako |siya |sya )?makapagsalita|"
        rf"{_SUDDENLY} (?:\w+ ){{0,4}}(?:sunn|numb|paralys|weak|kamzor|manhid))")),
    (BREATHING, re.compile(r"\b(?:saans (?:nahi|lene mein)|(?:hindi|di) (?:ako )?makahinga|"
                           r"hirap (?:huminga|lumunok))")),
    (AFTER_SURGERY, re.compile(r"\b(?:tez bukhar|lagnat na mataas)")),
)


def red_flag_kind(text: str) -> Optional[str]:
    """The kind of red flag in a Hindi-Urdu (romanised) or Tagalog message, or None."""
    folded = fold(text or "")
    return next((kind for kind, pattern in _PATTERNS if pattern.search(folded)), None)
