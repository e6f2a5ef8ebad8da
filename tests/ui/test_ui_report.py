"""Report…, Team report… and Handouts… from the facilitator window, through the worker."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox
from report_sessions import pdf_text

from conftest import SCENARIOS
from engine.scenario import load_scenario
from engine.session.simulate import simulate_session
from ui import operations as ops
from ui.main_window import FacilitatorWindow
from ui.report_dialog import DocumentActions


@pytest.fixture
def window(qtbot: Any, tmp_path: Path, isolated_settings: Path) -> FacilitatorWindow:
    scenario = load_scenario(SCENARIOS / "after-hanoi-2019.toml")
    session = simulate_session(scenario, tmp_path / "live.parley", 3, seed=4, events_per_round=30)
    window = FacilitatorWindow(session)
    qtbot.addWidget(window)
    window.show()
    return window


def save_as(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )


def test_the_session_menu_offers_the_documents(window: FacilitatorWindow) -> None:
    menu = next(m for m in window.menuBar().actions() if m.text() == "&Session").menu()
    names = [a.objectName() for a in menu.actions()]
    assert {"report", "team_report", "handouts"} <= set(names)
    assert window.action_set.report.toolTip() and window.action_set.report.shortcut().toString()


def test_report_action_writes_html_off_the_ui_thread(
    window: FacilitatorWindow, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "debrief"  # no suffix: the chosen filter's is added
    save_as(monkeypatch, out)
    monkeypatch.setattr(DocumentActions, "_ask_timeline", lambda self: False)
    window.action_set.report.trigger()
    job = window.documents.job
    assert job is not None and job.progress.isVisible(), "a progress dialog while it works"
    assert not window.action_set.report.isEnabled(), "one document at a time"
    qtbot.waitUntil(lambda: not job.running and window.action_set.report.isEnabled(), timeout=30000)
    html = out.with_suffix(".html").read_text(encoding="utf-8")
    assert "After Hanoi" in html and "Team page" in html
    assert 'id="timeline"' not in html, "no appendix unless asked for"
    assert "Written:" in window.statusBar().currentMessage()
    # The window went on working while the report was written, and still does.
    assert window.run(ops.add_note, text="after") is None


def test_team_report_action_writes_a_pdf_for_the_chosen_team(
    window: FacilitatorWindow, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "dprk.pdf"
    save_as(monkeypatch, out)
    dprk = window.session.scenario.team("dprk")
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: (dprk.name, True)))
    window.action_set.team_report.trigger()
    qtbot.waitUntil(lambda: window.action_set.team_report.isEnabled(), timeout=60000)
    assert len(PdfReader(out).pages) >= 2
    text = pdf_text(out)
    assert f"Team report · {dprk.name}" in text or dprk.name in text


def test_handouts_action_prints_a_pdf_per_team(
    window: FacilitatorWindow, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "handouts"
    folder.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(folder))
    )
    window.action_set.handouts.trigger()
    qtbot.waitUntil(lambda: window.action_set.handouts.isEnabled(), timeout=60000)
    names = {p.stem for p in folder.glob("*.pdf")}
    assert names == {"public", *(f"team-{t}" for t in window.session.scenario.team_ids)}


def test_an_error_is_shown_readably(
    window: FacilitatorWindow, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    save_as(monkeypatch, blocker / "report.html")
    monkeypatch.setattr(DocumentActions, "_ask_timeline", lambda self: False)
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _parent, _title, text: shown.append(text))
    )
    window.action_set.report.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=30000)
    document = QTextDocument()  # the box gets rich text that shows the message literally
    document.setHtml(shown[0])
    text = document.toPlainText()
    assert text.startswith("Not written:") and "Traceback" not in text
    assert window.action_set.report.isEnabled()


@pytest.mark.parametrize("fails", [False, True])
def test_the_end_of_a_job_is_handled_on_the_gui_thread(qtbot: Any, fails: bool) -> None:
    """The worker's result reaches the dialog on the GUI thread: closing a progress dialog
    from the worker thread crashes the process (it did, under load)."""
    from PySide6.QtCore import QThread
    from PySide6.QtWidgets import QApplication, QWidget

    from ui.report_dialog import Job

    def work(stage: Any) -> str:
        stage("working…")
        if fails:
            raise OSError("disk full")
        return "done"

    parent = QWidget()
    qtbot.addWidget(parent)
    job = Job("Testing", work, 1, parent)
    ended_on: list[Any] = []
    original = job._end

    def record(ok: bool, text: str) -> None:
        ended_on.append(QThread.currentThread())
        original(ok, text)

    job._end = record  # type: ignore[method-assign]
    results: list[tuple[bool, str]] = []
    job.finished.connect(lambda ok, text: results.append((ok, text)))
    job.start()
    qtbot.waitUntil(lambda: bool(results), timeout=10000)
    assert ended_on == [QApplication.instance().thread()]
    assert results == [(False, "disk full")] if fails else [(True, "done")]


@pytest.mark.parametrize(("answer", "appendix"), [("With the timeline", True),
                                                  ("Without the timeline", False)])  # fmt: skip
def test_the_report_dialog_asks_whether_to_add_the_timeline(
    window: FacilitatorWindow,
    qtbot: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer: str,
    appendix: bool,
) -> None:
    out = tmp_path / "debrief.html"
    save_as(monkeypatch, out)

    def click(box: QMessageBox) -> int:
        assert "timeline" in box.text()
        box.setProperty("answered", True)
        chosen = next(b for b in box.buttons() if b.text() == answer)
        chosen.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click)
    window.action_set.report.trigger()
    job = window.documents.job
    assert job is not None
    qtbot.waitUntil(lambda: not job.running and window.action_set.report.isEnabled(), timeout=30000)
    html = out.read_text(encoding="utf-8")
    assert ('id="timeline"' in html) is appendix
    assert "Appendix: the timeline" in html if appendix else "Appendix" not in html
