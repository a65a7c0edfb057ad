"""Staff console on a tracker store filled by real conversations with the bot."""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from typing import Dict

import pytest
from sqlalchemy import select

from bot.console.accounts import add_user
from bot.console.models import AuditEntry
from bot.ops.stack import Stack
from bot.storage import session_scope
from tests.e2e.conftest import PASSWORD
from tests.e2e.console_client import ConsoleClient

PHONE_DIGITS = "5558675309"


def signed_in(stack: Stack, name: str) -> ConsoleClient:
    client = ConsoleClient(stack.console_url)
    assert client.login(name, PASSWORD) == 303
    return client


PAGES = ["/", "/conversations", "/conversations/anything", "/appointments", "/insights", "/users",
         "/export.csv", "/export.jsonl"]


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_visitors_are_refused(stack: Stack, console: Dict[str, str], path: str) -> None:
    status, _, headers = ConsoleClient(stack.console_url).get(path)
    assert status in (303, 401) and (status == 401 or headers["location"].startswith("/login"))


@pytest.mark.parametrize("path", ["/logout", "/conversations/x/review", "/conversations/x/erase",
                                  "/appointments/HFS-AAAAAA/status", "/users"])
def test_anonymous_posts_are_refused(stack: Stack, console: Dict[str, str], path: str) -> None:
    status, _, _ = ConsoleClient(stack.console_url).request(path, {"csrf_token": "x"})
    assert status == 401


def test_login_page_is_open_and_cookie_is_protected(stack: Stack, console: Dict[str, str]) -> None:
    client = ConsoleClient(stack.console_url)
    status, body, _ = client.get("/login")
    assert status == 200 and "Sign in" in body
    _, _, headers = client.post("/login", {"name": "rita", "password": PASSWORD}, csrf_from="/login")
    cookie = headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie


def test_missing_or_wrong_csrf_token_is_refused(stack: Stack, console: Dict[str, str]) -> None:
    client = signed_in(stack, "cora")
    path = f"/appointments/{console['reference']}/status"
    assert client.request(path, {"status": "contacted"})[0] == 403
    assert client.request(path, {"status": "contacted", "csrf_token": "forged"})[0] == 403
    login = ConsoleClient(stack.console_url)
    assert login.request("/login", {"name": "cora", "password": PASSWORD})[0] == 403
    assert client.post(path, {"status": "contacted"}, csrf_from="/appointments")[0] == 303
    assert "contacted" in client.get("/appointments?status=contacted")[1]


def test_reviewer_never_sees_phone_numbers(stack: Stack, console: Dict[str, str]) -> None:
    rita, cora = signed_in(stack, "rita"), signed_in(stack, "cora")
    for path in (f"/conversations/{console['form']}", "/appointments", "/export.csv", "/export.jsonl", "/insights"):
        body = rita.get(path)[1]
        assert PHONE_DIGITS not in re.sub(r"\D", "", body) and "Rosa Delgado" not in body, path
    transcript = cora.get(f"/conversations/{console['form']}")[1]  # the events hold no personal data
    assert "[redacted]" in transcript and PHONE_DIGITS not in re.sub(r"\D", "", transcript)
    assert "Rosa Delgado" in cora.get("/appointments")[1]  # who booked: the encrypted record, by role
    assert rita.post(f"/appointments/{console['reference']}/status", {"status": "closed"},
                     csrf_from="/appointments")[0] == 403


def test_patient_script_is_shown_escaped(stack: Stack, console: Dict[str, str]) -> None:
    body = signed_in(stack, "rita").get(f"/conversations/{console['script']}")[1]
    assert "&lt;script&gt;alert(" in body and "<script>alert(" not in body


def test_flags_filters_search_and_pagination(stack: Stack, console: Dict[str, str]) -> None:
    client = signed_in(stack, "rita")
    fallback = client.get("/conversations?flag=fallback")[1]
    assert console["fallback"][:16] in fallback and console["form"][:16] not in fallback
    assert console["emergency"][:16] in client.get("/conversations?flag=emergency")[1]
    assert console["handoff"][:16] in client.get("/conversations?flag=handoff")[1]
    assert console["form"][:16] in client.get("/conversations?flag=appointment")[1]
    assert console["script"][:16] in client.get("/conversations?q=alert")[1]
    assert console["emergency"][:16] in client.get("/conversations?intent=red_flag")[1]
    assert "Page 1 of" in client.get("/conversations?page=1")[1]


