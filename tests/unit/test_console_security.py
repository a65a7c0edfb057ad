"""Staff console hardening: server-side sessions, password changes, headers, login errors, export cap, CSRF."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from datetime import timedelta
from typing import Dict, Iterator, List

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select, update
from starlette.testclient import TestClient

from bot.console import sessions
from bot.console.__main__ import main as console_cli
from bot.console.accounts import LOGIN_FAILED, add_user
from bot.console.app import create_app
from bot.console.auth import LOGIN_COOKIE, SESSION_COOKIE
from bot.console.conversations import EVENTS
from bot.console.models import AuditEntry, ConsoleSession
from bot.console.security import CSP
from bot.storage import get_engine, session_scope

PASSWORD = "correct horse battery"
NEW_PASSWORD = "staple gun sunrise"
STAFF = {"rita": "reviewer", "cora": "coordinator", "adam": "admin"}
HEADERS = {"content-security-policy": CSP, "x-frame-options": "DENY", "x-content-type-options": "nosniff",
           "referrer-policy": "no-referrer"}


def conversation(sender: str, text: str, at: float) -> List[Dict]:
    """A short conversation as Rasa stores its events."""
    return [{"event": "user", "text": text, "timestamp": at, "input_channel": "rest",
             "parse_data": {"intent": {"name": "ask_question", "confidence": 0.9}, "entities": []}},
            {"event": "bot", "text": f"Answer for {sender}", "timestamp": at + 1}]


def store_events(url: str, senders: Dict[str, str]) -> None:
    """Rasa's events table with one short conversation per sender."""
    EVENTS.metadata.create_all(get_engine(url), tables=[EVENTS])
    rows = [{"sender_id": sender, "type_name": e["event"], "timestamp": e["timestamp"], "data": json.dumps(e)}
            for i, (sender, text) in enumerate(senders.items())
            for e in conversation(sender, text, 1_700_000_000 + 60 * i)]
    with get_engine(url).begin() as conn:
        conn.execute(EVENTS.insert(), rows)


