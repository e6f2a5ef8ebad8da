"""The replay window's actions and its transport bar, built in one place.

Left, Right, Home, End and Space step, jump and play wherever the focus is in the
window (a search field keeps its own keys while it is being typed in).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QWidget,
)

from engine.domain.events import CONTROL
from engine.scenario.model import Scenario
from engine.session.replay import BookmarkMark, RoundMark
from ui.actions import DESKTOP_SPECS, Actions, Spec
from ui.i18n import QT_TRANSLATE_NOOP, translate

SPEEDS = (1, 2, 5, 10, 25, 50, 100, 250)  # events per second
# The transport buttons' short faces (their tooltips and the Go menu keep the full names),
# so that the bar fits a 1280-pixel screen beside the indicator dock.
FACES = {"first": "|◀", "back": "◀", "play": "▶", "forward": "▶", "last": "▶|"}
PAUSE_FACE = "❚❚"
DEFAULT_SPEED = 5


SPECS = (
    Spec(
        "first",
        QT_TRANSLATE_NOOP("Actions", "|◀ First"),
        "Home",
        QT_TRANSLATE_NOOP("Actions", "Go to the start of the log"),
    ),
    Spec(
        "back",
        QT_TRANSLATE_NOOP("Actions", "◀ Step back"),
        "Left",
        QT_TRANSLATE_NOOP("Actions", "Back one event"),
    ),
    Spec(
        "play",
        QT_TRANSLATE_NOOP("Actions", "▶ Play"),
        "Space",
        QT_TRANSLATE_NOOP("Actions", "Play the session forward, or pause"),
        checkable=True,
    ),
    Spec(
        "forward",
        QT_TRANSLATE_NOOP("Actions", "Step ▶"),
        "Right",
        QT_TRANSLATE_NOOP("Actions", "Forward one event"),
    ),
    Spec(
        "last",
        QT_TRANSLATE_NOOP("Actions", "Last ▶|"),
        "End",
        QT_TRANSLATE_NOOP("Actions", "Go to the last event"),
    ),
    Spec(
        "branch",
        QT_TRANSLATE_NOOP("Actions", "&Branch from here…"),
        "Ctrl+Shift+B",
        QT_TRANSLATE_NOOP("Actions", "A new live session holding the log up to this event"),
    ),
    Spec(
        "compare_parent",
        QT_TRANSLATE_NOOP("Actions", "Compare with &parent…"),
        None,
        QT_TRANSLATE_NOOP("Actions", "How this branch differs from the save it was branched from"),
    ),
    Spec(
        "compare_other",
        QT_TRANSLATE_NOOP("Actions", "Compare with &another save…"),
        None,
        QT_TRANSLATE_NOOP(
            "Actions", "Where this save and another part, and how they differ at the end"
        ),
    ),
    Spec(
        "start_screen",
        QT_TRANSLATE_NOOP("Actions", "&Start screen"),
        QKeySequence.StandardKey.New,
        QT_TRANSLATE_NOOP("Actions", "Back to the start screen"),
    ),
    Spec(
        "close_window",
        QT_TRANSLATE_NOOP("Actions", "&Close"),
        QKeySequence.StandardKey.Close,
        QT_TRANSLATE_NOOP("Actions", "Close the replay"),
    ),
)


class ReplayActions(Actions):
    """The replay window's actions (object names ``replay_first`` and so on)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, SPECS + DESKTOP_SPECS, prefix="replay_")


