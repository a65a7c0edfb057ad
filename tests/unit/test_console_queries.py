"""The console's list, filters and insights computed in SQL over the conversation summaries.

Five hand-written conversations, with the expected figures written out by hand; the SQL results
are also checked against the Python summaries of the same events, and kept current as events
are appended (by the console's sync, also of ids committed late, and by a per-conversation refresh).
"""

from __future__ import annotations

import asyncio
import json
from datetime import date, datetime, timezone
from itertools import islice
from typing import Dict, List, Optional

import pytest
from sqlalchemy import select, update

from bot.console.conversations import EVENTS, Filters, conversations, erase, load_events, set_review
from bot.console.insights import compute
from bot.ops import postgres
from bot.ops.console_bench import rows as bench_rows
from bot.storage import get_engine, summaries
from bot.storage.migrate import upgrade
from bot.storage.summaries import SUMMARY, TEXTS

JAN_10 = datetime(2026, 1, 10, 10, tzinfo=timezone.utc).timestamp()
HOUR, DAY = 3600.0, 86400.0


def user(text: str, intent: str, confidence: float, at: float, channel: str = "rest",
         topic: Optional[str] = None) -> Dict:
    entities = [{"entity": "topic", "value": topic}] if topic else []
    return {"event": "user", "text": text, "timestamp": at, "input_channel": channel,
            "parse_data": {"intent": {"name": intent, "confidence": confidence}, "entities": entities}}


def bot(text: str, at: float) -> Dict:
    return {"event": "bot", "text": text, "timestamp": at}


def action(name: str, at: float) -> Dict:
    return {"event": "action", "name": name, "timestamp": at}


A, B, C = JAN_10, JAN_10 + DAY - HOUR, JAN_10 + DAY + 2 * HOUR
E = JAN_10 + 2 * DAY - 2 * HOUR
CONVERSATIONS = {
    "a-plain": [user("What is Botox?", "ask_question", 0.9, A, topic="botox"), bot("Botox relaxes muscles.", A + 1),
                user("and MRI?", "ask_question", 0.8, A + 60, topic="mri"),
                bot("The page doesn't cover that.", A + 61)],
    "b-alarm": [user("my face is drooping", "red_flag", 0.95, B, "socketio"),
                action("action_emergency_guidance", B + 1), bot("Call 911 now.", B + 1),
                user("talk to a person", "human_handoff", 0.9, B + 60, "socketio"),
                action("action_human_handoff", B + 61), bot("A person will reply.", B + 61)],
    "c-form": [user("book please", "request_appointment", 0.9, C, "socketio"), bot("Let's book.", C + 1),
               {"event": "active_loop", "name": "appointment_form", "timestamp": C + 2},
               user("Rosa Delgado", "inform", 0.2, C + 30, "socketio"),
               {"event": "slot", "name": "full_name", "value": "Rosa Delgado", "timestamp": C + 31},
               {"event": "active_loop", "name": None, "timestamp": C + 32},
               {"event": "slot", "name": "appointment_reference", "value": "HFS-ABCDEF", "timestamp": C + 33},
               user("blorp", "nlu_fallback", 0.3, C + 90, "socketio"), action("action_fallback", C + 91),
               bot("I'm not sure I understood.", C + 91)],
    "d-silent": [action("action_session_start", C), {"event": "session_started", "timestamp": C}],
    "e-low": [user("hmm 100% sure?", "ask_question", 0.3, E, "telegram", topic="botox"),
              bot("Botox relaxes muscles.", E + 1)],
}


def store(url: str, conversations_: Dict[str, List[Dict]]) -> None:
    """Append events to Rasa's table as the tracker store writes them."""
    EVENTS.metadata.create_all(get_engine(url), tables=[EVENTS])
    with get_engine(url).begin() as conn:
        conn.execute(EVENTS.insert(), [
            {"sender_id": sender, "type_name": e["event"], "timestamp": e.get("timestamp"), "data": json.dumps(e)}
            for sender, events in conversations_.items() for e in events])


@pytest.fixture()
def db(db_url: str) -> str:
    upgrade(db_url)
    store(db_url, CONVERSATIONS)
    return db_url


def ids(filters: Filters, url: str) -> List[str]:
    return [s.sender_id for s in conversations(filters, url)]


