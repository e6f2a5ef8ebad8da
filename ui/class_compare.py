"""Comparing the groups in the app: the grid, where they differ most, and "Save as…".

The comparison is read from the class's live sessions (no second opening of a save) by
the engine (``compare_groups``); the view only shows it. "Save as…" writes it as HTML,
PDF, CSV or an analysis database, as ``parley compare`` does.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from engine.errors import ParleyError
from engine.report.compare import Comparison, compare_groups, read_group
from engine.session.class_run import ClassRun
from ui.i18n import translate
from ui.plain_text import as_rich_text

SUFFIXES = {"HTML": ".html", "PDF": ".pdf", "CSV": ".csv", "Database": ".db"}


def class_comparison(run: ClassRun, keys: tuple[str, ...]) -> Comparison:
    groups = [read_group(run.session(name), name) for name in run.names]
    return compare_groups(groups, keys)


class CompareView(QDialog):
    def __init__(self, run: ClassRun, keys: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("classCompare")
        self.setWindowTitle(translate("CompareView", "The groups compared"))
        self.run = run
        self.comparison = class_comparison(run, keys)
        layout = QVBoxLayout(self)
        measures = self.comparison.measures
        self.grid = QTableWidget(len(self.comparison.groups), len(measures) + 1, self)
        self.grid.setObjectName("compareGrid")
        self.grid.setHorizontalHeaderLabels(
            [translate("CompareView", "Group"), *(m.label for m in measures)]
        )
        for row, group in enumerate(self.comparison.groups):
            self.grid.setItem(row, 0, QTableWidgetItem(group.name))
            for column, measure in enumerate(measures, start=1):
                value = group.values[measure.key]
                item = QTableWidgetItem("–" if value is None else f"{value:g}"
                                        if isinstance(value, float) else str(value))  # fmt: skip
                if isinstance(value, int | float):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if measure.help:
                    item.setToolTip(measure.help)
                self.grid.setItem(row, column, item)
        self.grid.verticalHeader().hide()
        self.grid.resizeColumnsToContents()
        layout.addWidget(self.grid, 1)
        layout.addWidget(
            QLabel(translate("CompareView", "<b>Where the groups differ most</b>"), self)
        )
        words = [d.words for d in self.comparison.differences] or [
            translate("CompareView", "Nowhere: same structure.")
        ]
        self.differences = QLabel("\n".join(f"• {w}" for w in words), self)
        self.differences.setObjectName("compareDifferences")
        self.differences.setWordWrap(True)
        layout.addWidget(self.differences)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        save = buttons.addButton(
            translate("CompareView", "&Save as…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        save.clicked.connect(self.save_as)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(1100, 480)

    def save_as(self) -> None:
        folder = self.run.file.folder
        filters = ";;".join(f"{k} (*{v})" for k, v in SUFFIXES.items())
        name, chosen = QFileDialog.getSaveFileName(
            self,
            translate("CompareView", "Save the comparison"),
            str(folder / "comparison.html"),
            filters,
        )
        if name:
            path = Path(name)
            if path.suffix.lower() not in (".html", ".htm", ".pdf", ".csv", ".db", ".sqlite"):
                path = path.with_name(path.name + SUFFIXES.get(chosen.split(" ")[0], ".html"))
            self.write(path)

    def write(self, path: Path) -> str | None:
        """Write the comparison to ``path`` (format by suffix); the refusal's words, or None."""
        from ui.compare_verbs import write_comparison

        try:
            line = write_comparison(self.comparison, path)
        except (ParleyError, OSError) as error:
            QMessageBox.warning(
                self,
                translate("CompareView", "Parley: not written"),
                as_rich_text(translate("CompareView", "Not written: {0}").format(error)),
            )
            return str(error)
        parent = self.parent()
        if isinstance(parent, QWidget) and hasattr(parent, "statusBar"):
            parent.statusBar().showMessage(
                translate("CompareView", "Written: {0}").format(line), 10000
            )
        return None
