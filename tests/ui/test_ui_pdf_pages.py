"""Printed pages keep what belongs together: a table that fits on a page is never cut (no
page holding one stray row, no "At a glance" box in two halves), a heading never ends a
page, and a column header never breaks inside a word ("Roun d")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QTextCursor, QTextDocument, QTextFormat, QTextTable

from conftest import SCENARIOS
from engine.report.data import build_report
from engine.report.handouts import handouts
from engine.report.html import render_html
from engine.scenario import load_scenario
from engine.session.simulate import simulate_session
from ui.pdf import (
    A4,
    bookmarks,
    ensure_gui_application,
    keep_tables_whole,
    page_height,
    paged_document,
)
from ui.report_pdf import ImageFigures


def page_of(document: QTextDocument, y: float) -> int:
    return int(y // document.pageSize().height())


def cut_tables(document: QTextDocument) -> list[int]:
    """The tables that fit on a page but run over a page break (their first pages)."""
    layout, page = document.documentLayout(), document.pageSize().height()
    cut = []
    for frame in document.rootFrame().childFrames():
        box = layout.frameBoundingRect(frame)
        fits = isinstance(frame, QTextTable) and box.height() <= page * 0.9
        if fits and page_of(document, box.top()) != page_of(document, box.bottom() - 1):
            cut.append(page_of(document, box.top()))
    return cut


def stranded_headings(document: QTextDocument) -> list[str]:
    """Headings whose next block starts on a later page."""
    layout = document.documentLayout()
    out, block = [], document.begin()
    while block.isValid():
        after = block.next()
        while after.isValid() and not after.text().strip():
            after = after.next()
        if block.blockFormat().headingLevel() and after.isValid():
            here = page_of(document, layout.blockBoundingRect(block).top())
            if here != page_of(document, layout.blockBoundingRect(after).top()):
                out.append(block.text())
        block = after
    return out


@pytest.fixture(scope="module")
def report_html(tmp_path_factory: pytest.TempPathFactory) -> str:
    scenario = load_scenario(SCENARIOS / "classroom-freeze-for-relief.toml")
    path = tmp_path_factory.mktemp("pdf") / "class.parley"
    with simulate_session(scenario, path, 4, seed=3) as session:
        return render_html(build_report(session), figure=ImageFigures())


@pytest.mark.parametrize("name", ["classroom-freeze-for-relief", "after-hanoi-2019"])
def test_handout_tables_and_headings_stay_on_one_page(qapp: Any, name: str) -> None:
    for handout in handouts(load_scenario(SCENARIOS / f"{name}.toml")):
        document = paged_document(handout.title, handout.html, A4)
        assert cut_tables(document) == [], handout.name
        assert stranded_headings(document) == [], handout.name


def test_the_report_keeps_its_boxes_whole_and_headings_with_them(
    qapp: Any, report_html: str
) -> None:
    document = paged_document("report", report_html, A4)
    assert document.pageCount() > 5
    assert cut_tables(document) == []
    assert stranded_headings(document) == []


def test_without_keeping_them_whole_a_page_break_would_cut_them(
    qapp: Any, report_html: str
) -> None:
    """The check above can fail: the same report, laid out plainly, has cuts to fix."""
    ensure_gui_application()
    plain = paged_document("report", report_html, A4)
    moved = keep_tables_whole(plain)
    assert moved == 0, "a second pass finds nothing more to move"
    from ui.pdf import _document

    raw = _document("report", report_html)
    raw.setPageSize(plain.pageSize())
    raw.setDocumentMargin(0)
    assert cut_tables(raw) or stranded_headings(raw)


def test_column_headers_are_never_broken_inside_a_word(qapp: Any, report_html: str) -> None:
    document = paged_document("report", report_html, A4)
    broken = set()
    for frame in document.rootFrame().childFrames():
        if not isinstance(frame, QTextTable):
            continue
        for column in range(frame.columns()):
            block = frame.cellAt(0, column).firstCursorPosition().block()
            words = block.text().split()
            if len(words) == 1 and block.layout().lineCount() > 1:
                broken.add(block.text())
    assert broken == set()


def test_a_handouts_pdf_is_written(qapp: Any, tmp_path: Path) -> None:
    from ui.pdf import write_pdf

    handout = handouts(load_scenario(SCENARIOS / "classroom-freeze-for-relief.toml"))[0]
    assert write_pdf(tmp_path / "public.pdf", handout.title, html=handout.html) == 2


def test_a_table_header_is_never_parted_from_its_first_row(qapp: Any, report_html: str) -> None:
    """And a table that runs over pages repeats its header on each (Qt does, for a
    ``<thead>``; every table of ``html_parts.table`` has one)."""
    document = paged_document("report", report_html, A4)
    layout = document.documentLayout()
    tables = [f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable)]
    headed = [t for t in tables if t.format().headerRowCount() == 1 and t.rows() > 1]
    assert len(headed) > 10
    for frame in headed:
        head = layout.blockBoundingRect(frame.cellAt(0, 0).firstCursorPosition().block())
        first = layout.blockBoundingRect(frame.cellAt(1, 0).firstCursorPosition().block())
        assert page_of(document, head.top()) == page_of(document, first.top()), (
            frame.cellAt(0, 0).firstCursorPosition().block().text()
        )


# Other sessions than the one above, printed as the PDF prints them: each of these, laid
# out with the page height as given rather than as Qt holds it, had a heading moved to a
# page's top that read as at the foot of the page before (stranded, moved again by a
# second pass).
OTHER_SESSIONS = [
    ("river-basin-water-sharing", 4, 2),
    ("after-hanoi-2019", 6, 5),
]


@pytest.fixture(scope="module", params=OTHER_SESSIONS, ids=lambda p: f"{p[0]}-seed{p[2]}")
def other_report(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    name, rounds, seed = request.param
    path = tmp_path_factory.mktemp("other") / "s.parley"
    with simulate_session(load_scenario(SCENARIOS / f"{name}.toml"), path, rounds, seed=seed) as s:
        return render_html(build_report(s), figure=ImageFigures(), printed=True)


def test_another_sessions_report_is_kept_whole_in_one_pass(qapp: Any, other_report: str) -> None:
    document = paged_document("report", other_report, A4)
    assert document.pageCount() > 10
    assert cut_tables(document) == []
    assert stranded_headings(document) == []
    assert keep_tables_whole(document) == 0, "a second pass finds nothing more to move"


def test_pages_are_read_where_qt_breaks_them(qapp: Any, other_report: str) -> None:
    """Whatever was moved to a new page starts at that page's top (less its own margin),
    page N starting at N times ``page_height``, and its bookmark names that page."""
    document = paged_document("report", other_report, A4)
    page = page_height(document)
    assert page == document.pageSize().height(), "the page size is set as Qt holds it"
    assert page * 64 == int(page * 64)
    layout = document.documentLayout()
    marks = {(m.title, m.page) for m in bookmarks(document)}
    moved = []
    block = document.begin()
    while block.isValid():
        policy = block.blockFormat().pageBreakPolicy()
        if policy & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore:
            top = layout.blockBoundingRect(block).top()
            number = int(top // page)
            assert 0 <= top - number * page < 40, (block.text(), top, number)
            level = block.blockFormat().headingLevel()
            if level in (2, 3) and not QTextCursor(block).currentTable():
                assert (" ".join(block.text().split()), number) in marks, block.text()
            moved.append(number)
        block = block.next()
    assert len(moved) > 2 and max(moved) > 15, "pages far enough down to drift"
