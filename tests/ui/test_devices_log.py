"""What the devices sent reads correctly where the window and the replay show the log: the
engine's words for each submission, acceptance (edited), hold, rejection, message and
device, in the live event log; and in the replay "as seen by" a team, its own
submissions and the reasons it was given, another team's private ones never."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from test_ui_projector import everything_shown
from ui_support import DEFAULT_SCENARIO

from engine.scenario import load_scenario
from engine.session.live import Session
from ui import operations as ops
from ui.describe import describe
from ui.main_window import FacilitatorWindow
from ui.replay.window import ReplayWindow

DEVICE_KINDS = {
    "JoinCodeIssued",
    "DeviceJoined",
    "SubmissionReceived",
    "SubmissionHeld",
    "SubmissionRejected",
    "MessageSent",
}


@pytest.fixture
def window(qtbot: Any, tmp_path: Path, isolated_settings: Path) -> FacilitatorWindow:
    session = Session.create(load_scenario(DEFAULT_SCENARIO), tmp_path / "log.parley")
    window = FacilitatorWindow(session)
    qtbot.addWidget(window)
    window.show()
    assert window.run(ops.start_round) is None
    return window


def play(window: FacilitatorWindow) -> tuple[str, str, str]:
    """A device of the first seated team: a private move accepted edited, a move held then
    rejected, a message to the second team accepted. The three teams, in order."""
    s = window.session
    usa, dprk, other = s.current_round.teams[:3]  # type: ignore[union-attr]
    _code, text = s.issue_code(role="team", team=usa)
    device, _token = s.join(code_text=text, label="USA laptop")
    move_type = s.scenario.move_types[0].id

    def sent(what: str, payload: dict[str, Any]) -> str:
        changes = s.submit(device=device, what=what, payload=payload)
        window.broadcast(changes)
        return f"s{changes.seq}"

    first = sent("move", {"move_type": move_type, "tone": 1, "text": "PRIVATE-TALKS",
                          "visibility": [usa]})  # fmt: skip
    assert window.run(ops.accept_submission, submission=first,
                      edits={"text": "PRIVATE-TALKS-NOW"}) is None  # fmt: skip
    second = sent("move", {"move_type": move_type, "tone": 0, "text": "HELD-MOVE"})
    assert window.run(ops.hold_submission, submission=second, note="CONTROL-NOTE") is None
    assert window.run(ops.reject_submission, submission=second, reason="NOT-NOW") is None
    third = sent("message", {"to": [dprk], "text": "PSST-DPRK"})
    assert window.run(ops.accept_submission, submission=third) is None
    return usa, dprk, other


def log_rows(window: FacilitatorWindow) -> dict[int, str]:
    model = window.event_log.model
    rows = {}
    for row in range(model.rowCount()):
        seq = int(model.data(model.index(row, 0), Qt.ItemDataRole.DisplayRole))
        rows[seq] = str(model.data(model.index(row, 4), Qt.ItemDataRole.DisplayRole))
    return rows


def test_the_event_log_reads_every_device_event_in_the_engines_words(
    window: FacilitatorWindow,
) -> None:
    play(window)
    s = window.session
    rows = log_rows(window)
    kinds = set()
    for env in s.events():
        if env.kind in DEVICE_KINDS or getattr(env.event, "submission", None):
            kinds.add(env.kind)
            assert rows[env.seq] == describe(env, s.scenario, s.state), env.kind
            assert env.kind not in rows[env.seq]  # words, not the class name
    assert kinds >= DEVICE_KINDS
    text = "\n".join(rows.values())
    assert "submitted a move" in text and "USA laptop" in text
    assert "Accepted from United States's device, edited: text: PRIVATE-TALKS-NOW" in text
    assert "held: CONTROL-NOTE" in text and "rejected: NOT-NOW" in text
    assert "Message from United States to" in text


def test_replay_as_seen_by_shows_a_team_its_own_and_no_other_teams(
    qtbot: Any, window: FacilitatorWindow
) -> None:
    usa, dprk, other = play(window)
    path = window.session.path
    window.close()
    replay = ReplayWindow(Session.open(path, read_only=True))
    qtbot.addWidget(replay)
    replay.show()

    def seen_by(viewer: str) -> str:
        replay.transport.viewer.setCurrentIndex(replay.transport.viewer.findData(viewer))
        assert replay.replay_cursor.viewer == viewer
        replay.seek(replay.replay_cursor.last_seq)
        qtbot.wait(5)
        return everything_shown(replay)

    mine = seen_by(usa)
    assert "PRIVATE-TALKS-NOW" in mine and "NOT-NOW" in mine and "PSST-DPRK" in mine
    theirs = seen_by(dprk)
    assert "PSST-DPRK" in theirs  # the message was to them
    assert "PRIVATE-TALKS" not in theirs and "HELD-MOVE" not in theirs
    assert "NOT-NOW" not in theirs and "USA laptop" not in theirs
    nobody = seen_by(other)
    for secret in ("PRIVATE-TALKS", "HELD-MOVE", "NOT-NOW", "PSST-DPRK", "USA laptop"):
        assert secret not in nobody, secret