class TransportBar(QWidget):
    """First, back, play, forward, last; speed; jump to a round or a bookmark; viewer.

    The viewer choice ("As seen by") sits at the right end of the row, or, when the row
    is too narrow for both (large text on a 1366-pixel screen), on a row of its own below,
    so that the window never grows past the screen to hold it."""

    def __init__(self, actions: ReplayActions, scenario: Scenario, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("transportBar")
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(12, 2, 12, 6)
        self._grid.setVerticalSpacing(4)
        self._steps = QWidget(self)
        row = QHBoxLayout(self._steps)
        row.setContentsMargins(0, 0, 0, 0)
        for name in ("first", "back", "play", "forward", "last"):
            button = QToolButton(self)
            action = actions.by_name[name]
            action.setIconText(FACES[name])
            button.setDefaultAction(action)
            button.setAccessibleName(action.text().strip("|◀▶ "))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys belong to the timeline
            row.addWidget(button)
        self.speed = QComboBox(self)
        self.speed.setObjectName("replaySpeed")
        self.speed.setAccessibleName(translate("TransportBar", "Playing speed"))
        for eps in SPEEDS:
            self.speed.addItem(
                translate("TransportBar", "{0} event{1}/s").format(eps, "s" if eps > 1 else ""), eps
            )
        self.speed.setCurrentIndex(SPEEDS.index(DEFAULT_SPEED))
        row.addWidget(self.speed)
        row.addSpacing(16)
        self.round_jump = QComboBox(self)
        self.round_jump.setObjectName("roundJump")
        self.round_jump.setAccessibleName(translate("TransportBar", "Jump to a round"))
        row.addWidget(self.round_jump)
        self.bookmark_jump = QComboBox(self)
        self.bookmark_jump.setObjectName("bookmarkJump")
        self.bookmark_jump.setAccessibleName(translate("TransportBar", "Jump to a bookmark"))
        row.addWidget(self.bookmark_jump)
        row.addStretch(1)
        self._seen = QWidget(self)
        seen = QHBoxLayout(self._seen)
        seen.setContentsMargins(0, 0, 0, 0)
        seen.addWidget(QLabel(translate("TransportBar", "As seen by:"), self))
        self.viewer = QComboBox(self)
        self.viewer.setObjectName("viewerChoice")
        self.viewer.setAccessibleName(translate("TransportBar", "As seen by"))
        self.viewer.addItem(translate("TransportBar", "Control (everything)"), CONTROL)
        for team in scenario.teams:
            self.viewer.addItem(
                translate("TransportBar", "{0} (what it could know)").format(team.name), team.id
            )
        seen.addWidget(self.viewer)
        for combo, chars in ((self.round_jump, 12), (self.bookmark_jump, 12), (self.viewer, 14)):
            self._narrow(combo, chars)
        self._grid.addWidget(self._steps, 0, 0)
        self._grid.setColumnStretch(0, 1)
        self.one_row = False
        self._place(one_row=True)

    def _place(self, *, one_row: bool) -> None:
        if one_row == self.one_row:
            return
        self.one_row = one_row
        self._grid.removeWidget(self._seen)
        row, column = (0, 1) if one_row else (1, 0)
        self._grid.addWidget(self._seen, row, column, Qt.AlignmentFlag.AlignRight)

    def _row_width(self) -> int:
        margins = self._grid.contentsMargins()
        spacing = max(self._grid.horizontalSpacing(), 0)
        steps, seen = self._steps.minimumSizeHint(), self._seen.minimumSizeHint()
        return steps.width() + spacing + seen.width() + margins.left() + margins.right()

    def minimumSizeHint(self) -> QSize:
        """As narrow as the wider of its two parts (the viewer choice then goes below)."""
        margins = self._grid.contentsMargins()
        steps, seen = self._steps.minimumSizeHint(), self._seen.minimumSizeHint()
        width = max(steps.width(), seen.width()) + margins.left() + margins.right()
        return QSize(width, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._place(one_row=event.size().width() >= self._row_width())
        super().resizeEvent(event)

    @staticmethod
    def _narrow(combo: QComboBox, chars: int) -> None:
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(chars)

    def set_marks(self, rounds: list[RoundMark], bookmarks: list[BookmarkMark]) -> None:
        self.round_jump.blockSignals(True)
        self.round_jump.clear()
        self.round_jump.addItem(translate("TransportBar", "Jump to a round…"), None)
        for mark in rounds:
            self.round_jump.addItem(
                translate("TransportBar", "Round {0}: {1}  (#{2})").format(
                    mark.round, mark.title, mark.seq
                ),
                mark.seq,
            )
        self.round_jump.setEnabled(bool(rounds))
        self.round_jump.blockSignals(False)
        self.bookmark_jump.blockSignals(True)
        self.bookmark_jump.clear()
        self.bookmark_jump.addItem(translate("TransportBar", "Jump to a bookmark…"), None)
        for bookmark in bookmarks:
            self.bookmark_jump.addItem(f"{bookmark.label}  (#{bookmark.seq})", bookmark.seq)
        self.bookmark_jump.setEnabled(bool(bookmarks))
        self.bookmark_jump.blockSignals(False)

    def speed_eps(self) -> int:
        return int(self.speed.currentData())
