"""The class clock survives a restart: reopened, the class reads it back from the groups'
logs (round, phase and when the phase began), or says the groups are on different phases."""

from __future__ import annotations

from pathlib import Path

import pytest
from class_groups import class_scenario

from engine.session.class_run import ClassRun, class_clock, class_team_codes, phase_began
from engine.session.classes import create_class


class Wall:
    """The wall clock the sessions stamp their events with."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture(name="wall")
def wall_fixture(monkeypatch: pytest.MonkeyPatch) -> Wall:
    wall = Wall(1_800_000_000.0)
    monkeypatch.setattr("engine.session.live.time.time", wall)
    return wall


def test_a_reopened_class_reads_its_clock_from_the_logs(tmp_path: Path, wall: Wall) -> None:
    made = create_class(class_scenario(), tmp_path / "c", ["A", "B", "C"])
    with ClassRun.open(made) as run:
        assert class_clock(run) == (None, "")  # no round open: nothing to put back
        run.start_round()
        wall.now += 20 * 60 + 1
        run.each(lambda s: s.end_round())
        wall.now += 30
        run.start_round()  # round 2, the summit: talk (10 min), then sign (5 min)
        wall.now += 120
        run.next_phase()
        started_sign = wall.now
        wall.now += 0.4  # the groups' events are a moment apart
        run.session("B").add_note(text="not a phase: the clock does not move")
    wall.now += 90  # the app was closed for a minute and a half
    with ClassRun.open(made) as run:
        clock, why = class_clock(run)
        assert why == ""
        assert clock is not None
        assert (clock.round, clock.phase, clock.minutes) == (2, 1, 5)
        assert clock.began == started_sign
        assert clock.remaining(wall.now) == pytest.approx(5 * 60 - 90.4)


def test_an_undone_phase_change_puts_the_clock_back_on_the_phase_before(
    tmp_path: Path, wall: Wall
) -> None:
    made = create_class(class_scenario(), tmp_path / "c", ["A"])
    with ClassRun.open(made) as run:
        session = run.session("A")
        session.start_round()
        session.end_round()
        wall.now += 10
        began = wall.now
        session.start_round()
        wall.now += 60
        session.next_phase()
        session.undo()
        assert phase_began(session) == began
        clock, _why = class_clock(run)
        assert clock is not None and (clock.round, clock.phase) == (2, 0)


def test_groups_on_different_phases_are_named(tmp_path: Path, wall: Wall) -> None:
    made = create_class(class_scenario(), tmp_path / "c", ["A", "B", "C"])
    with ClassRun.open(made) as run:
        run.start_round(["A", "B"])
        run.each(lambda s: s.end_round(), ["B"])
    with ClassRun.open(made) as run:
        clock, why = class_clock(run)
        assert clock is None
        assert why == (
            "The groups are on different phases "
            "(A: round 1 · brief; B: round 1 ended; C: not started)."
        )


def test_each_group_gets_its_own_team_codes(tmp_path: Path) -> None:
    made = create_class(class_scenario(), tmp_path / "c", ["A", "B"])
    with ClassRun.open(made) as run:
        codes = class_team_codes(run)
        teams = run.scenario.team_ids
        assert set(codes) == {"A", "B"} and all(set(c) == set(teams) for c in codes.values())
        texts = [text for group in codes.values() for _cid, text in group.values()]
        assert len(set(texts)) == len(texts) == 2 * len(teams)
        for name, session in run.sessions.items():  # in each group's own save, hashed
            held = {c.team for c in session.state.codes.values() if c.active}
            assert held == set(teams)
            _cid, text = codes[name][teams[0]]
            device, _token = session.join(code_text=text)
            assert session.device(device).team == teams[0]
        other = codes["B"][teams[0]][1]
        with pytest.raises(Exception, match="not a join code of this session"):
            run.session("A").join(code_text=other)  # B's code opens nothing in A
