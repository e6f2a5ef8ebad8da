"""A card of blocks for the projector that never hides one silently.

A card holds a list of blocks (rich text, each an indicator, an agreement, a feed item).
It shows as many whole blocks as fit its height; what does not fit goes on further pages,
which the card turns every few seconds ("2 / 3" beside the heading), or, for a feed that
only needs its newest items, a last line says how many earlier ones are left out. A
block is never cut in half: one taller than the whole card gets a page of its own and is
shown in a smaller font until it fits.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ui import theme

Overflow = Literal["pages", "newest"]
TURN_MS = 10_000  # how long a page stays up before the next one
MIN_SCALE = 0.6  # a block too tall for the card shrinks down to this share of the font
FEWER_PAGES = (1.0, 0.9, 0.8, 0.75)  # smaller text a card may take to need fewer pages


_PROBE: list[QLabel] = []  # one hidden label that measures text as a card's body draws it


def block_height(html: str, font: QFont, width: int) -> float:
    """The height of ``html`` laid out at ``width`` in ``font``, exactly as a word-wrapped
    rich-text QLabel lays it out (a QTextDocument alone lays it out a little tighter)."""
    if not _PROBE:
        probe = QLabel()
        probe.setWordWrap(True)
        probe.setTextFormat(Qt.TextFormat.RichText)
        _PROBE.append(probe)
    probe = _PROBE[0]
    probe.setFont(font)
    probe.setText(html)
    return float(probe.heightForWidth(max(1, width)))


ROW_TABLE = "<table cellpadding='5'>"


def join_blocks(blocks: Sequence[str]) -> str:
    """The blocks as one text; consecutive table rows (blocks that start with ``<tr``) share
    one table, so that their columns line up."""
    out: list[str] = []
    in_table = False
    for block in blocks:
        row = block.startswith("<tr")
        if row and not in_table:
            out.append(ROW_TABLE)
        elif in_table and not row:
            out.append("</table>")
        out.append(block)
        in_table = row
    if in_table:
        out.append("</table>")
    return "".join(out)


def paginate(count: int, fits: Callable[[list[int]], bool]) -> list[list[int]]:
    """Indices of ``count`` blocks, page by page: whole blocks in order, as many as
    ``fits`` a page (measured together: margins between blocks count); a block that does not
    fit even alone gets a page of its own."""
    pages: list[list[int]] = []
    page: list[int] = []
    for index in range(count):
        if page and not fits([*page, index]):
            pages.append(page)
            page = []
        page.append(index)
    if page:
        pages.append(page)
    return pages


class _Body(QLabel):
    """The card's text; a new size cuts the pages again."""

    def __init__(self, parent: QWidget, resized: Callable[[], None]) -> None:
        super().__init__(parent)
        self._resized = resized

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._resized()


