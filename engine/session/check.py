"""``check``: is a save sound? Integrity, format version, and snapshots against a fresh fold.

The fresh fold reads the log from the first event and never trusts a snapshot: each
snapshot's state must equal the fold of the log up to its seq. Then the log is replayed
through the rules (``engine/session/audit.py``): the first event no command would have
written is named.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from engine.domain import events as ev
from engine.domain import reducer
from engine.domain.state import SessionState
from engine.errors import DamagedSaveError, DamagedSnapshotError, ParleyError
from engine.save.damage import READ_ERRORS, damaged
from engine.save.store import Store
from engine.session.audit import first_breach
from engine.session.live import Session


@dataclass(frozen=True)
class Verdict:
    """What ``check`` found: ``refused`` when there is no save to check (no such file, not
    a Parley save, a newer format), else the damage found (empty: sound) and a warning of
    an unmerged ``-wal`` beside the file."""

    refused: str = ""
    damage: tuple[str, ...] = ()
    unmerged: str = ""

    def lines(self) -> list[str]:
        return [line for line in (self.refused, self.unmerged, *self.damage) if line]


def check_save(path: str | Path) -> list[str]:
    """What is wrong with the save at ``path``, in lines; empty when it is sound."""
    return check(path).lines()


def check(path: str | Path) -> Verdict:
    """Is the save at ``path`` sound? (See the module docstring.)

    The checksum chain is read first, from the rows as stored: a changed byte or an edited
    row is named by its event before anything is folded."""
    try:
        store = Store.open(Path(path), read_only=True)
    except DamagedSaveError as error:
        return Verdict(damage=(str(error),))
    except ParleyError as error:
        return Verdict(refused=str(error))
    try:
        broken = store.chain_break()
        warning = _unmerged(store)
    finally:
        store.close()
    if broken is not None:
        where = f"the log breaks at event {broken.seq}: {broken.why}"
        return Verdict(damage=(where,), unmerged=warning)
    try:
        session = Session.open(path, read_only=True)
    except DamagedSaveError as error:
        return Verdict(damage=(str(error),), unmerged=warning)
    except ParleyError as error:
        return Verdict(refused=str(error), unmerged=warning)
    with session:
        try:
            damage = _problems(session)
        except ParleyError as error:  # an event row that cannot be read (named in it)
            damage = [str(error)]
        except READ_ERRORS as error:
            damage = [str(damaged(session.path, error))]
    return Verdict(damage=tuple(damage), unmerged=warning)


def _unmerged(store: Store) -> str:
    if not store.unmerged_wal:
        return ""
    return (
        f"{store.path.name}-wal beside it holds changes not merged into the save (its "
        "writer was killed, or the log is not this save's): open the save for writing "
        "once to merge its own log, or copy it with `parley copy`"
    )


def _problems(session: Session) -> list[str]:
    store = session.store
    result = [r[0] for r in store.conn.execute("PRAGMA integrity_check").fetchall()]
    if result != ["ok"]:
        return [f"integrity check failed: {'; '.join(result[:5])}"]
    problems: list[str] = []
    # The save as it was opened, up to the event its state was folded to: a live writer
    # may append meanwhile, and what it appends is not a difference from the fold.
    last = session.last_seq
    query = "SELECT seq FROM events WHERE seq <= ? ORDER BY seq"
    seqs = [r[0] for r in store.conn.execute(query, (last,))]
    if seqs != list(range(1, len(seqs) + 1)):
        problems.append("the events are not numbered 1, 2, 3, ... without gaps")
    # Snapshots written by another version of the state are derived data, not damage: the
    # next writer rebuilds them, and the log is checked against a fresh fold all the same.
    snapshots = [s for s in store.snapshot_seqs() if s <= last] if store.snapshots_valid else []
    envelopes = list(store.envelopes(1, last + 1))
    problems.extend(session.damaged)  # met while opening (the state folded past them)
    for seq in snapshots:
        expected = _fresh_fold(session, envelopes[:seq])
        try:
            differs = store.load_snapshot(seq) != expected  # compares every record
        except DamagedSnapshotError as error:
            if error.detail not in problems:
                problems.append(error.detail)
            continue
        if differs:
            problems.append(f"the snapshot at event {seq} differs from a fresh fold of the log")
    if session.state != _fresh_fold(session, envelopes):
        problems.append("the current state differs from a fresh fold of the log")
    breach = first_breach(session.scenario, envelopes)
    if breach is not None:
        problems.append(f"{breach} (no command would have written it)")
    return problems


def _fresh_fold(session: Session, envelopes: list[ev.Envelope]) -> SessionState:
    state = reducer.initial_state(session.scenario)
    state.indicators = {}
    return reducer.replay(state, envelopes, session.scenario)
