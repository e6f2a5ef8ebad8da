"""The round and phase at the top of the facilitator window, with the big timer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QToolButton, QWidget

from engine.domain.state import SessionState
from engine.scenario.model import Round, Scenario
from ui import theme
from ui.i18n import translate
from ui.models.update import Update
from ui.timer import PhaseTimer, TimerDisplay

if TYPE_CHECKING:
    from ui.models.records import SessionLike


def escape(text: str) -> str:
    """``html.escape``, for author text in the rich-text labels, without importing ``html``:
    its table of entities costs a millisecond of the window's start."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


def current_round(scenario: Scenario, state: SessionState) -> Round | None:
    if 1 <= state.round <= len(scenario.rounds):
        return scenario.rounds[state.round - 1]
    return None


def phase_minutes(scenario: Scenario, state: SessionState) -> float:
    """The minutes of the phase on the clock: the current one, or round 1's first."""
    rnd = current_round(scenario, state) or scenario.rounds[0]
    if not rnd.phases:
        return rnd.minutes
    return rnd.phases[min(state.phase, len(rnd.phases) - 1)].minutes


def round_heading(scenario: Scenario, state: SessionState) -> tuple[str, str]:
    """("ROUND 2 OF 6 · SUMMIT", title) for the header; the same words on both screens."""
    total = len(scenario.rounds)
    rnd = current_round(scenario, state)
    if rnd is None:
        return translate("ui.panels.round_bar", "{0} ROUNDS PLANNED").format(total), translate(
            "ui.panels.round_bar", "Not started: start round 1 when the room is ready"
        )
    status = "" if state.round_open else " · ENDED"
    return f"ROUND {rnd.number} OF {total} · {rnd.kind.upper()}{status}", rnd.title


_JOIN = "\u2060"  # word joiner: "six-party" does not break at its hyphen either


def phase_chips_html(scenario: Scenario, state: SessionState) -> str:
    """The round's phases as a strip of chips ("brief 5′ › negotiate 20′ › ..."), the
    current one highlighted. A narrow window wraps the strip between chips, never inside
    one (a chip does not wrap), and a line goes on with "› next"."""
    rnd = current_round(scenario, state)
    if rnd is None:
        return ""
    chips = []
    for i, phase in enumerate(rnd.phases):
        if i == state.phase and state.round_open:
            style = f"background:{theme.ACCENT}; color:white;"
        elif i < state.phase or not state.round_open:
            style = f"color:{theme.MUTED};"
        else:
            style = f"color:{theme.INK};"
        chips.append(
            f"<span style='{style} padding:2px 6px; white-space:nowrap'>&nbsp;"
            f"{escape(phase.name).replace('-', '-' + _JOIN)} <small>{phase.minutes:g}′</small>"
            "&nbsp;</span>"
        )
    return " ›&nbsp;".join(chips)


def seated_html(scenario: Scenario, state: SessionState) -> str:
    rnd = current_round(scenario, state) or scenario.rounds[0]
    label = "Seated" if current_round(scenario, state) else "Round 1 seats"
    chips = []
    for team in scenario.teams:
        if team.id in rnd.teams:
            chips.append(
                f"<span style='color:{team.color}'>&#9632;</span>&nbsp;{escape(team.name)}"
            )
    return f"<span style='color:{theme.MUTED}'>{label}:</span> " + " &nbsp; ".join(chips)


def wrap(label: QLabel) -> None:
    """Long titles and six seated teams wrap rather than widen the window past a
    1280-pixel projector."""
    label.setWordWrap(True)
    label.setMinimumWidth(0)


def heading_labels(parent: QWidget, *, title_scale: float) -> tuple[QLabel, QLabel, QLabel]:
    """The round's kicker ("ROUND 2 OF 6 · SUMMIT"), title and phase chips, as the
    facilitator window and the replay window show them."""
    kicker = QLabel(parent)
    kicker.setObjectName("roundKicker")
    theme.scale_font(kicker, 0.9, bold=True)  # its colour: QLabel#roundKicker in ui/theme.py
    title = QLabel(parent)
    title.setObjectName("roundTitle")
    theme.scale_font(title, title_scale, bold=True)
    phases = QLabel(parent)
    phases.setObjectName("phaseChips")
    for plain in (kicker, title):  # author text, never read as markup
        plain.setTextFormat(Qt.TextFormat.PlainText)
    wrap(title)
    wrap(phases)
    return kicker, title, phases


class RoundBar(QFrame):
    def __init__(
        self,
        source: SessionLike,
        timer: PhaseTimer,
        *,
        timer_actions: list[QAction],
        round_actions: list[QAction],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("roundBar")  # styled in ui/theme.py, as its buttons are
        self._source = source
        self._scenario = source.scenario
        grid = QGridLayout(self)
        grid.setContentsMargins(16, 10, 16, 10)
        grid.setHorizontalSpacing(18)
        self.kicker, self.title, self.phases = heading_labels(self, title_scale=1.5)
        self.seated = QLabel(self)
        self.seated.setObjectName("seatedTeams")
        wrap(self.seated)
        grid.addWidget(self.kicker, 0, 0)
        grid.addWidget(self.title, 1, 0)
        grid.addWidget(self.phases, 2, 0)
        grid.addWidget(self.seated, 3, 0)

        self.timer_display = TimerDisplay(timer, scale=3.4, parent=self)
        grid.addWidget(self.timer_display, 0, 1, 3, 1, Qt.AlignmentFlag.AlignCenter)
        timer_row = QHBoxLayout()
        for action in timer_actions:  # as wide as their own words ("Pause timer" at most)
            timer_row.addWidget(
                _button(
                    action,
                    self,
                    widest=(
                        translate("RoundBar", "Start timer"),
                        translate("RoundBar", "Pause timer"),
                    ),
                )
            )
        grid.addLayout(timer_row, 3, 1, Qt.AlignmentFlag.AlignCenter)
        round_col = QGridLayout()
        for i, action in enumerate(round_actions):
            round_col.addWidget(
                _button(
                    action,
                    self,
                    widest=(
                        translate("RoundBar", "Start round 10"),
                        translate("RoundBar", "No more rounds"),
                    ),
                ),
                i,
                0,
            )
        grid.addLayout(round_col, 0, 2, 4, 1)
        grid.setColumnStretch(0, 1)
        self.show_state(source.state)

    def show_state(self, state: SessionState) -> None:
        kicker, title = round_heading(self._scenario, state)
        self.kicker.setText(kicker)
        self.title.setText(title)
        self.phases.setText(phase_chips_html(self._scenario, state))
        self.seated.setText(seated_html(self._scenario, state))

    def apply(self, update: Update) -> None:
        if update.changes.round or update.resync:
            self.show_state(self._source.state)


def _button(action: QAction, parent: QWidget, *, widest: tuple[str, ...]) -> QToolButton:
    """A round or timer control, wide enough for the texts it takes (``widest``: its width
    does not jump as the text changes; the timer's need not be as wide as the round's, so
    the bar fits a 1366-pixel screen in large text)."""
    button = QToolButton(parent)
    button.setDefaultAction(action)
    # A stray Space or Enter (say, after a dialog closes) must never start or end a round:
    # these buttons are for the mouse; the keyboard has their shortcuts (F9, Shift+F9, F8).
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    width = max(button.fontMetrics().horizontalAdvance(t) for t in widest)
    button.setMinimumWidth(width + 28)
    # One rule of the application's stylesheet rather than one sheet per button: a widget's
    # own sheet is parsed and cascaded for it alone.
    button.setProperty("role", "roundControl")
    return button
