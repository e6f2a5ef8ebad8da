"""A dialog with the comparison of two saves: what ``python main.py diff A B`` prints."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from engine.diff import SaveDiff
from engine.diff_text import diff_text
from ui import theme


def summary(d: SaveDiff) -> str:
    if d.parting is None:
        return "The two saves hold the same events."
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
        self.summary = QLabel(summary(found), self)
        self.summary.setObjectName("compareSummary")
        self.summary.setWordWrap(True)
        theme.scale_font(self.summary, 1.05, bold=True)
        layout.addWidget(self.summary)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("compareText")
        self.text.setAccessibleName("Comparison")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setPlainText(diff_text(found))
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(980, 620)
