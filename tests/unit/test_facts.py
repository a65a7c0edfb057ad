"""The knowledge base is faithful to the source page: verbatim quotes, full coverage, no new words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.knowledge.facts_file import ATTRIBUTES, parse_facts
from bot.knowledge.models import FactRow, QuoteRow, TopicRow
from bot.knowledge.repository import knowledge, load_facts
from bot.settings import DATA_DIR
from bot.storage import session_scope

SOURCE = (DATA_DIR / "hemifacial-spasm.txt").read_text(encoding="utf-8")
FACTS = parse_facts(DATA_DIR / "facts.yml")
SHARED_SOURCE = Path(__file__).resolve().parents[3] / "shared" / "source" / "hemifacial-spasm.txt"

# Words an answer may add to the page's own: articles, pronouns, linking words.
GLUE = {
    "a", "an", "the", "is", "are", "it", "its", "they", "this", "that", "these", "which",
    "one", "in", "of", "and", "or", "but", "such", "as", "include", "includes", "other",
}


def page_sentences(text: str) -> list[str]:
    """Every sentence, list item and label of the page (bullets stripped)."""
    pieces = []
    for line in text.splitlines():
        line = line.strip().lstrip("•").strip()
        if not line:
            continue
        label, sep, rest = line.partition(": ")
        if sep and len(label.split()) <= 5 and rest:
            pieces.append(label)
            line = rest
        pieces.extend(p.strip() for p in re.split(r"(?<=[.])\s+", line) if p.strip())
    return pieces


def words(text: str) -> set[str]:
    return {w.rstrip("s") for w in re.findall(r"[a-z]+", text.lower())}


def test_source_page_is_a_copy_of_the_shared_page() -> None:
    if not SHARED_SOURCE.exists():
        pytest.skip("../shared is not beside this checkout")
    assert SHARED_SOURCE.read_text(encoding="utf-8") == SOURCE


def test_every_quote_is_verbatim_in_the_source() -> None:
    missing = [q for t in FACTS.topics for f in t.facts for q in f.quotes if q not in SOURCE]
    assert missing == []


def test_every_label_and_heading_is_verbatim() -> None:
    labels = [t.label for t in FACTS.topics if t.label] + list(FACTS.headings)
    assert [x for x in labels if x not in SOURCE] == []


def test_every_sentence_of_the_page_is_covered_by_a_fact() -> None:
    quotes = {q for t in FACTS.topics for f in t.facts for q in f.quotes}
    known = quotes | {t.label for t in FACTS.topics if t.label} | set(FACTS.headings) | {"Surgery:"}
    uncovered = [
        s for s in page_sentences(SOURCE)
        if not any(s.rstrip(":") in k or s in k for k in known)
    ]
    assert uncovered == []


def test_coverage_check_would_notice_a_missing_sentence() -> None:
    extra = SOURCE + "\nThis sentence is not covered by any fact.\n"
    quotes = {q for t in FACTS.topics for f in t.facts for q in f.quotes}
    assert any(s not in " ".join(quotes) for s in page_sentences(extra))


def test_answers_use_only_words_of_the_page() -> None:
    vocabulary = words(SOURCE) | GLUE
    invented = {
        f"{t.key}: {sorted(words(f.answer) - vocabulary)}"
        for t in FACTS.topics for f in t.facts if words(f.answer) - vocabulary
    }
    assert invented == set()


def test_word_check_would_notice_an_invented_word() -> None:
    vocabulary = words(SOURCE) | GLUE
    assert words("Botox is painless and cheap.") - vocabulary == {"painle", "cheap"}


def test_required_topics_and_attributes_exist() -> None:
    keys = {t.key for t in FACTS.topics}
    required = {
        "diagnosis", "medical_history", "physical_exam", "mri", "mra", "emg", "imaging",
        "treatment", "oral_medicines", "botox", "mvd", "other_surgery", "nerve_massage",
        "heat_therapy", "electrical_pulses", "nerve_cutting", "radiofrequency", "acupuncture",
        "early_diagnosis",
    }
    assert required <= keys
    used = {a for t in FACTS.topics for f in t.facts for a in f.attributes}
    assert used == set(ATTRIBUTES)


def test_loading_twice_gives_the_same_rows(db_url: str) -> None:
    first = load_facts(url=db_url)
    with session_scope(db_url) as s:
        before = [(r.id, r.answer) for r in s.execute(select(FactRow).order_by(FactRow.id)).scalars()]
    second = load_facts(url=db_url)
    with session_scope(db_url) as s:
        after = [(r.id, r.answer) for r in s.execute(select(FactRow).order_by(FactRow.id)).scalars()]
        topics = s.execute(select(TopicRow)).scalars().all()
        quotes = s.execute(select(QuoteRow)).scalars().all()
    assert first.changed and not second.changed
    assert before == after
    assert len(topics) == len(FACTS.topics)
    assert len(quotes) == sum(len(f.quotes) for t in FACTS.topics for f in t.facts)


def test_changed_facts_file_reloads(db_url: str, tmp_path: Path) -> None:
    load_facts(url=db_url)
    edited = tmp_path / "facts.yml"
    text = (DATA_DIR / "facts.yml").read_text(encoding="utf-8")
    edited.write_text(text + "\n# edited\n", "utf-8")
    assert load_facts(edited, url=db_url).changed


def test_knowledge_reads_back_what_was_loaded(kb: str) -> None:
    loaded = knowledge(kb)
    assert [t.key for t in loaded.topics] == [t.key for t in FACTS.topics]
    assert loaded.by_key()["botox"].fact_for("frequency").answer == (
        "OnabotulinumtoxinA injections (Botox): the treatment must be repeated every few months and is "
        "effective for most people."
    )


def test_unknown_attribute_is_rejected(tmp_path: Path) -> None:
    bad = tmp_path / "facts.yml"
    bad.write_text(
        "source: x\nheadings: []\ntopics:\n- key: k\n  name: K\n  kind: test\n  section: S\n"
        "  facts:\n  - attributes: [price]\n    answer: a\n    quotes: [q]\n", "utf-8")
    with pytest.raises(ValueError, match="unknown attributes"):
        parse_facts(bad)
