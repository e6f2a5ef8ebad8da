"""The commands of a session: check the rules, then append exactly one event.

Every command takes keyword-only arguments, raises a ``DomainError`` before writing
anything when a rule is broken (``engine/domain/rules.py``), and returns ``Changes``.
Who acts: moves and demands are their team's; a commitment's proposal is its proposer's
(its first giver, or the team that asks for it); its agreement or refusal the other side's
(the first receiver of an offer, the first giver of an ask); its progress, fulfilment,
suspension, resumption, breach and withdrawal its first giver's; a verification its
verifier's when that is a team; everything else is Control's.
"""

from __future__ import annotations

from collections.abc import Iterable

from engine.domain import dice
from engine.domain import events as ev
from engine.domain.events import (
    CONTROL,
    AgreementShape,
    Condition,
    Method,
    Outcome,
    VerificationResult,
)
from engine.domain.rules import (
    AGREEMENT_SHAPES,
    DEMAND_OUTCOMES,
    VERIFIABLE,
    VERIFICATION_RESULTS,
    Rules,
)
from engine.domain.state import Changes, Commitment, CommitmentStatus, Move, SessionState
from engine.errors import IllegalTransitionError, InvalidCommandError, UnknownRecordError
from engine.scenario.model import Effect, Inject, Round, Scenario

OUTCOMES = ("success", "partial", "failure")
METHODS = ("judgement", "dice", "table")
EffectLike = Effect | tuple[str, float]
ConditionLike = Condition | tuple[str, str] | str  # "c5": a commitment condition
ANSWERS: tuple[CommitmentStatus, ...] = ("agreed", "refused")  # the other side's answer


def _answering(commitment: Commitment) -> str:
    """Who answers a proposal: the first giver for an ask, the first receiver otherwise."""
    return commitment.givers[0] if commitment.ask else commitment.receivers[0]


