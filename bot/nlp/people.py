"""Words for the people a patient writes about: family, carers' residents, the patient themselves.

One list, read by the personal-advice shapes ("can nan stop her tablets?") and by the coverage
model, for which a relative is never the subject of a question ("our page doesn't mention grandad").
"""

from __future__ import annotations

KIN_WORDS = (
    "mother", "mum", "mom", "mam", "mummy", "mommy", "father", "dad", "daddy", "husband", "hubby", "wife",
    "missus", "partner", "son", "daughter", "sister", "brother", "grandmother", "grandfather", "gran",
    "granny", "grannie", "nan", "nana", "nanna", "grandma", "grandpa", "grandad", "granddad", "gramps",
    "grampa", "grandson", "granddaughter", "grandkid", "grandchild", "aunt", "auntie", "aunty", "uncle", "niece",
    "nephew", "cousin", "friend", "kid", "child", "teen", "teenager", "boy", "girl", "baby", "toddler", "resident",
    "client", "service user", "patient", "customer", "fiance", "fiancee", "stepmum", "stepdad", "stepmom",
)
# As a regular-expression alternation over lemmas, longest first; callers add their own word bounds.
KIN = "(?:" + "|".join(sorted(KIN_WORDS, key=len, reverse=True)) + r")"
