"""The commitment graph: its nodes, edges and attributes, and its incremental ``sync``."""

from __future__ import annotations

import subprocess
import sys

import msgspec
import networkx as nx
from graph_records import commitment, demand, scenario, state
from hypothesis import given, settings
from hypothesis import strategies as st

import engine.graph
from conftest import ROOT
from engine.domain.events import Condition
from engine.domain.state import Commitment, SessionState, Verification
from engine.graph.build import CommitmentGraph, build_graph, team_node

SC = scenario()


def same(a: nx.DiGraph, b: nx.DiGraph) -> bool:
    return dict(a.nodes(data=True)) == dict(b.nodes(data=True)) and {
        (u, v): d for u, v, d in a.edges(data=True)
    } == {(u, v): d for u, v, d in b.edges(data=True)}


def test_nodes_are_teams_and_commitments_with_their_attributes() -> None:
    s = state(
        commitment(1, "usa", "dprk", issue="relief", verification=True, verified=True),
        commitment(2, "dprk", "usa", issue="peace", conditions=(1,), round=2, due_round=4),
    )
    graph = build_graph(SC, s)
    assert {n for n, kind in graph.nodes(data="kind") if kind == "team"} == {
        team_node(t) for t in SC.team_ids
    }
    c1 = graph.nodes["c1"]
    assert (c1["status"], c1["issue"], c1["tangible"], c1["round"]) == (
        "proposed",
        "relief",
        True,
        1,
    )
    assert (c1["verification"], c1["verified"], c1["givers"], c1["receivers"]) == (
        True,
        "confirmed",
        "usa",
        "dprk",
    )
    c2 = graph.nodes["c2"]
    assert (c2["tangible"], c2["due_round"], c2["verified"]) == (False, 4, "unverified")
    assert graph.edges["team:usa", "c1"]["kind"] == "gives"
    assert graph.edges["c1", "team:dprk"]["kind"] == "receives"
    assert graph.edges["c2", "c1"]["kind"] == "condition"
    assert graph.number_of_edges() == 5
    assert all(v is not None for _, d in graph.nodes(data=True) for v in d.values())


def test_sync_touches_only_what_changed() -> None:
    s = state(commitment(1), commitment(2, conditions=(1,)))
    built = CommitmentGraph.from_state(SC, s)
    assert built.sync(s) == 0
    s.commitments["c1"] = msgspec.structs.replace(s.commitments["c1"], status="fulfilled")
    assert built.sync(s) == 1
    assert built.graph.nodes["c1"]["status"] == "fulfilled"
    del s.commitments["c2"]  # an undo voids the proposal
    assert built.sync(s) == 1
    assert "c2" not in built.graph
    assert same(built.graph, build_graph(SC, s))


def test_a_condition_on_a_voided_commitment_comes_back_with_it() -> None:
    c1, c2 = commitment(1), commitment(2, conditions=(1,))
    s = state(c1, c2)
    built = CommitmentGraph.from_state(SC, s)
    del s.commitments["c1"]
    built.sync(s)
    assert not built.conditions.has_edge("c2", "c1")
    s.commitments["c1"] = c1  # redo
    built.sync(s)
    assert built.conditions.has_edge("c2", "c1")
    assert built.graph.edges["c2", "c1"]["kind"] == "condition"


def test_the_package_loads_networkx_only_when_asked() -> None:
    code = (
        "import sys; from engine.cli.verbs import build_parser; build_parser(); "
        "import engine.graph, engine.graph.results; before = 'networkx' in sys.modules; "
        "engine.graph.analyze; print(before, 'networkx' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.split() == ["False", "True"], result.stderr
    assert engine.graph.CommitmentGraph is CommitmentGraph


# ------------------------------------------------------------------------ property

CONDITIONS = st.lists(
    st.tuples(st.sampled_from(("commitment", "verification", "demand")), st.integers(1, 12)),
    max_size=3,
)
OPS = st.lists(
    st.tuples(
        st.sampled_from(("add", "status", "conditions", "void", "redo", "demand", "verify")),
        st.integers(1, 12),
        CONDITIONS,
        st.sampled_from(("proposed", "agreed", "fulfilled", "broken", "withdrawn")),
    ),
    max_size=40,
)


def _conditions(drawn: list[tuple[str, int]]) -> tuple[Condition, ...]:
    return tuple(
        dict.fromkeys(
            Condition(kind, f"d{n + 100}" if kind == "demand" else f"c{n}")  # type: ignore[arg-type]
            for kind, n in drawn
        )
    )


@settings(max_examples=120, deadline=None)
@given(OPS)
def test_syncing_after_every_change_equals_building_from_scratch(ops: list) -> None:  # type: ignore[type-arg]
    s = SessionState()
    kept = CommitmentGraph(SC)
    voided: dict[str, Commitment] = {}
    for op, seq, conds, status in ops:
        key = f"c{seq}"
        current = s.commitments.get(key)
        if op == "add" and current is None and key not in voided:
            s.commitments[key] = commitment(
                seq, ("usa", "rok") if seq % 2 else "usa", conditions=_conditions(conds)
            )
        elif op == "status" and current is not None:
            s.commitments[key] = msgspec.structs.replace(current, status=status)
        elif op == "conditions" and current is not None:
            new = _conditions(conds)
            s.commitments[key] = msgspec.structs.replace(current, conditions=new)
        elif op == "demand":  # a demand some condition may name comes and goes
            name = f"d{seq + 100}"
            if s.demands.pop(name, None) is None:
                s.demands[name] = demand(seq + 100, "dprk", "usa", "relief", 1)
        elif op == "verify" and current is not None:
            check = Verification(seq, 1, "iaea" if seq % 2 else "rok", "confirmed")
            new_checks = (*current.verifications, check)
            s.commitments[key] = msgspec.structs.replace(current, verifications=new_checks)
        elif op == "void" and current is not None:
            voided[key] = s.commitments.pop(key)
        elif op == "redo" and key in voided:
            s.commitments[key] = voided.pop(key)
        kept.sync(s)
        fresh = CommitmentGraph.from_state(SC, s)
        assert same(kept.graph, fresh.graph)
        assert same(kept.conditions, fresh.conditions)
