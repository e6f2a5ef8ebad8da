"""Propose a commitment (conditions picked from existing ones), and move it through its
lifecycle: add a condition, agree, fulfil, break, withdraw, verify; sign an agreement."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QWidget

from engine.domain.state import Commitment, record_label
from engine.scenario.model import Scenario
from ui.forms.base import (
    CheckList,
    Confirm,
    EntryForm,
    Submit,
    VisibilityPicker,
    ask,
    select_data,
)


def commitment_label(scenario: Scenario, c: Commitment) -> str:
    """ "Commitment 3: United States → North Korea, Sanctions relief [agreed]"."""
    issue = scenario.issue(c.issue)
    giver, receiver = (
        found.name if (found := scenario.team(t)) else t for t in (c.giver, c.receiver)
    )
    what = issue.name if issue else c.issue
    return f"{record_label(c.id, c.number)}: {giver} → {receiver}, {what} [{c.status}]"


class CommitmentForm(EntryForm):
    title = "Propose a commitment"
    ok_text = "Propose"

    def __init__(
        self,
        scenario: Scenario,
        submit: Submit,
        *,
        existing: list[Commitment],
        seated: tuple[str, ...] = (),
        current_round: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(scenario, submit, parent)
        order = [*seated, *(t for t in scenario.team_ids if t not in seated)]
        self.giver = self.add_row("&Giver", self.team_combo(order), "commitmentGiver")
        self.receiver = self.add_row("&Receiver", self.team_combo(order), "commitmentReceiver")
        if len(order) > 1:
            self.receiver.setCurrentIndex(1)
        self.issue = QComboBox(self)
        for issue in scenario.issues:
            kind = "tangible" if issue.tangible else "intangible"
            self.issue.addItem(f"{issue.name} ({kind})", issue.id)
        self.add_row("&Issue", self.issue, "commitmentIssue")
        self.text = self.add_row(
            "&What", self.text_edit("What the giver will do"), "commitmentText"
        )
        self.conditions = CheckList(self, rows=4)
        for c in existing:
            self.conditions.add(commitment_label(scenario, c), c.id, tooltip=c.text)
        self.add_row("&On condition of", self.conditions, "commitmentConditions")
        self.due_round = QComboBox(self)
        self.due_round.addItem("No deadline", None)
        for r in scenario.rounds:
            if r.number >= current_round:
                self.due_round.addItem(f"Round {r.number}: {r.title}", r.number)
        self.add_row("&Due by", self.due_round, "commitmentDue")
        self.verification = QCheckBox("With &verification", self)
        self.add_row("", self.verification, "commitmentVerification")
        self.visibility = VisibilityPicker(scenario, self)
        self.add_row("Vi&sibility", self.visibility, "commitmentVisibility")
        self.giver.setFocus()

    def problem(self) -> str | None:
        if self.giver.currentData() == self.receiver.currentData():
            return "A team cannot promise something to itself: choose another receiver."
        if self.issue.currentData() is None:
            return "This scenario defines no issues."
        if not self.text.toPlainText().strip():
            return "Write what the giver promises to do."
        return self.visibility.problem()

    def values(self) -> dict[str, Any]:
        return {
            "giver": self.giver.currentData(),
            "receiver": self.receiver.currentData(),
            "issue": self.issue.currentData(),
            "text": self.text.toPlainText().strip(),
            "conditions": self.conditions.checked(),
            "due_round": self.due_round.currentData(),
            "verification": self.verification.isChecked(),
            "visibility": self.visibility.value(),
        }


ACTIONS = (
    ("agree", "Agreed by both sides"),
    ("fulfil", "Fulfilled"),
    ("break", "Broken"),
    ("withdraw", "Withdrawn"),
    ("verified", "Verification confirmed it"),
    ("unverified", "Verification failed"),
)
NEXT_ACTION = {"proposed": "agree", "agreed": "fulfil"}
FINAL = {"fulfil": "fulfilled", "break": "broken", "withdraw": "withdrawn"}  # no later status


def unmet_conditions(
    commitment: Commitment, everything: Mapping[str, Commitment]
) -> list[Commitment]:
    """The commitments ``commitment`` waits on that are not fulfilled yet."""
    found = (everything.get(key) for key in commitment.conditions)
    return [c for c in found if c is not None and c.status != "fulfilled"]


class CommitmentStatusForm(EntryForm):
    title = "Update a commitment"
    ok_text = "Update"

    def __init__(
        self,
        scenario: Scenario,
        submit: Submit,
        *,
        commitments: list[Commitment],
        selected: str | None = None,
        everything: Mapping[str, Commitment] | None = None,
        confirm: Confirm = ask,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(scenario, submit, parent)
        self._by_id = {c.id: c for c in commitments}
        self._everything = everything if everything is not None else self._by_id
        self._confirm = confirm
        self.commitment = QComboBox(self)
        for c in commitments:
            self.commitment.addItem(commitment_label(scenario, c), c.id)
        # The selected commitment, or none: never silently the first of the list, where a
        # quick Ctrl+Enter would change the wrong one.
        self.commitment.setPlaceholderText("Choose a commitment…")
        self.commitment.setCurrentIndex(-1)
        if selected:
            select_data(self.commitment, selected)
        self.add_row("&Commitment", self.commitment, "commitmentChoice")
        self.action = QComboBox(self)
        for value, label in ACTIONS:
            self.action.addItem(label, value)
        self.add_row("&Now", self.action, "commitmentAction")
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText("Optional")
        self.add_row("&Reason", self.reason, "commitmentReason")
        self.commitment.currentIndexChanged.connect(self._suggest)
        self._suggest()
        self.action.setFocus()

    def _suggest(self) -> None:
        current = self._by_id.get(self.commitment.currentData())
        if current is not None:
            select_data(self.action, NEXT_ACTION.get(current.status, "fulfil"))

    def problem(self) -> str | None:
        if not self._by_id:
            return "There is no commitment to update."
        return None if self.commitment.currentData() else "Choose the commitment to update."

    def accept(self) -> None:
        """A status no later one can change, or a fulfilment before its conditions, is
        confirmed first (Undo can still take it back)."""
        current = self._by_id.get(self.commitment.currentData())
        action = self.action.currentData()
        if current is not None and action in FINAL:
            label = commitment_label(self.scenario, current)
            question = f"Mark {label} as {FINAL[action]}? No later status can change that."
            waiting = unmet_conditions(current, self._everything) if action == "fulfil" else []
            if waiting:
                names = "; ".join(commitment_label(self.scenario, c) for c in waiting)
                question += f"\n\nIt waits on commitments not fulfilled yet: {names}."
            if not self._confirm(self, f"{FINAL[action].capitalize()}?", question):
                return
        super().accept()

    def values(self) -> dict[str, Any]:
        action = self.action.currentData()
        values: dict[str, Any] = {
            "commitment": self.commitment.currentData(),
            "reason": self.reason.text().strip(),
        }
        if action in ("verified", "unverified"):
            values["verified"] = action == "verified"
        else:
            values["action"] = action
        return values


class ConditionForm(EntryForm):
    """Make a proposed commitment wait on another one: the way to a simultaneous-action
    bundle, or (when two wait on each other and neither moves) a deadlock the graph shows."""

    title = "Add a condition"
    ok_text = "Add"

    def __init__(
        self,
        scenario: Scenario,
        submit: Submit,
        *,
        commitments: list[Commitment],
        selected: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(scenario, submit, parent)
        self._all = commitments
        self._by_id = {c.id: c for c in commitments}
        self.commitment = QComboBox(self)
        for c in commitments:
            if c.status == "proposed":  # the engine takes conditions only before agreement
                self.commitment.addItem(commitment_label(scenario, c), c.id)
        if selected:
            select_data(self.commitment, selected)
        self.add_row("&Commitment", self.commitment, "conditionCommitment")
        self.condition = QComboBox(self)
        self.add_row("&Waits on", self.condition, "conditionOn")
        self.hint = QLabel(
            "Two commitments that wait on each other are carried out together, or not at "
            "all: the commitment graph marks such a cycle as a deadlock while neither moves.",
            self,
        )
        self.hint.setWordWrap(True)
        self.hint.setProperty("role", "muted")
        self.add_row("", self.hint, "conditionHint")
        self.commitment.currentIndexChanged.connect(self._offer_conditions)
        self._offer_conditions()
        self.commitment.setFocus()

    def _offer_conditions(self) -> None:
        """Every other commitment it does not wait on yet; the one waiting on it first."""
        current = self._by_id.get(self.commitment.currentData())
        self.condition.clear()
        if current is None:
            return
        others = [c for c in self._all if c.id != current.id and c.id not in current.conditions]
        others.sort(key=lambda c: current.id not in c.conditions)  # stable: the rest in order
        for c in others:
            self.condition.addItem(commitment_label(self.scenario, c), c.id)

    def problem(self) -> str | None:
        if not self.commitment.currentData():
            return "Only a proposed commitment can take a condition: propose one first."
        if not self.condition.currentData():
            return "There is no other commitment for it to wait on."
        return None

    def values(self) -> dict[str, Any]:
        return {
            "commitment": self.commitment.currentData(),
            "condition": self.condition.currentData(),
        }


class AgreementForm(EntryForm):
    title = "Sign an agreement"
    ok_text = "Sign"

    def __init__(
        self,
        scenario: Scenario,
        submit: Submit,
        *,
        commitments: list[Commitment],
        selected: tuple[str, ...] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(scenario, submit, parent)
        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText("e.g. Yongbyon for partial relief")
        self.add_row("&Title", self.title_edit, "agreementTitle")
        self.commitments = CheckList(self, rows=6)
        for c in commitments:
            self.commitments.add(
                commitment_label(scenario, c), c.id, checked=c.id in selected, tooltip=c.text
            )
        self.add_row("&Commitments", self.commitments, "agreementCommitments")
        self.visibility = VisibilityPicker(scenario, self)
        self.add_row("&Visibility", self.visibility, "agreementVisibility")
        self.title_edit.setFocus()

    def problem(self) -> str | None:
        if not self.title_edit.text().strip():
            return "Give the agreement a title."
        if not self.commitments.checked():
            return "Check the commitments the agreement signs."
        return self.visibility.problem()

    def values(self) -> dict[str, Any]:
        return {
            "title": self.title_edit.text().strip(),
            "commitments": self.commitments.checked(),
            "visibility": self.visibility.value(),
        }
