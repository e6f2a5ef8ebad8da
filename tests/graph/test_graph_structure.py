"""Deadlocks, bundles, implementation order and unlocking on hand-built cases with known answers."""

from __future__ import annotations

from graph_records import commitment, scenario, state
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.domain.state import SessionState
from engine.graph.build import CommitmentGraph
from engine.graph.structure import condition_graph, deadlocks, implementation_plan, unlocking

SC = scenario()


def plan(s: SessionState) -> list[list[str]]:
    _, steps = implementation_plan(condition_graph(s), s)
    return [list(step.commitments) for step in steps]


def test_two_mutually_conditional_commitments_are_one_deadlock_and_one_bundle() -> None:
    s = state(
        commitment(1, "usa", "dprk", conditions=(2,)), commitment(2, "dprk", "usa", conditions=(1,))
    )
    found = deadlocks(condition_graph(s), s, SC)
    assert [d.commitments for d in found] == [("c1", "c2")]
    assert found[0].teams == ("usa", "dprk")
    bundles, steps = implementation_plan(condition_graph(s), s)
    assert [(b.commitments, b.simultaneous, b.step) for b in bundles] == [(("c1", "c2"), True, 1)]
    assert len(steps) == 1


def test_a_fulfilled_member_means_no_deadlock_but_still_one_bundle() -> None:
    s = state(
        commitment(1, conditions=(2,), status="fulfilled"),
        commitment(2, "dprk", "usa", conditions=(1,)),
    )
    assert deadlocks(condition_graph(s), s, SC) == ()
    bundles, _ = implementation_plan(condition_graph(s), s)
    assert [b.commitments for b in bundles] == [("c1", "c2")]
    assert not bundles[0].done


def test_chain_a_needs_b_needs_c_is_carried_out_c_then_b_then_a() -> None:
    s = state(commitment(1, conditions=(2,)), commitment(2, conditions=(3,)), commitment(3))
    assert plan(s) == [["c3"], ["c2"], ["c1"]]
    assert deadlocks(condition_graph(s), s, SC) == ()
    bundles, _ = implementation_plan(condition_graph(s), s)
    by_id = {b.commitments[0]: b for b in bundles}
    assert by_id["c1"].depends_on == (by_id["c2"].id,)
    assert not any(b.simultaneous for b in bundles)


def test_independent_commitments_share_a_step() -> None:
    s = state(
        commitment(1, conditions=(3,)),
        commitment(2, "rok", "china", conditions=(4,)),
        commitment(3, "dprk", "usa"),
        commitment(4, "china", "rok"),
        commitment(5, "usa", "rok"),  # no condition either way: in no bundle
    )
    assert plan(s) == [["c3", "c4"], ["c1", "c2"]]


def test_a_step_waits_for_the_latest_dependency() -> None:
    # c1 needs c2 and c4; c2 needs c3: c4 is ready at step 1 but c1 must wait for c2.
    s = state(
        commitment(1, conditions=(2, 4)),
        commitment(2, conditions=(3,)),
        commitment(3),
        commitment(4),
    )
    assert plan(s) == [["c3", "c4"], ["c2"], ["c1"]]


def test_a_commitment_conditional_on_itself_is_a_deadlock_of_one() -> None:
    s = state(commitment(1, conditions=(1,)))
    assert [d.commitments for d in deadlocks(condition_graph(s), s, SC)] == [("c1",)]


def test_deadlock_lists_what_it_blocks_and_unlocking_ranks_the_best_release() -> None:
    # c1 <-> c2 deadlock; c3 waits on c1; c4 waits on c3; c5 waits on c2 and c9 (broken).
    s = state(
        commitment(1, conditions=(2,)),
        commitment(2, "dprk", "usa", conditions=(1,)),
        commitment(3, "rok", "dprk", conditions=(1,)),
        commitment(4, "china", "rok", conditions=(3,)),
        commitment(9, "china", "usa", status="broken"),
        commitment(10, "dprk", "rok", conditions=(2, 9)),
    )
    graph = condition_graph(s)
    found = deadlocks(graph, s, SC)
    assert [d.blocked for d in found] == [("c3", "c4", "c10")]
    (ranked,) = unlocking(graph, s, found)
    # carrying out c2 releases c1, then c3 and c4 (c10 still waits on the broken c9);
    # carrying out c1 releases c2 (which needs only c1), then c3, c4.
    assert [(u.commitment, u.releases) for u in ranked.ranking] == [("c1", 3), ("c2", 3)]
    assert ranked.ranking[0].released == ("c2", "c3", "c4")


