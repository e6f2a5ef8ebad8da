"""Opening the entry forms, each wired to one operation, for a window that hosts them.

A form is opened window-modal and non-blocking (``open``); its submit runs the operation
through the host (which broadcasts the ``Changes``) and reports a domain error inline.
The host is anything with the narrow ``FormHost`` interface (the facilitator window is
one): forms and this module never import the window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ui import operations as ops

if TYPE_CHECKING:
    from engine.session.live import Session
    from ui.forms.base import EntryForm, Submit

# The forms are imported when first opened: the window opens without them.

P = ParamSpec("P")
Operation = Callable[..., ops.OpResult]  # one of ``ui.operations``, the session first


class FormHost(Protocol):
    """What the forms may ask of the window: its session, to run one operation (the host
    broadcasts its ``Changes`` and returns the error, if any), and the records picked in
    its tables (a form opens on them)."""

    @property
    def session(self) -> Session: ...

    def run(
        self,
        operation: Callable[Concatenate[Session, P], ops.OpResult],
        /,
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> str | None: ...

    def current_record(self, kind: str) -> str | None: ...

    def selected_records(self, kind: str) -> tuple[str, ...]: ...


class Entries:
    def __init__(self, host: FormHost, parent: QWidget) -> None:
        self.host = host
        self.parent = parent  # the forms' window (they are window-modal)
        self.active: EntryForm | None = None
        self.last_team: str | None = None  # of the last move recorded from a form

    @property
    def _session(self) -> Session:
        return self.host.session

    def _submit(self, operation: Operation) -> Submit:
        return lambda values: self.host.run(operation, **values)

    def _seated(self) -> tuple[str, ...]:
        rnd = self._session.current_round
        return rnd.teams if rnd is not None else ()

    def _open(self, form: EntryForm) -> EntryForm:
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.finished.connect(lambda _result: self._closed(form))
        self.active = form
        form.open()
        return form

    def _closed(self, form: EntryForm) -> None:
        if self.active is form:
            self.active = None

    # ------------------------------------------------------------------ forms
    def record_move(self) -> EntryForm:
        from ui.forms.move import MoveForm

        s = self._session
        form = MoveForm(
            s.scenario,
            self._submit(ops.record_move),
            seated=self._seated(),
            team=self.last_team,
            parent=self.parent,
        )
        form.accepted.connect(lambda: self._remember_team(form.team.currentData()))
        return self._open(form)

    def _remember_team(self, team: str | None) -> None:
        """The next move form starts on the team of the last move recorded."""
        self.last_team = team

    def table_demand(self) -> EntryForm:
        from ui.forms.demand import DemandForm

        s = self._session
        return self._open(
            DemandForm(
                s.scenario,
                self._submit(ops.table_demand),
                seated=self._seated(),
                parent=self.parent,
            )
        )

    def demand_status(self) -> EntryForm:
        from ui.forms.demand import DemandStatusForm

        s = self._session
        open_demands = [d for d in s.state.demands.values() if d.status == "open"]
        return self._open(
            DemandStatusForm(
                s.scenario,
                self._submit(ops.set_demand_status),
                demands=open_demands,
                selected=self.host.current_record("demand"),
                parent=self.parent,
            )
        )

    def propose_commitment(self) -> EntryForm:
        from ui.forms.commitment import CommitmentForm

        s = self._session
        return self._open(
            CommitmentForm(
                s.scenario,
                self._submit(ops.propose_commitment),
                existing=[c for c in s.state.commitments.values() if c.open],
                demands=[d for d in s.state.demands.values() if d.status in ("open", "met")],
                seated=self._seated(),
                current_round=s.state.round,
                parent=self.parent,
            )
        )

    def commitment_status(self) -> EntryForm:
        from ui.forms.commitment import CommitmentStatusForm

        s = self._session

        def submit(values: dict[str, Any]) -> str | None:
            return self.host.run(ops.update_commitment, **values)

        live = [
            c
            for c in s.state.commitments.values()
            if c.open or (c.verification and c.status in ("fulfilled", "broken"))
        ]
        return self._open(
            CommitmentStatusForm(
                s.scenario,
                submit,
                commitments=live,
                selected=self.host.current_record("commitment"),
                everything=s.state.commitments,
                breaches=[c for c in s.state.commitments.values() if c.status == "broken"],
                parent=self.parent,
            )
        )

    def add_condition(self) -> EntryForm:
        from ui.forms.commitment import ConditionForm

        s = self._session
        return self._open(
            ConditionForm(
                s.scenario,
                self._submit(ops.add_condition),
                commitments=list(s.state.commitments.values()),
                selected=self.host.current_record("commitment"),
                demands=[d for d in s.state.demands.values() if d.status in ("open", "met")],
                parent=self.parent,
            )
        )

    def sign_agreement(self) -> EntryForm:
        from ui.forms.commitment import AgreementForm

        s = self._session
        signable = [
            c for c in s.state.commitments.values() if c.status == "agreed" and not c.agreement
        ]
        return self._open(
            AgreementForm(
                s.scenario,
                self._submit(ops.sign_agreement),
                commitments=signable,
                selected=self.host.selected_records("commitment"),
                earlier=tuple(s.state.agreements),
                parent=self.parent,
            )
        )

    def adjudicate(self) -> EntryForm:
        from ui.forms.adjudicate import AdjudicateForm

        s = self._session
        waiting = [m for m in s.state.moves.values() if m.outcome is None]
        return self._open(
            AdjudicateForm(
                s.scenario,
                self._submit(ops.adjudicate),
                moves=waiting,
                preview=lambda move, outcome: s.preview_effects(move=move, outcome=outcome),
                roll=self._submit(ops.roll_dice),
                rolls=lambda move: s.state.moves[move].rolls,
                selected=self.host.current_record("move"),
                parent=self.parent,
            )
        )

    def fire_inject(self) -> EntryForm:
        from ui.forms.control import InjectForm

        s = self._session
        return self._open(
            InjectForm(s.scenario, self._submit(ops.fire_inject), state=s.state, parent=self.parent)
        )

    def adjust_indicator(self) -> EntryForm:
        from ui.forms.control import AdjustForm

        s = self._session
        return self._open(
            AdjustForm(
                s.scenario, self._submit(ops.adjust_indicator), state=s.state, parent=self.parent
            )
        )

    def add_note(self) -> EntryForm:
        from ui.forms.control import NoteForm

        return self._open(NoteForm(self._session.scenario, self._submit(ops.add_note), self.parent))

    def set_bookmark(self) -> EntryForm:
        from ui.forms.control import BookmarkForm

        return self._open(
            BookmarkForm(self._session.scenario, self._submit(ops.set_bookmark), self.parent)
        )
