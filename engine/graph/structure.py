"""What the conditions reveal: deadlocks, simultaneous-action bundles, their order, unlocking.

All functions read the *condition graph* (``CommitmentGraph.conditions`` or
``condition_graph(state)``): one node per commitment, an edge ``a -> b`` when ``a`` is
conditional on ``b``. Definitions and worked examples: ``docs/analytics.md``.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from engine.domain.state import SessionState
from engine.graph.results import Bundle, Deadlock, DeadlockUnlocks, Step, Unlock
from engine.scenario.model import Scenario


def condition_graph(state: SessionState) -> nx.DiGraph:
    """The condition graph of ``state``, built from scratch (conditions on unknown ids left out)."""
    graph = nx.DiGraph()
    graph.add_nodes_from(state.commitments)
    graph.add_edges_from(
        (c.id, condition)
        for c in state.commitments.values()
        for condition in c.conditions
        if condition in state.commitments
    )
    return graph


def by_creation(ids: Iterable[str], state: SessionState) -> tuple[str, ...]:
    """Commitment ids in the order they were proposed (their seq)."""
    commitments = state.commitments
    return tuple(sorted(ids, key=lambda key: (commitments[key].seq, key)))


def teams_of(ids: Iterable[str], state: SessionState, scenario: Scenario) -> tuple[str, ...]:
    """The givers and receivers of some commitments, in scenario order (others after)."""
    found = set()
    for key in ids:
        found.add(state.commitments[key].giver)
        found.add(state.commitments[key].receiver)
    known = [t for t in scenario.team_ids if t in found]
    return (*known, *sorted(found - set(known)))


def _cyclic(graph: nx.DiGraph, members: set[str]) -> bool:
    if len(members) > 1:
        return True
    (only,) = members
    return bool(graph.has_edge(only, only))


def deadlocks(
    conditions: nx.DiGraph, state: SessionState, scenario: Scenario
) -> tuple[Deadlock, ...]:
    """Strongly connected sets of open commitments that wait on each other in a cycle."""
    open_ids = {key for key, c in state.commitments.items() if c.open and key in conditions}
    waiting = nx.DiGraph()  # the open commitments and their conditions on open ones
    waiting.add_nodes_from(open_ids)
    waiting.add_edges_from(
        (key, cond) for key in open_ids for cond in conditions.successors(key) if cond in open_ids
    )
    found = []
    for members in nx.strongly_connected_components(waiting):
        if not _cyclic(waiting, members):
            continue
        blocked: set[str] = set()
        frontier = list(members)
        while frontier:  # walk back along open commitments that wait on the cycle
            node = frontier.pop()
            for waiter in waiting.predecessors(node):
                if waiter not in members and waiter not in blocked:
                    blocked.add(waiter)
                    frontier.append(waiter)
        ordered = by_creation(members, state)
        found.append(
            Deadlock(ordered, teams_of(ordered, state, scenario), by_creation(blocked, state))
        )
    found.sort(key=lambda d: state.commitments[d.commitments[0]].seq)
    return tuple(found)


def unlocking(
    conditions: nx.DiGraph, state: SessionState, found: Iterable[Deadlock]
) -> tuple[DeadlockUnlocks, ...]:
    """For each deadlock, its commitments ranked by how many others carrying them out releases.

    Carrying out ``c`` unconditionally counts as fulfilling it; an open commitment is then
    released when every one of its conditions is fulfilled already or released.
    """
    commitments = state.commitments
    result = []
    for deadlock in found:
        universe = set(deadlock.commitments) | set(deadlock.blocked)
        unmet = {  # per commitment of the universe: its conditions not fulfilled yet
            key: {
                cond
                for cond in commitments[key].conditions
                if cond not in commitments or commitments[cond].status != "fulfilled"
            }
            for key in universe
        }
        ranking = []
        for candidate in deadlock.commitments:
            released = _release(conditions, candidate, universe, unmet)
            ranking.append(Unlock(candidate, len(released), by_creation(released, state)))
        ranking.sort(key=lambda u: (-u.releases, commitments[u.commitment].seq))
        result.append(DeadlockUnlocks(deadlock.commitments, tuple(ranking)))
    return tuple(result)


def _release(
    conditions: nx.DiGraph, start: str, universe: set[str], unmet: dict[str, set[str]]
) -> set[str]:
    """The commitments of ``universe`` released once ``start`` is carried out."""
    missing = {key: len(unmet[key]) for key in universe}
    done = {start}
    frontier = [start]
    while frontier:
        node = frontier.pop()
        for waiter in conditions.predecessors(node):
            if waiter in done or waiter not in universe or node not in unmet[waiter]:
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
    """The bundles (strongly connected components among the conditional commitments) and
    their order: step 1 holds the bundles that wait on no other bundle, and every later
    bundle goes one step after the latest bundle it waits on."""
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
    first_seq = {n: min(state.commitments[k].seq for k in members[n]) for n in members}
    ordered = sorted(members, key=lambda n: (step_of[n], first_seq[n]))
    bundle_id = {n: i for i, n in enumerate(ordered, 1)}
    bundles = []
    for n in ordered:
        keys = by_creation(members[n], state)
        bundles.append(
            Bundle(
                id=bundle_id[n],
                commitments=keys,
                step=step_of[n],
                depends_on=tuple(sorted(bundle_id[m] for m in condensed.successors(n))),
                simultaneous=_cyclic(conditions, members[n]),
                done=all(state.commitments[k].status == "fulfilled" for k in keys),
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
        )
        for number, in_step in by_step.items()
    )
    return tuple(bundles), steps
