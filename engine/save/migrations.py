"""The save format's versions: the tables of the current format, and numbered migrations.

``TABLES`` declares the tables of the current format (``FORMAT_VERSION``) as sqlite-utils
creates them (``create_tables``). A new save gets them at once (``migrate(conn, 0)``);
an older save is brought up by ``MIGRATIONS[n]``, which takes it from format ``n`` to
``n + 1``, all in the caller's transaction. A save newer than ``FORMAT_VERSION`` is
refused, never touched.

sqlite-utils is imported only by a migration (opening an older save, off the start-up
path). A new save runs ``CREATE_SQL`` instead: the statements sqlite-utils writes for
``TABLES``, kept as a constant because importing sqlite-utils (click, dateutil, pluggy)
costs more than the app's whole start-up margin, and every new session is made on it
(``parley --new``). ``tests/save/test_migrations.py`` fails until the constant matches
what sqlite-utils writes, and checks that a migrated save and a new one have the same
tables. The append path never uses sqlite-utils either: see ``store.py``.

Snapshots are derived data: a migration that changes the state may simply delete them,
and ``STATE_SCHEMA`` (a digest of the state's shape, kept in ``meta``) makes the store
ignore and rebuild snapshots written by code with a different ``SessionState``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

import msgspec

from engine.domain.state import SessionState

if TYPE_CHECKING:
    from sqlite_utils import Database

APPLICATION_ID = 0x50524C59  # "PRLY" in the SQLite header (offset 68)
FORMAT_VERSION = 3


class Table(NamedTuple):
    """One table as sqlite-utils creates it: every column but the key is NOT NULL."""

    columns: dict[str, Any]
    pk: str


TABLES: dict[str, Table] = {
    "meta": Table({"key": str, "value": str}, pk="key"),
    # One row (id 1): the full text of the scenario the session started from.
    "scenario": Table({"id": int, "source": str}, pk="id"),
    "events": Table(
        {
            "seq": int,
            "at": float,
            "round": int,
            "actor": str,
            "kind": str,
            "payload": str,
            "hash": bytes,  # since format 3: the row's checksum, chained (engine/save/chain.py)
        },
        pk="seq",
    ),
    "snapshots": Table({"seq": int, "state": bytes}, pk="seq"),
    "chunks": Table({"hash": str, "records": bytes}, pk="hash"),
}

# What sqlite-utils writes for TABLES (see the module's docstring for why it is a constant).
CREATE_SQL = (
    'CREATE TABLE "meta" (\n   "key" TEXT PRIMARY KEY,\n   "value" TEXT NOT NULL\n)',
    'CREATE TABLE "scenario" (\n   "id" INTEGER PRIMARY KEY,\n   "source" TEXT NOT NULL\n)',
    'CREATE TABLE "events" (\n   "seq" INTEGER PRIMARY KEY,\n   "at" REAL NOT NULL,\n'
    '   "round" INTEGER NOT NULL,\n   "actor" TEXT NOT NULL,\n   "kind" TEXT NOT NULL,\n'
    '   "payload" TEXT NOT NULL,\n   "hash" BLOB NOT NULL\n)',
    'CREATE TABLE "snapshots" (\n   "seq" INTEGER PRIMARY KEY,\n   "state" BLOB NOT NULL\n)',
    'CREATE TABLE "chunks" (\n   "hash" TEXT PRIMARY KEY,\n   "records" BLOB NOT NULL\n)',
)


def database(conn: sqlite3.Connection) -> Database:
    """sqlite-utils over the store's own connection: no plugins, no pragmas of its own."""
    from sqlite_utils import Database

    return Database(conn, recursive_triggers=False, execute_plugins=False)


def create_tables(db: Database) -> None:
    """The tables of the current format, made by sqlite-utils."""
    for name, table in TABLES.items():
        not_null = [column for column in table.columns if column != table.pk]
        db.create_table(name, table.columns, pk=table.pk, not_null=not_null)


def _v2_chunks_by_rowid(conn: sqlite3.Connection) -> None:
    """``chunks`` becomes a rowid table (its key, the hash, keeps its own index).

    WITHOUT ROWID stores whole rows in the B-tree, and with rows of tens of kilobytes
    its inner pages hold a few keys each: looking a chunk up walked a tall tree (7 us,
    against 3 us through a separate index). Chunks and snapshots are derived data, so
    they are emptied (a writer rebuilds them from the log) and sqlite-utils rebuilds the
    table, which it always writes as a rowid table.
    """
    for statement in (
        "DELETE FROM chunks",
        "DELETE FROM snapshots",
        "DELETE FROM meta WHERE key = 'state_schema'",
    ):
        conn.execute(statement)
    database(conn)["chunks"].transform()  # type: ignore[union-attr]


def _v3_chained_events(conn: sqlite3.Connection) -> None:
    """Every event row gets a checksum chained to the row before it (``hash``), and the
    newest is kept in ``meta``: an old save is chained as it stands when first written."""
    from engine.save.chain import rechain

    events = database(conn)["events"]
    events.add_column("hash", bytes)  # type: ignore[union-attr]
    rechain(conn)
    events.transform(not_null={"hash"})  # type: ignore[union-attr]  # as a new save has it


Migration = Callable[[sqlite3.Connection], None]
# MIGRATIONS[n] takes a save from format n to n + 1; format 0 is an empty file.
MIGRATIONS: dict[int, Migration] = {1: _v2_chunks_by_rowid, 2: _v3_chained_events}
assert sorted(MIGRATIONS) == list(range(1, FORMAT_VERSION))


def migrate(conn: sqlite3.Connection, version: int) -> None:
    """Bring a save from ``version`` to ``FORMAT_VERSION`` (inside the caller's transaction);
    version 0 is a new, empty file, which gets the current tables at once."""
    if version == 0:
        for statement in CREATE_SQL:
            conn.execute(statement)
    else:
        for step in range(version, FORMAT_VERSION):
            MIGRATIONS[step](conn)
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
STATE_SCHEMA = "dd8ad2b704348b97"