def test_list_newest_first_with_hand_counted_summaries(db: str) -> None:
    items = conversations(Filters(), db)
    assert len(items) == 4  # d-silent has no patient message
    assert [s.sender_id for s in items] == ["e-low", "c-form", "b-alarm", "a-plain"]
    by_id = {s.sender_id: s for s in items}
    assert (by_id["a-plain"].turns, by_id["a-plain"].flags, by_id["a-plain"].min_confidence) == (2, set(), 0.8)
    assert by_id["b-alarm"].flags == {"emergency", "handoff"} and by_id["b-alarm"].channel == "socketio"
    assert by_id["c-form"].turns == 3 and by_id["c-form"].flags == {"fallback", "appointment"}
    assert by_id["c-form"].min_confidence == 0.3  # the form answer's 0.2 does not count
    assert by_id["c-form"].intents == {"request_appointment", "inform", "nlu_fallback"}
    assert by_id["e-low"].flags == {"fallback"} and by_id["e-low"].channel == "telegram"
    assert by_id["a-plain"].started == datetime(2026, 1, 10, 10, tzinfo=timezone.utc)


@pytest.mark.parametrize("filters, expected", [
    (Filters(flag="emergency"), ["b-alarm"]),
    (Filters(flag="fallback"), ["e-low", "c-form"]),
    (Filters(flag="appointment"), ["c-form"]),
    (Filters(flag="handoff"), ["b-alarm"]),
    (Filters(flag="nonsense"), []),
    (Filters(intent="inform"), ["c-form"]),
    (Filters(since=date(2026, 1, 11), until=date(2026, 1, 11)), ["c-form", "b-alarm"]),
    (Filters(since=date(2026, 1, 12)), ["e-low"]),
    (Filters(until=date(2026, 1, 10)), ["a-plain"]),
    (Filters(max_confidence=0.5), ["e-low", "c-form"]),
    (Filters(query="NOT SURE"), ["c-form"]),  # the bot's words, any case
    (Filters(query="botox"), ["e-low", "a-plain"]),
    (Filters(query="100%"), ["e-low"]),  # % and _ are literal
    (Filters(query="_"), []),
    (Filters(flag="fallback", query="blorp"), ["c-form"]),
])
def test_filters_in_sql_match_hand_written_results_and_the_python_summaries(db: str, filters: Filters,
                                                                            expected: List[str]) -> None:
    assert ids(filters, db) == expected
    in_python = conversations(filters, db, events_by_sender=load_events(db))
    assert [s.sender_id for s in in_python] == expected


def test_the_list_reads_only_the_slice_asked_for(db: str) -> None:
    set_review("c-form", "cora", reviewed=True, tags="followed up", url=db)
    items = conversations(Filters(), db)
    page = items[1:3]
    assert [s.sender_id for s in page] == ["c-form", "b-alarm"]
    assert page[0].reviewed and page[0].tags == "followed up" and not page[1].reviewed
    assert items[-1].sender_id == "a-plain" and items[10:20] == []
    assert [s.sender_id for s in items] == ["e-low", "c-form", "b-alarm", "a-plain"]
    with pytest.raises(IndexError):
        items[4]


def test_insights_hand_counted(db: str) -> None:
    f = compute(db)
    assert (f.messages, f.fallbacks, f.red_flags, f.handoffs) == (8, 2, 1, 1)
    assert (f.conversations, f.with_appointment) == (4, 1)
    assert f.per_day == [("2026-01-10", 2), ("2026-01-11", 5), ("2026-01-12", 1)]
    assert f.topics == [("botox", 2), ("mri", 1)]
    assert [u["text"] for u in f.unanswered] == ["and MRI?", "blorp", "hmm 100% sure?"]
    assert f.unanswered_total == 3
    assert f.unanswered[0]["reply"] == "The page doesn't cover that."
    assert f.unanswered[1]["secrets"] == ["Rosa Delgado"]  # what the insights page masks for reviewers


def test_summaries_follow_appended_events(db: str) -> None:
    assert ids(Filters(flag="emergency"), db) == ["b-alarm"]
    store(db, {"a-plain": [user("my eye won't close", "red_flag", 0.9, A + DAY * 3),
                           action("action_emergency_guidance", A + DAY * 3 + 1)],
               "f-new": [user("hello", "greet", 0.99, A + DAY * 4, "twilio")]})
    assert ids(Filters(flag="emergency"), db) == ["b-alarm", "a-plain"]
    assert ids(Filters(), db)[0] == "f-new"
    a_plain = next(s for s in conversations(Filters(), db) if s.sender_id == "a-plain")
    assert a_plain.turns == 3 and a_plain.started == datetime(2026, 1, 10, 10, tzinfo=timezone.utc)
    f = compute(db)
    assert (f.messages, f.red_flags, f.conversations) == (10, 2, 5)
    assert f.per_day[-2:] == [("2026-01-13", 1), ("2026-01-14", 1)]


def test_tracker_store_refresh_and_console_sync_do_not_count_twice(db: str) -> None:
    compute(db)  # synced
    store(db, {"b-alarm": [user("still drooping", "red_flag", 0.9, B + 120, "socketio")]})
    with get_engine(db).begin() as conn:
        assert summaries.refresh(conn, "b-alarm") == 1  # one conversation folded ahead of the sync
        assert summaries.refresh(conn, "b-alarm") == 0
    f = compute(db)  # sync reads the same event again and must skip it
    assert (f.messages, f.red_flags) == (9, 2)
    assert summaries.pending(db) == 0


