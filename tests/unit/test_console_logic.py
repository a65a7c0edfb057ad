"""Console logic without a server: masking, login slow-down, summaries and filters."""

from __future__ import annotations

from datetime import date

from bot.console.accounts import add_user, authenticate, lock_seconds
from bot.console.conversations import Filters, mask, personal_values, summarize, transcript
from bot.console.insights import bar_chart

EVENTS = [
    {"event": "user", "text": "hi", "timestamp": 1_700_000_000, "input_channel": "rest",
     "parse_data": {"intent": {"name": "greet", "confidence": 0.9}, "entities": []}},
    {"event": "action", "name": "utter_greet"},
    {"event": "active_loop", "name": "appointment_form"},
    {"event": "user", "text": "Rosa Delgado", "timestamp": 1_700_000_010,
     "parse_data": {"intent": {"name": "affirm", "confidence": 0.2}, "entities": []}},
    {"event": "slot", "name": "full_name", "value": "Rosa Delgado"},
    {"event": "active_loop", "name": None},
    {"event": "user", "text": "blorp", "timestamp": 1_700_000_020,
     "parse_data": {"intent": {"name": "nlu_fallback", "confidence": 0.3}, "entities": []}},
    {"event": "action", "name": "action_fallback"},
    {"event": "slot", "name": "appointment_reference", "value": "HFS-ABCDEF"},
]


def test_mask_hides_contact_details_dates_and_form_answers() -> None:
    text = "I'm Rosa Delgado, call 555-867-5309 or rosa@example.org, born 03/04/1959"
    masked = mask(text, personal_values(EVENTS))
    assert "Rosa" not in masked and "867" not in masked and "@" not in masked and "1959" not in masked


def test_summary_flags_and_form_answers_do_not_count_as_low_confidence() -> None:
    summary = summarize("s1", EVENTS)
    assert summary.turns == 3 and summary.channel == "rest"
    assert summary.flags == {"fallback", "appointment"}
    assert summary.min_confidence == 0.3  # the form answer's 0.2 is not counted


def test_filters() -> None:
    summary = summarize("s1", EVENTS)
    assert Filters(flag="appointment").keep(summary)
    assert not Filters(flag="emergency").keep(summary)
    assert Filters(query="BLORP").keep(summary)
    assert not Filters(since=date(2030, 1, 1)).keep(summary)
    assert Filters(max_confidence=0.5).keep(summary) and not Filters(max_confidence=0.1).keep(summary)


def test_transcript_masks_for_reviewers_only() -> None:
    assert any("Rosa" in r["text"] for r in transcript(EVENTS, masked=False))
    assert not any("Rosa" in r["text"] for r in transcript(EVENTS, masked=True))


def test_failed_logins_lock_for_longer_each_time(db_url: str) -> None:
    assert [lock_seconds(n) for n in (1, 2, 3, 4, 5, 20)] == [0, 0, 2, 4, 8, 900]
    add_user("lou", "reviewer", "long enough password", db_url)
    assert authenticate("lou", "long enough password", db_url)[0] is not None
    assert authenticate("nobody", "x", db_url)[0] is None


def test_chart_escapes_labels() -> None:
    svg = bar_chart([("<b>mri</b>", 3)], "Top topics")
    assert "&lt;b&gt;" in svg and "<b>" not in svg and 'role="img"' in svg
