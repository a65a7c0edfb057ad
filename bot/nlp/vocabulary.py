"""The words the assistant knows: the page's own, its topics', and common English.

- the page, its facts file and topic terms: what the page can talk about;
- the NLU examples of on-page intents: how patients ask about it;
- common English (wordfreq's small list, offline): ordinary words, to tell a rare name
  ("myasthenia") from a misspelling ("becuase").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import FrozenSet, Iterable

import yaml
from wordfreq import top_n_list

from bot.nlp.normalize import lemma_text
from bot.settings import DATA_DIR

PAGE_PATH = DATA_DIR / "hemifacial-spasm.txt"
# Intents whose examples are about the page or the visit; out-of-scope, chit-chat, uncovered
# and personal-advice examples are not, and form answers are personal details.
ON_PAGE_INTENTS = {
    "ask_question", "ask_list_tests", "ask_list_treatments", "request_appointment",
    "greet", "goodbye", "thank", "affirm", "deny", "bot_challenge", "human_handoff", "stop",
}
COMMON_WORDS = 25000
_ANNOTATION = re.compile(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\{[^}]*\}")


@dataclass(frozen=True)
class PageVocabulary:
    """The page's lemma text and every word (raw and lemma) the assistant's data uses."""

    page_lemmas: str
    words: FrozenSet[str]


def _words_of(texts: Iterable[str]) -> set:
    words: set = set()
    for text in texts:
        lemmas = lemma_text(text).lower().split()
        words.update(lemmas)
        words.update(re.findall(r"[a-z']+", text.lower()))
    return words


def _nlu_examples() -> Iterable[str]:
    for path in sorted((DATA_DIR / "nlu").glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            if block.get("intent") in ON_PAGE_INTENTS:
                for line in str(block.get("examples", "")).splitlines():
                    yield _ANNOTATION.sub(lambda m: m.group(1) or m.group(2) or "", line.lstrip("- "))


def _topic_texts() -> Iterable[str]:
    terms = yaml.safe_load((DATA_DIR / "topic_terms.yml").read_text(encoding="utf-8"))["topics"]
    for spec in terms.values():
        yield from (str(t) for t in spec["terms"])
    yield (DATA_DIR / "facts.yml").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def page_vocabulary() -> PageVocabulary:
    """Built once per process from the project's data files."""
    page = PAGE_PATH.read_text(encoding="utf-8")
    words = _words_of([page, *_topic_texts(), *_nlu_examples()])
    return PageVocabulary(lemma_text(page).lower(), frozenset(words))


@lru_cache(maxsize=1)
def common_words() -> FrozenSet[str]:
    """The most frequent English words (wordfreq's bundled list; nothing is downloaded)."""
    return frozenset(w for w in top_n_list("en", COMMON_WORDS, wordlist="small") if w.isalpha())
