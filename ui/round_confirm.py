"""Ask before a round ends or is replaced while something is unsettled.

Starting the next round in the middle of one ends that round too, so it is asked, with the
round's phase; ending a round with moves never ruled on, demands still open or commitments
only proposed is asked, with those named (``engine.domain.pending``). The answer that
changes nothing is the default, so a stray Enter never ends a round.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from engine.domain.pending import describe_pending, round_pending
from ui.i18n import translate

if TYPE_CHECKING:
    from engine.session.live import Session

SHOWN = 8  # lines of pending records named in the question; the rest are counted


def round_change_question(session: Session, *, starting: bool) -> str | None:
    """The question to ask, or None when there is nothing to ask about."""
    state, scenario = session.state, session.scenario
    if not state.round_open:
        return None
    current = scenario.rounds[state.round - 1] if 1 <= state.round <= len(scenario.rounds) else None
    lines = describe_pending(round_pending(state), state, scenario)
    if not starting and not lines:
        return None
    if starting:
        phase = ""
        if current is not None:
            index = min(state.phase, len(current.phases) - 1)
            phase = f", phase {index + 1} of {len(current.phases)} ({current.phases[index].name})"
        head = translate(
            "ui.round_confirm", "Round {0} is still running{1}. Starting round {2} ends it now."
        ).format(state.round, phase, state.round + 1)
    else:
        things = "thing" if len(lines) == 1 else "things"
        head = f"Round {state.round} leaves {len(lines)} {things} unsettled."
    if lines:
        shown = "\n".join(f"• {line}" for line in lines[:SHOWN])
        more = f"\n… and {len(lines) - SHOWN} more" if len(lines) > SHOWN else ""
        head += f"\n\n{shown}{more}"
    return head


def confirm_round_change(parent: QWidget, session: Session, *, starting: bool) -> bool:
    question = round_change_question(session, starting=starting)
    if question is None:
        return True
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(
        translate("ui.round_confirm", "Start the next round?")
        if starting
        else translate("ui.round_confirm", "End the round?")
    )
    box.setTextFormat(Qt.TextFormat.PlainText)  # team names and texts are author text
    box.setText(question)
    yes = box.addButton(
        translate("ui.round_confirm", "Start the next round")
        if starting
        else translate("ui.round_confirm", "End the round"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    keep = box.addButton(
        translate("ui.round_confirm", "Keep this round going"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    parent.activateWindow()
    return box.clickedButton() is yes
