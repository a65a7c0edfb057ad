"""Rate limits on the patient channels: buckets, the per-sender line, and the channels' use of them."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any, List

import pytest

from bot.channels import ratelimit, rest
from bot.channels import socketio as socket_channel
from bot.channels.ratelimit import (
    SLOW_DOWN,
    Limit,
    RateLimiter,
    SenderGate,
    TokenBuckets,
    Verdict,
    from_env,
    gated,
    parse_limit,
)


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def limiter(clock: FakeClock, sender: str = "3:1/2s", address: str = "5:1/1s", queue: int = 3,
            max_keys: int = 100) -> RateLimiter:
    return RateLimiter(parse_limit(sender), parse_limit(address), queue, max_keys, clock)


def allowed(rl: RateLimiter, sender: str, address: str = "10.0.0.1", times: int = 1) -> int:
    """How many of ``times`` messages are admitted (slots released at once, as if answered)."""
    return sum(rl.check(sender, address).allowed for _ in range(times))


@pytest.mark.parametrize("text, expected", [
    ("20:1/1s", Limit(20, 1.0)), ("8:1/2s", Limit(8, 0.5)), ("60:2/1s", Limit(60, 2.0)),
    ("5:3/s", Limit(5, 3.0)), (" 10:1.5/3s ", Limit(10, 0.5)), ("off", None), ("OFF", None),
])
def test_parse_limit(text: str, expected: Limit) -> None:
    assert parse_limit(text) == expected


@pytest.mark.parametrize("text", ["", "20", "20/1s", "20:1/1m", "0:1/1s", "5:0/1s", "5:1/0s", "-1:1/1s"])
def test_parse_limit_refuses_nonsense(text: str) -> None:
    with pytest.raises(ValueError):
        parse_limit(text)


def test_from_env_defaults_and_overrides() -> None:
    default = from_env({})
    assert default.senders.limit == Limit(20, 1.0) and default.addresses.limit == Limit(60, 2.0)
    assert default.gate.capacity == 4
    custom = from_env({"HFS_RATE_SENDER": "off", "HFS_RATE_ADDRESS": "100:10/1s", "HFS_RATE_QUEUE": "0",
                       "HFS_RATE_MAX_KEYS": "50"})
    assert custom.senders is None and custom.addresses.limit == Limit(100, 10.0)
    assert custom.gate.capacity == 1 and custom.max_keys == 50
    with pytest.raises(ValueError):
        from_env({"HFS_RATE_SENDER": "lots"})


def test_bucket_burst_then_refill() -> None:
    clock = FakeClock()
    buckets = TokenBuckets(Limit(3, 0.5), max_keys=10, clock=clock)
    for _ in range(3):
        assert buckets.wait("a") == 0
        buckets.take("a")
    assert buckets.wait("a") == pytest.approx(2.0)
    clock.advance(1.0)
    assert buckets.wait("a") == pytest.approx(1.0)
    clock.advance(1.0)
    assert buckets.wait("a") == 0
    assert buckets.wait("b") == 0  # another key has its own bucket


def test_buckets_forget_least_recently_used_keys_beyond_the_cap() -> None:
    clock = FakeClock()
    buckets = TokenBuckets(Limit(1, 0.001), max_keys=3, clock=clock)
    for key in "abcd":
        buckets.take(key)
    assert len(buckets) == 3
    assert buckets.wait("a") == 0  # forgotten: a fresh bucket
    assert buckets.wait("d") > 0


def test_buckets_drop_idle_keys_that_have_refilled() -> None:
    clock = FakeClock()
    buckets = TokenBuckets(Limit(2, 1.0), max_keys=1000, clock=clock)
    for index in range(100):
        buckets.take(f"old-{index}")
    clock.advance(2.0)  # every old bucket is full again
    buckets.take("new")
    assert len(buckets) == 1


def test_sender_limit_then_recovery() -> None:
    clock = FakeClock()
    rl = limiter(clock, sender="3:1/2s")
    assert allowed(rl, "flood", times=10) == 3
    verdict = rl.check("flood", "10.0.0.1")
    assert (verdict.allowed, verdict.reason, verdict.retry_after_header) == (False, "sender", "2")
    assert allowed(rl, "calm") == 1  # another patient on the same address is not affected
    clock.advance(2.0)
    assert allowed(rl, "flood", times=3) == 1


def test_address_limit_covers_many_senders() -> None:
    clock = FakeClock()
    rl = limiter(clock, sender="3:1/2s", address="5:1/1s")
    assert sum(allowed(rl, f"s{i}", "10.0.0.9") for i in range(20)) == 5
    verdict = rl.check("s99", "10.0.0.9")
    assert (verdict.allowed, verdict.reason) == (False, "address")
    assert allowed(rl, "s99", "10.0.0.10") == 1  # another address is not affected


def test_a_refusal_spends_no_tokens() -> None:
    clock = FakeClock()
    rl = limiter(clock, sender="2:1/1s", address="1:1/10s")
    assert allowed(rl, "a") == 1
    assert allowed(rl, "a", times=5) == 0  # refused by the address: the sender's tokens stay
    assert allowed(rl, "a", "10.0.0.2") == 1


def test_limits_can_be_off() -> None:
    rl = RateLimiter(None, None, clock=FakeClock())
    assert allowed(rl, "a", times=1000) == 1000


def test_notice_once_per_interval() -> None:
    clock = FakeClock()
    rl = limiter(clock)
    assert [rl.notice_due("a") for _ in range(50)].count(True) == 1
    assert rl.notice_due("b")
    clock.advance(ratelimit.NOTICE_SECONDS)
    assert rl.notice_due("a")


def test_retry_after_header_is_whole_seconds() -> None:
    assert Verdict(False, "sender", 0.2).retry_after_header == "1"
    assert Verdict(False, "sender", 2.1).retry_after_header == "3"


async def test_gate_serialises_a_sender_and_bounds_its_line() -> None:
    gate = SenderGate(queue=2)
    order: List[str] = []
    release = asyncio.Event()

    async def work(slot: Any, name: str) -> None:
        async with slot:
            order.append(f"start {name}")
            await release.wait()
            order.append(f"end {name}")

    slots = [gate.enter("a") for _ in range(3)]
    assert all(slots) and gate.full("a") and gate.enter("a") is None
    other = gate.enter("b")
    assert other is not None  # another sender has its own line
    tasks = [asyncio.create_task(work(slot, str(i))) for i, slot in enumerate(slots)]
    await asyncio.sleep(0.01)
    assert order == ["start 0"]
    release.set()
    await asyncio.gather(*tasks)
    assert order == ["start 0", "end 0", "start 1", "end 1", "start 2", "end 2"]
    async with other:
        pass
    assert len(gate) == 0  # no memory kept for idle senders


async def test_a_cancelled_waiter_gives_its_place_back() -> None:
    gate = SenderGate(queue=1)
    first, second = gate.enter("a"), gate.enter("a")
    async with first:
        waiter = asyncio.create_task(second.__aenter__())
        await asyncio.sleep(0.01)
        waiter.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiter
        assert not gate.full("a")
    assert len(gate) == 0


class Recorder:
    """An output channel that keeps what the bot would send."""

    def __init__(self) -> None:
        self.texts: List[str] = []

    async def send_text_message(self, _recipient: str, text: str, **_kwargs: Any) -> None:
        self.texts.append(text)


async def test_gated_refuses_beyond_the_line_with_the_slow_down_text() -> None:
    rl = RateLimiter(None, None, queue=0, clock=FakeClock())
    started, release, handled = asyncio.Event(), asyncio.Event(), []

    async def on_new_message(message: Any) -> None:
        handled.append(message)
        started.set()
        await release.wait()

    in_line = gated(on_new_message, rl)
    first, second = (SimpleNamespace(sender_id="a", output_channel=Recorder()) for _ in range(2))
    task = asyncio.create_task(in_line(first))
    await started.wait()
    await in_line(second)
    assert second.output_channel.texts == [SLOW_DOWN]
    release.set()
    await task
    assert handled == [first]


def test_rest_refusal_is_429_with_one_bot_message_and_retry_after() -> None:
    reply = rest.too_many("patient-1", Verdict(False, "sender", 1.5))
    assert reply.status == 429 and reply.headers["Retry-After"] == "2"
    assert reply.body.decode() == f'[{{"recipient_id":"patient-1","text":"{SLOW_DOWN}"}}]'


def test_rest_client_address_ignores_forwarded_headers_unless_trusted() -> None:
    assert rest.client_address(SimpleNamespace(remote_addr="", ip="10.1.2.3")) == "10.1.2.3"
    assert rest.client_address(SimpleNamespace(remote_addr="203.0.113.5", ip="10.1.2.3")) == "203.0.113.5"


def test_socket_address_prefers_the_sanic_request() -> None:
    request = SimpleNamespace(remote_addr="", ip="10.9.8.7")
    assert socket_channel.socket_address({"REMOTE_ADDR": "127.0.0.1", "sanic.request": request}) == "10.9.8.7"
    assert socket_channel.socket_address({"REMOTE_ADDR": "10.0.0.5"}) == "10.0.0.5"
    assert socket_channel.socket_address(None) == "unknown"


async def test_socket_flood_is_dropped_before_rasa_with_one_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    rl = limiter(FakeClock(), sender="3:1/2s", address="off")
    monkeypatch.setattr(socket_channel, "shared_limiter", lambda: rl)
    channel = socket_channel.PersistentSocketIOInput.from_credentials({"session_persistence": True})
    handled: List[Any] = []

    async def on_new_message(message: Any) -> None:
        handled.append(message.text)

    channel.blueprint(on_new_message)
    sio = channel.sio
    emitted: List[Any] = []

    async def emit(event: str, data: Any, **kwargs: Any) -> None:
        emitted.append((event, data, kwargs.get("room")))

    monkeypatch.setattr(sio, "emit", emit)
    sid = await sio.manager.connect("eio-1", "/")
    sio.environ["eio-1"] = {"REMOTE_ADDR": "127.0.0.1", "sanic.request": SimpleNamespace(remote_addr="", ip="10.0.0.7")}
    handler = sio.handlers["/"]["user_uttered"]
    for index in range(50):
        await handler(sid, {"message": f"hi {index}", "session_id": "a1b2c3d4e5f6a7b8"})
    assert handled == ["hi 0", "hi 1", "hi 2"]
    assert emitted == [("bot_uttered", {"text": SLOW_DOWN}, "a1b2c3d4e5f6a7b8")]
