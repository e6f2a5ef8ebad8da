"""Every entry form opens whole: no button squeezed until its label is cut (the Roll
button of the ruling form was), and on a screen too short for its rows (large text on a
laptop) the rows scroll while Ok and Cancel stay on the screen."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QAbstractButton, QApplication, QPushButton

from ui import operations as ops
from ui import theme
from ui.main_window import FacilitatorWindow

FORMS = ("record_move", "table_demand", "demand_status", "propose_commitment",
         "commitment_status", "add_condition", "adjudicate", "fire_inject",
         "adjust_indicator")  # fmt: skip


def played(window: FacilitatorWindow) -> None:
    """A round with something for every form to offer."""
    assert window.run(ops.start_round) is None
    said = "is ready to talk, step by step and at once"
    for team in ("usa", "dprk"):
        move = {"team": team, "move_type": "statement", "tone": 1, "text": f"{team} {said}"}
        assert window.run(ops.record_move, **move) is None
    demand = {"from_team": "dprk", "to_team": "usa", "priority": 1, "text": "Relief first"}
    assert window.run(ops.table_demand, issue="sanctions_relief", **demand) is None
    for giver, receiver in (("usa", "dprk"), ("dprk", "usa")):
        offer = {"giver": giver, "receiver": receiver, "text": f"{giver} moves first"}
        assert window.run(ops.propose_commitment, issue="sanctions_relief", **offer) is None


def on_screen(widget: Any) -> bool:
    """From top to bottom on its screen (the test screen is 800 pixels wide, narrower than
    any classroom's: its height is what a tall form must keep to)."""
    screen = widget.screen().availableGeometry()
    top = widget.mapToGlobal(QPoint(0, 0)).y()
    return screen.top() <= top and top + widget.height() - 1 <= screen.bottom()


@pytest.mark.parametrize("large", [False, True], ids=["normal text", "large text"])
@pytest.mark.parametrize("action", FORMS)
def test_a_form_opens_whole_on_its_screen(
    qtbot: Any, window: FacilitatorWindow, action: str, large: bool
) -> None:
    played(window)
    app = QApplication.instance()
    theme.set_large_text(app, large)  # type: ignore[arg-type]
    try:
        getattr(window.action_set, action).trigger()
        form = window.entries.active
        assert form is not None
        qtbot.waitExposed(form)
        buttons = [b for b in form.findChildren(QPushButton) if b.isVisible()]
        assert form.findChild(QAbstractButton) is not None
        for button in buttons:
            assert button.width() >= button.sizeHint().width(), f"{button.text()!r} is cut"
        for button in (form.ok_button, form.cancel_button):
            assert button.isVisible() and on_screen(button), button.text()
        assert form.height() <= form.screen().availableGeometry().height()
        form.reject()
    finally:
        theme.set_large_text(app, False)  # type: ignore[arg-type]


def test_rows_taller_than_the_screen_scroll_and_ok_stays_on_it(qtbot: Any, scenario: Any) -> None:
    from PySide6.QtWidgets import QLineEdit

    from ui.forms.base import EntryForm

    class Tall(EntryForm):
        title = "Many rows"

        def values(self) -> dict[str, Any]:
            return {}

    form = Tall(scenario, lambda values: None)
    for i in range(40):
        form.add_row(f"Row {i + 1}", QLineEdit(form), f"row{i}")
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    screen = form.screen().availableGeometry()
    assert form.rows.inner.sizeHint().height() > screen.height(), "taller than the screen"
    assert form.frameGeometry().height() <= screen.height()
    assert on_screen(form.ok_button) and on_screen(form.cancel_button)
    assert form.rows.verticalScrollBar().maximum() > 0, "the rows scroll"