class PagedCard(QFrame):
    """A projector card: a heading, a page counter and the blocks of the current page."""

    def __init__(
        self,
        heading: str,
        name: str,
        *,
        overflow: Overflow = "pages",
        empty: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.overflow = overflow
        self.empty = empty
        self.blocks: list[str] = []
        self.pages: list[list[int]] = []
        self.page = 0
        self.left_out = 0  # "newest" cards: blocks that did not fit
        self.scale = 1.0  # of the card's font: below 1 when that saves a page
        box = QVBoxLayout(self)
        box.setContentsMargins(22, 16, 22, 16)
        top = QHBoxLayout()
        self.heading = QLabel(heading.upper(), self)
        theme.scale_font(self.heading, 1.1, bold=True)
        self.heading.setStyleSheet(f"color: {theme.MUTED}")
        self.counter = QLabel("", self)
        self.counter.setObjectName(f"{name}Page")
        theme.scale_font(self.counter, 1.1, bold=True)
        self.counter.setStyleSheet(f"color: {theme.MUTED}")
        top.addWidget(self.heading, 1)
        top.addWidget(self.counter)
        box.addLayout(top)
        self.body = _Body(self, self.relayout)
        self.body.setObjectName(name)
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # The body takes the room the layout gives; its text never asks for more, so the
        # window never grows past its screen.
        self.body.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        theme.scale_font(self.body, 1.6)
        box.addWidget(self.body, 1)
        self.turner = QTimer(self)
        self.turner.setInterval(TURN_MS)
        self.turner.timeout.connect(self.next_page)

    # ------------------------------------------------------------------ content
    def set_blocks(self, blocks: Sequence[str]) -> None:
        self.blocks = list(blocks)
        self.relayout()

    def next_page(self) -> None:
        if len(self.pages) > 1:
            self.page = (self.page + 1) % len(self.pages)
            self._show()

    def relayout(self) -> None:
        """Cut the blocks into pages for the body's size now, and show the current one."""
        width = max(1, self.body.width())
        room = max(1.0, float(self.body.height()))
        best: tuple[int, float, list[list[int]]] | None = None
        for scale in FEWER_PAGES:
            font = self._font(scale)

            def fits(indices: list[int], font: QFont = font) -> bool:
                html = join_blocks([self.blocks[i] for i in indices])
                if self.overflow == "newest" and len(indices) < len(self.blocks):
                    html += self._footer(len(self.blocks) - len(indices))
                return block_height(html, font, width) <= room

            if self.overflow == "newest":
                pages = paginate(len(self.blocks), fits)[:1]
                missing = len(self.blocks) - len(pages[0]) if pages else 0
            else:
                pages = paginate(len(self.blocks), fits)
                missing = len(pages)
            if best is None or missing < best[0]:
                best = (missing, scale, pages)
            if missing <= (0 if self.overflow == "newest" else 1):
                break
        assert best is not None
        self.scale, self.pages = best[1], best[2]
        self.left_out = best[0] if self.overflow == "newest" else 0
        self.page = min(self.page, max(0, len(self.pages) - 1))
        if len(self.pages) > 1:
            self.turner.start()
        else:
            self.turner.stop()
        self._show()

    def _footer(self, count: int) -> str:
        word = "item" if count == 1 else "items"
        return f"<p style='color:{theme.MUTED}'>… and {count} earlier {word}</p>"

    def _show(self) -> None:
        if not self.pages:
            self.body.setText(self.empty)
            self.counter.setText("")
            return
        indices = self.pages[self.page]
        html = join_blocks([self.blocks[i] for i in indices])
        if self.left_out:
            html += self._footer(self.left_out)
        lone = len(indices) == 1  # only a block alone on its page may be too tall for it
        self.body.setFont(self._fitting_font(html) if lone else self._font())
        self.body.setText(html)
        self.counter.setText(f"{self.page + 1} / {len(self.pages)}" if len(self.pages) > 1 else "")

    def _fitting_font(self, html: str) -> QFont:
        """The card's font, or a smaller one when a lone block is taller than the card."""
        factor, bold, mono = self._spec()
        width, room = max(1, self.body.width()), max(1, self.body.height())
        font = self._font()
        scale = self.scale
        while scale > MIN_SCALE and block_height(html, font, width) > room:
            scale -= 0.05
            font = theme.scaled_font(factor * scale, bold=bold, mono=mono)
        return font

    def _spec(self) -> tuple[float, bool, bool]:
        spec = self.body.property(theme.SCALE_PROPERTY)
        if not spec:
            return (1.6, False, False)
        factor, bold, mono = spec
        return float(factor), bool(bold), bool(mono)

    def _font(self, scale: float | None = None) -> QFont:
        factor, bold, mono = self._spec()
        return theme.scaled_font(
            factor * (self.scale if scale is None else scale), bold=bold, mono=mono
        )

    def shown_html(self) -> str:
        """What the body shows now (for tests and screen readers)."""
        return self.body.text()

    def all_pages_html(self) -> str:
        """Every block, on whatever page (for tests: nothing is left out)."""
        return join_blocks(self.blocks)
