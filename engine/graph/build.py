"""The commitment graph: teams and commitments as a networkx DiGraph, kept in step with a state.

Nodes are teams (``team:usa``) and commitments (``c23``, the record's id). Edges run from
a giver to its commitment (``kind="gives"``), from a commitment to its receiver
(``kind="receives"``), and from a commitment to each commitment it is conditional on
(``kind="condition"``). A second, smaller graph, ``conditions``, holds only the
commitments and their condition edges: the analytics of ``structure.py`` read it.

Records are frozen and replaced when they change, so ``CommitmentGraph.sync`` finds what
changed since the last sync by identity (``is``) and touches only those nodes and edges.
Every attribute is a ``str``, ``int``, ``float`` or ``bool`` (never ``None``), so the
graph writes to GraphML as it is.
"""

from __future__ import annotations

import networkx as nx

from engine.domain.state import Commitment, SessionState
from engine.scenario.model import Scenario

TEAM_PREFIX = "team:"
NO_DUE_ROUND = 0  # the ``due_round`` attribute of a commitment without one (rounds start at 1)


def team_node(team_id: str) -> str:
    """The node id of a team: ``team:usa``."""
    return f"{TEAM_PREFIX}{team_id}"


def verified_text(commitment: Commitment) -> str:
    """``confirmed``, ``failed`` or ``unverified``: the record's ``verified`` as a word."""
    if commitment.verified is None:
        return "unverified"
    return "confirmed" if commitment.verified else "failed"


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
        "giver": c.giver,
        "receiver": c.receiver,
        "text": c.text,
        "agreement": c.agreement or "",
        "public": c.visibility is None,
    }


class CommitmentGraph:
    """The commitment graph of one scenario, brought up to date with ``sync(state)``.

    ``graph`` is the whole graph; ``conditions`` the commitments alone, with an edge
    ``a -> b`` when ``a`` is conditional on ``b``. A condition naming a commitment the
    state does not hold (voided by an undo) has no edge until that commitment returns.
    """

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.graph: nx.DiGraph = nx.DiGraph(scenario=scenario.id, seq=0)
        self.conditions: nx.DiGraph = nx.DiGraph()
        self.seq = 0
        self._records: dict[str, Commitment] = {}
        self._waiting: dict[str, set[str]] = {}  # missing commitment -> commitments waiting on it
        self._tangible = {issue.id: issue.tangible for issue in scenario.issues}
        for team in scenario.teams:
            self.graph.add_node(
                team_node(team.id), kind="team", label=team.name, team=team.id, color=team.color
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
        self.seq = state.seq
        self.graph.graph["seq"] = state.seq
        return changed

    # ------------------------------------------------------------------------ internals

    def _team(self, team_id: str) -> str:
        node = team_node(team_id)
        if node not in self.graph:  # not a team of the scenario: keep the edge readable
            self.graph.add_node(node, kind="team", label=team_id, team=team_id, color="")
        return node

    def _put(self, commitment: Commitment, old: Commitment | None) -> None:
        key = commitment.id
        graph = self.graph
        self._records[key] = commitment
        graph.add_node(
            key, **commitment_attributes(commitment, self._tangible.get(commitment.issue, False))
        )
        if old is None or (old.giver, old.receiver) != (commitment.giver, commitment.receiver):
            if old is not None:
                graph.remove_edge(team_node(old.giver), key)
                graph.remove_edge(key, team_node(old.receiver))
            graph.add_edge(self._team(commitment.giver), key, kind="gives")
            graph.add_edge(key, self._team(commitment.receiver), kind="receives")
        if old is None:
            self.conditions.add_node(key)
            for waiter in self._waiting.pop(key, ()):
                self._link(waiter, key)
        if old is None or old.conditions != commitment.conditions:
            if old is not None:
                self._unlink_conditions(old)
            for condition in commitment.conditions:
                if condition in self._records:
                    self._link(key, condition)
                else:
                    self._waiting.setdefault(condition, set()).add(key)

    def _link(self, waiter: str, condition: str) -> None:
        self.graph.add_edge(waiter, condition, kind="condition")
        self.conditions.add_edge(waiter, condition)

    def _unlink_conditions(self, old: Commitment) -> None:
        for condition in old.conditions:
            if self.conditions.has_edge(old.id, condition):
                self.graph.remove_edge(old.id, condition)
                self.conditions.remove_edge(old.id, condition)
            waiters = self._waiting.get(condition)
            if waiters is not None:
                waiters.discard(old.id)
                if not waiters:
                    del self._waiting[condition]

    def _remove(self, key: str) -> None:
        old = self._records.pop(key)
        self._unlink_conditions(old)
        for waiter in list(self.conditions.predecessors(key)):
            if waiter != key:
                self._waiting.setdefault(key, set()).add(waiter)
        self.graph.remove_node(key)
        self.conditions.remove_node(key)


def build_graph(scenario: Scenario, state: SessionState) -> nx.DiGraph:
    """The commitment graph of ``state``, built from scratch."""
    return CommitmentGraph.from_state(scenario, state).graph
