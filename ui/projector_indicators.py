"""View > Indicators on the projector: Control keeps a public indicator off the room's
screen for a while (a private inject need not give itself away by a meter the room watches
move), and puts it back. Each change is one event (``IndicatorShownToRoom``), named in the
log and undone like any other; the teams the indicator concerns still see its values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ui import operations as ops
from ui.i18n import translate

if TYPE_CHECKING:
    from engine.domain.state import SessionState
    from engine.scenario.model import Scenario
    from ui.main_window import FacilitatorWindow


class RoomIndicatorsDialog(QDialog):
    """One check box per public indicator: checked, the projector shows it."""

    def __init__(self, scenario: Scenario, state: SessionState, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            translate("RoomIndicatorsDialog", "Parley: indicators on the projector")
        )
        layout = QVBoxLayout(self)
        note = QLabel(
            translate(
                "RoomIndicatorsDialog",
                "Unchecked indicators leave the projector until you check them again. The "
                "teams an indicator concerns still see it; private indicators never show there.",
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.boxes: dict[str, QCheckBox] = {}
        for ind in scenario.indicators:
            if not ind.public:
                continue
            box = QCheckBox(ind.name, self)
            box.setChecked(ind.id not in state.room_hidden)
            layout.addWidget(box)
            self.boxes[ind.id] = box
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def changes(self, state: SessionState) -> list[tuple[str, bool]]:
        """(indicator, shown) for each box the user changed."""
        return [
            (ind_id, box.isChecked())
            for ind_id, box in self.boxes.items()
            if box.isChecked() == (ind_id in state.room_hidden)
        ]


def choose_room_indicators(window: FacilitatorWindow) -> None:
    session = window.session
    dialog = RoomIndicatorsDialog(session.scenario, session.state, window)
    if not dialog.boxes:
        window.statusBar().showMessage(
            translate("ui.projector_indicators", "The scenario has no public indicators."), 6000
        )
        return
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    for indicator, shown in dialog.changes(session.state):
        if window.run(ops.show_indicator_to_room, indicator=indicator, shown=shown):
            return  # the error is shown; the rest are not tried
