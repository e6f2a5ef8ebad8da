"""Running a class without a screen: every group live, the class clock, injects to some."""

from __future__ import annotations

from pathlib import Path

import pytest
from class_groups import class_scenario

from engine.graph.class_status import GroupWatch
from engine.session.class_run import ClassRun
from engine.session.classes import ClassError, create_class


def test_the_class_clock_and_an_inject_reach_the_named_groups(tmp_path: Path) -> None:
    made = create_class(class_scenario(), tmp_path / "c", ["A", "B", "C"])
    with ClassRun.open(made) as run:
        assert all(o.ok for o in run.start_round())
        assert [run.session(n).state.round for n in run.names] == [1, 1, 1]
        outcomes = run.fire_inject("leak", ["A", "C"])
        assert [o.group for o in outcomes if o.ok] == ["A", "C"]
        assert [len(run.session(n).state.injects) for n in run.names] == [1, 0, 1]
        again = run.fire_inject("leak", ["A", "B"])  # A has fired it: only B does now
        assert [(o.group, o.ok) for o in again] == [("A", False), ("B", True)]
        assert "already fired" in again[0].error
        with pytest.raises(ClassError, match="no group 'Z'"):
            run.next_phase(["Z"])


def test_every_group_has_one_writer(tmp_path: Path) -> None:
    made = create_class(class_scenario(), tmp_path / "c", ["A"])
    with ClassRun.open(made), pytest.raises(ClassError, match="group 'A'"):
        ClassRun.open(made)  # a second writer of the same saves is refused


def test_a_missing_save_is_named_and_nothing_stays_open(tmp_path: Path) -> None:
    made = create_class(class_scenario(), tmp_path / "c", ["A", "B"])
    made.groups[1].save.unlink()
    with pytest.raises(ClassError, match="the save of group 'B' is missing"):
        ClassRun.open(made)
    with ClassRun.open(type(made)(made.path, "", "", made.groups[:1])) as run:
        assert run.names == ("A",)  # A's save was closed again: it opens for writing


def test_a_groups_status_follows_its_session(tmp_path: Path) -> None:
    made = create_class(class_scenario(), tmp_path / "c", ["A"])
    with ClassRun.open(made) as run:
        session = run.session("A")
        watch = GroupWatch("A", session)
        assert watch.status(("tension",)).where == "Not started"
        session.start_round()
        a = session.propose_commitment(giver="north", receiver="south", issue="relief", text="x")
        b = session.propose_commitment(
            giver="south", receiver="north", issue="relief", text="y", conditions=[f"c{a.seq}"]
        )
        session.add_condition(commitment=f"c{a.seq}", condition=f"c{b.seq}")
        session.adjust_indicator(key="tension", delta=5, reason="r")
        status = watch.status(("tension",))
        assert status.where.startswith("Round 1 of 2 · ")
        assert (status.pending, status.deadlocks, status.agreements) == (2, 1, 0)
        assert status.indicators == (("tension", 55.0),)
