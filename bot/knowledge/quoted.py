"""A page phrase quoted back by the patient ("what does 'block nerve signals' mean?") names its topic."""

from __future__ import annotations

import re
from typing import Optional, Tuple

from bot.knowledge.page_words import GROUP_TOPICS
from bot.knowledge.repository import knowledge

# Double or curly quotes; single quotes only around words, so "don't ... it's" is no quotation.
_QUOTED = re.compile(r"[\"“”]([^\"“”]{3,80})[\"“”]|(?:^|(?<=\s))['‘’]([^'‘’]{3,80})['‘’](?=[\s?.,!:;—-]|$)")


def quoted_fact(text: str) -> Optional[Tuple[str, str]]:
    """The topic and attribute of the page sentence a quoted phrase comes from, if any.

    The sentence itself wins over summaries that repeat it (fewest page quotes, then the shortest
    answer), a named topic over its group, and a later section over an earlier one.
    """
    topics = knowledge().topics
    for match in _QUOTED.finditer(text):
        phrase = " ".join((match.group(1) or match.group(2)).lower().split())
        if len(re.split(r"[\s-]+", phrase)) < 2:
            continue  # one word ("early", "mild") is in too many sentences to name one
        holders = [(len(fact.quotes), len(fact.answer), topic.key in GROUP_TOPICS, -topic.position, topic.key,
                    fact.attributes[0])
                   for topic in topics for fact in topic.facts if phrase in " ".join(fact.answer.lower().split())]
        if holders:
            best = min(holders)
            return best[4], best[5]
    return None
