"""Which page topic a message's own words point to, when it names none ("an AICA loop" -> MRI).

A word of the page's facts that belongs to only a few specific topics says which; report and
letter words are first mapped to the page's own (``page_words`` in coverage.yml).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Dict, List, Tuple

from spacy.lang.en.stop_words import STOP_WORDS
from wordfreq import zipf_frequency

from bot.knowledge.coverage import coverage
from bot.knowledge.repository import knowledge
from bot.nlp.normalize import lemma_text
from bot.nlp.reading import Reading

GROUP_TOPICS = frozenset({"condition", "diagnosis", "treatment"})  # too broad to name beside a gap
MAX_TOPICS_OF_A_WORD = 3  # a word in more facts than this ("nerve") says nothing about which
MAX_ZIPF = 4.6  # everyday words ("need", "show") say nothing either; "tumor", "dye", "vessel" do
_KEPT = {"side"}  # "one or both sides" is a page fact, however common the word


@lru_cache(maxsize=1)
def _distinctive_words() -> Dict[str, Tuple[str, ...]]:
    """Content words of the page's facts that belong to a few specific topics, in page order."""
    where: Dict[str, List[str]] = {}
    generic = coverage().generic_words
    for topic in knowledge().topics:
        if topic.key in GROUP_TOPICS:
            continue
        for fact in topic.facts:
            for word in lemma_text(fact.answer).lower().split():
                if word in _KEPT or (word.isalpha() and len(word) > 2 and word not in STOP_WORDS
                                     and word not in generic and zipf_frequency(word, "en") < MAX_ZIPF):
                    keys = where.setdefault(word, [])
                    if topic.key not in keys:
                        keys.append(topic.key)
    return {word: tuple(keys) for word, keys in where.items() if len(keys) <= MAX_TOPICS_OF_A_WORD}


def related_topics(reading: Reading, besides: str = "") -> Tuple[str, ...]:
    """The topic whose facts share most of the message's distinctive page words, if any.

    Words inside topic mentions and in ``besides`` (the subject the page lacks) do not count.
    """
    distinctive = _distinctive_words()
    counts: Dict[str, int] = {}
    for word in coverage().as_page_words(reading) - set(lemma_text(besides).lower().split()):
        for key in distinctive.get(word, ()):
            counts[key] = counts.get(key, 0) + 1
    if not counts:
        return ()
    order = [topic.key for topic in knowledge().topics]
    return (max(counts, key=lambda key: (counts[key], -order.index(key))),)
