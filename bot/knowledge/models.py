"""SQLAlchemy tables of the knowledge base."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, Text

from bot.storage import Base


class TopicRow(Base):
    """A topic of the page (test, treatment, step of the process)."""

    __tablename__ = "kb_topics"

    key = Column(String(64), primary_key=True)
    name = Column(String(200), nullable=False)
    kind = Column(String(32), nullable=False)
    section = Column(String(200), nullable=False)
    label = Column(String(200))
    parent = Column(String(64))
    position = Column(Integer, nullable=False)


class FactRow(Base):
    """One answer of a topic; ``attributes`` is a space-separated list."""

    __tablename__ = "kb_facts"

    id = Column(String(80), primary_key=True)  # "<topic>:<position>", stable across loads
    topic_key = Column(String(64), ForeignKey("kb_topics.key"), nullable=False, index=True)
    position = Column(Integer, nullable=False)
    attributes = Column(String(200), nullable=False)
    answer = Column(Text, nullable=False)


class QuoteRow(Base):
    """A verbatim sentence of the source page that a fact rests on."""

    __tablename__ = "kb_quotes"

    fact_id = Column(String(80), ForeignKey("kb_facts.id"), primary_key=True)
    position = Column(Integer, primary_key=True)
    text = Column(Text, nullable=False)


class MetaRow(Base):
    """Load metadata: which facts file content is in the tables."""

    __tablename__ = "kb_meta"

    name = Column(String(64), primary_key=True)
    value = Column(Text, nullable=False)
    updated_at = Column(DateTime)
