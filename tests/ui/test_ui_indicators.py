"""The indicator panel: one painted widget showing every value, following the session as
events land, scaling with the large-text mode, and drawing author text as written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor

from conftest import BLOCKS, small_scenario, team
from engine.scenario import parse_scenario
from engine.session.live import Session
from ui import theme
from ui.app import set_large_text
from ui.models.update import Update
from ui.panels.indicator_board import TRACK
from ui.panels.indicators import IndicatorPanel

ODD_NAMES = small_scenario(
    "odd",
    "Odd names",
    team("north", "<b>North</b> & Co", leader="<i>Chair</i>"),
    team("south", "South"),
    BLOCKS["tension"].replace('"Tension"', '"<u>Tension</u>"')
    + 'description = "How close the room is to walking out"\n',
    "trust",
    "relief",
    "statement",
    "working",
)


def make_panel(qtbot: Any, session: Any) -> IndicatorPanel:
    panel = IndicatorPanel(session)
    qtbot.addWidget(panel)
    panel.resize(340, 900)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def adjust(session: Any, panel: IndicatorPanel, key: str, delta: float) -> None:
    seen = session.last_seq
    changes = session.adjust_indicator(key=key, delta=delta, reason="test")
    panel.apply(Update(changes, tuple(session.events(start=seen + 1))))


def pixel(panel: IndicatorPanel, point: QPoint) -> str:
    return QColor(panel.board.grab().toImage().pixel(point)).name()


def test_values_follow_the_session_as_events_land(
    qtbot: Any, session: Any, isolated_settings: Path
) -> None:
    panel = make_panel(qtbot, session)
    state = session.state.indicators
    assert panel.shown("tension") == f"{state['tension']:g}"
    assert panel.shown("trust.usa.dprk") == f"{state['trust.usa.dprk']:g}"
    adjust(session, panel, "tension", 7.5)
    adjust(session, panel, "trust.usa.dprk", -5)
    adjust(session, panel, "support.rok", 3)
    state = session.state.indicators
    assert panel.shown("tension") == f"{state['tension']:g}"
    assert panel.shown("trust.usa.dprk") == f"{state['trust.usa.dprk']:g}"
    assert panel.shown("support.rok") == f"{state['support.rok']:g}"
    assert f"Tension: {state['tension']:g}" in panel.board.accessibleDescription()


def test_a_bar_is_drawn_filled_to_its_value(
    qtbot: Any, session: Any, isolated_settings: Path
) -> None:
    panel = make_panel(qtbot, session)
    _, _, bar = panel.board.layout_for(panel.board.width()).meters["tension"]
    near_end = QPoint(bar.right() - 8, bar.center().y())
    adjust(session, panel, "tension", 1000)  # clamped at the indicator's max
    assert pixel(panel, near_end) == QColor(theme.ACCENT).name()
    adjust(session, panel, "tension", -1000)
    assert pixel(panel, near_end) == QColor(TRACK).name()


def test_large_text_scales_the_panel(qtbot: Any, session: Any, isolated_settings: Path) -> None:
    panel = make_panel(qtbot, session)
    width = panel.board.width()
    set_large_text(False)
    small = panel.board.layout_for(width)
    try:
        set_large_text(True)
        large = panel.board.layout_for(width)
        assert large.fonts.text.pointSizeF() > small.fonts.text.pointSizeF()
        assert large.height > small.height
        assert panel.board.heightForWidth(width) == large.height
    finally:
        set_large_text(False)
    assert panel.board.layout_for(width).height == small.height


def test_author_text_is_drawn_as_written_never_as_markup(
    qtbot: Any, tmp_path: Path, isolated_settings: Path
) -> None:
    session = Session.create(parse_scenario(ODD_NAMES, "odd.toml"), tmp_path / "odd.parley")
    try:
        panel = make_panel(qtbot, session)
        layout = panel.board.layout_for(panel.board.width())
        drawn = " ".join(text.text for text in layout.texts)
        assert "<b>North</b>" in drawn and "<i>Chair</i>" in drawn and "&" in drawn
        assert "<u>Tension</u>" in drawn
    finally:
        session.close()


def test_tooltips_name_what_is_under_the_pointer(
    qtbot: Any, tmp_path: Path, isolated_settings: Path
) -> None:
    session = Session.create(parse_scenario(ODD_NAMES, "odd.toml"), tmp_path / "odd.parley")
    try:
        panel = make_panel(qtbot, session)
        board = panel.board
        layout = board.layout_for(board.width())
        _, row, _ = layout.meters["tension"]
        assert board.tooltip_at(row.center()) == "How close the room is to walking out"
        _, cell = layout.cells["trust.north.south"]
        assert board.tooltip_at(cell.center()) == "<b>North</b> & Co's trust in South"
        assert board.tooltip_at(QPoint(0, 0)) == ""
    finally:
        session.close()


def test_a_long_team_name_wraps_inside_its_card(
    qtbot: Any, session: Any, isolated_settings: Path
) -> None:
    panel = make_panel(qtbot, session)
    board = panel.board
    wide, narrow = board.layout_for(600), board.layout_for(200)
    assert narrow.height > wide.height
    for layout, width in ((wide, 600), (narrow, 200)):
        for text in layout.texts:
            assert text.rect.left() >= 0 and text.rect.left() < width
