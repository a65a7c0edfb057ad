"""Encryption at rest for personal data (Fernet, from the ``cryptography`` package).

Keys come from ``HFS_DATA_KEYS``: one or more Fernet keys separated by commas. The first
encrypts; every key decrypts, so a key is rotated by putting a new key first, running
``python -m bot.storage rotate-keys`` and then dropping the old key. Without the variable,
a key is generated once in ``var/data_key`` (0600), which suits the one-machine profile only:
several machines must share ``HFS_DATA_KEYS``.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any, Optional, Tuple

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy.types import Text, TypeDecorator

from bot.settings import var_secret

KEYS_VARIABLE = "HFS_DATA_KEYS"
TOKEN_PREFIX = "gAAAAA"  # noqa: S105 - not a secret: every Fernet token starts with version byte 0x80 and a timestamp


class MissingKeyError(RuntimeError):
    """Stored data cannot be read with the configured keys."""


def configured_keys() -> Tuple[str, ...]:
    """The keys in use, newest first."""
    raw = os.environ.get(KEYS_VARIABLE, "")
    keys = tuple(k.strip() for k in raw.split(",") if k.strip())
    return keys or (var_secret("data_key", lambda: Fernet.generate_key().decode("ascii")),)


@lru_cache(maxsize=4)
def _fernet(keys: Tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(k.encode("ascii")) for k in keys])


def fernet() -> MultiFernet:
    """A MultiFernet for the configured keys."""
    return _fernet(configured_keys())


def encrypt(text: str) -> str:
    """The token for ``text`` under the newest key."""
    return fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    """The text of a token made with any configured key (a row written before encryption reads as is)."""
    if not token.startswith(TOKEN_PREFIX):
        return token
    try:
        return fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, ValueError) as error:
        raise MissingKeyError(f"cannot decrypt with the keys in {KEYS_VARIABLE}") from error


def rotate(token: str) -> str:
    """The same text under the newest key."""
    return fernet().rotate(token.encode("ascii")).decode("ascii")


class EncryptedText(TypeDecorator):
    """A text column stored as a Fernet token; None stays NULL."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Optional[Any], dialect: Any) -> Optional[str]:
        """Encrypt on the way in."""
        return None if value is None else encrypt(str(value))

    def process_result_value(self, value: Optional[str], dialect: Any) -> Optional[str]:
        """Decrypt on the way out."""
        return None if value is None else decrypt(value)
