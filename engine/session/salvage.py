"""A damaged save: read up to its last good event, and recover that into a new save.

The checksum chain (``engine/save/chain.py``) tells where the damage starts: rows are
read one at a time, so that a truncated file, a flipped byte or a zeroed page stops the
reading at the first event that cannot be read or does not match its checksum, and
everything before it is kept.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from engine.domain.events import Envelope
from engine.errors import DamagedEventError, DamagedSaveError, DomainError, ParleyError, SaveError
from engine.save import chain
from engine.save.connect import connect_ro
from engine.save.copy import merge_own_log, own_log
from engine.save.lock import writer_live
from engine.save.migrations import APPLICATION_ID
from engine.save.store import read_envelope
from engine.scenario import Scenario, ScenarioError, parse_scenario
from engine.session.audit import kept_by_the_rules
from engine.session.exchange import NOT_COPIED
from engine.session.live import Session
from engine.session.rebuild import build_save


@dataclass
class Salvage:
    source: str
    meta: dict[str, str]
    unread: str = ""  # why the scenario text cannot be read ("" when it can)
    envelopes: list[Envelope] = field(default_factory=list)
    stop: str = ""  # where and why the good events stop ("" when the log is whole)


def salvage(path: Path) -> Salvage:
    """The scenario, metadata and every good event of the save at ``path``: with a live
    writer, as of its last commit (its log read too); after a killed writer, with its own
    log merged (into a scratch copy: the save is never changed); otherwise the file alone,
    never a log that is not this save's."""
    path = Path(path)
    if not path.is_file():
        raise SaveError(f"no save at {path}")
    if writer_live(path):
        return _read(path, path, immutable=False)
    if own_log(path):
        with tempfile.TemporaryDirectory(prefix="parley-recover-") as scratch:
            merged = Path(scratch) / path.name
            try:
                merge_own_log(path, merged)
            except (OSError, sqlite3.Error):
                return _read(path, path, immutable=True)  # its log cannot be merged: the file
            return _read(merged, path, immutable=True)
    return _read(path, path, immutable=True)


def _read(file: Path, path: Path, *, immutable: bool) -> Salvage:
    conn = connect_ro(file, immutable=immutable)
    try:
        conn.execute("PRAGMA mmap_size = 0")  # read() calls: a damaged file is read safely
        # a file shorter than its header says is read as far as it goes (mode=ro: no
        # write can follow, whatever this pragma allows)
        conn.execute("PRAGMA writable_schema = ON")
        if not immutable:
            conn.execute("BEGIN")  # a live writer's commits, as of one of them
        return _salvage(conn, path)
    finally:
        conn.close()


def _salvage(conn: sqlite3.Connection, path: Path) -> Salvage:
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    except sqlite3.DatabaseError as error:  # what check calls it too (its header is gone)
        raise SaveError(f"{path} is not a Parley save (not an SQLite database: {error})") from None
    if app_id != APPLICATION_ID:
        raise SaveError(f"{path} is not a Parley save: nothing to recover")
    source, unread = "", ""  # a scenario that cannot be read may be given to recover
    try:
        row = conn.execute("SELECT CAST(source AS BLOB) FROM scenario WHERE id = 1").fetchone()
        if row is None:
            unread = "it holds no scenario text"
        else:
            source = bytes(row[0]).decode("utf-8")
    except sqlite3.DatabaseError as error:
        unread = f"its scenario cannot be read ({error})"
    except (TypeError, UnicodeDecodeError):
        unread = "its scenario text is damaged (not UTF-8)"
    try:
        meta = {str(k): str(v) for k, v in conn.execute("SELECT key, value FROM meta")}
    except sqlite3.DatabaseError:
        meta = {}
    found = Salvage(source, meta, unread=unread)
    try:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(events)")}
    except sqlite3.DatabaseError as error:
        found.stop = f"the events cannot be read: {error}"
        return found
    chained = "hash" in columns
    hash_column = "hash" if chained else "NULL"
    query = (
        "SELECT at, round, CAST(actor AS BLOB), CAST(kind AS BLOB), CAST(payload AS BLOB), "
        f"{hash_column} FROM events WHERE seq = ?"
    )
    previous, seq = chain.GENESIS, 0
    while True:
        seq += 1
        try:
            row = conn.execute(query, (seq,)).fetchone()
        except sqlite3.DatabaseError as error:
            found.stop = f"event {seq} cannot be read ({error})"
            break
        if row is None:
            found.stop = _after_the_end(conn, seq, meta)
            break
        at, rnd, actor, kind, payload, stored = row
        try:
            digest = chain.link(previous, seq, float(at), int(rnd), actor, kind, payload)
            if chained and stored != digest:
                found.stop = f"event {seq} does not match its checksum"
                break
            text = (actor.decode(), kind.decode(), payload.decode())
            env = read_envelope(path, (seq, at, rnd, *text))
        except (TypeError, ValueError, AttributeError, DamagedEventError):
            found.stop = f"event {seq} cannot be read as an event"
            break
        previous = digest
        found.envelopes.append(env)
    if found.stop:
        found.stop = f"the good events stop at event {seq - 1}: {found.stop}"
    return found


