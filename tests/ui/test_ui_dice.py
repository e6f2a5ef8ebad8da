"""Ruling by dice and by an outcome table from the form: the Roll button has the engine
log each roll (a re-roll too), the ruling names the one it used, and the die glyph never
shows as a box."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from ui_support import choose, submit, type_text

from engine.domain.events import DiceRolled, MoveAdjudicated
from ui import operations as ops
from ui.forms.adjudicate import DIE
from ui.main_window import FacilitatorWindow


def ruling_form(window: FacilitatorWindow, move_type: str) -> Any:
    assert window.run(ops.start_round) is None
    assert window.run(ops.record_move, team="dprk", move_type=move_type, tone=-2,
                      text="A launch into the sea") is None  # fmt: skip
    move = list(window.session.state.moves)[-1]
    window.tables["move"].select(move)
    window.action_set.by_name["adjudicate"].trigger()
    form = window.entries.active
    assert form is not None and form.move_box.currentData() == move
    return form


def logged(window: FacilitatorWindow, kind: type) -> list[Any]:
    return [e for e in window.session.events() if isinstance(e.event, kind)]


def test_a_reroll_is_in_the_log_and_the_ruling_uses_the_last(
    qtbot: Any, window: FacilitatorWindow
) -> None:
    form = ruling_form(window, "concession")
    qtbot.mouseClick(form.roll_button, Qt.MouseButton.LeftButton)
    first = form.roll
    qtbot.mouseClick(form.roll_button, Qt.MouseButton.LeftButton)
    rolls = logged(window, DiceRolled)
    assert [r.event.roll for r in rolls] == [first, form.roll]
    assert form.rolled == rolls[-1].seq and "Roll 2: " in form.roll_label.text()
    model = window.event_log.model
    texts = [model.index(r, c).data() for r in range(model.rowCount())
             for c in range(model.columnCount())]  # fmt: skip
    assert any(str(t).startswith("Roll 2 for Move 1") for t in texts), "the log reads the roll"
    type_text(qtbot, form.reason, "A fair chance")
    submit(qtbot, form)
    (ruling,) = logged(window, MoveAdjudicated)
    assert ruling.event.rolled == rolls[-1].seq and ruling.event.roll == rolls[-1].event.roll


def test_an_outcome_table_shows_its_rows_and_rules_by_the_roll(
    qtbot: Any, window: FacilitatorWindow
) -> None:
    form = ruling_form(window, "missile_test")
    choose(form.method, "table")
    assert form.table_label.isVisible()
    assert form.table_label.text() == "1-2: failure  ·  3-4: partial  ·  5-6: success"
    assert form.sides.value() == 6 and not form.sides.isEnabled()
    qtbot.mouseClick(form.roll_button, Qt.MouseButton.LeftButton)
    kind = window.session.scenario.move_type("missile_test")
    assert kind is not None and form.roll is not None
    row = kind.table_row(form.roll)
    assert row is not None and form.outcome.currentData() == row.outcome
    assert f"{form.roll} on a d6: {row.outcome} by the table: {row.text}" == form.roll_detail.text()
    ruled = form.move_box.currentData()
    submit(qtbot, form)  # no reason needed: the row's text is the reason
    move = window.session.state.moves[ruled]
    assert move.method == "table" and move.outcome == row.outcome and move.reason == row.text
    (roll,) = logged(window, DiceRolled)
    assert roll.event.needed is None and roll.event.sides == 6


def test_a_move_type_without_a_table_is_not_ruled_by_one(
    qtbot: Any, window: FacilitatorWindow
) -> None:
    form = ruling_form(window, "concession")
    choose(form.method, "table")
    assert "no outcome table" in form.table_label.text()
    assert not form.roll_button.isEnabled()
    assert form.problem() == "This move type has no outcome table: rule by judgement or by dice."


def test_the_die_glyph_shows_only_where_the_font_has_it(
    qtbot: Any, window: FacilitatorWindow
) -> None:
    form = ruling_form(window, "concession")
    qtbot.mouseClick(form.roll_button, Qt.MouseButton.LeftButton)
    has_glyph = QFontMetrics(form.roll_label.font()).inFontUcs4(ord(DIE))
    assert (DIE in form.roll_label.text()) == has_glyph
    assert str(form.roll) in form.roll_label.text()
