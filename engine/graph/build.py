"""The commitment graph: teams, observers, demands and commitments as a networkx DiGraph,
kept in step with a state.

Nodes are teams (``team:usa``), the scenario's observers (``observer:iaea``), commitments
(``c23``, the record's id) and the demands a condition names (``d12``). Edges run from
each giver to its commitment (``kind="gives"``), from a commitment to each receiver
(``kind="receives"``), from each verifier that checked it (a team or an observer; Control
draws none) to the commitment (``kind="verifies"``), and from a commitment to what it is
conditional on (``kind="condition"``, with ``condition`` = ``commitment``,
``verification``, ``demand``, or two joined by ``+`` when one commitment waits on
another's fulfilment and on its verification). A second, smaller graph, ``conditions``,
holds the commitments, the demands named by conditions and the condition edges (each
with its ``kinds``): the analytics of ``structure.py`` read it.

Records are frozen and replaced when they change, so ``CommitmentGraph.sync`` finds what
changed since the last sync by identity (``is``) and touches only those nodes and edges.
Every attribute is a ``str``, ``int``, ``float`` or ``bool`` (never ``None``), so the
graph writes to GraphML as it is; lists of teams are joined with ``,``.
"""

from __future__ import annotations

import networkx as nx

from engine.domain.events import CONTROL
from engine.domain.state import Commitment, Demand, SessionState
from engine.scenario.model import Scenario

TEAM_PREFIX = "team:"
OBSERVER_PREFIX = "observer:"
NO_DUE_ROUND = 0  # the ``due_round`` attribute of a commitment without one (rounds start at 1)


def team_node(team_id: str) -> str:
    """The node id of a team: ``team:usa``."""
    return f"{TEAM_PREFIX}{team_id}"


def observer_node(observer_id: str) -> str:
    """The node id of an outside body: ``observer:iaea``."""
    return f"{OBSERVER_PREFIX}{observer_id}"


def verified_text(commitment: Commitment) -> str:
    """The latest verification's result (``confirmed``, ``failed``, ``inconclusive``), or
    ``unverified``."""
    return commitment.verified or "unverified"


def commitment_attributes(commitment: Commitment, tangible: bool) -> dict[str, str | int | bool]:
    """The node attributes of a commitment (the same keys for every commitment)."""
    c = commitment
    return {
        "kind": "commitment",
        "label": c.id,
        "seq": c.seq,
        "status": c.status,
        "open": c.open,
        "issue": c.issue,
        "tangible": tangible,
        "round": c.round,
        "due_round": NO_DUE_ROUND if c.due_round is None else c.due_round,
        "verification": c.verification,
        "verified": verified_text(c),
        "verifications": len(c.verifications),
        "givers": ",".join(c.givers),
        "receivers": ",".join(c.receivers),
        "proposer": c.proposer,
        "ask": c.ask,
        "progress": c.progress,
        "in_response_to": c.in_response_to or "",
        "text": c.text,
        "agreement": c.agreement or "",
        "public": c.visibility is None,
    }


def demand_attributes(demand: Demand) -> dict[str, str | int | bool]:
    d = demand
    return {
        "kind": "demand",
        "label": d.id,
        "seq": d.seq,
        "status": d.status,
        "issue": d.issue,
        "from_team": d.from_team,
        "to_team": d.to_team,
        "round": d.round,
        "text": d.text,
        "public": d.visibility is None,
    }


def condition_targets(commitment: Commitment) -> dict[str, tuple[str, ...]]:
    """What a commitment waits on: target id -> the kinds of condition on it, sorted."""
    found: dict[str, set[str]] = {}
    for condition in commitment.conditions:
        found.setdefault(condition.ref, set()).add(condition.kind)
    return {ref: tuple(sorted(kinds)) for ref, kinds in found.items()}


