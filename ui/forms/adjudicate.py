"""Adjudicate a move: outcome, method and reason; the effects previewed (by the engine)
before they apply.

By dice or by the move type's outcome table, Roll asks the engine to roll: every roll is
an event of the log (a re-roll too), and the ruling names the one it used (the latest)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtGui import QFontMetrics, QKeySequence, QShortcut
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
from engine.domain.state import Move, Roll, record_label
from engine.domain.words import Words
from engine.scenario.model import Effect, OutcomeRow, Scenario
from ui import theme
from ui.forms.base import EntryForm, Submit, record_combo, select_data
from ui.i18n import QT_TRANSLATE_NOOP, translate
from ui.plain_text import plain_label

Preview = Callable[[str, Outcome], Sequence[Effect]]  # (move id, outcome) -> effects
Rolls = Callable[[str], Sequence[Roll]]  # move id -> the rolls logged for it, oldest first
DIE = "\N{GAME DIE}"


def die_glyph(widget: QWidget) -> str:
    """The die glyph and a space where the widget's font draws it; else nothing (no box)."""
    return DIE + " " if QFontMetrics(widget.font()).inFontUcs4(ord(DIE)) else ""


OUTCOMES = ("success", "partial", "failure")
METHODS = (
    ("judgement", QT_TRANSLATE_NOOP("AdjudicateForm", "Control's judgement")),
    ("dice", QT_TRANSLATE_NOOP("AdjudicateForm", "Dice")),
    ("table", QT_TRANSLATE_NOOP("AdjudicateForm", "Outcome table")),
)


def effects_text(scenario: Scenario, effects: Sequence[Effect]) -> str:
    """The effects as the log words them: "Trust (USA in DPRK) -4", never the key."""
    if not effects:
        return translate("ui.forms.adjudicate", "No change to any indicator.")
    words = Words(scenario)
    return " · ".join(f"{words.indicator(e.key)} {e.delta:+g}" for e in effects)


def move_label(scenario: Scenario, m: Move) -> str:
    """ "Move 3: North Korea, Missile test: A launch…" (the number said aloud, not the id)."""
    kind = scenario.move_type(m.move_type)
    team = scenario.team(m.team)
    text = m.text if len(m.text) <= 48 else m.text[:47] + "…"
    who = team.name if team else m.team
    return f"{record_label(m.id, m.number)}: {who}, {kind.name if kind else m.move_type}: {text}"


