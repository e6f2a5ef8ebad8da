"""The after-action report as a PDF, laid out by Qt from the same data as the HTML.

``QTextDocument`` cannot draw inline SVG, so each chart and the commitment graph are
drawn by ``QSvgRenderer`` into an image (at print resolution) and the HTML names the
image instead. Works offscreen and off the UI thread: it paints only into ``QImage``
and ``QPdfWriter``.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from engine.report.data import ReportData
from engine.report.html import render_html, report_title
from ui.pdf import ensure_gui_application, write_pdf

PAGE_WIDTH = 640  # the usable width of an A4 page, in the document's 96-dpi units
SCALE = 3  # image pixels per document unit: about 300 dpi on paper
_SIZE = re.compile(r'<svg[^>]*?width="([\d.]+)"[^>]*?height="([\d.]+)"')


class ImageFigures:
    """A ``figure`` hook for ``render_html``: each SVG becomes a named, rasterised image."""

    def __init__(self) -> None:
        self.images: dict[str, QImage] = {}

    def __call__(self, svg: str) -> str:
        found = _SIZE.search(svg)
        width, height = (float(found.group(1)), float(found.group(2))) if found else (560, 220)
        shown = min(1.0, PAGE_WIDTH / width)
        name = f"figure-{len(self.images) + 1}.png"
        self.images[name] = rasterise(svg, width * shown, height * shown)
        return f'<img src="{name}" width="{round(width * shown)}" height="{round(height * shown)}">'


def rasterise(svg: str, width: float, height: float) -> QImage:
    """The SVG drawn on white at ``SCALE`` times ``width`` by ``height``."""
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    image = QImage(round(width * SCALE), round(height * SCALE), QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    renderer.render(painter)
    painter.end()
    return image


def write_report_pdf(data: ReportData, path: Path, *, timeline: bool = False) -> int:
    """Write the report as an A4 PDF; return its page count. ``timeline``: with the full
    timeline as an appendix."""
    ensure_gui_application()
    figures = ImageFigures()
    html = render_html(data, figure=figures, timeline=timeline, printed=True)
    return write_pdf(Path(path), report_title(data), html=html, images=figures.images)
