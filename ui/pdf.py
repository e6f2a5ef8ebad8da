"""Print documents to PDF with Qt: HTML in, paginated A4 pages out.

Markdown is rendered to HTML by the engine (``engine.report.markup``, Parley's one
dialect) before it gets here; Qt's own Markdown reader is never used.

Works without a screen: it needs a ``QGuiApplication`` (made here if there is none),
not a window, so the command-line verbs can print offscreen.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QSizeF, QUrl
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextTable,
)

A4 = QPageLayout(
    QPageSize(QPageSize.PageSizeId.A4),
    QPageLayout.Orientation.Portrait,
    QMarginsF(18, 18, 18, 18),
    QPageLayout.Unit.Millimeter,
)


def ensure_gui_application() -> QGuiApplication:
    """The running Qt application, or a new offscreen-capable one for printing.

    A ``QApplication`` rather than a bare ``QGuiApplication``: printing may happen in a
    process that shows widgets later (the app, a test run), and widgets need the former.
    """
    from PySide6.QtWidgets import QApplication

    app = QGuiApplication.instance()
    if app is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication([])
    return app  # type: ignore[return-value]


def _document(title: str, html: str) -> QTextDocument:
    document = QTextDocument()
    document.setDefaultFont(QFont("DejaVu Sans", 10))
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)
    document.setHtml(html)
    return document


def write_pdf(
    path: Path,
    title: str,
    *,
    html: str,
    images: Mapping[str, QImage] | None = None,
) -> int:
    """Write one document as an A4 PDF; return its page count.

    ``images``: pictures the HTML names in ``<img src="...">``, by that name.
    """
    ensure_gui_application()
    path.parent.mkdir(parents=True, exist_ok=True)
    # Laid out in memory, then written by Python: Qt's file writer drops a failed write
    # (a full disk) without a word, leaving a short, unreadable PDF; ``write_bytes``
    # raises the OSError instead, so the caller refuses (and removes) the output.
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator("Parley")
    writer.setResolution(300)
    writer.setPageLayout(A4)
    document = paged_document(title, html, writer.pageLayout(), images)
    document.print_(writer)
    del writer  # ends the PDF
    path.write_bytes(buffer.data().data())
    return document.pageCount()


def paged_document(
    title: str, html: str, page: QPageLayout, images: Mapping[str, QImage] | None = None
) -> QTextDocument:
    """The document laid out on ``page``'s paint area, tables and headings kept whole."""
    document = _document(title, html)
    for name, image in (images or {}).items():
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    # QTextDocument lays out in 96-dpi units and print_ scales them to the device, so the
    # page is given in those units; the margins are the page layout's.
    paint = page.paintRect(QPageLayout.Unit.Point)
    document.setPageSize(QSizeF(paint.width() * 96 / 72, paint.height() * 96 / 72))
    document.setDocumentMargin(0)
    keep_tables_whole(document)
    return document


def keep_tables_whole(document: QTextDocument) -> int:
    """Start a heading on the next page when a page break would part it from what follows
    it (a table, such as a plan or the "At a glance" box, that fits on one page; else the
    first lines of its text), and move a table with no heading that a break would cut
    although it fits: no page ends on a heading or starts with a stray row. Returns how
    many breaks it added."""
    page = document.pageSize().height()
    layout = document.documentLayout()
    moved = 0

    def pages(top: float, bottom: float) -> tuple[int, int]:
        return int(top // page), int((bottom - 1) // page)

    def break_before(block: QTextBlock) -> None:
        cursor = QTextCursor(block)
        fmt = block.blockFormat()
        fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        cursor.setBlockFormat(fmt)

    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() > 0 and not QTextCursor(block).currentTable():
            top = layout.blockBoundingRect(block).top()
            after = block.next()
            while after.isValid() and not after.text().strip() and not _table_at(after):
                after = after.next()
            table = _table_at(after) if after.isValid() else None
            if table is not None:
                bottom = layout.frameBoundingRect(table).bottom()
            elif after.isValid():
                bottom = layout.blockBoundingRect(after).top() + 3 * _line(after)
            else:
                bottom = top
            first, last = pages(top, bottom)
            if first != last and bottom - top <= page * 0.9:
                break_before(block)
                moved += 1
        block = block.next()
    for frame in document.rootFrame().childFrames():
        if not isinstance(frame, QTextTable):
            continue
        box = layout.frameBoundingRect(frame)
        first, last = pages(box.top(), box.bottom())
        if first == last or box.height() > page * 0.9:
            continue  # whole already, or longer than a page: it breaks where it must
        table_format = frame.format()
        table_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        frame.setFormat(table_format)
        moved += 1
    return moved


def _table_at(block: QTextBlock) -> QTextTable | None:
    """The top-level table whose first cell holds ``block``, if any."""
    table = QTextCursor(block).currentTable()
    if table is None or table.firstCursorPosition().block() != block:
        return None
    return table


def _line(block: QTextBlock) -> float:
    """The height of the first line of ``block`` (a line of its font when not laid out)."""
    lines = block.layout()
    if lines is not None and lines.lineCount():
        return lines.lineAt(0).height()
    return QFontMetricsF(block.charFormat().font()).lineSpacing()
