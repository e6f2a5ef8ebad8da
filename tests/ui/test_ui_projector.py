"""The projector shows the room what is public, follows live, and never shows a secret."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from conftest import small_scenario, team
from engine.scenario import parse_scenario
from engine.session.live import Session
from ui import operations as ops
from ui.main_window import FacilitatorWindow
from ui.panels.paged_card import PagedCard

SECRETS = {
    "brief": "SECRET-BRIEF-7f3a",
    "brief2": "SECRET-BRIEF-SOUTH-19c2",
    "objective": "SECRET-OBJECTIVE-55d0",
    "private_move": "SECRET-MOVE-a81c",
    "ruling_reason": "SECRET-RULING-0b7e",
    "private_ruling_reason": "SECRET-RULING-PRIVATE-33aa",
    "note": "SECRET-NOTE-c44d",
    "bookmark": "SECRET-BOOKMARK-9e21",
    "inject_title": "SECRET-INJECT-TITLE-2d6f",
    "inject_text": "SECRET-INJECT-TEXT-8812",
    "demand": "SECRET-DEMAND-1f90",
    "demand_reason": "SECRET-DEMAND-REASON-4e4e",
    "commitment": "SECRET-COMMITMENT-77b1",
    "commitment_in_public": "SECRET-COMMITMENT-IN-PUBLIC-6c0d",
    "commitment_reason": "SECRET-COMMITMENT-REASON-5a5a",
    "agreement": "SECRET-AGREEMENT-e0e0",
    "adjustment": "SECRET-ADJUSTMENT-3b3b",
    "private_indicator": "SECRET-METER-6d1e",
    "control_notes": "SECRET-CONTROL-NOTES-90af",
}
PUBLIC = {
    "move": "PUBLIC-MOVE-4242",
    "inject": "PUBLIC-INJECT-1717",
    "agreement": "PUBLIC-DEAL-2020",
}

SCENARIO = small_scenario(
    "secrets",
    "Secrets",
    team("north", "North", color="#c0392b", private_brief=SECRETS["brief"])
    + f'objectives = ["{SECRETS["objective"]}"]\n',
    team("south", "South", private_brief=SECRETS["brief2"]),
    "tension",
    f"""[[indicators]]
id = "morale"
name = "{SECRETS["private_indicator"]}"
min = 0
max = 10
initial = 5
scope = "team"
public = false
""",
    "relief",
    "statement",
    "working",
    "summit",
    f"""[[injects]]
id = "hidden"
title = "{SECRETS["inject_title"]}"
text = "{SECRETS["inject_text"]}"
visibility = ["south"]
effects.tension = 3
effects.morale.south = -1

