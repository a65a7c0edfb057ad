"""Words for the people a patient writes about: family, carers' residents, the patient themselves.

One list, read by the personal-advice shapes ("can nan stop her tablets?"), by the coverage model, for
which a relative is never the subject of a question ("our page doesn't mention grandad"), and, as
``FAMILY``, by the checks that tell a report about someone close ("my wife's speech is slurred") or
their past ("my cousin had Bell's palsy") from a general question ("can a patient's speech slur?").
"""

from __future__ import annotations

from typing import Tuple

# Relatives and friends: always someone particular.
FAMILY_WORDS = (
    "mother", "mum", "mom", "mam", "mummy", "mommy", "father", "dad", "daddy", "husband", "hubby", "wife",
    "missus", "partner", "son", "daughter", "sister", "brother", "grandmother", "grandfather", "gran",
    "granny", "grannie", "nan", "nana", "nanna", "grandma", "grandpa", "grandad", "granddad", "gramps",
    "grampa", "grandson", "granddaughter", "grandkid", "grandchild", "aunt", "auntie", "aunty", "uncle", "niece",
    "nephew", "cousin", "friend", "fiance", "fiancee", "stepmum", "stepdad", "stepmom",
)
# Those a carer or parent writes about, who may also be anyone in general ("can a child get it?").
CARED_FOR_WORDS = ("kid", "child", "teen", "teenager", "boy", "girl", "baby", "toddler", "resident", "client",
                   "service user", "patient", "customer")
KIN_WORDS = FAMILY_WORDS + CARED_FOR_WORDS


def _alternation(words: Tuple[str, ...]) -> str:
    """A regular-expression alternation over lemmas, longest first; callers add their own word bounds."""
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")"


KIN = _alternation(KIN_WORDS)
FAMILY = _alternation(FAMILY_WORDS)
