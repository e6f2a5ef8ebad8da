"""Issue 16's analytics on the small structures worked by hand in docs/analytics.md
("Many parties, conditions of every kind, steps and verifiers")."""

from __future__ import annotations

import msgspec
from graph_records import agreement, commitment, demand, scenario, state

from engine.domain.events import Condition
from engine.domain.state import SessionState, Verification
from engine.graph.build import CommitmentGraph, build_graph
from engine.graph.conduct import alignment
from engine.graph.reciprocity import credibility, reciprocity
from engine.graph.report import analyze
from engine.graph.structure import condition_graph, deadlocks, implementation_plan, unlocking

SIX = ("usa", "dprk", "rok", "china", "japan", "russia")
SC = scenario(SIX)


def freeze_for_relief(now: int, *, second: str = "agreed", progress: int = 0) -> SessionState:
    """c1 USA -> DPRK relief and c2 DPRK -> USA freeze, each waiting on the other, due 4."""
    return state(
        commitment(1, conditions=(2,), status="agreed", due_round=4, progress=progress),
        commitment(2, "dprk", "usa", issue="yongbyon", conditions=(1,), status=second,
                   due_round=4, verification=True),
        round=now,
    )  # fmt: skip


def found(s: SessionState):  # type: ignore[no-untyped-def]
    graph = condition_graph(s)
    locks = deadlocks(graph, s, SC)
    return locks, unlocking(graph, s, locks)


def test_agreed_mutually_conditional_commitments_in_time_are_a_bundle_not_a_deadlock() -> None:
    s = freeze_for_relief(3)
    locks, _ = found(s)
    assert locks == ()
    bundles, _ = implementation_plan(condition_graph(s), s)
    assert [(b.commitments, b.simultaneous) for b in bundles] == [(("c1", "c2"), True)]


def test_past_the_due_round_the_same_pair_is_a_stall_naming_who_is_late() -> None:
    locks, unlocks = found(freeze_for_relief(5, progress=50))  # partial progress: still stalled
    (stall,) = locks
    assert (stall.kind, stall.commitments, stall.past_due) == ("stall", ("c1", "c2"), ("c1", "c2"))
    assert stall.late_teams == ("usa", "dprk")
    assert stall.proposed == ()
    (unlock,) = unlocks
    assert [(u.commitment, u.released) for u in unlock.ranking] == [
        ("c1", ("c2",)),
        ("c2", ("c1",)),
    ]
    assert unlock.advice == (
        "Stalled, usa and dprk past due on c1 and c2: c1 carried out first would release c2."
    )


def test_a_member_only_proposed_makes_a_deadlock_whatever_the_round() -> None:
    locks, unlocks = found(freeze_for_relief(1, second="proposed"))
    (lock,) = locks
    assert (lock.kind, lock.proposed, lock.past_due) == ("unagreed", ("c2",), ())
    assert unlocks[0].agree == ("c2",)
    assert unlocks[0].advice.startswith("Nobody has agreed to move together: agreeing c2")


def test_a_suspended_member_past_due_stalls_too_and_a_fulfilled_one_ends_it() -> None:
    s = freeze_for_relief(5)
    s.commitments["c2"] = msgspec.structs.replace(s.commitments["c2"], status="suspended")
    assert found(s)[0][0].kind == "stall"
    s.commitments["c2"] = msgspec.structs.replace(s.commitments["c2"], status="fulfilled")
    assert found(s)[0] == ()


def conditions_of_every_kind(round: int = 3) -> SessionState:
    """The freeze-for-relief bundle, delisting on the freeze's verification, inter-Korean
    projects on a full declaration (demand d5)."""
    base = freeze_for_relief(round)
    on_check = commitment(3, issue="peace", conditions=(Condition("verification", "c2"),))
    on_demand = commitment(4, "rok", "dprk", issue="projects",
                           conditions=(Condition("demand", "d5"),))  # fmt: skip
    declaration = demand(5, "usa", "dprk", "yongbyon", 1)
    return state(*base.commitments.values(), on_check, on_demand, declaration, round=round)


def test_bundles_and_the_order_run_over_every_kind_of_condition() -> None:
    s = conditions_of_every_kind()
    bundles, steps = implementation_plan(condition_graph(s), s)
    assert [(b.id, b.commitments, b.demands, b.step) for b in bundles] == [
        (1, ("c1", "c2"), (), 1),
        (2, (), ("d5",), 1),
        (3, ("c3",), (), 2),
        (4, ("c4",), (), 2),
    ]
    assert [(st.commitments, st.demands) for st in steps] == [
        (("c1", "c2"), ("d5",)),
        (("c3", "c4"), ()),
    ]
    assert bundles[2].depends_on == (1,) and bundles[3].depends_on == (2,)


