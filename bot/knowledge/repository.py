"""Load the facts into SQL and read them back; the only module that touches kb_* tables."""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Dict, List, Optional

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.knowledge.facts_file import Fact, FactsFile, Topic, parse_facts
from bot.knowledge.models import FactRow, MetaRow, QuoteRow, TopicRow
from bot.settings import get_settings
from bot.storage import session_scope
from bot.storage.migrate import ensure_schema

CACHE_SECONDS = 60.0


@dataclass(frozen=True)
class LoadResult:
    """What a load did: whether rows changed and how many there are."""

    changed: bool
    topics: int
    facts: int
    quotes: int
    digest: str


def create_tables(url: Optional[str] = None) -> None:
    """Bring the database to the latest migration (the knowledge tables are part of it)."""
    ensure_schema(url)


def load_facts(path: Optional[Path] = None, url: Optional[str] = None) -> LoadResult:
    """Write the facts file into the database; loading the same file twice changes nothing."""
    path = path or get_settings().facts_path
    content = path.read_bytes()
    digest = hashlib.sha256(content).hexdigest()
    facts = parse_facts(path)
    create_tables(url)
    with session_scope(url) as session:
        current = session.get(MetaRow, "facts_digest")
        if current is not None and current.value == digest:
            counts = _counts(session)
            return LoadResult(False, *counts, digest)
        for table in (QuoteRow, FactRow, TopicRow):
            session.execute(delete(table))
        for topic in facts.topics:
            session.add(
                TopicRow(
                    key=topic.key, name=topic.name, kind=topic.kind, section=topic.section,
                    label=topic.label, parent=topic.parent, position=topic.position,
                )
            )
        session.flush()
        for topic in facts.topics:
            for fact in topic.facts:
                fact_id = f"{topic.key}:{fact.position}"
                session.add(
                    FactRow(
                        id=fact_id, topic_key=topic.key, position=fact.position,
                        attributes=" ".join(fact.attributes), answer=fact.answer,
                    )
                )
                session.flush()
                for q_pos, quote in enumerate(fact.quotes):
                    session.add(QuoteRow(fact_id=fact_id, position=q_pos, text=quote))
        now = datetime.now(timezone.utc)
        session.merge(MetaRow(name="facts_digest", value=digest, updated_at=now))
        session.merge(MetaRow(name="headings", value="\n".join(facts.headings), updated_at=now))
        session.merge(MetaRow(name="source", value=facts.source, updated_at=now))
        session.flush()
        counts = _counts(session)
    invalidate_cache()
    return LoadResult(True, *counts, digest)


def _counts(session: Session) -> tuple:
    return tuple(
        session.execute(select(func.count()).select_from(table)).scalar_one()
        for table in (TopicRow, FactRow, QuoteRow)
    )


def read_knowledge(url: Optional[str] = None) -> FactsFile:
    """Read every topic, fact and quote from the database, in page order."""
    with session_scope(url) as session:
        topic_rows = session.execute(select(TopicRow).order_by(TopicRow.position)).scalars().all()
        fact_rows = session.execute(
            select(FactRow).order_by(FactRow.topic_key, FactRow.position)
        ).scalars().all()
        quote_rows = session.execute(
            select(QuoteRow).order_by(QuoteRow.fact_id, QuoteRow.position)
        ).scalars().all()
        meta = {row.name: row.value for row in session.execute(select(MetaRow)).scalars()}
    if not topic_rows:
        raise LookupError("The knowledge base is empty: run `python -m bot.knowledge load`.")
    quotes: Dict[str, List[str]] = {}
    for row in quote_rows:
        quotes.setdefault(row.fact_id, []).append(row.text)
    facts: Dict[str, List[Fact]] = {}
    for row in fact_rows:
        facts.setdefault(row.topic_key, []).append(
            Fact(
                topic=row.topic_key, position=row.position,
                attributes=tuple(row.attributes.split()), answer=row.answer,
                quotes=tuple(quotes.get(row.id, [])),
            )
        )
    topics = tuple(
        Topic(
            key=row.key, name=row.name, kind=row.kind, section=row.section,
            position=row.position, label=row.label, parent=row.parent,
            facts=tuple(facts.get(row.key, [])),
        )
        for row in topic_rows
    )
    headings = tuple(meta.get("headings", "").splitlines())
    return FactsFile(source=meta.get("source", ""), headings=headings, topics=topics)


class _Cache:
    """A small time-based cache so each answer does not re-read the tables."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.value: Optional[FactsFile] = None
        self.url: Optional[str] = None
        self.loaded_at = 0.0


_cache = _Cache()


def invalidate_cache() -> None:
    """Forget the cached knowledge (after a load)."""
    with _cache.lock:
        _cache.value = None


def knowledge(url: Optional[str] = None) -> FactsFile:
    """The knowledge base, read from SQL and cached for a minute."""
    url = url or get_settings().database_url
    with _cache.lock:
        fresh = time.monotonic() - _cache.loaded_at < CACHE_SECONDS
        if _cache.value is not None and _cache.url == url and fresh:
            return _cache.value
        value = read_knowledge(url)
        _cache.value, _cache.url, _cache.loaded_at = value, url, time.monotonic()
        return value
