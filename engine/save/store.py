"""The save file: the one module that writes Parley saves (see ``docs/save-format.md``).

A save is one SQLite file in WAL mode with four plain tables: ``meta`` (key/value),
``scenario`` (the full text of the scenario it started from), ``events`` (the log: JSON
payloads) and ``snapshots`` (the folded state every ``SNAPSHOT_EVERY`` events, msgpack).
Snapshots are derived data: they can always be rebuilt from the log.

Opening never changes a file that is not a Parley save of a version this code knows: it
is first read through a read-only connection (``mode=ro``), and only then, for writing,
locked and opened read-write. One writer at a time: a writer holds an exclusive
``flock`` on ``<save>.lock`` (released by the kernel when the process dies); readers
take no lock and may open a save that is being written.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import math
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import msgspec

from engine.domain import events as ev
from engine.domain.events import Envelope
from engine.domain.state import SessionState
from engine.domain.versions import decode as decode_event
from engine.errors import DamagedEventError, DamagedSnapshotError, SaveError
from engine.save import chain, snapshots
from engine.save.connect import (
    SYNCHRONOUS,
    check_folder_writable,
    check_parley,
    connect_ro,
    connect_rw,
    format_version,
    full_or,
    read_only_file,
)
from engine.save.lock import WriterLock, writer_live
from engine.save.migrations import (
    APPLICATION_ID,
    FORMAT_VERSION,
    STATE_SCHEMA,
    migrate,
)
from engine.save.wal import WalSync, WalWatch, belongs, record, salts, side_files, wal_path
from engine.version import __version__

SNAPSHOT_EVERY = 1000
# Reads through a memory map rather than a system call per page: seeking reads a snapshot's
# chunks and a tail of events from all over a big save. Saves are never truncated under a
# reader (no VACUUM), which is what makes a map safe.
# A snapshot's chunks are blobs of tens of kilobytes, stored as chains of overflow pages:
# 16 KiB pages make a seek's reads a quarter as many pages as SQLite's default 4 KiB.
PAGE_BYTES = 16384
AUTOCHECKPOINT_PAGES = 1000  # SQLite's default: a log of 16 MB with our pages
CHECKPOINT_COMMITS = 200  # deferred checkpoints: one every so many commits
PART = ".part"  # a save being made: ``.NAME.part`` beside ``NAME``, renamed when complete


def tidy_after_reader(save: Path) -> None:
    """Remove the empty ``-wal`` and ``-shm`` a reader of a live save leaves when its
    writer closed first (the writer truncated its log but could not remove it while the
    reader shared it, and a read-only connection removes nothing).

    Only with no writer live (the writer's lock is taken meanwhile, so none starts) and
    an empty log (nothing to merge, so no byte of the save changes): a connection that
    may write is opened and closed, and SQLite removes the side files when it is the
    last connection to the save, in this process or another, as a writer's close does."""
    wal, shm = side_files(save)[:2]
    if not (wal.exists() or shm.exists()) or writer_live(save):
        return
    try:
        lock = WriterLock.acquire(save)
    except SaveError:
        return
    try:
        if wal.exists() and wal.stat().st_size:
            return  # a log that holds frames is the next writer's to merge
        uri = save.absolute().as_uri() + "?mode=rw"  # never makes a file
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except (sqlite3.Error, OSError):
        return
    finally:
        lock.release(restore=True)


def app_version() -> str:
    """The version written into new saves: a constant, so creating a save does not import
    ``importlib.metadata`` (and the ``email`` package behind it) at start-up."""
    return __version__


class Store:
    """An open save: a connection, and for a writer, the lock."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: WriterLock | None) -> None:
        self.path = path
        self.conn = conn
        self._lock = lock
        self.read_only = lock is None
        self.meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        self.snapshots_valid = self.meta.get("state_schema") == STATE_SCHEMA
        self.cache = snapshots.ChunkCache()
        self.unmerged_wal = False  # a reader left a ``-wal`` beside the save unmerged
        self._watch: WalWatch | None = None
        self._wal_sync: WalSync | None = None  # a writer's: ``sync_wal`` from any thread
        self._shared = False  # a reader sharing a live writer's log (not ``immutable``)
        tip = chain.recorded_tip(conn) if "chain_tip" in self.meta else None
        self._tip: tuple[int, bytes] = tip or (0, chain.GENESIS)

    # ------------------------------------------------------------------ open/create

    @classmethod
    def create(
        cls,
        path: Path,
        *,
        scenario_id: str,
        source: str,
        meta: dict[str, str],
        initial: Callable[[Store], None] | None = None,
    ) -> Store:
        """A new save at ``path`` (which must not exist). ``initial`` writes the first rows
        (the session's first event, a branch's or an import's log) in the same transaction
        as the tables: a new save costs one durable commit.

        The save is written under a hidden temporary name in the same folder
        (``.NAME.part``) and linked to ``path`` only when complete, so a killed or failed
        creation leaves nothing that opens as a save."""
        path = Path(path)
        check_folder_writable(path, making=True)
        if path.exists() or path.is_symlink():
            raise SaveError(f"{path} already exists: a new session never overwrites a file")
        lock = WriterLock.acquire(path)
        part = part_path(path)
        try:
            for stale in (part, *side_files(part)):
                stale.unlink(missing_ok=True)  # a killed creation's, under our lock
            store = cls._write_part(path, part, scenario_id, source, meta, initial)
            try:
                os.link(part, path)  # never over a file that appeared meanwhile
            except FileExistsError:
                store.conn.close()
                raise SaveError(
                    f"{path} already exists: a new session never overwrites a file"
                ) from None
            except OSError as error:
                store.conn.close()
                raise full_or(error, path, f"cannot create {path}: {error.strerror}") from None
            part.unlink()
            _sync_folder(path)
            store.conn.close()
            store.conn = connect_rw(path)
            store.conn.execute("PRAGMA journal_mode = WAL")
            lock.hold(path)
            lock.record(record(path, None))
            store._lock = lock
            store._watch = WalWatch(path)
            store._wal_sync = WalSync(path)
        except BaseException:
            lock.release()
            for stale in (part, *side_files(part)):
                stale.unlink(missing_ok=True)
            raise
        return store

    @classmethod
    def _write_part(
        cls,
        path: Path,
        part: Path,
        scenario_id: str,
        source: str,
        meta: dict[str, str],
        initial: Callable[[Store], None] | None,
    ) -> Store:
        conn = connect_rw(part)
        try:
            conn.execute(f"PRAGMA page_size = {PAGE_BYTES}")  # before the first table
            with _transaction(conn, path):
                migrate(conn, 0)
                rows = {
                    "app_version": app_version(),
                    "created": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
                    "scenario_id": scenario_id,
                    "snapshot_every": str(SNAPSHOT_EVERY),
                    "state_schema": STATE_SCHEMA,
                    **meta,
                }
                conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", rows.items())
                conn.execute("INSERT INTO scenario (id, source) VALUES (1, ?)", (source,))
                store = cls(path, conn, None)
                store.read_only = False
                if initial is not None:
                    initial(store)
                # last, in the same transaction: a part rolled back is no Parley save
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        except BaseException:
            conn.close()
            raise
        return store

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False) -> Store:
        """Open a save; a refusal changes no byte of any file.

        A reader with no live writer reads the file alone (``immutable``: it creates no
        side file, and merges no ``-wal``; ``unmerged_wal`` says one is there). A writer
        merges a ``-wal`` only when it is the log a killed writer of this save recorded."""
        path = Path(path)
        if not path.exists():
            raise SaveError(f"no save at {path}")
        if not path.is_file():
            raise SaveError(f"{path} is not a file")
        if path.name.endswith(PART):
            raise SaveError(f"{path} is a save being made (or left by a killed one), not a save")
        if read_only:
            live = writer_live(path)
            probe = connect_ro(path, immutable=not live)
            try:
                check_parley(probe, path, whole=not live)
                store = cls(path, probe, None)
            except BaseException:
                probe.close()  # a refused read leaves no connection (and so no file) open
                raise
            store.unmerged_wal = not live and salts(path) is not None
            store._shared = live
            return store
        if read_only_file(path):
            raise SaveError(f"{path} is read-only: open it read-only (replay) instead")
        check_folder_writable(path)
        lock = WriterLock.acquire(path)
        try:
            lock.hold(path)
            log = salts(path)
            if log is not None and not belongs(path, log, lock.previous):
                raise SaveError(
                    f"{wal_path(path)} is a write-ahead log that is not this save's (copied "
                    "in, or left from an older copy): nothing was changed; move it away to "
                    f"open {path.name} as it is, or open it read-only"
                )
            probe = connect_ro(path, immutable=True)
            check_parley(probe, path, whole=True)
            probe.close()
            conn = connect_rw(path)
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            version = format_version(conn, path)
            if version < FORMAT_VERSION:
                with _transaction(conn, path):
                    migrate(conn, version)
            store = cls(path, conn, lock)
        except BaseException:
            lock.release(restore=True)
            raise
        store._watch = WalWatch(path)
        store._wal_sync = WalSync(path)
        lock.record(record(path, None))
        store._note_wal()
        return store

    def close(self) -> None:
        moved = self.moved()
        try:
            if self._wal_sync is not None:  # before the log can be removed
                self._wal_sync.close()
            if self._lock is not None:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.conn.close()
            if self._shared:
                tidy_after_reader(self.path)
        finally:
            if self._watch is not None:
                if moved is not None:
                    self._watch.remove_own()
                self._watch.close()
            if self._lock is not None:
                log = salts(self.path) if moved is None else None
                keep = record(self.path, log) if log is not None else None
                self._lock.release(keep=keep)
                self._lock = None

    def moved(self) -> str | None:
        """How the path no longer names the file this writer writes (None while it does)."""
        return self._lock.moved(self.path) if self._lock is not None else None

    def _note_wal(self) -> None:
        """Record the log's identity in the sidecar when the log restarted."""
        if self._watch is not None and self._lock is not None and self._watch.changed():
            log = self._watch.salts
            with contextlib.suppress(OSError):
                self._lock.record(record(self.path, log))

    # ------------------------------------------------------------------ reading

    def scenario_source(self) -> str:
        row = self.conn.execute("SELECT source FROM scenario WHERE id = 1").fetchone()
        if row is None:
            raise SaveError(f"{self.path} holds no scenario text")
        return str(row[0])

    def last_seq(self) -> int:
        return int(self.conn.execute("SELECT coalesce(max(seq), 0) FROM events").fetchone()[0])

    def envelopes(self, start: int = 1, stop: int | None = None) -> Iterator[Envelope]:
        """Envelopes with ``start <= seq < stop`` (to the end when ``stop`` is None)."""
        sql = "SELECT seq, at, round, actor, kind, payload FROM events WHERE seq >= ?"
        args: tuple[int, ...] = (start,)
        if stop is not None:
            sql += " AND seq < ?"
            args = (start, stop)
        cursor = self.conn.execute(sql + " ORDER BY seq", args)
        while rows := cursor.fetchmany(2000):
            for row in rows:
                yield read_envelope(self.path, row)

    def chain_break(self) -> chain.Break | None:
        """The first event row the checksum chain does not vouch for (None: all sound).
        A save of format 2 or older, read as it is, has no chain yet."""
        if int(self.meta.get("format_version", "0") or 0) < 3:
            return None
        try:
            # one read transaction: the tip and the rows as of the same commit, even while
            # a writer appends (read apart, the rows could run past the tip they are held to)
            began = not self.conn.in_transaction
            if began:
                self.conn.execute("BEGIN")
            try:
                tip = chain.recorded_tip(self.conn)
                return chain.first_break(chain.chain_rows(self.conn), tip)
            finally:
                if began:
                    self.conn.execute("COMMIT")
        except sqlite3.DatabaseError as error:
            return chain.Break(0, f"the events cannot be read: {error}", 0)

    def kinds_before(self, seq: int, limit: int) -> list[tuple[int, str]]:
        """(seq, kind) of up to ``limit`` events at or before ``seq``, latest first."""
        rows = self.conn.execute(
            "SELECT seq, kind FROM events WHERE seq <= ? ORDER BY seq DESC LIMIT ?", (seq, limit)
        ).fetchall()
        return [(int(s), str(k)) for s, k in rows]

    def seqs_of_kind(self, kind: str) -> list[int]:
        """The seqs of every event of one kind (``RoundStarted``, ...), in order."""
        rows = self.conn.execute("SELECT seq FROM events WHERE kind = ? ORDER BY seq", (kind,))
        return [int(r[0]) for r in rows]

    def raw_rows(self, start: int = 1, stop: int | None = None) -> list[tuple[object, ...]]:
        """The rows of the events table as stored (for export, branch and check)."""
        stop = stop if stop is not None else self.last_seq() + 1
        return self.conn.execute(
            "SELECT seq, at, round, actor, kind, payload FROM events "
            "WHERE seq >= ? AND seq < ? ORDER BY seq",
            (start, stop),
        ).fetchall()

    def snapshot_seqs(self) -> list[int]:
        if not self.snapshots_valid:
            return []
        return [int(r[0]) for r in self.conn.execute("SELECT seq FROM snapshots ORDER BY seq")]

    def load_snapshot(self, seq: int) -> SessionState:
        """The state of the snapshot at ``seq`` (chunks shared through the cache)."""
        row = self.conn.execute("SELECT state FROM snapshots WHERE seq = ?", (seq,)).fetchone()
        if row is None:
            raise SaveError(f"{self.path}: no snapshot at seq {seq}")
        try:
            core = snapshots.decode_core(row[0])
            return snapshots.assemble(core, self.cache, self.fetch_chunks)
        except DamagedSnapshotError as error:
            raise DamagedSnapshotError(
                f"{self.path}: the snapshot at event {seq} is damaged: {error.detail}",
                detail=f"the snapshot at event {seq} is damaged: {error.detail}",
                digest=error.digest,
            ) from None

    def forget_damaged(self, seq: int, digest: str) -> None:
        """Stop using a damaged snapshot. A writer deletes it, and the damaged chunk, so
        that the next snapshot writes that chunk afresh (snapshots are derived data)."""
        self.cache = snapshots.ChunkCache()  # nothing damaged stays cached
        if self.read_only:
            return
        self.conn.execute("DELETE FROM snapshots WHERE seq = ?", (seq,))
        if digest:
            self.conn.execute("DELETE FROM chunks WHERE hash = ?", (digest,))

    def fetch_chunks(self, hashes: Sequence[str]) -> dict[str, bytes]:
        """The chunks with these keys (hex digests) that the save holds.

        One cached statement a chunk: a seek reads a handful, and an ``IN (...)`` list
        of a different length each time would be compiled each time."""
        found: dict[str, bytes] = {}
        execute = self.conn.execute
        for digest in hashes:
            row = execute("SELECT records FROM chunks WHERE hash = ?", (digest,)).fetchone()
            if row is not None:
                found[digest] = row[0]
        return found

    def snapshot_rows(self) -> list[tuple[int, bytes]]:
        return self.conn.execute("SELECT seq, state FROM snapshots ORDER BY seq").fetchall()

    def chunk_rows(self) -> list[tuple[str, bytes]]:
        return self.conn.execute("SELECT hash, records FROM chunks").fetchall()

    # ------------------------------------------------------------------ writing

    @contextmanager
    def transaction(self, *, sync: bool = True) -> Iterator[None]:
        """One write transaction, committed on exit; a full disk is a SaveError that says
        so, with nothing of the transaction written.

        ``sync`` (the default): the commit fsyncs the log (``synchronous = FULL``), so the
        transaction is durable against a power cut when this returns. ``sync=False``: the
        commit writes its frames to the log without an fsync (``NORMAL`` for this one
        transaction, ``FULL`` again after it, however it ends): it survives a killed
        process at once, a power cut only once ``sync_wal`` has returned since. The
        fsync is the slow part of a commit on a busy disk; ``sync=False`` lets the
        writer's thread go on while another thread makes the transaction durable."""
        self._writable()
        tip = self._tip
        before = self.conn.total_changes
        if not sync:
            self.conn.execute("PRAGMA synchronous = NORMAL")
        try:
            with _transaction(self.conn, self.path):
                yield
        except BaseException:
            self._tip = tip
            raise
        finally:
            if not sync:
                self.conn.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
        if self._wal_sync is not None:
            # a commit that changed no row wrote (and fsynced) nothing: it vouches for nothing
            wrote = self.conn.total_changes != before
            self._wal_sync.committed(durable=sync and wrote)
        self._note_wal()

    def defer_checkpoints(self, deferred: bool = True) -> None:
        """On the writer's thread: while ``deferred``, its commits never checkpoint the log
        (``wal_autocheckpoint = 0``; a checkpoint fsyncs the log and the save, which on a
        busy disk freezes that thread as long as a ``FULL`` commit does); ``sync_wal``
        checkpoints instead, on its own thread, every ``CHECKPOINT_COMMITS`` commits (a
        commit of the devices' writes a few pages: about the 1000 pages at which SQLite's
        own would start). ``deferred=False``: SQLite's own again."""
        if self._wal_sync is None or self._lock is None:
            return  # a reader, or closed
        pages = AUTOCHECKPOINT_PAGES
        self.conn.execute(f"PRAGMA wal_autocheckpoint = {0 if deferred else pages}")
        self._wal_sync.checkpoint_every = CHECKPOINT_COMMITS if deferred else None

    def sync_wal(self) -> None:
        """Make every transaction committed before the call durable against a power cut
        (after ``transaction(sync=False)``): an fsync of the log through a descriptor of
        its own (``engine.save.wal.WalSync``). It touches no SQLite connection, so any
        thread may call it, while the writer's thread goes on writing; a call with nothing
        new to sync returns at once. A refusal of the system is a SaveError (a
        ``DiskFullError`` for a full disk) saying that what was committed since the last
        sync may not survive a power cut. A reader has nothing to sync."""
        if self._wal_sync is None:
            return
        try:
            self._wal_sync.sync()
        except OSError as error:
            raise full_or(
                error,
                self.path,
                f"the system could not write {self.path}'s log to disk ({error.strerror}): "
                "what was recorded since the last save to disk may not survive a power cut",
            ) from None

    def insert(self, envelopes: Iterable[Envelope]) -> None:
        """Append envelopes (inside ``transaction()``), each chained to the one before."""
        self.insert_rows(
            (e.seq, e.at, e.round, e.actor, e.kind, ev.encode(e.event).decode()) for e in envelopes
        )

    def insert_rows(self, rows: Iterable[tuple[Any, ...]]) -> None:
        """Append rows of ``(seq, at, round, actor, kind, payload)`` with their checksums,
        and record the newest in ``meta`` (so that a deleted tail is seen too)."""
        seq: Any
        seq, previous = self._tip
        chained = []
        link = chain.link
        for row in rows:
            seq, at, rnd, actor, kind, payload = row
            previous = link(previous, seq, at, rnd, actor, kind, payload)
            chained.append((*row, previous))
        if not chained:
            return
        self.conn.executemany(
            "INSERT INTO events (seq, at, round, actor, kind, payload, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            chained,
        )
        self.conn.execute(
            "INSERT OR REPLACE INTO meta VALUES ('chain_seq', ?), ('chain_tip', ?)",
            (str(seq), previous.hex()),
        )
        self._tip = (int(seq), previous)

    def write_snapshot(self, state: SessionState) -> snapshots.Core:
        """Write a snapshot of ``state`` (inside ``transaction()``); its core, to assemble
        the state from (its new chunks are in the cache, their records already made)."""
        cut = snapshots.split(state)
        self.conn.executemany("INSERT OR IGNORE INTO chunks (hash, records) VALUES (?, ?)", cut.new)
        self.conn.execute(
            "INSERT OR REPLACE INTO snapshots (seq, state) VALUES (?, ?)", (state.seq, cut.blob)
        )
        for name, digest, chunk in cut.made:
            self.cache.put(name, digest, chunk)
        return cut.core

    def assemble(self, core: snapshots.Core) -> SessionState:
        """The state of a snapshot just written (see ``write_snapshot``)."""
        return snapshots.assemble(core, self.cache, self.fetch_chunks)

    def copy_snapshots(
        self, rows: Iterable[tuple[int, bytes]], chunks: Iterable[tuple[str, bytes]]
    ) -> None:
        self.conn.executemany("INSERT OR IGNORE INTO chunks (hash, records) VALUES (?, ?)", chunks)
        self.conn.executemany("INSERT OR REPLACE INTO snapshots (seq, state) VALUES (?, ?)", rows)

    def set_meta(self, items: dict[str, str]) -> None:
        self.conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", items.items())
        self.meta.update(items)

    def reset_snapshots(self) -> None:
        """Forget every snapshot (they are derived data) and mark the rest as current."""
        self.conn.execute("DELETE FROM snapshots")
        self.conn.execute("DELETE FROM chunks")
        self.cache = snapshots.ChunkCache()
        self.set_meta({"state_schema": STATE_SCHEMA})
        self.snapshots_valid = True

    def _writable(self) -> None:
        if self.read_only:
            raise SaveError(f"{self.path} is open read-only")


# ---------------------------------------------------------------------- helpers


def read_envelope(path: Path, row: Sequence[object]) -> Envelope:
    """One ``(seq, at, round, actor, kind, payload)`` row as an envelope, or a
    ``DamagedEventError`` naming the event and what is wrong with it (a damaged or
    hand-edited save): never a raw decoding error, and never a void of itself or of a
    later event, which would send every fold round in a circle."""
    seq, at, rnd, actor, stored_kind, payload = row
    if type(seq) is not int:
        raise DamagedEventError(f"{path} is damaged: an event is numbered {seq!r}", seq=0)
    where = f"{path} is damaged: event {seq}"
    if not isinstance(payload, str | bytes):
        raise DamagedEventError(f"{where} holds {type(payload).__name__}, not JSON", seq=seq)
    try:
        event = decode_event(payload)
    except (msgspec.DecodeError, RecursionError) as error:  # ValidationError included
        raise DamagedEventError(f"{where} is not a valid event: {error}", seq=seq) from None
    kind = type(event).__name__
    if stored_kind != kind:
        raise DamagedEventError(f"{where} is of kind {stored_kind!r} but holds {kind}", seq=seq)
    if type(rnd) is not int or rnd < 0:
        raise DamagedEventError(f"{where} ({kind}) has round {rnd!r}", seq=seq)
    if type(at) not in (int, float) or not math.isfinite(at):  # type: ignore[arg-type]
        raise DamagedEventError(f"{where} ({kind}) has the time {at!r}", seq=seq)
    if type(actor) is not str:
        raise DamagedEventError(f"{where} ({kind}) has the actor {actor!r}", seq=seq)
    if isinstance(event, ev.EventVoided) and not 1 <= event.target < seq:
        raise DamagedEventError(
            f"{where} (EventVoided) voids event {event.target}: a void names an earlier event",
            seq=seq,
        )
    return Envelope(seq, float(at), rnd, actor, event)  # type: ignore[arg-type]


@contextmanager
def _transaction(conn: sqlite3.Connection, path: Path | None = None) -> Iterator[None]:
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    except (sqlite3.OperationalError, OSError) as error:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise full_or(error, path, None) from None


def part_path(path: Path) -> Path:
    """Where a new save is made before it is complete: hidden, and no ``.parley`` name."""
    return path.with_name(f".{path.name}{PART}")


def _sync_folder(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path.absolute().parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
