"""The class overview: every group of a class, live, in one window of one process.

Each group's session is open once, for writing (``engine.session.class_run.ClassRun``):
the overview and a group's facilitator window share that one session, so each save has
one writer. Every committed event of a group (from the overview's class clock, an
inject, or the group's own window) reaches the overview through the session's ``echo``;
the group is marked changed and its one row is re-read from the engine on the next turn
of the event loop (``GroupWatch.status``), so a busy group never repaints the others.

The class clock starts a round, or moves to the next phase, in every group (or the
selected ones) and counts the phase down for all; one inject can be fired to all groups
or to the selected ones. Double-click (or Enter) opens a group's facilitator view.
Afterwards: replay a group, write a group's report, compare the groups.

"Open to team devices…" opens every group to its teams' devices at one address
(``ui/class_devices.py``); the pending column counts each group's inbox (pending and held
submissions), live. Reopened after a restart, the overview puts the class clock back
from the groups' logs (``engine.session.class_run.class_clock``), or says that the
groups are on different phases.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from engine.graph.class_status import GroupWatch
from engine.report.compare import check_key_indicators, default_key_indicators
from engine.session.class_run import ClassRun, Outcome
from ui import theme
from ui.class_model import NAME_ROLE, ClassTableModel
from ui.i18n import QT_TRANSLATE_NOOP, translate
from ui.plain_text import as_rich_text
from ui.screen_fit import fit_to_screen
from ui.timer import PhaseTimer, format_remaining

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from engine.graph.class_status import GroupStatus
    from engine.session.live import Session
    from ui.class_devices import ClassDevices, Codes
    from ui.main_window import FacilitatorWindow
    from ui.report_dialog import Job


class ClassOverview(QMainWindow):
    closed = Signal()
    replay_requested = Signal(object)  # Path of a group's save
    start_screen_requested = Signal()

    def __init__(
        self, run: ClassRun, parent: QWidget | None = None, *, codes: Codes | None = None
    ) -> None:
        super().__init__(parent)
        self.run = run
        self.codes = codes  # the join codes issued when the class started (texts told once)
        self._devices: ClassDevices | None = None
        self.scenario = run.scenario
        self.setObjectName("classOverview")
        title = run.file.title or run.file.folder.name
        self.setWindowTitle(
            translate("ClassOverview", "Parley — class {0} — {1}").format(
                title, self.scenario.title
            )
        )
        chosen = run.file.key_indicators or default_key_indicators(self.scenario)
        self.keys: tuple[str, ...] = tuple(chosen)[:3]
        self.watches = {name: GroupWatch(name, s) for name, s in run.sessions.items()}
        self.windows: dict[str, FacilitatorWindow] = {}
        self.timer = PhaseTimer(parent=self)
        self.clock: tuple[int, int] | None = None  # (round, phase) the class clock is on
        self._dirty: set[str] = set()
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(0)
        self._flush.timeout.connect(self.refresh_changed)
        self.job: Job | None = None
        self._closing = False
        for name, session in run.sessions.items():
            self._listen(name, session)
        self._build()
        self.timer.ticked.connect(self._tick)
        self._seconds = QTimer(self)  # the groups' own timers, once a second
        self._seconds.setInterval(1000)
        self._seconds.timeout.connect(self.model.timers_changed)
        self._seconds.start()
        self.resize(1180, 640)
        fit_to_screen(self)
        self.statusBar().showMessage(
            translate(
                "ClassOverview",
                "{0} groups live. Double-click a group to open its facilitator view.",
            ).format(len(self.watches)),
            8000,
        )
        self.restore_clock()

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        central = QWidget(self)
        self.setCentralWidget(central)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(12, 10, 12, 10)
        head = QHBoxLayout()
        kicker = QLabel(
            translate("ClassOverview", "CLASS · {0} GROUPS · {1}").format(
                len(self.watches), self.scenario.title
            ),
            central,
        )
        kicker.setObjectName("roundKicker")
        head.addWidget(kicker, 1)
        self.clock_label = QLabel(translate("ClassOverview", "Class clock: not started"), central)
        self.clock_label.setObjectName("classClock")
        theme.scale_font(self.clock_label, 1.6, bold=True, mono=True)
        head.addWidget(self.clock_label)
        layout.addLayout(head)
        self.model = ClassTableModel(self.scenario, self._statuses(), self.keys, self)
        self.table = QTableView(central)
        self.table.setObjectName("classTable")
        self.table.setAccessibleName(translate("ClassOverview", "Groups of the class"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # round and phase
        header.setStretchLastSection(False)
        rows = self.table.verticalHeader()
        rows.setDefaultSectionSize(round(self.fontMetrics().lineSpacing() * 2.2))
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated.connect(self._open_index)
        layout.addWidget(self.table, 1)
        hint = QLabel(
            translate(
                "ClassOverview",
                "The class clock and injects act on the selected groups, or on every group "
                "when none is selected.",
            ),
            central,
        )
        hint.setProperty("role", "muted")
        layout.addWidget(hint)
        self._actions()

    def _actions(self) -> None:
        bar = QToolBar(translate("ClassOverview", "Class"), self)
        bar.setObjectName("classToolbar")
        bar.setMovable(False)
        self.addToolBar(bar)
        specs: list[tuple[str, str, str, Callable[[], None], str | None]] = [
            (
                "startRoundAll",
                QT_TRANSLATE_NOOP("ClassOverview", "Start round"),
                QT_TRANSLATE_NOOP("ClassOverview", "Start the next round in the groups"),
                self.start_round,
                "F5",
            ),
            (
                "nextPhaseAll",
                QT_TRANSLATE_NOOP("ClassOverview", "Next phase"),
                QT_TRANSLATE_NOOP("ClassOverview", "Move the groups to their next phase"),
                self.next_phase,
                "F6",
            ),
            (
                "pauseClock",
                QT_TRANSLATE_NOOP("ClassOverview", "Pause clock"),
                QT_TRANSLATE_NOOP("ClassOverview", "Pause or resume the class clock"),
                self.timer.toggle,
                "F9",
            ),
            (
                "fireInject",
                QT_TRANSLATE_NOOP("ClassOverview", "Fire inject…"),
                QT_TRANSLATE_NOOP("ClassOverview", "Fire one inject in the groups"),
                self.fire_inject,
                "Ctrl+I",
            ),
            (
                "openGroup",
                QT_TRANSLATE_NOOP("ClassOverview", "Open group"),
                QT_TRANSLATE_NOOP("ClassOverview", "Open the group's facilitator view"),
                self.open_selected,
                "Ctrl+O",
            ),
            (
                "replayGroup",
                QT_TRANSLATE_NOOP("ClassOverview", "Replay group"),
                QT_TRANSLATE_NOOP("ClassOverview", "Replay the group's save, read-only"),
                self.replay_selected,
                None,
            ),
            (
                "reportGroup",
                QT_TRANSLATE_NOOP("ClassOverview", "Group report…"),
                QT_TRANSLATE_NOOP("ClassOverview", "Write the group's after-action report"),
                self.report_selected,
                None,
            ),
            (
                "compareGroups",
                QT_TRANSLATE_NOOP("ClassOverview", "Compare groups…"),
                QT_TRANSLATE_NOOP("ClassOverview", "Compare the groups side by side"),
                self.compare,
                None,
            ),
            (
                "keyIndicators",
                QT_TRANSLATE_NOOP("ClassOverview", "Key indicators…"),
                QT_TRANSLATE_NOOP("ClassOverview", "Choose the two or three indicators shown"),
                self.choose_indicators,
                None,
            ),
            (
                "classDevices",
                QT_TRANSLATE_NOOP("ClassOverview", "Open to team devices…"),
                QT_TRANSLATE_NOOP(
                    "ClassOverview",
                    "Open every group to its teams' devices, at one address; codes and join slips",
                ),
                self.show_devices,
                None,
            ),
        ]
        self.acts: dict[str, QAction] = {}
        for name, text, tip, slot, keys in specs:
            action = QAction(translate("ClassOverview", text), self)
            action.setObjectName(name)
            action.setToolTip(translate("ClassOverview", tip))
            if keys:
                action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            bar.addAction(action)
            self.acts[name] = action

    # ------------------------------------------------------------------ live updates
    def _listen(self, name: str, session: Session) -> None:
        session.echo.append(lambda _env, name=name: self._changed(name))

    def group_changed(self, name: str) -> None:
        """The group's row is re-read on the next turn of the event loop."""
        self._changed(name)

    def _changed(self, name: str) -> None:
        self._dirty.add(name)
        if not self._flush.isActive():
            self._flush.start()

    def refresh_changed(self) -> None:
        """Re-read the groups that changed since the last refresh (one row each)."""
        dirty, self._dirty = self._dirty, set()
        for name in self.run.names:
            if name in dirty:
                self.model.set_status(self.watches[name].status(self.keys))

    def _statuses(self) -> list[GroupStatus]:
        return [self.watches[n].status(self.keys) for n in self.run.names]

    def selected_groups(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.statuses[r].name for r in rows]

    def _targets(self) -> list[str]:
        return self.selected_groups() or list(self.run.names)

    # ------------------------------------------------------------------ the class clock
    def start_round(self) -> None:
        outcomes = self.run.start_round(self._targets())
        self._after(outcomes, translate("ClassOverview", "Round started"))
        self._set_clock(outcomes)

    def next_phase(self) -> None:
        outcomes = self.run.next_phase(self._targets())
        self._after(outcomes, translate("ClassOverview", "Next phase"))
        self._set_clock(outcomes)

    def _set_clock(self, outcomes: list[Outcome]) -> None:
        done = [o for o in outcomes if o.ok]
        if not done:
            return
        state = self.run.session(done[0].group).state
        self.clock = (state.round, state.phase)
        status = self.watches[done[0].group].status(self.keys)
        self.timer.set_duration(status.phase_minutes)
        self.timer.start()

    def restore_clock(self) -> None:
        """After a restart: the class clock as the groups' logs leave it (the phase's time
        counted from when it began), or the groups' places when they differ."""
        import time

        from engine.session.class_run import class_clock

        clock, why = class_clock(self.run)
        if clock is None:
            if why:
                self.clock_label.setText(
                    translate("ClassOverview", "Class clock: groups on different phases")
                )
                self.clock_label.setToolTip(why)
                self.statusBar().showMessage(
                    why
                    + translate(
                        "ClassOverview", " Start or move them together to keep one class clock."
                    ),
                    15000,
                )
            return
        self.clock = (clock.round, clock.phase)
        duration = round(clock.minutes * 60_000)
        elapsed = round((time.time() - clock.began) * 1000)
        self.timer.restore(duration_ms=duration, elapsed_ms=max(0, elapsed), running=True)

    def show_devices(self) -> None:
        self.devices.show_dialog()

    @property
    def devices(self) -> ClassDevices:
        """The class's team devices (``ui/class_devices.py``), made when first asked for."""
        if self._devices is None:
            from ui.class_devices import ClassDevices

            self._devices = ClassDevices(self, self.codes)
        return self._devices

    def _tick(self, remaining: int) -> None:
        if self.clock is None:
            return
        rnd, phase = self.clock
        self.model.set_clock((rnd, phase, remaining))
        self.clock_label.setText(
            translate("ClassOverview", "Class clock: round {0} · {1}").format(
                rnd, format_remaining(remaining)
            )
        )

    def fire_inject(self) -> None:
        from ui.class_start import choose_inject

        injects = self.scenario.injects
        if not injects:
            self.statusBar().showMessage(
                translate("ClassOverview", "The scenario has no injects."), 6000
            )
            return
        chosen = choose_inject(self, self.scenario, self._targets())
        if chosen is not None:
            self.fire(chosen, self._targets())

    def fire(self, inject: str, groups: list[str]) -> list[Outcome]:
        outcomes = self.run.fire_inject(inject, groups)
        self._after(outcomes, translate("ClassOverview", "Inject fired"))
        return outcomes

    def _after(self, outcomes: list[Outcome], what: str) -> None:
        """Tell each open group window what its session wrote; say what was refused."""
        for outcome in outcomes:
            window = self.windows.get(outcome.group)
            if outcome.changes is not None and window is not None:
                window.broadcast(outcome.changes)
        done = [o.group for o in outcomes if o.ok]
        refused = [f"{o.group}: {o.error}" for o in outcomes if not o.ok]
        if done:
            self.statusBar().showMessage(
                translate("ClassOverview", "{0} in {1}.").format(what, ", ".join(done)), 8000
            )
        if refused:
            QMessageBox.warning(
                self, translate("ClassOverview", "Parley: not done in every group"),
                as_rich_text(translate("ClassOverview", "Not done in:\n") + "\n".join(refused)),
            )  # fmt: skip
        self.refresh_changed()

    # ------------------------------------------------------------------ groups
    def _open_index(self, index: QModelIndex) -> None:
        self.open_group(str(index.data(NAME_ROLE)))

    def _current(self) -> str | None:
        index = self.table.currentIndex()
        selected = self.selected_groups()
        if selected:
            return selected[0]
        return str(index.data(NAME_ROLE)) if index.isValid() else None

    def open_selected(self) -> None:
        name = self._current()
        if name is not None:
            self.open_group(name)

    def open_group(self, name: str) -> FacilitatorWindow:
        """The group's facilitator view, on the group's one live session."""
        from ui.main_window import FacilitatorWindow

        window = self.windows.get(name)
        if window is None:
            window = FacilitatorWindow(self.run.session(name))
            window.setWindowTitle(f"{window.windowTitle()} — {name}")
            window.closed.connect(lambda name=name: self._window_closed(name))
            self.windows[name] = window
            self.model.own_timers[name] = window.timer.remaining_ms
            if self._devices is not None:
                self._devices.hand_over(name, window)
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def _window_closed(self, name: str) -> None:
        """The facilitator window closes its session: open the save again for the class."""
        self.windows.pop(name, None)
        self.model.own_timers.pop(name, None)
        if self._closing:
            return
        try:
            session = self.run.reopen(name)
        except Exception as error:  # a save moved away meanwhile: say so, keep the rest
            self.statusBar().showMessage(
                translate("ClassOverview", "Group {0} could not be opened again: {1}").format(
                    name, error
                )
            )
            return
        self.watches[name] = GroupWatch(name, session)
        self._listen(name, session)
        if self._devices is not None:
            self._devices.rebind(name, session)
        self._changed(name)

    def replay_selected(self) -> None:
        name = self._current()
        if name is not None:
            self.replay_requested.emit(self.run.session(name).path)

    def report_selected(self) -> None:
        from ui.report_dialog import DocumentActions

        name = self._current()
        if name is None:
            self.statusBar().showMessage(translate("ClassOverview", "Select a group first."), 5000)
            return
        DocumentActions(self, self.run.session(name), [self.acts["reportGroup"]]).report()

    def compare(self) -> None:
        from ui.class_compare import CompareView

        view = CompareView(self.run, self.keys, self)
        view.show()

    def choose_indicators(self) -> None:
        from ui.class_start import choose_indicators

        keys = choose_indicators(self, self.scenario, self.keys)
        if keys is not None:
            self.set_keys(keys)

    def set_keys(self, keys: tuple[str, ...]) -> None:
        """Show these key indicators, and keep them in the class file for next time."""
        from dataclasses import replace

        from engine.errors import ParleyError
        from engine.session.classes import write_class_file

        self.keys = check_key_indicators(self.scenario, keys)[:3]
        self.run.file = replace(self.run.file, key_indicators=self.keys)
        try:
            write_class_file(self.run.file)
        except ParleyError as error:  # a read-only class folder: shown, not kept
            self.statusBar().showMessage(
                translate("ClassOverview", "The key indicators are not kept: {0}").format(error),
                8000,
            )
        self.model.set_keys(self.keys, self._statuses())
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

    # ------------------------------------------------------------------ closing
    def closeEvent(self, event: QCloseEvent) -> None:
        self._closing = True
        if self._devices is not None:
            from ui.class_devices import ENDED

            self._devices.close_room(ENDED)
        open_views = list(self.windows.items())
        for _name, window in open_views:
            window.close()  # each closes its group's session
        self.timer.pause()
        self._seconds.stop()
        self.run.close(closed=[name for name, _window in open_views])
        super().closeEvent(event)
        self.closed.emit()


def open_class_overview(
    folder: Path, parent: QWidget | None = None, *, codes: Codes | None = None
) -> ClassOverview:
    """Open a class (its folder or class file) live in an overview; a ``ClassError``
    says why not. ``codes``: the join codes issued when it started."""
    from engine.session.classes import load_class

    return ClassOverview(ClassRun.open(load_class(folder)), parent, codes=codes)
