"""Telegram, Slack, Facebook Messenger and Twilio (SMS, WhatsApp): a platform-shaped webhook
reaches the bot and is stored; bad signatures are refused. The outbound platform APIs are
replaced by the recorder (no network); the inbound parsing is the channels' own."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

import pytest
from twilio.request_validator import RequestValidator

from bot.knowledge.repository import load_facts
from bot.ops.credentials import render
from bot.ops.stack import Stack

ENV = {
    "TELEGRAM_ACCESS_TOKEN": "123456789:AAF-offline-test-token-0123456789abcdef",
    "TELEGRAM_BOT_USERNAME": "clinic_test_bot", "TELEGRAM_WEBHOOK_URL": "https://clinic.example/tg",
    "TELEGRAM_SECRET_TOKEN": "tg-secret", "SLACK_BOT_TOKEN": "xoxb-offline-test",
    "SLACK_SIGNING_SECRET": "slack-secret", "FACEBOOK_VERIFY_TOKEN": "fb-verify",
    "FACEBOOK_APP_SECRET": "fb-secret", "FACEBOOK_PAGE_ACCESS_TOKEN": "fb-page-token",
    "TWILIO_ACCOUNT_SID": "AC" + "0" * 32, "TWILIO_AUTH_TOKEN": "twilio-secret",
    "TWILIO_SMS_NUMBER": "+15550001111", "TWILIO_WHATSAPP_NUMBER": "whatsapp:+15550002222",
}


@pytest.fixture(scope="module")
def channels(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    workdir = tmp_path_factory.mktemp("channels")
    url = f"sqlite:///{workdir / 'hfs.db'}"
    load_facts(url=url)
    stack = Stack(workdir=workdir, database_url=url,
                  env_extra=dict(ENV, HFS_OUTBOUND_RECORD=str(workdir / "outbound.jsonl")))
    try:
        stack.start()
        yield stack
    finally:
        stack.stop()


def post(url: str, body: bytes, headers: Dict[str, str]) -> int:
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def outbound(stack: Stack, channel: str, recipient: str, wait: float = 20) -> List[Dict[str, Any]]:
    path = Path(stack.env_extra["HFS_OUTBOUND_RECORD"])
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if path.exists():
            rows = [json.loads(line) for line in path.read_text().splitlines()]
            found = [r["payload"] for r in rows if r["channel"] == channel and r["recipient"] == recipient]
            if found:
                return found
        time.sleep(0.3)
    return []


def sent_matching(stack: Stack, channel: str, recipient: str, key: str, text: str, wait: float = 20) -> bool:
    """Wait until a recorded outbound message's ``key`` field contains ``text``."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if any(text in (m.get(key) or "") for m in outbound(stack, channel, recipient, wait=0.5)):
            return True
        time.sleep(0.3)
    return False


def user_turns(stack: Stack, sender: str, channel: str, wait: float = 20) -> List[str]:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        events = stack.tracker(sender)["events"]
        turns = [e["text"] for e in events if e["event"] == "user" and e.get("input_channel") == channel]
        if turns:
            return turns
        time.sleep(0.3)
    return []


def test_channels_are_off_without_their_variables() -> None:
    template = {"a.Rest": None, "a.Telegram": {"access_token": "${TOKEN}", "secret": "${OPT?}"}}
    assert render(template, {})[0] == {"a.Rest": None}
    assert render(template, {"TOKEN": "t"})[0]["a.Telegram"] == {"access_token": "t", "secret": ""}


def telegram_update(chat_id: int, text: str) -> bytes:
    return json.dumps({"update_id": int(time.time()), "message": {
        "message_id": 1, "date": int(time.time()), "text": text,
        "chat": {"id": chat_id, "type": "private"},
        "from": {"id": chat_id, "is_bot": False, "first_name": "Pat"}}}).encode()


def test_telegram(channels: Stack) -> None:
    url = f"{channels.url}/webhooks/telegram/webhook"
    headers = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": "tg-secret"}
    assert post(url, telegram_update(4242, "what treatments are there?"), headers) == 200
    assert user_turns(channels, "4242", "telegram") == ["what treatments are there?"]
    sent = outbound(channels, "telegram", "4242")
    keyboard = [b["text"] for row in sent[-1]["reply_markup"]["inline_keyboard"] for b in row]
    assert "Botox injections" in keyboard
    bad = dict(headers, **{"X-Telegram-Bot-Api-Secret-Token": "wrong"})
    assert post(url, telegram_update(4343, "hi"), bad) == 403


