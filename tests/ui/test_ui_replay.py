"""The replay window: the tables the live session showed, keys, "as seen by", branching."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from test_ui_projector import everything_shown

from conftest import BLOCKS, small_scenario, team
from engine.domain.events import CONTROL
from engine.errors import SaveLockedError
from engine.scenario import parse_scenario
from engine.session.live import Session
from ui import operations as ops
from ui.app import ParleyApp
from ui.main_window import FacilitatorWindow
from ui.replay.launch import show_replay
from ui.replay.window import ReplayWindow

SECRET = {
    "north_move": "SECRET-NORTH-MOVE-1a1a",
    "north_ruling": "SECRET-NORTH-RULING-2b2b",
    "north_demand": "SECRET-NORTH-DEMAND-3c3c",
    "north_commitment": "SECRET-NORTH-COMMITMENT-4d4d",
    "north_deal": "SECRET-NORTH-DEAL-5e5e",
    "inject": "SECRET-INJECT-TO-NORTH-6f6f",
    "note": "SECRET-NOTE-7a7a",
    "bookmark": "SECRET-BOOKMARK-8b8b",
    "adjustment": "SECRET-ADJUSTMENT-9c9c",
}
SOUTH_MAY_SEE = {"north_demand", "north_commitment", "north_deal"}  # addressed to south

SCENARIO = small_scenario(
    "three",
    "Three tables",
    team("north", "North"),
    team("south", "South"),
    team("east", "East"),
    "tension",
    "support",
    "trust",
    "relief",
    "talks",
    "statement",
    """[[move_types]]
id = "test"
name = "Missile test"
effects.tension = 8
effects.support.north = 2
""",
    "working",
    "summit",
    BLOCKS["working"].replace("20", "15"),
    f"""[[injects]]
