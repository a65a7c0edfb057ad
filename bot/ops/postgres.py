"""Throwaway PostgreSQL databases and roles for the multi-instance and fault tests."""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from typing import Iterator

import psycopg2
from psycopg2 import sql

ADMIN_DSN = os.environ.get("HFS_PG_ADMIN_DSN", "host=127.0.0.1 port=5432 user=postgres dbname=postgres")


def available() -> bool:
    """Whether the local PostgreSQL server answers."""
    try:
        psycopg2.connect(ADMIN_DSN, connect_timeout=3).close()
        return True
    except psycopg2.OperationalError:
        return False


def _admin(statement: sql.Composable, params: tuple = ()) -> None:
    conn = psycopg2.connect(ADMIN_DSN)
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute(statement, params)
    finally:
        conn.close()


@contextmanager
def scratch_database(prefix: str = "hfs_test") -> Iterator[tuple]:
    """A new database owned by a new login role; yields (url, dbname, role). Dropped afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    role = f"{name}_app"
    db, user = sql.Identifier(name), sql.Identifier(role)
    _admin(sql.SQL("CREATE ROLE {} LOGIN").format(user))
    _admin(sql.SQL("CREATE DATABASE {} OWNER {}").format(db, user))
    _admin(sql.SQL("REVOKE CONNECT ON DATABASE {} FROM PUBLIC").format(db))
    _admin(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(db, user))
    url = f"postgresql+psycopg2://{role}@127.0.0.1:5432/{name}"
    try:
        yield url, name, role
    finally:
        _admin(sql.SQL("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s"), (name,))
        _admin(sql.SQL("DROP DATABASE IF EXISTS {}").format(db))
        _admin(sql.SQL("DROP ROLE IF EXISTS {}").format(user))


def cut_off(name: str, role: str) -> None:
    """Make the database unavailable to the app role: no new connections, current ones ended."""
    _admin(sql.SQL("REVOKE CONNECT ON DATABASE {} FROM {}").format(sql.Identifier(name), sql.Identifier(role)))
    _admin(sql.SQL("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s"), (role,))


def restore(name: str, role: str) -> None:
    """Let the app role connect again."""
    _admin(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(name), sql.Identifier(role)))
