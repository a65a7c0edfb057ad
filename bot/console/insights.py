"""Figures for the insights page (summed in SQL over the conversation summaries), and SVG bar charts."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple

from sqlalchemy import Integer, case, func, select

from bot.console.conversations import load_events, personal_values, prepare
from bot.storage import get_engine
from bot.storage.digest import LOW_CONFIDENCE, UNCOVERED_MARK, is_unsure
from bot.storage.summaries import DAYS, SUMMARY, TOPICS

__all__ = ["LOW_CONFIDENCE", "UNCOVERED_MARK", "Insights", "bar_chart", "compute", "unanswered_in"]
DAYS_SHOWN = 30
TOPICS_SHOWN = 10
UNANSWERED_SHOWN = 50


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
    unanswered: List[Dict[str, object]] = field(default_factory=list)  # the latest UNANSWERED_SHOWN, oldest first
    unanswered_total: int = 0

    @property
    def fallback_rate(self) -> float:
        """Share of patient messages the assistant was unsure about."""
        return self.fallbacks / self.messages if self.messages else 0.0

    @property
    def appointment_share(self) -> float:
        """Share of conversations that became appointment requests."""
        return self.with_appointment / self.conversations if self.conversations else 0.0


def _sum(column: Any) -> Any:
    return func.coalesce(func.sum(column), 0)


def compute(url: Optional[str] = None) -> Insights:
    """Totals, messages per day and top topics summed in SQL; the latest unanswered questions."""
    prepare(url)
    result = Insights()
    c = SUMMARY.c
    totals = select(_sum(c.turns), _sum(c.fallbacks), _sum(c.red_flags), _sum(c.handoffs),
                    _sum(case((c.turns > 0, 1), else_=0)), _sum(c.appointment.cast(Integer)), _sum(c.unanswered))
    per_day = (select(DAYS.c.day, func.sum(DAYS.c.messages)).group_by(DAYS.c.day)
               .order_by(DAYS.c.day.desc()).limit(DAYS_SHOWN))
    mentions = func.sum(TOPICS.c.mentions)
    topics = (select(TOPICS.c.topic, mentions).group_by(TOPICS.c.topic)
              .order_by(mentions.desc(), TOPICS.c.topic).limit(TOPICS_SHOWN))
    with get_engine(url).connect() as conn:
        (result.messages, result.fallbacks, result.red_flags, result.handoffs, result.conversations,
         result.with_appointment, result.unanswered_total) = (int(v) for v in conn.execute(totals).one())
        result.per_day = [(day, int(n)) for day, n in conn.execute(per_day)][::-1]
        result.topics = [(topic, int(n)) for topic, n in conn.execute(topics)]
        latest, counted = [], 0
        query = (select(c.sender_id, c.unanswered).where(c.unanswered > 0)
                 .order_by(c.first_event_id.desc()).execution_options(yield_per=100))
        for sender, count in conn.execute(query):
            latest.append(sender)
            counted += count
            if counted >= UNANSWERED_SHOWN:
                break
    events = load_events(url, senders=latest) if latest else {}
    for sender in reversed(latest):
        result.unanswered.extend(unanswered_in(sender, events.get(sender, [])))
    result.unanswered = result.unanswered[-UNANSWERED_SHOWN:]
    return result


def unanswered_in(sender: str, events: Sequence[Dict[str, Any]]) -> List[Dict[str, object]]:
    """Patient questions outside the form that NLU was unsure of or the reply did not cover."""
    found: List[Dict[str, object]] = []
    secrets = sorted(personal_values(events))
    in_form = False
    for i, e in enumerate(events):
        kind = e.get("event")
        if kind == "active_loop":
            in_form = bool(e.get("name"))
        if kind != "user" or in_form:  # form answers are not questions
            continue
        intent = (e.get("parse_data") or {}).get("intent") or {}
        reply = _next_bot_text(events, i)
        if is_unsure(intent) or UNCOVERED_MARK in reply.lower():
            found.append({"sender_id": sender, "text": e.get("text") or "", "intent": intent.get("name"),
                          "confidence": intent.get("confidence"), "reply": reply[:120], "secrets": secrets})
    return found


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
