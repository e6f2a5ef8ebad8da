"""What the conditions reveal: deadlocks, simultaneous-action bundles, their order, unlocking.

All functions read the *condition graph* (``CommitmentGraph.conditions`` or
``condition_graph(state)``): one node per commitment and per demand a condition names, an
edge ``a -> b`` when ``a`` is conditional on ``b`` (its fulfilment, its verification, or a
demand being met). Definitions and worked examples: ``docs/analytics.md``.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from engine.domain.events import Condition
from engine.domain.state import Commitment, SessionState, record_label
from engine.graph.build import condition_targets
from engine.graph.results import Bundle, Deadlock, DeadlockUnlocks, Step, Unlock
from engine.scenario.model import Scenario


def condition_graph(state: SessionState) -> nx.DiGraph:
    """The condition graph of ``state``, built from scratch: every commitment, the demands
    conditions name, and an edge per waiter and target with its ``kinds`` (conditions on
    records the state does not hold are left out)."""
    graph = nx.DiGraph()
    graph.add_nodes_from(state.commitments, kind="commitment")
    for c in state.commitments.values():
        for target, kinds in condition_targets(c).items():
            if target in state.commitments:
                graph.add_edge(c.id, target, kinds=kinds)
            elif target in state.demands and kinds == ("demand",):
                graph.add_node(target, kind="demand")
                graph.add_edge(c.id, target, kinds=kinds)
    return graph


def condition_met(condition: Condition, state: SessionState) -> bool:
    """A commitment fulfilled, a demand met, or a commitment's latest verification confirmed."""
    if condition.kind == "demand":
        demand = state.demands.get(condition.ref)
        return demand is not None and demand.status == "met"
    commitment = state.commitments.get(condition.ref)
    if commitment is None:
        return False
    if condition.kind == "verification":
        return commitment.verified == "confirmed"
    return commitment.status == "fulfilled"


def unmet(commitment: Commitment, state: SessionState) -> set[str]:
    """The ids a commitment still waits on: each with at least one condition not met."""
    return {c.ref for c in commitment.conditions if not condition_met(c, state)}


def _seq(key: str, state: SessionState) -> int:
    record = state.commitments.get(key) or state.demands.get(key)
    return record.seq if record is not None else 0


def by_creation(ids: Iterable[str], state: SessionState) -> tuple[str, ...]:
    """Commitment (or demand) ids in the order they were created (their seq)."""
    return tuple(sorted(ids, key=lambda key: (_seq(key, state), key)))


def teams_of(ids: Iterable[str], state: SessionState, scenario: Scenario) -> tuple[str, ...]:
    """The givers and receivers of some commitments, in scenario order (others after)."""
    found: set[str] = set()
    for key in ids:
        found.update(state.commitments[key].givers)
        found.update(state.commitments[key].receivers)
    return _in_order(found, scenario)


def _in_order(found: set[str], scenario: Scenario) -> tuple[str, ...]:
    known = [t for t in scenario.team_ids if t in found]
    return (*known, *sorted(found - set(known)))


def _cyclic(graph: nx.DiGraph, members: set[str]) -> bool:
    if len(members) > 1:
        return True
    (only,) = members
    return bool(graph.has_edge(only, only))


def past_due(commitment: Commitment, state: SessionState) -> bool:
    """Open, with a due round, and the session is past that round."""
    return commitment.due_round is not None and state.round > commitment.due_round


def deadlocks(
    conditions: nx.DiGraph, state: SessionState, scenario: Scenario
) -> tuple[Deadlock, ...]:
    """Open commitments that wait on each other in a cycle so that none can go first:
    some member only proposed (``unagreed``), or all agreed, at least one past its due
    round (``stall``). All agreed and in time is a bundle being carried out: left out."""
    commitments = state.commitments
    open_ids = {key for key, c in commitments.items() if c.open and key in conditions}
    waiting = nx.DiGraph()  # the open commitments and their unmet conditions on open ones
    waiting.add_nodes_from(open_ids)
    for key in open_ids:
        pending = unmet(commitments[key], state)
        waiting.add_edges_from(
            (key, target)
            for target in conditions.successors(key)
            if target in open_ids and target in pending
        )
    found = []
    for members in nx.strongly_connected_components(waiting):
        if not _cyclic(waiting, members):
            continue
        ordered = by_creation(members, state)
        proposed = tuple(k for k in ordered if commitments[k].status == "proposed")
        late = tuple(k for k in ordered if past_due(commitments[k], state))
        if not proposed and not late:
            continue  # agreed and in time: a simultaneous-action bundle being carried out
        blocked: set[str] = set()
        frontier = list(members)
        while frontier:  # walk back along open commitments that wait on the cycle
            node = frontier.pop()
            for waiter in waiting.predecessors(node):
                if waiter not in members and waiter not in blocked:
                    blocked.add(waiter)
                    frontier.append(waiter)
        found.append(
            Deadlock(
                commitments=ordered,
                teams=teams_of(ordered, state, scenario),
                blocked=by_creation(blocked, state),
                kind="unagreed" if proposed else "stall",
                proposed=proposed,
                past_due=late,
                late_teams=_in_order({t for k in late for t in commitments[k].givers}, scenario),
            )
        )
    found.sort(key=lambda d: commitments[d.commitments[0]].seq)
    return tuple(found)


