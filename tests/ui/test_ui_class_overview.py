"""The class overview with three live groups: rows, the class clock, injects, the groups'
facilitator views on the one session each, key indicators, comparing, starting a class."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import DEFAULT_SCENARIO
from engine.scenario import load_scenario
from engine.session.class_run import ClassRun
from engine.session.classes import ClassFile, create_class
from ui import operations as ops
from ui.class_overview import ClassOverview

NAMES = ["Red", "Green", "Blue"]


@pytest.fixture(name="made")
def made_fixture(tmp_path: Path) -> ClassFile:
    scenario = load_scenario(DEFAULT_SCENARIO)
    return create_class(scenario, tmp_path / "p3", NAMES, key_indicators=["tension"])


@pytest.fixture(name="overview")
def overview_fixture(qtbot: Any, made: ClassFile, isolated_settings: Path) -> ClassOverview:
    window = ClassOverview(ClassRun.open(made))
    qtbot.addWidget(window)
    window.show()
    return window


def cell(overview: ClassOverview, name: str, column: int) -> str:
    model = overview.model
    return str(model.index(model.row_of(name), column).data())


def select(overview: ClassOverview, *names: str) -> None:
    from PySide6.QtCore import QItemSelectionModel

    overview.table.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for name in names:
        index = overview.model.index(overview.model.row_of(name), 0)
        overview.table.selectionModel().select(index, flags)


def test_one_row_per_group_with_the_chosen_indicator(overview: ClassOverview) -> None:
    model = overview.model
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == NAMES
    assert model.headerData(7, overview.table.horizontalHeader().orientation(), 0) == "Tension"
    assert cell(overview, "Red", 1) == "Not started"
    assert cell(overview, "Red", 7) == "45"  # its initial value


def test_the_class_clock_starts_a_round_in_every_group(overview: ClassOverview) -> None:
    overview.acts["startRoundAll"].trigger()
    for name in NAMES:
        assert overview.run.session(name).state.round == 1
        assert cell(overview, name, 1).startswith("Round 1 of 6 · ")
    assert overview.timer.running
    assert overview.clock_label.text().startswith("Class clock: round 1 · ")
    assert ":" in cell(overview, "Blue", 2)  # the class clock's countdown


def test_next_phase_and_injects_reach_only_the_selected_groups(
    overview: ClassOverview, monkeypatch: pytest.MonkeyPatch
) -> None:
    overview.acts["startRoundAll"].trigger()
    select(overview, "Green")
    overview.acts["nextPhaseAll"].trigger()
    assert [overview.run.session(n).state.phase for n in NAMES] == [0, 1, 0]
    assert "(off the clock)" in cell(overview, "Red", 2)
    monkeypatch.setattr("ui.class_start.choose_inject", lambda *_a: "sohae_activity")
    select(overview, "Red", "Blue")
    overview.acts["fireInject"].trigger()
    fired = {n: [f.inject for f in overview.run.session(n).state.injects] for n in NAMES}
    assert fired == {"Red": ["sohae_activity"], "Green": [], "Blue": ["sohae_activity"]}


def test_a_refusal_in_one_group_does_not_stop_the_others(
    overview: ClassOverview, monkeypatch: pytest.MonkeyPatch
) -> None:
    warned: list[str] = []
    monkeypatch.setattr("ui.class_overview.QMessageBox.warning", lambda *a: warned.append(a[2]))
    overview.run.session("Blue").start_round()
    overview.acts["nextPhaseAll"].trigger()  # Red and Green have no round open
    assert overview.run.session("Blue").state.phase == 1
    assert "Red" in warned[0] and "Green" in warned[0]


def test_an_event_in_one_group_refreshes_its_row_live(qtbot: Any, overview: ClassOverview) -> None:
    session = overview.run.session("Green")
    session.start_round()
    session.record_move(team="usa", move_type=session.scenario.move_types[0].id, tone=1, text="hi")
    qtbot.waitUntil(lambda: cell(overview, "Green", 4) == "1")  # one move not ruled on
    assert cell(overview, "Red", 4) == "0"


def test_one_click_opens_a_groups_view_on_its_one_session(
    qtbot: Any, overview: ClassOverview
) -> None:
    overview.table.doubleClicked.emit(overview.model.index(overview.model.row_of("Red"), 0))
    window = overview.windows["Red"]
    assert window.session is overview.run.session("Red")  # one writer: the same session
    assert "Red" in window.windowTitle()
    window.run(ops.start_round)
    qtbot.waitUntil(lambda: cell(overview, "Red", 1).startswith("Round 1"))
    window.timer.set_duration(7)  # a group off the class clock shows its own view's timer
    assert cell(overview, "Red", 2) == "7:00"
    select(overview, "Red")
    overview.acts["nextPhaseAll"].trigger()
    assert window.session.state.phase == 1
    window.close()  # its session closes with it: the class opens the save again
    reopened = overview.run.session("Red")
    assert reopened is not window.session and reopened.state.phase == 1
    reopened.next_phase()
    qtbot.waitUntil(lambda: reopened.state.phase == 2 and "·" in cell(overview, "Red", 1))


def test_the_facilitator_picks_the_key_indicators(overview: ClassOverview) -> None:
    from engine.session.classes import load_class

    overview.set_keys(("tension", "support.usa"))
    assert overview.model.columnCount() == 9
    assert load_class(overview.run.file.folder).key_indicators == ("tension", "support.usa")
    assert overview.model.headerData(8, overview.table.horizontalHeader().orientation(), 0) == (
        overview.scenario.value_name("support.usa")
    )


def test_comparing_in_the_app(qtbot: Any, overview: ClassOverview, tmp_path: Path) -> None:
    from ui.class_compare import CompareView

    overview.run.session("Blue").start_round()
    view = CompareView(overview.run, overview.keys, overview)
    qtbot.addWidget(view)
    assert [view.grid.item(r, 0).text() for r in range(view.grid.rowCount())] == NAMES
    assert view.write(tmp_path / "class.csv") is None
    assert (tmp_path / "class.csv").read_text(encoding="utf-8").count("\n") == 4


def test_replay_asks_for_the_selected_groups_save(overview: ClassOverview) -> None:
    asked: list[Path] = []
    overview.replay_requested.connect(asked.append)
    select(overview, "Blue")
    overview.acts["replayGroup"].trigger()
    assert asked == [overview.run.session("Blue").path]


def test_start_a_class_from_the_dialog(qtbot: Any, tmp_path: Path) -> None:
    from ui.class_start import StartClassDialog

    dialog = StartClassDialog(load_scenario(DEFAULT_SCENARIO), tmp_path)
    qtbot.addWidget(dialog)
    dialog.count.setValue(4)
    assert dialog.group_names() == ["Group A", "Group B", "Group C", "Group D"]
    dialog.names.setPlainText("North\nSouth\nEast\nWest")
    dialog.folder.setText(str(tmp_path / "period 3"))
    dialog.make_class()
    assert dialog.made is not None
    assert [g.name for g in dialog.made.groups] == ["North", "South", "East", "West"]
    assert all(g.save.exists() for g in dialog.made.groups)
    again = StartClassDialog(load_scenario(DEFAULT_SCENARIO), tmp_path)
    qtbot.addWidget(again)
    again.folder.setText(str(tmp_path / "period 3"))
    again.make_class()  # the folder holds a class already: said in the dialog
    assert again.made is None and "already holds a class" in again.error.text()


def test_the_app_opens_a_class_and_closing_it_closes_every_session(
    qtbot: Any, made: ClassFile, isolated_settings: Path, tmp_path: Path
) -> None:
    from ui.app import ParleyApp

    app = ParleyApp(saves_dir=tmp_path)
    start = app.show_start()
    qtbot.addWidget(start)
    start.open_class.emit(made.folder)
    overview = next(w for w in app.replays if isinstance(w, ClassOverview))
    assert overview.isVisible() and not start.isVisible()
    overview.open_group("Blue")
    sessions = list(overview.run.sessions.values())
    overview.close()
    assert start.isVisible() and overview not in app.replays
    for session in sessions:  # closed: each save opens for writing again
        type(session).open(session.path).close()