[[injects]]
id = "open"
title = "{PUBLIC["inject"]}"
text = "Everyone hears it."
visibility = "public"
control_notes = "{SECRETS["control_notes"]}"
""",
)

ROLES = [*range(0, 14), *range(Qt.ItemDataRole.UserRole, Qt.ItemDataRole.UserRole + 8)]


def texts_of(widget: QObject) -> list[str]:
    """Every string a widget can show or tell (text, HTML, tooltip, title, model data)."""
    out: list[str] = []
    if isinstance(widget, QWidget):
        out += [widget.windowTitle(), widget.toolTip(), widget.statusTip(), widget.whatsThis()]
        out += [widget.accessibleName(), widget.accessibleDescription()]
    if isinstance(widget, QLabel):
        out.append(widget.text())
    if isinstance(widget, QAbstractButton):
        out.append(widget.text())
    if isinstance(widget, QLineEdit):
        out.append(widget.text())
    if isinstance(widget, QTextEdit):
        out += [widget.toPlainText(), widget.toHtml()]
    if isinstance(widget, QPlainTextEdit):
        out.append(widget.toPlainText())
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        for row in range(model.rowCount(QModelIndex())):
            for column in range(model.columnCount(QModelIndex())):
                index = model.index(row, column)
                out += [str(model.data(index, role)) for role in ROLES]
    return out


def everything_shown(window: QWidget) -> str:
    """Every text of the window, and every page of its paged cards (they turn by themselves)."""
    objects = [window, *window.findChildren(QObject)]
    pages = [block for card in window.findChildren(PagedCard) for block in card.blocks]
    return "\n".join([*(text for obj in objects for text in texts_of(obj) if text), *pages])


def run(window: FacilitatorWindow, operation: Any, **kwargs: Any) -> None:
    assert window.run(operation, **kwargs) is None


@pytest.fixture
def window(qtbot: Any, tmp_path: Path, isolated_settings: Path) -> FacilitatorWindow:
    scenario = parse_scenario(SCENARIO, "secrets.toml")
    session = Session.create(scenario, tmp_path / "secrets.parley")
    window = FacilitatorWindow(session)
    qtbot.addWidget(window)
    window.show()
    return window


def play_with_secrets(window: FacilitatorWindow) -> None:
    s = window.session
    run(window, ops.start_round)
    run(window, ops.record_move, team="north", move_type="statement", tone=1, text=PUBLIC["move"])
    public_move = list(s.state.moves)[-1]
    run(window, ops.adjudicate, move=public_move, outcome="success", method="judgement",
        reason=SECRETS["ruling_reason"])  # fmt: skip
    run(window, ops.record_move, team="north", move_type="statement", tone=-3,
        text=SECRETS["private_move"], visibility=("north",))  # fmt: skip
    private_move = list(s.state.moves)[-1]
    run(window, ops.adjudicate, move=private_move, outcome="partial", method="judgement",
        reason=SECRETS["private_ruling_reason"])  # fmt: skip
    run(window, ops.add_note, text=SECRETS["note"])
    run(window, ops.set_bookmark, label=SECRETS["bookmark"])
    run(window, ops.fire_inject, inject="hidden")
    run(window, ops.fire_inject, inject="open")
    run(window, ops.table_demand, from_team="south", to_team="north", issue="relief", priority=1,
        text=SECRETS["demand"], visibility=("south",))  # fmt: skip
    run(window, ops.set_demand_status, demand=list(s.state.demands)[-1], status="refused",
        reason=SECRETS["demand_reason"])  # fmt: skip
    run(window, ops.propose_commitment, giver="north", receiver="south", issue="relief",
        text=SECRETS["commitment"], visibility=("north", "south"))  # fmt: skip
    private_c = list(s.state.commitments)[-1]
    run(window, ops.propose_commitment, giver="south", receiver="north", issue="relief",
        text=SECRETS["commitment_in_public"], visibility=("south",))  # fmt: skip
    hidden_in_public = list(s.state.commitments)[-1]
    run(window, ops.propose_commitment, giver="north", receiver="south", issue="relief",
        text="Open the border crossing")  # fmt: skip
    public_c = list(s.state.commitments)[-1]
    for c in (private_c, hidden_in_public, public_c):
        run(window, ops.change_commitment, commitment=c, action="agree",
            reason=SECRETS["commitment_reason"])  # fmt: skip
    run(window, ops.sign_agreement, title=SECRETS["agreement"], commitments=[private_c],
        visibility=("north", "south"))  # fmt: skip
    run(
        window,
        ops.sign_agreement,
        title=PUBLIC["agreement"],
        commitments=[hidden_in_public, public_c],
    )
    run(window, ops.adjust_indicator, key="tension", delta=5, reason=SECRETS["adjustment"])
    run(window, ops.next_phase)


def test_no_secret_reaches_the_projector(window: FacilitatorWindow, qtbot: Any) -> None:
    window.action_set.projector.setChecked(True)  # open before the session: it follows live
    projector = window.projector
    assert projector is not None and projector.isVisible()
    play_with_secrets(window)
    qtbot.wait(10)
    shown = everything_shown(projector)
    leaked = {name: marker for name, marker in SECRETS.items() if marker in shown}
    assert not leaked, f"the projector shows secrets: {leaked}"
    for marker in PUBLIC.values():  # the public things are there: the walk does see the screen
        assert marker in shown
    assert "Open the border crossing" in shown
    assert "negotiate" in projector.phase.text()


def test_projector_opened_late_shows_the_same(window: FacilitatorWindow, qtbot: Any) -> None:
    play_with_secrets(window)
    window.action_set.projector.setChecked(True)
    shown = everything_shown(window.projector)
    assert not [m for m in SECRETS.values() if m in shown]
    assert all(m in shown for m in PUBLIC.values())
    window.action_set.projector.setChecked(False)
    assert window.projector is None


def test_the_facilitator_does_see_the_secrets(window: FacilitatorWindow) -> None:
    """The same walk finds markers where they belong: the test could fail."""
    play_with_secrets(window)
    shown = everything_shown(window)
    assert SECRETS["private_move"] in shown and SECRETS["note"] in shown
    assert SECRETS["private_indicator"] in window.indicators.board.summary()


def test_the_inject_form_shows_control_notes_and_warns_of_public_meters(
    window: FacilitatorWindow, qtbot: Any, tmp_path: Path
) -> None:
    from ui_support import choose

    from ui.forms.control import InjectForm

    form = InjectForm(window.session.scenario, lambda **_: None, state=window.session.state)
    qtbot.addWidget(form)
    choose(form.inject, "open")
    assert form.notes.text() == SECRETS["control_notes"]
    assert not form.warning.text(), "a public inject gives nothing away"
    choose(form.inject, "hidden")
    assert form.notes.text() == "", "this inject has no notes"
    assert "Tension" in form.warning.text(), "the room watches tension move"
    assert SECRETS["private_indicator"] not in form.warning.text(), "only South sees its morale"
