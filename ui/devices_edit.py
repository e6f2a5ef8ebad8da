"""Accept a submission edited: the kind's own entry form, filled in from what the team sent.

The team is the device's and stays fixed (its field is shown, not editable). On submit
the form's values, less the team, are the edits: one ``accept`` with them is one event,
and the submission records that it was edited when they differ from what was sent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from ui import operations as ops
from ui.forms.base import CheckList, EntryForm, Submit, select_data
from ui.i18n import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from ui.entries import FormHost

# The form field that holds the team (it comes from the device, not from the payload).
TEAM_FIELD = {"move": "team", "demand": "from_team", "proposal": "proposer"}


def condition_choice(condition: Any) -> str:
    """A payload's condition (``{"kind", "ref"}``) as the commitment form's choice."""
    if isinstance(condition, dict):
        kind, ref = condition.get("kind"), condition.get("ref")
        return str(ref) if kind == "commitment" else f"{kind}:{ref}"
    return str(condition)


def _combo(combo: QComboBox, value: Any) -> None:
    if value is not None and combo.findData(value) >= 0:
        select_data(combo, value)


def _text(form: EntryForm, payload: dict[str, Any]) -> None:
    text = getattr(form, "text", None)
    if text is not None and "text" in payload:
        text.setPlainText(str(payload["text"]))


def _visibility(form: EntryForm, payload: dict[str, Any]) -> None:
    picker = getattr(form, "visibility", None)
    if picker is not None and "visibility" in payload:
        value = payload["visibility"]
        picker.set_value(tuple(value) if value is not None else None)


def _fix_team(combo: QComboBox, team: str) -> None:
    _combo(combo, team)
    combo.setEnabled(False)
    combo.setToolTip(translate("ui.devices_edit", "The team the device belongs to"))


def _submit(host: FormHost, submission: str, team_field: str | None) -> Submit:
    def submit(values: dict[str, Any]) -> str | None:
        edits = {k: v for k, v in values.items() if k != team_field}
        return host.run(ops.accept_submission, submission=submission, edits=edits)

    return submit


def edit_form(host: FormHost, submission: str, sub: Any, *, parent: QWidget) -> EntryForm | None:
    """The prefilled form for ``sub`` (a move, demand, proposal or message), or None."""
    session = host.session
    scenario = session.scenario
    payload = dict(sub.payload)
    form: EntryForm
    if sub.what == "move":
        from ui.forms.move import MoveForm

        move = MoveForm(scenario, _submit(host, submission, "team"), team=sub.team, parent=parent)
        _fix_team(move.team, sub.team)
        _combo(move.move_type, payload.get("move_type"))
        if isinstance(payload.get("tone"), int):
            move.tone.setValue(payload["tone"])
        move.targets.set_checked(payload.get("targets", ()))
        form = move
    elif sub.what == "demand":
        from ui.forms.demand import DemandForm

        demand = DemandForm(scenario, _submit(host, submission, "from_team"), parent=parent)
        _fix_team(demand.from_team, sub.team)
        _combo(demand.to_team, payload.get("to_team"))
        _combo(demand.issue, payload.get("issue"))
        _combo(demand.priority, payload.get("priority"))
        form = demand
    elif sub.what == "proposal":
        from ui.forms.commitment import CommitmentForm

        state = session.state
        proposal = CommitmentForm(
            scenario,
            _submit(host, submission, "proposer"),
            existing=[c for c in state.commitments.values() if c.open],
            demands=[d for d in state.demands.values() if d.status in ("open", "met")],
            current_round=state.round,
            parent=parent,
        )
        givers = list(payload.get("givers", ()))
        receivers = list(payload.get("receivers", ()))
        if givers:
            _combo(proposal.giver, givers[0])
            proposal.more_givers.set_checked(givers[1:])
        if receivers:
            _combo(proposal.receiver, receivers[0])
            proposal.more_receivers.set_checked(receivers[1:])
        # an offer when the team gives, else an ask of the givers
        _combo(proposal.proposer, None if sub.team in givers else sub.team)
        _combo(proposal.issue, payload.get("issue"))
        proposal.conditions.set_checked(
            [condition_choice(c) for c in payload.get("conditions", ())]
        )
        proposal.proposer.setEnabled(False)  # the device's team tabled it
        _combo(proposal.due_round, payload.get("due_round"))
        proposal.verification.setChecked(bool(payload.get("verification", False)))
        form = proposal
    elif sub.what == "message":
        form = MessageForm(scenario, _submit(host, submission, None), parent=parent)
        assert isinstance(form, MessageForm)
        form.to.set_checked(payload.get("to", ()))
    else:
        return None
    heading = translate("ui.devices_edit", "Accept edited: {0}").format(form.title.lower())
    form.setWindowTitle(heading)
    for label in form.findChildren(QLabel):
        if label.text() == form.title:  # the form's heading
            label.setText(heading)
    form.ok_button.setText(translate("ui.devices_edit", "Accept edited  (Ctrl+Enter)"))
    _text(form, payload)
    _visibility(form, payload)
    return form


class MessageForm(EntryForm):
    """A team's message: to whom (Control always reads it) and its text."""

    title = QT_TRANSLATE_NOOP("EntryForm", "A team's message")
    ok_text = QT_TRANSLATE_NOOP("EntryForm", "Accept")

    def __init__(self, scenario: Any, submit: Submit, *, parent: QWidget | None = None) -> None:
        super().__init__(scenario, submit, parent)
        self.to = CheckList(self, rows=4)
        for team in scenario.teams:
            self.to.add(team.name, team.id)
        self.add_row(translate("MessageForm", "&To"), self.to, "messageTo")
        self.text = self.add_row(
            translate("MessageForm", "Te&xt"),
            self.text_edit(translate("MessageForm", "The message")),
            "messageText",
        )
        self.text.setFocus()

    def problem(self) -> str | None:
        if not self.text.toPlainText().strip():
            return translate("MessageForm", "Write the message.")
        return None

    def values(self) -> dict[str, Any]:
        return {"to": self.to.checked(), "text": self.text.toPlainText().strip()}