def test_a_question_whose_reply_arrives_in_a_later_save_is_judged_on_that_reply(db: str) -> None:
    store(db, {"g-split": [user("what about diet?", "ask_question", 0.9, E + 10)]})
    assert compute(db).unanswered_total == 3
    store(db, {"g-split": [bot("The page doesn't cover diet.", E + 11)]})
    f = compute(db)
    assert f.unanswered_total == 4 and f.unanswered[-1]["text"] == "what about diet?"


def test_rebuild_after_redaction_drops_the_cut_words_from_search(db: str) -> None:
    assert ids(Filters(query="rosa"), db) == ["c-form"]
    with get_engine(db).begin() as conn:
        for event_id, data in conn.execute(select(EVENTS.c.id, EVENTS.c.data).where(EVENTS.c.sender_id == "c-form")):
            conn.execute(update(EVENTS).where(EVENTS.c.id == event_id)
                         .values(data=data.replace("Rosa Delgado", "[redacted]")))
        summaries.rebuild(conn, "c-form")
    assert ids(Filters(query="rosa"), db) == []
    assert ids(Filters(flag="appointment"), db) == ["c-form"]  # the rest of the summary is unchanged


def test_erase_removes_the_summary(db: str) -> None:
    assert erase("b-alarm", db) == 6
    assert "b-alarm" not in ids(Filters(), db)
    with get_engine(db).connect() as conn:
        assert conn.execute(select(TEXTS.c.sender_id).where(TEXTS.c.sender_id == "b-alarm")).first() is None
        assert conn.execute(select(SUMMARY.c.sender_id).where(SUMMARY.c.sender_id == "b-alarm")).first() is None
    assert compute(db).red_flags == 0


def test_sql_and_python_agree_on_generated_conversations(db_url: str) -> None:
    upgrade(db_url)
    generated: Dict[str, List[Dict]] = {}
    for row in islice(bench_rows(300, seed=3), 6000):
        generated.setdefault(row["sender_id"], []).append(json.loads(row["data"]))
    store(db_url, generated)
    events = load_events(db_url)
    for filters in (Filters(), Filters(flag="fallback"), Filters(flag="appointment"), Filters(query="mvd"),
                    Filters(intent="red_flag"), Filters(max_confidence=0.5, query="botox")):
        in_sql = [(s.sender_id, s.turns, s.flags, s.min_confidence, s.channel, s.started)
                  for s in conversations(filters, db_url)]
        in_python = [(s.sender_id, s.turns, s.flags, s.min_confidence, s.channel, s.started)
                     for s in conversations(filters, db_url, events_by_sender=events)]
        assert in_sql == in_python and in_sql


def test_the_same_results_on_postgresql() -> None:
    if not postgres.available():
        pytest.skip("PostgreSQL is not running on 127.0.0.1:5432 (HFS_PG_ADMIN_DSN)")
    with postgres.scratch_database("hfs_console") as (url, _name, _role):
        try:
            upgrade(url)
            store(url, CONVERSATIONS)
            assert ids(Filters(), url) == ["e-low", "c-form", "b-alarm", "a-plain"]
            assert ids(Filters(flag="fallback", query="blorp"), url) == ["c-form"]
            assert ids(Filters(query="100%"), url) == ["e-low"] and ids(Filters(intent="inform"), url) == ["c-form"]
            assert ids(Filters(since=date(2026, 1, 11), until=date(2026, 1, 11)), url) == ["c-form", "b-alarm"]
            f = compute(url)
            assert (f.messages, f.fallbacks, f.red_flags, f.handoffs, f.conversations, f.with_appointment) == (
                8, 2, 1, 1, 4, 1)
            assert f.per_day == [("2026-01-10", 2), ("2026-01-11", 5), ("2026-01-12", 1)]
            assert [u["text"] for u in f.unanswered] == ["and MRI?", "blorp", "hmm 100% sure?"]
            assert erase("b-alarm", url) == 6 and compute(url).red_flags == 0
        finally:
            get_engine(url).dispose()


def test_a_lower_id_committed_after_a_sync_is_still_folded(db: str) -> None:
    compute(db)  # synced: the mark is the highest id so far
    with get_engine(db).connect() as conn:
        top = conn.execute(select(EVENTS.c.id).order_by(EVENTS.c.id.desc())).scalar()

    def commit(event_id: int, sender: str, event: Dict) -> None:
        with get_engine(db).begin() as conn:
            conn.execute(EVENTS.insert().values(id=event_id, sender_id=sender, type_name=event["event"],
                                                timestamp=event["timestamp"], data=json.dumps(event)))

    commit(top + 10, "h-early", user("hello", "greet", 0.99, E + 20))  # another instance's later id, first
    assert ids(Filters(), db)[0] == "h-early"  # synced past top + 5
    commit(top + 5, "h-late", user("my face droops", "red_flag", 0.9, E + 30))  # committed after the sync
    assert summaries.pending(db) == 0  # below the mark, yet within the look-back
    assert ids(Filters(), db)[:2] == ["h-late", "h-early"]
    assert ids(Filters(flag="emergency"), db) == ["h-late", "b-alarm"]
    f = compute(db)  # synced again: nothing counted twice
    assert (f.messages, f.red_flags, f.conversations) == (10, 2, 6)


