"""Print documents to PDF with Qt: HTML in, paginated A4 pages out.

Markdown is rendered to HTML by the engine (``engine.report.markup``, Parley's one
dialect) before it gets here; Qt's own Markdown reader is never used.

Every page gets a footer ("Title · page N of M") in a band below the text, and the PDF an
outline: one bookmark per ``<h2>`` and ``<h3>``, with page labels (``ui.pdf_outline``).
Text is set without ligatures (the font's ``liga``/``clig`` features off), so that
"verification" and "office" search and copy as the letters they are, and lines wrap at
word boundaries only.

Works without a screen: it needs a ``QGuiApplication`` (made here if there is none),
not a window, so the command-line verbs can print offscreen.
"""

from __future__ import annotations

import contextlib
import math
import os
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextOption,
    QTextTable,
)

from ui.pdf_outline import Bookmark, OutlineError, add_outline

A4 = QPageLayout(
    QPageSize(QPageSize.PageSizeId.A4),
    QPageLayout.Orientation.Portrait,
    QMarginsF(18, 18, 18, 18),
    QPageLayout.Unit.Millimeter,
)
FOOTER = 24.0  # the band below the text that holds the page's footer, in 96-dpi units
DPI = 96  # QTextDocument lays out in these units; painting scales them to the device


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


def text_font(size: float = 10) -> QFont:
    """The printed font: DejaVu Sans without ligatures (an "fi" glyph copies as "ﬁ",
    and a search for "verification" would miss it)."""
    font = QFont("DejaVu Sans")
    font.setPointSizeF(size)
    for tag in ("liga", "clig", "dlig", "hlig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


def _document(title: str, html: str) -> QTextDocument:
    document = QTextDocument()
    document.setDefaultFont(text_font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)  # never inside a word
    document.setDefaultTextOption(option)
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)
    document.setHtml(html)
    _drop_anchor_names(document)
    return document


def _drop_anchor_names(document: QTextDocument) -> None:
    """Forget the link targets Qt makes of ``id`` attributes (``<section id="injects">``).

    Qt's HTML reader gives the name to the first character after the element's start, so
    a heading's first letter gets a format of its own and is written to the PDF as a text
    run of its own: a reader extracts "I" and "njects" on lines of their own, and a search
    for "Injects" misses it. The PDF has no links to them (Qt writes none inside a
    document), so the names go, links (an ``href``) stay, and the letter is one with its word.
    """
    names = QTextFormat.Property.AnchorName
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fmt.hasProperty(names) and not fmt.anchorHref():
                fmt.clearProperty(names)
                fmt.clearProperty(QTextFormat.Property.IsAnchor)
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position())
                cursor.setPosition(
                    fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor
                )
                cursor.setCharFormat(fmt)
            it += 1
        block = block.next()


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
    count = document.pageCount()
    painter = QPainter(writer)
    scale = writer.resolution() / DPI
    for index in range(count):
        if index:
            writer.newPage()
        paint_page(painter, document, index, scale, footer=title)
    painter.end()
    del writer  # ends the PDF
    data = bytes(buffer.data().data())
    # A PDF Qt wrote in a way not foreseen is kept whole, without bookmarks.
    with contextlib.suppress(OutlineError):
        data = add_outline(data, bookmarks(document, writer_layout=A4))
    path.write_bytes(data)
    return count


def paint_page(
    painter: QPainter, document: QTextDocument, index: int, scale: float, *, footer: str
) -> None:
    """Page ``index`` of a paged document, then its footer below the text: the footer
    line ("title · page N of M"), in grey, in the band ``paged_document`` kept free.

    ``scale``: device pixels per 96-dpi unit (the painter's origin is the top-left of
    the page's paint area, as ``QPdfWriter`` and an image alike give it)."""
    size = QSizeF(document.pageSize().width(), page_height(document))
    painter.save()
    painter.scale(scale, scale)
    painter.save()
    painter.translate(0, -index * size.height())
    view = QRectF(0, index * size.height(), size.width(), size.height())
    painter.setClipRect(view)
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = view
    context.palette.setColor(QPalette.ColorRole.Text, QColor("black"))
    document.documentLayout().draw(painter, context)
    painter.restore()
    painter.setClipping(False)
    painter.setPen(QColor("#666666"))
    painter.setFont(text_font(8))
    band = QRectF(0, size.height() + FOOTER * 0.35, size.width(), FOOTER * 0.65)
    painter.drawLine(QPointF(0, band.top()), QPointF(size.width(), band.top()))
    where = f"page {index + 1} of {document.pageCount()}"
    painter.drawText(band, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                     _elided(painter, footer, size.width() * 0.7))  # fmt: skip
    painter.drawText(band, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, where)
    painter.restore()


def _elided(painter: QPainter, text: str, width: float) -> str:
    return painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, round(width))


def page_images(
    document: QTextDocument, pages: list[int], *, footer: str = "", dpi: int = 100
) -> list[QImage]:
    """Pages of a paged document drawn on white A4 images (margins included), to look
    at what the PDF shows without a PDF viewer."""
    points = A4.fullRect(QPageLayout.Unit.Point)
    paint = A4.paintRect(QPageLayout.Unit.Point)
    out = []
    for index in pages:
        image = QImage(
            round(points.width() * dpi / 72),
            round(points.height() * dpi / 72),
            QImage.Format.Format_RGB32,
        )
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(paint.left() * dpi / 72, paint.top() * dpi / 72)
        paint_page(painter, document, index, dpi / DPI, footer=footer)
        painter.end()
        out.append(image)
    return out


