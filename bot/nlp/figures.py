"""Figures of speech, removed before a message's literal words are read.

"This twitch is killing me" is no crisis and "dead tired" no emergency; "a real pain in the
neck" names no body part. One list (``bot/data/figures_of_speech.yml``) serves the red-flag
net and the page's gaps alike.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Pattern, Tuple

import yaml

from bot.nlp.normalize import with_dropped_g_restored
from bot.settings import DATA_DIR

FIGURES_PATH = DATA_DIR / "figures_of_speech.yml"


@lru_cache(maxsize=1)
def _figures() -> Tuple[Tuple[str, str], ...]:
    """Each figure's pattern and its literal reading (blank unless the file gives ``reads``)."""
    entries = yaml.safe_load(FIGURES_PATH.read_text(encoding="utf-8"))["figures"]
    return tuple((entry["figure"], entry["reads"]) if isinstance(entry, dict) else (entry, " ") for entry in entries)


@lru_cache(maxsize=1)
def figures_pattern() -> Pattern[str]:
    """Every figure of speech as one pattern over lower-case text."""
    return re.compile("|".join(f"(?:{figure})" for figure, _ in _figures()))


@lru_cache(maxsize=1)
def _readings() -> Tuple[Tuple[Pattern[str], str], ...]:
    """The figures read as other words ("over my dead body am I having surgery": "never")."""
    return tuple((re.compile(figure), f" {reads} ") for figure, reads in _figures() if reads.strip())


# Names that hold a sign's word read as one word: "eye drops" is a product, not a drop of the eye.
# Only where they are plainly the product: "my eye drops when I'm tired" is a sign.
_ONE_WORD = re.compile(r"\b((?:use|using|try|tried|put in|putting in|get|buy|some|any|what|which|the|of|with|need|"
                       r"about|lubricating|artificial|there) )eye ?-?(drops)\b|"
                       r"\beye ?-?(drops)(?= (?:are|is|for|help|work|that|which)\b)")


_SPACES = re.compile(r" {2,}")
# A figure taken back is meant: "kill me now lol. no actually I mean it this time".
# Only a wish for one's own death is taken back so; "this is killing me, not joking" stays a figure.
_TAKEN_BACK = re.compile(r"^(?:\W*\w+){0,6}?\W*\b(?:i (?:really |actually )?mean it|"
                         r"(?:i'?m |i am )?not (?:even )?(?:joking|kidding))\b")
_DEATH_WISH = re.compile(r"\b(?:kill|shoot|end) me\b|\bwant to die\b")


def _unless_taken_back(found: re.Match, blank: str) -> str:
    meant = _DEATH_WISH.search(found.group(0)) and _TAKEN_BACK.search(found.string[found.end():])
    return found.group(0) if meant else blank


def literal_text(lower: str) -> str:
    """The lower-case text with its figures of speech blanked out ("dyin to know" read as "dying to know")."""
    lower = _ONE_WORD.sub(lambda found: f"{found.group(1) or ''}eye{found.group(2) or found.group(3)}",
                          with_dropped_g_restored(lower))
    pattern = figures_pattern()
    if not pattern.search(lower):
        return lower
    for figure, reads in _readings():
        lower = figure.sub(reads, lower)
    return _SPACES.sub(" ", pattern.sub(lambda found: _unless_taken_back(found, " "), lower))
