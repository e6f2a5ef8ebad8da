"""What every entry form shares: a form layout, inline errors, Ctrl+Enter to submit.

A form checks what it can (``problem``), then hands its values to ``submit``, which runs
one operation and returns an error message (the form stays open, nothing changed) or
``None`` (the form closes). Forms never call the engine to change anything themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import pairwise
from typing import Any, TypeVar

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from engine.scenario.model import Scenario
from ui import theme
from ui.i18n import QT_TRANSLATE_NOOP, translate
from ui.plain_text import as_rich_text, plain_label
from ui.screen_fit import fit_to_screen

Submit = Callable[[dict[str, Any]], str | None]
ID_ROLE = Qt.ItemDataRole.UserRole
W = TypeVar("W", bound=QWidget)


Confirm = Callable[[QWidget, str, str], bool]
WIDTH = 520  # a form's width when it opens, unless its rows need more
SCREEN_MARGIN = 24  # what a form leaves of its screen's height (a window frame)


def record_combo(parent: QWidget) -> QComboBox:
    """A choice of records whose labels may be long ("Commitment 4: Russian Federation +
    People's Republic of China → …"): the box keeps to the form's width (its labels are
    elided, the list shows them whole), so the form's own labels are never cut."""
    combo = QComboBox(parent)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(24)
    combo.view().setTextElideMode(Qt.TextElideMode.ElideNone)
    return combo


def ask(parent: QWidget, title: str, question: str) -> bool:
    """A yes-or-no question whose default answer is no (a stray Enter changes nothing)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(question)
    yes = box.addButton(translate("ui.forms.base", "Yes, do it"), QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(translate("ui.forms.base", "No"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes


class FormRows(QScrollArea):
    """A form's rows: as tall as they need to be, scrolled only when the screen is too
    short for them (large text on a 768-pixel laptop), so that Ok and Cancel stay on it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("formRows")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab runs through the rows themselves
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.inner = QWidget(self)
        self.inner.setObjectName("formRowsInner")
        self.setWidget(self.inner)
        self.viewport().setAutoFillBackground(False)
        self.inner.setAutoFillBackground(False)

    def sizeHint(self) -> QSize:
        return self.inner.sizeHint()

    def minimumSizeHint(self) -> QSize:
        inner = self.inner.minimumSizeHint()
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(inner.width() + bar, min(inner.height(), 6 * self.fontMetrics().lineSpacing()))


class EntryForm(QDialog):
    """Base dialog: subclasses add rows in ``build`` and return kwargs from ``values``."""

    title = QT_TRANSLATE_NOOP("EntryForm", "Entry")
    ok_text = QT_TRANSLATE_NOOP("EntryForm", "Record")

    def __init__(self, scenario: Scenario, submit: Submit, parent: QWidget | None = None):
        super().__init__(parent)
        self.scenario = scenario
        self._submit = submit
        self.setWindowTitle(translate("EntryForm", self.title))
        self.setObjectName(type(self).__name__)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 16, 18, 14)
        heading = QLabel(translate("EntryForm", self.title), self)
        theme.scale_font(heading, 1.3, bold=True)
        outer.addWidget(heading)
        self.rows = FormRows(self)
        self.form = QFormLayout(self.rows.inner)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setVerticalSpacing(8)
        outer.addWidget(self.rows, 1)
        self.error = plain_label(QLabel("", self))  # messages quote author text
        self.error.setObjectName("formError")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        outer.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(
            translate("EntryForm", "{0}  (Ctrl+Enter)").format(translate("EntryForm", self.ok_text))
        )
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self._stops: list[QWidget] = []  # the tab chain: rows in order, then the buttons
        self._chained = False

    def sizeHint(self) -> QSize:
        """At least ``WIDTH`` wide when it opens. Not a minimum width set on the dialog:
        that would stop its layout from keeping it as wide as its rows need (a row of
        buttons squeezed until their labels are cut)."""
        hint = super().sizeHint()
        return QSize(max(hint.width(), WIDTH), hint.height())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+Enter submits even where the window-level shortcut does not reach."""
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if ctrl and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept()
            return
        super().keyPressEvent(event)

    # ------------------------------------------------------------------ to override
    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def problem(self) -> str | None:
        """What stops the entry (a missing text, a team facing itself), or None."""
        return None

    # ------------------------------------------------------------------ flow
    def accept(self) -> None:
        message = self.problem()
        if message is None:
            message = self._submit(self.values())
        if message:
            self.show_error(message)
            return
        super().accept()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    # ------------------------------------------------------------------ helpers
    def add_row(self, label: str, widget: W, name: str) -> W:
        """A labelled row (Alt+the underlined letter jumps to it); Tab runs through the
        rows in the order they are added, then to the Ok and Cancel buttons."""
        widget.setObjectName(name)
        widget.setAccessibleName(label.replace("&", "") or _own_text(widget) or name)
        self.form.addRow(label, widget)
        self._stops.extend(focus_stops(widget))
        self._chained = False
        return widget

    def _chain_tabs(self) -> None:
        """Link the rows' controls, then Ok and Cancel, in one pass (before showing)."""
        if self._chained:
            return
        chain = [*self._stops, self.ok_button, self.cancel_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self._chained = True

    def showEvent(self, event: QShowEvent) -> None:
        self._chain_tabs()
        super().showEvent(event)
        self.fit_rows()

    def fit_rows(self) -> None:
        """As large as its rows need, up to its screen (Qt's own ``adjustSize`` stops at two
        thirds of it); past that the rows scroll, Ok and Cancel stay on the screen."""
        screen = self.screen()
        hint = self.sizeHint()
        if screen is not None:
            area = screen.availableGeometry().size()
            hint = hint.boundedTo(area - QSize(SCREEN_MARGIN, SCREEN_MARGIN))
        self.resize(hint.expandedTo(self.minimumSizeHint()))
        fit_to_screen(self, margin=SCREEN_MARGIN)

    def tab_chain(self) -> list[QWidget]:
        """The widgets Tab visits, in order, from the first row round to Cancel."""
        if not self._stops:
            return []
        self._chain_tabs()
        first = self._stops[0]
        chain, widget = [first], first.nextInFocusChain()
        while widget is not None and widget is not first:
            if _takes_tab(widget) and widget not in chain:
                chain.append(widget)
            widget = widget.nextInFocusChain()
        return chain

    def team_combo(self, teams: Iterable[str] | None = None) -> QComboBox:
        combo = QComboBox(self)
        ids = list(teams) if teams is not None else list(self.scenario.team_ids)
        for team_id in ids:
            team = self.scenario.team(team_id)
            combo.addItem(team.name if team else team_id, team_id)
        return combo

    def text_edit(self, placeholder: str = "", lines: int = 3) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setTabChangesFocus(True)
        edit.setPlaceholderText(placeholder)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
        return edit


def _takes_tab(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.focusProxy() is None


def _own_text(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    return str(text()).replace("&", "") if callable(text) else ""


def focus_stops(widget: QWidget | None) -> list[QWidget]:
    """The widgets Tab stops at inside ``widget`` (itself, or its children in order)."""
    if widget is None:
        return []
    if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
        return [widget]
    stops: list[QWidget] = []
    for child in widget.children():
        if isinstance(child, QWidget):
            stops.extend(focus_stops(child))
    return stops


def select_data(combo: QComboBox, value: Any) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)


class CheckList(QListWidget):
    """A list of checkable items (Space toggles), for teams or commitments."""

    def __init__(self, parent: QWidget | None = None, *, rows: int = 4) -> None:
        super().__init__(parent)
        self.setFixedHeight(self.fontMetrics().height() * rows + 20)

    def add(self, text: str, value: str, *, checked: bool = False, tooltip: str = "") -> None:
        item = QListWidgetItem(text, self)
        item.setData(ID_ROLE, value)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        if tooltip:
            item.setToolTip(as_rich_text(tooltip))

    def checked(self) -> tuple[str, ...]:
        return tuple(
            self.item(i).data(ID_ROLE)
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        )

    def set_checked(self, values: Iterable[str]) -> None:
        wanted = set(values)
        for i in range(self.count()):
            item = self.item(i)
            state = (
                Qt.CheckState.Checked if item.data(ID_ROLE) in wanted else Qt.CheckState.Unchecked
            )
            item.setCheckState(state)


class VisibilityPicker(QWidget):
    """Public, or private to the teams checked."""

    def __init__(self, scenario: Scenario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.private = QCheckBox(
            translate("VisibilityPicker", "&Private to the teams checked below"), self
        )
        self.private.setAccessibleName(translate("VisibilityPicker", "Private"))
        self.teams = CheckList(self, rows=3)
        self.teams.setAccessibleName(translate("VisibilityPicker", "Teams who may see it"))
        for team in scenario.teams:
            self.teams.add(team.name, team.id)
        self.teams.setEnabled(False)
        self.private.toggled.connect(self.teams.setEnabled)
        layout.addWidget(self.private)
        layout.addWidget(self.teams)
        self.setFocusProxy(self.private)  # the row's Alt+letter lands on the checkbox

    def value(self) -> tuple[str, ...] | None:
        return self.teams.checked() if self.private.isChecked() else None

    def set_value(self, visibility: tuple[str, ...] | None) -> None:
        self.private.setChecked(visibility is not None)
        self.teams.set_checked(visibility or ())

    def problem(self) -> str | None:
        if self.private.isChecked() and not self.teams.checked():
            return translate(
                "VisibilityPicker", "Private to whom? Check at least one team, or make it public."
            )
        return None
