"""The replay window: a saved session, read-only, at the event the timeline's cursor is on.

The same panels as the facilitator window (tables, indicators, graph, analytics, log)
read the state at the cursor, as the chosen viewer could know it, through a
``ReplaySource``. A step forward sends them the one event stepped over, as a live
command would; a step back sends the same event to ``retreat``; a jump resyncs them.
There are no entry forms: "Branch from here" starts a live session instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from engine.domain import events as ev
from engine.domain.events import CONTROL
from engine.domain.history import changes_for
from engine.domain.visibility import event_visible
from engine.session.replay import ReplayCursor, Step
from ui.actions import connect_desktop_actions
from ui.i18n import QT_TRANSLATE_NOOP, translate
from ui.models.records import AgreementModel, CommitmentModel, DemandModel, MoveModel
from ui.models.update import RESYNC_ALL, Update
from ui.panels import Panel
from ui.panels.event_log import EventLogPanel
from ui.panels.indicators import IndicatorPanel
from ui.panels.insight import InsightTabs
from ui.panels.tables import RecordTable
from ui.plain_text import as_rich_text, plain_label
from ui.replay import operations as ops
from ui.replay.compare import CompareDialog, compare_with_parent, show_comparison
from ui.replay.controls import FACES, PAUSE_FACE, ReplayActions, TransportBar
from ui.replay.header import ReplayHeader
from ui.replay.log_model import ReplayLogModel, ReplaySource, event_text
from ui.replay.timeline import Timeline
from ui.save_names import SAVE_SUFFIX
from ui.screen_fit import fit_to_screen

if TYPE_CHECKING:
    from engine.session.live import Session


class ReplayWindow(QMainWindow):
    branched = Signal(object)  # the new live Session
    start_screen_requested = Signal()
    closed = Signal()

    def __init__(self, session: Session, *, seq: int | None = None) -> None:
        super().__init__()
        self.session = session
        self.setObjectName("replayWindow")
        self.setWindowTitle(
            translate("ReplayWindow", "Parley — replay — {0} — {1}").format(
                session.scenario.title, session.path.name
            )
        )
        self.replay_cursor = ReplayCursor(session, seq=seq)
        self.source = ReplaySource(self.replay_cursor)
        self.action_set = ReplayActions(self)
        self.play_timer = QTimer(self)
        self.play_timer.timeout.connect(self._tick)
        self.dialog: CompareDialog | None = None
        self._build()
        self._connect()
        self._menus()
        self._marks()
        self._show(Step(self.replay_cursor.seq))
        if session.stops_at:  # a damaged save, read up to its last good event
            self.statusBar().showMessage(
                translate("ReplayWindow", "This save is damaged: {0}.").format(session.stops_at)
            )
        self.resize(1400, 900)
        fit_to_screen(self)
        self.timeline.setFocus()

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        source, scenario = self.source, self.session.scenario
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.header = ReplayHeader(scenario, central)
        layout.addWidget(self.header)
        self.timeline = Timeline(central)
        layout.addWidget(self.timeline)
        self.transport = TransportBar(self.action_set, scenario, central)
        layout.addWidget(self.transport)
        self.tabs = QTabWidget(central)
        self.tabs.setObjectName("recordTabs")
        self.tabs.setDocumentMode(True)
        self.tables: dict[str, RecordTable] = {}
        for model_type, label in ((MoveModel, "Moves"), (DemandModel, "Demands"),
                                  (CommitmentModel, "Commitments"),
                                  (AgreementModel, "Agreements")):  # fmt: skip
            table = RecordTable(model_type(source, self), self.tabs)
            self.tables[table.model.kind] = table
            self.tabs.addTab(table, label)
        self.insight = InsightTabs(source, self.tabs)
        self.tabs.addTab(self.insight.graph_host, translate("ReplayWindow", "Commitment graph"))
        self.tabs.addTab(self.insight.analytics_host, translate("ReplayWindow", "Analytics"))
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self.indicators = IndicatorPanel(source, self)
        self.indicators.setMinimumWidth(self.fontMetrics().averageCharWidth() * 40)
        dock = QDockWidget(translate("ReplayWindow", "Teams and indicators"), self)
        dock.setObjectName("replayIndicatorDock")
        dock.setWidget(self.indicators)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        self.event_log = EventLogPanel(source, self)
        self.log_model = ReplayLogModel(source, self.event_log)
        self.event_log.model.deleteLater()  # the live log's model: Control's whole log
        self.event_log.model = self.log_model
        self.event_log.view.setModel(self.log_model)
        log_dock = QDockWidget(translate("ReplayWindow", "Event log (up to the cursor)"), self)
        log_dock.setObjectName("replayLogDock")
        log_dock.setWidget(self.event_log)
        log_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, log_dock)
        self.resizeDocks([dock], [340], Qt.Orientation.Horizontal)
        self.resizeDocks([log_dock], [190], Qt.Orientation.Vertical)
        self.mode_label = plain_label(QLabel(self))
        self.mode_label.setProperty("role", "muted")
        self.statusBar().addPermanentWidget(self.mode_label)
        # the panels that read the state at the cursor (the tables step back too, below)
        self.panels: list[Panel] = [self.indicators, self.insight]

    def _menus(self) -> None:
        bar = self.menuBar()
        for title, names in (
            (
                QT_TRANSLATE_NOOP("ReplayWindow", "&Replay"),
                (
                    "branch",
                    None,
                    "compare_parent",
                    "compare_other",
                    None,
                    "start_screen",
                    "close_window",
                    "quit",
                ),
            ),
            (
                QT_TRANSLATE_NOOP("ReplayWindow", "&Go"),
                ("first", "back", "play", "forward", "last"),
            ),
            (QT_TRANSLATE_NOOP("ReplayWindow", "&View"), ("full_screen",)),
        ):
            menu = bar.addMenu(translate("ReplayWindow", title))
            for name in names:
                menu.addSeparator() if name is None else menu.addAction(
                    self.action_set.by_name[name]
                )

    def _connect(self) -> None:
        a, t = self.action_set, self.transport
        a.first.triggered.connect(lambda: self.seek(0))
        a.last.triggered.connect(lambda: self.seek(self.replay_cursor.last_seq))
        a.back.triggered.connect(self.step_back)
        a.forward.triggered.connect(self.step_forward)
        a.play.toggled.connect(self.play)
        a.branch.triggered.connect(self.branch_here)
        a.compare_parent.triggered.connect(self.compare_with_parent)
        a.compare_other.triggered.connect(self.compare_with_other)
        a.start_screen.triggered.connect(self.start_screen_requested)
        a.close_window.triggered.connect(self.close)
        connect_desktop_actions(self, a)
        a.compare_parent.setEnabled(ops.parent_of(self.session) is not None)
        self.timeline.seek_requested.connect(self.seek)
        t.speed.currentIndexChanged.connect(lambda _i: self._set_interval())
        t.round_jump.activated.connect(lambda _i: self._jump(t.round_jump))
        t.bookmark_jump.activated.connect(lambda _i: self._jump(t.bookmark_jump))
        t.viewer.currentIndexChanged.connect(lambda _i: self.set_viewer(t.viewer.currentData()))
        self.tabs.currentChanged.connect(
            lambda _i: self.insight.tab_shown(self.tabs.currentWidget())
        )
        for table in self.tables.values():
            table.activated_record.connect(self.insight.show_details)

    def _marks(self) -> None:
        rounds, bookmarks = self.replay_cursor.rounds(), self.replay_cursor.bookmarks()
        self.timeline.set_marks(self.replay_cursor.last_seq, rounds, bookmarks)
        self.transport.set_marks(rounds, bookmarks)

    # ------------------------------------------------------------------ moving
    def step_forward(self) -> bool:
        step = self.replay_cursor.step_forward()
        if step is not None:
            self._show(step)
        return step is not None

    def step_back(self) -> bool:
        step = self.replay_cursor.step_back()
        if step is not None:
            self._show(step)
        return step is not None

    def seek(self, seq: int) -> None:
        seq = min(max(seq, 0), self.replay_cursor.last_seq)
        if seq == self.replay_cursor.seq:
            return
        if seq == self.replay_cursor.seq + 1:
            self.step_forward()
        elif seq == self.replay_cursor.seq - 1:
            self.step_back()
        else:
            self._show(self.replay_cursor.seek(seq))

    def _jump(self, combo: QComboBox) -> None:
        seq = combo.currentData()
        combo.setCurrentIndex(0)
        if seq is not None:
            self.seek(int(seq))
        self.timeline.setFocus()

    def play(self, on: bool) -> None:
        if on and self.replay_cursor.seq >= self.replay_cursor.last_seq:
            self.seek(0)  # at the end, Play starts again from the beginning
        self.action_set.play.setText(
            translate("ReplayWindow", "⏸ Pause") if on else translate("ReplayWindow", "▶ Play")
        )
        self.action_set.play.setIconText(PAUSE_FACE if on else FACES["play"])
        if on:
            self._set_interval()
            self.play_timer.start()
        else:
            self.play_timer.stop()

    def _set_interval(self) -> None:
        self.play_timer.setInterval(max(1, round(1000 / self.transport.speed_eps())))

    def _tick(self) -> None:
        if not self.step_forward():
            self.action_set.play.setChecked(False)

    def set_viewer(self, viewer: str) -> None:
        """Show the session as ``viewer`` (``CONTROL`` or a team id) could know it."""
        combo = self.transport.viewer
        if combo.currentData() != viewer:
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(viewer)))
            combo.blockSignals(False)
        self.replay_cursor.set_viewer(viewer)
        self._marks()
        self._show(Step(self.replay_cursor.seq))

    # ------------------------------------------------------------------ showing
    def _show(self, step: Step) -> None:
        """Send every panel what the step changed: the event crossed, or everything."""
        env = step.envelope
        if env is None or isinstance(env.event, ev.EventVoided):
            update = Update(RESYNC_ALL, (env,) if env else (), resync=True)
        else:
            update = Update(changes_for(env), (env,))
        for table in self.tables.values():
            (table.apply if step.forward else table.retreat)(update)
        for panel in self.panels:
            panel.apply(update)
        if step.jumped:
            self.log_model.reset()
        else:
            self.log_model.follow(step)
        self._show_position()

    def _show_position(self) -> None:
        cursor = self.replay_cursor
        self.header.show_state(cursor.view, cursor.seq, cursor.last_seq)
        here = cursor.envelope()
        seen = here is not None and (
            cursor.viewer == CONTROL
            or event_visible(cursor.viewer, here, cursor.state, cursor.scenario)
        )
        text = event_text(cursor, here) if here is not None and seen else None
        self.header.show_event(cursor.seq, text, self.viewer_name())
        self.timeline.set_position(cursor.seq)
        a = self.action_set
        a.back.setEnabled(cursor.seq > 0)
        a.first.setEnabled(cursor.seq > 0)
        a.forward.setEnabled(cursor.seq < cursor.last_seq)
        a.last.setEnabled(cursor.seq < cursor.last_seq)
        a.branch.setEnabled(cursor.seq >= 1)
        self.mode_label.setText(
            translate("ReplayWindow", "read-only · as seen by {0} · {1}  ").format(
                self.viewer_name(), self.session.path.name
            )
        )

    def viewer_name(self) -> str:
        viewer = self.replay_cursor.viewer
        if viewer == CONTROL:
            return "Control"
        team = self.session.scenario.team(viewer)
        return team.name if team else viewer

    # ------------------------------------------------------------------ branching
    def branch_here(self) -> None:
        seq = self.replay_cursor.seq
        path = self.ask_branch_path(seq)
        if path is None:
            return
        self.action_set.play.setChecked(False)
        outcome = ops.branch(self.session, seq=seq, path=path)
        if outcome.value is None:
            QMessageBox.warning(
                self,
                "Parley",
                as_rich_text(
                    translate("ReplayWindow", "No branch made: {0}").format(outcome.error)
                ),
            )
            return
        self.statusBar().showMessage(
            translate("ReplayWindow", "Branched at event {0}: {1}").format(seq, path.name), 8000
        )
        self.branched.emit(outcome.value)

    def ask_branch_path(self, seq: int) -> Path | None:
        stem = self.session.path.stem
        folder = self.session.path.parent
        suggested = folder / f"{stem}-branch-{seq}{SAVE_SUFFIX}"
        n = 2
        while suggested.exists():
            suggested = folder / f"{stem}-branch-{seq}-{n}{SAVE_SUFFIX}"
            n += 1
        name, _ = QFileDialog.getSaveFileName(
            self,
            translate("ReplayWindow", "Branch from event {0}: save the new session as").format(seq),
            str(suggested),
            translate("ReplayWindow", "Saves (*{0})").format(SAVE_SUFFIX),
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix else path.with_suffix(SAVE_SUFFIX)

    # ------------------------------------------------------------------ comparing
    def compare_with_parent(self) -> None:
        self.dialog = compare_with_parent(self, self.session)

    def compare_with_other(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            translate("ReplayWindow", "Compare with another save"),
            str(self.session.path.parent),
            translate("ReplayWindow", "Saves (*{0});;All files (*)").format(SAVE_SUFFIX),
        )
        if name:
            self.compare(self.session.path, Path(name), f"{self.session.path.name} and {name}")

    def compare(self, a: Path, b: Path, title: str) -> CompareDialog | None:
        self.dialog = show_comparison(self, a, b, title)
        return self.dialog

    # ------------------------------------------------------------------ closing
    def closeEvent(self, event: QCloseEvent) -> None:
        self.play_timer.stop()
        self.session.close()
        super().closeEvent(event)
        self.closed.emit()
