"""Per-sender and per-address rate limits for the patient channels (REST and Socket.IO).

A message is admitted only if all three allow it; otherwise it is refused before Rasa sees it
(no NLU, no tracker lock), with a polite "slow down" reply or HTTP 429:

- **per sender** (conversation id): a token bucket, ``HFS_RATE_SENDER``, default ``20:1/1s``
  (a burst of 20 messages, then one more per second);
- **per client address**: a token bucket, ``HFS_RATE_ADDRESS``, default ``60:2/1s`` (a clinic
  waiting room may share one address);
- **per sender, concurrency**: one message in processing and at most ``HFS_RATE_QUEUE``
  (default 3) waiting behind it, served in order. This keeps one sender from taking the
  server away from other patients.

Limits are written ``BURST:COUNT/SECONDSs`` (``8:1/2s`` is a burst of 8, then one message
every 2 seconds) or ``off``. ``HFS_RATE_MAX_KEYS`` (default 10000) caps how many senders and
addresses each table tracks: the least recently seen are forgotten first, and idle buckets that
have refilled are dropped. A bad value stops the server at start.
"""

from __future__ import annotations

import asyncio
import math
import os
import re
import time
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache
from typing import Any, Awaitable, Callable, Dict, Mapping, Optional, Tuple

SLOW_DOWN = "You're sending messages faster than I can answer. Please wait a few seconds and try again."
DEFAULT_SENDER = "20:1/1s"
DEFAULT_ADDRESS = "60:2/1s"
DEFAULT_QUEUE = 3
DEFAULT_MAX_KEYS = 10_000
BUSY_RETRY_SECONDS = 1.0
NOTICE_SECONDS = 10.0
LIMIT_RX = re.compile(r"(\d+):(\d+(?:\.\d+)?)/(\d+(?:\.\d+)?)?s")

Clock = Callable[[], float]
Handler = Callable[[Any], Awaitable[Any]]


@dataclass(frozen=True)
class Limit:
    """A token bucket: ``burst`` messages at once, refilled at ``per_second``."""

    burst: int
    per_second: float


def parse_limit(text: str) -> Optional[Limit]:
    """``"20:1/1s"`` -> Limit(20, 1.0); ``"off"`` -> None (no limit)."""
    value = text.strip().lower()
    if value == "off":
        return None
    match = LIMIT_RX.fullmatch(value)
    if not match:
        raise ValueError(f"rate limit {text!r}: expected BURST:COUNT/SECONDSs such as 20:1/1s, or off")
    burst, count, seconds = int(match[1]), float(match[2]), float(match[3] or 1)
    if burst < 1 or count <= 0 or seconds <= 0:
        raise ValueError(f"rate limit {text!r}: burst, count and seconds must be positive")
    return Limit(burst, count / seconds)


class TokenBuckets:
    """One token bucket per key; least recently used keys beyond ``max_keys`` are forgotten."""

    def __init__(self, limit: Limit, max_keys: int, clock: Clock) -> None:
        self.limit = limit
        self.max_keys = max_keys
        self.clock = clock
        self._buckets: OrderedDict[str, Tuple[float, float]] = OrderedDict()  # key -> (tokens, stamp)

    def __len__(self) -> int:
        return len(self._buckets)

    def _tokens(self, key: str, now: float) -> float:
        tokens, stamp = self._buckets.get(key, (self.limit.burst, now))
        return min(self.limit.burst, tokens + (now - stamp) * self.limit.per_second)

    def wait(self, key: str) -> float:
        """Seconds until ``key`` has a token (0 if it has one now)."""
        missing = 1 - self._tokens(key, self.clock())
        return max(0.0, missing / self.limit.per_second)

    def take(self, key: str) -> None:
        """Spend one token of ``key`` (callers check ``wait`` first)."""
        now = self.clock()
        self._buckets[key] = (self._tokens(key, now) - 1, now)
        self._buckets.move_to_end(key)
        self._prune(now)

    def _prune(self, now: float) -> None:
        """Drop buckets that have refilled (they equal a new one) and the oldest beyond the cap."""
        full_after = self.limit.burst / self.limit.per_second
        while self._buckets:
            oldest, (_, stamp) = next(iter(self._buckets.items()))
            if len(self._buckets) <= self.max_keys and now - stamp < full_after:
                return
            del self._buckets[oldest]


class Slot:
    """A sender's place in line: ``async with slot`` waits its turn, then holds it."""

    def __init__(self, gate: SenderGate, key: str, lock: asyncio.Lock) -> None:
        self._gate, self._key, self._lock = gate, key, lock
        self._left = False

    async def __aenter__(self) -> Slot:
        try:
            await self._lock.acquire()
        except BaseException:
            self._leave()
            raise
        return self

    async def __aexit__(self, *_exc: object) -> None:
        self._lock.release()
        self._leave()

    def _leave(self) -> None:
        if not self._left:
            self._left = True
            self._gate.leave(self._key)


