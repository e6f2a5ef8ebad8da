"""Analytics of a simulated session agree with a recount done straight from its events.

The recount below reads the log alone (``session.events()``, voids resolved here) and
shares no code with the reducer or with ``engine.graph``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import SCENARIOS
from engine.domain import events as ev
from engine.domain.events import Envelope
from engine.graph.report import analyze
from engine.graph.results import AnalyticsReport
from engine.scenario import Scenario, load_scenario
from engine.session.simulate import simulate_session

STATUS_EVENTS = {
    ev.CommitmentAgreed: "agreed",
    ev.CommitmentRefused: "refused",
    ev.CommitmentFulfilled: "fulfilled",
    ev.CommitmentSuspended: "suspended",
    ev.CommitmentResumed: "agreed",
    ev.CommitmentBroken: "broken",
    ev.CommitmentWithdrawn: "withdrawn",
}
OPEN = ("proposed", "agreed", "suspended")


def active(envelopes: Iterable[Envelope]) -> list[Envelope]:
    """The events in force: a void voids its target unless the void is itself voided."""
    log = list(envelopes)
    voiders: dict[int, list[int]] = defaultdict(list)
    for env in log:
        if isinstance(env.event, ev.EventVoided):
            voiders[env.event.target].append(env.seq)
    alive: dict[int, bool] = {}
    for env in reversed(log):  # voids come after their targets
        alive[env.seq] = not any(alive[v] for v in voiders[env.seq])
    return [e for e in log if alive[e.seq] and not isinstance(e.event, ev.EventVoided)]


@dataclass
class Recount:
    givers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    receivers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    issues: dict[str, str] = field(default_factory=dict)
    status: dict[str, str] = field(default_factory=dict)
    settled_in: dict[str, int] = field(default_factory=dict)
    conditions: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    due: dict[str, int | None] = field(default_factory=dict)
    answering: set[str] = field(default_factory=set)  # suspended in response to a breach
    checks: dict[str, str] = field(default_factory=dict)  # latest verification result
    demands: dict[str, str] = field(default_factory=dict)  # demand id -> status
    round: int = 0
    surprises: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    tones: dict[str, dict[int, list[int]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )
    pairs: dict[tuple[int, str, str], int] = field(default_factory=lambda: defaultdict(int))


def recount(log: Iterable[Envelope], scenario: Scenario) -> Recount:
    r = Recount()
    round_open = False
    working: set[tuple[str, str, str]] = set()
    asked: dict[tuple[int, str, str], set[str]] = defaultdict(set)
    for env in active(log):
        e = env.event
        if isinstance(e, ev.RoundStarted):
            round_open = True
            r.round = e.round
        elif isinstance(e, ev.RoundEnded):
            round_open = False
        elif isinstance(e, ev.DemandTabled):
            kind = scenario.rounds[env.round - 1].kind if round_open else None
            key = (e.from_team, e.to_team, e.issue)
            if kind == "working":
                working.add(key)
            elif kind == "summit" and key not in working:
                r.surprises[e.from_team].append(f"d{env.seq}")
            asked[env.round, e.to_team, e.issue].add(e.from_team)
            r.demands[f"d{env.seq}"] = "open"
        elif isinstance(e, ev.DemandStatusChanged) and e.demand in r.demands:
            r.demands[e.demand] = e.status
        elif isinstance(e, ev.CommitmentProposed):
            key = f"c{env.seq}"
            r.givers[key], r.receivers[key], r.issues[key] = e.givers, e.receivers, e.issue
            r.status[key] = "proposed"
            r.due[key] = e.due_round
            r.conditions[key] = [
                (c.kind, c.ref) if isinstance(c, ev.Condition) else ("commitment", c)
                for c in e.conditions
            ]
        elif isinstance(e, ev.ConditionAdded) and e.commitment in r.status:
            c = e.condition
            r.conditions[e.commitment].append(
                (c.kind, c.ref) if isinstance(c, ev.Condition) else ("commitment", c)
            )
        elif isinstance(e, ev.ConditionDropped) and e.commitment in r.status:
            r.conditions[e.commitment].remove((e.condition.kind, e.condition.ref))
        elif isinstance(e, ev.CommitmentVerified) and e.commitment in r.status:
            r.checks[e.commitment] = e.result or ("confirmed" if e.verified else "failed")
        elif type(e) in STATUS_EVENTS and e.commitment in r.status:  # type: ignore[attr-defined]
            key = e.commitment  # type: ignore[attr-defined]
            r.status[key] = STATUS_EVENTS[type(e)]
            r.settled_in[key] = env.round
            r.answering.discard(key)
            if isinstance(e, ev.CommitmentSuspended) and e.in_response_to:
                r.answering.add(key)
        elif isinstance(e, ev.MoveRecorded) and e.visibility is None:
            r.tones[e.team][env.round].append(e.tone)
        elif isinstance(e, ev.AgreementSigned):
            parties = {
                t for c in e.commitments if c in r.givers for t in (*r.givers[c], *r.receivers[c])
            } | set(e.signatories)
            for a in parties:
                for b in parties:
                    if a < b:
                        r.pairs[env.round, a, b] += 1
    for (rnd, _target, _issue), teams in asked.items():
        for a in teams:
            for b in teams:
                if a < b:
                    r.pairs[rnd, a, b] += 1
    return r


def met(r: Recount, kind: str, ref: str) -> bool:
    if kind == "demand":
        return r.demands.get(ref) == "met"
    if kind == "verification":
        return r.checks.get(ref) == "confirmed"
    return r.status.get(ref) == "fulfilled"


def reach(r: Recount, start: str, is_open: set[str]) -> set[str]:
    """Open commitments ``start`` waits on, directly or through open ones, by unmet conditions."""
    seen: set[str] = set()
    frontier = [start]
    while frontier:
        for kind, ref in r.conditions[frontier.pop()]:
            if ref in is_open and not met(r, kind, ref) and ref not in seen:
                seen.add(ref)
                frontier.append(ref)
    return seen


def deadlocked(r: Recount) -> set[str]:
    """DESIGN's rule, recounted: open commitments in a cycle of unmet conditions whose cycle
    has a member only proposed, or a member past its due round."""
    is_open = {k for k, s in r.status.items() if s in OPEN}
    reached = {k: reach(r, k, is_open) for k in is_open}
    found: set[str] = set()
    for key in is_open:
        if key not in reached[key]:
            continue
        cycle = {k for k in reached[key] if key in reached[k]} | {key}
        late = any(r.due[k] is not None and r.round > r.due[k] for k in cycle)  # type: ignore[operator]
        if any(r.status[k] == "proposed" for k in cycle) or late:
            found.add(key)
    return found


def check(report: AnalyticsReport, r: Recount, scenario: Scenario) -> None:
    tangible = {i.id: i.tangible for i in scenario.issues}
    last = report.credibility[0].series[-1].round
    for cred in report.credibility:
        mine = [k for k, g in r.givers.items() if cred.team in g]
        assert cred.kept == sum(r.status[k] == "fulfilled" for k in mine)
        assert cred.kept_verified == sum(
            r.status[k] == "fulfilled" and r.checks.get(k) == "confirmed" for k in mine
        )
        assert cred.kept_verified + cred.kept_unverified == cred.kept
        assert cred.broken == sum(r.status[k] == "broken" for k in mine)
        assert cred.suspended_in_response == sum(k in r.answering for k in mine)
        assert cred.open == sum(r.status[k] in OPEN for k in mine)
        for point in cred.series:
            assert point.kept == sum(
                r.status[k] == "fulfilled" and max(r.settled_in[k], 1) <= point.round for k in mine
            )
            assert point.broken == sum(
                r.status[k] == "broken" and max(r.settled_in[k], 1) <= point.round for k in mine
            )
        assert cred.series[-1].round == last
    for prep in report.preparedness:
        assert list(prep.surprise_demands) == r.surprises.get(prep.team, [])
    for vol in report.volatility:
        tones = r.tones.get(vol.team, {})
        assert [(t.round, t.moves) for t in vol.rounds] == [
            (rnd, len(ts)) for rnd, ts in sorted(tones.items())
        ]
        for t in vol.rounds:
            assert t.mean_tone == pytest.approx(sum(tones[t.round]) / len(tones[t.round]))
    for row in report.reciprocity:
        given = [
            k
            for k, g in r.givers.items()
            if row.team in g
            and row.partner in r.receivers[k]
            and r.status[k] not in ("withdrawn", "refused")
        ]
        share = {k: 1 / (len(r.givers[k]) * len(r.receivers[k])) for k in given}
        approx = pytest.approx
        assert row.given.tangible == approx(sum(share[k] * tangible[r.issues[k]] for k in given))
        assert row.given.intangible == approx(
            sum(share[k] * (not tangible[r.issues[k]]) for k in given)
        )
        assert row.given.tangible_fulfilled == approx(
            sum(share[k] * (tangible[r.issues[k]] and r.status[k] == "fulfilled") for k in given)
        )
    cycles = {k for d in report.deadlocks for k in d.commitments}
    assert cycles == deadlocked(r)
    aligned = {(a.round, *sorted((a.team_a, a.team_b))): a.score for a in report.alignment}
    assert aligned == dict(r.pairs)


@pytest.mark.parametrize("seed", [3, 41])
def test_analytics_of_a_simulated_session_agree_with_a_recount_from_its_events(
    tmp_path: Path, seed: int
) -> None:
    scenario = load_scenario(SCENARIOS / "after-hanoi-2019.toml")
    with simulate_session(scenario, tmp_path / "sim.parley", 4, seed) as session:
        log = list(session.events())
        final = analyze(scenario, session.state)
        check(final, recount(log, scenario), scenario)
        assert final.deadlocks, "the simulation plays a deadlocked pair"
        assert any(p.surprises for p in final.preparedness), "and a surprise demand"
        surprise_flags = {d.id for d in session.state.demands.values() if d.surprise}
        assert surprise_flags == {d for p in final.preparedness for d in p.surprise_demands}
        middle = len(log) // 2
        check(
            analyze(scenario, session.state_at(middle)),
            recount((e for e in log if e.seq <= middle), scenario),
            scenario,
        )
