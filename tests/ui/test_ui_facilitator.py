"""The facilitator window's finer points, driven through its widgets: conditions between
commitments (and the deadlock the graph then shows), sorting tables by their headers,
keyboard shortcuts and focus order, the phase timer across a reopen or a crash, the
projector's pair indicators, errors, and what persists in QSettings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QSettings, QStandardPaths, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QGraphicsItem, QMessageBox, QWidget
from ui_support import (
    choose,
    submit,
    type_text,
)

from engine.session.live import Session
from ui import crash, settings, theme
from ui import operations as ops
from ui.main_window import FacilitatorWindow
from ui.models.records import ID_ROLE
from ui.projector import ProjectorWindow, public_indicators_html
from ui.timer import RESUME_WITHIN_S, format_remaining


class FakeClock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def open_form(window: FacilitatorWindow, action: str) -> Any:
    window.action_set.by_name[action].trigger()
    form = window.entries.active
    assert form is not None and form.isVisible()
    return form


def propose(window: FacilitatorWindow, giver: str, receiver: str, issue: str, text: str) -> str:
    assert window.run(ops.propose_commitment, giver=giver, receiver=receiver, issue=issue,
                      text=text) is None  # fmt: skip
    return list(window.session.state.commitments)[-1]


# ---------------------------------------------------------------------- conditions


def test_add_condition_makes_two_commitments_wait_on_each_other(
    qtbot: Any, window: FacilitatorWindow
) -> None:
    s = window.session
    window.run(ops.start_round)
    first = propose(window, "usa", "dprk", "sanctions_relief", "Suspend two resolutions")
    second = propose(window, "dprk", "usa", "yongbyon_dismantlement", "Dismantle Yongbyon")

    window.tables["commitment"].select(first)
    form = open_form(window, "add_condition")
    assert form.commitment.currentData() == first  # the selected commitment
    assert form.condition.currentData() == second  # the only other one
    submit(qtbot, form)
    assert window.entries.active is None, form.error.text()
    assert s.state.commitments[first].condition_refs("commitment") == (second,)
    commitments = window.tables["commitment"].model
    if_column = [c.header for c in commitments.columns].index("If")
    label = f"Commitment {s.state.commitments[second].number} fulfilled"  # and its kind
    assert commitments.index(commitments.row_of(first), if_column).data() == label

    window.tables["commitment"].select(second)
    form = open_form(window, "add_condition")
    assert form.commitment.currentData() == second
    assert form.condition.itemData(0) == first  # the one already waiting on it comes first
    submit(qtbot, form)
    assert s.state.commitments[second].condition_refs("commitment") == (first,)

    # The same condition twice is a domain error: shown in the form, nothing written.
    before = s.last_seq
    form = open_form(window, "add_condition")
    choose(form.commitment, second)
    assert form.condition.findData(first) < 0  # not offered again
    form.reject()
    assert s.last_seq == before

    # The graph tab shows the cycle as a deadlock (red outline, tooltip).
    window.tabs.setCurrentWidget(window.insight.graph_host)
    qtbot.waitUntil(lambda: window.insight.view is not None)
    qtbot.waitUntil(lambda: window.insight._drawn["graph"])
    tips = [i.toolTip() for i in window.insight.view.scene().items() if i.toolTip()]
    said = {key: f"Commitment {s.state.commitments[key].number} ({key})" for key in (first, second)}
    assert all(f"{said[key]}: proposed · deadlocked" in tips for key in (first, second))

    # Undo takes the last condition away again, named.
    assert "condition" in window.action_set.undo.text().lower()
    window.action_set.undo.trigger()
    assert s.state.commitments[second].conditions == ()


def test_add_condition_form_explains_when_there_is_nothing_to_condition(
    qtbot: Any, window: FacilitatorWindow
) -> None:
    form = open_form(window, "add_condition")
    submit(qtbot, form)
    assert form.isVisible() and "open commitment" in form.error.text()
    form.reject()


# ---------------------------------------------------------------------- tables


def header_click(qtbot: Any, table: Any, column: int) -> None:
    header = table.view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def shown_ids(table: Any) -> list[str]:
    model = table.view.model()
    return [model.index(r, 0).data(ID_ROLE) for r in range(model.rowCount())]


def test_tables_sort_by_a_header_click_and_keep_new_rows_in_order(
    qtbot: Any, window: FacilitatorWindow
) -> None:
    s = window.session
    window.run(ops.start_round)
    for team, tone in (("usa", 2), ("dprk", -3), ("rok", 1)):
        window.run(ops.record_move, team=team, move_type="statement", tone=tone, text=team)
    table = window.tables["move"]
    assert table.view.model() is table.model  # unsorted: the view reads the model itself
    newest_first = shown_ids(table)
    assert newest_first == list(reversed(s.state.moves))

    tone = [c.header for c in table.model.columns].index("Tone")
    header_click(qtbot, table, tone)
    assert table.sorted_by[0] == tone and table.view.model() is table.proxy
    tones = [s.state.moves[i].tone for i in shown_ids(table)]
    assert tones == sorted(tones) or tones == sorted(tones, reverse=True)
    header_click(qtbot, table, tone)  # the other way round
    again = [s.state.moves[i].tone for i in shown_ids(table)]
    assert again == list(reversed(tones))

    # A new move goes to its place in the sorted order (no re-sort of the world).
    resets: list[bool] = []
    table.proxy.modelReset.connect(lambda: resets.append(True))
    window.run(ops.record_move, team="japan", move_type="statement", tone=0, text="middle")
    tones = [s.state.moves[i].tone for i in shown_ids(table)]
    assert 0 in tones and (tones == sorted(tones) or tones == sorted(tones, reverse=True))
    assert not resets
    assert table.count.text() == "4"

    # Sorting and filtering together; then back to the natural order, straight from the model.
    choose(table.team_filter, "dprk")
    assert shown_ids(table) == [m for m in s.state.moves if s.state.moves[m].team == "dprk"]
    choose(table.team_filter, None)
    table.sort_by(0, Qt.SortOrder.DescendingOrder)
    assert table.view.model() is table.model
    assert shown_ids(table) == list(reversed(s.state.moves))


def test_hidden_tables_are_built_when_first_shown(window: FacilitatorWindow) -> None:
    assert [t.model.kind for t in window.tables.built()] == ["move"]
    window.run(ops.start_round)
    propose(window, "usa", "dprk", "sanctions_relief", "Suspend two resolutions")
    window.tabs.setCurrentWidget(window.tables.page("commitment"))
    built = {t.model.kind for t in window.tables.built()}
    assert built == {"move", "commitment"}
    assert window.tables["commitment"].model.rowCount() == 1  # the state as it is by then
    propose(window, "dprk", "usa", "yongbyon_dismantlement", "Dismantle Yongbyon")
    assert window.tables["commitment"].model.rowCount() == 2  # and it follows from then on
    assert set(window.tables) == {"move", "demand", "commitment", "agreement"}


# ---------------------------------------------------------------------- keyboard


def test_window_shortcuts_reach_their_actions(qtbot: Any, window: FacilitatorWindow) -> None:
    """Each action's own key sequence, typed at the window, triggers that action."""
    window.activateWindow()
    window.raise_()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    skip = {"quit", "close_window", "new_session", "open_save", "undo", "redo", "end_round",
            "next_phase", "report", "team_report", "handouts"}  # fmt: skip
    reached: list[str] = []
    tried: list[str] = []
    for name, action in window.action_set.by_name.items():
        keys = action.shortcut()
        if name in skip or keys.isEmpty() or not action.isEnabled():
            continue
        tried.append(name)
        action.triggered.connect(lambda _checked=False, n=name: reached.append(n))
        combo = keys[0]
        QTest.keyClick(window, combo.key(), combo.keyboardModifiers())
        if window.entries.active is not None:  # an entry form opened: close it again
            window.entries.active.reject()
            qtbot.waitUntil(lambda: window.entries.active is None)
        if name == "projector":
            window.action_set.projector.setChecked(False)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert "record_move" in tried and "add_condition" in tried and "timer_toggle" in tried
    assert reached == tried


