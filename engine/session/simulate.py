"""A plausible, seeded session for demos, tests and benchmarks (``main.py simulate``).

Round 1 opens with a prologue that uses every kind of event at least once: moves of
every tone, rulings by dice, judgement and table, demands and their outcomes,
conditional commitments (among them a deadlocked pair, one agreed and one only
proposed, and a stalled pair, both agreed and due in round 1, each left open for the
rest of the session; and a pair agreed and in time, a bundle being carried out),
multi-party commitments, an ask refused and one agreed, conditions on a demand and on
a verification, conditions added and dropped after agreement, progress in steps,
fulfilment, a reversal, breach, a suspension in response to it and one resumed,
withdrawal, repeated verifications by an observer (or a team), agreements of each
shape with signatories, team devices (``simulate_devices.py``), an adjustment, an
inject, a note, a bookmark, an undo and a redo. The first summit round tables a surprise
demand. The rest is drawn at random from a ``random.Random(seed)``: the same seed gives
the same log, wall times aside. A session played to its last round ends with Control's
"Reveal all" and its undo (every kind used; the room of a demo still sees the public
only). Everything goes through the ``Session`` commands, so every rule is checked.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from engine.domain.device_codes import SeededSecrets
from engine.domain.events import Condition, Envelope, VerificationResult
from engine.domain.state import agreement_id, commitment_id, demand_id, move_id
from engine.errors import DiskFullError, DomainError
from engine.scenario.model import Scenario
from engine.session.live import Session
from engine.session.simulate_devices import devices_prologue
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

    def reroll(self) -> None:
        """A die rolled twice for one ruling, which names the second roll it used."""
        state = self.s.state
        waiting = (m for m in self.unruled if m in state.moves and not state.moves[m].outcome)
        move = next(waiting, None)
        if move is None:
            return
        self.s.roll_dice(move=move, seed=1)
        second = self.s.roll_dice(move=move, seed=2)
        self.s.adjudicate(move=move, outcome=None, method="dice", reason="", rolled=second.seq)

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

    def propose(
        self,
        conditions: tuple[str | Condition, ...] = (),
        giver: str | None = None,
        *,
        givers: tuple[str, ...] = (),
        receivers: tuple[str, ...] = (),
        proposer: str | None = None,
        due_round: int | None = None,
        verification: bool | None = None,
    ) -> str:
        a, b = self.pair()
        if giver is not None:
            a, b = giver, next(t for t in self.sc.team_ids if t != giver)
        if not givers and not proposer and len(self.sc.teams) > 2 and self.rng.random() < 0.15:
            others = [t for t in self.sc.team_ids if t not in (a, b)]
            givers = (a, *self.rng.sample(others, self.rng.randint(1, len(others))))
        givers, receivers = givers or (a,), receivers or (b,)
        if not conditions and self.agreed and self.rng.random() < 0.3:
            conditions = (self.rng.choice(self.agreed),)
        state = self.s.state
        conditions = tuple(
            c for c in conditions
            if (c if isinstance(c, str) else c.ref) in state.commitments
            or (not isinstance(c, str) and c.ref in state.demands)
        )  # fmt: skip
        last = len(self.sc.rounds)
        issue = self.issue()
        text = commitment_text(self.rng, self.sc, givers[0], receivers[0], issue)
        changes = self.s.propose_commitment(
            givers=givers, receivers=receivers, issue=issue, text=text, conditions=conditions,
            due_round=due_round or min(last, max(state.round, 1) + self.rng.randint(0, 2)),
            verification=self.rng.random() < 0.4 if verification is None else verification,
            visibility=self.visibility(), proposer=proposer,
        )  # fmt: skip
        commitment = commitment_id(changes.seq)
        self.proposed.append(commitment)
        return commitment

    def ask(self) -> str:
        """A seated team asks another for something (an ask: the givers answer)."""
        asker, giver = self.pair()
        return self.propose(givers=(giver,), receivers=(asker,), proposer=asker)

    def _status(self, commitment: str) -> str | None:
        found = self.s.state.commitments.get(commitment)
        return found.status if found and commitment not in self.reserved else None

    def agree(self) -> None:
        commitment = self.take(self.proposed, lambda c: self._status(c) == "proposed")
        if commitment is None:
            return
        roll = self.rng.random()
        if roll < 0.1:
            self.s.withdraw_commitment(commitment=commitment, reason="taken off the table")
        elif roll < 0.2:
            self.s.refuse_commitment(commitment=commitment, reason="not on these terms")
        else:
            self.s.agree_commitment(commitment=commitment)
            self.agreed.append(commitment)

    def verifier(self) -> str:
        if self.sc.observers and self.rng.random() < 0.7:
            return self.rng.choice(self.sc.observers).id
        return self.rng.choice(self.sc.team_ids)

    def verify(self, commitment: str, result: VerificationResult | None = None) -> None:
        choices: tuple[VerificationResult, ...] = (
            "confirmed",
            "confirmed",
            "failed",
            "inconclusive",
        )
        outcome = result or self.rng.choice(choices)
        self.s.verify_commitment(
            commitment=commitment,
            result=outcome,
            verifier=self.verifier(),
            reason="inspected",
        )

    def resolve(self) -> None:
        commitment = self.take(self.agreed, lambda c: self._status(c) in ("agreed", "suspended"))
        if commitment is None:
            return
        found = self.s.state.commitments[commitment]
        if found.verification and self.rng.random() < 0.5:
            self.verify(commitment)
        roll = self.rng.random()
        if found.status == "suspended":
            if roll < 0.7:
                self.s.resume_commitment(commitment=commitment, reason="talks resumed")
                self.agreed.append(commitment)
            else:
                self.s.break_commitment(commitment=commitment, reason="never resumed")
        elif roll < 0.45:
            self.s.fulfil_commitment(commitment=commitment, reason="done")
        elif roll < 0.65:
            self.s.break_commitment(commitment=commitment, reason="not done")
        elif roll < 0.75:
            self.s.suspend_commitment(commitment=commitment, reason="paused")
            self.agreed.append(commitment)
        else:
            if found.progress < 100:
                step = min(100, found.progress + self.rng.choice((25, 50)))
                self.s.record_progress(commitment=commitment, percent=step, note=f"{step} % done")
            self.agreed.append(commitment)  # still pending

    def sign(self) -> None:
        state = self.s.state
        ready = [
            c for c in self.agreed[-12:]
            if self._status(c) == "agreed" and state.commitments[c].agreement is None
        ]  # fmt: skip
        if ready:
            picked = self.rng.sample(ready, min(len(ready), self.rng.randint(1, 3)))
            parties = {t for c in picked for t in state.commitments[c].parties}
            witness = [t for t in self.sc.team_ids if t not in parties][:1]
            shape = self.rng.choice(("big_deal", "step", "joint_statement", None))
            earlier = list(state.agreements)
            self.s.sign_agreement(
                title=f"Agreement of round {state.round}",
                commitments=picked,
                signatories=(*sorted(parties & set(self.sc.team_ids)), *witness),
                shape=shape,  # type: ignore[arg-type]
                follows=earlier[-1] if shape == "step" and earlier else None,
            )

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
            (self.propose, 8), (self.ask, 2), (self.agree, 8), (self.resolve, 7), (self.sign, 3),
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
        self.reroll()
        self.demand()
        self.demand()
        self.settle_demand()
        _commitments_prologue(self)
        a, b = self.seated()[:2] if len(self.seated()) >= 2 else self.pair()
        devices_prologue(self.s, a, b, self.sc.move_types[0].id, self.sc.issues[0].id)
        if self.sc.indicators:
            key = next(iter(self.sc.indicator_keys()))
            self.s.adjust_indicator(key=key, delta=1000, reason="a crisis (clamps)")
        if self.sc.injects:
            self.s.fire_inject(inject=self.sc.injects[-1].id)
        self.s.add_note(text="the prologue is done")
        self.s.set_bookmark(label="prologue")
        self.s.undo()
        self.s.redo()


def _pair_waiting(player: _Player, due_round: int | None, agree: int) -> tuple[str, str]:
    """Two commitments, each conditional on the other; the first ``agree`` agreed."""
    s = player.s
    a, b = player.pair()
    first = player.propose(giver=a, due_round=due_round)
    second = player.propose(conditions=(first,), giver=b, due_round=due_round)
    s.add_condition(commitment=first, condition=second)
    for commitment in (first, second)[:agree]:
        s.agree_commitment(commitment=commitment)
    return first, second


def _commitments_prologue(player: _Player) -> None:
    """Every kind of commitment event (see the module docstring)."""
    s, last = player.s, len(player.sc.rounds)
    player.reserved.update(_pair_waiting(player, None, 1))  # deadlocked: one only proposed
    player.reserved.update(_pair_waiting(player, 1, 2))  # stalled once round 1 is past
    bundle = _pair_waiting(player, last, 2)  # agreed and in time: a bundle being carried out
    s.record_progress(commitment=bundle[0], percent=50, note="half delivered")
    player.agreed.extend(bundle)
    for _ in range(3):
        player.propose()
    for _ in range(3):
        player.agree()
    team_ids = player.sc.team_ids
    a, b = player.pair()
    others = tuple(t for t in team_ids if t != b) if len(team_ids) > 2 else (a,)
    pledge = player.propose(givers=others, receivers=(b,), verification=True)  # many givers
    kept, broken = player.propose(verification=True), player.propose()
    tabled = player.demand()
    on_demand = player.propose(conditions=(Condition("demand", tabled),))
    on_check = player.propose(conditions=(Condition("verification", kept),))
    refused, asked = player.ask(), player.ask()
    s.refuse_commitment(commitment=refused, reason="not now")
    s.withdraw_commitment(commitment=player.propose(), reason="taken off the table")
    for commitment in (pledge, kept, broken, on_demand, on_check, asked):
        s.agree_commitment(commitment=commitment)
    s.add_condition(commitment=on_demand, condition=kept, reason="renegotiated after signing")
    s.drop_condition(
        commitment=on_demand, condition=Condition("commitment", kept), reason="dropped again"
    )
    deal = s.sign_agreement(
        title="First steps", commitments=[kept, pledge], signatories=team_ids, shape="big_deal"
    )
    s.sign_agreement(
        title="Next step", commitments=[asked], shape="step", follows=agreement_id(deal.seq)
    )
    player.verify(kept, "confirmed")
    s.record_progress(commitment=kept, percent=60, note="most of it done")
    s.fulfil_commitment(commitment=kept, reason="done on time")
    player.verify(kept, "failed")  # found broken a year on
    s.break_commitment(commitment=kept, reason="reversed")
    s.break_commitment(commitment=broken, reason="missed")
    answer = next(
        c for c in (on_check, asked, pledge)
        if not set(s.state.commitments[broken].givers) <= set(s.state.commitments[c].givers)
    )  # fmt: skip
    s.suspend_commitment(commitment=answer, reason="their breach", in_response_to=broken)
    s.suspend_commitment(commitment=on_demand, reason="a pause")
    s.resume_commitment(commitment=on_demand, reason="talks resumed")
    s.set_demand_status(demand=tabled, status="met", reason="as played")
    s.sign_agreement(title="Joint statement", commitments=[on_demand], shape="joint_statement")
    player.verify(pledge, "inconclusive")
    player.agreed.extend((on_demand, pledge, answer))


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
    session.secrets = SeededSecrets(seed)  # join codes and tokens: the same log again
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
        if rounds == len(scenario.rounds):  # the end: Control's "Reveal all", and its undo
            session.reveal_everything()  # (a demo's room keeps seeing the public only)
            session.undo()
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
