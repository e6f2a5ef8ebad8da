"""State is a fold over the log: ``apply`` one envelope at a time, ``replay`` a tail.

The reducer trusts its input: commands (``engine/domain/rules.py``) have checked every rule
before an event reaches the log. It still never raises on an event that refers to
something missing (an import, or a log whose earlier events were voided): such an event
changes nothing.

Voids. ``state.voided`` holds the seqs voided as of ``state.seq``. An ``EventVoided``
adds its target; if the target is itself a void (a redo), the target of that void is
active again unless another active void still names it. Voiding an event that is already
folded cannot be done in place, so ``replay`` takes the state *before* the earliest event
whose status a tail changes (see ``affected_seq``) and folds the tail with the voided set
as it stands at the tail's end: ``state_at(s)`` is the fold of every event up to ``s``
that is active as of ``s``.

Commitment outcomes move trust: when a pair indicator with id ``trust`` exists, a
fulfilled commitment raises each receiver's trust in each giver by 5% of the indicator's
range, and a broken one lowers it by 10% (a suspension moves nothing).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, assert_never

from msgspec.structs import replace

from engine.domain import device_reducer as devices
from engine.domain import events as ev
from engine.domain import state as state_ids
from engine.domain.events import AnyEvent, Envelope
from engine.domain.state import (
    Agreement,
    Bookmark,
    Commitment,
    CommitmentStatus,
    Demand,
    FiredInject,
    IndicatorChange,
    Move,
    Note,
    Roll,
    SessionState,
    Verification,
)
from engine.scenario.model import Effect, Indicator, Scenario

TRUST = "trust"
FULFILLED_TRUST = 0.05  # of the trust indicator's range
BROKEN_TRUST = -0.10


def initial_state(scenario: Scenario) -> SessionState:
    """The state before any event: every indicator at its initial value."""
    return SessionState(
        indicators={key: ind.initial for key, ind in scenario.indicator_keys().items()}
    )


def copy_state(state: SessionState) -> SessionState:
    """An independent copy. Records are frozen, so copying each container is enough; every
    container the state may hold (a dict, list or set, or whatever a snapshot assembled in
    their place) copies itself, so a new collection needs nothing here."""
    fields: dict[str, Any] = {
        name: _copied(getattr(state, name)) for name in SessionState.__struct_fields__
    }
    return SessionState(**fields)


def _copied(value: object) -> object:
    copy = getattr(value, "copy", None)
    return copy() if copy is not None else value


_INDEX: dict[int, tuple[Scenario, dict[str, Indicator]]] = {}


def indicator_index(scenario: Scenario) -> dict[str, Indicator]:
    """``scenario.indicator_keys()``, computed once per scenario object."""
    cached = _INDEX.get(id(scenario))
    if cached is None or cached[0] is not scenario:
        cached = (scenario, scenario.indicator_keys())
        _INDEX[id(scenario)] = cached
    return cached[1]


def tabling_key(from_team: str, to_team: str, issue: str) -> str:
    return f"{from_team}.{to_team}.{issue}"


# --------------------------------------------------------------------------- voids


def void(state: SessionState, seq: int, target: int) -> None:
    """Record the void at ``seq`` of ``target`` in the voided set (nothing else)."""
    state.void_targets[seq] = target
    state.voided.add(target)
    revived = state.void_targets.get(target)
    if revived is not None and not _actively_voided(state, revived):
        state.voided.discard(revived)


def _actively_voided(state: SessionState, seq: int) -> bool:
    """Whether an active void names ``seq``; voids come after their targets, and
    ``void_targets`` is in seq order, so only its tail after ``seq`` is read."""
    for void_seq in reversed(state.void_targets):
        if void_seq < seq:
            return False
        if state.void_targets[void_seq] == seq and void_seq not in state.voided:
            return True
    return False


def affected_seq(void_targets: Mapping[int, int], target: int) -> int:
    """The earliest seq whose active status a void of ``target`` can change.

    A void names an earlier event (``Store.envelopes`` refuses any other), so the chain
    of voids of voids goes strictly down and ends; the guard keeps that true of any
    mapping handed in."""
    seq = target
    while seq in void_targets and void_targets[seq] < seq:  # a void of a void revives its
        seq = void_targets[seq]  # target (and so on down)
    return min(seq, target)


def replay(state: SessionState, tail: Iterable[Envelope], scenario: Scenario) -> SessionState:
    """Fold ``tail`` (envelopes after ``state.seq``, in order) into ``state``, in place.

    Voids in the tail must only affect events after ``state.seq`` (the caller picks the
    snapshot accordingly); they are settled first, so that an event voided later in the
    tail is never applied.
    """
    envelopes = list(tail)
    for env in envelopes:
        if isinstance(env.event, ev.EventVoided):
            void(state, env.seq, env.event.target)
    for env in envelopes:
        if env.seq not in state.voided and not isinstance(env.event, ev.EventVoided):
            apply(state, env, scenario)
        state.seq = env.seq
    return state


# --------------------------------------------------------------------------- events


def apply(state: SessionState, env: Envelope, scenario: Scenario) -> None:
    """Fold one active, non-void event into ``state`` in place."""
    event = env.event
    found = _HANDLERS.get(type(event))
    if found is None:  # the first event of its kind: a dict look-up from then on
        found = _HANDLERS[type(event)] = handler(event)
    found(state, env, event, scenario)
    if event.accepts and getattr(event, "submission", None) is not None:
        devices.accepted(state, env, event, getattr(event, "submission"))  # noqa: B009
    state.seq = env.seq


def apply_effects(
    state: SessionState,
    env: Envelope,
    effects: Iterable[Effect],
    source: str,
    scenario: Scenario,
) -> None:
    """Move indicators, clamping at their bounds; every change goes to the indicator log."""
    keys = indicator_index(scenario)
    for effect in effects:
        indicator = keys.get(effect.key)
        if indicator is None:
            continue
        before = state.indicators.get(effect.key, indicator.initial)
        wanted = before + effect.delta
        after = min(max(wanted, indicator.min), indicator.max)
        state.indicators[effect.key] = after
        state.indicator_log.append(
            IndicatorChange(
                seq=env.seq,
                round=env.round,
                key=effect.key,
                before=before,
                requested=effect.delta,
                after=after,
                source=source,
                clamped=after != wanted,
            )
        )


def _session_started(
    state: SessionState, env: Envelope, e: ev.SessionStarted, sc: Scenario
) -> None:
    state.indicators = {key: ind.initial for key, ind in sc.indicator_keys().items()}


def _round_started(state: SessionState, env: Envelope, e: ev.RoundStarted, sc: Scenario) -> None:
    if not 1 <= e.round <= len(sc.rounds):  # only a damaged save holds one: no such round
        return
    state.round = e.round
    state.round_open = True
    state.phase = 0


def _round_ended(state: SessionState, env: Envelope, e: ev.RoundEnded, sc: Scenario) -> None:
    state.round_open = False


def _phase_changed(state: SessionState, env: Envelope, e: ev.PhaseChanged, sc: Scenario) -> None:
    state.phase = e.phase


def _move_recorded(state: SessionState, env: Envelope, e: ev.MoveRecorded, sc: Scenario) -> None:
    move_id = state_ids.move_id(env.seq)
    state.moves[move_id] = Move(
        number=len(state.moves) + 1,  # records are never removed: a running number
        id=move_id,
        seq=env.seq,
        round=env.round,
        team=e.team,
        move_type=e.move_type,
        tone=e.tone,
        text=e.text,
        visibility=e.visibility,
        targets=e.targets,
    )


def _move_adjudicated(
    state: SessionState, env: Envelope, e: ev.MoveAdjudicated, sc: Scenario
) -> None:
    move = state.moves.get(e.move)
    if move is None or move.outcome is not None:
        return
    state.moves[e.move] = replace(
        move,
        outcome=e.outcome,
        method=e.method,
        reason=e.reason,
        effects=e.effects,
        roll=e.roll,
        seed=e.seed,
        adjudicated_seq=env.seq,
    )
    apply_effects(state, env, e.effects, f"move {e.move}", sc)


def _dice_rolled(state: SessionState, env: Envelope, e: ev.DiceRolled, sc: Scenario) -> None:
    move = state.moves.get(e.move)
    if move is None or move.outcome is not None:
        return
    roll = Roll(env.seq, e.sides, e.seed, e.roll, e.needed)
    state.moves[e.move] = replace(move, rolls=(*move.rolls, roll))


def _demand_tabled(state: SessionState, env: Envelope, e: ev.DemandTabled, sc: Scenario) -> None:
    demand_id = state_ids.demand_id(env.seq)
    opened = state.round_open and 1 <= env.round <= len(sc.rounds)
    kind = sc.rounds[env.round - 1].kind if opened else None
    key = tabling_key(e.from_team, e.to_team, e.issue)
    state.demands[demand_id] = Demand(
        number=len(state.demands) + 1,  # records are never removed: a running number
        id=demand_id,
        seq=env.seq,
        round=env.round,
        round_kind=kind,
        from_team=e.from_team,
        to_team=e.to_team,
        issue=e.issue,
        priority=e.priority,
        text=e.text,
        visibility=e.visibility,
        surprise=kind == "summit" and key not in state.working_tablings,
    )
    if kind == "working":
        state.working_tablings.add(key)


def _demand_status(
    state: SessionState, env: Envelope, e: ev.DemandStatusChanged, sc: Scenario
) -> None:
    demand = state.demands.get(e.demand)
    if demand is not None:
        state.demands[e.demand] = replace(demand, status=e.status, reason=e.reason)


def _commitment_proposed(
    state: SessionState, env: Envelope, e: ev.CommitmentProposed, sc: Scenario
) -> None:
    commitment_id = state_ids.commitment_id(env.seq)
    state.commitments[commitment_id] = Commitment(
        number=len(state.commitments) + 1,  # records are never removed: a running number
        id=commitment_id,
        seq=env.seq,
        round=env.round,
        givers=e.givers,
        receivers=e.receivers,
        proposer=e.proposer or (e.givers[0] if e.givers else env.actor),
        issue=e.issue,
        text=e.text,
        conditions=e.conditions,
        due_round=e.due_round,
        verification=e.verification,
        visibility=e.visibility,
        status_round=env.round,
        status_seq=env.seq,
    )


def _condition_added(
    state: SessionState, env: Envelope, e: ev.ConditionAdded, sc: Scenario
) -> None:
    commitment = state.commitments.get(e.commitment)
    if commitment is not None and e.condition not in commitment.conditions:
        state.commitments[e.commitment] = replace(
            commitment, conditions=(*commitment.conditions, e.condition)
        )


def _condition_dropped(
    state: SessionState, env: Envelope, e: ev.ConditionDropped, sc: Scenario
) -> None:
    commitment = state.commitments.get(e.commitment)
    if commitment is not None and e.condition in commitment.conditions:
        kept = tuple(c for c in commitment.conditions if c != e.condition)
        state.commitments[e.commitment] = replace(commitment, conditions=kept)


_STATUS_OF: dict[type, CommitmentStatus] = {
    ev.CommitmentAgreed: "agreed",
    ev.CommitmentRefused: "refused",
    ev.CommitmentFulfilled: "fulfilled",
    ev.CommitmentSuspended: "suspended",
    ev.CommitmentResumed: "agreed",
    ev.CommitmentBroken: "broken",
    ev.CommitmentWithdrawn: "withdrawn",
}
StatusEvent = (
    ev.CommitmentAgreed | ev.CommitmentRefused | ev.CommitmentFulfilled | ev.CommitmentSuspended
    | ev.CommitmentResumed | ev.CommitmentBroken | ev.CommitmentWithdrawn
)  # fmt: skip


def _commitment_status(state: SessionState, env: Envelope, e: StatusEvent, sc: Scenario) -> None:
    commitment = state.commitments.get(e.commitment)
    if commitment is None:
        return
    status = _STATUS_OF[type(e)]
    state.commitments[e.commitment] = replace(
        commitment,
        status=status,
        status_round=env.round,
        status_seq=env.seq,
        reason=e.reason,
        in_response_to=e.in_response_to if isinstance(e, ev.CommitmentSuspended) else None,
        progress=100 if status == "fulfilled" else commitment.progress,
    )
    share = {"fulfilled": FULFILLED_TRUST, "broken": BROKEN_TRUST}.get(status)
    trust = sc.indicator(TRUST)
    if share is not None and trust is not None and trust.scope == "pair":
        delta = share * (trust.max - trust.min)
        effects = tuple(
            Effect(f"{TRUST}.{receiver}.{giver}", delta)
            for receiver in commitment.receivers
            for giver in commitment.givers
            if receiver != giver
        )
        apply_effects(state, env, effects, f"commitment {e.commitment} {status}", sc)


def _commitment_progressed(
    state: SessionState, env: Envelope, e: ev.CommitmentProgressed, sc: Scenario
) -> None:
    commitment = state.commitments.get(e.commitment)
    if commitment is not None:
        state.commitments[e.commitment] = replace(
            commitment, progress=e.percent, progress_note=e.note
        )


def _commitment_verified(
    state: SessionState, env: Envelope, e: ev.CommitmentVerified, sc: Scenario
) -> None:
    commitment = state.commitments.get(e.commitment)
    if commitment is not None:
        check = Verification(env.seq, env.round, e.verifier, e.result, e.reason)
        state.commitments[e.commitment] = replace(
            commitment, verifications=(*commitment.verifications, check)
        )


def _agreement_signed(
    state: SessionState, env: Envelope, e: ev.AgreementSigned, sc: Scenario
) -> None:
    agreement_id = state_ids.agreement_id(env.seq)
    found = (state.commitments.get(c) for c in e.commitments)
    members = [commitment for commitment in found if commitment is not None]
    involved = {t for c in members for t in (*c.givers, *c.receivers)} | set(e.signatories)
    state.agreements[agreement_id] = Agreement(
        number=len(state.agreements) + 1,  # records are never removed: a running number
        id=agreement_id,
        seq=env.seq,
        round=env.round,
        title=e.title,
        commitments=e.commitments,
        teams=(
            *(t for t in sc.team_ids if t in involved),
            *sorted(involved - set(sc.team_ids)),
        ),
        visibility=e.visibility,
        signatories=e.signatories,
        shape=e.shape,
        follows=e.follows,
    )
    for commitment in members:
        state.commitments[commitment.id] = replace(commitment, agreement=agreement_id)


def _indicator_adjusted(
    state: SessionState, env: Envelope, e: ev.IndicatorAdjusted, sc: Scenario
) -> None:
    apply_effects(state, env, (Effect(e.key, e.delta),), "control", sc)


def _inject_fired(state: SessionState, env: Envelope, e: ev.InjectFired, sc: Scenario) -> None:
    inject = sc.inject(e.inject)
    if inject is None:
        return
    state.injects.append(FiredInject(e.inject, env.seq, env.round, inject.visibility))
    apply_effects(state, env, inject.effects, f"inject {e.inject}", sc)


def _note_added(state: SessionState, env: Envelope, e: ev.NoteAdded, sc: Scenario) -> None:
    state.notes.append(Note(env.seq, env.round, e.text))


def _bookmark_set(state: SessionState, env: Envelope, e: ev.BookmarkSet, sc: Scenario) -> None:
    state.bookmarks.append(Bookmark(env.seq, env.round, e.label))


def _everything_revealed(
    state: SessionState, env: Envelope, e: ev.EverythingRevealed, sc: Scenario
) -> None:
    state.revealed = state.revealed or env.seq  # the first reveal counts (there is one)


Handler = Callable[[SessionState, Envelope, Any, Scenario], None]


def handler(event: AnyEvent) -> Handler:
    """The handler of ``event``'s kind: one arm a kind, and mypy names a missing one."""
    match event:
        case ev.SessionStarted():
            return _session_started
        case ev.RoundStarted():
            return _round_started
        case ev.RoundEnded():
            return _round_ended
        case ev.PhaseChanged():
            return _phase_changed
        case ev.MoveRecorded():
            return _move_recorded
        case ev.MoveAdjudicated():
            return _move_adjudicated
        case ev.DiceRolled():
            return _dice_rolled
        case ev.DemandTabled():
            return _demand_tabled
        case ev.DemandStatusChanged():
            return _demand_status
        case ev.CommitmentProposed():
            return _commitment_proposed
        case ev.ConditionAdded():
            return _condition_added
        case ev.ConditionDropped():
            return _condition_dropped
        case (
            ev.CommitmentAgreed() | ev.CommitmentRefused() | ev.CommitmentFulfilled()
            | ev.CommitmentSuspended() | ev.CommitmentResumed() | ev.CommitmentBroken()
            | ev.CommitmentWithdrawn()
        ):  # fmt: skip
            return _commitment_status
        case ev.CommitmentProgressed():
            return _commitment_progressed
        case ev.CommitmentVerified():
            return _commitment_verified
        case ev.AgreementSigned():
            return _agreement_signed
        case ev.IndicatorAdjusted():
            return _indicator_adjusted
        case ev.InjectFired():
            return _inject_fired
        case ev.NoteAdded():
            return _note_added
        case ev.BookmarkSet():
            return _bookmark_set
        case ev.EventVoided():
            return _void_folded
        case ev.EverythingRevealed():
            return _everything_revealed
        case ev.JoinCodeIssued():
            return devices.code_issued
        case ev.JoinCodeRevoked():
            return devices.code_revoked
        case ev.DeviceJoined():
            return devices.device_joined
        case ev.DeviceRevoked():
            return devices.device_revoked
        case ev.LobbyLocked():
            return devices.lobby_locked
        case ev.SubmissionReceived():
            return devices.submission_received
        case ev.SubmissionHeld():
            return devices.submission_held
        case ev.SubmissionRejected():
            return devices.submission_rejected
        case ev.MessageSent():
            return devices.message_sent
        case _:
            assert_never(event)


def _void_folded(state: SessionState, env: Envelope, e: ev.EventVoided, sc: Scenario) -> None:
    """A void changes no record: ``replay`` settles voids before it folds (see above)."""


_HANDLERS: dict[type[AnyEvent], Handler] = {}  # filled from ``handler``, one kind at a time
