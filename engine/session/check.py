"""``check``: is a save sound? Integrity, format version, and snapshots against a fresh fold.

The fresh fold reads the log from the first event and never trusts a snapshot: each
snapshot's state must equal the fold of the log up to its seq. Then the log is replayed
through the rules (``engine/session/audit.py``): the first event no command would have
written is named.
"""

from __future__ import annotations

from pathlib import Path

from engine.domain import events as ev
from engine.domain import reducer
from engine.domain.state import SessionState
from engine.errors import DamagedSnapshotError, ParleyError
from engine.save.damage import READ_ERRORS, damaged
from engine.session.audit import first_breach
from engine.session.live import Session


def check_save(path: str | Path) -> list[str]:
    """What is wrong with the save at ``path``; empty when it is sound."""
    try:
        session = Session.open(path, read_only=True)
    except ParleyError as error:
        return [str(error)]
    with session:
        try:
            return _problems(session)
        except ParleyError as error:  # an event row that cannot be read (named in it)
            return [str(error)]
        except READ_ERRORS as error:
            return [str(damaged(session.path, error))]


def _problems(session: Session) -> list[str]:
    store = session.store
    result = [r[0] for r in store.conn.execute("PRAGMA integrity_check").fetchall()]
    if result != ["ok"]:
        return [f"integrity check failed: {'; '.join(result[:5])}"]
    problems: list[str] = []
    seqs = [r[0] for r in store.conn.execute("SELECT seq FROM events ORDER BY seq")]
    if seqs != list(range(1, len(seqs) + 1)):
        problems.append("the events are not numbered 1, 2, 3, ... without gaps")
    if not store.snapshots_valid:
        problems.append("the snapshots were written by another version (they will be rebuilt)")
        return problems
    snapshots = store.snapshot_seqs()
    envelopes = list(store.envelopes())
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