def test_unlocking_prefers_the_commitment_others_wait_on() -> None:
    # a three-cycle c1 -> c2 -> c3 -> c1, and c4 waits on c2 only.
    s = state(
        commitment(1, conditions=(2,)),
        commitment(2, conditions=(3,)),
        commitment(3, conditions=(1,)),
        commitment(4, conditions=(2,)),
    )
    graph = condition_graph(s)
    (ranked,) = unlocking(graph, s, deadlocks(graph, s, SC))
    assert [(u.commitment, u.releases) for u in ranked.ranking] == [("c1", 3), ("c2", 3), ("c3", 3)]
    s2 = state(*s.commitments.values(), commitment(5, conditions=(1, 3)))
    graph2 = condition_graph(s2)
    (ranked2,) = unlocking(graph2, s2, deadlocks(graph2, s2, SC))
    # c5 needs both c1 and c3: every candidate still releases the whole cycle and c4, c5.
    assert {u.releases for u in ranked2.ranking} == {4}


def test_withdrawn_members_break_a_deadlock() -> None:
    s = state(
        commitment(1, conditions=(2,), status="withdrawn"),
        commitment(2, "dprk", "usa", conditions=(1,)),
    )
    assert deadlocks(condition_graph(s), s, SC) == ()


# ----------------------------------------------------------------------- properties

STATUSES = ("proposed", "agreed", "fulfilled", "broken", "withdrawn")


@st.composite
def condition_states(draw: st.DrawFn) -> SessionState:
    n = draw(st.integers(1, 14))
    records = []
    for seq in range(1, n + 1):
        conditions = draw(st.lists(st.integers(1, n), max_size=3, unique=True))
        records.append(
            commitment(seq, conditions=tuple(conditions), status=draw(st.sampled_from(STATUSES)))
        )
    return state(*records)


@settings(max_examples=150, deadline=None)
@given(condition_states())
def test_bundles_partition_the_conditional_commitments(s: SessionState) -> None:
    bundles, steps = implementation_plan(CommitmentGraph.from_state(SC, s).conditions, s)
    conditional = {c.id for c in s.commitments.values() if c.conditions}
    conditional |= {cond.ref for c in s.commitments.values() for cond in c.conditions}
    members = [key for b in bundles for key in b.commitments]
    assert len(members) == len(set(members))
    assert set(members) == conditional
    assert sorted(key for step in steps for key in step.commitments) == sorted(members)


@settings(max_examples=150, deadline=None)
@given(condition_states())
def test_the_order_honours_every_condition(s: SessionState) -> None:
    bundles, _ = implementation_plan(condition_graph(s), s)
    bundle_of = {key: b for b in bundles for key in b.commitments}
    for c in s.commitments.values():
        for cond in c.conditions:
            mine, theirs = bundle_of[c.id], bundle_of[cond.ref]
            assert mine is theirs or theirs.step < mine.step
            assert mine is theirs or theirs.id in mine.depends_on
    for b in bundles:  # and no bundle waits longer than it must
        assert b.step == 1 + max((bundles[d - 1].step for d in b.depends_on), default=0)


@settings(max_examples=150, deadline=None)
@given(condition_states())
def test_deadlocks_are_open_cycles_and_unlocking_releases_only_waiters(s: SessionState) -> None:
    graph = condition_graph(s)
    found = deadlocks(graph, s, SC)
    bundle_keys = {b.commitments for b in implementation_plan(graph, s)[0]}
    for deadlock in found:
        assert all(s.commitments[k].open for k in deadlock.commitments)
        assert all(s.commitments[k].open for k in deadlock.blocked)
        if len(deadlock.commitments) == 1:
            (only,) = deadlock.commitments
            assert only in s.commitments[only].condition_refs("commitment")
        # waiting on each other, they can only be carried out together
        assert any(set(deadlock.commitments) <= set(keys) for keys in bundle_keys)
    for ranked in unlocking(graph, s, found):
        for u in ranked.ranking:
            assert u.commitment not in u.released
            assert all(s.commitments[k].open for k in u.released)
        assert [u.releases for u in ranked.ranking] == sorted(
            (u.releases for u in ranked.ranking), reverse=True
        )
