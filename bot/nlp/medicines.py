"""One vocabulary of medicines, shared by the personal-advice, crisis and coverage checks.

Drug and brand names, and the word endings that mark unlisted drug names, come from the drug
classes of ``bot/data/coverage.yml``; the patients' own words for a medicine are listed here.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Dict, Iterable, List, Tuple

import yaml

from bot.settings import DATA_DIR

DRUG_CLASSES = ("toxin_brand", "drug", "other_drug")
# What patients call anything they take (lemmas; "meds" stays "med" or "meds").
LAY_WORDS = (
    "medicine", "medication", "med", "meds", "pill", "tablet", "tab", "capsule", "dose", "drug", "prescription",
    "script", "relaxant", "relaxer", "antiseizure", "anticonvulsant", "botox", "injection", "shot", "jab",
    "treatment", "bow talk", "bo tox", "blood thinner", "thinner", "warfarin", "eliquis", "apixaban",
    "rivaroxaban", "clopidogrel",
)


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _drug_classes() -> Tuple[Dict[str, Any], ...]:
    data = yaml.safe_load((DATA_DIR / "coverage.yml").read_text(encoding="utf-8"))["classes"]
    return tuple(data[name] for name in DRUG_CLASSES)


def drug_names() -> List[str]:
    """Every drug and brand name of the drug classes, lower-cased."""
    return [str(term).lower() for drug_class in _drug_classes() for term in drug_class.get("terms", [])]


@lru_cache(maxsize=1)
def medicine_pattern() -> str:
    """A regular expression (no groups) for any medicine a patient may name, over lemma text."""
    names = list(LAY_WORDS) + drug_names()
    suffixes = [str(s) for drug_class in _drug_classes() for s in drug_class.get("suffixes", [])]
    return rf"(?:\w{{3,}}(?:{_alternatives(suffixes)})\b|(?:{_alternatives(names)})s?\b)"
