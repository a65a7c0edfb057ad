"""Conversation export as CSV or JSONL: generated conversation by conversation, and capped."""

from __future__ import annotations

import csv
import io
import json
import os
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence

from bot.console.conversations import Summary, events_in_order, transcript

FIELDS = ["conversation", "at", "speaker", "text", "intent", "confidence", "flags"]
MEDIA_TYPES = {"csv": "text/csv", "jsonl": "application/x-ndjson"}
DEFAULT_LIMIT = 5000
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what spreadsheets may run as a formula


def limit() -> int:
    """HFS_EXPORT_MAX_CONVERSATIONS (default 5000): the most conversations one export holds."""
    try:
        value = int(os.environ.get("HFS_EXPORT_MAX_CONVERSATIONS", DEFAULT_LIMIT))
    except ValueError:
        return DEFAULT_LIMIT
    return value if value > 0 else DEFAULT_LIMIT


def rows(summary: Summary, events: List[Dict[str, Any]], full: bool) -> List[Dict[str, Any]]:
    """The patient's and the assistant's messages of one conversation (masked unless ``full``)."""
    flags = " ".join(sorted(summary.flags))
    return [{"conversation": summary.sender_id, "at": row["at"].isoformat() if row["at"] else "",
             "speaker": "patient" if row["kind"] == "user" else "assistant", "text": row["text"],
             "intent": row.get("intent") or "", "confidence": row.get("confidence") or "", "flags": flags}
            for row in transcript(events, masked=not full) if row["kind"] in ("user", "bot")]


def neutralise(value: Any) -> Any:
    """A cell value a spreadsheet will show as text, never run as a formula."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def _csv(per_conversation: Iterable[List[Dict[str, Any]]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS)
    writer.writeheader()
    yield _drain(buffer)
    for conversation in per_conversation:
        writer.writerows({key: neutralise(value) for key, value in row.items()} for row in conversation)
        yield _drain(buffer)


def _jsonl(per_conversation: Iterable[List[Dict[str, Any]]]) -> Iterator[str]:
    for conversation in per_conversation:
        yield "".join(json.dumps(row) + "\n" for row in conversation)


def chunks(items: Sequence[Summary], fmt: str, full: bool, url: Optional[str] = None) -> Iterator[str]:
    """The export file in ``fmt`` (csv or jsonl): one chunk per conversation, events read as they are needed."""
    loaded = events_in_order([item.sender_id for item in items], url)
    per_conversation = (rows(item, events, full) for item, (_, events) in zip(items, loaded, strict=True))
    encoded = _csv(per_conversation) if fmt == "csv" else _jsonl(per_conversation)
    return (chunk for chunk in encoded if chunk)
