"""A dialog with the comparison of two saves: what ``python main.py diff A B`` prints."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from engine.session.diff import SaveDiff
from engine.session.diff_text import diff_text
from ui import theme
from ui.i18n import translate
from ui.plain_text import as_rich_text, plain_label

if TYPE_CHECKING:
    from engine.session.live import Session


def summary(d: SaveDiff) -> str:
    if d.parting is None:
        return translate("ui.replay.compare", "The two saves hold the same events.")
    parts = [f"The logs part at event {d.parting.seq}."]
    if d.relation:
        parts.insert(0, d.relation + ".")
    counts = [
        (len(d.indicators), "indicator values differ"),
        (len(d.commitments_only_a) + len(d.commitments_only_b), "commitments in one only"),
        (len(d.commitment_status), "commitments with another status"),
        (len(d.agreements_only_a) + len(d.agreements_only_b), "agreements in one only"),
    ]
    parts.append("At the end: " + "; ".join(f"{n} {what}" for n, what in counts) + ".")
    return " ".join(parts)


class CompareDialog(QDialog):
    def __init__(self, found: SaveDiff, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareDialog")
        self.setWindowTitle(title)
        self.found = found
        layout = QVBoxLayout(self)
        self.summary = plain_label(QLabel(summary(found), self))
        self.summary.setObjectName("compareSummary")
        self.summary.setWordWrap(True)
        theme.scale_font(self.summary, 1.05, bold=True)
        layout.addWidget(self.summary)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("compareText")
        self.text.setAccessibleName(translate("CompareDialog", "Comparison"))
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setPlainText(diff_text(found))
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(980, 620)


def show_comparison(window: QWidget, a: Path, b: Path, title: str) -> CompareDialog | None:
    """Compare two saves (``engine.session.diff``) and show the result beside ``window``; a save
    that cannot be read is said in a message, never a traceback."""
    from ui.replay import operations as ops

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        outcome = ops.compare(a, b)
    finally:
        QApplication.restoreOverrideCursor()
    if outcome.value is None:
        QMessageBox.warning(
            window,
            "Parley",
            as_rich_text(translate("ui.replay.compare", "Not compared: {0}").format(outcome.error)),
        )
        return None
    dialog = CompareDialog(outcome.value, f"Compare: {title}", window)
    dialog.show()
    return dialog


def compare_with_parent(window: QWidget, session: Session) -> CompareDialog | None:
    """A branch beside the save it was branched from, when that save still exists."""
    from ui.replay import operations as ops

    parent = ops.parent_of(session)
    if parent is None:
        QMessageBox.information(
            window,
            "Parley",
            translate("ui.replay.compare", "This save names no parent that exists."),
        )
        return None
    return show_comparison(window, parent, session.path, f"{session.path.name} beside its parent")
