"""The running example of docs/analytics.md gives the answers the document states."""

from __future__ import annotations

from graph_records import commitment, scenario, state

from engine.graph.report import analyze
from engine.graph.results import Flow

SC = scenario()


def test_the_running_example_of_the_analytics_document() -> None:
    s = state(
        commitment(1, "usa", "dprk", issue="relief", conditions=(2,)),
        commitment(2, "dprk", "usa", issue="yongbyon", conditions=(1,), status="agreed"),
        commitment(3, "rok", "dprk", issue="projects", conditions=(1,)),
        commitment(4, "china", "rok", issue="aid", conditions=(3,)),
        commitment(5, "usa", "dprk", issue="liaison", status="fulfilled"),
        commitment(6, "dprk", "usa", issue="moratorium", conditions=(5,), status="fulfilled"),
        commitment(9, "china", "usa", issue="peace", status="broken"),
        commitment(10, "dprk", "rok", issue="abductees", conditions=(2, 9)),
    )
    report = analyze(SC, s)
    (deadlock,) = report.deadlocks
    assert deadlock.commitments == ("c1", "c2")
    assert deadlock.teams == ("usa", "dprk")
    assert deadlock.blocked == ("c3", "c4", "c10")
    (unlocks,) = report.unlocking
    assert [(u.commitment, u.releases, u.released) for u in unlocks.ranking] == [
        ("c1", 3, ("c2", "c3", "c4")),
        ("c2", 3, ("c1", "c3", "c4")),
    ]
    assert [step.commitments for step in report.order] == [
        ("c1", "c2", "c5", "c9"),
        ("c3", "c6", "c10"),
        ("c4",),
    ]
    bundles = {b.commitments: b for b in report.bundles}
    assert bundles["c1", "c2"].simultaneous
    assert bundles["c5",].done
    row = next(r for r in report.reciprocity if (r.team, r.partner) == ("usa", "dprk"))
    assert row.given == Flow(tangible=1, intangible=1, tangible_fulfilled=0, intangible_fulfilled=1)
    assert row.received == Flow(
        tangible=2, intangible=0, tangible_fulfilled=1, intangible_fulfilled=0
    )
