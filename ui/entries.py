"""Opening the entry forms from the facilitator window, each wired to one operation.

A form is opened window-modal and non-blocking (``open``); its submit runs the operation
through the window (which broadcasts the ``Changes``) and reports a domain error inline.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from ui import operations as ops

if TYPE_CHECKING:
    from ui.forms.base import EntryForm
    from ui.main_window import FacilitatorWindow

# The forms are imported when first opened: the window opens without them.


class Entries:
    def __init__(self, window: FacilitatorWindow) -> None:
        self.window = window
        self.active: EntryForm | None = None

    @property
    def _session(self) -> Any:
        return self.window.session

    def _submit(
        self, operation: Callable[..., ops.OpResult]
    ) -> Callable[[dict[str, Any]], str | None]:
        return lambda values: self.window.run(operation, **values)

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
        return self._open(
            MoveForm(
                s.scenario, self._submit(ops.record_move), seated=self._seated(), parent=self.window
            )
        )

    def table_demand(self) -> EntryForm:
        from ui.forms.demand import DemandForm

        s = self._session
        return self._open(
            DemandForm(
                s.scenario,
                self._submit(ops.table_demand),
                seated=self._seated(),
                parent=self.window,
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
                selected=self.window.tables["demand"].current_id(),
                parent=self.window,
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
                seated=self._seated(),
                current_round=s.state.round,
                parent=self.window,
            )
        )

    def commitment_status(self) -> EntryForm:
        from ui.forms.commitment import CommitmentStatusForm

        s = self._session

        def submit(values: dict[str, Any]) -> str | None:
            if "verified" in values:
                return self.window.run(ops.verify_commitment, **values)
            return self.window.run(ops.change_commitment, **values)

        live = [
            c
            for c in s.state.commitments.values()
            if c.open or (c.verified is None and c.verification)
        ]
        return self._open(
            CommitmentStatusForm(
                s.scenario,
                submit,
                commitments=live,
                selected=self.window.tables["commitment"].current_id(),
                parent=self.window,
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
                selected=self.window.tables["commitment"].current_id(),
                parent=self.window,
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
                selected=tuple(self.window.tables["commitment"].selected_ids()),
                parent=self.window,
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
                selected=self.window.tables["move"].current_id(),
                parent=self.window,
            )
        )

    def fire_inject(self) -> EntryForm:
        from ui.forms.control import InjectForm

        s = self._session
        return self._open(
            InjectForm(s.scenario, self._submit(ops.fire_inject), state=s.state, parent=self.window)
        )

    def adjust_indicator(self) -> EntryForm:
        from ui.forms.control import AdjustForm

        s = self._session
        return self._open(
            AdjustForm(
                s.scenario, self._submit(ops.adjust_indicator), state=s.state, parent=self.window
            )
        )

    def add_note(self) -> EntryForm:
        from ui.forms.control import NoteForm

        return self._open(NoteForm(self._session.scenario, self._submit(ops.add_note), self.window))

    def set_bookmark(self) -> EntryForm:
        from ui.forms.control import BookmarkForm

        return self._open(
            BookmarkForm(self._session.scenario, self._submit(ops.set_bookmark), self.window)
        )
