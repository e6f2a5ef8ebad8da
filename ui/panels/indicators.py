"""Teams with their indicators: global meters, one card per team, and pair matrices.

The whole panel is one painted widget (``ui/panels/indicator_board.py``) in a scroll area:
as some eighty child widgets (a labelled bar per value, a card per team, a table per pair
indicator) it cost a third of the facilitator window's start, in styling and layout, for a
panel whose only interaction is a tooltip.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from ui.models.update import Update
from ui.panels.indicator_board import IndicatorBoard, value_text

if TYPE_CHECKING:
    from ui.models.records import SessionLike

__all__ = ["IndicatorPanel", "value_text"]


class IndicatorPanel(QScrollArea):
    def __init__(self, source: SessionLike, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self.setObjectName("indicatorPanel")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.board = IndicatorBoard(source.scenario, self)
        self.setWidget(self.board)
        self.show_values(source.state.indicators)

    def show_values(self, values: dict[str, float]) -> None:
        self.board.set_values(values)

    def shown(self, key: str) -> str:
        """The text the panel shows for a value key (``tension``, ``support.usa``,
        ``trust.usa.dprk``)."""
        return self.board.shown(key)

    def apply(self, update: Update) -> None:
        if update.changes.indicators or update.resync:
            self.show_values(self._source.state.indicators)
