"""The session over time: a deadlock of rounds 1-2 that the end state no longer shows is
told with the round it began, the round it ended and how."""

from __future__ import annotations

from pathlib import Path

from engine.graph.story import round_ends, session_story
from engine.scenario import parse_scenario
from engine.session.live import Session


def three_rounds(minimal_text: str) -> str:
    return minimal_text + '\n[[rounds]]\nkind = "working"\nminutes = 10\n'


def test_a_deadlock_of_two_rounds_is_told_with_its_span(tmp_path: Path, minimal_text: str) -> None:
    s = Session.create(parse_scenario(three_rounds(minimal_text)), tmp_path / "s.parley")
    s.start_round()  # 1: two proposals that wait on each other
    s.table_demand(from_team="south", to_team="north", issue="relief", priority=1, text="Freeze")
    a = s.propose_commitment(giver="north", receiver="south", issue="relief", text="A freeze")
    b = s.propose_commitment(giver="south", receiver="north", issue="relief", text="Relief",
                             conditions=[f"c{a.seq}"])  # fmt: skip
    ca, cb = f"c{a.seq}", f"c{b.seq}"
    s.add_condition(commitment=ca, condition=cb)
    s.start_round()  # 2: still deadlocked; one agreed
    s.agree_commitment(commitment=ca)
    s.start_round()  # 3: North breaks its freeze, which ends the deadlock
    s.break_commitment(commitment=ca)
    story = session_story(s)
    assert [r.round for r in story.rounds] == [1, 2, 3]
    first, second, third = story.rounds
    assert first.commitments_proposed == (ca, cb) and len(first.demands_tabled) == 1
    (span,) = story.deadlocks
    assert span.commitments == (ca, cb) and span.began == 1 and span.ended == 3
    assert span.outcome == "ended when Commitment 1 was broken"  # as people say it
    assert first.deadlocks_began == (span,) and first.deadlocks_open == 1
    assert second.agreed == (ca,) and second.deadlocks_open == 1 and not second.deadlocks_began
    assert third.broken == (ca,) and third.deadlocks_ended == (span,)
    assert story.deadlocks_met == 1 and story.deadlocks_resolved == 1
    s.close()


def test_an_undone_round_is_no_round(tmp_path: Path, minimal_text: str) -> None:
    s = Session.create(parse_scenario(three_rounds(minimal_text)), tmp_path / "u.parley")
    s.start_round()
    s.start_round()
    s.undo()
    assert [end.round for end in round_ends(s)] == [1]
    s.close()
