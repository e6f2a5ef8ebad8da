"""The debrief view on the projector (Ctrl+Shift+B) and Control's "Reveal all": asked once,
recorded once, and after it the projector shows the room what the teams saw."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from conftest import small_scenario, team
from engine.scenario import parse_scenario
from engine.session.live import Session
from ui import operations as ops
from ui.app import set_large_text
from ui.main_window import FacilitatorWindow

SECRET_MOVE = "SECRET-MOVE-5c1d"
SECRET_DEAL = "SECRET-DEAL-0a9e"
SECRET_PLEDGE = "SECRET-PLEDGE-77f0"

SCENARIO = small_scenario(
    "reveal",
    "After Hanoi: Breaking the Deadlock, a long title that runs past the width of a projector",
    team("north", "North", color="#c0392b"),
    team("south", "South"),
    "tension",
    """[[indicators]]
id = "morale"
name = "Morale"
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
)


@pytest.fixture
def window(qtbot: Any, tmp_path: Path, isolated_settings: Path) -> Any:
    session = Session.create(parse_scenario(SCENARIO, "reveal.toml"), tmp_path / "r.parley")
    s = session
    s.start_round()
    s.record_move(team="north", move_type="statement", tone=1, text="PUBLIC-MOVE")
    s.record_move(team="north", move_type="statement", tone=-1, text=SECRET_MOVE,
                  visibility=("north",))  # fmt: skip
    s.propose_commitment(givers="south", receivers="north", issue="relief", text=SECRET_PLEDGE,
                         visibility=("south", "north"))  # fmt: skip
    s.agree_commitment(commitment="c5")
    s.sign_agreement(title=SECRET_DEAL, commitments=("c5",), visibility=("south", "north"))
    s.propose_commitment(givers="north", receivers="south", issue="relief", text="first")
    s.propose_commitment(givers="south", receivers="north", issue="relief", text="second",
                         conditions=("c8",))  # fmt: skip
    s.add_condition(commitment="c8", condition="c9")
    s.adjust_indicator(key="morale.north", delta=2, reason="a private boost")
    made = FacilitatorWindow(session)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    yield made
    made.close()
    session.close()


def answer(qtbot: Any, button: str, seen: list[str]) -> None:
    """Click ``button`` of the question box once it shows (and note its text)."""

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press)
            return
        seen.append(box.text())
        found = next(b for b in box.buttons() if b.text() == button)
        found.click()

    QTimer.singleShot(0, press)


def projector_text(window: FacilitatorWindow) -> str:
    p = window.projector
    assert p is not None
    cards = (p.feed_card, p.agreements_card, p.indicators_card)
    return " ".join(card.all_pages_html() for card in cards) + p.kicker.text()


def reveals(window: FacilitatorWindow) -> int:
    return sum(1 for e in window.session.events() if e.kind == "EverythingRevealed")


def test_reveal_all_is_asked_once_recorded_once_and_shown(window: Any, qtbot: Any) -> None:
    window.action_set.projector.setChecked(True)
    before = projector_text(window)
    assert "PUBLIC-MOVE" in before
    assert all(s not in before for s in (SECRET_MOVE, SECRET_DEAL, SECRET_PLEDGE, "Morale"))

    seen: list[str] = []
    answer(qtbot, "Reveal everything", seen)
    window.action_set.reveal_all.trigger()
    assert len(seen) == 1
    for words in ("1 private move", "1 private commitment", "1 private agreement",
                  "the values of Morale", "Undo hides everything again"):  # fmt: skip
        assert words in seen[0], words
    assert reveals(window) == 1
    after = projector_text(window)
    assert all(s in after for s in (SECRET_MOVE, SECRET_DEAL, "Morale", "EVERYTHING REVEALED"))
    assert "was private" in after, "what the room sees only by the reveal says so"
    assert "a private boost" not in after, "Control's reasons stay Control's"
    assert window.event_log.isVisible()
    assert not window.action_set.reveal_all.isEnabled()

    window.action_set.reveal_all.trigger()  # disabled: no question, no second event
    assert len(seen) == 1 and reveals(window) == 1

    assert window.run(ops.undo) is None
    assert SECRET_MOVE not in projector_text(window), "undo hides it again"
    assert window.action_set.reveal_all.isEnabled()


