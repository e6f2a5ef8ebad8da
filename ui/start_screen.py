"""The start screen: a new session from a scenario, or a save to open.

The default scenario is selected, so Enter starts it. The screen only chooses; the app
(``ui.app``) creates or opens the session and shows the facilitator window.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from engine.scenario import Scenario, ScenarioError, peek_title
from ui import settings, theme
from ui.actions import DESKTOP_SPECS, Actions, connect_desktop_actions
from ui.i18n import translate
from ui.save_names import SAVE_SUFFIX, bundled_scenarios, default_saves_dir, new_save_path
from ui.scenario_view import scenario_html
from ui.screen_fit import fit_to_screen

if TYPE_CHECKING:
    from engine.save.preview import SavePreview

PATH_ROLE = Qt.ItemDataRole.UserRole


class StartScreen(QWidget):
    new_session = Signal(object, object)  # Scenario, Path of the new save
    open_save = Signal(object)  # Path
    open_replay = Signal(object)  # Path of a save to replay, read-only
    open_class = Signal(object)  # Path of a class folder (just made, or chosen)
    class_started = Signal(object, object)  # Path of the class folder just made, its codes
    large_text_toggled = Signal(bool)

    def __init__(
        self,
        *,
        scenarios: list[Path] | None = None,
        preselect: Path | None = None,
        saves_dir: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Parley")
        self.setObjectName("startScreen")
        self._saves_dir = saves_dir or default_saves_dir()
        self._scenario: Scenario | None = None
        self._chosen_path: Path | None = None  # a save path the user picked, else automatic
        self._build()
        files = list(scenarios if scenarios is not None else bundled_scenarios())
        if preselect is not None and preselect.resolve() not in [f.resolve() for f in files]:
            files.insert(0, preselect)
        for path in files:
            self._add_scenario(path)
        index = 0
        if preselect is not None:
            index = next((i for i, f in enumerate(files) if f.resolve() == preselect.resolve()), 0)
        self.scenario_list.setCurrentRow(index)
        self.refresh_recent()
        self.resize(1040, 680)
        fit_to_screen(self)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 20, 24, 20)
        outer.setSpacing(14)
        header = QHBoxLayout()
        title = QLabel("Parley", self)
        theme.scale_font(title, 2.2, bold=True)
        title.setStyleSheet(f"color: {theme.ACCENT}")
        tagline = QLabel(
            translate(
                "StartScreen", "Run a negotiation role-play: rounds, moves, demands, commitments."
            )
        )
        tagline.setProperty("role", "muted")
        self.large_text = QCheckBox(
            translate("StartScreen", "&Large text (projector-friendly)"), self
        )
        self.large_text.setChecked(settings.large_text())
        self.large_text.toggled.connect(self._on_large_text)
        header.addWidget(title)
        header.addSpacing(12)
        header.addWidget(tagline, 1, Qt.AlignmentFlag.AlignBottom)
        header.addWidget(self.large_text, 0, Qt.AlignmentFlag.AlignBottom)
        outer.addLayout(header)

        body = QHBoxLayout()
        body.setSpacing(16)
        left = QVBoxLayout()
        left.addWidget(self._heading(translate("StartScreen", "New session from a scenario")))
        self.scenario_list = QListWidget(self)
        self.scenario_list.setObjectName("scenarioList")
        self.scenario_list.setAccessibleName(translate("StartScreen", "Scenarios"))
        self.scenario_list.currentItemChanged.connect(self._on_scenario_changed)
        left.addWidget(self.scenario_list, 3)
        self.other_scenario = QPushButton(translate("StartScreen", "Other scenario &file…"), self)
        self.other_scenario.clicked.connect(self.choose_scenario_file)
        left.addWidget(self.other_scenario)
        left.addSpacing(10)
        left.addWidget(self._heading(translate("StartScreen", "Recent saves")))
        self.recent_list = QListWidget(self)
        self.recent_list.setObjectName("recentList")
        self.recent_list.setAccessibleName(translate("StartScreen", "Recent saves"))
        self.recent_list.itemActivated.connect(self._on_recent_activated)
        self.recent_list.currentItemChanged.connect(self._preview_recent)
        self.recent_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.recent_list.customContextMenuRequested.connect(self._recent_menu)
        self.recent_list.setToolTip(
            translate("StartScreen", "Enter opens a save; right-click to open it for replay")
        )
        left.addWidget(self.recent_list, 2)
        self.open_button = QPushButton(translate("StartScreen", "&Open a save…"), self)
        self.open_button.setObjectName("openSave")
        self.open_button.clicked.connect(self.choose_save_file)
        self.replay_button = QPushButton(translate("StartScreen", "Open for &replay…"), self)
        self.replay_button.setObjectName("openReplay")
        self.replay_button.setToolTip(
            translate(
                "StartScreen",
                "Replay a save read-only: the selected recent save, or one you choose",
            )
        )
        self.replay_button.clicked.connect(self.choose_replay)
        self.restore_button = QPushButton(translate("StartScreen", "Restore a &backup…"), self)
        self.restore_button.setObjectName("restoreBackup")
        self.restore_button.setToolTip(
            translate("StartScreen", "Restore an automatic backup to a new save")
        )
        self.restore_button.clicked.connect(self.choose_backup)
        save_buttons = QHBoxLayout()
        save_buttons.addWidget(self.open_button)
        save_buttons.addWidget(self.replay_button)
        save_buttons.addWidget(self.restore_button)
        left.addLayout(save_buttons)
        self.open_class_button = QPushButton(translate("StartScreen", "O&pen a class…"), self)
        self.open_class_button.setObjectName("openClass")
        self.open_class_button.setToolTip(
            translate("StartScreen", "Open a class folder: every group's session, live")
        )
        self.open_class_button.clicked.connect(self.choose_class)
        left.addWidget(self.open_class_button)
        body.addLayout(left, 2)

        card = QFrame(self)
        card.setProperty("role", "card")
        right = QVBoxLayout(card)
        right.setContentsMargins(16, 12, 16, 12)
        self.summary = QTextBrowser(card)
        self.summary.setObjectName("scenarioSummary")
        self.summary.setAccessibleName(translate("StartScreen", "Scenario summary"))
        self.summary.setFrameShape(QFrame.Shape.NoFrame)
        self.summary.setOpenExternalLinks(False)
        right.addWidget(self.summary, 1)
        self.error = QLabel("", card)
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # faults quote the file's values
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        right.addWidget(self.error)
        save_row = QHBoxLayout()
        save_row.addWidget(QLabel(translate("StartScreen", "Save to:"), card))
        self.save_label = QLabel("", card)
        self.save_label.setObjectName("savePath")
        self.save_label.setProperty("role", "muted")
        self.save_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        save_row.addWidget(self.save_label, 1)
        self.change_save = QPushButton(translate("StartScreen", "&Change…"), card)
        self.change_save.clicked.connect(self.choose_save_location)
        save_row.addWidget(self.change_save)
        right.addLayout(save_row)
        self.start_button = QPushButton(translate("StartScreen", "&Start new session  ⏎"), card)
        self.start_button.setObjectName("startSession")
        self.start_button.setDefault(True)
        self.start_button.setMinimumHeight(38)
        self.start_button.clicked.connect(self.start)
        start_row = QHBoxLayout()
        start_row.addStretch(1)
        self.class_button = QPushButton(translate("StartScreen", "Start a cl&ass…"), card)
        self.class_button.setObjectName("startClass")
        self.class_button.setToolTip(
            translate("StartScreen", "Several groups play this scenario, one save each")
        )
        self.class_button.setMinimumHeight(38)
        self.class_button.clicked.connect(self.start_class)
        start_row.addWidget(self.class_button)
        start_row.addWidget(self.start_button)
        right.addLayout(start_row)
        body.addWidget(card, 5)
        outer.addLayout(body, 1)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Open), self, self.choose_save_file)
        self.action_set = Actions(self, DESKTOP_SPECS, prefix="start_")  # Ctrl+Q, F11
        connect_desktop_actions(self, self.action_set)

    def _heading(self, text: str) -> QLabel:
        label = QLabel(text.upper(), self)
        label.setProperty("role", "muted")
        theme.scale_font(label, 0.85, bold=True)
        return label

    # ------------------------------------------------------------------ scenarios
    def _add_scenario(self, path: Path) -> QListWidgetItem:
        item = QListWidgetItem(peek_title(path) or path.stem.replace("-", " "))
        item.setData(PATH_ROLE, str(path))
        item.setToolTip(str(path))
        self.scenario_list.addItem(item)
        return item

    def _on_scenario_changed(self, item: QListWidgetItem | None) -> None:
        self._scenario = None
        self._chosen_path = None
        self.error.hide()
        if item is None:
            return
        path = Path(item.data(PATH_ROLE))
        try:
            scenario = settings.load_scenario(path)
        except ScenarioError as error:
            self.summary.clear()
            self.error.setText(
                translate("StartScreen", "This scenario is refused:\n{0}").format(error)
            )
            self.error.show()
            self.start_button.setEnabled(False)
            self.save_label.setText("")
            return
        self._scenario = scenario
        item.setText(scenario.title)
        self.summary.setHtml(scenario_html(scenario))
        self.start_button.setEnabled(True)
        self.save_label.setText(str(self.save_path()))

    @property
    def scenario(self) -> Scenario | None:
        return self._scenario

    def save_path(self) -> Path:
        if self._chosen_path is not None:
            return self._chosen_path
        scenario_id = self._scenario.id if self._scenario else "session"
        return new_save_path(scenario_id, folder=self._saves_dir)

    def choose_scenario_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            translate("StartScreen", "Choose a scenario"),
            str(self._saves_dir.parent),
            translate("StartScreen", "Scenarios (*.toml)"),
        )
        if name:
            item = self._add_scenario(Path(name))
            self.scenario_list.setCurrentItem(item)

    def choose_save_location(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            translate("StartScreen", "Save the new session as"),
            str(self.save_path()),
            translate("StartScreen", "Saves (*{0})").format(SAVE_SUFFIX),
        )
        if name:
            path = Path(name)
            self._chosen_path = path if path.suffix else path.with_suffix(SAVE_SUFFIX)
            self.save_label.setText(str(self._chosen_path))

    def start(self) -> None:
        if self._scenario is None:
            return
        self.new_session.emit(self._scenario, self.save_path())

    def start_class(self) -> None:
        """Start a class on the selected scenario (``ui/class_start.py``), then open it."""
        from ui.class_start import StartClassDialog

        if self._scenario is None:
            return
        dialog = StartClassDialog(self._scenario, self._saves_dir, self)
        if dialog.exec() and dialog.made is not None:
            self.class_started.emit(dialog.made.folder, dialog.codes)

    def choose_class(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            translate("StartScreen", "Open a class"),
            str(self._saves_dir),
            translate("StartScreen", "Class files (class.toml)"),
        )
        if name:
            self.open_class.emit(Path(name).parent)

    # ------------------------------------------------------------------ saves
    def refresh_recent(self) -> None:
        self.recent_list.clear()
        saves = settings.recent_saves()
        names = [path.name for path in saves]
        for path in saves:
            # two saves of one name (in different folders) are told apart by their folder
            label = f"{path.name} — {path.parent.name}" if names.count(path.name) > 1 else path.name
            item = QListWidgetItem(label)
            item.setToolTip(str(path))
            item.setData(PATH_ROLE, str(path))
            if not path.exists():
                item.setText(translate("StartScreen", "{0} (missing)").format(label))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.recent_list.addItem(item)

    def _preview_recent(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        """A recent save, selected, shows what it holds before it is opened."""
        if item is None:
            return
        from engine.save.preview import preview_save

        self.summary.setHtml(save_preview_html(preview_save(Path(item.data(PATH_ROLE)))))

    def _on_recent_activated(self, item: QListWidgetItem) -> None:
        self.open_save.emit(Path(item.data(PATH_ROLE)))

    def choose_save_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            translate("StartScreen", "Open a save"),
            str(self._saves_dir),
            translate("StartScreen", "Saves (*{0});;All files (*)").format(SAVE_SUFFIX),
        )
        if name:
            self.open_save.emit(Path(name))

    def choose_replay(self) -> None:
        """Replay the selected recent save, or a save chosen in a file dialog."""
        item = self.recent_list.currentItem()
        if item is not None and item.isSelected() and item.flags() & Qt.ItemFlag.ItemIsEnabled:
            self.open_replay.emit(Path(item.data(PATH_ROLE)))
            return
        name, _ = QFileDialog.getOpenFileName(
            self, translate("StartScreen", "Open a save for replay"), str(self._saves_dir),
            translate("StartScreen", "Saves (*{0});;All files (*)").format(SAVE_SUFFIX),
        )  # fmt: skip
        if name:
            self.open_replay.emit(Path(name))

    def choose_backup(self) -> None:
        """Restore a backup to a new save (never over a file), then open it."""
        from engine.errors import ParleyError
        from ui.backups import restore_from

        try:
            path = restore_from(self, self._saves_dir)
        except ParleyError as error:
            self.show_error(str(error))
            return
        if path is not None:
            self.open_save.emit(path)

    def _recent_menu(self, point: QPoint) -> None:
        item = self.recent_list.itemAt(point)
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return
        path = Path(item.data(PATH_ROLE))
        menu = QMenu(self)
        menu.addAction(translate("StartScreen", "&Open"), lambda: self.open_save.emit(path))
        menu.addAction(
            translate("StartScreen", "Open for &replay"), lambda: self.open_replay.emit(path)
        )
        menu.exec(self.recent_list.viewport().mapToGlobal(point))

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _on_large_text(self, on: bool) -> None:
        settings.set_large_text(on)
        self.large_text_toggled.emit(on)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.recent_list.hasFocus():  # the list has emitted itemActivated already
                return
            if self.start_button.isEnabled():
                self.start()
                return
        super().keyPressEvent(event)


def save_preview_html(preview: SavePreview) -> str:
    """A recent save in a few lines: scenario, how far it got, when, its folder."""
    from html import escape

    from engine.save.preview import when

    name = escape(preview.path.name)
    if preview.problem:
        return translate("ui.start_screen", "<h2>{0}</h2><p>This save {1}.</p>").format(
            name, escape(preview.problem)
        )
    reached = (
        translate("ui.start_screen", "round {0} of {1}").format(preview.round, preview.rounds)
        if preview.round
        else translate("ui.start_screen", "not started yet")
    )
    rows = [
        ("Scenario", escape(preview.title)),
        ("Reached", reached),
        ("Events", f"{preview.events:,}"),
        ("Last changed", escape(when(preview))),
        ("Teams", escape(", ".join(preview.teams))),
        ("Folder", escape(str(preview.path.parent))),
    ]
    if preview.parent:
        rows.append(("Branched from", escape(Path(preview.parent).name)))
    cells = "".join(f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{v}</td></tr>" for k, v in rows)
    return translate(
        "ui.start_screen",
        "<h2>{0}</h2><table cellpadding='3'>{1}</table><p style='color:#616e7c'>Enter opens it; "
        "right-click opens it for replay.</p>",
    ).format(name, cells)
