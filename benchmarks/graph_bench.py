"""Benchmarks of the commitment graph and its analytics (figures, not pass/fail tests).

* analytics: every analytic (``engine.graph.report.analyze``, graph built from scratch)
  for 2,000 commitments among 25 teams, against 200: time ratio <= 15 (near linear).
* update: ``CommitmentGraph.sync`` after one new event (a commitment proposed, or one
  changing status) at 2,000 commitments, against building the graph afresh: <= 5%.

The workload is a plausible late session, generated with a fixed seed: 40% of the
commitments conditional on one or two recent ones, one in twenty-five a mutually
conditional pair, a third still open; one demand and three public moves per commitment;
an agreement per ten commitments.
"""

from __future__ import annotations

import gc
import random
import statistics
import time
from collections.abc import Callable

import msgspec

from engine.domain.state import Agreement, Commitment, CommitmentStatus, Demand, Move, SessionState
from engine.graph.build import CommitmentGraph
from engine.graph.report import analyze
from engine.scenario.model import Issue, Phase, Round, Scenario, Team

Row = tuple[str, float, str, bool]
ROUNDS = 8
STATUSES: tuple[CommitmentStatus, ...] = ("proposed", "agreed", "fulfilled", "broken", "withdrawn")
WEIGHTS = (15, 20, 40, 15, 10)


def synthetic_scenario(teams: int = 25, issues: int = 12) -> Scenario:
    ids = tuple(f"team{i}" for i in range(teams))
    return Scenario(
        id="bench",
        title="Benchmark",
        format=1,
        summary="",
        background="",
        teams=tuple(Team(t, t, "#888888", "Leader", "", "", (), ()) for t in ids),
        indicators=(),
        issues=tuple(Issue(f"issue{i}", f"Issue {i}", i % 2 == 0, "") for i in range(issues)),
        move_types=(),
        rounds=tuple(
            Round(
                n, "working" if n % 2 else "summit", f"Round {n}", 30.0, ids, (Phase("talk", 30),)
            )
            for n in range(1, ROUNDS + 1)
        ),
        injects=(),
    )


def synthetic_state(scenario: Scenario, commitments: int, seed: int = 7) -> SessionState:
    rng = random.Random(seed)
    teams = scenario.team_ids
    issues = [i.id for i in scenario.issues]
    state = SessionState(round=ROUNDS, round_open=True)
    seq = 0
    made: list[Commitment] = []
    for index in range(commitments):
        seq += 1
        rnd = 1 + index * ROUNDS // commitments
        giver, receiver = rng.sample(teams, 2)
        conditions: tuple[str, ...] = ()
        roll = rng.random()
        if made and roll < 0.04:  # a mutually conditional pair with the previous one
            partner = made[-1]
            conditions = (partner.id,)
            state.commitments[partner.id] = msgspec.structs.replace(
                partner, conditions=(*partner.conditions, f"c{seq}")
            )
        elif made and roll < 0.40:
            recent = made[-50:]
            conditions = tuple({rng.choice(recent).id for _ in range(rng.randint(1, 2))})
        status = rng.choices(STATUSES, WEIGHTS)[0]
        record = Commitment(
            id=f"c{seq}", seq=seq, round=rnd, giver=giver, receiver=receiver,
            issue=rng.choice(issues), text=f"promise {seq}", conditions=conditions,
            due_round=min(ROUNDS, rnd + 2), verification=rng.random() < 0.3, visibility=None,
            status=status, status_round=min(ROUNDS, rnd + rng.randint(0, 2)),
        )  # fmt: skip
        state.commitments[record.id] = record
        made.append(state.commitments[record.id])
        seq += 1
        state.demands[f"d{seq}"] = Demand(
            id=f"d{seq}", seq=seq, round=rnd, round_kind=scenario.rounds[rnd - 1].kind,
            from_team=giver, to_team=receiver, issue=rng.choice(issues), priority=2,
            text="", visibility=None,
        )  # fmt: skip
        for _ in range(3):
            seq += 1
            state.moves[f"m{seq}"] = Move(
                id=f"m{seq}", seq=seq, round=rnd, team=rng.choice(teams), move_type="statement",
                tone=rng.randint(-3, 3), text="", visibility=None, targets=(),
            )  # fmt: skip
        if index % 10 == 9:
            seq += 1
            signed = tuple(c.id for c in made[-3:])
            parties = {t for c in made[-3:] for t in (c.giver, c.receiver)}
            state.agreements[f"a{seq}"] = Agreement(
                id=f"a{seq}", seq=seq, round=rnd, title="", commitments=signed,
                teams=tuple(t for t in teams if t in parties), visibility=None,
            )  # fmt: skip
    state.seq = seq
    return state


def median_time(action: Callable[[], object], repeats: int) -> float:
    """The median of ``repeats`` runs, each from a freshly collected heap: otherwise the
    cyclic collector's full passes fall on every other run of the large case (15 ms of a
    40 ms run), and the median depends on whether the count of runs is odd or even."""
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def analytics_ratio() -> tuple[float, float, float]:
    scenario = synthetic_scenario()
    small = synthetic_state(scenario, 200)
    large = synthetic_state(scenario, 2000)
    analyze(scenario, large)  # warm up imports and caches
    t_small = median_time(lambda: analyze(scenario, small), 15)
    t_large = median_time(lambda: analyze(scenario, large), 7)
    return t_small, t_large, t_large / t_small


def update_share() -> tuple[float, float, float]:
    scenario = synthetic_scenario()
    state = synthetic_state(scenario, 2000)
    kept = CommitmentGraph.from_state(scenario, state)
    rebuild = median_time(lambda: CommitmentGraph.from_state(scenario, state), 7)
    rng = random.Random(11)
    keys = list(state.commitments)
    times = []
    for step in range(200):
        if step % 2:  # a status change
            key = rng.choice(keys)
            status = rng.choice(STATUSES)
            state.commitments[key] = msgspec.structs.replace(state.commitments[key], status=status)
        else:  # a new commitment proposed, conditional on a recent one
            state.seq += 1
            new = msgspec.structs.replace(
                state.commitments[keys[-1]], id=f"c{state.seq}", seq=state.seq,
                conditions=(rng.choice(keys[-50:]),), status="proposed",
            )  # fmt: skip
            state.commitments[new.id] = new
        start = time.perf_counter()
        kept.sync(state)
        times.append(time.perf_counter() - start)
    update = statistics.median(times)
    return update, rebuild, update / rebuild


def run() -> list[Row]:
    t_small, t_large, ratio = analytics_ratio()
    update, rebuild, share = update_share()
    return [
        ("graph: all analytics, 200 commitments (ms)", t_small * 1000, "-", True),
        ("graph: all analytics, 2,000 commitments (ms)", t_large * 1000, "-", True),
        ("graph: analytics time ratio 2,000 / 200", ratio, "<= 15", ratio <= 15),
        ("graph: full rebuild, 2,000 commitments (ms)", rebuild * 1000, "-", True),
        ("graph: sync after one event, 2,000 commitments (ms)", update * 1000, "-", True),
        ("graph: sync after one event / full rebuild (%)", share * 100, "<= 5", share <= 0.05),
    ]


if __name__ == "__main__":
    for name, value, target, ok in run():
        print(f"{name:55} {value:10.3f}  {target:7} {'ok' if ok else 'MISSED'}")
