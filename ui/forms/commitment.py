"""Propose a commitment (one or more givers and receivers, an offer or an ask, conditions
of every kind), and move it through its lifecycle: add or drop a condition, agree or
refuse, record progress, fulfil, suspend (in response to a breach) and resume, break,
withdraw, verify by a named verifier; sign an agreement with signatories and a shape.

Conditions are offered as values of a check list: a commitment's id (``c5``: fulfilled),
``verification:c5`` (its latest verification confirmed) or ``demand:d3`` (met);
``ui.operations`` turns them into the engine's conditions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QSpinBox, QWidget

from engine.domain.state import Commitment, Demand, record_label
from engine.scenario.model import Scenario
from ui.forms.base import (
    CheckList,
    Confirm,
    EntryForm,
    Submit,
    VisibilityPicker,
    ask,
    record_combo,
    select_data,
)
from ui.i18n import QT_TRANSLATE_NOOP, translate


def commitment_label(scenario: Scenario, c: Commitment) -> str:
    """ "Commitment 3: United States → North Korea, Sanctions relief [agreed]"."""
    issue = scenario.issue(c.issue)
    names = [
        " + ".join(found.name if (found := scenario.team(t)) else t for t in side)
        for side in (c.givers, c.receivers)
    ]
    what = issue.name if issue else c.issue
    progress = f" {c.progress} %" if c.progress and c.status != "fulfilled" else ""
    return f"{record_label(c.id, c.number)}: {names[0]} → {names[1]}, {what} [{c.status}{progress}]"


def demand_label(scenario: Scenario, d: Demand) -> str:
    """ "Demand 2: United States asks North Korea, Denuclearization [open]"."""
    issue = scenario.issue(d.issue)
    asker, asked = (
        found.name if (found := scenario.team(t)) else t for t in (d.from_team, d.to_team)
    )
    what = issue.name if issue else d.issue
    return f"{record_label(d.id, d.number)}: {asker} asks {asked}, {what} [{d.status}]"


def add_condition_choices(
    checklist: CheckList | QComboBox,
    scenario: Scenario,
    commitments: list[Commitment],
    demands: list[Demand],
    skip: str = "",
) -> None:
    """Every condition a commitment may wait on: fulfilments, verifications, demands met."""

    def add(text: str, value: str, tooltip: str) -> None:
        if isinstance(checklist, CheckList):
            checklist.add(text, value, tooltip=tooltip)
        else:
            checklist.addItem(text, value)

    for c in commitments:
        if c.id != skip:
            add(f"{commitment_label(scenario, c)} fulfilled", c.id, c.text)
    for c in commitments:
        if c.id != skip and c.verification:
            label = record_label(c.id, c.number)
            add(f"{label} confirmed by verification", f"verification:{c.id}", c.text)
    for d in demands:
        add(f"{demand_label(scenario, d)} met", f"demand:{d.id}", d.text)


class CommitmentForm(EntryForm):
    title = QT_TRANSLATE_NOOP("EntryForm", "Propose a commitment")
    ok_text = QT_TRANSLATE_NOOP("EntryForm", "Propose")

    def __init__(
        self,
        scenario: Scenario,
        submit: Submit,
        *,
        existing: list[Commitment],
        demands: list[Demand] = (),  # type: ignore[assignment]
        seated: tuple[str, ...] = (),
        current_round: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(scenario, submit, parent)
        order = [*seated, *(t for t in scenario.team_ids if t not in seated)]
        self.giver = self.add_row(
            translate("CommitmentForm", "&Giver"), self.team_combo(order), "commitmentGiver"
        )
        self.more_givers = self._teams(
            translate("CommitmentForm", "Also &giving"), "commitmentMoreGivers"
        )
        self.receiver = self.add_row(
            translate("CommitmentForm", "&Receiver"), self.team_combo(order), "commitmentReceiver"
        )
        self.more_receivers = self._teams(
            translate("CommitmentForm", "Also recei&ving"), "commitmentMoreReceivers"
        )
        if len(order) > 1:
            self.receiver.setCurrentIndex(1)
        self.proposer = QComboBox(self)
        self.proposer.addItem(translate("CommitmentForm", "The giver offers it"), None)
        for team in order:
            found = scenario.team(team)
            self.proposer.addItem(
                translate("CommitmentForm", "{0} asks for it").format(
                    found.name if found else team
                ),
                team,
            )
        self.add_row(translate("CommitmentForm", "Ta&bled by"), self.proposer, "commitmentProposer")
        self.issue = QComboBox(self)
        for issue in scenario.issues:
            kind = "tangible" if issue.tangible else "intangible"
            self.issue.addItem(f"{issue.name} ({kind})", issue.id)
        self.add_row(translate("CommitmentForm", "&Issue"), self.issue, "commitmentIssue")
        self.text = self.add_row(
            translate("CommitmentForm", "&What"),
            self.text_edit(translate("CommitmentForm", "What the giver will do")),
            "commitmentText",
        )
        self.conditions = CheckList(self, rows=4)
        add_condition_choices(self.conditions, scenario, existing, list(demands))
        self.add_row(
            translate("CommitmentForm", "&On condition of"), self.conditions, "commitmentConditions"
        )
        self.due_round = QComboBox(self)
        self.due_round.addItem(translate("CommitmentForm", "No deadline"), None)
        for r in scenario.rounds:
            if r.number >= current_round:
                self.due_round.addItem(
                    translate("CommitmentForm", "Round {0}: {1}").format(r.number, r.title),
                    r.number,
                )
        self.add_row(translate("CommitmentForm", "&Due by"), self.due_round, "commitmentDue")
        self.verification = QCheckBox(translate("CommitmentForm", "With &verification"), self)
        self.add_row("", self.verification, "commitmentVerification")
        self.visibility = VisibilityPicker(scenario, self)
        self.add_row(
            translate("CommitmentForm", "Vi&sibility"), self.visibility, "commitmentVisibility"
        )
        self.giver.setFocus()

    def _teams(self, label: str, name: str) -> CheckList:
        teams = CheckList(self, rows=2)
        for team in self.scenario.teams:
            teams.add(team.name, team.id)
        return self.add_row(label, teams, name)

    def chosen_givers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.giver.currentData(), *self.more_givers.checked())))

    def chosen_receivers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((self.receiver.currentData(), *self.more_receivers.checked())))

    def problem(self) -> str | None:
        if set(self.chosen_givers()) & set(self.chosen_receivers()):
            return translate(
                "CommitmentForm",
                "A team cannot promise something to itself: choose another receiver.",
            )
        asker = self.proposer.currentData()
        if asker is not None and asker in self.chosen_givers():
            return translate(
                "CommitmentForm", "A giver offers; an ask comes from a team that is not a giver."
            )
        if self.issue.currentData() is None:
            return translate("CommitmentForm", "This scenario defines no issues.")
        if not self.text.toPlainText().strip():
            return translate("CommitmentForm", "Write what the giver promises to do.")
        return self.visibility.problem()

    def values(self) -> dict[str, Any]:
        return {
            "givers": self.chosen_givers(),
            "receivers": self.chosen_receivers(),
            "proposer": self.proposer.currentData(),
            "issue": self.issue.currentData(),
            "text": self.text.toPlainText().strip(),
            "conditions": self.conditions.checked(),
            "due_round": self.due_round.currentData(),
            "verification": self.verification.isChecked(),
            "visibility": self.visibility.value(),
        }


ACTIONS = (
    ("agree", QT_TRANSLATE_NOOP("CommitmentStatusForm", "Agreed by the other side")),
    ("refuse", QT_TRANSLATE_NOOP("CommitmentStatusForm", "Refused by the other side")),
    ("progress", QT_TRANSLATE_NOOP("CommitmentStatusForm", "Partly carried out (progress below)")),
    ("fulfil", QT_TRANSLATE_NOOP("CommitmentStatusForm", "Fulfilled")),
    (
        "suspend",
        QT_TRANSLATE_NOOP(
            "CommitmentStatusForm", "Suspended (in response to the breach below, if any)"
        ),
    ),
    ("resume", QT_TRANSLATE_NOOP("CommitmentStatusForm", "Resumed")),
    ("break", QT_TRANSLATE_NOOP("CommitmentStatusForm", "Broken (or reversed)")),
    ("withdraw", QT_TRANSLATE_NOOP("CommitmentStatusForm", "Withdrawn")),
    (
        "confirmed",
        QT_TRANSLATE_NOOP("CommitmentStatusForm", "Verified: confirmed (by the verifier below)"),
    ),
    ("failed", QT_TRANSLATE_NOOP("CommitmentStatusForm", "Verified: failed")),
    ("inconclusive", QT_TRANSLATE_NOOP("CommitmentStatusForm", "Verified: inconclusive")),
)
VERIFY = ("confirmed", "failed", "inconclusive")
NEXT_ACTION = {"proposed": "agree", "agreed": "fulfil", "suspended": "resume"}
FINAL = {"break": "broken", "withdraw": "withdrawn", "refuse": "refused"}  # no later status


def unmet_conditions(
    commitment: Commitment, everything: Mapping[str, Commitment]
) -> list[Commitment]:
    """The commitments ``commitment`` waits on to be fulfilled that are not fulfilled yet."""
    found = (everything.get(key) for key in commitment.condition_refs("commitment"))
    return [c for c in found if c is not None and c.status != "fulfilled"]


class CommitmentStatusForm(EntryForm):
    title = QT_TRANSLATE_NOOP("EntryForm", "Update a commitment")
    ok_text = QT_TRANSLATE_NOOP("EntryForm", "Update")

    def __init__(
        self,
        scenario: Scenario,
        submit: Submit,
        *,
        commitments: list[Commitment],
        selected: str | None = None,
        everything: Mapping[str, Commitment] | None = None,
        confirm: Confirm = ask,
        breaches: list[Commitment] = (),  # type: ignore[assignment]
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(scenario, submit, parent)
        self._by_id = {c.id: c for c in commitments}
        self._everything = everything if everything is not None else self._by_id
        self._confirm = confirm
        self.commitment = record_combo(self)
        for c in commitments:
            self.commitment.addItem(commitment_label(scenario, c), c.id)
        # The selected commitment, or none: never silently the first of the list, where a
        # quick Ctrl+Enter would change the wrong one.
        self.commitment.setPlaceholderText(
            translate("CommitmentStatusForm", "Choose a commitment…")
        )
        self.commitment.setCurrentIndex(-1)
        if selected:
            select_data(self.commitment, selected)
        self.add_row(
            translate("CommitmentStatusForm", "&Commitment"), self.commitment, "commitmentChoice"
        )
        self.action = QComboBox(self)
        for value, label in ACTIONS:
            self.action.addItem(translate("CommitmentStatusForm", label), value)
        self.add_row(translate("CommitmentStatusForm", "&Now"), self.action, "commitmentAction")
        self.progress = QSpinBox(self)
        self.progress.setRange(0, 100)
        self.progress.setSuffix(" %")
        self.add_row(
            translate("CommitmentStatusForm", "&Progress"), self.progress, "commitmentProgress"
        )
        self.breach = record_combo(self)
        self.breach.addItem(translate("CommitmentStatusForm", "No: a plain suspension"), None)
        for c in breaches:
            self.breach.addItem(
                translate("CommitmentStatusForm", "answering the breach of {0}").format(
                    commitment_label(scenario, c)
                ),
                c.id,
            )
        self.add_row(
            translate("CommitmentStatusForm", "In res&ponse to"),
            self.breach,
            "commitmentInResponseTo",
        )
        self.verifier = QComboBox(self)
        self.verifier.addItem(translate("CommitmentStatusForm", "Control"), "control")
        for observer in scenario.observers:
            self.verifier.addItem(
                translate("CommitmentStatusForm", "{0} (observer)").format(observer.name),
                observer.id,
            )
        for team in scenario.teams:
            self.verifier.addItem(team.name, team.id)
        self.add_row(
            translate("CommitmentStatusForm", "&Verifier"), self.verifier, "commitmentVerifier"
        )
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(translate("CommitmentStatusForm", "Optional"))
        self.add_row(translate("CommitmentStatusForm", "&Reason"), self.reason, "commitmentReason")
        self.commitment.currentIndexChanged.connect(self._suggest)
        self._suggest()
        self.action.setFocus()

    def _suggest(self) -> None:
        current = self._by_id.get(self.commitment.currentData())
        if current is not None:
            select_data(self.action, NEXT_ACTION.get(current.status, "fulfil"))
            self.progress.setValue(min(100, current.progress + 25))

    def problem(self) -> str | None:
        if not self._by_id:
            return translate("CommitmentStatusForm", "There is no commitment to update.")
        return (
            None
            if self.commitment.currentData()
            else translate("CommitmentStatusForm", "Choose the commitment to update.")
        )

    def accept(self) -> None:
        """A status no later one can change, or a fulfilment before its conditions, is
        confirmed first (Undo can still take it back)."""
        current = self._by_id.get(self.commitment.currentData())
        action = self.action.currentData()
        if current is not None and (action in FINAL or action == "fulfil"):
            label = commitment_label(self.scenario, current)
            word = FINAL.get(action, "fulfilled")
            question = translate("CommitmentStatusForm", "Mark {0} as {1}? ").format(
                label, word
            ) + (
                translate("CommitmentStatusForm", "No later status can change that.")
                if action in FINAL
                else translate(
                    "CommitmentStatusForm", "Only a breach (a reversal) can change that."
                )
            )
            waiting = unmet_conditions(current, self._everything) if action == "fulfil" else []
            if waiting:
                names = "; ".join(commitment_label(self.scenario, c) for c in waiting)
                question += translate(
                    "CommitmentStatusForm", "\n\nIt waits on commitments not fulfilled yet: {0}."
                ).format(names)
            if not self._confirm(self, f"{word.capitalize()}?", question):
                return
        super().accept()

    def values(self) -> dict[str, Any]:
        """``action`` and its arguments (see ``ui.operations.update_commitment``)."""
        action = self.action.currentData()
        values: dict[str, Any] = {
            "commitment": self.commitment.currentData(),
            "action": action,
            "reason": self.reason.text().strip(),
        }
        if action == "progress":
            values["percent"] = self.progress.value()
        elif action == "suspend":
            values["in_response_to"] = self.breach.currentData()
        elif action in VERIFY:
            values["verifier"] = self.verifier.currentData()
        return values


class ConditionForm(EntryForm):
    """Make an open commitment wait on something more (a commitment fulfilled, a
    verification confirmed, a demand met), or drop one of its conditions: before agreement
    a draft, after it a renegotiation that needs a reason. Two commitments that wait on
    each other are a simultaneous-action bundle, or a deadlock the graph shows."""

    title = QT_TRANSLATE_NOOP("EntryForm", "Add or drop a condition")
    ok_text = QT_TRANSLATE_NOOP("EntryForm", "Apply")

    def __init__(
        self,
        scenario: Scenario,
        submit: Submit,
        *,
        commitments: list[Commitment],
        demands: list[Demand] = (),  # type: ignore[assignment]
        selected: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(scenario, submit, parent)
        self._all = commitments
        self._demands = list(demands)
        self._by_id = {c.id: c for c in commitments}
        self.commitment = record_combo(self)
        for c in commitments:
            if c.open:
                self.commitment.addItem(commitment_label(scenario, c), c.id)
        if selected:
            select_data(self.commitment, selected)
        self.add_row(
            translate("ConditionForm", "&Commitment"), self.commitment, "conditionCommitment"
        )
        self.drop = QCheckBox(
            translate("ConditionForm", "&Drop a condition it has (instead of adding one)"), self
        )
        self.add_row("", self.drop, "conditionDrop")
        self.condition = record_combo(self)
        self.add_row(translate("ConditionForm", "&Waits on"), self.condition, "conditionOn")
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(
            translate("ConditionForm", "Needed once the commitment is agreed (renegotiation)")
        )
        self.add_row(translate("ConditionForm", "&Reason"), self.reason, "conditionReason")
        self.drop.toggled.connect(self._offer_conditions)
        self.hint = QLabel(
            translate(
                "ConditionForm",
                "Two commitments that wait on each other are carried out together, or not at "
                "all: the commitment graph marks such a cycle as a deadlock while neither moves.",
            ),
            self,
        )
        self.hint.setWordWrap(True)
        self.hint.setProperty("role", "muted")
        self.add_row("", self.hint, "conditionHint")
        self.commitment.currentIndexChanged.connect(self._offer_conditions)
        self._offer_conditions()
        self.commitment.setFocus()

    def _offer_conditions(self) -> None:
        """To add: every other commitment it does not wait on yet (the one waiting on it
        first), verifications and demands; to drop: its own conditions."""
        current = self._by_id.get(self.commitment.currentData())
        self.condition.clear()
        if current is None:
            return
        if self.drop.isChecked():
            for condition in current.conditions:
                value = condition.ref if condition.kind == "commitment" else str(condition)
                self.condition.addItem(str(condition), value.replace(" ", ":"))
            return
        waits = current.condition_refs("commitment")
        others = [c for c in self._all if c.id != current.id and c.id not in waits]
        others.sort(key=lambda c: current.id not in c.condition_refs("commitment"))
        add_condition_choices(self.condition, self.scenario, others, self._demands)

    def problem(self) -> str | None:
        if not self.commitment.currentData():
            return translate(
                "ConditionForm", "Only an open commitment can take a condition: propose one first."
            )
        if not self.condition.currentData():
            return translate("ConditionForm", "There is no condition to add or drop.")
        current = self._by_id.get(self.commitment.currentData())
        if current is not None and current.status != "proposed" and not self.reason.text().strip():
            return translate("ConditionForm", "Say why an agreed commitment is renegotiated.")
        return None

    def values(self) -> dict[str, Any]:
        return {
            "commitment": self.commitment.currentData(),
            "condition": self.condition.currentData(),
            "reason": self.reason.text().strip(),
            "drop": self.drop.isChecked(),
        }


class AgreementForm(EntryForm):
    title = QT_TRANSLATE_NOOP("EntryForm", "Sign an agreement")
    ok_text = QT_TRANSLATE_NOOP("EntryForm", "Sign")

    def __init__(
        self,
        scenario: Scenario,
        submit: Submit,
        *,
        commitments: list[Commitment],
        selected: tuple[str, ...] = (),
        earlier: tuple[str, ...] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(scenario, submit, parent)
        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText(
            translate("AgreementForm", "e.g. Yongbyon for partial relief")
        )
        self.add_row(translate("AgreementForm", "&Title"), self.title_edit, "agreementTitle")
        self.commitments = CheckList(self, rows=6)
        for c in commitments:
            self.commitments.add(
                commitment_label(scenario, c), c.id, checked=c.id in selected, tooltip=c.text
            )
        self.add_row(
            translate("AgreementForm", "&Commitments"), self.commitments, "agreementCommitments"
        )
        self.signatories = CheckList(self, rows=3)
        for team in scenario.teams:
            self.signatories.add(team.name, team.id)
        self.add_row(
            translate("AgreementForm", "Si&gned by"), self.signatories, "agreementSignatories"
        )
        self.shape = QComboBox(self)
        for value, label in SHAPES:
            self.shape.addItem(translate("AgreementForm", label), value)
        self.add_row(translate("AgreementForm", "S&hape"), self.shape, "agreementShape")
        self.follows = record_combo(self)
        self.follows.addItem(translate("AgreementForm", "The first step"), None)
        for agreement in earlier:
            self.follows.addItem(
                translate("AgreementForm", "The step after {0}").format(agreement), agreement
            )
        self.add_row(translate("AgreementForm", "&Follows"), self.follows, "agreementFollows")
        self.visibility = VisibilityPicker(scenario, self)
        self.add_row(
            translate("AgreementForm", "&Visibility"), self.visibility, "agreementVisibility"
        )
        self.title_edit.setFocus()

    def problem(self) -> str | None:
        if not self.title_edit.text().strip():
            return translate("AgreementForm", "Give the agreement a title.")
        if not self.commitments.checked():
            return translate("AgreementForm", "Check the commitments the agreement signs.")
        return self.visibility.problem()

    def values(self) -> dict[str, Any]:
        shape = self.shape.currentData()
        return {
            "title": self.title_edit.text().strip(),
            "commitments": self.commitments.checked(),
            "signatories": self.signatories.checked(),
            "shape": shape,
            "follows": self.follows.currentData() if shape == "step" else None,
            "visibility": self.visibility.value(),
        }


SHAPES = (
    (None, QT_TRANSLATE_NOOP("AgreementForm", "No shape named")),
    ("big_deal", QT_TRANSLATE_NOOP("AgreementForm", "A big deal: the core issues at once")),
    ("step", QT_TRANSLATE_NOOP("AgreementForm", "A step of a sequence (each a phase of the next)")),
    ("joint_statement", QT_TRANSLATE_NOOP("AgreementForm", "A joint statement")),
)
