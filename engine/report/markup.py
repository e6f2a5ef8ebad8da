"""Safe HTML from user text: escaping helpers and the one Markdown dialect of Parley.

Every piece of text a person typed (team names, move texts, reasons, notes, titles, the
scenario's Markdown) reaches the report through ``esc`` or ``markdown``. ``markdown`` is
CommonMark (with GitHub's tables) by markdown-it-py, with raw HTML off: a ``<b>`` or a
``<script>`` in the text comes out as the characters it is, never as a tag. Links keep
only the schemes markdown-it-py deems safe (no ``javascript:``, ``vbscript:``, ``file:``
or ``data:``), and images are off so that a report stays self-contained: it never loads
a picture from elsewhere. The report, the handouts and the app all render through here.

markdown-it-py is imported when the first text is rendered: the app's first screen shows
no Markdown and does not pay for it.
"""

from __future__ import annotations

from functools import cache
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


def esc(text: object) -> str:
    """Any value as HTML text, quotes included (safe in element text and attributes)."""
    return escape(str(text), quote=True)


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table").disable("image")


def markdown(text: str, *, heading_offset: int = 2) -> str:
    """``text`` as safe HTML: CommonMark and tables, raw HTML shown as text.

    Headings are shifted by ``heading_offset`` (``#`` becomes ``<h3>`` by default) so
    that a scenario's Markdown sits under the report's own headings.
    """
    parser = _parser()
    tokens = parser.parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(int(token.tag[1]) + heading_offset, 6)
            token.tag = f"h{level}"
    return parser.renderer.render(tokens, parser.options, {}).rstrip("\n")


def badge(text: str, css: str) -> str:
    """A small coloured label; ``css`` is a class name chosen by the report, never user text."""
    return f'<span class="badge {css}">{esc(text)}</span>'