def test_saves_leave_the_summary_to_the_consoles_sync(db_url: str) -> None:
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.storage.tracker_store import UrlSQLTrackerStore

    tracker_store = UrlSQLTrackerStore(domain=Domain.empty(), url=db_url)  # migrates the fresh database
    tracker = DialogueStateTracker.from_events("t-1", [
        ActionExecuted("action_listen"),
        UserUttered("what about diet?", intent={"name": "ask_question", "confidence": 0.9}, input_channel="rest"),
        BotUttered("The page doesn't cover diet.")], slots=[])

    def summary() -> Dict:
        with get_engine(db_url).connect() as conn:
            return dict(conn.execute(select(SUMMARY).where(SUMMARY.c.sender_id == "t-1")).mappings().one())

    asyncio.run(tracker_store.save(tracker))
    assert tracker_store._cached("t-1")[2] is tracker  # a new conversation: the database holds just its events
    assert summaries.pending(db_url) == 3  # the save did not fold them
    assert ids(Filters(), db_url) == ["t-1"]  # the console's page syncs before it reads
    assert (summary()["turns"], summary()["unanswered"], summary()["channel"]) == (1, 1, "rest")
    tracker = asyncio.run(tracker_store.retrieve("t-1"))
    assert tracker_store._cached("t-1") is not None
    tracker.update(UserUttered("my face droops", intent={"name": "red_flag", "confidence": 0.95},
                               input_channel="rest"))
    asyncio.run(tracker_store.save(tracker))  # the cached path: only the new event is inserted
    assert summaries.pending(db_url) == 1
    assert ids(Filters(flag="emergency"), db_url) == ["t-1"] and compute(db_url).messages == 2
    assert (summary()["turns"], summary()["emergency"], summary()["red_flags"]) == (2, True, 1)


def test_the_tracker_cache_is_dropped_when_another_writer_appends(db_url: str) -> None:
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.storage.tracker_store import UrlSQLTrackerStore

    tracker_store = UrlSQLTrackerStore(domain=Domain.empty(), url=db_url)
    tracker = DialogueStateTracker.from_events("t-2", [ActionExecuted("action_listen")], slots=[])
    asyncio.run(tracker_store.save(tracker))
    tracker.update(UserUttered("hello", intent={"name": "greet", "confidence": 0.9}))
    asyncio.run(tracker_store.save(tracker))  # the cached path
    assert asyncio.run(tracker_store.retrieve("t-2")) is tracker
    store(db_url, {"t-2": [bot("from another instance", E)]})
    again = asyncio.run(tracker_store.retrieve("t-2"))
    assert again is not tracker and len(again.events) == 3 and again.events[-1].text == "from another instance"


def test_the_tracker_store_and_sync_on_postgresql() -> None:
    if not postgres.available():
        pytest.skip("PostgreSQL is not running on 127.0.0.1:5432 (HFS_PG_ADMIN_DSN)")
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.storage.tracker_store import UrlSQLTrackerStore

    with postgres.scratch_database("hfs_store") as (url, _name, _role):
        try:
            tracker_store = UrlSQLTrackerStore(domain=Domain.empty(), url=url)
            tracker = DialogueStateTracker.from_events("p-1", [ActionExecuted("action_listen")], slots=[])
            asyncio.run(tracker_store.save(tracker))
            tracker.update(UserUttered("my face droops", intent={"name": "red_flag", "confidence": 0.95}))
            tracker.update(ActionExecuted("action_emergency_guidance"))
            tracker.update(BotUttered("Call emergency services now."))
            asyncio.run(tracker_store.save(tracker))  # the cached path: three events, the last one's id kept
            assert asyncio.run(tracker_store.retrieve("p-1")) is tracker
            assert ids(Filters(flag="emergency"), url) == ["p-1"]
            with get_engine(url).connect() as conn:
                stored = [e["event"] for _, e in sorted((i, json.loads(d)) for i, d in conn.execute(
                    select(EVENTS.c.id, EVENTS.c.data).where(EVENTS.c.sender_id == "p-1")))]
            assert stored == ["action", "user", "action", "bot"]
        finally:
            tracker_store.engine.dispose()
            get_engine(url).dispose()