class CommitmentGraph:
    """The commitment graph of one scenario, brought up to date with ``sync(state)``.

    ``graph`` is the whole graph; ``conditions`` the commitments and the demands they
    name, with an edge ``a -> b`` when ``a`` is conditional on ``b``. A condition naming a
    record the state does not hold (voided by an undo) has no edge until it returns.
    """

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.graph: nx.DiGraph = nx.DiGraph(scenario=scenario.id, seq=0)
        self.conditions: nx.DiGraph = nx.DiGraph()
        self.seq = 0
        self._records: dict[str, Commitment] = {}
        self._waiting: dict[str, set[str]] = {}  # missing commitment -> commitments waiting on it
        self._demand_waiters: dict[str, set[str]] = {}  # demand -> commitments waiting on it
        self._demands: dict[str, Demand] = {}  # the demand records drawn
        self._tangible = {issue.id: issue.tangible for issue in scenario.issues}
        for team in scenario.teams:
            self.graph.add_node(
                team_node(team.id), kind="team", label=team.name, team=team.id, color=team.color
            )
        for observer in scenario.observers:
            self.graph.add_node(
                observer_node(observer.id), kind="observer", label=observer.name, team="", color=""
            )

    @classmethod
    def from_state(cls, scenario: Scenario, state: SessionState) -> CommitmentGraph:
        built = cls(scenario)
        built.sync(state)
        return built

    def record(self, commitment_id: str) -> Commitment | None:
        """The record the graph last saw for a commitment."""
        return self._records.get(commitment_id)

    def sync(self, state: SessionState) -> int:
        """Bring the graph up to ``state``; returns how many commitments changed."""
        records = self._records
        changed = 0
        for key, commitment in state.commitments.items():
            old = records.get(key)
            if old is not commitment:
                self._put(commitment, old)
                changed += 1
        if len(records) != len(state.commitments):  # some were removed (voided)
            for key in [k for k in records if k not in state.commitments]:
                self._remove(key)
                changed += 1
        for demand_id in list(self._demand_waiters):
            self._sync_demand(demand_id, state.demands.get(demand_id))
        self.seq = state.seq
        self.graph.graph["seq"] = state.seq
        return changed

    # ------------------------------------------------------------------------ internals

    def _team(self, team_id: str) -> str:
        node = team_node(team_id)
        if node not in self.graph:  # not a team of the scenario: keep the edge readable
            self.graph.add_node(node, kind="team", label=team_id, team=team_id, color="")
        return node

    def _verifier(self, verifier: str) -> str:
        if self.scenario.team(verifier) is not None:
            return team_node(verifier)
        node = observer_node(verifier)
        if node not in self.graph:
            self.graph.add_node(node, kind="observer", label=verifier, team="", color="")
        return node

    def _put(self, commitment: Commitment, old: Commitment | None) -> None:
        key = commitment.id
        graph = self.graph
        self._records[key] = commitment
        graph.add_node(
            key, **commitment_attributes(commitment, self._tangible.get(commitment.issue, False))
        )
        if old is not None:
            self._unlink(old)
        for giver in commitment.givers:
            graph.add_edge(self._team(giver), key, kind="gives")
        for receiver in commitment.receivers:
            graph.add_edge(key, self._team(receiver), kind="receives")
        for verifier in dict.fromkeys(v.verifier for v in commitment.verifications):
            if verifier != CONTROL:
                graph.add_edge(self._verifier(verifier), key, kind="verifies")
        if old is None:
            self.conditions.add_node(key, kind="commitment")
            for waiter in self._waiting.pop(key, ()):
                self._link(waiter, key, condition_targets(self._records[waiter])[key])
        for target, kinds in condition_targets(commitment).items():
            if kinds == ("demand",):
                self._demand_waiters.setdefault(target, set()).add(key)
            elif target in self._records:
                self._link(key, target, kinds)
            else:
                self._waiting.setdefault(target, set()).add(key)

    def _link(self, waiter: str, target: str, kinds: tuple[str, ...]) -> None:
        self.graph.add_edge(waiter, target, kind="condition", condition="+".join(kinds))
        self.conditions.add_edge(waiter, target, kinds=kinds)

    def _unlink(self, old: Commitment) -> None:
        """Remove what ``old`` drew: its team and verifier edges and its conditions."""
        key = old.id
        graph = self.graph
        for source in [
            s for s in graph.predecessors(key) if graph.nodes[s]["kind"] != "commitment"
        ]:
            graph.remove_edge(source, key)
        for target in list(graph.successors(key)):
            graph.remove_edge(key, target)
        for target in list(self.conditions.successors(key)):
            self.conditions.remove_edge(key, target)
        for target in condition_targets(old):
            for registry in (self._waiting, self._demand_waiters):
                waiters = registry.get(target)
                if waiters is not None:
                    waiters.discard(key)
                    if not waiters:
                        del registry[target]
                        if registry is self._demand_waiters:
                            self._sync_demand(target, None)

    def _sync_demand(self, demand_id: str, demand: Demand | None) -> None:
        waiters = self._demand_waiters.get(demand_id)
        if not waiters or demand is None:
            for graph in (self.graph, self.conditions):
                if demand_id in graph:
                    graph.remove_node(demand_id)
            self._demands.pop(demand_id, None)
            if not waiters:
                self._demand_waiters.pop(demand_id, None)
            return
        if self._demands.get(demand_id) is not demand:
            self._demands[demand_id] = demand
            self.graph.add_node(demand_id, **demand_attributes(demand))
            self.conditions.add_node(demand_id, kind="demand")
        for waiter in waiters:
            if not self.conditions.has_edge(waiter, demand_id):
                self._link(waiter, demand_id, ("demand",))

    def _remove(self, key: str) -> None:
        old = self._records.pop(key)
        self._unlink(old)
        for waiter in list(self.conditions.predecessors(key)):
            if waiter != key:
                self._waiting.setdefault(key, set()).add(waiter)
        self.graph.remove_node(key)
        self.conditions.remove_node(key)


def build_graph(scenario: Scenario, state: SessionState) -> nx.DiGraph:
    """The commitment graph of ``state``, built from scratch."""
    return CommitmentGraph.from_state(scenario, state).graph
