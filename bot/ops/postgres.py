"""Throwaway PostgreSQL databases and roles for the multi-instance and fault tests."""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from typing import Iterator

import psycopg2

ADMIN_DSN = os.environ.get("HFS_PG_ADMIN_DSN", "host=127.0.0.1 port=5432 user=postgres dbname=postgres")


def available() -> bool:
    """Whether the local PostgreSQL server answers."""
    try:
        psycopg2.connect(ADMIN_DSN, connect_timeout=3).close()
        return True
    except psycopg2.OperationalError:
        return False


def _admin(sql: str, dbname: str = "postgres") -> None:
    dsn = ADMIN_DSN.replace("dbname=postgres", f"dbname={dbname}")
    conn = psycopg2.connect(dsn)
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute(sql)
    finally:
        conn.close()


@contextmanager
def scratch_database(prefix: str = "hfs_test") -> Iterator[tuple]:
    """A new database owned by a new login role; yields (url, dbname, role). Dropped afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    role = f"{name}_app"
    _admin(f"CREATE ROLE {role} LOGIN")
    _admin(f"CREATE DATABASE {name} OWNER {role}")
    _admin(f"REVOKE CONNECT ON DATABASE {name} FROM PUBLIC")
    _admin(f"GRANT CONNECT ON DATABASE {name} TO {role}")
    url = f"postgresql+psycopg2://{role}@127.0.0.1:5432/{name}"
    try:
        yield url, name, role
    finally:
        _admin(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'")
        _admin(f"DROP DATABASE IF EXISTS {name}")
        _admin(f"DROP ROLE IF EXISTS {role}")


def cut_off(name: str, role: str) -> None:
    """Make the database unavailable to the app role: no new connections, current ones ended."""
    _admin(f"REVOKE CONNECT ON DATABASE {name} FROM {role}")
    _admin(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{role}'")


def restore(name: str, role: str) -> None:
    """Let the app role connect again."""
    _admin(f"GRANT CONNECT ON DATABASE {name} TO {role}")