@pytest.fixture()
def db(db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """A database with three staff users and five conversations."""
    monkeypatch.setenv("HFS_CONSOLE_SECRET", "unit-test-console-secret")
    monkeypatch.delenv("HFS_EXPORT_MAX_CONVERSATIONS", raising=False)
    monkeypatch.setattr("bot.console.accounts._hasher", PasswordHasher(time_cost=1, memory_cost=1024))  # fast
    for name, role in STAFF.items():
        add_user(name, role, PASSWORD, db_url)
    texts = {"c-script": "<script>alert(1)</script> is MVD safe?", "c-formula": '=HYPERLINK("http://x") hi'}
    texts.update({f"c-{i}": f"question {i}" for i in range(3)})
    store_events(db_url, texts)
    return db_url


@pytest.fixture()
def app(db: str):
    return create_app(db_url=db, https=False)


def client_for(app) -> TestClient:
    return TestClient(app, follow_redirects=False)


@pytest.fixture()
def anon(app) -> Iterator[TestClient]:
    with client_for(app) as client:
        yield client


def csrf_on(client: TestClient, path: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def login(client: TestClient, name: str, password: str = PASSWORD):
    page = client.get("/login").text  # a signed-in user's page also has the sign-out form's token
    token = re.search(r'action="/login".*?name="csrf_token" value="([^"]+)"', page, re.S).group(1)
    return client.post("/login", data={"name": name, "password": password, "csrf_token": token, "next": "/"})


def signed_in(app, name: str) -> TestClient:
    client = client_for(app)
    assert login(client, name).status_code == 303
    return client


def post(client: TestClient, path: str, data: Dict[str, str], csrf_from: str = "/password"):
    return client.post(path, data=dict(data, csrf_token=csrf_on(client, csrf_from)))


def is_refused(response) -> bool:
    return response.status_code == 401 or (response.status_code == 303
                                           and response.headers["location"].startswith("/login"))


def replay(app, cookie: str, path: str = "/conversations"):
    """A fresh client presenting only a copied session cookie."""
    with client_for(app) as thief:
        thief.cookies.set(SESSION_COOKIE, cookie)
        return thief.get(path)


def audit_actions(url: str) -> List[tuple]:
    with session_scope(url) as session:
        return [(a.user, a.action, a.target, a.detail) for a in session.execute(select(AuditEntry)).scalars()]


def session_rows(url: str, user: str) -> List[ConsoleSession]:
    with session_scope(url) as session:
        return list(session.execute(select(ConsoleSession).where(ConsoleSession.user == user)).scalars())


def age_session(url: str, token: str, **fields) -> None:
    with session_scope(url) as session:
        session.execute(update(ConsoleSession).where(ConsoleSession.id_hash == sessions.digest(token))
                        .values(**fields))


# Sessions


def test_cookie_holds_only_an_opaque_id_stored_as_a_hash(app, db: str) -> None:
    client = client_for(app)
    response = login(client, "cora")
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith(SESSION_COOKIE + "="))
    lowered = cookie.lower()
    assert "httponly" in lowered and "samesite=strict" in lowered and "path=/" in lowered
    assert "secure" not in lowered
    token = client.cookies[SESSION_COOKIE]
    assert len(token) >= 43 and "cora" not in token  # 32 random bytes, nothing readable
    [row] = session_rows(db, "cora")
    assert row.id_hash == hashlib.sha256(token.encode()).hexdigest() and token not in (row.id_hash, row.csrf)
    assert row.role == "coordinator" and row.revoked_at is None
    assert ("cora", "login", "", "") in audit_actions(db)


def test_cookie_is_secure_over_https(db: str) -> None:
    with TestClient(create_app(db_url=db, https=True), base_url="https://testserver",
                    follow_redirects=False) as client:
        response = login(client, "cora")
    cookies = response.headers.get_list("set-cookie")
    assert cookies and all("secure" in c.lower() for c in cookies)


def test_copied_cookie_is_dead_after_logout(app, db: str) -> None:
    client = signed_in(app, "rita")
    copied = client.cookies[SESSION_COOKIE]
    assert replay(app, copied).status_code == 200  # a copy works while the session lives ...
    response = post(client, "/logout", {}, csrf_from="/conversations")
    assert response.status_code == 303 and response.headers["location"] == "/login"
    assert is_refused(replay(app, copied))  # ... and not after sign-out
    assert is_refused(replay(app, copied, "/export.csv"))
    with client_for(app) as thief:
        thief.cookies.set(SESSION_COOKIE, copied)
        assert thief.post("/logout", data={"csrf_token": "x"}).status_code == 401
    assert session_rows(db, "rita")[0].revoked_at is not None
    assert any(a[:2] == ("rita", "logout") for a in audit_actions(db))


def test_signing_in_again_replaces_the_old_session(app, db: str) -> None:
    client = signed_in(app, "rita")
    old = client.cookies[SESSION_COOKIE]
    assert login(client, "rita").status_code == 303 and client.cookies[SESSION_COOKIE] != old
    assert is_refused(replay(app, old)) and client.get("/conversations").status_code == 200
    assert ("rita", "session_revoked", "rita", "replaced by a new sign-in") in audit_actions(db)


def test_changing_ones_password_ends_every_session_but_gives_a_fresh_one(app, db: str) -> None:
    laptop, phone = signed_in(app, "cora"), signed_in(app, "cora")
    old = laptop.cookies[SESSION_COOKIE]
    response = post(laptop, "/password", {"current_password": PASSWORD, "new_password": NEW_PASSWORD,
                                          "new_password_again": NEW_PASSWORD})
    assert response.status_code == 303
    assert laptop.cookies[SESSION_COOKIE] != old
    assert laptop.get("/conversations").status_code == 200  # the fresh session works
    assert "Password changed" in laptop.get(response.headers["location"]).text
    assert is_refused(replay(app, old)) and is_refused(phone.get("/conversations"))
    assert "Wrong name or password" in login(client_for(app), "cora", PASSWORD).text
    assert login(client_for(app), "cora", NEW_PASSWORD).status_code == 303
    actions = audit_actions(db)
    assert ("cora", "password_change", "cora", "") in actions
    assert ("cora", "sessions_revoked", "cora", "2 sessions, password changed") in actions


@pytest.mark.parametrize("form, status", [
    ({"current_password": "not my password", "new_password": NEW_PASSWORD, "new_password_again": NEW_PASSWORD}, 400),
    ({"current_password": PASSWORD, "new_password": NEW_PASSWORD, "new_password_again": NEW_PASSWORD + "x"}, 400),
    ({"current_password": PASSWORD, "new_password": "short", "new_password_again": "short"}, 400),
])
def test_password_change_needs_the_current_password_and_a_good_new_one(app, db: str, form: Dict[str, str],
                                                                        status: int) -> None:
    client = signed_in(app, "cora")
    response = post(client, "/password", form)
    assert response.status_code == status and 'class="error"' in response.text
    assert client.get("/conversations").status_code == 200  # nothing was revoked
    assert login(client_for(app), "cora", PASSWORD).status_code == 303  # nor changed


def test_password_change_needs_csrf(app) -> None:
    client = signed_in(app, "cora")
    form = {"current_password": PASSWORD, "new_password": NEW_PASSWORD, "new_password_again": NEW_PASSWORD}
    assert client.post("/password", data=form).status_code == 403
    assert client.post("/password", data=dict(form, csrf_token="forged")).status_code == 403
    assert login(client_for(app), "cora", PASSWORD).status_code == 303


def test_admin_resets_another_users_password_and_signs_them_out(app, db: str) -> None:
    rita, adam = signed_in(app, "rita"), signed_in(app, "adam")
    assert post(rita, "/users/password", {"name": "cora", "password": NEW_PASSWORD}).status_code == 403
    response = post(adam, "/users/password", {"name": "rita", "password": NEW_PASSWORD}, csrf_from="/users")
    assert response.status_code == 200 and "1 open sessions signed out" in response.text
    assert is_refused(rita.get("/conversations"))
    assert login(client_for(app), "rita", NEW_PASSWORD).status_code == 303
    assert ("adam", "password_reset", "rita", "") in audit_actions(db)
    own = post(adam, "/users/password", {"name": "adam", "password": NEW_PASSWORD}, csrf_from="/users")
    assert "Change password page" in own.text and adam.get("/users").status_code == 200


def test_cli_passwd_revokes_sessions(app, db: str, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture) -> None:
    rita = signed_in(app, "rita")
    monkeypatch.setattr("sys.stdin", io.StringIO(NEW_PASSWORD + "\n"))
    assert console_cli(["users", "passwd", "rita", "--password-stdin"]) == 0
    assert "1 open sessions signed out" in capsys.readouterr().out
    assert is_refused(rita.get("/conversations"))
    assert login(client_for(app), "rita", NEW_PASSWORD).status_code == 303
    assert ("cli", "password_reset", "rita", "") in audit_actions(db)
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert console_cli(["users", "passwd", "rita", "--password-stdin"]) == 1
    monkeypatch.setattr("sys.stdin", io.StringIO(NEW_PASSWORD + "\n"))
    assert console_cli(["users", "passwd", "nobody", "--password-stdin"]) == 1


def test_idle_sessions_expire(app, db: str) -> None:
    client = signed_in(app, "rita")
    token = client.cookies[SESSION_COOKIE]
    age_session(db, token, last_seen=sessions.now() - sessions.IDLE + timedelta(minutes=1))
    assert client.get("/conversations").status_code == 200  # a visit keeps it alive ...
    [row] = session_rows(db, "rita")
    assert sessions.now() - sessions._utc(row.last_seen) < timedelta(minutes=1)
    age_session(db, token, last_seen=sessions.now() - sessions.IDLE - timedelta(seconds=1))
    assert is_refused(client.get("/conversations"))  # ... half an hour without one ends it


def test_sessions_expire_eight_hours_after_sign_in_however_busy(app, db: str) -> None:
    client = signed_in(app, "rita")
    [row] = session_rows(db, "rita")
    assert sessions._utc(row.expires_at) - sessions._utc(row.created_at) == timedelta(hours=8)
    token, start = client.cookies[SESSION_COOKIE], sessions.now() - timedelta(hours=8, seconds=1)
    age_session(db, token, created_at=start, expires_at=start + sessions.LIFETIME)
    assert is_refused(client.get("/conversations"))


def test_expired_sessions_are_deleted_at_the_next_sign_in(app, db: str) -> None:
    idle, old = signed_in(app, "rita"), signed_in(app, "rita")
    age_session(db, idle.cookies[SESSION_COOKIE], last_seen=sessions.now() - timedelta(hours=1))
    age_session(db, old.cookies[SESSION_COOKIE], expires_at=sessions.now() - timedelta(seconds=1))
    assert len(session_rows(db, "rita")) == 2
    signed_in(app, "cora")
    assert session_rows(db, "rita") == []


# Headers


def assert_security_headers(response, https: bool = False) -> None:
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value, (response.request.url, name)
    if not str(response.request.url.path).startswith("/static/"):
        assert response.headers.get("cache-control") == "no-store", response.request.url
    assert ("strict-transport-security" in response.headers) == https


def test_every_response_carries_the_security_headers(app, anon: TestClient) -> None:
    rita = signed_in(app, "rita")
    responses = [anon.get("/login"), anon.get("/conversations"), anon.post("/logout"), anon.get("/nowhere"),
                 anon.post("/login", data={"name": "x"}), anon.get("/static/console.css"),
                 rita.get("/conversations"), rita.get("/users"), rita.get("/conversations/c-0"),
                 rita.get("/conversations/missing"), rita.post("/conversations/c-0/review"), rita.get("/export.csv"),
                 post(rita, "/logout", {}, csrf_from="/conversations")]
    assert {r.status_code for r in responses} >= {200, 303, 401, 403, 404}
    for response in responses:
        assert_security_headers(response)


def test_server_errors_carry_the_security_headers(app, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("bot.console.pages.insights.compute", broken)
    client = signed_in(app, "rita")
    with TestClient(app, raise_server_exceptions=False, follow_redirects=False,
                    cookies={SESSION_COOKIE: client.cookies[SESSION_COOKIE]}) as same_user:
        response = same_user.get("/insights")
    assert response.status_code == 500 and "boom" not in response.text
    assert_security_headers(response)


def test_https_adds_strict_transport_security(db: str) -> None:
    with TestClient(create_app(db_url=db, https=True), base_url="https://testserver",
                    follow_redirects=False) as client:
        for response in (client.get("/login"), client.get("/conversations"), client.get("/static/console.css")):
            assert_security_headers(response, https=True)


def test_no_page_has_inline_script_or_style(app, anon: TestClient) -> None:
    adam = signed_in(app, "adam")
    pages = [anon.get("/login")] + [adam.get(path) for path in (
        "/conversations", "/conversations/c-script", "/conversations/c-formula", "/appointments", "/insights",
        "/users", "/password")]
    for page in pages:
        assert page.status_code == 200, page.request.url
        html = page.text.lower()
        assert not re.search(r"<script(?![^>]*\ssrc=\"/static/)", html) and "<style" not in html, page.request.url
        assert not re.search(r"\sstyle\s*=|\son[a-z]+\s*=|javascript:", html), page.request.url
    assert "&lt;script&gt;alert(1)" in pages[2].text


# Login errors


def error_shown(response) -> str:
    match = re.search(r'<p class="error"[^>]*>(.*?)</p>', response.text, re.S)
    assert response.status_code == 200 and match, response.text[:300]
    return match.group(1)


def test_unknown_user_wrong_password_and_locked_account_look_the_same(app, db: str) -> None:
    client = client_for(app)
    unknown = error_shown(login(client, "nobody", PASSWORD))
    wrong = [error_shown(login(client, "rita", "wrong password")) for _ in range(3)]
    locked = error_shown(login(client, "rita", PASSWORD))  # the right password, but locked for 2 s
    assert {unknown, locked, *wrong} == {LOGIN_FAILED}
    assert "Wrong name or password" in LOGIN_FAILED and "Too many failed attempts" in LOGIN_FAILED
    reasons = [a[3] for a in audit_actions(db) if a[1] == "login_failed"]
    assert reasons[0] == "unknown user" and reasons[1] == "wrong password" and reasons[-1].startswith("locked")


# Export


def export_of(client: TestClient, fmt: str):
    response = client.get(f"/export.{fmt}")
    assert response.status_code == 200
    return response


def test_export_is_capped_and_says_so(app, db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    cora = signed_in(app, "cora")
    whole = export_of(cora, "csv")
    assert whole.headers["x-export-truncated"] == "false" and whole.headers["x-export-conversations"] == "5"
    assert whole.headers["x-export-limit"] == "5000"
    monkeypatch.setenv("HFS_EXPORT_MAX_CONVERSATIONS", "2")
    capped = export_of(cora, "csv")
    rows = list(csv.DictReader(io.StringIO(capped.text)))
    assert capped.headers["x-export-truncated"] == "true" and capped.headers["x-export-limit"] == "2"
    assert len({r["conversation"] for r in rows}) == 2 and len(rows) == 4
    lines = export_of(cora, "jsonl").text.splitlines()
    assert len({json.loads(line)["conversation"] for line in lines}) == 2
    details = [a[3] for a in audit_actions(db) if a[1] == "export"]
    assert details[0] == "5 of 5 conversations (limit 5000), full"
    assert details[-1] == "2 of 5 conversations (limit 2, truncated), full"


def test_export_neutralises_formulas_and_masks_for_reviewers(app) -> None:
    rows = list(csv.DictReader(io.StringIO(export_of(signed_in(app, "rita"), "csv").text)))
    patient = [r for r in rows if r["conversation"] == "c-formula" and r["speaker"] == "patient"]
    assert patient and patient[0]["text"].startswith("'=HYPERLINK")
    assert signed_in(app, "rita").get("/export.xlsx").status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
async def test_export_is_streamed_conversation_by_conversation(app, db: str, fmt: str) -> None:
    token, _ = sessions.create("cora", "coordinator", db)
    scope = {"type": "http", "asgi": {"version": "3.0", "spec_version": "2.4"}, "http_version": "1.1",
             "method": "GET", "scheme": "http", "path": f"/export.{fmt}", "raw_path": f"/export.{fmt}".encode(),
             "root_path": "", "query_string": b"", "server": ("testserver", 80), "client": ("test", 1),
             "headers": [(b"host", b"testserver"), (b"cookie", f"{SESSION_COOKIE}={token}".encode())]}
    sent: List[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    await app(scope, receive, send)
    start, bodies = sent[0], [m for m in sent[1:] if m.get("body")]
    assert start["status"] == 200 and b"content-length" not in dict(start["headers"])
    assert len(bodies) == 5 + (fmt == "csv")  # the CSV header, then one chunk per conversation
    assert all(m["more_body"] for m in bodies) and sent[-1]["more_body"] is False


# CSRF


def test_csrf_is_still_required(app) -> None:
    cora = signed_in(app, "cora")
    for path in ("/conversations/c-0/review", "/logout", "/password"):
        assert cora.post(path, data={}).status_code == 403, path
        assert cora.post(path, data={"csrf_token": "forged"}).status_code == 403, path
    assert cora.get("/conversations").status_code == 200  # the refused logout changed nothing
    stranger = client_for(app)
    assert stranger.post("/login", data={"name": "cora", "password": PASSWORD}).status_code == 403
    other = client_for(app)  # a sign-in token only works with the nonce cookie it was made for
    token = csrf_on(other, "/login")
    assert stranger.post("/login", data={"name": "cora", "password": PASSWORD, "csrf_token": token}).status_code == 403
    stranger.cookies.set(LOGIN_COOKIE, "x" * 32)
    assert stranger.post("/login", data={"name": "cora", "password": PASSWORD, "csrf_token": token}).status_code == 403
    assert other.post("/login", data={"name": "cora", "password": PASSWORD, "csrf_token": token}).status_code == 303


def test_roles_are_still_enforced(app) -> None:
    rita, cora = signed_in(app, "rita"), signed_in(app, "cora")
    assert rita.get("/users").status_code == 403 and cora.get("/users").status_code == 403
    assert post(cora, "/conversations/c-0/erase", {}, csrf_from="/conversations").status_code == 403
    assert post(rita, "/appointments/HFS-AAAAAA/status", {"status": "closed"},
                csrf_from="/appointments").status_code == 403
    assert post(signed_in(app, "adam"), "/conversations/c-0/erase", {}, csrf_from="/conversations").status_code == 303
