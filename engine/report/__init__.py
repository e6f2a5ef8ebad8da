"""After-action reports: the data (``data.build_report``) and one self-contained HTML file.

``write_html_report(session, path, viewer=..., at=...)`` is what the ``report`` verb and
the app call for HTML; the PDF is made in ``ui/report_pdf.py`` from the same data (Qt
lays out the pages). Nothing here imports Qt.
"""

from __future__ import annotations

from pathlib import Path

from engine.domain.events import CONTROL
from engine.domain.visibility import Viewer
from engine.report.data import ReportData, build_report, check_viewer
from engine.report.html import render_html
from engine.session.live import Session

__all__ = ["ReportData", "build_report", "check_viewer", "render_html", "write_html_report"]


def write_html_report(
    session: Session,
    path: Path,
    *,
    viewer: Viewer = CONTROL,
    at: int | None = None,
    timeline: bool = False,
) -> ReportData:
    """Write the report for ``viewer`` as HTML to ``path``; returns the data it showed.
    ``timeline``: with the full timeline as an appendix."""
    data = build_report(session, viewer=viewer, at=at)
    Path(path).write_text(render_html(data, timeline=timeline), encoding="utf-8")
    return data
