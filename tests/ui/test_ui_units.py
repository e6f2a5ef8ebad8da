"""Unit tests of the UI's parts: models, the timer, and the forms' validation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from ui_support import (
    choose,
    submit,
    type_text,
)

from engine.domain.state import Changes
from ui.forms.commitment import AgreementForm, CommitmentForm
from ui.forms.control import AdjustForm, NoteForm
from ui.forms.demand import DemandForm
from ui.forms.move import MoveForm
from ui.models.event_log import BATCH, EventLogModel
from ui.models.records import ID_ROLE, CommitmentModel, MoveModel
from ui.models.update import Update
from ui.save_names import new_save_path
from ui.timer import PhaseTimer, format_remaining


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def update_after(session: Any, seen: int, changes: Changes) -> Update:
    return Update(changes, tuple(session.events(start=seen + 1)))


# ---------------------------------------------------------------------- models


def test_move_model_inserts_new_rows_and_changes_only_touched_ones(
    qtbot: Any, session: Any
) -> None:
    session.start_round()
    session.record_move(team="usa", move_type="statement", tone=0, text="first")
    model = MoveModel(session)
    assert model.rowCount() == 1
    inserted: list[tuple[int, int]] = []
    changed: list[int] = []
    resets: list[bool] = []
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    model.dataChanged.connect(lambda top, _bottom, _roles: changed.append(top.row()))
    model.modelReset.connect(lambda: resets.append(True))

    seen = session.last_seq
    changes = session.record_move(team="dprk", move_type="statement", tone=-1, text="second")
    model.apply(update_after(session, seen, changes))
    assert inserted == [(0, 0)] and changed == [] and resets == []  # newest on top
    assert model.index(0, 6).data() == "second"

    first = model.record_id(1)
    seen = session.last_seq
    changes = session.adjudicate(move=first, outcome="success", method="judgement", reason="ok")
    model.apply(update_after(session, seen, changes))
    assert changed == [1] and inserted == [(0, 0)]
    assert model.index(1, 7).data() == "success"

    seen = session.last_seq
    changes = session.undo()  # the ruling goes: the model re-reads, the move is pending again
    model.apply(update_after(session, seen, changes))
    assert resets == [True]
    assert model.index(1, 7).data() == "pending"
    assert model.index(1, 0).data(ID_ROLE) == first


def test_commitment_model_follows_agreements_and_colours_status(session: Any) -> None:
    session.propose_commitment(giver="usa", receiver="dprk", issue="sanctions_relief", text="x")
    model = CommitmentModel(session)
    cid = model.record_id(0)
    seen = session.last_seq
    changes = session.agree_commitment(commitment=cid)
    model.apply(update_after(session, seen, changes))
    status_column = [c.header for c in model.columns].index("Status")
    index = model.index(0, status_column)
    assert index.data() == "agreed"
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None


def test_event_log_is_lazy_and_newest_first(qtbot: Any, session: Any) -> None:
    with session.batch():
        for i in range(BATCH * 3):
            session.add_note(text=f"note {i}")
    model = EventLogModel(session)
    assert model.rowCount() == BATCH  # a screenful, not the whole log
    assert model.canFetchMore()
    assert model.chunk_reads == 0  # nothing read before a view asks
    assert model.index(0, 0).data() == str(session.last_seq)
    assert model.index(0, 4).data() == f"Note: note {BATCH * 3 - 1}"
    model.fetchMore()
    assert model.rowCount() == 2 * BATCH
    seen = session.last_seq
    changes = session.add_note(text="latest")
    model.apply(update_after(session, seen, changes))
    assert model.rowCount() == 2 * BATCH + 1
    assert model.index(0, 4).data() == "Note: latest"


# ---------------------------------------------------------------------- timer


def test_timer_counts_down_pauses_and_alarms_once(qtbot: Any) -> None:
    clock = FakeClock()
    timer = PhaseTimer(clock=clock)
    alarms: list[bool] = []
    timer.alarm.connect(lambda: alarms.append(True))
    timer.set_duration(2)
    assert timer.remaining_ms() == 120_000 and format_remaining(timer.remaining_ms()) == "2:00"
    timer.start()
    clock.now += 30
    assert format_remaining(timer.remaining_ms()) == "1:30"
    timer.pause()
    clock.now += 600  # paused: no time passes
    assert timer.remaining_ms() == 90_000
    timer.add_minute()
    assert timer.remaining_ms() == 150_000
    timer.start()
    clock.now += 150
    timer.tick()
    assert alarms == [True] and timer.remaining_ms() == 0
    clock.now += 5
    timer.tick()
    assert alarms == [True]  # once
    assert format_remaining(timer.remaining_ms()) == "-0:05"
    timer.reset()
    assert not timer.running and timer.remaining_ms() == 180_000 and not timer.alarmed


def test_timer_ticks_from_the_event_loop(qtbot: Any) -> None:
    clock = FakeClock()
    timer = PhaseTimer(clock=clock, interval_ms=5)
    timer.set_duration(1)
    timer.start()
    clock.now += 61
    with qtbot.waitSignal(timer.alarm, timeout=1000):
        pass


def test_timer_display_shows_big_digits(qtbot: Any) -> None:
    from ui.timer import TimerDisplay

    timer = PhaseTimer(clock=FakeClock())
    display = TimerDisplay(timer)
    qtbot.addWidget(display)
    timer.set_duration(12.5)
    assert display.text() == "12:30"
    assert display.font().pointSizeF() >= 3 * QApplication.font().pointSizeF()


def test_round_bar_escapes_author_text_as_html_escape_does() -> None:
    import html

    from ui.panels.round_bar import escape

    text = """<b>Talks</b> & "terms" 'now' &amp; é"""
    assert escape(text) == html.escape(text)


def test_actions_have_names_tooltips_and_standard_keys(qtbot: Any, session: Any) -> None:
    from ui.main_window import FacilitatorWindow

    window = FacilitatorWindow(session)
    qtbot.addWidget(window)
    actions = window.action_set.by_name
    assert actions["undo"].shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert actions["redo"].shortcuts() == QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
    for name, action in actions.items():
        assert action.objectName() == name and action.toolTip()
    entry = ("record_move", "table_demand", "propose_commitment", "sign_agreement", "adjudicate",
             "fire_inject", "adjust_indicator", "add_note", "set_bookmark", "demand_status",
             "commitment_status")  # fmt: skip
    assert all(not actions[name].shortcut().isEmpty() for name in entry)
    # the window's own ``actions()`` is still QWidget's: every action is added to the window
    assert set(window.actions()) >= set(actions.values())


# ---------------------------------------------------------------------- forms


def never(values: dict[str, Any]) -> str | None:
    raise AssertionError(f"submitted although invalid: {values}")


def test_move_form_needs_text_and_a_private_audience(qtbot: Any, scenario: Any) -> None:
    form = MoveForm(scenario, never)
    qtbot.addWidget(form)
    assert form.problem() == "Write what the team says or does."
    submit(qtbot, form)
    assert form.error.isVisible() or form.error.text()
    type_text(qtbot, form.text, "Hello")
    form.visibility.private.setChecked(True)
    assert "Private to whom" in (form.problem() or "")
    form.visibility.teams.set_checked(["usa"])
    assert form.problem() is None
    assert form.values()["visibility"] == ("usa",)


def test_demand_and_commitment_forms_refuse_a_team_facing_itself(qtbot: Any, scenario: Any) -> None:
    demand = DemandForm(scenario, never)
    qtbot.addWidget(demand)
    choose(demand.from_team, "usa")
    choose(demand.to_team, "usa")
    type_text(qtbot, demand.text, "x")
    assert "itself" in (demand.problem() or "")
    commitment = CommitmentForm(scenario, never, existing=[])
    qtbot.addWidget(commitment)
    choose(commitment.giver, "dprk")
    choose(commitment.receiver, "dprk")
    assert "itself" in (commitment.problem() or "")


def test_agreement_adjust_and_note_forms_validate(qtbot: Any, scenario: Any, session: Any) -> None:
    agreement = AgreementForm(scenario, never, commitments=[])
    adjust = AdjustForm(scenario, never, state=session.state)
    note = NoteForm(scenario, never)
    for form in (agreement, adjust, note):
        qtbot.addWidget(form)
    type_text(qtbot, agreement.title_edit, "Deal")
    assert "Check the commitments" in (agreement.problem() or "")
    assert "0 changes nothing" in (adjust.problem() or "")
    adjust.delta.setValue(3)
    assert "reason" in (adjust.problem() or "")
    assert note.problem() == "The note is empty."


def test_a_domain_error_keeps_the_form_open_with_the_message(qtbot: Any, scenario: Any) -> None:
    calls: list[dict[str, Any]] = []

    def refuse(values: dict[str, Any]) -> str:
        calls.append(values)
        return "team 'usa' is not seated in round 2"

    form = MoveForm(scenario, refuse)
    qtbot.addWidget(form)
    form.show()
    type_text(qtbot, form.text, "Hello")
    submit(qtbot, form)
    assert calls and form.isVisible() and "not seated" in form.error.text()


def test_new_saves_get_readable_free_names(tmp_path: Path) -> None:
    from datetime import datetime

    when = datetime(2026, 11, 28, 9, 35)
    first = new_save_path("after_hanoi_2019", folder=tmp_path / "saves", now=when)
    assert first.name == "after_hanoi_2019-2026-11-28-0935.parley"
    first.write_text("")
    assert new_save_path("after_hanoi_2019", folder=tmp_path / "saves", now=when).name == (
        "after_hanoi_2019-2026-11-28-0935-2.parley"
    )


def test_large_text_and_recent_saves_persist(
    qtbot: Any, isolated_settings: Path, tmp_path: Path
) -> None:
    from ui import settings
    from ui.app import set_large_text

    set_large_text(True)
    assert settings.large_text() is True
    settings.add_recent_save(tmp_path / "a.parley")
    settings.add_recent_save(tmp_path / "b.parley")
    settings.add_recent_save(tmp_path / "a.parley")
    assert [p.name for p in settings.recent_saves()] == ["a.parley", "b.parley"]
    set_large_text(False)
    assert settings.large_text() is False


def test_crash_hook_logs_and_keeps_going(qtbot: Any, monkeypatch: Any, tmp_path: Path) -> None:
    from ui import crash

    shown: list[str] = []
    monkeypatch.setattr(crash, "log_folder", lambda: tmp_path)
    monkeypatch.setattr(crash, "show_crash_dialog", lambda value, path: shown.append(str(value)))
    try:
        raise RuntimeError("boom")
    except RuntimeError as error:
        crash.excepthook(RuntimeError, error, error.__traceback__)
    assert shown == ["boom"]
    assert "RuntimeError: boom" in (tmp_path / crash.LOG_NAME).read_text()


def test_without_a_display_the_app_says_so_instead_of_crashing(tmp_path, minimal_path) -> None:
    import os
    import subprocess
    import sys

    from conftest import ROOT
    from engine.scenario import load_scenario
    from engine.session.live import Session

    save = tmp_path / "real.parley"
    Session.create(load_scenario(minimal_path), save).close()
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    for argv in (["main.py"], ["main.py", "replay", str(save)]):
        done = subprocess.run(
            [sys.executable, *argv], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 1, done.stderr
        assert "No display found" in done.stderr and "xvfb-run" in done.stderr
        assert "Traceback" not in done.stderr


def test_the_app_puts_new_saves_where_the_command_line_does(qapp) -> None:
    """Qt's documents folder and the engine's reading of the desktop setting agree."""
    from engine.save.folders import default_saves_folder
    from ui.save_names import default_saves_dir

    assert default_saves_dir() == default_saves_folder()
    assert "site-packages" not in str(default_saves_dir())


def test_every_window_gets_parleys_icon(qapp) -> None:
    from ui.app import ICON, window_icon

    assert ICON.is_file() and not window_icon().isNull()
    assert not window_icon().pixmap(64, 64).isNull()