def unlocking(
    conditions: nx.DiGraph, state: SessionState, found: Iterable[Deadlock]
) -> tuple[DeadlockUnlocks, ...]:
    """For each deadlock or stall, its commitments ranked by how many others carrying them
    out releases, and a sentence saying what would unlock it.

    Carrying out ``c`` unconditionally counts as fulfilling it (and, where a condition
    asks for it, as its verification confirmed); an open commitment is then released when
    every one of its conditions is met already or released.
    """
    commitments = state.commitments
    result = []
    for deadlock in found:
        universe = set(deadlock.commitments) | set(deadlock.blocked)
        pending = {key: unmet(commitments[key], state) for key in universe}
        ranking = []
        for candidate in deadlock.commitments:
            released = _release(conditions, candidate, universe, pending)
            ranking.append(Unlock(candidate, len(released), by_creation(released, state)))
        ranking.sort(key=lambda u: (-u.releases, commitments[u.commitment].seq))
        result.append(
            DeadlockUnlocks(
                deadlock.commitments,
                tuple(ranking),
                deadlock.proposed,
                _advice(deadlock, ranking, state),
            )
        )
    return tuple(result)


def _advice(deadlock: Deadlock, ranking: list[Unlock], state: SessionState) -> str:
    """The sentence, naming commitments as people say them ("Commitment 4"; the id when
    the state does not number them)."""

    def named(keys: Iterable[str]) -> str:
        found = state.commitments
        return _ids(record_label(k, found[k].number) if k in found else k for k in keys)

    best = ranking[0] if ranking else None
    first = (
        f"{named([best.commitment])} carried out first would release {named(best.released)}"
        if best and best.released
        else ""
    )
    if deadlock.kind == "unagreed":
        agree = (
            f"agreeing {named(deadlock.proposed)} would make the cycle a bundle to carry out "
            "together"
        )
        return f"Nobody has agreed to move together: {agree}" + (f"; or {first}." if first else ".")
    late = f"{_ids(deadlock.late_teams)} past due on {named(deadlock.past_due)}"
    return f"Stalled, {late}" + (f": {first}." if first else ".")


def _ids(ids: Iterable[str]) -> str:
    listed = list(ids)
    if len(listed) < 2:
        return "".join(listed)
    return ", ".join(listed[:-1]) + " and " + listed[-1]


def _release(
    conditions: nx.DiGraph, start: str, universe: set[str], pending: dict[str, set[str]]
) -> set[str]:
    """The commitments of ``universe`` released once ``start`` is carried out."""
    missing = {key: len(pending[key]) for key in universe}
    done = {start}
    frontier = [start]
    while frontier:
        node = frontier.pop()
        for waiter in conditions.predecessors(node):
            if waiter in done or waiter not in universe or node not in pending[waiter]:
                continue
            missing[waiter] -= 1
            if missing[waiter] == 0:
                done.add(waiter)
                frontier.append(waiter)
    done.discard(start)
    return done


def implementation_plan(
    conditions: nx.DiGraph, state: SessionState
) -> tuple[tuple[Bundle, ...], tuple[Step, ...]]:
    """The bundles (strongly connected components among the conditional commitments and
    the demands they wait on) and their order: step 1 holds the bundles that wait on no
    other bundle, and every later bundle goes one step after the latest bundle it waits
    on. Conditions of every kind count: a verification condition on ``b`` orders ``b``
    first, as a fulfilment condition does; a demand is a bundle of its own."""
    condensed = nx.condensation(conditions)  # node -> members; edge: waits on
    members: dict[int, set[str]] = {
        n: data["members"]
        for n, data in condensed.nodes(data=True)
        if condensed.degree(n) or _cyclic(conditions, data["members"])
    }  # left out: commitments that take part in no condition
    step_of: dict[int, int] = {}
    for number, generation in enumerate(
        nx.topological_generations(condensed.reverse(copy=False)), 1
    ):
        for node in generation:
            step_of[node] = number
    first_seq = {n: min(_seq(k, state) for k in members[n]) for n in members}
    ordered = sorted(members, key=lambda n: (step_of[n], first_seq[n]))
    bundle_id = {n: i for i, n in enumerate(ordered, 1)}
    bundles = []
    for n in ordered:
        keys = by_creation(members[n], state)
        promises = tuple(k for k in keys if k in state.commitments)
        demands = tuple(k for k in keys if k not in state.commitments)
        bundles.append(
            Bundle(
                id=bundle_id[n],
                commitments=promises,
                step=step_of[n],
                depends_on=tuple(sorted(bundle_id[m] for m in condensed.successors(n))),
                simultaneous=_cyclic(conditions, members[n]),
                done=all(state.commitments[k].status == "fulfilled" for k in promises)
                and all(state.demands[k].status == "met" for k in demands),
                demands=demands,
            )
        )
    by_step: dict[int, list[Bundle]] = {}
    for bundle in bundles:
        by_step.setdefault(bundle.step, []).append(bundle)
    steps = tuple(
        Step(
            number,
            tuple(b.id for b in in_step),
            by_creation((k for b in in_step for k in b.commitments), state),
            demands=by_creation((k for b in in_step for k in b.demands), state),
        )
        for number, in_step in by_step.items()
    )
    return tuple(bundles), steps
