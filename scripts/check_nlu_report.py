"""Fail when intent accuracy on the held-out NLU data falls below the floor; print the scores."""

from __future__ import annotations

import json
import sys
from pathlib import Path

FLOOR = 0.85


def main(results: str) -> int:
    """Read rasa test nlu's intent report and compare it to the floor."""
    report = json.loads((Path(results) / "intent_report.json").read_text(encoding="utf-8"))
    accuracy = report["accuracy"]
    weighted = report["weighted avg"]["f1-score"]
    print(f"Held-out NLU data: intent accuracy {accuracy:.3f}, weighted F1 {weighted:.3f} (floor {FLOOR})")
    errors_path = Path(results) / "intent_errors.json"
    if errors_path.exists():
        for error in json.loads(errors_path.read_text(encoding="utf-8")):
            print(f"  {error['text']!r}: {error['intent']} -> {error['intent_prediction']['name']}")
    return 0 if accuracy >= FLOOR else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "results/nlu"))