class SessionCommands:
    """Mixed into ``Session``; see ``engine/session/live.py`` for the log and the store."""

    scenario: Scenario
    rules: Rules
    state: SessionState

    def _commit(self, event: ev.AnyEvent, actor: str) -> Changes:
        raise NotImplementedError

    # ------------------------------------------------------------------ rounds

    @property
    def current_round(self) -> Round | None:
        """The open round, or None between rounds."""
        return self.scenario.rounds[self.state.round - 1] if self.state.round_open else None

    def due_injects(self) -> tuple[Inject, ...]:
        """Injects due at the current round that have not been fired yet."""
        fired = {f.inject for f in self.state.injects}
        return tuple(
            i for i in self.scenario.injects if i.round == self.state.round and i.id not in fired
        )

    def start_round(self) -> Changes:
        """Start the next round of the plan. An open round ends with it (one event, one undo)."""
        number = self.state.round + 1
        if number > len(self.scenario.rounds):
            raise IllegalTransitionError(
                f"round {self.state.round} is the last of scenario {self.scenario.id}"
            )
        return self._commit(ev.RoundStarted(number), CONTROL)

    def end_round(self) -> Changes:
        if not self.state.round_open:
            raise IllegalTransitionError("no round is open")
        return self._commit(ev.RoundEnded(self.state.round), CONTROL)

    def set_phase(self, *, phase: int) -> Changes:
        current = self.current_round
        if current is None:
            raise IllegalTransitionError("no round is open: phases belong to a round")
        if isinstance(phase, bool) or not isinstance(phase, int):
            raise InvalidCommandError(f"phase {phase!r} is not a phase number")
        if not 0 <= phase < len(current.phases):
            raise InvalidCommandError(
                f"round {current.number} has phases 0..{len(current.phases) - 1}, not {phase}"
            )
        return self._commit(ev.PhaseChanged(phase, current.phases[phase].name), CONTROL)

    def next_phase(self) -> Changes:
        current = self.current_round
        if current is not None and self.state.phase + 1 >= len(current.phases):
            raise IllegalTransitionError(
                f"{current.phases[-1].name!r} is the last phase of round {current.number}"
            )
        return self.set_phase(phase=self.state.phase + 1)

    # ------------------------------------------------------------------ moves

    def record_move(
        self,
        *,
        team: str,
        move_type: str,
        tone: int,
        text: str,
        visibility: Iterable[str] | str | None = None,
        targets: Iterable[str] = (),
    ) -> Changes:
        r = self.rules
        event = ev.MoveRecorded(
            team=r.seated(self.state, team),
            move_type=r.move_type(move_type),
            tone=r.tone(tone),
            text=text,
            visibility=r.visibility(visibility),
            targets=r.teams(targets),
        )
        return self._commit(event, team)

    def preview_effects(self, *, move: str, outcome: Outcome) -> tuple[Effect, ...]:
        """What a ruling would apply: the type's effects, half of them, or none."""
        found = self.rules.move(self.state, move)
        if outcome not in OUTCOMES:
            raise InvalidCommandError(f"outcome {outcome!r} is not one of {', '.join(OUTCOMES)}")
        move_type = self.scenario.move_type(found.move_type)
        effects = move_type.effects if move_type else ()
        if outcome == "failure":
            return ()
        if outcome == "partial":
            return tuple(Effect(e.key, e.delta / 2) for e in effects)
        return effects

    def roll_dice(
        self,
        *,
        move: str,
        sides: int = 6,
        needed: int | None = None,
        table: bool = False,
        seed: int | None = None,
    ) -> Changes:
        """Roll for a ruling on ``move``: logged, so a re-roll leaves its trace. With
        ``table`` the die is the move type's outcome table's and the table rules."""
        found = self._unruled(move)
        if table:
            sides, needed = self._table_sides(found.move_type), None
        else:
            sides = _sides(sides)
            needed = dice.default_needed(sides) if needed is None else _needed(needed)
        seed = dice.new_seed() if seed is None else seed
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise InvalidCommandError(f"a seed is a whole number, not {seed!r}")
        roll = dice.roll(seed, sides)
        event = ev.DiceRolled(move=move, sides=sides, seed=seed, roll=roll, needed=needed)
        return self._commit(event, CONTROL)

    def _unruled(self, move: str) -> Move:
        found = self.rules.move(self.state, move)
        if found.outcome is not None:
            raise IllegalTransitionError(
                f"move {move} is already ruled on ({found.outcome}, at event "
                f"{found.adjudicated_seq}): undo that ruling to rule again"
            )
        return found

    def _table_sides(self, move_type: str) -> int:
        kind = self.scenario.move_type(move_type)
        sides = kind.table_sides if kind is not None else None
        if sides is None:
            name = kind.name if kind is not None else move_type
            raise InvalidCommandError(f"move type {name!r} has no outcome table in the scenario")
        return sides

    def adjudicate(
        self,
        *,
        move: str,
        outcome: Outcome | None,
        method: Method,
        reason: str,
        effects: Iterable[EffectLike] | None = None,
        seed: int | None = None,
        sides: int = 6,
        needed: int | None = None,
        rolled: int | None = None,
    ) -> Changes:
        """Rule on a move, once. By dice or by the move type's outcome table, the ruling
        uses the roll logged at ``rolled`` (``roll_dice``), or rolls ``random.Random(seed)``
        itself; the roll decides the outcome unless Control gives one (overruling it)."""
        found = self._unruled(move)
        if method not in METHODS:
            raise InvalidCommandError(f"method {method!r} is not one of {', '.join(METHODS)}")
        kind = self.scenario.move_type(found.move_type)
        by_table = method == "table" and kind is not None and kind.table_sides is not None
        roll = None
        if rolled is not None:
            used = next((r for r in found.rolls if r.seq == rolled), None)
            if used is None:
                raise InvalidCommandError(f"event {rolled} is not a roll logged for move {move}")
            if method == "judgement" or (used.needed is None) != (method == "table"):
                raise InvalidCommandError(f"the roll at event {rolled} is not one for {method}")
            seed, sides, needed, roll = used.seed, used.sides, used.needed, used.roll
        elif method == "dice" or by_table:
            sides = self._table_sides(found.move_type) if by_table else _sides(sides)
            seed = dice.new_seed() if seed is None else seed
            needed = None if by_table else dice.default_needed(sides) if needed is None else needed
            roll = dice.roll(seed, sides)
        if roll is not None:
            assert sides is not None and seed is not None
            row = kind.table_row(roll) if by_table and kind is not None else None
            if needed is not None:
                needed = _needed(needed)
            if outcome is None:
                outcome = row.outcome if row else "success" if roll >= (needed or 0) else "failure"
            rule = f"rolled {roll} on a d{sides}" + (f", needed {needed}" if needed else "")
            reason = reason or (row.text if row and row.text else rule)
        else:
            seed = needed = None
            if outcome is None:
                raise InvalidCommandError(f"a ruling by {method} needs an outcome")
            self.rules.text(reason, "the reason for a ruling")
        applied = (
            self.preview_effects(move=move, outcome=outcome)
            if effects is None
            else self.rules.effects(effects)
        )
        if outcome not in OUTCOMES:
            raise InvalidCommandError(f"outcome {outcome!r} is not one of {', '.join(OUTCOMES)}")
        event = ev.MoveAdjudicated(
            move=move,
            outcome=outcome,
            method=method,
            reason=reason,
            effects=applied,
            seed=seed,
            roll=roll,
            sides=sides if roll is not None else None,
            needed=needed,
            rolled=rolled,
        )
        return self._commit(event, CONTROL)

    # ------------------------------------------------------------------ demands

    def table_demand(
        self,
        *,
        from_team: str,
        to_team: str,
        issue: str,
        priority: int,
        text: str,
        visibility: Iterable[str] | str | None = None,
    ) -> Changes:
        r = self.rules
        r.seated(self.state, from_team)
        r.team(to_team)
        if from_team == to_team:
            raise InvalidCommandError(f"team {from_team!r} cannot table a demand to itself")
        event = ev.DemandTabled(
            from_team=from_team,
            to_team=to_team,
            issue=r.issue(issue),
            priority=r.priority(priority),
            text=text,
            visibility=r.visibility(visibility),
        )
        return self._commit(event, from_team)

    def set_demand_status(self, *, demand: str, status: str, reason: str = "") -> Changes:
        found = self.rules.demand(self.state, demand)
        if status not in DEMAND_OUTCOMES:
            raise InvalidCommandError(
                f"a demand can become {', '.join(DEMAND_OUTCOMES)}, not {status!r}"
            )
        if found.status != "open":
            raise IllegalTransitionError(
                f"demand {demand} is already {found.status} and cannot become {status}"
            )
        event = ev.DemandStatusChanged(demand, status, reason)  # type: ignore[arg-type]
        return self._commit(event, CONTROL)

    # ------------------------------------------------------------------ commitments

    def propose_commitment(
        self,
        *,
        issue: str,
        text: str,
        givers: Iterable[str] | str = (),
        receivers: Iterable[str] | str = (),
        giver: str | None = None,
        receiver: str | None = None,
        conditions: Iterable[ConditionLike] = (),
        due_round: int | None = None,
        verification: bool = False,
        visibility: Iterable[str] | str | None = None,
        proposer: str | None = None,
    ) -> Changes:
        """Givers promise receivers (``giver``/``receiver``: one of each). ``proposer``, when
        not a giver, asks the givers for it (an ask); it acts, and must be seated."""
        r = self.rules
        given = r.parties(givers or ((giver,) if giver else ()), "giver")
        received = r.parties(receivers or ((receiver,) if receiver else ()), "receiver")
        both = set(given) & set(received)
        if both:
            raise InvalidCommandError(
                f"team {sorted(both)[0]!r} cannot make a commitment to itself"
            )
        actor = given[0] if proposer is None or proposer in given else proposer
        r.seated(self.state, actor)
        found = tuple(dict.fromkeys(r.condition(self.state, c) for c in conditions))
        event = ev.CommitmentProposed(
            givers=given,
            receivers=received,
            issue=r.issue(issue),
            text=text,
            conditions=found,
            due_round=r.round_number(due_round, self.state, "due round"),
            verification=bool(verification),
            visibility=r.visibility(visibility),
            proposer=None if actor in given else actor,
        )
        return self._commit(event, actor)

    def add_condition(
        self, *, commitment: str, condition: ConditionLike, reason: str = ""
    ) -> Changes:
        """Make a commitment wait on something more, before or after agreement (two may
        wait on each other); after agreement this is renegotiation and needs a reason."""
        found = self.rules.commitment(self.state, commitment)
        wanted = self.rules.condition(self.state, condition, owner=commitment)
        if not found.open:
            raise IllegalTransitionError(
                f"commitment {commitment} is {found.status}: its conditions are settled"
            )
        if found.status != "proposed":
            self.rules.text(reason, "the reason for renegotiating an agreed commitment")
        if wanted in found.conditions:
            raise IllegalTransitionError(f"commitment {commitment} already waits on {wanted}")
        return self._commit(ev.ConditionAdded(commitment, wanted, reason), CONTROL)

    def drop_condition(
        self, *, commitment: str, condition: ConditionLike, reason: str = ""
    ) -> Changes:
        """A commitment no longer waits on one of its conditions (renegotiation)."""
        found = self.rules.commitment(self.state, commitment)
        if isinstance(condition, str):
            condition = Condition("commitment", condition)
        elif not isinstance(condition, Condition):
            condition = Condition(*condition)  # type: ignore[arg-type]
        if condition not in found.conditions:
            raise IllegalTransitionError(f"commitment {commitment} does not wait on {condition}")
        if not found.open:
            raise IllegalTransitionError(
                f"commitment {commitment} is {found.status}: its conditions are settled"
            )
        if found.status != "proposed":
            self.rules.text(reason, "the reason for renegotiating an agreed commitment")
        return self._commit(ev.ConditionDropped(commitment, condition, reason), CONTROL)

    def _transition(self, commitment: str, status: CommitmentStatus, event: ev.AnyEvent) -> Changes:
        found = self.rules.commitment(self.state, commitment)
        self.rules.transition(found, status)
        return self._commit(event, _answering(found) if status in ANSWERS else found.givers[0])

    def agree_commitment(self, *, commitment: str, reason: str = "") -> Changes:
        """Agreed by the other side: the receivers for an offer, the givers for an ask."""
        found = self.rules.commitment(self.state, commitment)
        if found.status == "suspended":
            raise IllegalTransitionError(
                f"commitment {commitment} is suspended: resume it rather than agree it again"
            )
        return self._transition(commitment, "agreed", ev.CommitmentAgreed(commitment, reason))

    def refuse_commitment(self, *, commitment: str, reason: str = "") -> Changes:
        """The other side turns a proposal down (final)."""
        event = ev.CommitmentRefused(commitment, reason)
        return self._transition(commitment, "refused", event)

    def record_progress(self, *, commitment: str, percent: int, note: str = "") -> Changes:
        """How much of an agreed commitment is carried out; 100 % still needs a fulfil."""
        found = self.rules.commitment(self.state, commitment)
        if isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100:
            raise InvalidCommandError(f"progress {percent!r} is not a whole percent 0..100")
        if found.status != "agreed":
            raise IllegalTransitionError(
                f"commitment {commitment} is {found.status}: progress is recorded on agreed "
                "commitments"
            )
        if percent == found.progress:
            raise IllegalTransitionError(f"commitment {commitment} is at {percent} % already")
        event = ev.CommitmentProgressed(commitment, percent, note)
        return self._commit(event, found.givers[0])

    def fulfil_commitment(self, *, commitment: str, reason: str = "") -> Changes:
        event = ev.CommitmentFulfilled(commitment, reason)
        return self._transition(commitment, "fulfilled", event)

    def suspend_commitment(
        self, *, commitment: str, reason: str = "", in_response_to: str | None = None
    ) -> Changes:
        """Pause an agreed commitment; ``in_response_to`` names another party's broken
        commitment when the pause answers that breach."""
        found = self.rules.commitment(self.state, commitment)
        if in_response_to is not None:
            breach = self.rules.commitment(self.state, in_response_to)
            if breach.status != "broken":
                raise IllegalTransitionError(
                    f"commitment {in_response_to} is {breach.status}, not broken: a "
                    "suspension answers a breach"
                )
            if set(breach.givers) <= set(found.givers):
                raise InvalidCommandError(
                    f"commitment {in_response_to} is {commitment}'s own givers' breach, "
                    "not another party's"
                )
        event = ev.CommitmentSuspended(commitment, reason, in_response_to)
        self.rules.transition(found, "suspended")
        return self._commit(event, found.givers[0])

    def resume_commitment(self, *, commitment: str, reason: str = "") -> Changes:
        found = self.rules.commitment(self.state, commitment)
        if found.status != "suspended":
            raise IllegalTransitionError(
                f"commitment {commitment} is {found.status}: only a suspended one resumes"
            )
        return self._commit(ev.CommitmentResumed(commitment, reason), found.givers[0])

    def break_commitment(self, *, commitment: str, reason: str = "") -> Changes:
        return self._transition(commitment, "broken", ev.CommitmentBroken(commitment, reason))

    def withdraw_commitment(self, *, commitment: str, reason: str = "") -> Changes:
        event = ev.CommitmentWithdrawn(commitment, reason)
        return self._transition(commitment, "withdrawn", event)

    def verify_commitment(
        self,
        *,
        commitment: str,
        result: VerificationResult | None = None,
        verifier: str = CONTROL,
        reason: str = "",
        verified: bool | None = None,
    ) -> Changes:
        """Record one check of a commitment made with verification, by a team or an
        observer (Control by default); repeatable. ``verified``: True confirmed, False
        failed (the older spelling)."""
        found = self.rules.commitment(self.state, commitment)
        if result is None and verified is not None:
            result = "confirmed" if verified else "failed"
        if result not in VERIFICATION_RESULTS:
            raise InvalidCommandError(
                f"a verification is {', '.join(VERIFICATION_RESULTS)}, not {result!r}"
            )
        if verifier != CONTROL:
            self.rules.verifier(verifier)
        if not found.verification:
            raise IllegalTransitionError(f"commitment {commitment} was made without verification")
        if found.status not in VERIFIABLE:
            raise IllegalTransitionError(
                f"commitment {commitment} is {found.status}: only agreed, suspended, fulfilled "
                "or broken commitments are verified"
            )
        event = ev.CommitmentVerified(commitment, result, verifier, reason)
        actor = verifier if self.scenario.team(verifier) is not None else CONTROL
        return self._commit(event, actor)

    def sign_agreement(
        self,
        *,
        title: str,
        commitments: Iterable[str],
        visibility: Iterable[str] | str | None = None,
        signatories: Iterable[str] = (),
        shape: AgreementShape | None = None,
        follows: str | None = None,
    ) -> Changes:
        """Sign agreed commitments together; each belongs to one agreement at most.

        ``signatories``: who signs (may include teams party to none of its commitments);
        ``shape``: a big deal, a step of a sequence (``follows`` names the agreement it
        comes after), or a joint statement."""
        names = tuple(dict.fromkeys(commitments))
        if not names:
            raise InvalidCommandError("an agreement needs at least one commitment")
        for name in names:
            found = self.rules.commitment(self.state, name)
            if found.status != "agreed":
                raise IllegalTransitionError(
                    f"commitment {name} is {found.status}: only agreed commitments are signed"
                )
            if found.agreement is not None:
                raise IllegalTransitionError(
                    f"commitment {name} is already signed in agreement {found.agreement}"
                )
        if shape is not None and shape not in AGREEMENT_SHAPES:
            raise InvalidCommandError(
                f"an agreement's shape is {', '.join(AGREEMENT_SHAPES)}, not {shape!r}"
            )
        if follows is not None:
            if shape != "step":
                raise InvalidCommandError("only a step of a sequence follows another agreement")
            if follows not in self.state.agreements:
                raise UnknownRecordError(
                    f"no agreement {follows!r} in this session ({self.scenario.id})"
                )
        event = ev.AgreementSigned(
            title=self.rules.text(title, "an agreement's title"),
            commitments=names,
            visibility=self.rules.visibility(visibility),
            signatories=self.rules.teams(signatories),
            shape=shape,
            follows=follows,
        )
        return self._commit(event, CONTROL)

    # ------------------------------------------------------------------ control

    def adjust_indicator(self, *, key: str, delta: float, reason: str) -> Changes:
        event = ev.IndicatorAdjusted(
            key=self.rules.indicator_key(key),
            delta=self.rules.number(delta, "change"),
            reason=self.rules.text(reason, "the reason for an adjustment"),
        )
        return self._commit(event, CONTROL)

    def fire_inject(self, *, inject: str) -> Changes:
        self.rules.inject(inject)
        fired = next((f for f in self.state.injects if f.inject == inject), None)
        if fired is not None:
            raise IllegalTransitionError(f"inject {inject} was already fired (event {fired.seq})")
        return self._commit(ev.InjectFired(inject), CONTROL)

    def add_note(self, *, text: str) -> Changes:
        return self._commit(ev.NoteAdded(self.rules.text(text, "a note")), CONTROL)

    def set_bookmark(self, *, label: str) -> Changes:
        return self._commit(ev.BookmarkSet(self.rules.text(label, "a bookmark's label")), CONTROL)

    def reveal_everything(self) -> Changes:
        """Show the room everything the teams saw (``engine/domain/reveal_events.py``)."""
        if self.state.revealed:
            raise IllegalTransitionError(
                f"everything was already revealed to the room (event {self.state.revealed})"
            )
        return self._commit(ev.EverythingRevealed(), CONTROL)

    def show_indicator_to_room(self, *, indicator: str, shown: bool) -> Changes:
        """Hide a public indicator from the projector, or show it again."""
        found = self.scenario.indicator(indicator)
        if found is None:
            raise UnknownRecordError(f"no indicator {indicator!r} in scenario {self.scenario.id}")
        if not found.public:
            raise InvalidCommandError(f"{found.name} is private: the projector never shows it")
        if (indicator in self.state.room_hidden) != shown:
            where = "on the projector" if shown else "hidden from the projector"
            raise IllegalTransitionError(f"{found.name} is already {where}")
        return self._commit(ev.IndicatorShownToRoom(indicator, shown), CONTROL)


def _sides(sides: object) -> int:
    if isinstance(sides, bool) or not isinstance(sides, int) or not 2 <= sides <= dice.MAX_SIDES:
        raise InvalidCommandError(f"a die has 2..{dice.MAX_SIDES} sides, not {sides!r}")
    return sides


def _needed(needed: object) -> int:
    if isinstance(needed, bool) or not isinstance(needed, int):
        raise InvalidCommandError(f"needed roll {needed!r} is not a whole number")
    return needed