def test_transcript_shows_intents_entities_and_actions(stack: Stack, console: Dict[str, str]) -> None:
    body = signed_in(stack, "cora").get(f"/conversations/{console['script']}")[1]
    assert "intent ask_question" in body and "topic=mvd" in body and "action_answer_question" in body


def test_review_tag_note_and_audit(stack: Stack, console: Dict[str, str]) -> None:
    client = signed_in(stack, "rita")
    path = f"/conversations/{console['fallback']}"
    assert client.post(path + "/review", {"reviewed": "1", "tags": "training-data", "note": "new phrasing"},
                       csrf_from=path)[0] == 303
    assert "training-data" in client.get("/conversations?flag=fallback")[1]
    with session_scope(stack.database_url) as session:
        actions = {(a.user, a.action) for a in session.execute(select(AuditEntry)).scalars()}
    assert {("rita", "view_transcript"), ("rita", "review"), ("rita", "login")} <= actions


def test_export_is_redacted_for_reviewers(stack: Stack, console: Dict[str, str]) -> None:
    rows = list(csv.DictReader(io.StringIO(signed_in(stack, "rita").get("/export.csv?flag=appointment")[1])))
    assert rows and all("appointment" in r["flags"] for r in rows)
    mine = [r for r in rows if r["conversation"] == console["form"]]
    assert mine and any("[redacted]" in r["text"] for r in mine)
    assert all(r["confidence"] == "" or float(r["confidence"]) >= 0 for r in rows)
    lines = signed_in(stack, "cora").get("/export.jsonl?flag=appointment")[1].splitlines()
    assert any("[redacted]" in json.loads(line)["text"] for line in lines)
    assert not any("Rosa Delgado" in json.loads(line)["text"] for line in lines)


def test_csv_export_neutralises_spreadsheet_formulas(stack: Stack, console: Dict[str, str]) -> None:
    sender = f"formula-{uuid.uuid4().hex[:6]}"
    stack.say(sender, "=HYPERLINK(\"http://evil.example\") what is MVD?")
    rows = list(csv.DictReader(io.StringIO(signed_in(stack, "cora").get("/export.csv?q=hyperlink")[1])))
    patient = [r for r in rows if r["conversation"] == sender and r["speaker"] == "patient"]
    assert patient and patient[0]["text"].startswith("'=HYPERLINK")


def test_insights(stack: Stack, console: Dict[str, str]) -> None:
    body = signed_in(stack, "rita").get("/insights")[1]
    assert "<svg" in body and "Fallback rate" in body and "blorp" in body


def test_repeated_failed_logins_are_slowed_down(stack: Stack, console: Dict[str, str]) -> None:
    add_user("lou", "reviewer", PASSWORD, stack.database_url)
    client = ConsoleClient(stack.console_url)
    for _ in range(3):
        assert "Wrong name or password" in client.post("/login", {"name": "lou", "password": "wrong-password"},
                                                       csrf_from="/login")[1]
    status, body, _ = client.post("/login", {"name": "lou", "password": PASSWORD}, csrf_from="/login")
    assert status == 200 and "Too many failed attempts" in body


def test_only_admins_erase_and_it_is_audited(stack: Stack, console: Dict[str, str]) -> None:
    target = console["handoff"]
    cora = signed_in(stack, "cora")
    assert cora.post(f"/conversations/{target}/erase", {}, csrf_from="/conversations")[0] == 403
    adam = signed_in(stack, "adam")
    assert adam.post(f"/conversations/{target}/erase", {}, csrf_from="/conversations")[0] == 303
    assert adam.get(f"/conversations/{target}")[0] == 404
    with session_scope(stack.database_url) as session:
        erased = [a for a in session.execute(select(AuditEntry)).scalars() if a.action == "erase_conversation"]
    assert erased and erased[-1].user == "adam" and erased[-1].target == target
