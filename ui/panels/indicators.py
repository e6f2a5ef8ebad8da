"""Teams with their indicators: global meters, one card per team, and pair matrices."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from engine.scenario.model import Indicator, Scenario
from engine.state import SessionState
from ui import theme
from ui.models.update import Update

STEPS = 1000  # progress bars count in thousandths of the range


def value_text(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


class Meter(QWidget):
    """A labelled bar for one indicator value."""

    def __init__(self, label: str, indicator: Indicator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.indicator = indicator
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setVerticalSpacing(2)
        self.name = QLabel(label, self)
        self.value = QLabel("", self)
        self.value.setAlignment(Qt.AlignmentFlag.AlignRight)
        theme.scale_font(self.value, 1.0, bold=True)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, STEPS)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(label)
        if indicator.description:
            self.setToolTip(indicator.description)
        layout.addWidget(self.name, 0, 0)
        layout.addWidget(self.value, 0, 1)
        layout.addWidget(self.bar, 1, 0, 1, 2)

    def set_value(self, value: float) -> None:
        ind = self.indicator
        self.value.setText(value_text(value))
        span = ind.max - ind.min
        self.bar.setValue(round((value - ind.min) / span * STEPS) if span else 0)


class PairMatrix(QTableWidget):
    """``trust.a.b`` as a grid: row a's value for column b."""

    def __init__(self, indicator: Indicator, scenario: Scenario, parent: QWidget | None = None):
        teams = scenario.teams
        super().__init__(len(teams), len(teams), parent)
        self.indicator = indicator
        self.team_ids = scenario.team_ids
        self.setAccessibleName(indicator.name)
        # Narrow columns in a side dock: ids of up to four letters as they are (USA, DPRK),
        # longer ones cut to three (JAP, RUS); the header's tooltip names the team.
        short = [t.id.upper() if len(t.id) <= 4 else t.id[:3].upper() for t in teams]
        for index, (label, team) in enumerate(zip(short, teams, strict=True)):
            for header_item in (QTableWidgetItem(label), QTableWidgetItem(label)):
                header_item.setToolTip(team.name)
                if self.horizontalHeaderItem(index) is None:
                    self.setHorizontalHeaderItem(index, header_item)
                else:
                    self.setVerticalHeaderItem(index, header_item)
        header_font = self.horizontalHeader().font()
        header_font.setPointSizeF(header_font.pointSizeF() * 0.85)
        self.horizontalHeader().setFont(header_font)
        self.horizontalHeader().setStyleSheet("QHeaderView::section { padding: 0px 1px; }")
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setMinimumSectionSize(24)
        self.setMinimumWidth(0)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        height = (self.fontMetrics().height() + 8) * (len(teams) + 1) + 6
        self.setFixedHeight(height)
        for r, a in enumerate(self.team_ids):
            for c, b in enumerate(self.team_ids):
                item = QTableWidgetItem("" if a != b else "·")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setToolTip(
                    f"{scenario.team(a).name}'s {indicator.name.lower()} in "  # type: ignore[union-attr]
                    f"{scenario.team(b).name}"
                )  # type: ignore[union-attr]
                self.setItem(r, c, item)

    def set_values(self, values: dict[str, float]) -> None:
        ind = self.indicator
        span = (ind.max - ind.min) or 1
        for r, a in enumerate(self.team_ids):
            for c, b in enumerate(self.team_ids):
                if a == b:
                    continue
                value = values.get(f"{ind.id}.{a}.{b}", ind.initial)
                item = self.item(r, c)
                item.setText(value_text(value))
                share = (value - ind.min) / span
                tint = QColor(theme.COMMITMENT_COLORS["fulfilled"] if share >= 0.5 else theme.ALARM)
                tint.setAlphaF(min(0.45, abs(share - 0.5) * 0.9))
                item.setBackground(tint)


class IndicatorPanel(QScrollArea):
    def __init__(self, scenario: Scenario, state: SessionState, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("indicatorPanel")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(self)
        # Set first, filled after: re-parenting a built subtree into the scroll area would
        # restyle every child a second time (4 ms of the window's start).
        self.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(8)
        self.meters: dict[str, Meter] = {}
        self.matrices: list[PairMatrix] = []
        globals_ = [i for i in scenario.indicators if i.scope == "global"]
        per_team = [i for i in scenario.indicators if i.scope == "team"]
        pairs = [i for i in scenario.indicators if i.scope == "pair"]
        if globals_:
            layout.addWidget(_heading("The situation", body))
            for ind in globals_:
                self.meters[ind.id] = Meter(ind.name, ind, body)
                layout.addWidget(self.meters[ind.id])
        layout.addWidget(_heading("Teams", body))
        for team in scenario.teams:
            card = QFrame(body)
            card.setProperty("role", "card")
            card.setStyleSheet(f"QFrame[role='card'] {{ border-left: 5px solid {team.color}; }}")
            box = QVBoxLayout(card)
            box.setContentsMargins(10, 6, 10, 6)
            box.setSpacing(2)
            name = QLabel(
                f"<b>{escape(team.name)}</b> "
                f"<span style='color:{theme.MUTED}'>· {escape(team.leader)}</span>",
                card,
            )
            name.setWordWrap(True)
            box.addWidget(name)
            for ind in per_team:
                key = f"{ind.id}.{team.id}"
                self.meters[key] = Meter(ind.name, ind, card)
                box.addWidget(self.meters[key])
            layout.addWidget(card)
        for ind in pairs:
            layout.addWidget(_heading(f"{ind.name} (row in column)", body))
            matrix = PairMatrix(ind, scenario, body)
            self.matrices.append(matrix)
            layout.addWidget(matrix)
        layout.addStretch(1)
        self.show_values(state.indicators)

    def show_values(self, values: dict[str, float]) -> None:
        for key, meter in self.meters.items():
            meter.set_value(values.get(key, meter.indicator.initial))
        for matrix in self.matrices:
            matrix.set_values(values)

    def apply(self, update: Update, state: SessionState) -> None:
        if update.changes.indicators:
            self.show_values(state.indicators)


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text.upper(), parent)
    label.setProperty("role", "muted")
    theme.scale_font(label, 0.85, bold=True)
    return label
