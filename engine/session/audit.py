"""Replaying a log through the rules: the first event no live command would have written.

``check``, JSON import and ``recover`` read a log that did not come from this process's
commands: a save edited by hand or damaged, an export from anywhere. ``first_breach``
replays it through the very commands of ``engine/session/commands.py`` (so through the
same rules, ``engine/domain/rules.py``), against the state folded so far: for each event
it calls the command that writes that kind of event with the event's own fields, takes
the event the command would append, and compares it, its actor and its round with what
the log holds. The first event that a command refuses, or that differs from what the
command would write, is the breach: ``event 57 (CommitmentFulfilled): commitment c12 is
proposed and cannot become fulfilled (from proposed: agreed, withdrawn)``. Import refuses
a log with one; ``recover`` sets each such event aside (``kept_by_the_rules``).

A void must be what Undo or Redo would write at that point (the latest active event, or
the latest undo of the trailing run of voids); after one, the state is folded again from
the latest checkpoint that the void cannot reach (as ``Session`` folds from snapshots).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

import msgspec

from engine.domain import events as ev
from engine.domain import reducer
from engine.domain.device_payloads import payload_of
from engine.domain.events import CONTROL, Envelope
from engine.domain.rules import Rules
from engine.domain.state import Changes, SessionState
from engine.errors import DomainError
from engine.scenario.model import Scenario
from engine.session.commands import SessionCommands
from engine.session.device_commands import DeviceCommands

CHECKPOINT_EVERY = 1000  # states kept for folding again after a void


@dataclass(frozen=True)
class RuleBreach:
    """The first event of a log that breaks a rule, and the rule in words."""

    seq: int
    kind: str
    rule: str

    def __str__(self) -> str:
        return f"event {self.seq} ({self.kind}): {self.rule}"


class _Made(Exception):
    """What a command would append (raised by ``_Rehearsal._commit``, never written)."""

    def __init__(self, event: ev.Event, actor: str) -> None:
        super().__init__(type(event).__name__)
        self.event = event
        self.actor = actor


class _Rehearsal(SessionCommands, DeviceCommands):
    """The session's commands over a state in memory: a command checks its rules against
    ``state`` and, instead of appending, hands back the event it would write."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.rules = Rules(scenario)
        self.state = reducer.initial_state(scenario)

    def _commit(self, event: ev.AnyEvent, actor: str) -> Changes:
        raise _Made(self._prepared(event, actor), actor)


def first_breach(scenario: Scenario, envelopes: Iterable[Envelope]) -> RuleBreach | None:
    """The first envelope that no live command would have written; None if every one is."""
    audit = _Audit(scenario)
    for env in envelopes:
        try:
            audit.take(env)
        except DomainError as error:
            return RuleBreach(env.seq, env.kind, str(error))
    return None


def kept_by_the_rules(
    scenario: Scenario, envelopes: Iterable[Envelope], source: str
) -> tuple[list[Envelope], list[RuleBreach]]:
    """The log as the rules take it: every envelope a live command would have written,
    in its place; each one they refuse is set aside, a note at its seq (Control's, in the
    session's round) naming it and the rule in its stead, so that the events after it keep
    their numbers (and the records their ids). The second list: the events set aside.

    A first event that is refused sets nothing aside: a log without its start is no
    session (a ``DomainError``)."""
    audit = _Audit(scenario)
    kept: list[Envelope] = []
    refused: list[RuleBreach] = []
    for env in envelopes:
        try:
            audit.take(env)
        except DomainError as error:
            breach = RuleBreach(env.seq, env.kind, str(error))
            if env.seq == 1:
                raise DomainError(f"{breach}: a session cannot start with it") from None
            note = ev.NoteAdded(f"set aside from {source}: {breach}")
            env = Envelope(env.seq, env.at, audit.live.state.round, CONTROL, note)
            audit.take(env)
            refused.append(breach)
        kept.append(env)
    return kept, refused


