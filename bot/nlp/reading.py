"""One reading of a message: its text, lemmas and topic mentions, computed once.

Every decision (red flag, personal advice, coverage, question analysis) reads this value
instead of re-tokenising the text. ``as_reading`` lets those functions also take plain text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Tuple, Union

from bot.nlp.normalize import analyse, tokens_of
from bot.nlp.terms import Mention, default_matcher

MAX_CHARS = 2000


@dataclass(frozen=True)
class Reading:
    """A message as the decisions see it."""

    text: str
    lemmas: str
    words: Tuple[str, ...]
    raw_words: Tuple[str, ...]
    mentions: Tuple[Mention, ...]
    free_words: Tuple[str, ...]  # lemmas, with "_" for words inside a topic mention

    @property
    def lower(self) -> str:
        """The raw text, lower-cased (for patterns lemmas would blur, such as past tense)."""
        return self.text.lower()

    @cached_property
    def free_lemmas(self) -> str:
        """The lemma text outside topic mentions ("epilepsy pills" names a page topic)."""
        return " ".join(self.free_words)

    @property
    def topics(self) -> Tuple[str, ...]:
        """Distinct topic keys mentioned, in text order."""
        return tuple(dict.fromkeys(m.topic for m in self.mentions))


@lru_cache(maxsize=2048)
def read(text: str) -> Reading:
    """Read a message once (bounded to MAX_CHARS; cached, so repeated reads are free)."""
    text = (text or "")[:MAX_CHARS]
    doc = analyse(text)
    tokens = tokens_of(doc)
    words = tuple(t.lemma.lower() for t in tokens)
    mentions = tuple(default_matcher().mentions_in(doc)) if text.strip() else ()
    free = tuple(
        "_" if any(m.start <= t.start < m.end for m in mentions) else word
        for t, word in zip(tokens, words, strict=False)
    )
    return Reading(
        text=text, lemmas=" ".join(words), words=words,
        raw_words=tuple(t.text.lower() for t in tokens), mentions=mentions, free_words=free,
    )


Readable = Union[str, Reading]


def as_reading(message: Readable) -> Reading:
    """The reading of a message given as text or already read."""
    return message if isinstance(message, Reading) else read(message or "")
