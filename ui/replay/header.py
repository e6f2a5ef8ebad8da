"""The top of the replay window: the round and phase at the cursor, and the event there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QWidget

from engine.domain.state import SessionState
from engine.scenario.model import Scenario
from ui import theme
from ui.i18n import translate
from ui.panels.round_bar import heading_labels, phase_chips_html, round_heading
from ui.plain_text import as_rich_text, plain_label


class ReplayHeader(QFrame):
    def __init__(self, scenario: Scenario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("replayHeader")
        self.setStyleSheet(
            f"QFrame#replayHeader {{ background: {theme.SURFACE};"
            f" border-bottom: 1px solid {theme.LINE}; }}"
        )
        self._scenario = scenario
        grid = QGridLayout(self)
        grid.setContentsMargins(16, 8, 16, 6)
        grid.setHorizontalSpacing(18)
        self.badge = QLabel(translate("ReplayHeader", "REPLAY · READ-ONLY"), self)
        self.badge.setObjectName("replayBadge")
        theme.scale_font(self.badge, 0.85, bold=True)
        self.badge.setStyleSheet(
            f"color: white; background: {theme.ACCENT}; padding: 2px 8px; border-radius: 3px"
        )
        self.kicker, self.title, self.phases = heading_labels(self, title_scale=1.4)
        self.position = QLabel(self)
        self.position.setObjectName("replayPosition")
        theme.scale_font(self.position, 1.1, bold=True)
        self.event_label = ElidedLabel(self)
        self.event_label.setObjectName("replayEvent")
        self.event_label.setProperty("role", "muted")
        self.event_label.setMinimumWidth(10)
        grid.addWidget(self.kicker, 0, 0)
        grid.addWidget(self.badge, 0, 1)
        grid.addWidget(self.title, 1, 0, 1, 2)
        grid.addWidget(self.phases, 2, 0, 1, 2)
        grid.addWidget(self.position, 0, 2, 2, 1)
        grid.addWidget(self.event_label, 2, 2)
        # the round's side the wider: its phase strip fits a 1366-pixel screen on one line
        # (and wraps, between chips, below that); the event text beside it is elided
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(2, 2)

    def show_state(self, state: SessionState, seq: int, last: int) -> None:
        kicker, title = round_heading(self._scenario, state)
        self.kicker.setText(kicker)
        self.title.setText(title)
        self.phases.setText(phase_chips_html(self._scenario, state))
        self.position.setText(translate("ReplayHeader", "Event {0} of {1}").format(seq, last))

    def show_event(self, seq: int, text: str | None, viewer_name: str) -> None:
        """The event at the cursor in words (``text``), or that the viewer never knew of it
        (``text`` None)."""
        if seq == 0:
            full = translate("ReplayHeader", "Before the first event")
        elif text is None:
            full = translate("ReplayHeader", "#{0}: (not known to {1})").format(seq, viewer_name)
        else:
            full = f"#{seq}: {text}"
        self.event_label.set_full_text(full)
        self.event_label.setToolTip(as_rich_text(full))


class ElidedLabel(QLabel):
    """One line of plain text cut to the label's width with an ellipsis, whatever width
    the layout gives it (its own text never widens it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        plain_label(self)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.full_text = ""

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self._elide()

    def _elide(self) -> None:
        metrics = self.fontMetrics()
        self.setText(metrics.elidedText(self.full_text, Qt.TextElideMode.ElideRight, self.width()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()
