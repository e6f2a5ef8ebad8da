"""Dialogs of a class: start one (scenario, groups and their names, the class folder, the
key indicators), choose the key indicators, and choose an inject to fire in the groups.

The dialog only gathers; ``StartClassDialog.make_class`` makes the engine calls
(``create_class``, then one set of team join codes per group, issued into each group's
save: ``class_team_codes``) and shows a refusal in the dialog, which stays open to fix it.
The codes' texts are told once: the dialog keeps them (``codes``) for the overview, which
prints them as join slips per group once the class is open to team devices.
"""

from __future__ import annotations

import datetime as _dt
import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from engine.report.compare import default_key_indicators
from engine.scenario.model import Scenario
from engine.session.classes import (
    MAX_GROUPS,
    ClassError,
    ClassFile,
    create_class,
    default_group_names,
)
from ui.i18n import translate


def default_class_folder(saves_dir: Path, scenario: Scenario) -> Path:
    stamp = _dt.datetime.now().strftime("%Y-%m-%d %H%M")
    return saves_dir / f"{scenario.id} class {stamp}"


class StartClassDialog(QDialog):
    """Start a class: one save per group, in one new class folder."""

    def __init__(self, scenario: Scenario, saves_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scenario = scenario
        self.made: ClassFile | None = None
        self.codes: dict[str, dict[str, tuple[str, str]]] = {}  # group -> team -> (id, text)
        self.setObjectName("startClassDialog")
        self.setWindowTitle(translate("StartClassDialog", "Start a class"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 90)
        layout = QVBoxLayout(self)
        intro = QLabel(
            translate(
                "StartClassDialog",
                "<b>{0}</b>: each group plays the scenario at its own table, with its own save. "
                "The class overview runs them all.",
            ).format(html.escape(scenario.title)),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.count = QSpinBox(self)
        self.count.setObjectName("groupCount")
        self.count.setAccessibleName(translate("StartClassDialog", "Number of groups"))
        self.count.setRange(1, MAX_GROUPS)
        self.count.setValue(3)
        self.count.valueChanged.connect(self._recount)
        form.addRow(translate("StartClassDialog", "&Number of groups:"), self.count)
        self.names = QPlainTextEdit(self)
        self.names.setObjectName("groupNames")
        self.names.setAccessibleName(translate("StartClassDialog", "Group names, one a line"))
        self.names.setPlainText("\n".join(default_group_names(3)))
        self.names.setFixedHeight(self.fontMetrics().lineSpacing() * 7)
        form.addRow(translate("StartClassDialog", "Group &names (one a line):"), self.names)
        self.title = QLineEdit(self)
        self.title.setObjectName("classTitle")
        self.title.setPlaceholderText(translate("StartClassDialog", "e.g. Period 3"))
        form.addRow(translate("StartClassDialog", "Class &title:"), self.title)
        folder_row = QHBoxLayout()
        self.folder = QLineEdit(str(default_class_folder(saves_dir, scenario)), self)
        self.folder.setObjectName("classFolder")
        self.folder.setAccessibleName(translate("StartClassDialog", "Class folder"))
        browse = QPushButton(translate("StartClassDialog", "&Browse…"), self)
        browse.clicked.connect(self._browse)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        folder_label = QLabel(translate("StartClassDialog", "Class &folder:"), self)
        folder_label.setBuddy(self.folder)
        form.addRow(folder_label, folder_row)
        self.indicators = indicator_list(self, scenario, default_key_indicators(scenario))
        form.addRow(translate("StartClassDialog", "&Key indicators (up to 3):"), self.indicators)
        self.with_codes = QCheckBox(
            translate("StartClassDialog", "Join &codes for team devices: one set per group"), self
        )
        self.with_codes.setObjectName("classCodes")
        self.with_codes.setChecked(True)
        form.addRow("", self.with_codes)
        layout.addLayout(form)
        self.error = QLabel("", self)
        self.error.setProperty("role", "error")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            translate("StartClassDialog", "Start the &class")
        )
        buttons.accepted.connect(self.make_class)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _recount(self, count: int) -> None:
        typed = [n for n in self.names.toPlainText().splitlines() if n.strip()]
        defaults = default_group_names(count)
        names = (
            typed[:count] + [d for d in defaults if d not in typed][: max(0, count - len(typed))]
        )
        self.names.setPlainText("\n".join(names))

    def _browse(self) -> None:
        name = QFileDialog.getExistingDirectory(
            self,
            translate("StartClassDialog", "Where the class folder goes"),
            str(Path(self.folder.text()).parent),
        )
        if name:
            self.folder.setText(str(Path(name) / Path(self.folder.text()).name))

    def group_names(self) -> list[str]:
        return [n.strip() for n in self.names.toPlainText().splitlines() if n.strip()]

    def make_class(self) -> None:
        names = self.group_names()
        if len(names) != self.count.value():
            self.show_error(
                translate("StartClassDialog", "{0} groups, but {1} names: one a line").format(
                    self.count.value(), len(names)
                )
            )
            return
        try:
            self.made = create_class(
                self.scenario, Path(self.folder.text()), names,
                title=self.title.text().strip(), key_indicators=checked_keys(self.indicators),
            )  # fmt: skip
        except (ClassError, OSError) as error:
            self.show_error(str(error))
            return
        if self.with_codes.isChecked():
            from engine.errors import ParleyError
            from engine.session.class_run import ClassRun, class_team_codes

            try:
                with ClassRun.open(self.made) as run:
                    self.codes = class_team_codes(run)
            except ParleyError:  # the class stands: opening it to devices issues its codes
                self.codes = {}
        self.accept()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()


def indicator_list(parent: QWidget, scenario: Scenario, chosen: tuple[str, ...]) -> QListWidget:
    widget = QListWidget(parent)
    widget.setObjectName("keyIndicators")
    widget.setAccessibleName(translate("ui.class_start", "Key indicators"))
    for key, indicator in scenario.indicator_keys().items():
        if indicator.scope == "pair":
            continue  # pairs are many: a facilitator picks from the few that fit a column
        item = QListWidgetItem(scenario.value_name(key), widget)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if key in chosen else Qt.CheckState.Unchecked)
    widget.setFixedHeight(widget.fontMetrics().lineSpacing() * 6)
    return widget


def checked_keys(widget: QListWidget) -> tuple[str, ...]:
    keys = []
    for row in range(widget.count()):
        item = widget.item(row)
        if item.checkState() == Qt.CheckState.Checked:
            keys.append(str(item.data(Qt.ItemDataRole.UserRole)))
    return tuple(keys[:3])


def choose_indicators(
    parent: QWidget, scenario: Scenario, chosen: tuple[str, ...]
) -> tuple[str, ...] | None:
    dialog = QDialog(parent)
    dialog.setWindowTitle(translate("ui.class_start", "Key indicators"))
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel(translate("ui.class_start", "The overview shows up to three:"), dialog))
    widget = indicator_list(dialog, scenario, chosen)
    layout.addWidget(widget)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return checked_keys(widget)


def choose_inject(parent: QWidget, scenario: Scenario, groups: list[str]) -> str | None:
    dialog = QDialog(parent)
    dialog.setWindowTitle(translate("ui.class_start", "Fire an inject"))
    layout = QVBoxLayout(dialog)
    layout.addWidget(
        QLabel(translate("ui.class_start", "Fire in: {0}").format(", ".join(groups)), dialog)
    )
    combo = QComboBox(dialog)
    combo.setObjectName("injectChoice")
    for inject in scenario.injects:
        combo.addItem(inject.title, inject.id)
    layout.addWidget(combo)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("ui.class_start", "&Fire"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return str(combo.currentData())