def test_entry_shortcuts_are_unique(window: FacilitatorWindow) -> None:
    seen: dict[str, str] = {}
    for name, action in window.action_set.by_name.items():
        for keys in action.shortcuts():
            text = keys.toString(QKeySequence.SequenceFormat.PortableText)
            assert text not in seen, f"{name} and {seen.get(text)} share {text}"
            seen[text] = name


def focus_walk(qtbot: Any, form: Any, steps: int) -> list[QWidget]:
    """Press Tab ``steps`` times from the first field; the widgets that got the focus."""
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    first = form.tab_chain()[0]
    first.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first)
    walked = [first]
    for _ in range(steps):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        walked.append(QApplication.focusWidget())
    return walked


def test_move_form_tab_order_runs_down_the_rows(qtbot: Any, window: FacilitatorWindow) -> None:
    form = open_form(window, "record_move")
    expected = [form.team, form.move_type, form.tone, form.text, form.targets,
                form.visibility.private, form.ok_button, form.cancel_button]  # fmt: skip
    assert form.tab_chain() == [*expected[:6], form.visibility.teams, *expected[6:]]
    walked = focus_walk(qtbot, form, len(expected) - 1)
    # the private teams list is skipped while it is disabled (public is the default)
    assert [w.objectName() or type(w).__name__ for w in walked] == [
        w.objectName() or type(w).__name__ for w in expected
    ]
    form.visibility.private.setChecked(True)
    form.visibility.private.setFocus()
    QTest.keyClick(form.visibility.private, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.visibility.teams
    form.reject()


def test_commitment_form_tab_order_runs_down_the_rows(
    qtbot: Any, window: FacilitatorWindow
) -> None:
    form = open_form(window, "propose_commitment")
    expected = [form.giver, form.more_givers, form.receiver, form.more_receivers, form.proposer,
                form.issue, form.text, form.conditions,
                form.due_round, form.verification, form.visibility.private, form.ok_button,
                form.cancel_button]  # fmt: skip
    walked = focus_walk(qtbot, form, len(expected) - 1)
    assert walked == expected
    QTest.keyClick(form.cancel_button, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.giver  # round again to the first row
    form.reject()


@pytest.mark.parametrize(
    "action",
    ["record_move", "table_demand", "demand_status", "propose_commitment", "commitment_status",
     "add_condition", "sign_agreement", "adjudicate", "fire_inject", "adjust_indicator",
     "add_note", "set_bookmark"],
)  # fmt: skip
def test_every_form_control_has_an_accessible_name_and_a_place_in_the_tab_order(
    window: FacilitatorWindow, action: str
) -> None:
    form = open_form(window, action)
    chain = form.tab_chain()
    assert chain[-2:] == [form.ok_button, form.cancel_button]
    for widget in chain:
        name = widget.accessibleName() or getattr(widget, "text", lambda: "")()
        assert name.strip(), f"{action}: {widget.objectName() or type(widget).__name__}"
    rows = [form.form.itemAt(i, form.form.ItemRole.FieldRole) for i in range(form.form.rowCount())]
    for item in rows:
        if item is not None and item.widget() is not None:
            assert item.widget().accessibleName(), f"{action}: {item.widget().objectName()}"
    form.reject()


# ---------------------------------------------------------------------- the timer


def reopen(qtbot: Any, path: Path, **clocks: Any) -> FacilitatorWindow:
    again = FacilitatorWindow(Session.open(path), **clocks)
    qtbot.addWidget(again)
    return again


def test_a_paused_timer_comes_back_as_it_was(
    qtbot: Any, session: Any, isolated_settings: Path
) -> None:
    clock, wall = FakeClock(100.0), FakeClock(1_000_000.0)
    window = FacilitatorWindow(session, clock=clock, wall=wall)
    qtbot.addWidget(window)
    window.run(ops.start_round)
    window.action_set.timer_toggle.trigger()  # start
    clock.now += 95
    window.action_set.timer_add_minute.trigger()
    window.action_set.timer_toggle.trigger()  # pause
    remaining = window.timer.remaining_ms()
    path = session.path
    window.close()

    wall.now += 3 * 3600  # the next morning
    again = reopen(qtbot, path, clock=FakeClock(5.0), wall=wall)
    assert again.timer.remaining_ms() == remaining and not again.timer.running
    assert again.round_bar.timer_display.text() == format_remaining(remaining)
    again.close()


def test_a_running_timer_resumes_after_a_crash_counting_the_time_away(
    qtbot: Any, session: Any, isolated_settings: Path
) -> None:
    clock, wall = FakeClock(100.0), FakeClock(1_000_000.0)
    window = FacilitatorWindow(session, clock=clock, wall=wall)
    qtbot.addWidget(window)
    window.run(ops.start_round)
    window.action_set.timer_toggle.trigger()
    clock.now += 30
    wall.now += 30
    window.remember_timer()  # what the 5-second keeper does while the timer runs
    remaining = window.timer.remaining_ms()
    path = session.path
    # A crash: no closeEvent, the process is gone; the save and QSettings are on disk.
    window.timer.changed.disconnect()
    session.close()
    window.deleteLater()

    wall.now += 20  # Parley is started again twenty seconds later
    again = reopen(qtbot, path, clock=FakeClock(7.0), wall=wall)
    assert again.timer.running
    assert again.timer.remaining_ms() == remaining - 20_000
    assert again.action_set.timer_toggle.text() == "Pause timer"
    again.close()

    # Reopened long after: the timer waits, paused where it was written.
    settings.settings().sync()
    wall.now += RESUME_WITHIN_S + 60
    third = reopen(qtbot, path, clock=FakeClock(9.0), wall=wall)
    assert not third.timer.running
    third.close()


def test_a_new_phase_starts_the_full_time_not_the_remembered_one(
    qtbot: Any, session: Any, isolated_settings: Path
) -> None:
    clock = FakeClock(100.0)
    window = FacilitatorWindow(session, clock=clock)
    qtbot.addWidget(window)
    window.run(ops.start_round)
    window.timer.start()
    clock.now += 60
    window.timer.pause()
    window.run(ops.next_phase)  # the phase changed: its own full time
    full = window.timer.duration_ms
    path = session.path
    window.close()
    again = reopen(qtbot, path)
    assert again.timer.remaining_ms() == full == again.timer.duration_ms
    again.close()


# ---------------------------------------------------------------------- projector


def test_projector_shows_pair_indicators_publicly(qtbot: Any, window: FacilitatorWindow) -> None:
    s = window.session
    assert "No change yet" in public_indicators_html(s)
    window.run(ops.adjust_indicator, key="trust.dprk.usa", delta=-12,
               reason="SECRET-REASON-7: a leak")  # fmt: skip
    window.action_set.projector.setChecked(True)
    projector = window.projector
    assert isinstance(projector, ProjectorWindow)
    qtbot.addWidget(projector)
    html = projector.indicators_card.all_pages_html()
    assert "Trust" in html and "DPRK&#8594;USA" in html and "(-12)" in html
    assert "SECRET-REASON-7" not in html
    window.run(ops.adjust_indicator, key="trust.usa.rok", delta=30, reason="a visit")
    assert "USA&#8594;ROK" in projector.indicators_card.all_pages_html()  # follows live
    window.action_set.projector.setChecked(False)


# ---------------------------------------------------------------------- errors


def test_a_domain_error_is_a_readable_message_and_changes_nothing(
    qtbot: Any, window: FacilitatorWindow
) -> None:
    s = window.session
    window.run(ops.start_round)  # round 1 seats every team
    window.run(ops.end_round)
    window.run(ops.start_round)  # round 2: a summit of DPRK and ROK only
    before = (s.last_seq, s.state)
    error = window.run(ops.record_move, team="usa", move_type="conciliatory_statement", tone=0,
                       text="Uninvited")  # fmt: skip
    assert error is not None and error.startswith("United States is not seated at this summit")
    assert "only Republic of Korea and" in error, "in the facilitator's words, not ids"
    assert (s.last_seq, s.state) == before
    error = window.run(ops.set_demand_status, demand="d999", status="met")
    assert error and "d999" in error
    assert "Not done" in window.statusBar().currentMessage()
    assert (s.last_seq, s.state) == before


def test_an_unexpected_exception_gets_a_dialog_a_log_and_leaves_the_session_intact(
    qtbot: Any, window: FacilitatorWindow, monkeypatch: Any, tmp_path: Path
) -> None:
    s = window.session
    window.run(ops.start_round)
    window.run(ops.record_move, team="usa", move_type="statement", tone=1, text="kept")
    before = (s.last_seq, s.state)
    dialogs: list[QMessageBox] = []

    def no_exec(box: QMessageBox) -> int:
        dialogs.append(box)
        return 0

    monkeypatch.setattr(crash, "log_folder", lambda: tmp_path)
    monkeypatch.setattr(QMessageBox, "exec", no_exec)

    def broken(**_kwargs: Any) -> Any:
        raise ZeroDivisionError("a bug, not a domain error")

    monkeypatch.setattr(s, "add_note", broken)
    form = open_form(window, "add_note")
    type_text(qtbot, form.text, "this note hits the bug")
    submit(qtbot, form)  # the window's one flow catches it: log, dialog, carry on
    assert form.isVisible() and "unexpected ZeroDivisionError" in form.error.text()

    assert dialogs and "Your session is safe" in dialogs[0].text()
    assert "ZeroDivisionError" in dialogs[0].informativeText()
    log = (tmp_path / crash.LOG_NAME).read_text()
    assert "ZeroDivisionError: a bug, not a domain error" in log
    assert (s.last_seq, s.state) == before
    monkeypatch.undo()
    form.reject()
    assert window.run(ops.add_note, text="the session goes on") is None
    path = s.path
    window.close()
    with Session.open(path) as reopened:
        assert reopened.last_seq == before[0] + 1


def test_crash_log_goes_under_the_user_data_folder(isolated_settings: Path) -> None:
    QStandardPaths.setTestModeEnabled(True)  # never the real user's folder
    try:
        folder = crash.log_folder()
        wanted = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        assert folder == Path(wanted) and folder.is_dir()
    finally:
        QStandardPaths.setTestModeEnabled(False)


# ---------------------------------------------------------------------- settings


def test_large_text_mode_scales_the_window_and_persists(
    qtbot: Any, window: FacilitatorWindow
) -> None:
    from ui.app import set_large_text

    window.large_text_changed.connect(set_large_text)
    base = QApplication.font().pointSizeF()
    timer_size = window.round_bar.timer_display.font().pointSizeF()
    window.action_set.large_text.trigger()
    assert window.action_set.large_text.isChecked()
    assert QApplication.font().pointSizeF() == theme.LARGE_POINT_SIZE > base
    assert window.round_bar.timer_display.font().pointSizeF() > timer_size
    assert settings.large_text() is True
    assert QSettings().value(settings.LARGE_TEXT_KEY, type=bool) is True
    second = FacilitatorWindow(window.session)
    qtbot.addWidget(second)
    assert second.action_set.large_text.isChecked()  # a new window starts in large text
    window.action_set.large_text.trigger()
    assert QApplication.font().pointSizeF() == theme.BASE_POINT_SIZE
    assert settings.large_text() is False


def test_window_layout_persists(qtbot: Any, session: Any, isolated_settings: Path) -> None:
    window = FacilitatorWindow(session)
    qtbot.addWidget(window)
    window.show()
    dock = window.findChild(QWidget, "indicatorDock")
    window.removeDockWidget(dock)  # type: ignore[arg-type]
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)  # type: ignore[arg-type]
    dock.show()
    path = session.path
    window.close()
    from ui.main_window import GEOMETRY_KEY, STATE_KEY

    assert QSettings().value(GEOMETRY_KEY) and QSettings().value(STATE_KEY)
    again = reopen(qtbot, path)
    again.show()
    moved = again.findChild(QWidget, "indicatorDock")
    assert again.dockWidgetArea(moved) == Qt.DockWidgetArea.RightDockWidgetArea  # type: ignore[arg-type]
    again.close()


def test_graph_items_are_clickable(window: FacilitatorWindow) -> None:
    """Kept small: the graph is drawn from the engine's report once its tab is shown."""
    window.run(ops.start_round)
    propose(window, "usa", "dprk", "sanctions_relief", "Suspend two resolutions")
    window.tabs.setCurrentWidget(window.insight.graph_host)
    items = window.insight.view.scene().items()
    assert any(i.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsSelectable or i.toolTip()
               for i in items)  # fmt: skip


def test_injects_due_at_a_round_are_announced_until_fired(window: FacilitatorWindow) -> None:
    session = window.session
    assert window.action_set.fire_inject.text() == "Fire &inject…", "nothing is due before round 1"
    assert window.run(ops.start_round) is None
    due = session.due_injects()
    assert due, "the default scenario has an inject due in round 1"
    assert window.action_set.fire_inject.text() == f"Fire &inject… ({len(due)} due)"
    message = window.statusBar().currentMessage()
    assert all(inject.title in message for inject in due) and "Ctrl+I" in message
    for inject in due:
        assert window.run(ops.fire_inject, inject=inject.id) is None
    assert window.action_set.fire_inject.text() == "Fire &inject…"
