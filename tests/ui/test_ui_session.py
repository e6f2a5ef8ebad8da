"""A whole short session driven through the widgets, then the save reopened."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication
from ui_support import choose, submit, type_text

from engine.errors import NotSeatedError
from ui.app import ParleyApp
from ui.main_window import FacilitatorWindow
from ui.models.records import ID_ROLE


def table_rows(window: Any, kind: str) -> list[tuple[str, ...]]:
    """Every cell of a record table, as shown (sorted by record id for comparison)."""
    model = window.tables[kind].model
    rows = [
        tuple(str(model.index(r, c).data() or "") for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]
    return sorted(rows)


def open_form(window: Any, action: str) -> Any:
    window.action_set.by_name[action].trigger()
    form = window.entries.active
    assert form is not None and form.isVisible()
    return form


def record_move(qtbot: Any, window: Any, team: str, move_type: str, tone: int, text: str) -> None:
    form = open_form(window, "record_move")
    choose(form.team, team)
    choose(form.move_type, move_type)
    form.tone.setValue(tone)
    type_text(qtbot, form.text, text)
    submit(qtbot, form)
    assert window.entries.active is None, form.error.text()


def test_a_whole_session_through_the_widgets(
    qtbot: Any, tmp_path: Path, isolated_settings: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saves = tmp_path / "saves"
    asked_for_keyboard: list[Any] = []
    activate = FacilitatorWindow.activateWindow
    monkeypatch.setattr(
        FacilitatorWindow,
        "activateWindow",
        lambda self: (asked_for_keyboard.append(self), activate(self))[-1],
    )
    parley = ParleyApp(saves_dir=saves)
    start = parley.show_start()
    qtbot.addWidget(start)
    assert start.scenario is not None and start.scenario.id == "after_hanoi_2019"
    qtbot.keyClick(start.scenario_list, Qt.Key.Key_Return)  # Enter starts the default
    window = parley.window
    assert window is not None
    qtbot.addWidget(window)
    session = window.session
    assert session.path.parent == saves and session.path.name.startswith("after_hanoi_2019-")
    # the keyboard moves to the new window as the start screen goes: F9 works at once,
    # also where no window manager hands it over (a bare X server: the offscreen
    # platform activates every shown window, so the request itself is what is checked)
    assert asked_for_keyboard == [window]
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)

    # Ending or replacing a round with things unsettled is asked first: here, answered yes.
    asked: list[str] = []

    def answer_yes(parent: Any, session: Any, *, starting: bool) -> bool:
        from ui.round_confirm import round_change_question

        asked.append(round_change_question(session, starting=starting) or "")
        return True

    monkeypatch.setattr("ui.round_confirm.confirm_round_change", answer_yes)

    # Round 1 starts; moves are recorded from the form.
    window.action_set.start_round.trigger()
    assert window.round_bar.kicker.text().startswith("ROUND 1 OF 6")
    record_move(qtbot, window, "usa", "conciliatory_statement", 2, "The door remains open.")
    record_move(qtbot, window, "dprk", "missile_test", -2, "Two short-range launches.")
    assert window.tables["move"].model.rowCount() == 2
    assert window.event_log.model.rowCount() == session.last_seq

    # A domain error is shown in the form, nothing changes.
    before = session.last_seq
    form = open_form(window, "propose_commitment")
    choose(form.giver, "usa")
    choose(form.receiver, "dprk")
    choose(form.issue, "sanctions_relief")
    type_text(qtbot, form.text, "Suspend two resolutions")
    window.action_set.end_round.trigger()  # between rounds any team may act
    assert "not ruled on: United States: “The door remains open.”" in asked[-1]
    submit(qtbot, form)
    assert window.entries.active is None  # between rounds any team may act: accepted
    assert len(session.state.commitments) == 1
    assert session.last_seq == before + 2
    window.action_set.start_round.trigger()  # round 2: a summit seating only ROK and DPRK
    form = open_form(window, "record_move")
    offered = [form.team.itemData(i) for i in range(form.team.count())]
    assert offered == ["rok", "dprk"], "only the teams the summit seats are offered"
    form.reject()
    with pytest.raises(NotSeatedError, match="United States is not seated at this summit"):
        session.record_move(team="usa", move_type="statement", tone=0, text="An uninvited remark")

    # Demands: tabled, then one is refused.
    form = open_form(window, "table_demand")
    choose(form.from_team, "dprk")
    choose(form.to_team, "rok")
    choose(form.issue, "inter_korean_projects")
    choose(form.priority, 1)
    type_text(qtbot, form.text, "Reopen the Kaesong complex")
    submit(qtbot, form)
    demand = next(iter(session.state.demands))
    window.tables["demand"].select(demand)
    form = open_form(window, "demand_status")
    assert form.demand.currentData() == demand
    choose(form.status, "refused")
    submit(qtbot, form)
    assert session.state.demands[demand].status == "refused"
    assert "refused (surprise)" in table_rows(window, "demand")[0]  # first tabled at a summit

    # Conditional commitments: ROK's depends on DPRK's, which depends on the first.
    first = next(iter(session.state.commitments))
    form = open_form(window, "propose_commitment")
    choose(form.giver, "dprk")
    choose(form.receiver, "rok")
    choose(form.issue, "test_moratorium")
    type_text(qtbot, form.text, "Keep the test moratorium")
    form.conditions.set_checked([first])
    submit(qtbot, form)
    second = list(session.state.commitments)[-1]
    assert session.state.commitments[second].condition_refs("commitment") == (first,)
    form = open_form(window, "propose_commitment")
    choose(form.giver, "rok")
    choose(form.receiver, "dprk")
    choose(form.issue, "humanitarian_aid")
    type_text(qtbot, form.text, "Ship rice and medicine")
    form.conditions.set_checked([second])
    form.verification.setChecked(True)
    submit(qtbot, form)
    third = list(session.state.commitments)[-1]
    for commitment in (second, third):
        window.tables["commitment"].select(commitment)
        form = open_form(window, "commitment_status")
        assert form.action.currentData() == "agree"
        submit(qtbot, form)
        assert session.state.commitments[commitment].status == "agreed"

    # Adjudicate with dice: the roll is shown in the form and recorded by the engine.
    record_move(qtbot, window, "dprk", "concession", 2, "Offer to close a test site")
    move = list(session.state.moves)[-1]
    window.tables["move"].select(move)
    form = open_form(window, "adjudicate")
    assert form.move_box.currentData() == move
    qtbot.mouseClick(form.roll_button, Qt.MouseButton.LeftButton)
    assert form.roll is not None and str(form.roll) in form.roll_label.text(), form.error.text()
    assert form.preview_label.text()
    type_text(qtbot, form.reason, "A fair chance")
    submit(qtbot, form)
    ruled = session.state.moves[move]
    assert ruled.method == "dice" and ruled.roll == form.roll and ruled.seed == form.seed
    assert (
        f"rolled {form.roll}"
        in dict((row[0], row) for row in table_rows(window, "move"))[
            str(session.state.moves[move].number)
        ][-1]
    )

    # Fire an inject; its effects reach the indicator panel.
    form = open_form(window, "fire_inject")
    choose(form.inject, "short_range_missile_test")
    tension_before = session.state.indicators["tension"]
    submit(qtbot, form)
    assert session.state.indicators["tension"] > tension_before
    assert window.indicators.shown("tension") == f"{session.state.indicators['tension']:g}"

    # Sign an agreement from the commitments selected in the table.
    table = window.tables["commitment"]
    table.view.clearSelection()
    for commitment in (second, third):
        row = table.model.index(table.model.row_of(commitment), 0)
        table.view.selectionModel().select(
            row, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        )
    form = open_form(window, "sign_agreement")
    assert set(form.commitments.checked()) == {second, third}
    type_text(qtbot, form.title_edit, "Panmunjom package")
    submit(qtbot, form)
    assert window.tables["agreement"].model.rowCount() == 1

    # Undo and redo, named after the action.
    assert window.action_set.undo.text().startswith("&Undo: sign Agreement 1")
    window.action_set.undo.trigger()
    assert window.tables["agreement"].model.rowCount() == 0
    assert session.state.commitments[second].agreement is None
    assert window.action_set.redo.text().startswith("&Redo: sign Agreement 1")
    window.action_set.redo.trigger()
    assert window.tables["agreement"].model.rowCount() == 1
    assert window.action_set.redo.isEnabled() is False

    # Advance phase and round.
    window.action_set.next_phase.trigger()
    assert session.state.phase == 1
    window.action_set.start_round.trigger()
    assert session.state.round == 3
    assert window.round_bar.kicker.text().startswith("ROUND 3 OF 6")

    shown = {kind: table_rows(window, kind) for kind in window.tables}
    state = session.state
    expected = (state.seq, dict(state.moves), dict(state.commitments), dict(state.indicators))
    path = session.path
    log_rows = window.event_log.model.rowCount()
    window.close()

    # Reopen the save (in a worker thread) and find the same state in the tables.
    parley.open(path)
    qtbot.waitUntil(lambda: parley.window is not None and parley.window is not window, timeout=5000)
    again = parley.window
    qtbot.addWidget(again)
    reopened = again.session.state
    assert (reopened.seq, reopened.moves, reopened.commitments, reopened.indicators) == expected
    assert {kind: table_rows(again, kind) for kind in again.tables} == shown
    assert again.event_log.model.rowCount() == log_rows
    assert again.round_bar.kicker.text().startswith("ROUND 3 OF 6")
    assert again.action_set.undo.text() == "&" + again.session.undo_label
    assert str(path) in [str(p) for p in __import__("ui.settings").settings.recent_saves()]
    ids = [again.tables["move"].model.index(r, 0).data(ID_ROLE) for r in range(3)]
    assert ids[0] == move  # newest first
    again.close()
