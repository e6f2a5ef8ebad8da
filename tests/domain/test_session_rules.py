"""Every rule a command checks, and that a refused command writes nothing."""

# ruff: noqa: E501  (tables of commands read best one per line)

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sessions import new_session

from engine import errors
from engine.domain.reducer import copy_state
from engine.session.live import Session


@pytest.fixture
def session(tmp_path: Path) -> Session:
    s = new_session(tmp_path)
    s.start_round()
    move = s.record_move(team="north", move_type="test", tone=-1, text="a test")
    s.adjudicate(move=f"m{move.seq}", outcome="success", method="judgement", reason="it flew")
    s.table_demand(from_team="north", to_team="south", issue="relief", priority=1, text="lift")
    s.propose_commitment(giver="north", receiver="south", issue="relief", text="freeze")
    s.propose_commitment(giver="south", receiver="north", issue="relief", text="lift")
    s.withdraw_commitment(commitment="c7")
    s.record_move(team="south", move_type="statement", tone=2, text="m9, not ruled on")
    return s


def refused(
    session: Session, error: type[Exception], command: Callable[[], object], words: str
) -> None:
    rows = session.store.conn.execute("SELECT count(*) FROM events").fetchone()[0]
    before = copy_state(session.state)
    with pytest.raises(error) as raised:
        command()
    assert words in str(raised.value)
    assert session.state == before
    assert session.store.conn.execute("SELECT count(*) FROM events").fetchone()[0] == rows
    other = sqlite3.connect(session.path)  # what is on disk, through another connection
    assert other.execute("SELECT count(*) FROM events").fetchone()[0] == rows
    other.close()


CASES: list[tuple[type[Exception], str, Callable[[Session], object]]] = [
    (errors.UnknownTeamError, "no team 'nort' in scenario minimal",
     lambda s: s.record_move(team="nort", move_type="test", tone=0, text="")),
    (errors.UnknownMoveTypeError, "no move type 'dance'",
     lambda s: s.record_move(team="north", move_type="dance", tone=0, text="")),
    (errors.InvalidCommandError, "tone 4 is outside",
     lambda s: s.record_move(team="north", move_type="test", tone=4, text="")),
    (errors.UnknownTeamError, "no team 'east'",
     lambda s: s.record_move(team="north", move_type="test", tone=0, text="", visibility=["east"])),
    (errors.UnknownIssueError, "no issue 'peace' in scenario minimal",
     lambda s: s.table_demand(from_team="north", to_team="south", issue="peace", priority=1, text="")),
    (errors.InvalidCommandError, "priority 7",
     lambda s: s.table_demand(from_team="north", to_team="south", issue="relief", priority=7, text="")),
    (errors.InvalidCommandError, "to itself",
     lambda s: s.table_demand(from_team="north", to_team="north", issue="relief", priority=1, text="")),
    (errors.UnknownRecordError, "no demand 'd99'",
     lambda s: s.set_demand_status(demand="d99", status="met")),
    (errors.InvalidCommandError, "not 'open'",
     lambda s: s.set_demand_status(demand="d5", status="open")),
    (errors.UnknownIndicatorError, "no indicator value 'trust.north'",
     lambda s: s.adjust_indicator(key="trust.north", delta=1, reason="x")),
    (errors.InvalidCommandError, "reason for an adjustment",
     lambda s: s.adjust_indicator(key="tension", delta=1, reason=" ")),
    (errors.UnknownInjectError, "no inject 'flood'", lambda s: s.fire_inject(inject="flood")),
    (errors.UnknownRecordError, "no move 'm99'",
     lambda s: s.adjudicate(move="m99", outcome="success", method="judgement", reason="r")),
    (errors.IllegalTransitionError, "move m3 is already ruled on",
     lambda s: s.adjudicate(move="m3", outcome="failure", method="judgement", reason="r")),
    (errors.InvalidCommandError, "method 'coin'",
     lambda s: s.adjudicate(move="m9", outcome="failure", method="coin", reason="r")),  # type: ignore[arg-type]
    (errors.InvalidCommandError, "cannot make a commitment to itself",
     lambda s: s.propose_commitment(giver="north", receiver="north", issue="relief", text="")),
    (errors.UnknownRecordError, "no commitment 'c42'",
     lambda s: s.propose_commitment(giver="north", receiver="south", issue="relief", text="", conditions=["c42"])),
    (errors.IllegalTransitionError, "commitment c7 is withdrawn and cannot become fulfilled",
     lambda s: s.fulfil_commitment(commitment="c7")),
    (errors.IllegalTransitionError, "commitment c6 is proposed and cannot become fulfilled",
     lambda s: s.fulfil_commitment(commitment="c6")),
    (errors.IllegalTransitionError, "commitment c6 is proposed and cannot become broken",
     lambda s: s.break_commitment(commitment="c6")),
    (errors.IllegalTransitionError, "only agreed commitments are signed",
     lambda s: s.sign_agreement(title="Deal", commitments=["c6"])),
    (errors.InvalidCommandError, "at least one commitment",
     lambda s: s.sign_agreement(title="Deal", commitments=[])),
    (errors.IllegalTransitionError, "made without verification",
     lambda s: s.verify_commitment(commitment="c6", verified=True)),
    (errors.InvalidCommandError, "cannot wait on itself",
     lambda s: s.add_condition(commitment="c6", condition="c6")),
    (errors.IllegalTransitionError, "withdrawn: its conditions are settled",
     lambda s: s.add_condition(commitment="c7", condition="c6")),
    (errors.InvalidCommandError, "phases 0..4, not 9", lambda s: s.set_phase(phase=9)),
    (errors.InvalidCommandError, "a note must not be empty", lambda s: s.add_note(text="")),
    (errors.InvalidCommandError, "due round 9", lambda s: s.propose_commitment(
        giver="north", receiver="south", issue="relief", text="", due_round=9)),
]  # fmt: skip


