"""Control's inbox, by keystroke, against a real session: submissions are made through the
engine's device commands (a device joins with a code and submits), then the facilitator
accepts (Enter), accepts edited (Ctrl+E), holds (Ctrl+H) or rejects (Ctrl+R) them; kinds
set to auto-accept are accepted as they arrive through the window's Qt owner."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from ui_support import DEFAULT_SCENARIO, type_text

from engine.scenario import load_scenario
from engine.session.live import Session
from ui import operations as ops
from ui import settings
from ui.main_window import FacilitatorWindow
from ui.panels.inbox import InboxPanel

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot: Any, tmp_path: Path, isolated_settings: Path) -> FacilitatorWindow:
    session = Session.create(load_scenario(DEFAULT_SCENARIO), tmp_path / "inbox.parley")
    window = FacilitatorWindow(session)
    qtbot.addWidget(window)
    window.show()
    assert window.run(ops.start_round) is None
    return window


def seated(window: FacilitatorWindow) -> tuple[str, ...]:
    rnd = window.session.current_round
    assert rnd is not None
    return rnd.teams


def device_of(window: FacilitatorWindow, team: str, label: str = "phone") -> str:
    """A device of ``team``, joined with a code the session issued (as the room does)."""
    s = window.session
    _code, text = s.issue_code(role="team", team=team)
    device, _token = s.join(code_text=text, label=label)
    return device


def move_payload(window: FacilitatorWindow, text: str) -> dict[str, Any]:
    return {
        "move_type": window.session.scenario.move_types[0].id,
        "tone": 1,
        "text": text,
        "visibility": None,
        "targets": [],
    }


def submitted(window: FacilitatorWindow, device: str, what: str, payload: dict[str, Any]) -> str:
    """Submit as the device would (through the engine), and broadcast it as the room does."""
    changes = window.session.submit(device=device, what=what, payload=payload)
    window.broadcast(changes)
    return f"s{changes.seq}"


def open_inbox(qtbot: Any, window: FacilitatorWindow) -> InboxPanel:
    window.action_set.inbox.trigger()  # F7
    inbox = window.devices.inbox
    assert inbox is not None
    qtbot.waitUntil(lambda: inbox.isVisible())
    return inbox


def rows(inbox: InboxPanel) -> list[list[str]]:
    view = inbox.view
    return [
        [view.topLevelItem(i).text(c) for c in range(view.columnCount())]
        for i in range(view.topLevelItemCount())
    ]


def test_enter_accepts_the_submission_as_its_move_and_undo_makes_it_pending_again(
    qtbot: Any, window: FacilitatorWindow
) -> None:
    team = seated(window)[0]
    device = device_of(window, team, label="USA laptop")
    sid = submitted(window, device, "move", move_payload(window, "We propose talks in Hanoi"))
    inbox = open_inbox(qtbot, window)
    [row] = rows(inbox)
    name = window.session.scenario.team(team).name
    assert row[0] == name and row[1] == "Move" and "USA laptop" in row[3]
    assert "We propose talks in Hanoi" in row[5]
    assert window.devices.inbox_dock.windowTitle() == "Inbox (1 pending, 0 held)"

    qtbot.keyClick(inbox.view, Qt.Key.Key_Return)

    sub = window.session.state.submissions[sid]
    assert sub.status == "accepted" and not sub.edited
    move = window.session.state.moves[sub.record]
    assert move.team == team and move.text == "We propose talks in Hanoi"
    assert rows(inbox) == []
    assert window.devices.inbox_dock.windowTitle() == "Inbox (0 pending, 0 held)"

    window.action_set.undo.trigger()  # one event: one undo takes the accept back
    assert window.session.state.submissions[sid].status == "pending"
    assert sub.record not in window.session.state.moves
    assert len(rows(inbox)) == 1


def test_ctrl_e_opens_the_move_form_filled_in_and_accepts_it_edited(
    qtbot: Any, window: FacilitatorWindow
) -> None:
    team = seated(window)[0]
    sid = submitted(window, device_of(window, team), "move", move_payload(window, "We walk out"))
    inbox = open_inbox(qtbot, window)
    qtbot.keyClick(inbox.view, Qt.Key.Key_E, CTRL)
    form = inbox.editor
    assert form is not None and form.isVisible()
    assert form.text.toPlainText() == "We walk out"
    assert form.team.currentData() == team and not form.team.isEnabled()
    assert form.tone.value() == 1
    form.text.clear()
    type_text(qtbot, form.text, "We walk out, for now")
    qtbot.keyClick(form, Qt.Key.Key_Return, CTRL)

    sub = window.session.state.submissions[sid]
    assert sub.status == "accepted" and sub.edited
    assert window.session.state.moves[sub.record].text == "We walk out, for now"
    assert not form.isVisible()
    assert rows(inbox) == []


def test_ctrl_h_holds_with_a_note_and_the_held_one_stays_listed(
    qtbot: Any, window: FacilitatorWindow
) -> None:
    team = seated(window)[0]
    sid = submitted(window, device_of(window, team), "move", move_payload(window, "Hold me"))
    inbox = open_inbox(qtbot, window)
    qtbot.keyClick(inbox.view, Qt.Key.Key_H, CTRL)
    prompt = inbox.prompt
    assert prompt is not None and prompt.isVisible() and not prompt.required
    type_text(qtbot, prompt.text, "after the break")
    qtbot.keyClick(prompt, Qt.Key.Key_Return, CTRL)

    sub = window.session.state.submissions[sid]
    assert sub.status == "held" and sub.note == "after the break"
    [row] = rows(inbox)
    assert row[4] == "held: after the break"
    assert window.devices.inbox_dock.windowTitle() == "Inbox (0 pending, 1 held)"
    qtbot.keyClick(inbox.view, Qt.Key.Key_Return)  # a held one is accepted later
    assert window.session.state.submissions[sid].status == "accepted"


def test_ctrl_r_rejects_only_with_a_reason(qtbot: Any, window: FacilitatorWindow) -> None:
    team = seated(window)[0]
    sid = submitted(window, device_of(window, team), "move", move_payload(window, "Nonsense"))
    inbox = open_inbox(qtbot, window)
    qtbot.keyClick(inbox.view, Qt.Key.Key_R, CTRL)
    prompt = inbox.prompt
    assert prompt is not None and prompt.required
    qtbot.keyClick(prompt, Qt.Key.Key_Return, CTRL)  # no reason yet: refused, stays open
    assert prompt.isVisible() and "reason" in prompt.error.text()
    assert window.session.state.submissions[sid].status == "pending"
    type_text(qtbot, prompt.text, "Not in this round's rules")
    qtbot.keyClick(prompt, Qt.Key.Key_Return, CTRL)

    sub = window.session.state.submissions[sid]
    assert sub.status == "rejected" and sub.reason == "Not in this round's rules"
    assert rows(inbox) == []


def test_pending_are_listed_before_held_and_the_status_bar_tells_of_a_new_one(
    qtbot: Any, window: FacilitatorWindow
) -> None:
    teams = seated(window)
    first = submitted(window, device_of(window, teams[0]), "move", move_payload(window, "one"))
    inbox = open_inbox(qtbot, window)
    assert window.run(ops.hold_submission, submission=first, note="") is None
    owner = owner_of(window)
    device = device_of(window, teams[1])
    answer: list[Any] = []
    thread = threading.Thread(
        target=lambda: answer.append(
            owner.call(
                lambda s: s.submit(device=device, what="move", payload=move_payload(window, "two"))
            )
        )
    )
    thread.start()
    qtbot.waitUntil(lambda: bool(answer), timeout=5000)
    thread.join()
    qtbot.waitUntil(lambda: not owner.unpublished, timeout=5000)  # answered, then shown
    assert [r[5].split(": ", 1)[-1] for r in rows(inbox)] == ["two", "one"]
    assert [r[4] for r in rows(inbox)] == ["pending", "held"]
    assert "New from the team devices" in window.statusBar().currentMessage()
    assert "in the inbox (F7)" in window.statusBar().currentMessage()


def owner_of(window: FacilitatorWindow) -> Any:
    """The window's Qt owner, as the room makes it (without a server: the calls are the
    ones a server thread makes)."""
    from ui.devices_bridge import QtOwner

    room = window.devices
    owner = QtOwner(window.session, committed=room.committed, within=room.auto_accept, parent=room)
    return owner


def test_auto_accept_accepts_the_kinds_set_as_they_arrive(
    qtbot: Any, window: FacilitatorWindow
) -> None:
    assert settings.auto_accept("message") and not settings.auto_accept("move")  # defaults
    inbox = open_inbox(qtbot, window)
    inbox.auto["move"].setChecked(True)
    assert settings.auto_accept("move")
    teams = seated(window)
    owner = owner_of(window)
    device = device_of(window, teams[0])
    done: list[Any] = []

    def send() -> None:
        for n in range(3):
            done.append(
                owner.call(
                    lambda s, n=n: s.submit(
                        device=device, what="move", payload=move_payload(window, f"auto {n}")
                    )
                )
            )

    thread = threading.Thread(target=send)
    thread.start()
    qtbot.waitUntil(lambda: len(done) == 3, timeout=5000)
    thread.join()
    qtbot.waitUntil(lambda: not owner.unpublished, timeout=5000)  # answered, then shown
    subs = window.session.state.submissions
    assert [s.status for s in subs.values()] == ["accepted"] * 3
    assert {window.session.state.moves[s.record].text for s in subs.values()} == {
        "auto 0",
        "auto 1",
        "auto 2",
    }
    assert rows(inbox) == []
    assert "accepted as it came" in window.statusBar().currentMessage()
