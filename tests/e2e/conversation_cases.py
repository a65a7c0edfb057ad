"""Run YAML conversation cases (acceptance format) against a stack and judge the replies."""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any, Dict, List, Tuple

import yaml

from bot.ops.stack import Stack, reply_text


def load_cases(path: Path) -> List[Dict[str, Any]]:
    """The cases of a YAML file in the acceptance-examples format."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]


def judge(case: Dict[str, Any], text: str) -> List[str]:
    """Problems with the reply text; an empty list means the case passed."""
    problems = []
    if "expect" in case and not any(re.search(p, text) for p in case["expect"]):
        problems.append(f"none of {case['expect']}")
    for group in case.get("expect_all", []):
        if not any(re.search(p, text) for p in group):
            problems.append(f"none of {group}")
    problems += [f"forbidden {p}" for p in case.get("forbid", []) if re.search(p, text)]
    return problems


def run_case(stack: Stack, case: Dict[str, Any]) -> Tuple[str, List[str]]:
    """Send every turn with a fresh sender id; judge the replies to the last turn."""
    sender = f"{case['id']}-{uuid.uuid4().hex[:8]}"
    messages: List[Dict[str, Any]] = []
    for turn in case["turns"]:
        messages = stack.say(sender, turn)
    text = reply_text(messages)
    return text, judge(case, text)