@pytest.mark.parametrize(("error", "words", "command"), CASES, ids=[c[1] for c in CASES])
def test_a_broken_rule_is_refused_and_nothing_is_written(
    session: Session, error: type[Exception], words: str, command: Callable[[Session], object]
) -> None:
    refused(session, error, lambda: command(session), words)


def test_there_is_no_round_after_the_last(tmp_path: Path) -> None:
    s = new_session(tmp_path)
    s.start_round()
    s.start_round()
    with pytest.raises(errors.IllegalTransitionError, match="last of scenario minimal"):
        s.start_round()


def test_seating_is_checked_against_the_round(tmp_path: Path) -> None:
    from conftest import FIXTURES
    from engine.scenario import parse_scenario

    text = (FIXTURES / "minimal.toml").read_text()
    text = text.replace('teams = ["north", "south"]', 'teams = ["south"]')
    s = Session.create(parse_scenario(text), tmp_path / "seated.parley")
    s.start_round()
    s.record_move(team="north", move_type="statement", tone=0, text="ok in round 1")
    s.start_round()
    refused(
        s,
        errors.NotSeatedError,
        lambda: s.record_move(team="north", move_type="statement", tone=0, text="no"),
        "North is not seated at this summit (round 2): only South is seated",
    )
    refused(
        s,
        errors.NotSeatedError,
        lambda: s.table_demand(
            from_team="north", to_team="south", issue="relief", priority=1, text=""
        ),
        "not seated",
    )
    s.end_round()
    s.record_move(team="north", move_type="statement", tone=0, text="between rounds: allowed")


def test_agreeing_twice_and_signing_twice_are_refused(session: Session) -> None:
    session.agree_commitment(commitment="c6")
    refused(
        session,
        errors.IllegalTransitionError,
        lambda: session.agree_commitment(commitment="c6"),
        "c6 is agreed",
    )
    session.sign_agreement(title="Deal", commitments=["c6"])
    refused(
        session,
        errors.IllegalTransitionError,
        lambda: session.sign_agreement(title="Again", commitments=["c6"]),
        "already signed in agreement a",
    )


def test_rounds_and_phases(tmp_path: Path) -> None:
    s = new_session(tmp_path)
    refused(s, errors.IllegalTransitionError, s.end_round, "no round is open")
    refused(s, errors.IllegalTransitionError, lambda: s.set_phase(phase=0), "no round is open")
    s.start_round()
    s.start_round()  # starting the next round ends the open one
    assert (s.state.round, s.state.round_open, s.state.phase) == (2, True, 0)
    assert s.next_phase().message == "Change phase to sign"
    refused(s, errors.IllegalTransitionError, s.next_phase, "'sign' is the last phase of round 2")
    s.end_round()
    assert not s.state.round_open


def test_an_inject_fires_once(session: Session) -> None:
    session.fire_inject(inject="leak")
    refused(
        session,
        errors.IllegalTransitionError,
        lambda: session.fire_inject(inject="leak"),
        "already fired",
    )


def test_a_read_only_session_refuses_commands(session: Session) -> None:
    with Session.open(session.path, read_only=True) as replay:
        with pytest.raises(errors.SaveError, match="read-only"):
            replay.add_note(text="no")
        assert not replay.can_undo
