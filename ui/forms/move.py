"""Record a move: team, type, tone, visibility, text (and the teams it is aimed at)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QSpinBox, QWidget

from engine.scenario.model import Scenario
from ui.forms.base import ID_ROLE, CheckList, EntryForm, Submit, VisibilityPicker, select_data
from ui.i18n import QT_TRANSLATE_NOOP, translate
from ui.plain_text import as_rich_text

TONES = {
    -3: QT_TRANSLATE_NOOP("MoveForm", "hostile"),
    -2: QT_TRANSLATE_NOOP("MoveForm", "harsh"),
    -1: QT_TRANSLATE_NOOP("MoveForm", "cool"),
    0: QT_TRANSLATE_NOOP("MoveForm", "neutral"),
    1: QT_TRANSLATE_NOOP("MoveForm", "warm"),
    2: QT_TRANSLATE_NOOP("MoveForm", "friendly"),
    3: QT_TRANSLATE_NOOP("MoveForm", "conciliatory"),
}


class MoveForm(EntryForm):
    title = QT_TRANSLATE_NOOP("EntryForm", "Record a move")

    def __init__(
        self,
        scenario: Scenario,
        submit: Submit,
        *,
        seated: tuple[str, ...] = (),
        team: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(scenario, submit, parent)
        # During a round only its seated teams may act, so only they are offered.
        offered = seated or scenario.team_ids
        self.team = self.add_row(
            translate("MoveForm", "&Team"), self.team_combo(offered), "moveTeam"
        )
        if team and team in offered:
            select_data(self.team, team)
        self.move_type = self.add_row(
            translate("MoveForm", "T&ype"), self._type_combo(), "moveType"
        )
        self.tone = QSpinBox(self)
        self.tone.setRange(-3, 3)
        self.tone.valueChanged.connect(self._show_tone)
        self.add_row(translate("MoveForm", "T&one (-3 to +3)"), self.tone, "moveTone")
        self._show_tone(0)
        self.text = self.add_row(
            translate("MoveForm", "Te&xt"),
            self.text_edit(translate("MoveForm", "What the team says or does")),
            "moveText",
        )
        self.targets = CheckList(self, rows=3)
        for t in scenario.teams:
            self.targets.add(t.name, t.id)
        self.add_row(translate("MoveForm", "&Aimed at"), self.targets, "moveTargets")
        self.team.currentIndexChanged.connect(self._aim_at_others)
        self._aim_at_others()
        self.visibility = VisibilityPicker(scenario, self)
        self.add_row(translate("MoveForm", "&Visibility"), self.visibility, "moveVisibility")
        self.team.setFocus()

    def _aim_at_others(self) -> None:
        """A move is aimed at other teams: the mover is not offered (nor kept checked)."""
        mover = self.team.currentData()
        for i in range(self.targets.count()):
            item = self.targets.item(i)
            own = item.data(ID_ROLE) == mover
            item.setHidden(own)
            if own:
                item.setCheckState(Qt.CheckState.Unchecked)

    def _type_combo(self) -> QComboBox:
        combo = QComboBox(self)
        for move_type in self.scenario.move_types:
            combo.addItem(move_type.name, move_type.id)
            if move_type.description:
                combo.setItemData(
                    combo.count() - 1,
                    as_rich_text(move_type.description),
                    Qt.ItemDataRole.ToolTipRole,
                )
        return combo

    def _show_tone(self, value: int) -> None:
        self.tone.setSuffix(f"   {translate('MoveForm', TONES[value]) if value in TONES else ''}")
        self.tone.setPrefix("+" if value > 0 else "")

    def problem(self) -> str | None:
        if not self.text.toPlainText().strip():
            return translate("MoveForm", "Write what the team says or does.")
        if self.move_type.currentData() is None:
            return translate("MoveForm", "This scenario defines no move types.")
        return self.visibility.problem()

    def values(self) -> dict[str, Any]:
        return {
            "team": self.team.currentData(),
            "move_type": self.move_type.currentData(),
            "tone": self.tone.value(),
            "text": self.text.toPlainText().strip(),
            "visibility": self.visibility.value(),
            "targets": self.targets.checked(),
        }
