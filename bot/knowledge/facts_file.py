"""Parse the curated facts YAML into plain dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml

ATTRIBUTES: Tuple[str, ...] = (
    "what",
    "shows",
    "how_it_works",
    "when_used",
    "frequency",
    "effectiveness",
    "procedure",
    "limits",
)


@dataclass(frozen=True)
class Fact:
    """One answer in the page's wording, with the verbatim sentences it rests on."""

    topic: str
    position: int
    attributes: Tuple[str, ...]
    answer: str
    quotes: Tuple[str, ...]


@dataclass(frozen=True)
class Topic:
    """A test, treatment or step of the page, with its facts in page order."""

    key: str
    name: str
    kind: str
    section: str
    position: int
    label: Optional[str] = None
    parent: Optional[str] = None
    facts: Tuple[Fact, ...] = field(default_factory=tuple)

    def fact_for(self, attribute: str) -> Optional[Fact]:
        """The first fact covering ``attribute``; the topic's first fact otherwise."""
        for fact in self.facts:
            if attribute in fact.attributes:
                return fact
        return self.facts[0] if self.facts else None

    def states(self, attribute: str) -> bool:
        """Whether one of the topic's facts states ``attribute`` outright (its first attribute)."""
        return any(fact.attributes[:1] == (attribute,) for fact in self.facts)

    @property
    def phrase(self) -> str:
        """The topic's name inside a sentence ("oral medicines", "Botox injections", "MRI")."""
        first = self.name.split()[0]
        return self.name if first.isupper() or first == "Botox" else self.name[0].lower() + self.name[1:]


@dataclass(frozen=True)
class FactsFile:
    """The whole curated file: topics in page order and the page's headings."""

    source: str
    headings: Tuple[str, ...]
    topics: Tuple[Topic, ...]

    def by_key(self) -> Dict[str, Topic]:
        """Topics indexed by key."""
        return {topic.key: topic for topic in self.topics}


def _clean(text: str) -> str:
    return " ".join(str(text).split())


def parse_facts(path: Path) -> FactsFile:
    """Read and validate the facts file; raise ValueError on a malformed entry."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    topics: List[Topic] = []
    for t_pos, entry in enumerate(raw["topics"]):
        key = entry["key"]
        facts = []
        for f_pos, fact in enumerate(entry.get("facts", [])):
            attributes = tuple(fact["attributes"])
            unknown = set(attributes) - set(ATTRIBUTES)
            if unknown:
                raise ValueError(f"{key}: unknown attributes {sorted(unknown)}")
            if not fact.get("quotes"):
                raise ValueError(f"{key}: fact {f_pos} has no quote")
            facts.append(
                Fact(
                    topic=key,
                    position=f_pos,
                    attributes=attributes,
                    answer=_clean(fact["answer"]),
                    quotes=tuple(_clean(q) for q in fact["quotes"]),
                )
            )
        topics.append(
            Topic(
                key=key,
                name=entry["name"],
                kind=entry["kind"],
                section=entry["section"],
                position=t_pos,
                label=entry.get("label"),
                parent=entry.get("parent"),
                facts=tuple(facts),
            )
        )
    return FactsFile(
        source=raw["source"], headings=tuple(raw["headings"]), topics=tuple(topics)
    )
