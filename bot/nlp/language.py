"""Which language a message is in, from word frequencies (wordfreq's bundled lists, offline).

Each word votes with how common it is in each language; a message is non-English only
when another language clearly outweighs English, so one borrowed word ("hola", "botox")
never switches language.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Dict, Tuple

from wordfreq import tokenize, zipf_frequency

ENGLISH = "en"
SPANISH = "es"
CANDIDATES: Tuple[str, ...] = (ENGLISH, SPANISH, "fr", "pt", "it", "de")
MIN_MARGIN = 5.0  # summed zipf points by which another language must lead
MIN_RATIO = 1.3


@lru_cache(maxsize=4096)
def detect_language(text: str) -> str:
    """ISO code of the message's language: 'en' unless another clearly dominates."""
    words = [w for w in tokenize((text or "")[:500], ENGLISH) if w.isalpha()]
    if len(words) < 2:
        return ENGLISH
    scores: Dict[str, float] = {
        lang: sum(zipf_frequency(w, lang, wordlist="small") for w in words) for lang in CANDIDATES
    }
    best = max(CANDIDATES[1:], key=scores.__getitem__)
    english = scores[ENGLISH]
    if scores[best] - english >= MIN_MARGIN and scores[best] >= MIN_RATIO * english:
        return best
    return ENGLISH
