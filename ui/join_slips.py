"""Printable join slips: one A4 page per team with its name, join code, QR code, join link
and two lines of instructions, written with the app's PDF writer (``ui.pdf``)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import NamedTuple

from PySide6.QtGui import QImage

from ui.i18n import QT_TRANSLATE_NOOP, translate
from ui.pdf import write_pdf


class Slip(NamedTuple):
    team: str  # the team's name
    code: str  # shown "ABCD-EFGH-JKLM"
    url: str  # the join link the QR code holds


INSTRUCTIONS = (
    QT_TRANSLATE_NOOP(
        "ui.join_slips",
        "Scan the QR code with a phone's camera, or type the link into a browser on the "
        "room's network (the same Wi-Fi as the facilitator).",
    ),
    QT_TRANSLATE_NOOP(
        "ui.join_slips",
        "If the page asks for it, type the join code. Keep this slip to yourselves: the code "
        "lets a device into your team's private page.",
    ),
)


def slips_html(title: str, slips: Sequence[Slip], titles: Sequence[str] = ()) -> str:
    """The slips' pages; ``titles``: each page's own heading line (a class's slips name
    the group on each page), else ``title`` on every page."""
    pages = []
    for number, slip in enumerate(slips):
        head = titles[number] if number < len(titles) else title
        brk = "page-break-before: always; " if number else ""
        lines = "".join(
            f"<p>{n}. {escape(translate('ui.join_slips', text))}</p>"
            for n, text in enumerate(INSTRUCTIONS, 1)
        )
        pages.append(
            f'<p style="{brk}font-size: 11pt; color: #555555">{escape(head)}</p>'
            f'<h1 style="font-size: 30pt">{escape(slip.team)}</h1>'
            f'<p style="font-size: 12pt">Join code</p>'
            f'<p style="font-size: 28pt; font-family: DejaVu Sans Mono"><b>'
            f"{escape(slip.code)}</b></p>"
            f'<p><img src="qr-{number}" width="300" height="300"></p>'
            f'<p style="font-size: 12pt">{escape(slip.url)}</p>'
            f"{lines}"
        )
    return "".join(pages)


def write_slips(
    path: Path,
    title: str,
    slips: Sequence[Slip],
    images: Sequence[QImage],
    titles: Sequence[str] = (),
) -> int:
    """Write the slips (``images``: each slip's QR code, in order; ``titles``: each page's
    heading, as ``slips_html``); return the page count."""
    return write_pdf(
        path,
        f"{title}: join slips",
        html=slips_html(title, slips, titles),
        images={f"qr-{n}": image for n, image in enumerate(images)},
    )
