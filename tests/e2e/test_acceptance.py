"""The acceptance examples and our own held-out paraphrases, over the REST channel."""

from __future__ import annotations

import pytest

from bot.ops.stack import Stack
from tests.conftest import TEST_DATA
from tests.e2e.conversation_cases import load_cases, run_case

ACCEPTANCE = load_cases(TEST_DATA / "acceptance_examples.yml")
PARAPHRASES = load_cases(TEST_DATA / "paraphrases.yml")


@pytest.mark.parametrize("case", ACCEPTANCE, ids=[c["id"] for c in ACCEPTANCE])
def test_acceptance_example(stack: Stack, case: dict) -> None:
    text, problems = run_case(stack, case)
    assert problems == [], f"{case['turns']} -> {text!r}"


def test_held_out_paraphrases_are_answered_with_the_right_fact(stack: Stack) -> None:
    failures = []
    for case in PARAPHRASES:
        text, problems = run_case(stack, case)
        if problems:
            failures.append(f"{case['id']} {case['turns']} -> {text[:160]!r}: {problems}")
    rate = 1 - len(failures) / len(PARAPHRASES)
    print(f"paraphrases answered correctly: {rate:.1%} of {len(PARAPHRASES)}")
    assert rate >= 0.95, "\n".join(failures)
