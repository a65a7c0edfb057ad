"""Figures of speech, removed before a message's literal words are read.

"This twitch is killing me" is no crisis and "dead tired" no emergency; "a real pain in the
neck" names no body part. One list (``bot/data/figures_of_speech.yml``) serves the red-flag
net and the page's gaps alike.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Pattern

import yaml

from bot.settings import DATA_DIR

FIGURES_PATH = DATA_DIR / "figures_of_speech.yml"


@lru_cache(maxsize=1)
def figures_pattern() -> Pattern[str]:
    """Every figure of speech as one pattern over lower-case text."""
    figures = yaml.safe_load(FIGURES_PATH.read_text(encoding="utf-8"))["figures"]
    return re.compile("|".join(f"(?:{figure})" for figure in figures))


def literal_text(lower: str) -> str:
    """The lower-case text with its figures of speech blanked out."""
    pattern = figures_pattern()
    return pattern.sub(" ", lower) if pattern.search(lower) else lower