id = "leak"
title = "{SECRET["inject"]}"
text = "Only North hears it."
visibility = ["north"]
effects.tension = 4
""",
)
TEAMS = ("north", "south", "east")


def table_rows(window: Any) -> dict[str, list[tuple[str, ...]]]:
    """Every cell of every record table as shown, and the indicator values."""
    out = {}
    for kind in ("move", "demand", "commitment", "agreement"):
        model = window.tables[kind].model
        out[kind] = [
            tuple(str(model.index(r, c).data() or "") for c in range(model.columnCount()))
            for r in range(model.rowCount())
        ]
    scenario = window.session.scenario
    out["indicators"] = sorted(
        (key, window.indicators.shown(key))
        for ind in scenario.indicators
        for key in ind.keys(scenario.team_ids)
    )
    return out


def run(window: FacilitatorWindow, operation: Any, **kwargs: Any) -> None:
    assert window.run(operation, **kwargs) is None


def play(window: FacilitatorWindow, rng: random.Random) -> list[tuple[int, Any]]:
    """Three rounds of every kind of entry through the window; the tables at each end."""
    s, shown = window.session, []
    for _ in range(3):
        run(window, ops.start_round)
        for i in range(8):
            team = rng.choice(TEAMS)
            private = (team,) if i % 3 == 0 else None
            kind = rng.choice(("statement", "test"))
            run(window, ops.record_move, team=team, move_type=kind, tone=rng.randint(-3, 3),
                text=f"move {i} of {team}", visibility=private)  # fmt: skip
            if i % 2:
                run(window, ops.adjudicate, move=list(s.state.moves)[-1],
                    outcome=rng.choice(("success", "partial", "failure")), method="judgement",
                    reason=f"ruling {i}")  # fmt: skip
        giver, receiver = rng.sample(TEAMS, 2)
        run(window, ops.table_demand, from_team=receiver, to_team=giver, issue="relief",
            priority=rng.randint(1, 3), text="give relief")  # fmt: skip
        run(window, ops.set_demand_status, demand=list(s.state.demands)[-1],
            status=rng.choice(("met", "refused")))  # fmt: skip
        for issue in ("relief", "talks"):
            run(window, ops.propose_commitment, giver=giver, receiver=receiver, issue=issue,
                text=f"{giver} acts on {issue}")  # fmt: skip
            run(window, ops.change_commitment, commitment=list(s.state.commitments)[-1],
                action="agree")  # fmt: skip
        first, second = list(s.state.commitments)[-2:]
        run(window, ops.sign_agreement, title="A deal", commitments=[first, second])
        run(window, ops.change_commitment, commitment=first, action="fulfil")
        run(window, ops.change_commitment, commitment=second, action="break", reason="no")
        run(window, ops.adjust_indicator, key="tension", delta=rng.choice((-5, 5)), reason="why")
        run(window, ops.undo)  # the adjustment goes, comes back, goes again
        run(window, ops.redo)
        run(window, ops.undo)
        run(window, ops.set_bookmark, label=f"end of round {s.state.round}")
        run(window, ops.end_round)
        shown.append((s.last_seq, table_rows(window)))
    return shown


@pytest.fixture
def live(qtbot: Any, tmp_path: Path, isolated_settings: Path) -> FacilitatorWindow:
    session = Session.create(parse_scenario(SCENARIO, "three.toml"), tmp_path / "live.parley")
    window = FacilitatorWindow(session)
    qtbot.addWidget(window)
    return window


def replay_of(qtbot: Any, path: Path, **kwargs: Any) -> ReplayWindow:
    window = ReplayWindow(Session.open(path, read_only=True), **kwargs)
    qtbot.addWidget(window)
    return window


def test_replay_shows_at_each_round_end_what_the_live_session_showed(
    qtbot: Any, live: FacilitatorWindow
) -> None:
    shown = play(live, random.Random(7))
    path = live.session.path
    live.close()
    replay = replay_of(qtbot, path, seq=0)
    for seq, tables in shown:  # stepping forward, one event at a time
        while replay.replay_cursor.seq < seq:
            replay.step_forward()
        assert table_rows(replay) == tables, f"stepping forward to event {seq}"
    for seq, tables in reversed(shown):  # stepping back
        while replay.replay_cursor.seq > seq:
            replay.step_back()
        assert table_rows(replay) == tables, f"stepping back to event {seq}"
    for seq, tables in shown:  # jumping
        replay.seek(0)
        replay.seek(seq)
        assert table_rows(replay) == tables, f"jumping to event {seq}"
    rounds = [replay.transport.round_jump.itemData(i) for i in range(1, 4)]
    assert [replay.session.envelope(s).kind for s in rounds] == ["RoundStarted"] * 3


def test_keys_step_jump_and_play(qtbot: Any, live: FacilitatorWindow) -> None:
    play(live, random.Random(3))
    last = live.session.last_seq
    live.close()
    replay = replay_of(qtbot, live.session.path)
    replay.show()
    qtbot.waitExposed(replay)
    replay.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is replay, timeout=3000)
    timeline = replay.timeline
    timeline.setFocus()
    assert replay.replay_cursor.seq == last
    qtbot.keyClick(timeline, Qt.Key.Key_Left)
    assert replay.replay_cursor.seq == last - 1
    assert replay.header.position.text() == f"Event {last - 1} of {last}"
    qtbot.keyClick(timeline, Qt.Key.Key_Home)
    assert replay.replay_cursor.seq == 0
    qtbot.keyClick(timeline, Qt.Key.Key_Right)
    qtbot.keyClick(timeline, Qt.Key.Key_Right)
    assert replay.replay_cursor.seq == 2 and timeline.seq == 2
    qtbot.keyClick(timeline, Qt.Key.Key_End)
    assert replay.replay_cursor.seq == last
    qtbot.keyClick(timeline, Qt.Key.Key_Home)
    replay.transport.speed.setCurrentIndex(replay.transport.speed.count() - 1)  # fastest
    qtbot.keyClick(timeline, Qt.Key.Key_Space)
    assert replay.play_timer.isActive()
    qtbot.waitUntil(lambda: replay.replay_cursor.seq >= 5, timeout=3000)
    qtbot.keyClick(timeline, Qt.Key.Key_Space)
    assert not replay.play_timer.isActive()
    paused = replay.replay_cursor.seq
    qtbot.wait(30)
    assert replay.replay_cursor.seq == paused < last
    replay.seek(last - 2)  # playing to the end stops there
    replay.action_set.play.setChecked(True)
    qtbot.waitUntil(lambda: not replay.play_timer.isActive(), timeout=3000)
    assert replay.replay_cursor.seq == last and not replay.action_set.play.isChecked()


def play_with_secrets(window: FacilitatorWindow) -> None:
    s = window.session
    run(window, ops.start_round)
    run(window, ops.record_move, team="north", move_type="test", tone=-2,
        text=SECRET["north_move"], visibility=("north",))  # fmt: skip
    run(window, ops.record_move, team="north", move_type="statement", tone=1, text="Open words")
    run(window, ops.adjudicate, move=list(s.state.moves)[-1], outcome="success",
        method="judgement", reason=SECRET["north_ruling"])  # fmt: skip
    run(window, ops.table_demand, from_team="north", to_team="south", issue="relief",
        priority=1, text=SECRET["north_demand"], visibility=("north",))  # fmt: skip
    run(window, ops.propose_commitment, giver="north", receiver="south", issue="talks",
        text=SECRET["north_commitment"], visibility=("north",))  # fmt: skip
    run(window, ops.change_commitment, commitment=list(s.state.commitments)[-1], action="agree")
    run(window, ops.sign_agreement, title=SECRET["north_deal"],
        commitments=[list(s.state.commitments)[-1]], visibility=("north",))  # fmt: skip
    run(window, ops.fire_inject, inject="leak")
    run(window, ops.add_note, text=SECRET["note"])
    run(window, ops.set_bookmark, label=SECRET["bookmark"])
    run(window, ops.adjust_indicator, key="tension", delta=3, reason=SECRET["adjustment"])
    run(window, ops.record_move, team="east", move_type="statement", tone=2, text="East speaks")


def shown_in(replay: ReplayWindow, qtbot: Any) -> str:
    for index in range(replay.tabs.count()):  # build and draw every tab
        replay.tabs.setCurrentIndex(index)
        qtbot.wait(5)
    return everything_shown(replay)


@pytest.mark.parametrize("viewer", ["east", "south"])
def test_as_seen_by_a_team_holds_no_other_team_s_secret(
    qtbot: Any, live: FacilitatorWindow, viewer: str
) -> None:
    play_with_secrets(live)
    path = live.session.path
    live.close()
    replay = replay_of(qtbot, path)
    replay.show()
    everything = shown_in(replay, qtbot)
    assert all(marker in everything for marker in SECRET.values())  # Control sees it all
    replay.transport.viewer.setCurrentIndex(replay.transport.viewer.findData(viewer))
    assert replay.replay_cursor.viewer == viewer
    allowed = SOUTH_MAY_SEE if viewer == "south" else set()
    for seq in (replay.replay_cursor.last_seq, replay.replay_cursor.last_seq - 3):
        replay.seek(seq)
        shown = shown_in(replay, qtbot)
        leaked = {k: m for k, m in SECRET.items() if m in shown and k not in allowed}
        assert not leaked, f"{viewer} sees at event {seq}: {leaked}"
        assert "Open words" in shown  # the walk does see the tables
        assert ("East speaks" in shown) == (seq == replay.replay_cursor.last_seq)
        for key in allowed:
            assert SECRET[key] in shown
    note = next(e.seq for e in replay.session.events() if e.kind == "NoteAdded")
    replay.seek(note)
    assert "not known to" in replay.header.event_label.toolTip()
    replay.transport.viewer.setCurrentIndex(0)
    assert (
        replay.replay_cursor.viewer == CONTROL
        and SECRET["note"] in replay.header.event_label.toolTip()
    )


def test_branch_from_here_opens_a_live_session_and_compares_with_its_parent(
    qtbot: Any, live: FacilitatorWindow, tmp_path: Path
) -> None:
    play(live, random.Random(5))
    parent = live.session.path
    live.close()
    parley = ParleyApp(saves_dir=tmp_path / "saves")
    asked: list[Any] = []
    with patch.object(ReplayWindow, "activateWindow", lambda self: asked.append(self)):
        replay = show_replay(parley, Session.open(parent, read_only=True), seq=30)
    qtbot.addWidget(replay)
    assert asked == [replay], "the replay window takes the keyboard (space plays)"
    assert not replay.action_set.compare_parent.isEnabled()  # not a branch
    target = tmp_path / "what-if"
    with patch.object(QFileDialog, "getSaveFileName", return_value=(str(target), "")):
        replay.action_set.branch.trigger()
    window = parley.window
    assert isinstance(window, FacilitatorWindow)
    qtbot.addWidget(window)
    child = window.session
    assert child.path == target.with_suffix(".parley") and not child.read_only
    assert child.last_seq == 30 and child.state == replay.replay_cursor.state
    assert child.meta["parent_path"] == str(parent.resolve())
    assert child.meta["parent_seq"] == "30"
    with Session.open(parent, read_only=True) as p:
        assert child.meta["parent_log_hash"] == p.log_hash(30)
    run(window, ops.add_note, text="a new direction")
    assert window.action_set.compare_parent.isEnabled(), "the live branch offers it too"
    window.action_set.compare_parent.trigger()
    beside = window.comparison
    assert beside is not None and beside.isVisible()
    shown = beside.text.toPlainText()
    assert "The logs part at event 31" in shown
    assert "#31, round" in shown and 'Control: Note: "a new direction"' in shown, shown
    assert '{"' not in shown, "the parting event reads as the log does, not as JSON"
    window.close()
    branch = replay_of(qtbot, child.path)
    assert branch.action_set.compare_parent.isEnabled()
    branch.action_set.compare_parent.trigger()
    dialog = branch.dialog
    assert dialog is not None and dialog.isVisible()
    assert "B branches from A after event 30" in dialog.summary.text()
    assert "The logs part at event 31" in dialog.text.toPlainText()


def test_a_live_save_replays_from_the_start_screen(
    qtbot: Any, tmp_path: Path, isolated_settings: Path
) -> None:
    path = tmp_path / "busy.parley"
    writer = Session.create(parse_scenario(SCENARIO, "three.toml"), path)
    try:
        writer.start_round()
        writer.record_move(team="east", move_type="statement", tone=1, text="still talking")
        parley = ParleyApp(saves_dir=tmp_path)
        start = parley.show_start()
        qtbot.addWidget(start)
        with pytest.raises(SaveLockedError):
            Session.open(path)
        with patch.object(QFileDialog, "getOpenFileName", return_value=(str(path), "")):
            start.replay_button.click()
        qtbot.waitUntil(lambda: bool(getattr(parley, "replays", None)) and isinstance(
            parley.replays[-1], ReplayWindow), timeout=5000)  # fmt: skip
        replay = parley.replays[-1]
        qtbot.addWidget(replay)
        assert replay.session.read_only and replay.replay_cursor.seq == 3
        assert "still talking" in everything_shown(replay)
        writer.record_move(team="north", move_type="test", tone=-1, text="meanwhile")
        replay.seek(0)
        replay.seek(3)
        assert len(replay.replay_cursor.state.moves) == 1
        start.refresh_recent()  # the replayed save is a recent one, offered for replay too
        assert start.recent_list.count() >= 1
    finally:
        writer.close()
