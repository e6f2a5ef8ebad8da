"""The save format's versions: numbered migrations, applied in order in one transaction.

``MIGRATIONS[n]`` takes a save from format ``n`` to ``n + 1`` (``MIGRATIONS[0]`` creates
the tables of a new save). A save newer than ``FORMAT_VERSION`` is refused, never
touched. Snapshots are derived data: a migration that changes the state may simply
delete them, and ``STATE_SCHEMA`` (a digest of the state's shape, kept in ``meta``) makes
the store ignore and rebuild snapshots written by code with a different ``SessionState``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import msgspec

from engine.domain.state import SessionState

APPLICATION_ID = 0x50524C59  # "PRLY" in the SQLite header (offset 68)
FORMAT_VERSION = 2


def _create_v1(conn: sqlite3.Connection) -> None:
    # one statement per execute(): executescript() would commit the caller's transaction
    for statement in (
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE scenario (id INTEGER PRIMARY KEY CHECK (id = 1), source TEXT NOT NULL)",
        """CREATE TABLE events (
            seq INTEGER PRIMARY KEY,
            at REAL NOT NULL,
            round INTEGER NOT NULL,
            actor TEXT NOT NULL,
            kind TEXT NOT NULL,
            payload TEXT NOT NULL
        )""",
        "CREATE TABLE snapshots (seq INTEGER PRIMARY KEY, state BLOB NOT NULL)",
        "CREATE TABLE chunks (hash TEXT PRIMARY KEY, records BLOB NOT NULL) WITHOUT ROWID",
    ):
        conn.execute(statement)


def _v2_chunks_by_rowid(conn: sqlite3.Connection) -> None:
    """``chunks`` becomes a rowid table with an index on the hash.

    WITHOUT ROWID stores whole rows in the B-tree, and with rows of tens of kilobytes
    its inner pages hold a few keys each: looking a chunk up walked a tall tree (7 us,
    against 3 us through a separate index). Chunks and snapshots are derived data, so
    they are dropped and a writer rebuilds them from the log.
    """
    for statement in (
        "DROP TABLE chunks",
        "CREATE TABLE chunks (hash TEXT PRIMARY KEY, records BLOB NOT NULL)",
        "DELETE FROM snapshots",
        "DELETE FROM meta WHERE key = 'state_schema'",
    ):
        conn.execute(statement)


Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[Migration] = [_create_v1, _v2_chunks_by_rowid]
assert len(MIGRATIONS) == FORMAT_VERSION


def migrate(conn: sqlite3.Connection, version: int) -> None:
    """Bring a save from ``version`` to ``FORMAT_VERSION`` (inside the caller's transaction)."""
    for step in MIGRATIONS[version:]:
        step(conn)
    conn.execute(f"PRAGMA user_version = {FORMAT_VERSION}")
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('format_version', ?)", (str(FORMAT_VERSION),))


def state_schema() -> str:
    """A digest of the state's shape, the snapshot core's and the chunk encoding's:
    snapshots written with another are ignored and rebuilt, never misread."""
    import hashlib

    from engine.save.chunks import CHUNK_FORMAT
    from engine.save.snapshots import Core

    schema = msgspec.json.encode(msgspec.json.schema(tuple[SessionState, Core]))
    schema += f"|chunks {CHUNK_FORMAT}".encode()
    return hashlib.sha256(schema).hexdigest()[:16]


# The digest of the running code, kept as a constant so that start-up does not generate a
# JSON Schema; tests/test_store.py fails until it is updated after a change of shape.
STATE_SCHEMA = "e3213f406d9e4e52"
