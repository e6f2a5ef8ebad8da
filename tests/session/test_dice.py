"""Dice and outcome tables: every roll is an event, a re-roll too, and the ruling names the
roll it used; a move type's outcome table rules by the roll."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.domain import dice
from engine.domain.events import CONTROL, DiceRolled, MoveAdjudicated
from engine.errors import DomainError
from engine.report.timeline import timeline
from engine.session.audit import first_breach
from engine.session.check import check_save
from engine.session.live import Session


def _move(session: Session, move_type: str = "statement") -> str:
    session.start_round()
    team = session.current_round.teams[0] if session.current_round else "usa"
    changes = session.record_move(team=team, move_type=move_type, tone=0, text="We test.")
    return f"m{changes.seq}"


def _seed_rolling(sides: int, wanted: int) -> int:
    return next(s for s in range(10_000) if dice.roll(s, sides) == wanted)


def test_a_reroll_is_logged_and_the_ruling_names_the_roll_it_used(session: Session) -> None:
    move = _move(session)
    first = session.roll_dice(move=move, sides=6, needed=4, seed=_seed_rolling(6, 2))
    second = session.roll_dice(move=move, sides=6, needed=4, seed=_seed_rolling(6, 5))
    ruled = session.adjudicate(move=move, outcome=None, method="dice", reason="", rolled=second.seq)

    kinds = [env.kind for env in session.events(first.seq, ruled.seq + 1)]
    assert kinds == ["DiceRolled", "DiceRolled", "MoveAdjudicated"]
    found = session.state.moves[move]
    assert [r.roll for r in found.rolls] == [2, 5]
    assert found.outcome == "success" and found.roll == 5  # the second roll, not the first
    ruling = next(iter(session.events(ruled.seq, ruled.seq + 1))).event
    assert isinstance(ruling, MoveAdjudicated) and ruling.rolled == second.seq

    sections = timeline(session.scenario, session.events(), session.state, CONTROL)
    lines = [e.what for s in sections for e in s.entries]
    assert any(line.startswith("Roll 1 for Move 1: 2 on a d6 (misses 4)") for line in lines)
    assert any(line.startswith("Roll 2 for Move 1: 5 on a d6 (reaches 4)") for line in lines)
    assert any("(Roll 2: rolled 5 on a d6, needed 4)" in line for line in lines), lines
    assert check_save(session.path) == []


def test_rolls_are_controls_own_in_the_teams_timeline(session: Session) -> None:
    move = _move(session)
    session.roll_dice(move=move, seed=1)
    team = session.state.moves[move].team
    sections = timeline(session.scenario, session.events(), session.state, team)
    assert not any(e.kind == "ruling" and "d6" in e.what for s in sections for e in s.entries)


def test_a_ruling_cannot_use_a_roll_of_another_move_or_of_an_undone_roll(
    session: Session,
) -> None:
    move = _move(session)
    other = f"m{session.record_move(team='usa', move_type='statement', tone=0, text='x').seq}"
    theirs = session.roll_dice(move=other, seed=3)
    with pytest.raises(DomainError, match="not a roll logged for move"):
        session.adjudicate(move=move, outcome=None, method="dice", reason="", rolled=theirs.seq)
    mine = session.roll_dice(move=move, seed=3)
    session.undo()
    with pytest.raises(DomainError, match="not a roll logged for move"):
        session.adjudicate(move=move, outcome=None, method="dice", reason="", rolled=mine.seq)
    assert session.state.moves[move].rolls == ()


def test_an_outcome_table_rules_by_the_row_the_roll_falls_in(session: Session) -> None:
    move = _move(session, "missile_test")
    kind = session.scenario.move_type("missile_test")
    assert kind is not None and kind.table_sides == 6
    rolled = session.roll_dice(move=move, table=True, seed=_seed_rolling(6, 3))
    roll = session.state.moves[move].rolls[-1]
    assert roll.sides == 6 and roll.needed is None and roll.roll == 3
    session.adjudicate(move=move, outcome=None, method="table", reason="", rolled=rolled.seq)
    found = session.state.moves[move]
    assert found.outcome == "partial" and found.method == "table"
    assert found.reason == kind.outcome_table[1].text  # the row's text is the reason
    half = {e.key: e.delta for e in kind.effects}
    assert {e.key: e.delta for e in found.effects} == {k: v / 2 for k, v in half.items()}
    sections = timeline(session.scenario, session.events(), session.state, CONTROL)
    assert any(
        "3 on a d6 (partial by the outcome table)" in e.what for s in sections for e in s.entries
    )
    assert first_breach(session.scenario, session.events()) is None


def test_a_move_type_without_a_table_cannot_be_rolled_by_table(session: Session) -> None:
    move = _move(session, "statement")
    with pytest.raises(DomainError, match="has no outcome table"):
        session.roll_dice(move=move, table=True)
    dice_roll = session.roll_dice(move=move, seed=4)
    with pytest.raises(DomainError, match="is not one for table"):
        session.adjudicate(move=move, outcome=None, method="table", reason="", rolled=dice_roll.seq)


def test_a_ruled_move_takes_no_more_rolls(session: Session) -> None:
    move = _move(session)
    session.adjudicate(move=move, outcome="success", method="judgement", reason="fine")
    with pytest.raises(DomainError, match="already ruled on"):
        session.roll_dice(move=move)


def test_the_check_finds_a_roll_whose_result_was_edited(session: Session, tmp_path: Path) -> None:
    from engine.domain.events import Envelope

    move = _move(session)
    session.roll_dice(move=move, seed=5)
    envelopes = list(session.events())
    last = envelopes[-1]
    assert isinstance(last.event, DiceRolled)
    wrong = dice.roll(5, 6) % 6 + 1  # any other face
    forged = DiceRolled(move=move, sides=6, seed=5, roll=wrong, needed=4)
    envelopes[-1] = Envelope(last.seq, last.at, last.round, last.actor, forged)
    breach = first_breach(session.scenario, envelopes)
    assert breach is not None and breach.kind == "DiceRolled" and "roll" in breach.rule
