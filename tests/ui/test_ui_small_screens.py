"""The windows at a classroom laptop's 1366x768: the replay window's "As seen by" control
is on screen, and the commitments table shows its Status column without scrolling."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QToolButton

from engine.session.live import Session
from ui import operations as ops
from ui import theme
from ui.main_window import FacilitatorWindow
from ui.replay.window import ReplayWindow


def inside(widget: Any, window: Any) -> bool:
    """The whole of ``widget`` lies within ``window``'s rectangle."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    return QRect(QPoint(0, 0), window.size()).contains(QRect(top_left, widget.size()))


@pytest.mark.parametrize("large", [False, True], ids=["normal text", "large text"])
def test_the_replay_window_fits_1366x768_with_its_viewer_control(
    qtbot: Any, session: Session, isolated_settings: Path, large: bool
) -> None:
    session.start_round()
    session.record_move(team="usa", move_type="statement", tone=0, text="Hello")
    path = session.path
    session.close()
    app = QApplication.instance()
    theme.set_large_text(app, large)  # type: ignore[arg-type]
    try:
        replay = ReplayWindow(Session.open(path, read_only=True))
        qtbot.addWidget(replay)
        assert replay.minimumSizeHint().width() <= 1366
        replay.resize(1366, 768)
        replay.show()
        qtbot.waitExposed(replay)
        assert replay.width() <= 1366 and replay.height() <= 768
        viewer = replay.transport.viewer
        assert viewer.isVisible() and inside(viewer, replay)
        assert replay.transport.one_row is not large  # large text: "As seen by" goes below
        assert inside(replay.transport.bookmark_jump, replay)
        event = replay.header.event_label
        assert event.fontMetrics().horizontalAdvance(event.text()) <= event.width()
        assert event.text().endswith("…") or event.text() in event.toolTip()
    finally:
        theme.set_large_text(app, False)  # type: ignore[arg-type]


def test_the_commitments_status_column_is_on_screen_at_1366(
    qtbot: Any, window: FacilitatorWindow
) -> None:
    assert window.run(ops.start_round) is None
    assert window.run(ops.propose_commitment, giver="usa", receiver="dprk",
                      issue="sanctions_relief", text="A first step on relief") is None  # fmt: skip
    window.resize(1366, 768)
    window.tabs.setCurrentWidget(window.tables.page("commitment"))
    table = window.tables["commitment"]
    model, view = table.model, table.view
    qtbot.waitUntil(lambda: view.viewport().width() > 600)  # laid out at 1366
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    status = headers.index("Status")
    x = view.columnViewportPosition(status)
    assert x >= 0 and x + view.columnWidth(status) <= view.viewport().width()


def chip_lines(html: str, font: Any, width: int, names: list[str]) -> list[tuple[int, int]]:
    """For each phase of the strip laid out ``width`` pixels wide: the lines its name's
    first character and its minutes' last character fall on."""
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setDefaultFont(font)
    doc.setHtml(html)
    doc.setTextWidth(width)
    doc.size()  # lays it out
    block = doc.firstBlock()
    text, layout = block.text().replace("\u00a0", " "), block.layout()
    starts = [layout.lineAt(i).textStart() for i in range(layout.lineCount())]

    def line_of(pos: int) -> int:
        return max(i for i, start in enumerate(starts) if start <= pos)

    found, start = [], 0
    for name in names:
        match = re.search(re.escape(name).replace("\\-", "-\u2060?"), text[start:])  # joined "-"
        assert match is not None, (name, text)
        at = start + match.start()
        start = text.index("′", at)
        found.append((line_of(at), line_of(start)))
    return found


def test_the_phase_strip_wraps_between_phases_never_inside_one(qapp: Any, scenario: Any) -> None:
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QLabel

    from engine.domain.state import SessionState
    from ui.panels.round_bar import phase_chips_html

    font = QLabel().font()
    for number, rnd in enumerate(scenario.rounds, start=1):
        state = SessionState(round=number, round_open=True, phase=1)
        html = phase_chips_html(scenario, state)
        names = [p.name for p in rnd.phases]
        metrics = QFontMetrics(font)
        widest = max(metrics.horizontalAdvance(f"  {p.name} {p.minutes:g}′  ") for p in rnd.phases)
        for width in range(widest + 16, 700, 7):  # a line can hold the widest phase
            lines = chip_lines(html, font, width, names)
            assert all(first == last for first, last in lines), (rnd.title, width, lines)
        assert chip_lines(html, font, widest + 16, names)[-1][0] > 0  # narrow, it does wrap


def test_the_replay_header_shows_every_phase_at_1366x768(
    qtbot: Any, tmp_path: Path, isolated_settings: Path
) -> None:
    from engine.scenario import load_scenario
    from engine.session.simulate import simulate_session
    from ui.save_names import DEFAULT_SCENARIO

    scenario = load_scenario(DEFAULT_SCENARIO)
    simulate_session(scenario, tmp_path / "r.parley", 3, seed=2019, events_per_round=20).close()
    replay = ReplayWindow(Session.open(tmp_path / "r.parley", read_only=True))
    qtbot.addWidget(replay)
    replay.resize(1366, 768)
    replay.show()
    qtbot.waitExposed(replay)
    strip = replay.header.phases
    for mark in replay.replay_cursor.rounds():
        replay.seek(mark.seq + 1)
        qtbot.wait(1)
        names = [p.name for p in scenario.rounds[mark.round - 1].phases]
        assert len(chip_lines(strip.text(), strip.font(), strip.width(), names)) == len(names)
        needed = strip.heightForWidth(strip.width())
        assert strip.height() >= needed, "the strip is cut"
        assert needed < 2 * strip.fontMetrics().lineSpacing(), "at 1366 it fits one line"
        assert inside(strip, replay.header)


@pytest.mark.parametrize("large", [False, True], ids=["normal text", "large text"])
def test_the_facilitator_window_fits_1366_with_its_round_controls(
    qtbot: Any, session: Session, isolated_settings: Path, large: bool
) -> None:
    session.start_round()
    app = QApplication.instance()
    theme.set_large_text(app, large)  # type: ignore[arg-type]
    try:
        window = FacilitatorWindow(session)  # opened in large text, as the setting does
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        assert window.minimumSizeHint().width() <= 1366
        for button in window.round_bar.findChildren(QToolButton):
            assert inside(button, window), button.text()
            assert button.width() >= button.sizeHint().width(), f"{button.text()!r} is cut"
    finally:
        theme.set_large_text(app, False)  # type: ignore[arg-type]


def test_a_round_starting_at_the_end_of_the_timeline_keeps_its_label_whole(
    qtbot: Any, session: Session, isolated_settings: Path
) -> None:
    for _ in range(2):
        session.start_round()
        for i in range(30):
            session.add_note(text=f"note {i}")
    session.start_round()  # round 3 starts at the very end of the log
    path = session.path
    session.close()
    replay = ReplayWindow(Session.open(path, read_only=True))
    qtbot.addWidget(replay)
    replay.resize(1366, 768)
    replay.show()
    qtbot.waitExposed(replay)
    timeline = replay.timeline
    image = timeline.grab().toImage()
    band = range(0, int(timeline._track().top()) - 2)  # where the round labels are drawn
    edge = {image.pixel(timeline.width() - 1, y) for y in band}
    assert len(edge) == 1, "a label runs into the right edge"
    inside_track = {image.pixel(x, y) for x in range(timeline.width() - 40, timeline.width() - 4)
                    for y in band}  # fmt: skip
    assert len(inside_track) > 1, "R3 is drawn, left of its tick"
