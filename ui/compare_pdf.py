"""The comparison of a class as a PDF, laid out by Qt from the same HTML as ``OUT.html``."""

from __future__ import annotations

from pathlib import Path

from engine.report.compare import Comparison
from engine.report.compare_html import render_compare_html
from ui.i18n import translate
from ui.pdf import ensure_gui_application, write_pdf
from ui.report_pdf import ImageFigures


def write_compare_pdf(comparison: Comparison, path: Path) -> int:
    """Write the comparison as an A4 PDF; return its page count."""
    ensure_gui_application()
    figures = ImageFigures()
    html = render_compare_html(comparison, figure=figures)
    title = translate("ui.compare_pdf", "{0}: the groups compared").format(
        comparison.scenario.title
    )
    return write_pdf(Path(path), title, html=html, images=figures.images)
