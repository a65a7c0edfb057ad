"""Which page topic a message's own words point to, when it names none ("an AICA loop" -> MRI).

A word of the page's facts that belongs to only a few specific topics says which; report and
letter words are first mapped to the page's own (``page_words`` in coverage.yml).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Collection, Dict, FrozenSet, List, Optional, Tuple

from spacy.lang.en.stop_words import STOP_WORDS
from wordfreq import zipf_frequency

from bot.knowledge.coverage import coverage
from bot.knowledge.facts_file import Topic
from bot.knowledge.repository import knowledge
from bot.nlp.normalize import lemma_text
from bot.nlp.reading import Reading

GROUP_TOPICS = frozenset({"condition", "diagnosis", "treatment"})  # too broad to name beside a gap
# a word in more facts than this ("nerve") says nothing about which (a group's fact repeats its members')
MAX_TOPICS_OF_A_WORD = 4
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


def related_topics(
    reading: Reading, besides: str = "", among: Collection[str] = (), at_least: int = 1,
) -> Tuple[str, ...]:
    """The topic (of ``among``, if given) whose facts share most of the message's distinctive page words,
    if it shares ``at_least`` of them.

    Words inside topic mentions and in ``besides`` (the subject the page lacks) do not count.
    """
    distinctive = _distinctive_words()
    counts: Dict[str, int] = {}
    for word in coverage().as_page_words(reading) - set(lemma_text(besides).lower().split()):
        for key in distinctive.get(word, ()):
            if not among or key in among:
                counts[key] = counts.get(key, 0) + 1
    if not counts or max(counts.values()) < at_least:
        return ()
    order = [topic.key for topic in knowledge().topics]
    return (max(counts, key=lambda key: (counts[key], -order.index(key))),)


MAX_SHARED_ZIPF = 5.0  # "use", "have" and "get" share nothing; "dye", "scar" and "cut" do


@lru_cache(maxsize=256)
def _fact_words(answer: str) -> FrozenSet[str]:
    return frozenset(lemma_text(answer).lower().split())


def shared_fact(reading: Reading, topic: Topic, besides: str = "") -> Optional[str]:
    """The attribute of the topic's fact that shares a word with the message beyond the topic's
    name, its mentions and ``besides`` ("is the dye for the MRA safe with my kidneys?": the fact
    about its special dye); None when the page says nothing the question touches on."""
    named = " ".join(mention.text for mention in reading.mentions)  # "the microvascular operation" names surgery
    own = set(lemma_text(f"{topic.name} {besides} {named}").lower().split())
    words = {word for word in coverage().as_page_words(reading) if word.isalpha() and len(word) > 2
             and word not in STOP_WORDS and word not in own and zipf_frequency(word, "en") < MAX_SHARED_ZIPF}
    best = max(topic.facts, key=lambda fact: len(words & _fact_words(fact.answer)), default=None)
    return best.attributes[0] if best is not None and words & _fact_words(best.answer) else None