def test_keeping_it_private_records_nothing(window: Any, qtbot: Any) -> None:
    seen: list[str] = []
    answer(qtbot, "Keep it private", seen)
    window.action_set.reveal_all.trigger()
    assert len(seen) == 1 and reveals(window) == 0
    assert not window.session.state.revealed


def test_the_reveal_is_named_in_the_event_log(window: Any, qtbot: Any) -> None:
    answer(qtbot, "Reveal everything", [])
    window.action_set.reveal_all.trigger()
    model = window.event_log.model
    texts = [
        str(model.data(model.index(row, column)))
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    ]
    assert any("Control revealed everything to the room" in t for t in texts)


def test_ctrl_shift_b_opens_the_debrief_on_the_projector(window: Any) -> None:
    debrief = window.action_set.debrief
    assert debrief.shortcut() == QKeySequence("Ctrl+Shift+B")
    debrief.setChecked(True)
    projector = window.projector
    assert projector is not None and projector.showing_debrief
    page = projector.debrief
    assert page.data is not None
    structure = page.structure_card.all_pages_html()
    assert "Deadlock: Commitment 2 (c8) and Commitment 3 (c9) wait on each other" in structure
    assert [c.title for c in page.data.charts] == ["Tension"], "public indicators only"
    assert SECRET_DEAL not in page.agreements_card.all_pages_html()
    assert SECRET_PLEDGE not in {c.text for c in page.data.state.commitments.values()}
    debrief.setChecked(False)
    assert not projector.showing_debrief and projector.feed_card.isVisible()


def test_the_debrief_shows_private_things_once_revealed(window: Any, qtbot: Any) -> None:
    window.action_set.debrief.setChecked(True)
    answer(qtbot, "Reveal everything", [])
    window.action_set.reveal_all.trigger()
    page = window.projector.debrief
    assert page.data.revealed
    assert SECRET_DEAL in page.agreements_card.all_pages_html()
    assert [c.title for c in page.data.charts] == ["Tension", "Morale"]
    assert page.seen.text().startswith("Everything revealed")


@pytest.mark.parametrize("revealed", [False, True])
@pytest.mark.parametrize("large", [False, True])
@pytest.mark.parametrize("size", [(1280, 720), (1366, 768)])
def test_nothing_of_the_debrief_is_cut(
    window: Any, qtbot: Any, large: bool, size: Any, revealed: bool
) -> None:
    if revealed:
        assert window.run(ops.reveal_everything) is None
    set_large_text(large)
    try:
        window.action_set.debrief.setChecked(True)
        projector = window.projector
        projector.showNormal()
        projector.resize(*size)
        qtbot.wait(50)
        assert (projector.width(), projector.height()) == size, "never wider than the screen"
        page = projector.debrief
        for card in (page.structure_card, page.agreements_card):
            shown = sorted(i for p in card.pages for i in p)
            assert shown == list(range(len(card.blocks))), "every block is on some page"
            assert card.body.height() > 0
        charts = page.charts
        assert charts.pages * charts.per_page >= len(charts.charts)
        room = charts.height() / charts.per_page
        assert room >= charts.fontMetrics().height() * 9 or charts.per_page == 1
        view = page.graph
        drawn = view.mapFromScene(view.scene().sceneRect()).boundingRect()
        assert view.viewport().rect().adjusted(-1, -1, 1, 1).contains(drawn), "the graph fits"
        for widget in (page.graph_card, page.charts_card, page.structure_card,
                       page.agreements_card, page.heading):  # fmt: skip
            corner = widget.mapTo(projector, widget.rect().bottomRight())
            assert projector.rect().contains(corner), widget.objectName()
        assert page.heading.width() >= page.heading.sizeHint().width()
    finally:
        set_large_text(False)


def test_the_question_counts_messages_where_team_devices_keep_them(window: Any) -> None:
    from types import SimpleNamespace

    from ui.projector_reveal import revealed_items

    state = SimpleNamespace(
        moves={}, demands={}, commitments={}, agreements={}, injects=[],
        messages={"x1": SimpleNamespace(visibility=("north", "south")),
                  "x2": SimpleNamespace(visibility=("south",)),
                  "x3": SimpleNamespace(visibility=None)},
    )  # fmt: skip
    items = revealed_items(state, window.session.scenario)  # type: ignore[arg-type]
    assert "2 private messages" in items
