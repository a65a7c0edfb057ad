"""Medicine names heard by a phone's dictation and typed as several words.

Speech-to-text splits a drug name it does not know into common words: "tag ret all" (Tegretol),
"gabba pentane" (gabapentin), "clone as a pam" (clonazepam). Two to four words whose sounds spell a
listed drug's consonants, in order, read as that drug. The name is padded to the words' length so
character offsets keep.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, List

from bot.nlp.medicines import drug_names

_MIN_NAME = 7  # shorter names sound like ordinary words
_MIN_SKELETON = 5
_WORD = re.compile(r"[a-zA-Z]+")
_MAX_PIECE = 8
_CONSONANT = re.compile(r"[^aeiouyAEIOUY]")
_SOUNDS = (("ph", "f"), ("ch", "c"), ("z", "s"), ("k", "c"), ("q", "c"), ("x", "cs"))


def skeleton(word: str) -> str:
    """A word's consonants as heard: the first letter, then consonants, sounds merged, doubles once."""
    lower = word.lower()
    for written, heard in _SOUNDS:
        lower = lower.replace(written, heard)
    letters = lower[0] + re.sub(r"[aeiouy]", "", lower[1:])
    return re.sub(r"(.)\1+", r"\1", letters)


@lru_cache(maxsize=1)
def _names_by_sound() -> Dict[str, str]:
    return {skeleton(name): name for name in drug_names()
            if name.isalpha() and len(name) >= _MIN_NAME and len(skeleton(name)) >= _MIN_SKELETON}


def join_dictated_names(text: str) -> str:
    """The text with dictated drug names read as one word each ("car bama zap in" -> "carbamazepine")."""
    words = list(_WORD.finditer(text))
    sounds = _names_by_sound()
    pieces: List[str] = []
    last_end, i = 0, 0
    while i < len(words):
        found = None
        for count in (2, 3, 4):  # the fewest words that sound it
            run = words[i:i + count]
            if len(run) < count or any(text[a.end():b.start()] != " " for a, b in zip(run, run[1:], strict=False)) \
                    or any(len(w.group(0)) > _MAX_PIECE for w in run) or not _CONSONANT.search(run[-1].group(0)):
                continue  # pieces are short words, and the last one sounds ("carbamazepine a" is no new name)
            joined = "".join(w.group(0) for w in run)
            name = sounds.get(skeleton(joined))
            span = run[-1].end() - run[0].start()
            if name and len(name) <= span and 0.7 * len(name) <= len(joined) <= 1.5 * len(name):
                found = (run, name)
                break
        if found:
            run, name = found
            pieces += [text[last_end:run[0].start()], name.ljust(run[-1].end() - run[0].start())]
            last_end = run[-1].end()
            i += len(run)
        else:
            i += 1
    return "".join(pieces) + text[last_end:]
