"""Control's inbox: what the team devices sent, waiting for the facilitator.

Pending submissions first, then held ones, oldest first: team, kind, when, device and a
summary. Keyboard first: Enter accepts, Ctrl+E accepts edited (the kind's own entry
form, filled in from what the team sent), Ctrl+H holds (with a note), Ctrl+R rejects
(with a reason, which the team sees). Every one is one operation run through the window
(``FormHost.run``), so it is one event, and one Undo takes it back. Auto-accept per kind
is a setting (``ui.settings.auto_accept``), applied by the room as submissions arrive.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import operations as ops
from ui import settings
from ui.i18n import QT_TRANSLATE_NOOP, translate
from ui.plain_text import plain_label

if TYPE_CHECKING:
    from ui.entries import FormHost
    from ui.models.update import Update

ID_ROLE = Qt.ItemDataRole.UserRole
KIND_WORDS = {
    "move": QT_TRANSLATE_NOOP("InboxPanel", "Move"),
    "demand": QT_TRANSLATE_NOOP("InboxPanel", "Demand"),
    "proposal": QT_TRANSLATE_NOOP("InboxPanel", "Proposal"),
    "answer": QT_TRANSLATE_NOOP("InboxPanel", "Answer"),
    "message": QT_TRANSLATE_NOOP("InboxPanel", "Message"),
}
COLUMNS = (
    QT_TRANSLATE_NOOP("InboxPanel", "Team"),
    QT_TRANSLATE_NOOP("InboxPanel", "Kind"),
    QT_TRANSLATE_NOOP("InboxPanel", "When"),
    QT_TRANSLATE_NOOP("InboxPanel", "Device"),
    QT_TRANSLATE_NOOP("InboxPanel", "Status"),
    QT_TRANSLATE_NOOP("InboxPanel", "What"),
)


def summary(what: str, payload: dict[str, Any], team_name: Any = str) -> str:
    """One line saying what a submission asks for, from its payload."""
    text = " ".join(str(payload.get("text", "")).split())
    if what == "move":
        tone = payload.get("tone", 0)
        head = f"{payload.get('move_type', '?')}, tone {tone:+d}" if isinstance(tone, int) else ""
        return f"{head}: {text}" if head else text
    if what == "demand":
        return f"to {team_name(payload.get('to_team', '?'))}: {text}"
    if what == "message":
        to = ", ".join(team_name(t) for t in payload.get("to", ()))
        return f"to {to or 'Control'}: {text}"
    if what == "answer":
        answer = payload.get("answer") or payload.get("action") or ""
        return f"{answer} {payload.get('commitment', '')}".strip() + (f": {text}" if text else "")
    if what == "proposal":
        receivers = ", ".join(team_name(t) for t in payload.get("receivers", ()))
        return f"to {receivers}: {text}" if receivers else text
    return text


class ReasonDialog(QDialog):
    """A note (hold) or a reason (reject; required) for one submission, window-modal."""

    def __init__(
        self, title: str, prompt: str, *, required: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("inboxReasonDialog")
        self.setWindowTitle(title)
        self.required = required
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        layout = QVBoxLayout(self)
        label = plain_label(QLabel(prompt, self))
        label.setWordWrap(True)
        layout.addWidget(label)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("inboxReason")
        self.text.setAccessibleName(prompt)
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        layout.addWidget(self.text)
        self.error = plain_label(QLabel("", self))
        self.error.setProperty("role", "error")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            translate("ReasonDialog", "{0}  (Ctrl+Enter)").format(title)
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept)
        self.submit: Any = None  # called with the text; returns an error or None
        self.text.setFocus()

    def value(self) -> str:
        return self.text.toPlainText().strip()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+Enter gives it even where the dialog's shortcut does not reach."""
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if ctrl and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept()
            return
        super().keyPressEvent(event)

    def accept(self) -> None:
        if self.required and not self.value():
            self.error.setText(translate("ReasonDialog", "Write the reason: the team sees it."))
            self.error.show()
            return
        error = self.submit(self.value()) if self.submit is not None else None
        if error:
            self.error.setText(error)
            self.error.show()
            return
        super().accept()