class SenderGate:
    """At most one message per sender in processing and ``queue`` more waiting, in order."""

    def __init__(self, queue: int = DEFAULT_QUEUE) -> None:
        self.capacity = 1 + max(0, queue)
        self._lines: Dict[str, Tuple[int, asyncio.Lock]] = {}  # only senders with messages in line

    def __len__(self) -> int:
        return len(self._lines)

    def full(self, key: str) -> bool:
        """Would another message of ``key`` be refused?"""
        return self._lines.get(key, (0, None))[0] >= self.capacity

    def enter(self, key: str) -> Optional[Slot]:
        """A slot in ``key``'s line, or None when the line is full."""
        if self.full(key):
            return None
        count, lock = self._lines.get(key) or (0, asyncio.Lock())
        self._lines[key] = (count + 1, lock)
        return Slot(self, key, lock)

    def leave(self, key: str) -> None:
        """One message of ``key`` is done (or gave up waiting)."""
        count, lock = self._lines[key]
        if count <= 1:
            del self._lines[key]
        else:
            self._lines[key] = (count - 1, lock)


@dataclass(frozen=True)
class Verdict:
    """Whether a message may go on; if not, why and when to retry."""

    allowed: bool
    reason: str = ""  # "busy", "sender" or "address"
    retry_after: float = 0.0

    @property
    def retry_after_header(self) -> str:
        """Whole seconds for an HTTP Retry-After header (at least 1)."""
        return str(max(1, math.ceil(self.retry_after)))


class RateLimiter:
    """Admission for patient messages: sender and address buckets plus the sender gate."""

    def __init__(self, sender: Optional[Limit] = None, address: Optional[Limit] = None,
                 queue: int = DEFAULT_QUEUE, max_keys: int = DEFAULT_MAX_KEYS,
                 clock: Clock = time.monotonic) -> None:
        self.clock = clock
        self.senders = TokenBuckets(sender, max_keys, clock) if sender else None
        self.addresses = TokenBuckets(address, max_keys, clock) if address else None
        self.gate = SenderGate(queue)
        self.max_keys = max_keys
        self._notices: OrderedDict[str, float] = OrderedDict()

    def check(self, sender: str, address: str) -> Verdict:
        """Admit one message (spending its tokens) or say why not; nothing is spent on refusal."""
        if self.gate.full(sender):
            return Verdict(False, "busy", BUSY_RETRY_SECONDS)
        for reason, buckets, key in (("sender", self.senders, sender), ("address", self.addresses, address)):
            wait = buckets.wait(key) if buckets is not None else 0.0
            if wait > 0:
                return Verdict(False, reason, wait)
        for buckets, key in ((self.senders, sender), (self.addresses, address)):
            if buckets is not None:
                buckets.take(key)
        return Verdict(True)

    def notice_due(self, key: str) -> bool:
        """True at most once per NOTICE_SECONDS per key: tell a flooding client once, not per message."""
        now = self.clock()
        last = self._notices.get(key)
        if last is not None and now - last < NOTICE_SECONDS:
            return False
        self._notices[key] = now
        self._notices.move_to_end(key)
        while len(self._notices) > self.max_keys:
            self._notices.popitem(last=False)
        return True


def from_env(environ: Mapping[str, str]) -> RateLimiter:
    """A limiter configured by the HFS_RATE_* variables (see the module docstring)."""
    return RateLimiter(
        sender=parse_limit(environ.get("HFS_RATE_SENDER") or DEFAULT_SENDER),
        address=parse_limit(environ.get("HFS_RATE_ADDRESS") or DEFAULT_ADDRESS),
        queue=int(environ.get("HFS_RATE_QUEUE") or DEFAULT_QUEUE),
        max_keys=int(environ.get("HFS_RATE_MAX_KEYS") or DEFAULT_MAX_KEYS),
    )


@cache
def shared_limiter() -> RateLimiter:
    """The process's limiter, shared by the REST and Socket.IO channels."""
    return from_env(os.environ)


def gated(on_new_message: Handler, limiter: RateLimiter) -> Handler:
    """Wrap Rasa's ``on_new_message``: one message per sender at a time, in order; a message
    that finds its sender's line full gets the slow-down text instead."""

    async def in_line(message: Any) -> None:
        slot = limiter.gate.enter(message.sender_id)
        if slot is None:
            await message.output_channel.send_text_message(message.sender_id, SLOW_DOWN)
            return
        async with slot:
            await on_new_message(message)

    return in_line