def _after_the_end(conn: sqlite3.Connection, seq: int, meta: dict[str, str]) -> str:
    try:
        later = conn.execute("SELECT min(seq) FROM events WHERE seq > ?", (seq,)).fetchone()[0]
    except sqlite3.DatabaseError as error:
        return f"the rest of the log cannot be read ({error})"
    if later is not None:
        return f"event {seq} is missing (the log goes on at event {later})"
    recorded = int(meta.get("chain_seq", "0") or 0)
    if recorded >= seq:
        return f"events {seq} to {recorded} are missing (the file was cut short)"
    return ""


def recover_save(damaged: Path, out: Path, scenario: Scenario | None = None) -> Session:
    """A new save at ``out`` built from every good event of ``damaged`` (left as it is),
    replayed through the rules as live commands are: an event they refuse is set aside (a
    note in its place names it and the rule). On the session, ``stops_at`` says where the
    good events stopped, if they did, and ``set_aside`` lists the events set aside.

    ``scenario``: the scenario to replay against, for a save whose own scenario text is
    damaged (the save's own is used when it is given none)."""
    found = salvage(Path(damaged))
    if not found.envelopes:
        raise DamagedSaveError(
            f"{damaged}: no event can be recovered ({found.stop or 'empty log'})"
        )
    if scenario is None:
        scenario = _own_scenario(Path(damaged), found)
    try:
        log, refused = kept_by_the_rules(scenario, found.envelopes, Path(damaged).name)
    except DomainError as error:
        raise DamagedSaveError(f"{damaged}: nothing can be recovered: {error}") from None
    meta = {k: v for k, v in found.meta.items() if k not in (*NOT_COPIED, "app_version")}
    meta["recovered_from"] = str(Path(damaged).absolute())
    session = build_save(Path(out), scenario, log, meta)
    session.stops_at = found.stop
    session.set_aside = [str(breach) for breach in refused]
    return session


def _own_scenario(damaged: Path, found: Salvage) -> Scenario:
    hint = "; give its scenario file with --scenario to recover its events against it"
    if found.unread:
        raise DamagedSaveError(f"{damaged}: {found.unread}{hint}")
    try:
        return parse_scenario(found.source, f"{damaged} (its scenario)")
    except ScenarioError as error:
        raise DamagedSaveError(
            f"{damaged}: its scenario no longer validates: {error.faults[0]}{hint}"
        ) from None


def open_damaged(path: Path) -> Session:
    """The save at ``path`` read-only up to its last good event (``stops_at`` says where):
    the good events are folded into a scratch save that is gone once opened."""
    scratch = Path(tempfile.mkdtemp(prefix="parley-damaged-"))
    try:
        with recover_save(path, scratch / "read.parley") as recovered:
            stops_at, set_aside = recovered.stops_at, recovered.set_aside
        session = Session.open(scratch / "read.parley", read_only=True)
    except ParleyError:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    shutil.rmtree(scratch, ignore_errors=True)  # the open connection keeps it readable
    session.store.path = Path(path)
    session.stops_at, session.set_aside = stops_at, set_aside
    return session