class InboxPanel(QWidget):
    """The inbox (a ``Panel``): refreshed when a broadcast names submissions."""

    counts_changed = Signal(int, int)  # pending, held

    def __init__(self, host: FormHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.setObjectName("inboxPanel")
        self.prompt: ReasonDialog | None = None  # the open note or reason, if any
        self.editor: QDialog | None = None  # the open "accept edited" form, if any
        self._when: dict[int, str] = {}  # submission seq -> "14:02:31"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        self.heading = plain_label(QLabel("", self))
        self.heading.setObjectName("inboxHeading")
        layout.addWidget(self.heading)
        self.view = QTreeWidget(self)
        self.view.setObjectName("inboxView")
        self.view.setAccessibleName(
            translate("InboxPanel", "Inbox: submissions from the team devices")
        )
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setHeaderLabels([translate("InboxPanel", c) for c in COLUMNS])
        header = self.view.header()
        width = self.fontMetrics().averageCharWidth()
        for column, chars in enumerate((12, 8, 8, 12, 8)):
            header.resizeSection(column, width * chars + 16)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.view.itemActivated.connect(lambda _item, _col: self.accept_current())
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        for text, slot, name in (
            ("Accept  Enter", self.accept_current, "inboxAccept"),
            ("Edit…  Ctrl+E", self.accept_edited, "inboxEdit"),
            ("Hold…  Ctrl+H", self.hold_current, "inboxHold"),
            ("Reject…  Ctrl+R", self.reject_current, "inboxReject"),
        ):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(plain_label(QLabel(translate("InboxPanel", "Accept as they arrive:"), self)))
        self.auto: dict[str, QCheckBox] = {}
        for kind, word in KIND_WORDS.items():
            box = QCheckBox(
                translate("InboxPanel", "{0}s").format(translate("InboxPanel", word).lower()), self
            )
            box.setObjectName(f"autoAccept_{kind}")
            box.setToolTip(
                translate("InboxPanel", "Accept every {0} as it arrives, without asking").format(
                    word.lower()
                )
            )
            box.setChecked(settings.auto_accept(kind))
            box.toggled.connect(lambda on, kind=kind: settings.set_auto_accept(kind, on))
            row.addWidget(box)
            self.auto[kind] = box
        row.addStretch(1)
        layout.addLayout(row)
        scope = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            ("Ctrl+E", self.accept_edited),
            ("Ctrl+H", self.hold_current),
            ("Ctrl+R", self.reject_current),
        ):
            QShortcut(QKeySequence(keys), self, slot, context=scope)
        self.refresh()

    # ------------------------------------------------------------------ showing
    def apply(self, update: Update) -> None:
        changes = update.changes
        if update.resync or changes.submissions or changes.devices:
            self.refresh()

    def _team_name(self, team: Any) -> str:
        found = self.host.session.scenario.team(team) if team else None
        return found.name if found is not None else str(team)

    def _device_label(self, device: str) -> str:
        record = self.host.session.state.devices.get(device)
        label = getattr(record, "label", "") if record is not None else ""
        return f"{label} ({device})" if label else device

    def _time_of(self, seq: int) -> str:
        if seq not in self._when:
            self._when[seq] = time.strftime(
                "%H:%M:%S", time.localtime(self.host.session.envelope(seq).at)
            )
        return self._when[seq]

    def waiting(self) -> list[tuple[str, Any]]:
        """(id, submission) pending ones first, then held, each oldest first."""
        subs = self.host.session.state.submissions
        order = {"pending": 0, "held": 1}
        found = [(sid, s) for sid, s in subs.items() if s.status in order]
        found.sort(key=lambda pair: (order[pair[1].status], pair[1].seq))
        return found

    def refresh(self) -> None:
        current = self.current_id()
        waiting = self.waiting()
        self.view.setUpdatesEnabled(False)
        self.view.clear()
        items = []
        for sid, sub in waiting:
            status = "held" if sub.status == "held" else "pending"
            if sub.status == "held" and sub.note:
                status = f"held: {sub.note}"
            item = QTreeWidgetItem(
                [
                    self._team_name(sub.team),
                    translate("InboxPanel", KIND_WORDS.get(sub.what, sub.what)),
                    self._time_of(sub.seq),
                    self._device_label(sub.device),
                    status,
                    summary(sub.what, dict(sub.payload), self._team_name),
                ]
            )
            item.setData(0, ID_ROLE, sid)
            item.setToolTip(len(COLUMNS) - 1, item.text(len(COLUMNS) - 1))
            items.append(item)
        self.view.addTopLevelItems(items)
        self.view.setUpdatesEnabled(True)
        still = {sid for sid, sub in waiting if sub.status == "pending"}
        again = next(  # the same one while pending; else the next pending one, for Enter
            (i for i in items if i.data(0, ID_ROLE) == current and current in still), None
        )
        if again is None and items:
            again = items[0]
        if again is not None:
            self.view.setCurrentItem(again)
        pending = sum(1 for _sid, s in waiting if s.status == "pending")
        held = len(waiting) - pending
        self.heading.setText(
            translate("InboxPanel", "{0} pending, {1} held").format(pending, held)
            if waiting
            else translate("InboxPanel", "Nothing waiting from the devices.")
        )
        self.counts_changed.emit(pending, held)

    def current_id(self) -> str | None:
        item = self.view.currentItem()
        return item.data(0, ID_ROLE) if item is not None else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.accept_current()
            return
        super().keyPressEvent(event)

    # ------------------------------------------------------------------ acting
    def _say(self, message: str) -> None:
        self.heading.setText(message)

    def accept_current(self) -> str | None:
        sid = self.current_id()
        if sid is None:
            return None
        return self.host.run(ops.accept_submission, submission=sid)

    def accept_edited(self) -> QDialog | None:
        sid = self.current_id()
        if sid is None:
            return None
        from ui.devices_edit import edit_form

        sub = self.host.session.state.submissions[sid]
        form = edit_form(self.host, sid, sub, parent=self.window())
        if form is None:
            self._say(
                translate(
                    "InboxPanel",
                    "{0}s cannot be edited here: accept it (Enter) or reject it with a reason "
                    "(Ctrl+R).",
                ).format(translate("InboxPanel", KIND_WORDS.get(sub.what, sub.what)))
            )
            return None
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.finished.connect(lambda _r: setattr(self, "editor", None))
        self.editor = form
        form.open()
        return form

    def _ask(self, title: str, prompt: str, *, required: bool, run: Any) -> ReasonDialog | None:
        sid = self.current_id()
        if sid is None:
            return None
        sub = self.host.session.state.submissions[sid]
        what = summary(sub.what, dict(sub.payload), self._team_name)
        said = f"{self._team_name(sub.team)}'s {sub.what}: {what}\n\n{prompt}"
        dialog = ReasonDialog(title, said, required=required, parent=self.window())
        dialog.submit = lambda text: run(sid, text)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: setattr(self, "prompt", None))
        self.prompt = dialog
        dialog.open()
        return dialog

    def hold_current(self) -> ReasonDialog | None:
        return self._ask(
            translate("InboxPanel", "Hold"),
            translate(
                "InboxPanel", "A note for Control (why it waits); the team sees that it is held."
            ),
            required=False,
            run=lambda sid, text: self.host.run(ops.hold_submission, submission=sid, note=text),
        )

    def reject_current(self) -> ReasonDialog | None:
        return self._ask(
            translate("InboxPanel", "Reject"),
            translate("InboxPanel", "Why it is rejected: the team sees this reason."),
            required=True,
            run=lambda sid, text: self.host.run(ops.reject_submission, submission=sid, reason=text),
        )
