"""Figures for the insights page, and small server-rendered SVG bar charts."""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Dict, List, Optional, Sequence, Tuple

from bot.console.conversations import LOW_CONFIDENCE, load_events, personal_values

UNCOVERED_MARK = "doesn't cover"


@dataclass
class Insights:
    """What patients ask and how the assistant copes."""

    per_day: List[Tuple[str, int]] = field(default_factory=list)
    topics: List[Tuple[str, int]] = field(default_factory=list)
    messages: int = 0
    fallbacks: int = 0
    red_flags: int = 0
    handoffs: int = 0
    conversations: int = 0
    with_appointment: int = 0
    unanswered: List[Dict[str, object]] = field(default_factory=list)

    @property
    def fallback_rate(self) -> float:
        """Share of patient messages the assistant was unsure about."""
        return self.fallbacks / self.messages if self.messages else 0.0

    @property
    def appointment_share(self) -> float:
        """Share of conversations that became appointment requests."""
        return self.with_appointment / self.conversations if self.conversations else 0.0


def compute(url: Optional[str] = None) -> Insights:
    """Scan every conversation once."""
    result = Insights()
    days: Counter = Counter()
    topics: Counter = Counter()
    for sender, events in load_events(url).items():
        had_user, appointment, in_form = False, False, False
        secrets = sorted(personal_values(events))
        for i, e in enumerate(events):
            kind = e.get("event")
            if kind == "active_loop":
                in_form = bool(e.get("name"))
            if kind == "user":
                had_user = True
                result.messages += 1
                when = datetime.fromtimestamp(e.get("timestamp") or 0, tz=timezone.utc)
                days[when.strftime("%Y-%m-%d")] += 1
                parse = e.get("parse_data") or {}
                intent = parse.get("intent") or {}
                topics.update(x.get("value") for x in parse.get("entities") or [] if x.get("entity") == "topic")
                confidence = intent.get("confidence")
                reply = _next_bot_text(events, i)
                unsure = intent.get("name") == "nlu_fallback" or (
                    isinstance(confidence, (int, float)) and confidence < LOW_CONFIDENCE)
                if unsure and not in_form:
                    result.fallbacks += 1
                if (unsure or UNCOVERED_MARK in reply.lower()) and not in_form:  # form answers are not questions
                    result.unanswered.append({"sender_id": sender, "text": e.get("text") or "",
                                              "intent": intent.get("name"), "confidence": confidence,
                                              "reply": reply[:120], "secrets": secrets})
                if intent.get("name") == "red_flag":
                    result.red_flags += 1
            elif kind == "action" and e.get("name") == "action_human_handoff":
                result.handoffs += 1
            elif kind == "slot" and e.get("name") == "appointment_reference" and e.get("value"):
                appointment = True
        result.conversations += int(had_user)
        result.with_appointment += int(appointment)
    result.per_day = sorted(days.items())[-30:]
    result.topics = topics.most_common(10)
    return result


def _next_bot_text(events: Sequence[Dict[str, object]], index: int) -> str:
    for e in events[index + 1:]:
        if e.get("event") == "user":
            break
        if e.get("event") == "bot":
            return str(e.get("text") or "")
    return ""


def bar_chart(data: Sequence[Tuple[str, int]], title: str, width: int = 640, bar_height: int = 22) -> str:
    """A horizontal bar chart as inline SVG, with a text alternative."""
    if not data:
        return f'<p class="empty">No data yet for {html.escape(title.lower())}.</p>'
    top = max(v for _, v in data) or 1
    label_w, height = 150, bar_height * len(data) + 10
    rows = []
    for i, (label, value) in enumerate(data):
        y = i * bar_height + 5
        w = int((width - label_w - 60) * value / top)
        rows.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{html.escape(str(label))}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{max(w, 1)}" height="{bar_height - 6}"></rect>'
            f'<text x="{label_w + w + 6}" y="{y + 15}">{value}</text>')
    summary = "; ".join(f"{label}: {value}" for label, value in data)
    return (f'<figure><figcaption>{html.escape(title)}</figcaption>'
            f'<svg class="chart" role="img" aria-label="{html.escape(title)}: {html.escape(summary)}" '
            f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">{"".join(rows)}</svg></figure>')