def slack_headers(body: bytes, secret: str) -> Dict[str, str]:
    timestamp = str(int(time.time()))
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:".encode() + body, hashlib.sha256).hexdigest()
    return {"Content-Type": "application/json", "X-Slack-Request-Timestamp": timestamp,
            "X-Slack-Signature": f"v0={digest}"}


def slack_event(user: str, text: str) -> bytes:
    return json.dumps({"token": "t", "team_id": "T1", "api_app_id": "A1", "type": "event_callback",
                       "event_id": f"Ev{time.time_ns()}", "event_time": int(time.time()),
                       "event": {"type": "message", "channel": "D123", "channel_type": "im",
                                 "user": user, "text": text, "ts": f"{time.time():.6f}"}}).encode()


def test_slack(channels: Stack) -> None:
    url = f"{channels.url}/webhooks/slack/webhook"
    body = slack_event("U777", "what is MVD?")
    assert post(url, body, slack_headers(body, "slack-secret")) == 200
    assert user_turns(channels, "U777", "slack") == ["what is MVD?"]
    sent = outbound(channels, "slack", "D123")
    assert any("microvascular decompression" in (m.get("text") or "").lower() for m in sent)
    forged = slack_event("U888", "what is MVD?")
    assert post(url, forged, slack_headers(forged, "not-the-secret")) == 400


def facebook_message(sender: str, text: Optional[str] = None, quick_reply: Optional[str] = None) -> bytes:
    message: Dict[str, Any] = {"mid": f"m{time.time_ns()}", "text": text or quick_reply}
    if quick_reply:
        message["quick_reply"] = {"payload": quick_reply}
    return json.dumps({"object": "page", "entry": [{"id": "PAGE", "time": 1, "messaging": [
        {"sender": {"id": sender}, "recipient": {"id": "PAGE"}, "timestamp": 1, "message": message}]}]}).encode()


def test_facebook(channels: Stack) -> None:
    url = f"{channels.url}/webhooks/facebook/webhook"
    verify = urllib.parse.urlencode({"hub.verify_token": "fb-verify", "hub.challenge": "42"})
    with urllib.request.urlopen(f"{url}?{verify}", timeout=10) as response:
        assert response.read() == b"42"
    body = facebook_message("FB1", "what treatments are there?")
    signature = "sha1=" + hmac.new(b"fb-secret", body, hashlib.sha1).hexdigest()
    assert post(url, body, {"Content-Type": "application/json", "X-Hub-Signature": signature}) == 200
    assert user_turns(channels, "FB1", "facebook") == ["what treatments are there?"]
    sent = outbound(channels, "facebook", "FB1")
    titles = [q["title"] for m in sent for q in m.get("quick_replies", [])]
    assert "Botox injections" in titles and all(len(t) <= 20 for t in titles)
    payload = next(q["payload"] for m in sent for q in m["quick_replies"] if q["title"] == "Acupuncture")
    body = facebook_message("FB1", quick_reply=payload)
    signature = "sha1=" + hmac.new(b"fb-secret", body, hashlib.sha1).hexdigest()
    assert post(url, body, {"Content-Type": "application/json", "X-Hub-Signature": signature}) == 200
    assert sent_matching(channels, "facebook", "FB1", "text", "more studies")
    forged = facebook_message("FB2", "hi")
    assert post(url, forged, {"Content-Type": "application/json", "X-Hub-Signature": "sha1=00"}) == 403


def twilio_post(stack: Stack, channel: str, sender: str, text: str, token: str = "twilio-secret") -> int:
    url = f"{stack.url}/webhooks/{channel}/webhook"
    params = {"From": sender, "To": "+15550001111", "Body": text, "MessageSid": f"SM{time.time_ns()}",
              "AccountSid": ENV["TWILIO_ACCOUNT_SID"]}
    signature = RequestValidator(token).compute_signature(url, params)
    return post(url, urllib.parse.urlencode(params).encode(),
                {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature})


@pytest.mark.parametrize("channel, sender", [("twilio", "+15557654321"),
                                             ("twilio_whatsapp", "whatsapp:+15557654322")])
def test_twilio_sms_and_whatsapp(channels: Stack, channel: str, sender: str) -> None:
    assert twilio_post(channels, channel, sender, "what tests are there?") == 204
    assert user_turns(channels, sender, channel) == ["what tests are there?"]
    body = outbound(channels, channel, sender)[-1]["body"]
    assert "Reply with a number" in body and "3. MRI" in body
    assert twilio_post(channels, channel, sender, "3") == 204  # "3" picks MRI
    assert sent_matching(channels, channel, sender, "body", "detailed images")
    assert twilio_post(channels, channel, sender + "9", "hi", token="forged") == 403
    assert user_turns(channels, sender + "9", channel, wait=1) == []
