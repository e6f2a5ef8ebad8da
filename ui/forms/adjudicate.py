"""Adjudicate a move: outcome, method and reason; dice rolled by the engine's dice with the
roll shown; the effects previewed (by the engine) before they apply."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from engine.domain import dice
from engine.domain.events import Outcome
from engine.domain.state import Move
from engine.scenario.model import Effect, Scenario
from ui import theme
from ui.forms.base import EntryForm, Submit, select_data
from ui.plain_text import plain_label

Preview = Callable[[str, Outcome], Sequence[Effect]]  # (move id, outcome) -> effects
OUTCOMES = ("success", "partial", "failure")
METHODS = (("judgement", "Control's judgement"), ("dice", "Dice"), ("table", "Outcome table"))


def effects_text(scenario: Scenario, effects: Sequence[Effect]) -> str:
    if not effects:
        return "No change to any indicator."
    keys = scenario.indicator_keys()
    parts = []
    for effect in effects:
        indicator = keys.get(effect.key)
        name = indicator.name if indicator else effect.key
        rest = effect.key.split(".")[1:]
        who = f" ({' in '.join(rest)})" if rest else ""
        parts.append(f"{name}{who} {effect.delta:+g}")
    return " · ".join(parts)


def move_label(scenario: Scenario, m: Move) -> str:
    kind = scenario.move_type(m.move_type)
    text = m.text if len(m.text) <= 48 else m.text[:47] + "…"
    return f"{m.id}: {m.team}, {kind.name if kind else m.move_type}: {text}"


class AdjudicateForm(EntryForm):
    title = "Adjudicate a move"
    ok_text = "Rule"

    def __init__(
        self,
        scenario: Scenario,
        submit: Submit,
        *,
        moves: list[Move],
        preview: Preview,
        selected: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(scenario, submit, parent)
        self._preview = preview
        self.seed: int | None = None
        self.roll: int | None = None
        self.move_box = QComboBox(self)
        for m in moves:
            self.move_box.addItem(move_label(scenario, m), m.id)
        if selected:
            select_data(self.move_box, selected)
        self.add_row("&Move", self.move_box, "adjudicateMove")
        self.method = QComboBox(self)
        for value, label in METHODS:
            self.method.addItem(label, value)
        self.add_row("M&ethod", self.method, "adjudicateMethod")

        self.dice_row = QWidget(self)
        dice_layout = QHBoxLayout(self.dice_row)
        dice_layout.setContentsMargins(0, 0, 0, 0)
        self.sides = QSpinBox(self.dice_row)
        self.sides.setRange(2, dice.MAX_SIDES)
        self.sides.setValue(6)
        self.sides.setPrefix("d")
        self.sides.setAccessibleName("Sides of the die")
        self.needed = QSpinBox(self.dice_row)
        self.needed.setRange(1, dice.MAX_SIDES)
        self.needed.setValue(dice.default_needed(6))
        self.needed.setPrefix("needs ")
        self.needed.setAccessibleName("Roll needed to succeed")
        self.roll_button = QPushButton("&Roll  (Ctrl+R)", self.dice_row)
        self.roll_button.setObjectName("rollDice")
        self.roll_button.clicked.connect(self.roll_die)
        self.roll_label = QLabel("not rolled yet", self.dice_row)
        self.roll_label.setObjectName("rollResult")
        theme.scale_font(self.roll_label, 1.4, bold=True)
        for w in (self.sides, self.needed, self.roll_button):
            dice_layout.addWidget(w)
        dice_layout.addWidget(self.roll_label, 1)
        self.dice_row.setFocusProxy(self.sides)
        self.add_row("Dice", self.dice_row, "adjudicateDice")
        QShortcut(QKeySequence("Ctrl+R"), self, self.roll_die)

        self._outcome_overridden = False
        self.outcome = QComboBox(self)
        for value in OUTCOMES:
            self.outcome.addItem(value, value)
        self.add_row("&Outcome", self.outcome, "adjudicateOutcome")
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText("Why (Control's record; never shown to the room)")
        self.add_row("Re&ason", self.reason, "adjudicateReason")
        self.preview_label = plain_label(QLabel("", self))
        self.preview_label.setObjectName("effectsPreview")
        self.preview_label.setWordWrap(True)
        self.preview_label.setStyleSheet(
            f"background: #eef3f8; border-radius: 4px; padding: 6px; color: {theme.INK}"
        )
        self.add_row("Effects", self.preview_label, "adjudicateEffects")
        self.apply_effects = QCheckBox("A&pply these effects", self)
        self.apply_effects.setChecked(True)
        self.add_row("", self.apply_effects, "adjudicateApply")
        self._effects: tuple[Effect, ...] = ()

        self.method.currentIndexChanged.connect(self._method_changed)
        self.sides.valueChanged.connect(self._sides_changed)
        self.move_box.currentIndexChanged.connect(self.refresh_preview)
        self.outcome.currentIndexChanged.connect(self.refresh_preview)
        self.outcome.currentIndexChanged.connect(self._outcome_changed)
        self._rolling = False
        self._method_changed()
        self.refresh_preview()
        self.move_box.setFocus()

    # ------------------------------------------------------------------ dice
    def _method_changed(self) -> None:
        is_dice = self.method.currentData() == "dice"
        for widget in (self.sides, self.needed):
            widget.setEnabled(is_dice)
        self.outcome.setEnabled(not is_dice or self.roll is not None)

    def _sides_changed(self, sides: int) -> None:
        self.needed.setValue(dice.default_needed(sides))
        self.seed = self.roll = None
        self.roll_label.setText("not rolled yet")

    def roll_die(self) -> None:
        """Roll with a fresh seed; the seed goes to the engine so the ruling is repeatable."""
        select_data(self.method, "dice")
        self.seed = dice.new_seed()
        self.roll = dice.roll(self.seed, self.sides.value())
        success = self.roll >= self.needed.value()
        self.roll_label.setText(
            f"🎲 {self.roll}  ({'reaches' if success else 'misses'} {self.needed.value()})"
        )
        self.roll_label.setStyleSheet(
            f"color: {theme.OUTCOME_COLORS['success' if success else 'failure']}"
        )
        self._rolling = True
        select_data(self.outcome, "success" if success else "failure")  # the engine's rule
        self._rolling = False
        self._outcome_overridden = False
        self._method_changed()

    def _outcome_changed(self) -> None:
        if not self._rolling and self.roll is not None:
            self._outcome_overridden = True  # Control overrules the die: recorded as given

    # ------------------------------------------------------------------ preview
    def refresh_preview(self) -> None:
        move, outcome = self.move_box.currentData(), self.outcome.currentData()
        if not move:
            self.preview_label.setText("There is no move waiting for a ruling.")
            self._effects = ()
            return
        try:
            self._effects = tuple(self._preview(move, outcome))
        except Exception as error:  # a DomainError from the engine: show it, keep the form
            self._effects = ()
            self.preview_label.setText(str(error))
            return
        self.preview_label.setText(effects_text(self.scenario, self._effects))

    def problem(self) -> str | None:
        if not self.move_box.currentData():
            return "There is no move waiting for a ruling."
        if self.method.currentData() == "dice" and self.roll is None:
            return "Roll the die first (Ctrl+R)."
        if self.method.currentData() != "dice" and not self.reason.text().strip():
            return "Give the reason for the ruling (it stays with Control)."
        return None

    def values(self) -> dict[str, Any]:
        """With dice the engine rolls again from the same seed and decides the outcome; with
        the effects box checked the engine applies the effects it previewed."""
        is_dice = self.method.currentData() == "dice"
        values: dict[str, Any] = {
            "move": self.move_box.currentData(),
            "outcome": self.outcome.currentData(),
            "method": self.method.currentData(),
            "reason": self.reason.text().strip(),
            "effects": None if self.apply_effects.isChecked() else (),
        }
        if is_dice:
            values.update(seed=self.seed, sides=self.sides.value(), needed=self.needed.value())
            if not self._outcome_overridden:
                values["outcome"] = None
        return values
