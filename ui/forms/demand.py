"""Table a demand, and change a demand's status."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from engine.domain.state import Demand
from engine.scenario.model import Scenario
from ui.forms.base import EntryForm, Submit, VisibilityPicker, record_combo, select_data
from ui.i18n import QT_TRANSLATE_NOOP, translate

PRIORITIES = ((1, "High"), (2, "Medium"), (3, "Low"))
STATUSES = ("met", "refused", "dropped", "open")


class DemandForm(EntryForm):
    title = QT_TRANSLATE_NOOP("EntryForm", "Table a demand")
    ok_text = QT_TRANSLATE_NOOP("EntryForm", "Table")

    def __init__(
        self,
        scenario: Scenario,
        submit: Submit,
        *,
        seated: tuple[str, ...] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(scenario, submit, parent)
        # A seated team tables it (to anyone: the seated first), as the engine requires.
        order = [*seated, *(t for t in scenario.team_ids if t not in seated)]
        askers = list(seated) or order
        self.from_team = self.add_row(
            translate("DemandForm", "&From"), self.team_combo(askers), "demandFrom"
        )
        self.to_team = self.add_row(
            translate("DemandForm", "&To"), self.team_combo(order), "demandTo"
        )
        if len(order) > 1:
            self.to_team.setCurrentIndex(1)
        self.issue = QComboBox(self)
        for issue in scenario.issues:
            kind = "tangible" if issue.tangible else "intangible"
            self.issue.addItem(f"{issue.name} ({kind})", issue.id)
        self.add_row(translate("DemandForm", "&Issue"), self.issue, "demandIssue")
        self.priority = QComboBox(self)
        for value, label in PRIORITIES:
            self.priority.addItem(label, value)
        self.add_row(translate("DemandForm", "&Priority"), self.priority, "demandPriority")
        self.text = self.add_row(
            translate("DemandForm", "Te&xt"),
            self.text_edit(translate("DemandForm", "What exactly is asked")),
            "demandText",
        )
        self.visibility = VisibilityPicker(scenario, self)
        self.add_row(translate("DemandForm", "&Visibility"), self.visibility, "demandVisibility")
        self.from_team.setFocus()

    def problem(self) -> str | None:
        if self.from_team.currentData() == self.to_team.currentData():
            return translate(
                "DemandForm", "A team cannot make a demand of itself: choose another team under To."
            )
        if self.issue.currentData() is None:
            return translate("DemandForm", "This scenario defines no issues.")
        if not self.text.toPlainText().strip():
            return translate("DemandForm", "Write what is demanded.")
        return self.visibility.problem()

    def values(self) -> dict[str, Any]:
        return {
            "from_team": self.from_team.currentData(),
            "to_team": self.to_team.currentData(),
            "issue": self.issue.currentData(),
            "priority": self.priority.currentData(),
            "text": self.text.toPlainText().strip(),
            "visibility": self.visibility.value(),
        }


class DemandStatusForm(EntryForm):
    title = QT_TRANSLATE_NOOP("EntryForm", "Change a demand's status")
    ok_text = QT_TRANSLATE_NOOP("EntryForm", "Change")

    def __init__(
        self,
        scenario: Scenario,
        submit: Submit,
        *,
        demands: list[Demand],
        selected: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(scenario, submit, parent)
        self.demand = record_combo(self)
        for d in demands:
            name = scenario.issue(d.issue)
            self.demand.addItem(
                f"{d.id}: {d.from_team} → {d.to_team}, {name.name if name else d.issue} "
                f"[{d.status}]",
                d.id,
            )
        if selected:
            select_data(self.demand, selected)
        self.add_row(translate("DemandStatusForm", "&Demand"), self.demand, "demandChoice")
        self.status = QComboBox(self)
        for status in STATUSES:
            self.status.addItem(status, status)
        self.add_row(translate("DemandStatusForm", "&Status"), self.status, "demandStatus")
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(translate("DemandStatusForm", "Optional"))
        self.add_row(translate("DemandStatusForm", "&Reason"), self.reason, "demandReason")
        self.status.setFocus()

    def problem(self) -> str | None:
        return (
            None
            if self.demand.currentData()
            else translate("DemandStatusForm", "There is no demand to change.")
        )

    def values(self) -> dict[str, Any]:
        return {
            "demand": self.demand.currentData(),
            "status": self.status.currentData(),
            "reason": self.reason.text().strip(),
        }