def test_conditions_are_met_by_fulfilment_a_met_demand_and_a_confirmed_verification() -> None:
    s = conditions_of_every_kind(round=5)
    s.commitments["c3"] = msgspec.structs.replace(
        s.commitments["c3"], conditions=(Condition("verification", "c2"),), status="agreed",
        due_round=4,
    )  # fmt: skip
    s.commitments["c2"] = msgspec.structs.replace(
        s.commitments["c2"], conditions=(*s.commitments["c2"].conditions,
                                         Condition("commitment", "c3")),
    )  # fmt: skip
    assert {d.commitments for d in found(s)[0]} == {("c1", "c2", "c3")}
    s.commitments["c2"] = msgspec.structs.replace(
        s.commitments["c2"], verifications=(Verification(9, 4, "iaea", "confirmed"),)
    )  # c3's condition is met: c3 no longer waits on c2
    assert {d.commitments for d in found(s)[0]} == {("c1", "c2")}


def test_credibility_tells_kept_verified_unverified_broken_and_answers_apart() -> None:
    s = state(
        commitment(2, "dprk", "usa", status="fulfilled", verification=True, verified=True),
        commitment(6, "dprk", "usa", status="fulfilled"),
        commitment(7, "dprk", "usa", status="broken", status_round=2),
        commitment(8, "usa", "dprk", status="suspended", in_response_to="c7"),
        round=2,
    )
    rows = {c.team: c for c in credibility(SC, s)}
    dprk, usa = rows["dprk"], rows["usa"]
    assert (dprk.kept, dprk.kept_verified, dprk.kept_unverified, dprk.broken) == (2, 1, 1, 1)
    assert dprk.score == 2 / 3
    assert (usa.kept, usa.broken, usa.suspended_in_response, usa.open) == (0, 0, 1, 1)
    assert usa.score is None  # the answer to a breach is not a breach


def test_reciprocity_splits_a_multi_party_commitment_evenly() -> None:
    five = ("usa", "rok", "china", "japan", "russia")
    s = state(
        commitment(9, five, "dprk", issue="aid", status="fulfilled"),
        commitment(10, "dprk", ("usa", "rok"), issue="peace"),
    )
    rows = {(r.team, r.partner): r for r in reciprocity(SC, s)}
    assert rows["china", "dprk"].given.tangible == 0.2
    assert rows["china", "dprk"].given.tangible_fulfilled == 0.2
    assert rows["dprk", "usa"].given.intangible == 0.5
    assert rows["dprk", "usa"].received.tangible == 0.2
    assert ("china", "usa") not in rows  # co-givers give each other nothing


def test_alignment_counts_signatories_who_are_party_to_no_commitment() -> None:
    c1 = commitment(1, status="agreed")
    joint = agreement(12, 1, c1, signatories=("usa", "dprk", "china"), shape="joint_statement")
    rows = {(a.team_a, a.team_b): a.agreements for a in alignment(SC, state(c1, joint))}
    assert rows == {("usa", "dprk"): ("a12",), ("usa", "china"): ("a12",),
                    ("dprk", "china"): ("a12",)}  # fmt: skip


def test_the_graph_draws_many_parties_verifiers_demands_and_progress() -> None:
    s = conditions_of_every_kind()
    checked = (Verification(9, 1, "iaea", "confirmed"),)
    s.commitments["c9"] = commitment(
        9, ("usa", "rok"), ("dprk", "japan"), progress=40, verifications=checked
    )
    graph = build_graph(SC, s)
    assert graph.nodes["c9"]["progress"] == 40
    assert graph.nodes["c9"]["givers"] == "usa,rok"
    assert {(u, v) for u, v, k in graph.edges(data="kind") if v == "c9" or u == "c9"} == {
        ("team:usa", "c9"), ("team:rok", "c9"), ("c9", "team:dprk"), ("c9", "team:japan"),
        ("observer:iaea", "c9"),
    }  # fmt: skip
    assert graph.nodes["observer:iaea"]["kind"] == "observer"
    assert graph.nodes["d5"]["kind"] == "demand"
    assert graph.edges["c4", "d5"]["condition"] == "demand"
    assert graph.edges["c3", "c2"]["condition"] == "verification"


def test_the_report_is_the_same_from_a_kept_graph_and_from_scratch() -> None:
    s = conditions_of_every_kind(round=5)
    kept = CommitmentGraph(SC)
    assert analyze(SC, s, graph=kept) == analyze(SC, s)
