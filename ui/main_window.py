"""The facilitator window: round and timer, indicators, entry, tables, graph and log.

Changes flow one way: an action opens a form or runs an operation; ``run`` makes the one
engine call and ``broadcast`` sends one ``Update`` (the engine's ``Changes`` and the
envelopes just written) to every panel in ``panels`` (each a ``ui.panels.Panel``), each of
which refreshes only what the flags name. The forms see the window only as a
``ui.entries.FormHost``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec

from PySide6.QtCore import SIGNAL, QByteArray, Qt, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from engine.domain.state import Changes
from ui import operations as ops
from ui import settings, theme
from ui.actions import DESKTOP_SPECS, SPECS, Actions, connect_desktop_actions, history_text
from ui.backups import BackupKeeper
from ui.entries import Entries
from ui.i18n import QT_TRANSLATE_NOOP, translate
from ui.models.records import AgreementModel, CommitmentModel, DemandModel, MoveModel
from ui.models.update import RESYNC_ALL, Update
from ui.panels import Panel
from ui.panels.event_log import EventLogPanel
from ui.panels.indicators import IndicatorPanel
from ui.panels.insight import InsightTabs
from ui.panels.round_bar import RoundBar, phase_minutes
from ui.panels.tables import RecordTable, TablePages
from ui.plain_text import as_rich_text, plain_label
from ui.screen_fit import fit_to_screen
from ui.timer import Clock, PhaseTimer, recall_timer, remember_timer

if TYPE_CHECKING:  # PySide builds QEvent's types (a millisecond) on first use: at close
    from PySide6.QtGui import QCloseEvent

    from engine.session.live import Session  # loaded with the save, not with the window
    from ui.devices_room import DevicesHost
    from ui.projector import ProjectorWindow
    from ui.replay.compare import CompareDialog
    from ui.report_dialog import DocumentActions

GEOMETRY_KEY = "facilitator/geometry"
STATE_KEY = "facilitator/state"
P = ParamSpec("P")


class FacilitatorWindow(QMainWindow):
    closed = Signal()
    new_session_requested = Signal()
    open_save_requested = Signal()
    close_session_requested = Signal()  # Ctrl+W: back to the start screen, not quit
    large_text_changed = Signal(bool)

    def __init__(
        self, session: Session, *, clock: Clock = time.monotonic, wall: Clock = time.time
    ) -> None:
        super().__init__()
        self.session = session
        self.setObjectName("facilitatorWindow")
        self.setWindowTitle(
            translate("FacilitatorWindow", "Parley — {0} — {1}").format(
                session.scenario.title, session.path.name
            )
        )
        self.timer = PhaseTimer(clock=clock, parent=self)
        self._wall = wall
        self._clock_key = (session.state.round, session.state.phase)
        self.timer.set_duration(phase_minutes(session.scenario, session.state))
        if not session.read_only:  # the timer as it was when this save was last open
            recall_timer(self.timer, session.path, round=self._clock_key[0],
                         phase=self._clock_key[1], wall=wall)  # fmt: skip
        self.projector: ProjectorWindow | None = None
        self.action_set = Actions(self, SPECS + DESKTOP_SPECS)
        self.entries = Entries(self, self)
        self.panels: list[Panel] = []  # each gets every broadcast, in this order
        self._build()
        self._connect()
        self._menus()
        self.update_actions()
        self.restore_layout()
        self.statusBar().showMessage(
            translate(
                "FacilitatorWindow",
                "Snapshots of this save were damaged, and were folded again from its log: "
                "nothing was lost.",
            )
            if session.damaged
            else translate(
                "FacilitatorWindow",
                "Every entry is saved the moment it is shown. Ctrl+M records a move.",
            ),
            12000 if session.damaged else 8000,
        )

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        s = self.session
        a = self.action_set
        central = QWidget(self)
        self.setCentralWidget(central)  # first: widgets are made in place, never moved
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.round_bar = RoundBar(
            s,
            self.timer,
            timer_actions=[a.timer_toggle, a.timer_reset, a.timer_add_minute],
            round_actions=[a.start_round, a.next_phase, a.end_round],
            parent=central,
        )
        layout.addWidget(self.round_bar)
        self.tabs = QTabWidget(central)
        self.tabs.setObjectName("recordTabs")
        self.tabs.setDocumentMode(True)
        self.insight = InsightTabs(s, self.tabs)
        models = {m.kind: m for m in (MoveModel, DemandModel, CommitmentModel, AgreementModel)}
        self.tables = TablePages(
            self.tabs,
            lambda kind, page: RecordTable(models[kind](s, self), page),
            on_built=lambda table: table.activated_record.connect(self.insight.show_details),
        )
        for kind, label in (
            ("move", "Moves"),
            ("demand", "Demands"),
            ("commitment", "Commitments"),
            ("agreement", "Agreements"),
        ):
            self.tables.add(kind, label)
        self.tables.table("move")  # the tab in front; the others are built when first shown
        self.tabs.addTab(
            self.insight.graph_host, translate("FacilitatorWindow", "Commitment graph")
        )
        self.tabs.addTab(self.insight.analytics_host, translate("FacilitatorWindow", "Analytics"))
        self.tabs.currentChanged.connect(
            lambda _i: self.insight.tab_shown(self.tabs.currentWidget())
        )
        layout.addWidget(self.tabs, 1)

        # Each panel is made inside its dock: moving a built subtree to a new parent would
        # restyle every widget in it a second time.
        dock = QDockWidget(translate("FacilitatorWindow", "Teams and indicators"), self)
        dock.setObjectName("indicatorDock")
        self.indicators = IndicatorPanel(s, dock)
        self.indicators.setMinimumWidth(self.fontMetrics().averageCharWidth() * 40)
        dock.setWidget(self.indicators)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        log_dock = QDockWidget(translate("FacilitatorWindow", "Event log"), self)
        log_dock.setObjectName("eventLogDock")
        self.event_log = EventLogPanel(s, log_dock)
        log_dock.setWidget(self.event_log)
        log_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, log_dock)
        self.resizeDocks([dock], [360], Qt.Orientation.Horizontal)
        self.resizeDocks([log_dock], [200], Qt.Orientation.Vertical)

        self.save_label = plain_label(QLabel(self))
        self.save_label.setProperty("role", "muted")
        self.statusBar().addPermanentWidget(self.save_label)
        self._show_save_status()
        self.panels = [self.tables, self.round_bar, self.indicators, self.event_log, self.insight]

    def _menus(self) -> None:
        a = self.action_set
        bar = self.menuBar()
        for title, names in (
            (
                QT_TRANSLATE_NOOP("FacilitatorWindow", "&Session"),
                (
                    "new_session",
                    "open_save",
                    "save_copy",
                    None,
                    "report",
                    "team_report",
                    "handouts",
                    None,
                    "compare_parent",
                    None,
                    "reveal_all",
                    None,
                    "close_window",
                    "quit",
                ),
            ),
            (QT_TRANSLATE_NOOP("FacilitatorWindow", "&Edit"), ("undo", "redo", None, "find")),
            (
                QT_TRANSLATE_NOOP("FacilitatorWindow", "&Round"),
                (
                    "start_round",
                    "next_phase",
                    "end_round",
                    None,
                    "timer_toggle",
                    "timer_reset",
                    "timer_add_minute",
                    None,
                    "timer_keep_running",
                    "timer_advance_at_zero",
                    "timer_sound",
                ),
            ),
            (
                QT_TRANSLATE_NOOP("FacilitatorWindow", "E&ntry"),
                (
                    "record_move",
                    "adjudicate",
                    None,
                    "table_demand",
                    "demand_status",
                    None,
                    "propose_commitment",
                    "commitment_status",
                    "add_condition",
                    "sign_agreement",
                    None,
                    "fire_inject",
                    "adjust_indicator",
                    "add_note",
                    "set_bookmark",
                ),
            ),
            (
                QT_TRANSLATE_NOOP("FacilitatorWindow", "&Team devices"),
                ("open_devices", "close_devices", None, "inbox"),
            ),
            (
                QT_TRANSLATE_NOOP("FacilitatorWindow", "&View"),
                ("projector", "debrief", "room_indicators", "large_text", None, "full_screen"),
            ),
        ):
            menu = bar.addMenu(translate("FacilitatorWindow", title))
            for name in names:
                menu.addSeparator() if name is None else menu.addAction(a.by_name[name])
        tools = self.addToolBar(translate("FacilitatorWindow", "Entry"))
        tools.setObjectName("entryToolBar")
        tools.setMovable(False)
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for name in ("record_move", "adjudicate", "table_demand", "propose_commitment",
                     "commitment_status", "sign_agreement", "fire_inject", "adjust_indicator",
                     "add_note", None, "undo", "redo", None, "projector"):  # fmt: skip
            tools.addSeparator() if name is None else tools.addAction(a.by_name[name])

    def _connect(self) -> None:
        a, e = self.action_set, self.entries
        a.compare_parent.triggered.connect(self.compare_with_parent)
        a.save_copy.triggered.connect(self.save_copy)
        for name in ("record_move", "table_demand", "demand_status", "propose_commitment",
                     "commitment_status", "add_condition", "sign_agreement", "adjudicate",
                     "fire_inject", "adjust_indicator", "add_note", "set_bookmark"):  # fmt: skip
            a.by_name[name].triggered.connect(getattr(e, name))
        a.undo.triggered.connect(lambda: self.run(ops.undo))
        a.redo.triggered.connect(lambda: self.run(ops.redo))
        a.start_round.triggered.connect(self.start_round)
        a.end_round.triggered.connect(self.end_round)
        a.next_phase.triggered.connect(lambda: self.run(ops.next_phase))
        a.timer_toggle.triggered.connect(self.timer.toggle)
        a.timer_reset.triggered.connect(self.timer.reset)
        a.timer_add_minute.triggered.connect(self.timer.add_minute)
        for option in settings.TIMER_KEYS:
            action = a.by_name[f"timer_{option}"]
            action.setChecked(settings.timer_option(option))
            action.toggled.connect(partial(settings.set_timer_option, option))
        self.timer.alarm.connect(self._time_is_up)
        self.timer.running_changed.connect(
            lambda running: a.timer_toggle.setText(
                translate("FacilitatorWindow", "Pause timer")
                if running
                else translate("FacilitatorWindow", "Start timer")
            )
        )
        a.timer_toggle.setText(
            translate("FacilitatorWindow", "Pause timer")
            if self.timer.running
            else translate("FacilitatorWindow", "Start timer")
        )
        self.backups: BackupKeeper | None = None
        if not self.session.read_only:  # at each round's end and every few minutes
            self.backups = BackupKeeper(self)
        if not self.session.read_only:  # kept beside the save: see ``ui.timer``
            self._timer_keeper = QTimer(self)
            self._timer_keeper.setInterval(5000)
            self._timer_keeper.timeout.connect(self.remember_timer)
            self.timer.changed.connect(self.remember_timer)
            self.timer.running_changed.connect(
                lambda running: self._timer_keeper.start() if running else self._timer_keeper.stop()
            )
            if self.timer.running:
                self._timer_keeper.start()
        a.find.triggered.connect(self._focus_filter)
        a.close_window.triggered.connect(self._close_session)
        connect_desktop_actions(self, a)
        a.new_session.triggered.connect(self.new_session_requested)
        a.open_save.triggered.connect(self.open_save_requested)
        # Report, team report and handouts: their module loads when one is first asked for.
        self._documents: DocumentActions | None = None
        for name in ("report", "team_report", "handouts"):
            getattr(self.action_set, name).triggered.connect(
                lambda _=False, name=name: getattr(self.documents, name)()
            )
        # Team devices: their module loads when first asked for (or a save has some waiting)
        self._devices: DevicesHost | None = None
        a.open_devices.triggered.connect(lambda: self.devices.show_dialog())
        a.close_devices.triggered.connect(lambda: self.devices.close_room())
        a.close_devices.setEnabled(False)
        a.inbox.triggered.connect(lambda: self.devices.toggle_inbox())
        if any(s.status in ("pending", "held") for s in self.session.state.submissions.values()):
            self.devices.build_inbox()  # a save served by ``parley host`` has some waiting
        a.projector.toggled.connect(self.show_projector)
        a.debrief.toggled.connect(partial(_projector_page, "toggle_debrief", self))
        a.reveal_all.triggered.connect(partial(_projector_page, "reveal_all", self))
        a.room_indicators.triggered.connect(partial(_projector_page, "room_indicators", self))
        a.large_text.setChecked(settings.large_text())
        a.large_text.toggled.connect(self.large_text_changed)

    # ------------------------------------------------------------------ the one flow
    def run(
        self,
        operation: Callable[Concatenate[Session, P], ops.OpResult],
        /,
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> str | None:
        """Run one operation; broadcast its ``Changes`` or show its error. Returns the error.

        A domain error is the operation's answer (nothing was written). Anything else is a
        bug: it is logged with a dialog (``ui.crash``), the panels are re-read from the
        session (whose log holds only what was committed), and the window carries on."""
        try:
            result = operation(self.session, *args, **kwargs)
        except Exception as error:
            from ui import crash

            crash.excepthook(type(error), error, error.__traceback__)
            self.resync()
            result = ops.OpResult(
                error=f"an unexpected {type(error).__name__}: nothing was saved "
                f"(details in {crash.LOG_NAME})"
            )
        if result.error is not None:
            self.statusBar().showMessage(
                translate("FacilitatorWindow", "Not done: {0}").format(result.error), 10000
            )
            self.statusBar().setStyleSheet(f"color: {theme.ALARM}")
            # a save moved away goes on in a recovered copy: name it where it shows
            self.setWindowTitle(
                translate("FacilitatorWindow", "Parley — {0} — {1}").format(
                    self.session.scenario.title, self.session.path.name
                )
            )
            self._show_save_status()
            return result.error
        assert result.changes is not None
        self.broadcast(result.changes)
        return None

    def broadcast(self, changes: Changes, *, resync: bool = False) -> None:
        update = Update(changes, resync=resync)  # with the envelopes the command wrote
        for panel in self.panels:
            panel.apply(update)
        if self.backups is not None and any(e.kind == "RoundEnded" for e in update.envelopes):
            self.backups.take()  # a backup at each round's end
        if changes.round:
            self._follow_round()
        self.update_actions()
        self.statusBar().setStyleSheet("")
        due = self.session.due_injects() if changes.round else ()
        if due:  # a round has begun with scripted events to fire: say so, with the key
            titles = ", ".join(i.title for i in due)
            self.statusBar().showMessage(
                translate(
                    "FacilitatorWindow", "Saved: {0}. Due this round: {1} (Ctrl+I fires)"
                ).format(changes.message, titles),
                15000,
            )
        elif changes.message:
            self.statusBar().showMessage(
                translate("FacilitatorWindow", "Saved: {0}").format(changes.message), 6000
            )
        self._show_save_status()

    def remember_timer(self) -> None:
        state = self.session.state
        remember_timer(self.timer, self.session.path, round=state.round, phase=state.phase,
                       wall=self._wall)  # fmt: skip

    def resync(self) -> None:
        self.broadcast(RESYNC_ALL, resync=True)

    def _follow_round(self) -> None:
        state = self.session.state
        key = (state.round, state.phase)
        if key != self._clock_key:
            self._clock_key = key
            self.timer.set_duration(
                phase_minutes(self.session.scenario, state),
                keep_running=state.round_open and settings.timer_option("keep_running"),
            )

    def start_round(self) -> None:
        """Start the next round; in the middle of one, only once the facilitator says so."""
        from ui.round_confirm import confirm_round_change

        if confirm_round_change(self, self.session, starting=True):
            self.run(ops.start_round)

    def end_round(self) -> None:
        """End the round; with moves unruled or offers unanswered, only once asked."""
        from ui.round_confirm import confirm_round_change

        if confirm_round_change(self, self.session, starting=False):
            self.run(ops.end_round)

    def _time_is_up(self) -> None:
        """Zero: the chime (if chosen), and the next phase (if chosen and there is one)."""
        if settings.timer_option("sound"):
            from ui.alarm import sound_alarm  # its player is looked for when first needed

            sound_alarm()
        state, scenario = self.session.state, self.session.scenario
        if (
            settings.timer_option("advance_at_zero")
            and not self.session.read_only
            and state.round_open
            and 1 <= state.round <= len(scenario.rounds)
            and state.phase + 1 < len(scenario.rounds[state.round - 1].phases)
        ):
            self.run(ops.next_phase)

    def update_actions(self) -> None:
        s, a = self.session, self.action_set
        a.compare_parent.setEnabled(bool(s.meta.get("parent_path")))
        a.undo.setEnabled(s.can_undo)
        a.redo.setEnabled(s.can_redo)
        a.undo.setText(history_text(s.undo_label))
        a.redo.setText(history_text(s.redo_label))
        a.undo.setToolTip(
            as_rich_text(translate("FacilitatorWindow", "{0} (Ctrl+Z)").format(s.undo_label))
        )  # quotes author text
        a.redo.setToolTip(
            as_rich_text(translate("FacilitatorWindow", "{0} (Ctrl+Shift+Z)").format(s.redo_label))
        )
        state, rounds = s.state, s.scenario.rounds
        rnd = s.current_round
        a.start_round.setEnabled(state.round < len(rounds))
        a.start_round.setText(
            translate("FacilitatorWindow", "Start round {0}").format(state.round + 1)
            if state.round < len(rounds)
            else translate("FacilitatorWindow", "No more rounds")
        )
        a.end_round.setEnabled(state.round_open)
        a.reveal_all.setEnabled(not s.read_only and not state.revealed)
        a.room_indicators.setEnabled(not s.read_only)
        due = len(s.due_injects())
        a.fire_inject.setText(
            translate("FacilitatorWindow", "Fire &inject… ({0} due)").format(due)
            if due
            else translate("FacilitatorWindow", "Fire &inject…")
        )
        a.next_phase.setEnabled(rnd is not None and state.phase + 1 < len(rnd.phases))
        if s.read_only:
            for name in ("record_move", "table_demand", "demand_status", "propose_commitment",
                         "commitment_status", "add_condition", "sign_agreement", "adjudicate",
                         "fire_inject", "adjust_indicator", "add_note", "set_bookmark",
                         "start_round", "end_round", "next_phase", "open_devices"):  # fmt: skip
                a.by_name[name].setEnabled(False)

    def save_copy(self) -> None:
        """Session > Save a copy…: a complete copy (with what the log holds), never over
        an existing file."""
        from PySide6.QtWidgets import QFileDialog

        suggested = self.session.path.with_name(f"{self.session.path.stem} copy.parley")
        name, _ = QFileDialog.getSaveFileName(
            self,
            translate("FacilitatorWindow", "Save a copy"),
            str(suggested),
            translate("FacilitatorWindow", "Saves (*.parley)"),
        )
        if not name:
            return
        error = ops.save_copy(self.session, dest=Path(name))
        self.statusBar().showMessage(
            translate("FacilitatorWindow", "Not copied: {0}").format(error)
            if error
            else translate("FacilitatorWindow", "A complete copy is in {0}").format(name),
            10000,
        )

    def _show_save_status(self) -> None:
        mode = "read-only" if self.session.read_only else "saved"
        self.save_label.setText(
            translate("FacilitatorWindow", "{0} · {1} events · {2}  ").format(
                mode, self.session.last_seq, self.session.path.name
            )
        )
        self.save_label.setToolTip(as_rich_text(str(self.session.path)))

    # ------------------------------------------------------------------ for the forms
    def current_record(self, kind: str) -> str | None:
        """The record of ``kind`` (move, demand, commitment) current in its table."""
        return self.tables[kind].current_id()

    def selected_records(self, kind: str) -> tuple[str, ...]:
        return tuple(self.tables[kind].selected_ids())

    def _focus_filter(self) -> None:
        table = self.tables.in_front()
        if table is not None:
            table.search.setFocus()
            table.search.selectAll()

    # ------------------------------------------------------------------ projector
    def show_projector(self, on: bool) -> None:
        if on and self.projector is None:
            from ui.projector import ProjectorWindow, choose_screen

            projector = ProjectorWindow(self.session, self.timer)
            self.panels.append(projector)
            projector.closed.connect(lambda: self.action_set.projector.setChecked(False))
            projector.closed.connect(lambda: self.action_set.debrief.setChecked(False))
            # Every shortcut of the facilitator's works while the projector has the keyboard
            projector.addActions(list(self.action_set.by_name.values()))
            self.projector = projector
            placement = choose_screen(self)
            projector.show_on(placement)
            if not placement.full_screen:
                self.activateWindow()  # the keyboard stays with the facilitator
                self.statusBar().showMessage(
                    translate(
                        "FacilitatorWindow",
                        "One screen: the projector opened in a window. Drag it to the room's "
                        "screen, or connect a second screen and open it again (Ctrl+Shift+P).",
                    ),
                    15_000,
                )
        elif not on and self.projector is not None:
            projector, self.projector = self.projector, None
            self.panels.remove(projector)
            projector.close()
            projector.deleteLater()

    def compare_with_parent(self) -> CompareDialog | None:
        """A branch beside the save it was branched from (``parley diff``, in a dialog)."""
        from ui.replay.compare import compare_with_parent

        self.comparison = compare_with_parent(self, self.session)
        return self.comparison

    @property
    def documents(self) -> DocumentActions:
        """The report, team report and handouts actions' work (``ui/report_dialog.py``)."""
        if self._documents is None:
            from ui.report_dialog import DocumentActions

            a = self.action_set
            self._documents = DocumentActions(
                self, self.session, (a.report, a.team_report, a.handouts)
            )
        return self._documents

    @property
    def devices(self) -> DevicesHost:
        """The inbox, the team devices dialog and server (``ui/devices_room.py``)."""
        if self._devices is None:
            from ui.devices_room import DevicesHost

            self._devices = DevicesHost(self)
            self.panels.append(self._devices)
        return self._devices

    # ------------------------------------------------------------------ persistence
    def restore_layout(self) -> None:
        geometry = settings.settings().value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 880)
        fit_to_screen(self)
        state = settings.settings().value(STATE_KEY)
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        store = settings.settings()
        store.setValue(GEOMETRY_KEY, self.saveGeometry())
        store.setValue(STATE_KEY, self.saveState())
        self.show_projector(False)
        if self.entries.active is not None:
            self.entries.active.reject()
        self.timer.pause()
        if self._devices is not None:  # the devices are told the session has ended
            self._devices.shutdown()
        self.session.close()
        super().closeEvent(event)
        self.closed.emit()

    def _close_session(self) -> None:
        """Close the session: the app goes back to its start screen; a window on its own
        (no app around it) just closes."""
        if self.receivers(SIGNAL("close_session_requested()")) > 0:
            self.close_session_requested.emit()
        else:
            self.close()


def _projector_page(name: str, window: FacilitatorWindow, *args: object) -> None:
    """The debrief view and "Reveal all" (``ui/projector_debrief.py``,
    ``ui/projector_reveal.py``), loaded when first asked for."""
    if name == "toggle_debrief":
        from ui.projector_debrief import toggle_debrief

        toggle_debrief(window, bool(args[0]))
    elif name == "room_indicators":
        from ui.projector_indicators import choose_room_indicators

        choose_room_indicators(window)
    else:
        from ui.projector_reveal import reveal_all

        reveal_all(window)
