"""A plausible, seeded session for demos, tests and benchmarks (``main.py simulate``).

Round 1 opens with a prologue that uses every kind of event at least once: moves of
every tone, rulings by dice, judgement and table, demands and their outcomes,
conditional commitments (among them a deadlocked pair: two agreed commitments, each
conditional on the other, left open for the rest of the session), fulfilment, breach,
withdrawal, verification, an agreement, an adjustment, an inject, a note, a bookmark,
an undo and a redo. The first summit round tables a surprise demand. The rest is drawn
at random from a ``random.Random(seed)``: the same seed gives the same log, wall times
aside. Everything goes through the ``Session`` commands, so every rule is checked.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from engine.domain.events import Envelope
from engine.domain.state import commitment_id, demand_id, move_id
from engine.errors import DiskFullError, DomainError
from engine.scenario.model import Scenario
from engine.session.live import Session
from engine.session.simulate_text import commitment_text, demand_text, move_text

DEFAULT_EVENTS_PER_ROUND = 40
_ROUND_KINDS = ("SessionStarted", "RoundStarted", "RoundEnded", "PhaseChanged")


class _Player:
    """Draws commands for one session; candidate lists are checked against the state."""

    def __init__(self, session: Session, rng: random.Random) -> None:
        self.s = session
        self.rng = rng
        self.sc = session.scenario
        self.unruled: list[str] = []
        self.open_demands: list[str] = []
        self.proposed: list[str] = []
        self.agreed: list[str] = []
        self.reserved: set[str] = set()  # the deadlocked pair: never resolved

    # ------------------------------------------------------------------ helpers

    def seated(self) -> tuple[str, ...]:
        current = self.s.current_round
        return current.teams if current else self.sc.team_ids

    def pair(self) -> tuple[str, str]:
        seated = self.seated()
        if len(seated) >= 2:
            a, b = self.rng.sample(seated, 2)
        else:
            a = seated[0]
            b = self.rng.choice([t for t in self.sc.team_ids if t != a])
        return a, b

    def issue(self) -> str:
        return self.rng.choice(self.sc.issues).id

    def visibility(self) -> tuple[str, ...] | None:
        if self.rng.random() < 0.75:
            return None
        return tuple(self.rng.sample(self.sc.team_ids, self.rng.randint(1, 2)))

    def take(self, items: list[str], valid: Callable[[str], bool]) -> str | None:
        while items:  # mostly recent items: rulings and answers follow soon after
            i = self.rng.randrange(max(len(items) - 8, 0), len(items))
            items[i], items[-1] = items[-1], items[i]
            item = items.pop()
            if valid(item):
                return item
        return None

    # ------------------------------------------------------------------ commands

    def move(self, tone: int | None = None) -> str:
        team = self.rng.choice(self.seated())
        tone = self.rng.randint(-3, 3) if tone is None else tone
        targets = self.rng.sample(self.sc.team_ids, self.rng.randint(0, 2))
        others = [t for t in self.sc.team_ids if t != team]
        addressee = next((t for t in targets if t != team), None) or self.rng.choice(others)
        text = move_text(self.rng, self.sc, team, addressee, self.issue(), tone)
        changes = self.s.record_move(
            team=team,
            move_type=self.rng.choice(self.sc.move_types).id,
            tone=tone,
            text=text,
            visibility=self.visibility(),
            targets=targets,
        )
        move = move_id(changes.seq)
        self.unruled.append(move)
        return move

    def rule(self, method: str | None = None) -> None:
        state = self.s.state
        move = self.take(self.unruled, lambda m: m in state.moves and not state.moves[m].outcome)
        if move is None:
            return
        method = method or self.rng.choice(("dice", "dice", "judgement", "table"))
        if method == "dice":
            self.s.adjudicate(
                move=move, outcome=None, method="dice", reason="", seed=self.rng.getrandbits(31)
            )
        else:
            outcome = self.rng.choice(("success", "partial", "failure"))
            self.s.adjudicate(move=move, outcome=outcome, method=method, reason="Control rules")  # type: ignore[arg-type]

    def demand(self, *, fresh_issue: bool = False) -> str:
        a, b = self.pair()
        issue = self.issue()
        if fresh_issue:
            tabled = {(d.from_team, d.to_team, d.issue) for d in self.s.state.demands.values()}
            fresh = [i.id for i in self.sc.issues if (a, b, i.id) not in tabled]
            issue = fresh[0] if fresh else issue
        changes = self.s.table_demand(
            from_team=a, to_team=b, issue=issue, priority=self.rng.randint(1, 3),
            text=demand_text(self.rng, self.sc, a, b, issue), visibility=self.visibility(),
        )  # fmt: skip
        self.open_demands.append(demand_id(changes.seq))
        return demand_id(changes.seq)

    def settle_demand(self) -> None:
        state = self.s.state
        demand = self.take(
            self.open_demands, lambda d: d in state.demands and state.demands[d].status == "open"
        )
        if demand:
            status = self.rng.choice(("met", "refused", "dropped"))
            self.s.set_demand_status(demand=demand, status=status, reason="as played")

    def propose(self, conditions: tuple[str, ...] = (), giver: str | None = None) -> str:
        a, b = self.pair()
        if giver is not None:
            a, b = giver, next(t for t in self.sc.team_ids if t != giver)
        if not conditions and self.agreed and self.rng.random() < 0.3:
            conditions = (self.rng.choice(self.agreed),)
        conditions = tuple(c for c in conditions if c in self.s.state.commitments)
        last = len(self.sc.rounds)
        issue = self.issue()
        changes = self.s.propose_commitment(
            giver=a, receiver=b, issue=issue, text=commitment_text(self.rng, self.sc, a, b, issue),
            conditions=conditions,
            due_round=min(last, max(self.s.state.round, 1) + self.rng.randint(0, 2)),
            verification=self.rng.random() < 0.4, visibility=self.visibility(),
        )  # fmt: skip
        commitment = commitment_id(changes.seq)
        self.proposed.append(commitment)
        return commitment

    def _status(self, commitment: str) -> str | None:
        found = self.s.state.commitments.get(commitment)
        return found.status if found and commitment not in self.reserved else None

    def agree(self) -> None:
        commitment = self.take(self.proposed, lambda c: self._status(c) == "proposed")
        if commitment is None:
            return
        if self.rng.random() < 0.15:
            self.s.withdraw_commitment(commitment=commitment, reason="taken off the table")
        else:
            self.s.agree_commitment(commitment=commitment)
            self.agreed.append(commitment)

    def resolve(self) -> None:
        commitment = self.take(self.agreed, lambda c: self._status(c) == "agreed")
        if commitment is None:
            return
        found = self.s.state.commitments[commitment]
        if found.verification and found.verified is None and self.rng.random() < 0.5:
            self.s.verify_commitment(commitment=commitment, verified=self.rng.random() < 0.8)
        roll = self.rng.random()
        if roll < 0.55:
            self.s.fulfil_commitment(commitment=commitment, reason="done")
        elif roll < 0.85:
            self.s.break_commitment(commitment=commitment, reason="not done")
        else:
            self.agreed.append(commitment)  # still pending

    def sign(self) -> None:
        state = self.s.state
        ready = [
            c for c in self.agreed[-12:]
            if self._status(c) == "agreed" and state.commitments[c].agreement is None
        ]  # fmt: skip
        if ready:
            picked = self.rng.sample(ready, min(len(ready), self.rng.randint(1, 3)))
            self.s.sign_agreement(title=f"Agreement of round {state.round}", commitments=picked)

    def control(self) -> None:
        roll = self.rng.random()
        if roll < 0.4 and self.sc.indicators:
            key = self.rng.choice(list(self.sc.indicator_keys()))
            self.s.adjust_indicator(
                key=key, delta=self.rng.choice((-5, -2, 2, 5, 30)), reason="Control"
            )
        elif roll < 0.6:
            self.s.add_note(text=f"note at round {self.s.state.round}")
        elif roll < 0.7:
            self.s.set_bookmark(label=f"mark {self.s.last_seq}")
        elif roll < 0.9 and self._undoable():
            self.s.undo()
            if self.rng.random() < 0.5:
                self.s.redo()
        else:
            fired = {f.inject for f in self.s.state.injects}
            left = [i.id for i in self.sc.injects if i.id not in fired]
            if left:
                self.s.fire_inject(inject=self.rng.choice(left))

    def _undoable(self) -> bool:
        """Undo in the simulation never reaches back across a round or phase change."""
        target = self.s.undo_event
        return target is not None and target.kind not in _ROUND_KINDS

    def step(self) -> None:
        actions = (
            (self.move, 30), (self.rule, 18), (self.demand, 10), (self.settle_demand, 6),
            (self.propose, 10), (self.agree, 8), (self.resolve, 7), (self.sign, 3),
            (self.control, 8),
        )  # fmt: skip
        action = self.rng.choices([a for a, _ in actions], [w for _, w in actions])[0]
        action()

    def prologue(self) -> None:
        """Every kind of event, in round 1."""
        for tone in range(-3, 4):
            self.move(tone)
        self.rule("dice")
        self.rule("judgement")
        self.rule("table")
        self.demand()
        self.demand()
        self.settle_demand()
        a, b = self.pair()
        first = self.propose(giver=a)
        second = self.propose(conditions=(first,), giver=b)
        self.s.add_condition(commitment=first, condition=second)
        self.s.agree_commitment(commitment=first)
        self.s.agree_commitment(commitment=second)
        self.reserved.update((first, second))  # the deadlocked pair stays open
        for _ in range(3):
            self.propose()
        for _ in range(3):
            self.agree()
        kept, broken = self.propose(), self.propose()
        self.s.agree_commitment(commitment=kept)
        self.s.agree_commitment(commitment=broken)
        self.s.sign_agreement(title="First steps", commitments=[kept])
        if self.s.state.commitments[kept].verification:
            self.s.verify_commitment(commitment=kept, verified=True, reason="inspected")
        self.s.fulfil_commitment(commitment=kept, reason="done on time")
        self.s.break_commitment(commitment=broken, reason="missed")
        if self.sc.indicators:
            key = next(iter(self.sc.indicator_keys()))
            self.s.adjust_indicator(key=key, delta=1000, reason="a crisis (clamps)")
        if self.sc.injects:
            self.s.fire_inject(inject=self.sc.injects[-1].id)
        self.s.add_note(text="the prologue is done")
        self.s.set_bookmark(label="prologue")
        self.s.undo()
        self.s.redo()


def simulate_session(
    scenario: Scenario,
    path: str | Path,
    rounds: int,
    seed: int,
    events_per_round: int | None = None,
    *,
    echo: Callable[[Envelope], None] | None = None,
    batch: bool | None = None,
) -> Session:
    """Play ``rounds`` rounds into a new save at ``path``; the session is returned open.

    ``batch`` (default: when there is no ``echo``) commits a round at a time instead of
    every command: much faster for benchmark logs, and not how the app writes.
    """
    if not 1 <= rounds <= len(scenario.rounds):
        raise DomainError(
            f"scenario {scenario.id} has rounds 1..{len(scenario.rounds)}, not {rounds}"
        )
    lacking = [what for what in ("issues", "move_types") if not getattr(scenario, what)]
    if lacking:
        words = " and ".join(w.replace("_", " ") for w in lacking)
        raise DomainError(
            f"scenario {scenario.id} has no {words}: a simulated session records moves and "
            "tables demands and commitments on issues"
        )
    per_round = events_per_round or DEFAULT_EVENTS_PER_ROUND
    batch = echo is None if batch is None else batch
    rng = random.Random(seed)
    session = Session.create(scenario, path)
    try:
        if echo is not None:
            echo(session.envelope(1))
            session.echo.append(echo)
        player = _Player(session, rng)
        summit_seen = False
        for number in range(1, rounds + 1):
            if batch:
                with session.batch():
                    summit_seen = _play_round(player, number, per_round, summit_seen)
            else:
                summit_seen = _play_round(player, number, per_round, summit_seen)
    except Exception as error:  # not an interrupt: what was acknowledged by then stays
        session.close()  # a failed simulation leaves no save behind
        for made in (Path(path), *(Path(f"{path}{end}") for end in ("-wal", "-shm"))):
            made.unlink(missing_ok=True)
        if isinstance(error, DiskFullError):  # said as it is: no save is left to be safe in
            raise DiskFullError(
                f"the disk holding {path} is full: the simulation stopped and left no save; "
                "free some space and run it again"
            ) from None
        raise
    return session


def _play_round(player: _Player, number: int, per_round: int, summit_seen: bool) -> bool:
    s = player.s
    start = s.last_seq
    s.start_round()
    current = s.current_round
    assert current is not None
    for inject in s.due_injects():
        s.fire_inject(inject=inject.id)
    if number == 1:
        player.prologue()
    if current.kind == "summit" and not summit_seen:
        player.demand(fresh_issue=True)  # a surprise demand
        summit_seen = True
    phases = len(current.phases)
    budget = max(per_round - (s.last_seq - start) - phases, 1)
    for i in range(budget):
        if phases > 1 and s.state.phase < phases - 1 and i % max(budget // phases, 1) == 0 and i:
            s.next_phase()
        player.step()
    s.end_round()
    return summit_seen
