"""A session: a save file, its scenario, and the live state folded from its log.

Commands (``engine/session/commands.py``) check the rules first and raise a
``DomainError`` with nothing written; then they append one event, commit it (the
transaction is durable before the command returns), fold it into ``state`` and return
``Changes``. Every command writes exactly one event, so Undo undoes exactly one command.

Undo voids the latest active undoable event (anything but ``SessionStarted``, voids and
what a team's device did by itself: ``Event.undoable``); Redo voids the latest undo of
the trailing run of voids at the end of the log (a device's joining or submitting in
between leaves the run whole). Any other command ends that run, so it clears the redo
chain; both are read from the log, so they survive closing and reopening the save.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from engine.domain import events as ev
from engine.domain import reducer
from engine.domain.events import CONTROL, Envelope
from engine.domain.history import changes_for, describe
from engine.domain.rules import Rules
from engine.domain.state import Changes, SessionState
from engine.domain.words import Words
from engine.errors import (
    DamagedSaveError,
    DamagedSnapshotError,
    NothingToUndoError,
    SaveError,
    SaveMovedError,
    UnknownRecordError,
)
from engine.save.damage import reading
from engine.save.snapshots import chunk_hashes, decode_core
from engine.save.store import SNAPSHOT_EVERY, Store
from engine.scenario import Scenario, ScenarioError, parse_scenario
from engine.session.commands import SessionCommands
from engine.session.device_commands import DeviceCommands


class Session(SessionCommands, DeviceCommands):
    """One exercise being run or replayed (see the module docstring)."""

    def __init__(self, store: Store, scenario: Scenario) -> None:
        self.store = store
        self.scenario = scenario
        self.rules = Rules(scenario)
        self.state = SessionState()
        self.last_seq = 0
        self.echo: list[object] = []  # callables taking each committed Envelope
        self.damaged: list[str] = []  # damaged snapshots met (and no longer used)
        self.stops_at = ""  # a damaged save read up to its last good event: where, and why
        self.set_aside: list[str] = []  # recovered: the events the rules refused, and why
        self._snapshots: list[int] = store.snapshot_seqs()
        self._trailing: list[tuple[int, int]] = []  # (seq, target) of the voids at the end
        self._labels: dict[str, str] = {}  # "Move 3" by id, for Redo after an undo
        self._batch = 0
        self._undo: tuple[int, Envelope | None] | None = None  # (last_seq, target) cache

    # ------------------------------------------------------------------ lifecycle

    @classmethod
    def create(cls, scenario: Scenario, path: str | Path) -> Session:
        """A new save at ``path`` (never overwriting a file), started with ``SessionStarted``.

        The tables, the first event and its snapshot are written in one transaction."""
        started: list[Session] = []

        def start(store: Store) -> None:
            session = cls(store, scenario)
            session.state = reducer.initial_state(scenario)
            session._batch = 1  # inside the store's transaction: no commit of its own
            session._commit(ev.SessionStarted(scenario.id, scenario.title), CONTROL)
            session._batch = 0
            started.append(session)

        Store.create(
            Path(path),
            scenario_id=scenario.id,
            source=scenario.source,
            meta={"scenario_title": scenario.title},
            initial=start,
        )
        return started[0]

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False) -> Session:
        """Open a save; a file SQLite cannot read is a ``SaveError`` naming it."""
        with reading(path):
            store = Store.open(Path(path), read_only=read_only)
        try:
            with reading(path):
                session = cls(store, _scenario_of(store))
                session._load()
        except BaseException:
            store.close()
            raise
        return session

    def verify(self) -> None:
        """Walk the log's checksum chain (it reads every row: for the verbs that read the
        whole log anyway, export and report); a ``DamagedSaveError`` names the first event
        it does not vouch for."""
        with reading(self.path):
            broken = self.store.chain_break()
        if broken is not None:
            raise DamagedSaveError(
                f"{self.path} is damaged: the log breaks at event {broken.seq}: {broken.why}; "
                "`parley recover` writes its good events into a new save"
            )

    def _load(self) -> None:
        self.last_seq = self.store.last_seq()
        if not self.store.snapshots_valid and not self.read_only:
            self._rebuild_snapshots()
        self.state = self._compute(self.last_seq)
        if self.damaged and not self.read_only:  # derived data: fold them again
            self._rebuild_snapshots()
        self._trailing = self._trailing_voids()

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    @property
    def meta(self) -> dict[str, str]:
        return dict(self.store.meta)

    # ------------------------------------------------------------------ reading

    def events(self, start: int = 1, stop: int | None = None) -> Iterator[Envelope]:
        """Envelopes with ``start <= seq < stop``, voided ones included (it is the log)."""
        return self.store.envelopes(start, stop)

    def envelope(self, seq: int) -> Envelope:
        for env in self.store.envelopes(seq, seq + 1):
            return env
        raise UnknownRecordError(f"no event {seq} in this session ({self.scenario.id})")

    def state_at(self, seq: int) -> SessionState:
        """The state after event ``seq``: the nearest snapshot, and a fold of the tail."""
        if not 0 <= seq <= self.last_seq:
            raise UnknownRecordError(f"no event {seq} in this session (last is {self.last_seq})")
        if seq == self.last_seq:
            return reducer.copy_state(self.state)
        return self._compute(seq)

    def states_at(self, seqs: Iterable[int]) -> Iterator[SessionState]:
        """The state after each of ``seqs`` (ascending), as ``state_at`` gives it, but
        folded forward from one to the next wherever no undo in between reaches behind
        it (else from a snapshot): a pass over the log, not one fold per seq. Each state
        is folded on into the next one: copy what must outlive the step."""
        state: SessionState | None = None
        for seq in seqs:
            if not 0 <= seq <= self.last_seq:
                raise UnknownRecordError(
                    f"no event {seq} in this session (last is {self.last_seq})"
                )
            if state is not None and seq >= state.seq:
                base = state.seq
                tail = list(self.store.envelopes(base + 1, seq + 1))
                voids = {e.seq: e.event.target for e in tail if isinstance(e.event, ev.EventVoided)}
                if all(self._affected(t, voids, base) > base for t in voids.values()):
                    yield reducer.replay(state, tail, self.scenario)
                    continue
            state = self.state_at(seq)
            yield state

    def _compute(self, seq: int) -> SessionState:
        """Fold to ``seq`` from the latest sound snapshot no void in the tail reaches behind."""
        while True:
            base, tail = self._base_and_tail(seq)
            try:
                return reducer.replay(self._base_state(base), tail, self.scenario)
            except DamagedSnapshotError as error:
                if base == 0:
                    raise
                self._forget_damaged(base, error)

    def _base_and_tail(self, seq: int) -> tuple[int, list[Envelope]]:
        base = self._snapshot_before(seq + 1)
        while True:
            tail = list(self.store.envelopes(base + 1, seq + 1))
            voids = {e.seq: e.event.target for e in tail if isinstance(e.event, ev.EventVoided)}
            earliest = min(
                (self._affected(t, voids, base) for t in voids.values()), default=seq + 1
            )
            if earliest > base:
                return base, tail
            base = self._snapshot_before(earliest)

    def _forget_damaged(self, base: int, error: DamagedSnapshotError) -> None:
        """A damaged snapshot is derived data: fold from an earlier one, and say so."""
        self.damaged.append(error.detail)
        self._snapshots.remove(base)
        self.store.forget_damaged(base, error.digest)

    def _affected(self, target: int, voids: dict[int, int], base: int) -> int:
        """The earliest event a void of ``target`` reaches, following voids of voids.

        ``voids`` holds every void in the tail after ``base``; a target in the tail that is
        not among them is an ordinary event, so only targets at or before ``base`` are
        read from the save.
        """
        earliest = target
        while True:
            inner = voids.get(target)
            if inner is None and 1 <= target <= base:
                env = self.envelope(target) if target <= self.last_seq else None
                if env is not None and isinstance(env.event, ev.EventVoided):
                    inner = env.event.target
            if inner is None or inner >= target:  # a void names an earlier event
                return earliest
            earliest = target = min(earliest, inner)

    def _snapshot_before(self, seq: int) -> int:
        """The latest snapshot seq strictly before ``seq`` (0: the empty state)."""
        i = bisect.bisect_left(self._snapshots, seq)
        return self._snapshots[i - 1] if i else 0

    def _base_state(self, base: int) -> SessionState:
        if base == 0:
            state = reducer.initial_state(self.scenario)
            state.indicators = {}
            return state
        return self.store.load_snapshot(base)

    # ------------------------------------------------------------------ writing

    def _commit(self, event: ev.AnyEvent, actor: str) -> Changes:
        """Append one event, commit it, fold it; the command's checks are done."""
        event = self._prepared(event, actor)
        self.store._writable()
        if not self._batch:
            self._stay_in_place()
        rnd = event.round if isinstance(event, ev.RoundStarted) else self.state.round
        env = Envelope(self.last_seq + 1, time.time(), rnd, actor, event)
        if self._batch:
            self.store.insert((env,))
        else:
            with self.store.transaction():
                self.store.insert((env,))
        self.last_seq = env.seq
        also = self._fold(env)
        if self.state.seq - (self._snapshots[-1] if self._snapshots else 0) >= SNAPSHOT_EVERY or (
            env.seq == 1
        ):
            try:
                self._snapshot()
            except SaveError:
                if self._batch:
                    raise
                # the event is committed; a snapshot is derived data (a full disk, say):
                # the next command tries again

        for callback in self.echo:
            if not self._batch:
                callback(env)  # type: ignore[operator]
        if also is None:
            return changes_for(env, _capital(describe(env, self.words)))
        redo = isinstance(event, ev.EventVoided) and event.target in self.state.void_targets
        what = "Redo" if redo else "Undo"
        return changes_for(env, f"{what}: {describe(also, self.words)}", also=also)

    def _fold(self, env: Envelope) -> Envelope | None:
        self._undo = None
        if not isinstance(env.event, ev.EventVoided):
            reducer.apply(self.state, env, self.scenario)
            if env.event.undoable:  # Undo's target: just written; and no more redo
                self._trailing.clear()
                self._undo = (env.seq, env)
            return None
        self._trailing.append((env.seq, env.event.target))
        self.state = self._compute(env.seq)
        target = self.envelope(env.event.target)
        if isinstance(target.event, ev.EventVoided):
            target = self.envelope(target.event.target)
        return target

    def _snapshot(self) -> None:
        if self._batch:
            core = self.store.write_snapshot(self.state)
        else:
            with self.store.transaction():
                core = self.store.write_snapshot(self.state)
        self._snapshots.append(self.state.seq)
        # The state now sits on the snapshot it was cut into (the same records, shared),
        # so the next snapshot writes only the chunks the fold touches meanwhile.
        self.state = self.store.assemble(core)

    @contextmanager
    def batch(self, *, sync: bool = True) -> Iterator[None]:
        """Commit many commands in one transaction (generation, import, and the calls of
        team devices that arrive together; not the window's own commands).

        Echo callbacks are not called inside a batch: nothing is acknowledged before the
        batch commits. If the batch fails, nothing of it is written and the state is
        folded again from the save.

        ``sync=False`` commits without an fsync (``Store.transaction``): the batch's
        events survive a killed process when it returns, a power cut only once ``sync``
        has returned since, so nothing of it may be acknowledged, or shown to anyone but
        the caller, before then. A batch inside another is part of the outer one's
        transaction, and durable as that one is.
        """
        if self._batch:
            self._batch += 1
            try:
                yield
            finally:
                self._batch -= 1
            return
        self.store._writable()
        self._stay_in_place()
        self._batch = 1
        try:
            with self.store.transaction(sync=sync):
                yield
        except BaseException:
            self._batch = 0
            self._snapshots = self.store.snapshot_seqs()
            self._load()
            raise
        self._batch = 0

    def sync(self) -> None:
        """Make every event committed before the call durable against a power cut (after
        ``batch(sync=False)``); a SaveError if the system refused.

        The one method of a Session that any thread may call, while the owner's thread
        goes on with the session: it touches neither the state nor the writer's SQLite
        connection, only the log's file (``Store.sync_wal``), and after
        ``defer_checkpoints`` a checkpoint through a connection of its own."""
        self.store.sync_wal()

    def defer_checkpoints(self, deferred: bool = True) -> None:
        """While ``deferred``, this thread's commits never checkpoint the log: ``sync``
        does, on its own thread (``Store.defer_checkpoints``)."""
        self.store.defer_checkpoints(deferred)

    def _stay_in_place(self) -> None:
        """Before writing: is the save still at its path? A save deleted, renamed or
        replaced under the session would take (or spoil) appends unseen; instead every
        event committed so far goes into a recovered copy beside the old path, the
        session goes on there, and the command is refused saying so."""
        how = self.store.moved()
        if how is None:
            return
        from engine.save.copy import copy_save

        old = self.path
        new = copy_save(self.store, recovered_path(old))
        store = Store.open(new)
        self.store.close()
        self.store = store
        self._snapshots = store.snapshot_seqs()
        raise SaveMovedError(
            f"{old.name} was {how} while it was open. Nothing recorded is lost: the "
            f"session goes on in {new}. This last entry was not recorded: do it again."
        )

    def _rebuild_snapshots(self) -> None:
        """Snapshots written by code with another state shape: fold the log again."""
        with self.store.transaction():
            self._load_snapshots_afresh()

    def _load_snapshots_afresh(self) -> None:
        """Drop every snapshot and fold new ones (inside the caller's transaction)."""
        self.store.reset_snapshots()
        self._snapshots = []
        self.last_seq = self.store.last_seq()
        for seq in (1, *range(SNAPSHOT_EVERY, self.last_seq + 1, SNAPSHOT_EVERY)):
            if seq <= self.last_seq:
                self.store.write_snapshot(self._compute(seq))
                self._snapshots.append(seq)

    # ------------------------------------------------------------------ undo and redo

    def _trailing_voids(self) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        seq = self.last_seq
        while seq > 0:
            rows = self.store.kinds_before(seq, 256)
            for row_seq, kind in rows:
                if kind in ev.NOT_UNDOABLE and kind not in ("EventVoided", "SessionStarted"):
                    continue  # a device's doing: the run of undos goes on behind it
                if kind != "EventVoided":
                    return out[::-1]
                event = self.envelope(row_seq).event
                assert isinstance(event, ev.EventVoided)
                out.append((row_seq, event.target))
            seq = rows[-1][0] - 1 if rows else 0
        return out[::-1]

    def _undo_target(self) -> Envelope | None:
        if self._undo is not None and self._undo[0] == self.last_seq:
            return self._undo[1]
        found: Envelope | None = None
        seq = self.last_seq
        while seq > 1 and found is None:
            rows = self.store.kinds_before(seq, 256)
            for row_seq, kind in rows:
                if kind not in ev.NOT_UNDOABLE and row_seq not in self.state.voided:
                    found = self.envelope(row_seq)
                    break
            seq = rows[-1][0] - 1 if rows else 0
        self._undo = (self.last_seq, found)
        return found

    def _redo_target(self) -> tuple[int, Envelope] | None:
        for seq, target in reversed(self._trailing):
            if seq not in self.state.voided and target not in self.state.void_targets:
                return seq, self.envelope(target)
        return None

    @property
    def undo_event(self) -> Envelope | None:
        """The event Undo would void now, if any."""
        return None if self.read_only else self._undo_target()

    @property
    def can_undo(self) -> bool:
        return not self.read_only and self._undo_target() is not None

    @property
    def can_redo(self) -> bool:
        return not self.read_only and self._redo_target() is not None

    @property
    def words(self) -> Words:
        """Names for this session's ids, records by their running numbers; a record an
        undo took out of the state keeps the number it had (so Redo names it)."""
        return Words(self.scenario, self.state, known=self._labels)

    @property
    def undo_label(self) -> str:
        """ "Undo: record Move 3 (USA)": the menu text, in the words the room says."""
        target = self._undo_target()
        return f"Undo: {describe(target, self.words)}" if target else "Undo"

    @property
    def redo_label(self) -> str:
        """ "Redo: record Move 3 (USA)" after that move's undo."""
        found = self._redo_target()
        return f"Redo: {describe(found[1], self.words)}" if found else "Redo"

    def undo(self) -> Changes:
        """Void the latest active command (its event stays in the log)."""
        target = self._undo_target()
        if target is None:
            raise NothingToUndoError("nothing to undo")
        return self._commit(ev.EventVoided(target.seq, "undo"), CONTROL)

    def redo(self) -> Changes:
        """Void the latest undo, if no other command came after it."""
        found = self._redo_target()
        if found is None:
            raise NothingToUndoError("nothing to redo")
        return self._commit(ev.EventVoided(found[0], "redo"), CONTROL)

    # ------------------------------------------------------------------ branching

    def log_hash(self, seq: int | None = None) -> str:
        """SHA-256 of the log up to ``seq``: seq, kind and payload of each event."""
        import hashlib  # not at start-up: it loads OpenSSL

        digest = hashlib.sha256()
        for row in self.store.raw_rows(1, (seq if seq is not None else self.last_seq) + 1):
            digest.update(f"{row[0]}\t{row[4]}\t{row[5]}\n".encode())
        return digest.hexdigest()

    def branch(self, *, seq: int, path: str | Path) -> Session:
        """A new save holding this log up to ``seq``, its parent recorded in ``meta``.

        The parent's snapshots are copied when they are of the running code's shape;
        otherwise (a save written by another version) the branch folds its own."""
        if not 1 <= seq <= self.last_seq:
            raise UnknownRecordError(f"no event {seq} to branch from (last is {self.last_seq})")
        meta = {
            "scenario_title": self.scenario.title,
            "parent_path": str(self.path.resolve()),
            "parent_seq": str(seq),
            "parent_log_hash": self.log_hash(seq),
        }

        def copy_log(store: Store) -> None:
            store.insert_rows(self.store.raw_rows(1, seq + 1))
            if self.store.snapshots_valid:
                rows = [r for r in self.store.snapshot_rows() if r[0] <= seq]
                used = set().union(*(chunk_hashes(decode_core(c)) for _, c in rows))
                store.copy_snapshots(rows, self.store.fetch_chunks(sorted(used)).items())

        # one transaction under a temporary name: a killed branch leaves no save
        store = Store.create(
            Path(path),
            scenario_id=self.scenario.id,
            source=self.scenario.source,
            meta=meta,
            initial=copy_log,
        )
        try:
            child = Session(store, self.scenario)
            if not self.store.snapshots_valid:
                child._rebuild_snapshots()
            child._load()
        except BaseException:
            store.close()
            raise
        return child


_PARSED: dict[str, Scenario] = {}  # scenario text -> its Scenario (frozen; a few kept)


def _scenario_of(store: Store) -> Scenario:
    """The save's scenario; a text met before (the groups of a class) is parsed once."""
    source = store.scenario_source()
    known = _PARSED.get(source)
    if known is not None:
        return known
    try:
        scenario = parse_scenario(source, f"{store.path} (its scenario)")
    except ScenarioError as error:
        faults = "; ".join(str(f) for f in error.faults[:3])
        raise SaveError(f"{store.path}: its scenario text no longer validates: {faults}") from None
    if len(_PARSED) >= 8:
        _PARSED.pop(next(iter(_PARSED)))
    _PARSED[source] = scenario
    return scenario


def recovered_path(path: Path) -> Path:
    """``NAME (recovered).parley`` beside ``path``, numbered when that is taken."""
    for n in range(1, 1000):
        mark = "recovered" if n == 1 else f"recovered {n}"
        candidate = path.with_name(f"{path.stem} ({mark}){path.suffix}")
        if not candidate.exists():
            return candidate
    raise SaveError(f"no free name for a recovered copy of {path}")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