class _Audit:
    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.live = _Rehearsal(scenario)
        self.log: list[Envelope] = []
        self.checkpoints: dict[int, SessionState] = {0: reducer.copy_state(self.live.state)}
        self.void_targets: dict[int, int] = {}
        self.trailing: list[tuple[int, int]] = []  # (seq, target) of the voids at the end

    def take(self, env: Envelope) -> None:
        """Check ``env`` against the rules and fold it; a ``DomainError`` if it breaks one."""
        state = self.live.state
        expected_seq = len(self.log) + 1
        if env.seq != expected_seq:
            raise DomainError(f"it is numbered {env.seq}, where event {expected_seq} belongs")
        event, actor = self._expected(env)
        if event != env.event:
            raise DomainError(_difference(event, env.event))
        if actor != env.actor:
            raise DomainError(f"it is recorded as {env.actor!r}'s, but it is {actor!r}'s to make")
        rnd = event.round if isinstance(event, ev.RoundStarted) else state.round
        if rnd != env.round:
            raise DomainError(f"it is recorded in round {env.round}, but the session is in {rnd}")
        self.log.append(env)
        if isinstance(env.event, ev.EventVoided):
            self.void_targets[env.seq] = env.event.target
            self.trailing.append((env.seq, env.event.target))
            self._fold_again(env.seq, env.event.target)
        else:
            if env.event.undoable:  # a device's joining or submitting leaves the run whole
                self.trailing.clear()
            reducer.apply(self.live.state, env, self.scenario)
        if env.seq % CHECKPOINT_EVERY == 0:
            self.checkpoints[env.seq] = reducer.copy_state(self.live.state)

    def _expected(self, env: Envelope) -> tuple[ev.Event, str]:
        """The event and actor the command behind ``env`` would write now."""
        event = cast(ev.AnyEvent, env.event)
        if isinstance(event, ev.SessionStarted):
            return self._started(env.seq), CONTROL
        if env.seq == 1:
            raise DomainError("a log starts with SessionStarted")
        try:
            with self.live.acting_device(event.by_device):  # who took it: a live device
                if isinstance(event, ev.EventVoided):
                    return self.live._prepared(self._void(event), CONTROL), CONTROL
                _command(self.live, event)
        except _Made as made:
            return made.event, made.actor
        raise AssertionError(f"the command for {env.kind} wrote nothing")  # pragma: no cover

    def _started(self, seq: int) -> ev.Event:
        if seq != 1:
            raise DomainError("a session starts once, at event 1")
        return ev.SessionStarted(self.scenario.id, self.scenario.title)

    def _void(self, event: ev.EventVoided) -> ev.EventVoided:
        undo, redo = self._undo_target(), self._redo_target()
        if event.target == undo:
            return ev.EventVoided(undo, "undo")
        if event.target == redo:
            return ev.EventVoided(redo, "redo")
        could = [f"Undo would void event {undo}" if undo else "there is nothing to undo"]
        could.append(f"Redo event {redo}" if redo else "nothing to redo")
        raise DomainError(f"it voids event {event.target}, but {' and '.join(could)}")

    def _undo_target(self) -> int | None:
        voided = self.live.state.voided
        for env in reversed(self.log):
            if env.seq not in voided and env.event.undoable:
                return env.seq
        return None

    def _redo_target(self) -> int | None:
        state = self.live.state
        for seq, target in reversed(self.trailing):
            if seq not in state.voided and target not in state.void_targets:
                return seq
        return None

    def _fold_again(self, seq: int, target: int) -> None:
        """The state after the void at ``seq``: from the latest checkpoint no void since
        reaches behind (a void of an earlier event changes what was folded after it)."""
        earliest = reducer.affected_seq(self.void_targets, target)
        base = max(s for s in self.checkpoints if s < earliest)
        while True:
            tail = self.log[base:seq]
            reach = min(
                (reducer.affected_seq(self.void_targets, e.event.target) for e in tail
                 if isinstance(e.event, ev.EventVoided)),
                default=seq + 1,
            )  # fmt: skip
            if reach > base:
                break
            base = max(s for s in self.checkpoints if s < reach)
        state = reducer.copy_state(self.checkpoints[base])
        self.live.state = reducer.replay(state, tail, self.scenario)


