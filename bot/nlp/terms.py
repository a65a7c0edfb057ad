"""Find knowledge topics in a message with a spaCy PhraseMatcher over lemmas."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from bot.nlp.normalize import analyse, pipeline
from bot.settings import DATA_DIR

TERMS_PATH = DATA_DIR / "topic_terms.yml"


@dataclass(frozen=True)
class Mention:
    """One topic mention: the canonical topic key and where it stands in the text."""

    topic: str
    text: str
    start: int
    end: int
    specificity: int


class TopicMatcher:
    """Matches topic terms (synonyms, lay words, misspellings) on token lemmas."""

    def __init__(self, terms: Dict[str, List[str]], specificity: Dict[str, int]) -> None:
        self.specificity = specificity
        nlp = pipeline()
        self._matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
        # Labels by hash, so a document from a rebuilt pipeline is labelled without its vocabulary.
        self._labels = {nlp.vocab.strings.add(topic): topic for topic in terms}
        for topic, phrases in terms.items():
            self._matcher.add(topic, [analyse(phrase) for phrase in phrases])

    @classmethod
    def from_file(cls, path: Path = TERMS_PATH) -> TopicMatcher:
        """Build the matcher from the YAML terms file."""
        data = yaml.safe_load(path.read_text(encoding="utf-8"))["topics"]
        terms = {key: [str(t) for t in value["terms"]] for key, value in data.items()}
        specificity = {key: int(value["specificity"]) for key, value in data.items()}
        return cls(terms, specificity)

    def mentions(self, text: str) -> List[Mention]:
        """Longest non-overlapping topic mentions, in text order (cached per text)."""
        return list(self._cached_mentions(text))

    @lru_cache(maxsize=4096)  # noqa: B019 - one matcher per process, built once
    def _cached_mentions(self, text: str) -> Tuple[Mention, ...]:
        return tuple(self._find(text))

    def _find(self, text: str) -> List[Mention]:
        return self.mentions_in(analyse(text))

    def mentions_in(self, doc: Doc) -> List[Mention]:
        """Longest non-overlapping topic mentions in an analysed text, in text order."""
        matches = self._matcher(doc)
        spans = [doc[start:end] for _, start, end in matches]
        labels = {(s.start, s.end): [] for s in spans}
        for match_id, start, end in matches:
            labels[(start, end)].append(self._labels[match_id])
        result = []
        for span in sorted(filter_spans(spans), key=lambda s: s.start):
            # A phrase listed under two topics goes to the more specific one.
            topic = max(labels[(span.start, span.end)], key=lambda k: self.specificity[k])
            result.append(
                Mention(topic, span.text, span.start_char, span.end_char, self.specificity[topic])
            )
        return result

    def topics(self, text: str) -> List[str]:
        """Distinct topic keys mentioned, in text order."""
        seen: List[str] = []
        for mention in self.mentions(text):
            if mention.topic not in seen:
                seen.append(mention.topic)
        return seen


def default_matcher() -> TopicMatcher:
    """The project's topic matcher, built once per pipeline (see ``bot.nlp.normalize.pipeline``)."""
    return _matcher_for(pipeline())


@lru_cache(maxsize=1)
def _matcher_for(nlp: Language) -> TopicMatcher:
    return TopicMatcher.from_file()


def find_topics(text: str, matcher: Optional[TopicMatcher] = None) -> List[str]:
    """Topic keys in ``text`` using the default matcher."""
    return (matcher or default_matcher()).topics(text)
