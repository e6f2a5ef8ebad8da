"""Reciprocity, credibility, preparedness, volatility and alignment on hand-built cases."""

from __future__ import annotations

import json

import pytest
from graph_records import agreement, commitment, demand, move, scenario, state

from engine.graph.conduct import alignment, preparedness, surprise_demands, volatility
from engine.graph.reciprocity import credibility, reciprocity
from engine.graph.render import render_text
from engine.graph.report import analyze
from engine.graph.results import Flow

SC = scenario()


def test_reciprocity_counts_tangible_and_intangible_each_way() -> None:
    s = state(
        commitment(1, "usa", "dprk", issue="relief", status="fulfilled"),
        commitment(2, "usa", "dprk", issue="peace"),
        commitment(3, "dprk", "usa", issue="yongbyon", status="broken"),
        commitment(4, "dprk", "usa", issue="liaison", status="withdrawn"),
        commitment(5, "dprk", "usa", issue="liaison", status="fulfilled"),
    )
    rows = {(r.team, r.partner): r for r in reciprocity(SC, s)}
    assert set(rows) == {("usa", "dprk"), ("dprk", "usa")}
    usa = rows["usa", "dprk"]
    assert usa.given == Flow(tangible=1, intangible=1, tangible_fulfilled=1, intangible_fulfilled=0)
    assert usa.received == Flow(1, 1, 0, 1)
    assert rows["dprk", "usa"].given == usa.received


def test_a_broken_promise_lowers_credibility() -> None:
    s = state(
        commitment(1, "usa", "dprk", status="fulfilled", round=1, status_round=1),
        commitment(2, "usa", "dprk", status="broken", round=1, status_round=3),
        commitment(3, "dprk", "usa", status="agreed"),
        round=3,
    )
    usa, dprk, *_ = credibility(SC, s)
    assert (usa.team, usa.kept, usa.broken, usa.open, usa.score) == ("usa", 1, 1, 0, 0.5)
    assert [(p.round, p.kept, p.broken, p.score) for p in usa.series] == [
        (1, 1, 0, 1.0),
        (2, 1, 0, 1.0),
        (3, 1, 1, 0.5),
    ]
    assert (dprk.kept, dprk.broken, dprk.open, dprk.score) == (0, 0, 1, None)
    assert [t.team for t in credibility(SC, s)] == list(SC.team_ids)


def test_demand_tabled_at_working_level_first_is_no_surprise_at_the_summit() -> None:
    s = state(
        demand(1, "usa", "dprk", "yongbyon", round=1),  # working
        demand(2, "usa", "dprk", "yongbyon", round=2),  # summit, prepared
        demand(3, "usa", "dprk", "relief", round=2),  # summit, a surprise
        demand(4, "usa", "dprk", "relief", round=3),  # working, too late for round 2
        demand(5, "dprk", "usa", "yongbyon", round=2),  # other direction: a surprise
        demand(6, "dprk", "usa", "yongbyon", round=4),  # summit, still never at working
        demand(7, "usa", "dprk", "relief", round=4),  # summit, after working round 3
    )
    assert surprise_demands(s) == {"d3", "d5", "d6"}
    rows = {p.team: p for p in preparedness(SC, s)}
    assert (rows["usa"].summit_demands, rows["usa"].surprises) == (3, 1)
    assert rows["usa"].surprise_demands == ("d3",)
    assert rows["usa"].prepared == pytest.approx(2 / 3)
    assert (rows["dprk"].surprises, rows["dprk"].prepared) == (2, 0.0)
    assert rows["rok"].prepared is None


def test_tone_swings_are_measured_from_round_to_round() -> None:
    s = state(
        move(1, "usa", 1, +3),
        move(2, "usa", 1, +1),  # round 1 mean +2
        move(3, "usa", 2, -2),  # round 2: -2, a sign flip of 4
        move(4, "usa", 2, +3, public=False),  # private: not rhetoric
        move(5, "usa", 4, -1),  # round 4 (none in 3): -1, a change of 1
        move(6, "dprk", 1, 0),
        move(7, "dprk", 2, 2),  # no sign flip, but a change of 2: a swing
        move(8, "dprk", 3, 1),
    )
    rows = {v.team: v for v in volatility(SC, s)}
    usa = rows["usa"]
    assert [(t.round, t.moves, t.mean_tone) for t in usa.rounds] == [
        (1, 2, 2.0),
        (2, 1, -2.0),
        (4, 1, -1.0),
    ]
    assert (usa.changes, usa.mean_change, usa.max_change) == (2, 2.5, 4.0)
    assert (usa.swings, usa.swing_rate) == (1, 0.5)
    dprk = rows["dprk"]
    assert (dprk.changes, dprk.swings, dprk.mean_change) == (2, 1, 1.5)
    rok = rows["rok"]
    assert (rok.rounds, rok.changes, rok.mean_change, rok.swing_rate) == ((), 0, None, None)


def test_alignment_pairs_cosigners_and_joint_demands_per_round() -> None:
    c1 = commitment(1, "usa", "dprk")
    c2 = commitment(2, "rok", "dprk")
    s = state(
        c1,
        c2,
        agreement(3, 2, c1, c2),
        demand(4, "usa", "dprk", "relief", round=1),
        demand(5, "rok", "dprk", "relief", round=1),
        demand(6, "rok", "dprk", "peace", round=1),  # usa did not ask for peace
        demand(7, "china", "dprk", "relief", round=3),  # another round
    )
    rows = [
        (a.round, a.team_a, a.team_b, a.agreements, a.demands, a.score) for a in alignment(SC, s)
    ]
    assert rows == [
        (1, "usa", "rok", (), (("dprk", "relief"),), 1),
        (2, "usa", "dprk", ("a3",), (), 1),
        (2, "usa", "rok", ("a3",), (), 1),
        (2, "dprk", "rok", ("a3",), (), 1),
    ]


def test_the_report_is_plain_data_and_readable_text() -> None:
    s = state(
        commitment(1, "usa", "dprk", conditions=(2,)),
        commitment(2, "dprk", "usa", conditions=(1,)),
        commitment(3, "rok", "china", visibility=("rok",)),
        demand(4, "usa", "dprk", "relief", round=2),
        move(5, "usa", 1, -3),
        move(6, "usa", 2, 3),
        round=2,
    )
    report = analyze(SC, s)
    data = json.loads(json.dumps(report.to_dict()))
    assert data["deadlocks"][0]["commitments"] == ["c1", "c2"]
    assert data["graph"]["commitments"] == 3
    text = render_text(report, SC)
    for heading in ("Deadlocks", "Implementation order", "Reciprocity", "Credibility"):
        assert heading in text
    assert "step 1: [c1 + c2]" in text
    public = analyze(SC, s, viewer="public")
    assert public.graph.commitments == 2
    assert public.viewer == "public"
