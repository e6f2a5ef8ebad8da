"""The ``report`` verb: the after-action report of a save, as HTML or PDF.

It lives in ``ui/`` because the PDF is laid out by Qt; the HTML needs no Qt, and Qt is
imported only when a PDF is asked for. ``python main.py report SAVE -o OUT.html`` (or
``OUT.pdf``), ``--team TEAM`` for a team's own short report, ``--at SEQ`` for an earlier
point, ``--timeline`` to add the full timeline as an appendix.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from engine.cli.verbs import verb
from engine.errors import OutputError
from engine.session.output import output_file

if TYPE_CHECKING:
    from engine.session.live import Session

FORMATS = {".html": "html", ".htm": "html", ".pdf": "pdf"}


def _report_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("save", type=Path, metavar="SAVE", help="a session save file")
    parser.add_argument(
        "-o",
        "--out",
        type=Path,
        required=True,
        metavar="OUT",
        help="the report to write: OUT.html (one self-contained file) or OUT.pdf",
    )
    parser.add_argument(
        "--team",
        metavar="TEAM",
        default=None,
        help="a team id: only what that team could see, to hand to its players",
    )
    parser.add_argument(
        "--at", metavar="SEQ", type=int, default=None, help="the session after this event"
    )
    parser.add_argument(
        "--timeline",
        action="store_true",
        help="add the full timeline (every log entry the reader may see) as an appendix",
    )


def write_report(
    session: Session,
    out: Path,
    *,
    viewer: str,
    at: int | None,
    timeline: bool = False,
    progress: Callable[[str], None] | None = None,
) -> str:
    """Write the report of an open session to ``out`` (format by suffix); a summary line.

    The file appears whole or not at all: it is written beside ``out`` and renamed.
    ``progress`` is told each stage as it starts.
    """
    from engine.report import build_report, render_html

    tell = progress or (lambda _stage: None)
    kind = FORMATS[out.suffix.lower()]
    tell("Reading the log and the analytics…")
    data = build_report(session, viewer=viewer, at=at)
    tell("Laying out the pages…" if kind == "pdf" else "Writing the HTML…")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot make the folder {out.parent}: {error.strerror}") from None
    with output_file(out) as partial:
        if kind == "pdf":
            from ui.report_pdf import write_report_pdf

            pages = write_report_pdf(data, partial, timeline=timeline)
            what = f"{pages} page{'s' if pages != 1 else ''}"
        else:
            partial.write_text(render_html(data, timeline=timeline), encoding="utf-8")
            what = f"{partial.stat().st_size // 1024} KB"
    return f"{out}: report for {data.viewer_name} at event {data.seq}, {what}"


@verb("report", "write the after-action report of a save (HTML or PDF, by -o's suffix)",
      _report_args)  # fmt: skip
def report_verb(args: argparse.Namespace) -> int:
    from engine.domain.events import CONTROL
    from engine.report import check_viewer
    from engine.session.live import Session

    out: Path = args.out
    if out.suffix.lower() not in FORMATS:
        print(
            f"parley report: cannot tell the format of {out}: name it .html or .pdf",
            file=sys.stderr,
        )
        return 1
    if out.is_dir():
        print(f"parley report: {out} is a folder; name a file .html or .pdf", file=sys.stderr)
        return 1
    with Session.open(args.save, read_only=True) as session:
        session.verify()  # a damaged log is refused (exit 3), never reported as sound
        viewer = CONTROL if args.team is None else args.team
        if args.team == CONTROL:
            print("parley report: leave out --team for Control's full report", file=sys.stderr)
            return 1
        check_viewer(session.scenario, viewer)
        try:
            line = write_report(session, out, viewer=viewer, at=args.at, timeline=args.timeline)
        except OSError as error:
            print(f"parley report: cannot write {out}: {error.strerror}", file=sys.stderr)
            return 1
    print(line, file=sys.stderr)
    return 0
