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
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
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
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(18, 18, 18, 18),
            QPageLayout.Unit.Millimeter,
        )
    )
    document = _document(title, html)
    for name, image in (images or {}).items():
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    # QTextDocument lays out in 96-dpi units and print_ scales them to the device, so the
    # page is given in those units; the margins are the page layout's.
    paint = writer.pageLayout().paintRect(QPageLayout.Unit.Point)
    document.setPageSize(QSizeF(paint.width() * 96 / 72, paint.height() * 96 / 72))
    document.setDocumentMargin(0)
    document.print_(writer)
    del writer  # ends the PDF
    path.write_bytes(buffer.data().data())
    return document.pageCount()
