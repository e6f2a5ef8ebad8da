"""Report…, Team report… and Handouts… from the facilitator window's Session menu.

Each asks where to write (and, for a team report, which team), then does the work in a
worker thread with a progress dialog, so the window stays usable: the worker opens the
save read-only on its own connection (a save being written may be read at the same
time) and never touches the window's session. Success goes to the status bar; an error
to a message box a facilitator can read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from engine.errors import ParleyError
from ui.i18n import translate
from ui.plain_text import as_rich_text

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from engine.scenario.model import Scenario
    from engine.session.live import Session

Work = Callable[[Callable[[str], None]], str]  # told stages as they start; returns a summary


class _Worker(QObject):
    stage = Signal(str)
    done = Signal(str)
    failed = Signal(str)

    def __init__(self, work: Work) -> None:
        super().__init__()
        self.work = work

    @Slot()
    def run(self) -> None:
        try:
            summary = self.work(self.stage.emit)
        except (ParleyError, OSError) as error:
            self.failed.emit(str(error) or type(error).__name__)
        except Exception as error:  # a bug: still a message, never a frozen dialog
            self.failed.emit(f"{type(error).__name__}: {error}")
        else:
            self.done.emit(summary)


class Job(QObject):
    """One piece of long work on a ``QThread``, with a non-modal progress dialog."""

    finished = Signal(bool, str)  # ok, the summary or the error

    def __init__(self, title: str, work: Work, stages: int, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._thread = QThread(self)
        self._worker = _Worker(work)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        # Slots of this object, which lives in the GUI thread, so Qt queues each call to
        # it: a lambda has no thread, and would run in the worker, touching widgets there.
        self._worker.stage.connect(self._stage)
        self._worker.done.connect(self._succeeded)
        self._worker.failed.connect(self._failed)
        self.progress = QProgressDialog(title, "", 0, stages + 1, parent)
        self.progress.setObjectName("reportProgress")
        self.progress.setWindowTitle("Parley")
        self.progress.setCancelButton(None)
        self.progress.setWindowModality(Qt.WindowModality.NonModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setValue(0)

    def start(self) -> None:
        self.progress.show()
        self._thread.start()

    @Slot(str)
    def _stage(self, label: str) -> None:
        self.progress.setLabelText(label)
        self.progress.setValue(min(self.progress.value() + 1, self.progress.maximum() - 1))

    @Slot(str)
    def _succeeded(self, summary: str) -> None:
        self._end(True, summary)

    @Slot(str)
    def _failed(self, message: str) -> None:
        self._end(False, message)

    def _end(self, ok: bool, text: str) -> None:
        self._thread.quit()
        self._thread.wait()
        self.progress.setValue(self.progress.maximum())
        self.progress.hide()
        self.progress.deleteLater()
        self.finished.emit(ok, text)

    @property
    def running(self) -> bool:
        return self._thread.isRunning()


def report_work(save: Path, out: Path, viewer: str, *, timeline: bool = False) -> Work:
    """Open ``save`` read-only in the worker and write the report (format by suffix);
    ``timeline``: with the full timeline as an appendix."""

    def work(stage: Callable[[str], None]) -> str:
        from engine.session.live import Session
        from ui.report_verbs import write_report

        stage("Opening the save…")
        with Session.open(save, read_only=True) as session:
            return write_report(
                session, out, viewer=viewer, at=None, timeline=timeline, progress=stage
            )

    return work


def handouts_work(scenario: Scenario, folder: Path) -> Work:
    def work(stage: Callable[[str], None]) -> str:
        from engine.report.handouts import handouts
        from ui.pdf import write_pdf

        written = []
        for handout in handouts(scenario):
            stage(f"Printing {handout.title}…")
            path = folder / f"{handout.name}.pdf"
            write_pdf(path, handout.title, html=handout.html)
            written.append(path)
        return translate("ui.report_dialog", "{0} handouts written to {1}").format(
            len(written), folder
        )

    return work


class DocumentActions(QObject):
    """The work behind the window's report, team_report and handouts actions (the window
    connects the actions and makes this on first use). ``actions`` are disabled while a
    document is being written."""

    def __init__(self, window: QMainWindow, session: Session, actions: Iterable[QAction]) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self._actions = tuple(actions)
        self.job: Job | None = None

    # ------------------------------------------------------------------ the actions
    def report(self) -> None:
        out = self._ask_file(translate("DocumentActions", "Save the after-action report"), "report")
        if out is None:
            return
        timeline = self._ask_timeline()
        if timeline is not None:
            self._run("Writing the report…",
                      report_work(self._save, out, "control", timeline=timeline), 3)  # fmt: skip

    def team_report(self) -> None:
        scenario = self.session.scenario
        names = [t.name for t in scenario.teams]
        name, ok = QInputDialog.getItem(
            self.window,
            translate("DocumentActions", "Team report"),
            translate("DocumentActions", "A report of what this team could see, for:"),
            names,
            0,
            False,
        )
        if not ok or name not in names:
            return
        team = scenario.teams[names.index(name)]
        out = self._ask_file(
            translate("DocumentActions", "Save the report for {0}").format(team.name),
            f"report-{team.id}",
        )
        if out is not None:
            self._run(f"Writing the report for {team.name}…",
                      report_work(self._save, out, team.id), 3)  # fmt: skip

    def handouts(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.window,
            translate(
                "DocumentActions", "A folder for the handouts (one PDF per team, one public)"
            ),
            str(self._save.parent),
        )
        if folder:
            scenario = self.session.scenario
            self._run("Printing the handouts…", handouts_work(scenario, Path(folder)),
                      len(scenario.teams) + 1)  # fmt: skip

    # ------------------------------------------------------------------ helpers
    def _ask_timeline(self) -> bool | None:
        """Whether to add the full timeline as an appendix (None: cancelled)."""
        box = QMessageBox(self.window)
        box.setObjectName("timelineQuestion")
        box.setWindowTitle(translate("DocumentActions", "Parley: the report"))
        box.setText(
            translate("DocumentActions", "Add the full timeline (every log entry) as an appendix?")
        )
        box.setInformativeText(
            translate(
                "DocumentActions",
                "The report opens on what happened; the timeline makes it much longer.",
            )
        )
        box.setIcon(QMessageBox.Icon.Question)
        without = box.addButton(
            translate("DocumentActions", "Without the timeline"), QMessageBox.ButtonRole.RejectRole
        )
        with_it = box.addButton(
            translate("DocumentActions", "With the timeline"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(without)
        box.exec()
        clicked = box.clickedButton()
        if clicked is with_it:
            return True
        return False if clicked is without else None

    @property
    def _save(self) -> Path:
        return Path(self.session.path)

    def _ask_file(self, title: str, stem: str) -> Path | None:
        default = self._save.with_name(f"{self._save.stem}-{stem}.html")
        name, chosen = QFileDialog.getSaveFileName(
            self.window,
            title,
            str(default),
            translate("DocumentActions", "HTML, one file (*.html);;PDF (*.pdf)"),
        )
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() not in (".html", ".htm", ".pdf"):
            path = path.with_name(path.name + (".pdf" if "pdf" in chosen.lower() else ".html"))
        return path

    def _run(self, title: str, work: Work, stages: int) -> None:
        if self.job is not None and self.job.running:
            self.window.statusBar().showMessage(
                translate("DocumentActions", "Another document is still being written."), 5000
            )
            return
        self.job = Job(title, work, stages, self.window)
        self.job.finished.connect(self._finished)
        self._enable(False)
        self.job.start()

    def _enable(self, on: bool) -> None:
        for action in self._actions:
            action.setEnabled(on)

    def _finished(self, ok: bool, text: str) -> None:
        self._enable(True)
        if ok:
            self.window.statusBar().showMessage(
                translate("DocumentActions", "Written: {0}").format(text), 10000
            )
        else:
            QMessageBox.warning(
                self.window,
                translate("DocumentActions", "Parley: not written"),
                as_rich_text(translate("DocumentActions", "Not written: {0}").format(text)),
            )