def _command(s: _Rehearsal, event: ev.AnyEvent) -> None:
    """Call the command that writes ``event``, with its fields (it raises ``_Made``)."""
    submission = getattr(event, "submission", None) if event.accepts else None
    if submission is not None:  # accepted from a device: the accept writes it
        read = payload_of(event)
        assert read is not None
        s.accept(submission=submission, edits=read[1])
        return
    match event:
        case ev.RoundStarted():
            s.start_round()
        case ev.RoundEnded():
            s.end_round()
        case ev.PhaseChanged():
            s.set_phase(phase=event.phase)
        case ev.MoveRecorded():
            s.record_move(
                team=event.team, move_type=event.move_type, tone=event.tone, text=event.text,
                visibility=event.visibility, targets=event.targets,
            )  # fmt: skip
        case ev.MoveAdjudicated():
            s.adjudicate(
                move=event.move, outcome=event.outcome, method=event.method,
                reason=event.reason, effects=event.effects, seed=event.seed,
                sides=6 if event.sides is None else event.sides, needed=event.needed,
                rolled=event.rolled,
            )  # fmt: skip
        case ev.DiceRolled():
            s.roll_dice(
                move=event.move, sides=event.sides, needed=event.needed, seed=event.seed,
                table=event.needed is None,
            )  # fmt: skip
        case ev.DemandTabled():
            s.table_demand(
                from_team=event.from_team, to_team=event.to_team, issue=event.issue,
                priority=event.priority, text=event.text, visibility=event.visibility,
            )  # fmt: skip
        case ev.DemandStatusChanged():
            s.set_demand_status(demand=event.demand, status=event.status, reason=event.reason)
        case ev.CommitmentProposed():
            s.propose_commitment(
                givers=event.givers, receivers=event.receivers, issue=event.issue,
                text=event.text, conditions=event.conditions, due_round=event.due_round,
                verification=event.verification, visibility=event.visibility,
                proposer=event.proposer,
            )  # fmt: skip
        case ev.ConditionAdded():
            s.add_condition(
                commitment=event.commitment, condition=event.condition, reason=event.reason
            )
        case ev.ConditionDropped():
            s.drop_condition(
                commitment=event.commitment, condition=event.condition, reason=event.reason
            )
        case ev.CommitmentAgreed():
            s.agree_commitment(commitment=event.commitment, reason=event.reason)
        case ev.CommitmentRefused():
            s.refuse_commitment(commitment=event.commitment, reason=event.reason)
        case ev.CommitmentProgressed():
            s.record_progress(commitment=event.commitment, percent=event.percent, note=event.note)
        case ev.CommitmentFulfilled():
            s.fulfil_commitment(commitment=event.commitment, reason=event.reason)
        case ev.CommitmentSuspended():
            s.suspend_commitment(
                commitment=event.commitment, reason=event.reason,
                in_response_to=event.in_response_to,
            )  # fmt: skip
        case ev.CommitmentResumed():
            s.resume_commitment(commitment=event.commitment, reason=event.reason)
        case ev.CommitmentBroken():
            s.break_commitment(commitment=event.commitment, reason=event.reason)
        case ev.CommitmentWithdrawn():
            s.withdraw_commitment(commitment=event.commitment, reason=event.reason)
        case ev.CommitmentVerified():
            s.verify_commitment(
                commitment=event.commitment, result=event.result, verifier=event.verifier,
                reason=event.reason,
            )  # fmt: skip
        case ev.AgreementSigned():
            s.sign_agreement(
                title=event.title, commitments=event.commitments, visibility=event.visibility,
                signatories=event.signatories, shape=event.shape, follows=event.follows,
            )  # fmt: skip
        case ev.IndicatorAdjusted():
            s.adjust_indicator(key=event.key, delta=event.delta, reason=event.reason)
        case ev.InjectFired():
            s.fire_inject(inject=event.inject)
        case ev.NoteAdded():
            s.add_note(text=event.text)
        case ev.BookmarkSet():
            s.set_bookmark(label=event.label)
        case ev.EverythingRevealed():
            s.reveal_everything()
        case ev.JoinCodeIssued():
            s._issue_code(role=event.role, team=event.team, digest=event.digest)
        case ev.JoinCodeRevoked():
            s.revoke_code(code=event.code)
        case ev.DeviceJoined():
            s._join(code=event.code, digest=event.digest, label=event.label)
        case ev.DeviceRevoked():
            s.revoke_device(device=event.device)
        case ev.LobbyLocked():
            s.lock_lobby(locked=event.locked)
        case ev.SubmissionReceived():
            s.submit(device=event.device, what=event.what, payload=event.payload)
        case ev.SubmissionHeld():
            s.hold(submission=event.submission, note=event.note)
        case ev.SubmissionRejected():
            s.reject(submission=event.submission, reason=event.reason)
        case ev.MessageSent():
            s.send_message(sender=event.sender, to=event.to, text=event.text)
        case ev.SessionStarted() | ev.EventVoided():  # the audit's own (see _expected)
            raise AssertionError(type(event).__name__)
        case _:  # a kind with no command here: the check says so, not a traceback
            raise DomainError(f"no command of this Parley writes a {type(event).__name__}")


def _difference(expected: ev.Event, found: ev.Event) -> str:
    """In words: how the event in the log differs from what its command would write."""
    want, got = msgspec.structs.asdict(expected), msgspec.structs.asdict(found)
    for name, value in got.items():
        if want.get(name) != value:
            return (
                f"its {name} is {_short(value)}, where the command would record "
                f"{_short(want.get(name))}"
            )
    return "it differs from what its command would record"  # pragma: no cover


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:79] + "…"