class AdjudicateForm(EntryForm):
    title = QT_TRANSLATE_NOOP("EntryForm", "Adjudicate a move")
    ok_text = QT_TRANSLATE_NOOP("EntryForm", "Rule")

    def __init__(
        self,
        scenario: Scenario,
        submit: Submit,
        *,
        moves: list[Move],
        preview: Preview,
        roll: Submit | None = None,
        rolls: Rolls | None = None,
        selected: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(scenario, submit, parent)
        self._preview = preview
        self._roll = roll  # the roll_dice operation: None rolls here (a form on its own)
        self._rolls = rolls
        self.seed: int | None = None
        self.roll: int | None = None
        self.rolled: int | None = None  # the seq of the logged roll the ruling uses
        self._types = {m.id: m.move_type for m in moves}
        self.move_box = record_combo(self)
        for m in moves:
            self.move_box.addItem(move_label(scenario, m), m.id)
        if selected:
            select_data(self.move_box, selected)
        self.add_row(translate("AdjudicateForm", "&Move"), self.move_box, "adjudicateMove")
        self.method = QComboBox(self)
        for value, label in METHODS:
            self.method.addItem(translate("AdjudicateForm", label), value)
        self.add_row(translate("AdjudicateForm", "M&ethod"), self.method, "adjudicateMethod")

        self.dice_row = QWidget(self)
        dice_layout = QHBoxLayout(self.dice_row)
        dice_layout.setContentsMargins(0, 0, 0, 0)
        self.sides = QSpinBox(self.dice_row)
        self.sides.setRange(2, dice.MAX_SIDES)
        self.sides.setValue(6)
        self.sides.setPrefix(translate("AdjudicateForm", "d"))
        self.sides.setAccessibleName(translate("AdjudicateForm", "Sides of the die"))
        self.needed = QSpinBox(self.dice_row)
        self.needed.setRange(1, dice.MAX_SIDES)
        self.needed.setValue(dice.default_needed(6))
        self.needed.setPrefix(translate("AdjudicateForm", "needs "))
        self.needed.setAccessibleName(translate("AdjudicateForm", "Roll needed to succeed"))
        self.roll_button = QPushButton(
            translate("AdjudicateForm", "&Roll  (Ctrl+R)"), self.dice_row
        )
        self.roll_button.setObjectName("rollDice")
        self.roll_button.clicked.connect(self.roll_die)
        self.roll_label = QLabel(translate("AdjudicateForm", "not rolled yet"), self.dice_row)
        self.roll_label.setObjectName("rollResult")
        theme.scale_font(self.roll_label, 1.4, bold=True)
        for w in (self.sides, self.needed, self.roll_button):
            dice_layout.addWidget(w)
        dice_layout.addWidget(self.roll_label, 1)
        self.dice_row.setFocusProxy(self.sides)
        self.add_row(translate("AdjudicateForm", "Dice"), self.dice_row, "adjudicateDice")
        self.table_label = plain_label(QLabel("", self))
        self.table_label.setObjectName("outcomeTable")
        self.table_label.setWordWrap(True)
        self.add_row(translate("AdjudicateForm", "Table"), self.table_label, "adjudicateTable")
        self.roll_detail = plain_label(QLabel("", self))
        self.roll_detail.setObjectName("rollDetail")
        self.roll_detail.setWordWrap(True)
        self.add_row(translate("AdjudicateForm", "Roll"), self.roll_detail, "adjudicateRoll")
        QShortcut(QKeySequence("Ctrl+R"), self, self.roll_die)

        self._outcome_overridden = False
        self.outcome = QComboBox(self)
        for value in OUTCOMES:
            self.outcome.addItem(value, value)
        self.add_row(translate("AdjudicateForm", "&Outcome"), self.outcome, "adjudicateOutcome")
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(
            translate("AdjudicateForm", "Why (Control's record; never shown to the room)")
        )
        self.add_row(translate("AdjudicateForm", "Re&ason"), self.reason, "adjudicateReason")
        self.preview_label = plain_label(QLabel("", self))
        self.preview_label.setObjectName("effectsPreview")
        self.preview_label.setWordWrap(True)
        self.preview_label.setStyleSheet(
            f"background: #eef3f8; border-radius: 4px; padding: 6px; color: {theme.INK}"
        )
        self.add_row(
            translate("AdjudicateForm", "Effects"), self.preview_label, "adjudicateEffects"
        )
        self.apply_effects = QCheckBox(translate("AdjudicateForm", "A&pply these effects"), self)
        self.apply_effects.setChecked(True)
        self.add_row("", self.apply_effects, "adjudicateApply")
        self._effects: tuple[Effect, ...] = ()

        self.method.currentIndexChanged.connect(self._method_changed)
        self.sides.valueChanged.connect(self._sides_changed)
        self.move_box.currentIndexChanged.connect(self.refresh_preview)
        self.move_box.currentIndexChanged.connect(self._method_changed)
        self.outcome.currentIndexChanged.connect(self.refresh_preview)
        self.outcome.currentIndexChanged.connect(self._outcome_changed)
        self._rolling = False
        self._method_changed()
        self.form.setRowVisible(self.roll_detail, False)
        self.refresh_preview()
        self.move_box.setFocus()

    # ------------------------------------------------------------------ dice
    def _table(self) -> tuple[OutcomeRow, ...]:
        """The outcome table of the selected move's type (empty without one)."""
        move = self.move_box.currentData()
        kind = self.scenario.move_type(self._types.get(move, "")) if move else None
        return kind.outcome_table if kind is not None else ()

    def _method_changed(self) -> None:
        method = self.method.currentData()
        is_dice = method == "dice"
        for widget in (self.sides, self.needed):
            widget.setEnabled(is_dice)
        table = self._table()
        self.needed.setVisible(method != "table")
        self.roll_button.setEnabled(method != "table" or bool(table))  # judgement: to dice
        if method == "table" and table:
            self.sides.setValue(table[-1].max)
        rows = "  ·  ".join(f"{r.rolls}: {r.outcome}" for r in table)
        self.table_label.setText(
            rows
            if table
            else translate("AdjudicateForm", "This move type has no outcome table in the scenario.")
        )
        self.form.setRowVisible(self.table_label, method == "table")
        self.fit_rows()
        self._forget_roll()
        self.outcome.setEnabled(method == "judgement" or self.roll is not None)

    def _sides_changed(self, sides: int) -> None:
        self.needed.setValue(dice.default_needed(sides))
        self._forget_roll()

    def _forget_roll(self) -> None:
        """A roll counts for the die, the move and the method it was rolled for."""
        if self.roll is None:
            return
        self.seed = self.roll = self.rolled = None
        self.roll_label.setText(translate("AdjudicateForm", "not rolled yet"))
        self.roll_label.setStyleSheet("")
        self.roll_detail.setText("")
        self.form.setRowVisible(self.roll_detail, False)

    def roll_die(self) -> None:
        """Roll (dice, or the outcome table when that is the method): the engine logs the
        roll, so a re-roll leaves its trace; the ruling uses the latest."""
        if self.method.currentData() != "table" or not self._table():
            select_data(self.method, "dice")
        table = self.method.currentData() == "table"
        move = self.move_box.currentData()
        if not move:
            return
        if self._roll is not None and self._rolls is not None:
            values = {"move": move, "sides": self.sides.value(), "table": table}
            values["needed"] = None if table else self.needed.value()
            error = self._roll(values)
            if error:
                self.show_error(error)
                return
            logged = self._rolls(move)[-1]
            self.seed, self.roll, self.rolled = logged.seed, logged.roll, logged.seq
            count = len(self._rolls(move))
        else:
            self.seed = dice.new_seed()
            self.roll = dice.roll(self.seed, self.sides.value())
            count = 0
        row = next((r for r in self._table() if r.min <= self.roll <= r.max), None)
        outcome = (row.outcome if row else "failure") if table else None
        if outcome is None:
            outcome = "success" if self.roll >= self.needed.value() else "failure"
            said = f"{'reaches' if outcome == 'success' else 'misses'} {self.needed.value()}"
        else:
            said = translate("AdjudicateForm", "{0} by the table").format(outcome) + (
                f": {row.text}" if row and row.text else ""
            )
        which = f"Roll {count}: " if count > 1 else ""
        self.roll_label.setText(f"{die_glyph(self.roll_label)}{which}{self.roll}")
        color = theme.OUTCOME_COLORS.get(outcome, theme.INK)
        self.roll_label.setStyleSheet(f"color: {color}")
        earlier = (
            translate("AdjudicateForm", " ({0} earlier roll{1} in the log)").format(
                count - 1, "s" if count > 2 else ""
            )
            if count > 1
            else ""
        )
        self.roll_detail.setText(
            translate("AdjudicateForm", "{0} on a d{1}: {2}{3}").format(
                self.roll, self.sides.value(), said, earlier
            )
        )
        self.form.setRowVisible(self.roll_detail, True)
        self._rolling = True
        select_data(self.outcome, outcome)  # the engine's rule
        self._rolling = False
        self._outcome_overridden = False
        self.outcome.setEnabled(True)
        self.fit_rows()

    def _outcome_changed(self) -> None:
        if not self._rolling and self.roll is not None:
            self._outcome_overridden = True  # Control overrules the die: recorded as given

    # ------------------------------------------------------------------ preview
    def refresh_preview(self) -> None:
        move, outcome = self.move_box.currentData(), self.outcome.currentData()
        if not move:
            self.preview_label.setText(
                translate("AdjudicateForm", "There is no move waiting for a ruling.")
            )
            self._effects = ()
            return
        try:
            self._effects = tuple(self._preview(move, outcome))
        except Exception as error:  # a DomainError from the engine: show it, keep the form
            self._effects = ()
            self.preview_label.setText(str(error))
            return
        self.preview_label.setText(effects_text(self.scenario, self._effects))
        if self.isVisible():
            self.fit_rows()  # a longer list of effects wraps onto more lines

    def problem(self) -> str | None:
        if not self.move_box.currentData():
            return translate("AdjudicateForm", "There is no move waiting for a ruling.")
        method = self.method.currentData()
        if method == "table" and not self._table():
            return translate(
                "AdjudicateForm",
                "This move type has no outcome table: rule by judgement or by dice.",
            )
        if method in ("dice", "table") and self.roll is None:
            return translate("AdjudicateForm", "Roll the die first (Ctrl+R).")
        if method == "judgement" and not self.reason.text().strip():
            return translate(
                "AdjudicateForm", "Give the reason for the ruling (it stays with Control)."
            )
        return None

    def values(self) -> dict[str, Any]:
        """With dice the engine rolls again from the same seed and decides the outcome; with
        the effects box checked the engine applies the effects it previewed."""
        is_dice = self.method.currentData() in ("dice", "table")
        values: dict[str, Any] = {
            "move": self.move_box.currentData(),
            "outcome": self.outcome.currentData(),
            "method": self.method.currentData(),
            "reason": self.reason.text().strip(),
            "effects": None if self.apply_effects.isChecked() else (),
        }
        if is_dice and self.rolled is not None:
            values["rolled"] = self.rolled  # the engine reads seed, die and roll from it
            if not self._outcome_overridden:
                values["outcome"] = None
        elif is_dice:
            values.update(seed=self.seed, sides=self.sides.value(), needed=self.needed.value())
            if not self._outcome_overridden:
                values["outcome"] = None
        return values
