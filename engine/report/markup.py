"""Safe HTML from user text: escaping helpers and a small Markdown subset.

Every piece of text a person typed (team names, move texts, reasons, notes, titles, the
scenario's Markdown) reaches the report through ``esc`` or ``markdown``. ``markdown``
escapes the whole text *first* and only then turns a few Markdown marks into tags it
writes itself (headings, paragraphs, bullet lists, bold, italic, inline code), so no
tag, attribute or URL from the text can ever become markup. Links stay plain text.
"""

from __future__ import annotations

import re
from html import escape

_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![\w*])[*_](?=\S)(.+?)(?<=\S)[*_](?![\w*])")
_CODE = re.compile(r"`([^`]+)`")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+(.*)$")


def esc(text: object) -> str:
    """Any value as HTML text, quotes included (safe in element text and attributes)."""
    return escape(str(text), quote=True)


def _inline(escaped: str) -> str:
    """Emphasis in text that is already escaped (the marks are plain ASCII)."""
    escaped = _CODE.sub(r"<code>\1</code>", escaped)
    escaped = _BOLD.sub(r"<strong>\1</strong>", escaped)
    return _ITALIC.sub(r"<em>\1</em>", escaped)


def markdown(text: str, *, heading_offset: int = 2) -> str:
    """A safe rendering of ``text``: escaped first, then a small Markdown subset.

    Headings are shifted by ``heading_offset`` (``#`` becomes ``<h3>`` by default) so
    that a scenario's Markdown sits under the report's own headings.
    """
    out: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    list_tag = "ul"

    def flush() -> None:
        nonlocal items
        if paragraph:
            out.append(f"<p>{_inline(' '.join(paragraph))}</p>")
            paragraph.clear()
        if items:
            out.append(f"<{list_tag}>" + "".join(f"<li>{i}</li>" for i in items) + f"</{list_tag}>")
            items = []

    for raw in escape(text, quote=True).splitlines():
        line = raw.rstrip()
        heading = _HEADING.match(line)
        bullet = _BULLET.match(line) or _NUMBERED.match(line)
        if not line.strip():
            flush()
        elif heading:
            flush()
            level = min(len(heading.group(1)) + heading_offset, 6)
            out.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>")
        elif bullet:
            if paragraph:
                flush()
            kind = "ol" if _NUMBERED.match(line) else "ul"
            if items and kind != list_tag:
                flush()
            list_tag = kind
            items.append(_inline(bullet.group(1)))
        elif items and raw.startswith(("  ", "\t")):
            items[-1] += " " + _inline(line.strip())
        else:
            if items:
                flush()
            paragraph.append(line.strip())
    flush()
    return "\n".join(out)


def badge(text: str, css: str) -> str:
    """A small coloured label; ``css`` is a class name chosen by the report, never user text."""
    return f'<span class="badge {css}">{esc(text)}</span>'
