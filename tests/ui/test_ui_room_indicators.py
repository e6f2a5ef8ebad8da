"""View > Indicators on the projector (issue 12, item 3): Control unchecks an indicator and
the projector stops showing it at once; checking it again brings it back; each is one
event, and the action is off in a read-only window."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ui import operations as ops
from ui.projector_indicators import RoomIndicatorsDialog


def _answer(uncheck: str | None = None, check: str | None = None) -> None:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, RoomIndicatorsDialog), dialog
    for name, box in dialog.boxes.items():
        if name == uncheck:
            box.setChecked(False)
        if name == check:
            box.setChecked(True)
    dialog.accept()


def test_unchecking_an_indicator_takes_it_off_the_projector_and_back(
    window: Any, qtbot: Any
) -> None:
    assert window.run(ops.start_round) is None
    window.action_set.projector.setChecked(True)
    projector = window.projector
    assert projector is not None
    name = window.session.scenario.indicator("tension").name
    assert any(name in block for block in projector.indicators_card.blocks)

    QTimer.singleShot(0, lambda: _answer(uncheck="tension"))
    window.action_set.room_indicators.trigger()
    assert window.session.state.room_hidden == ("tension",)
    assert not any(name in block for block in projector.indicators_card.blocks)
    assert window.action_set.undo.text().startswith("&Undo: hide Tension")

    QTimer.singleShot(0, lambda: _answer(check="tension"))
    window.action_set.room_indicators.trigger()
    assert window.session.state.room_hidden == ()
    assert any(name in block for block in projector.indicators_card.blocks)
    kinds = [e.kind for e in window.session.events()][-2:]
    assert kinds == ["IndicatorShownToRoom", "IndicatorShownToRoom"]