def bookmarks(document: QTextDocument, *, writer_layout: QPageLayout = A4) -> list[Bookmark]:
    """One bookmark per heading of level 2 and 3 outside tables (``<h2>`` a section,
    ``<h3>`` a part of it), with its page and its top in PDF points."""
    layout = document.documentLayout()
    height = page_height(document)
    full = writer_layout.fullRect(QPageLayout.Unit.Point)
    paint = writer_layout.paintRect(QPageLayout.Unit.Point)
    out = []
    block = document.begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        title = " ".join(block.text().split())
        if level in (2, 3) and title and not QTextCursor(block).currentTable():
            top = layout.blockBoundingRect(block).top()
            page = int(top // height)
            down = paint.top() + (top - page * height) * 72 / DPI
            out.append(Bookmark(level - 1, title, page, round(full.height() - down + 4, 1)))
        block = block.next()
    return out


def paged_document(
    title: str, html: str, page: QPageLayout, images: Mapping[str, QImage] | None = None
) -> QTextDocument:
    """The document laid out on ``page``'s paint area, tables and headings kept whole."""
    document = _document(title, html)
    for name, image in (images or {}).items():
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    # QTextDocument lays out in 96-dpi units and painting scales them to the device, so
    # the page is given in those units; the margins are the page layout's, and the
    # footer's band is kept free below the text.
    paint = page.paintRect(QPageLayout.Unit.Point)
    width, height = paint.width() * DPI / 72, paint.height() * DPI / 72 - FOOTER
    document.setPageSize(QSizeF(_fixed(width), _fixed(height)))
    document.setDocumentMargin(0)
    keep_tables_whole(document)
    return document


def keep_tables_whole(document: QTextDocument) -> int:
    """Start a heading on the next page when a page break would part it from what follows
    it (a table, such as a plan or the "At a glance" box, that fits on one page; else the
    first lines of its text), and move a table with no heading that a break would cut
    although it fits: no page ends on a heading or starts with a stray row. Returns how
    many breaks it added. A short paragraph that a break would cut goes whole to the next
    page.

    One pass in document order: a break moves only what comes after it, and the layout
    is read afresh at each step, so a table pushed down never strands the heading before
    it (that heading was looked at first, with the table where it now is)."""
    page = page_height(document)
    layout = document.documentLayout()
    moved = 0
    held: set[int] = set()  # tables moved with their heading, by first position

    def pages(top: float, bottom: float) -> tuple[int, int]:
        return int(top // page), int((bottom - 1) // page)

    def break_before(block: QTextBlock) -> None:
        cursor = QTextCursor(block)
        fmt = block.blockFormat()
        fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        cursor.setBlockFormat(fmt)

    it = document.rootFrame().begin()
    while not it.atEnd():
        frame, block = it.currentFrame(), it.currentBlock()
        if isinstance(frame, QTextTable):
            box = layout.frameBoundingRect(frame)
            first, last = pages(box.top(), box.bottom())
            if frame.firstPosition() not in held and first != last and box.height() <= page * 0.9:
                table_format = frame.format()
                table_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                frame.setFormat(table_format)
                moved += 1
        elif block.isValid() and block.blockFormat().headingLevel() > 0:
            top = layout.blockBoundingRect(block).top()
            after = block.next()
            chained = []  # a heading right under this one moves with it
            while after.isValid() and not _table_at(after):
                if after.text().strip() and after.blockFormat().headingLevel() == 0:
                    break
                if after.text().strip():
                    chained.append(after)
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
                if table is not None:
                    held.add(table.firstPosition())
                for _ in chained:  # looked at with this one: skip them
                    it += 1
            elif table is not None and first != last:
                # a table longer than a page: it may break, but not before its first rows
                row = top + 3 * _line(block) + 60
                if pages(top, row)[0] != pages(top, row)[1]:
                    break_before(block)
                    moved += 1
                held.add(table.firstPosition())
        elif block.isValid() and block.text().strip():
            # A paragraph across a page break is drawn on both pages, clipped: its lines
            # would be in the PDF's text twice. A short one goes whole to the next page.
            box = layout.blockBoundingRect(block)
            first, last = pages(box.top(), box.bottom())
            if first != last and box.height() <= page * 0.3:
                break_before(block)
                moved += 1
        it += 1
    return moved


def _fixed(value: float) -> float:
    """``value`` as Qt's text layout holds it: in 1/64ths of a unit (``QFixed``), the
    fraction cut off. Qt starts page N at N times the page height so held, not N times
    the height as given: for A4 less the footer (962.587 units, held as 962.578) the two
    drift apart by 0.0085 a page, and by page 19 the top of a page, read with the height
    as given, would be on the page before it."""
    return math.floor(value * 64) / 64


def page_height(document: QTextDocument) -> float:
    """The height of ``document``'s pages as its layout breaks them (see ``_fixed``)."""
    return _fixed(document.pageSize().height())


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
