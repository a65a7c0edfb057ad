"""Re-encrypt every encrypted column under the newest key (after a new key is put first)."""

from __future__ import annotations

from typing import Dict, Optional

from sqlalchemy import Table, inspect, select, update

from bot.storage.crypto import EncryptedText
from bot.storage.db import Base, get_engine


def encrypted_columns(table: Table) -> list:
    """The table's columns stored as Fernet tokens."""
    return [c for c in table.columns if isinstance(c.type, EncryptedText)]


def rotate_keys(url: Optional[str] = None) -> Dict[str, int]:
    """Rows rewritten per table; reading decrypts with any key, writing encrypts with the first."""
    engine = get_engine(url)
    counts: Dict[str, int] = {}
    existing = set(inspect(engine).get_table_names())
    for table in Base.metadata.sorted_tables:
        columns = encrypted_columns(table)
        if not columns or table.name not in existing:
            continue
        key = list(table.primary_key.columns)[0]
        with engine.begin() as conn:
            rows = conn.execute(select(key, *columns)).all()
            for row in rows:
                values = {c.name: row._mapping[c.name] for c in columns}
                conn.execute(update(table).where(key == row._mapping[key.name]).values(**values))
        counts[table.name] = len(rows)
    return counts
