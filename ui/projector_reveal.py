"""Control's "Reveal all" (Session menu): at the end, show the room everything the teams saw.

It is asked for once, with a question that says what will be shown (counted from the
session), and recorded as one event (``EverythingRevealed``), named in the log and undone
like any other. The projector, the public report and the room's replay follow because the
rule is the engine's (``engine.domain.visibility``). Once done, the action is disabled.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from engine.domain.state import SessionState
from engine.domain.visibility import PUBLIC, REVEALED, indicator_visible, may_see
from ui import operations as ops
from ui.i18n import translate

if TYPE_CHECKING:
    from engine.scenario.model import Scenario
    from ui.main_window import FacilitatorWindow


class _Shown(Protocol):
    @property
    def visibility(self) -> tuple[str, ...] | None: ...

    @property
    def parties(self) -> tuple[str, ...]: ...


def _count(word: str, n: int) -> str:
    return f"{n} private {word}{'' if n == 1 else 's'}"


def revealed_items(state: SessionState, scenario: Scenario) -> list[str]:
    """What a reveal would show the room that it cannot see now, in words."""

    def hidden(records: Iterable[_Shown]) -> int:
        return sum(
            1
            for r in records
            if not may_see(PUBLIC, r.visibility) and may_see(REVEALED, r.visibility, r.parties)
        )

    items = []
    kinds: tuple[tuple[str, Iterable[_Shown]], ...] = (
        ("move", state.moves.values()), ("demand", state.demands.values()),
        ("commitment", state.commitments.values()), ("agreement", state.agreements.values()),
    )  # fmt: skip
    for word, records in kinds:
        n = hidden(records)
        if n:
            items.append(_count(word, n))
    messages = getattr(state, "messages", None)  # team devices' messages, where they exist
    if messages:  # between teams, so private unless marked public (``visibility`` None)
        found = messages.values() if hasattr(messages, "values") else messages
        n = sum(1 for m in found if getattr(m, "visibility", ()) is not None)
        if n:
            items.append(_count("message", n))
    injects = sum(1 for i in state.injects if i.visibility)
    if injects:
        items.append(_count("inject", injects))
    meters = [
        ind.name
        for ind in scenario.indicators
        if not indicator_visible(PUBLIC, _first_key(scenario, ind.id), scenario)
        and indicator_visible(REVEALED, _first_key(scenario, ind.id), scenario)
    ]
    if meters:
        items.append("the values of " + ", ".join(meters))
    if any(m.reason for m in state.moves.values()):
        items.append("the reasons of rulings")
    return items


def _first_key(scenario: Scenario, indicator_id: str) -> str:
    keys = scenario.indicator_keys()
    return next((k for k in keys if k.split(".")[0] == indicator_id), indicator_id)


def reveal_question(state: SessionState, scenario: Scenario) -> str:
    items = revealed_items(state, scenario)
    shown = (
        "\n".join(f"• {item}" for item in items)
        if items
        else translate("ui.projector_reveal", "• nothing private so far")
    )
    return translate(
        "ui.projector_reveal",
        "Show the room everything the teams were shown?\n\nThe projector, the public report and "
        "the room's replay will show:\n{0}\n\nControl's own notes, bookmarks and reasons for "
        "adjustments stay yours. It is recorded in the log; Undo hides everything again.",
    ).format(shown)


def confirm_reveal(parent: QWidget, state: SessionState, scenario: Scenario) -> bool:
    box = QMessageBox(parent)
    box.setObjectName("revealQuestion")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(translate("ui.projector_reveal", "Reveal everything to the room?"))
    box.setTextFormat(Qt.TextFormat.PlainText)  # names are author text
    box.setText(reveal_question(state, scenario))
    yes = box.addButton(
        translate("ui.projector_reveal", "Reveal everything"), QMessageBox.ButtonRole.AcceptRole
    )
    keep = box.addButton(
        translate("ui.projector_reveal", "Keep it private"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(keep)  # a stray Enter reveals nothing
    box.setEscapeButton(keep)
    box.exec()
    parent.activateWindow()
    return box.clickedButton() is yes


def reveal_all(window: FacilitatorWindow) -> bool:
    """Ask, then record the reveal; True when it was recorded."""
    session = window.session
    if session.read_only or session.state.revealed:
        return False
    if not confirm_reveal(window, session.state, session.scenario):
        return False
    return window.run(ops.reveal_everything) is None
