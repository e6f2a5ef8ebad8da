"""Bookmarks (the PDF outline) and page labels, added to a PDF that Qt wrote.

``QPdfWriter`` has no outline API, so the outline is appended as a PDF *incremental
update* (ISO 32000-1, 7.5.6): new objects for the outline items, a new version of the
document catalog naming them (and ``/PageLabels``, so a viewer's page box reads "3" for
the third page), a cross-reference section for those objects and a trailer pointing back
at Qt's. Qt's own bytes are kept as they are. Qt writes a classic cross-reference table
and one flat page tree; anything else is refused with :class:`OutlineError` rather than
guessed at (the caller keeps the PDF without bookmarks).

Pure Python, no Qt: the headings and where they fall come from ``ui.pdf``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Bookmark", "OutlineError", "add_outline"]


class OutlineError(ValueError):
    """The PDF is not laid out the way this module can update."""


@dataclass(frozen=True)
class Bookmark:
    level: int  # 1: a section; 2: a part of the section above it
    title: str
    page: int  # 0-based
    top: float  # the heading's top, in PDF points from the page's bottom edge


_TRAILER = re.compile(rb"trailer\s*<<(.*?)>>\s*startxref\s+(\d+)\s*%%EOF\s*$", re.S)


def _ref(trailer: bytes, key: bytes) -> int:
    found = re.search(rb"/" + key + rb"\s+(\d+)\s+0\s+R", trailer)
    if found is None:
        raise OutlineError(f"the trailer has no /{key.decode()}")
    return int(found.group(1))


def _object(pdf: bytes, number: int) -> bytes:
    """The latest version of an object (an update appends new ones after the old)."""
    pattern = rb"(?:^|[\r\n])" + str(number).encode() + rb"\s+0\s+obj\s*(.*?)endobj"
    found = list(re.finditer(pattern, pdf, re.S))
    if not found:
        raise OutlineError(f"no object {number} in the PDF")
    return found[-1].group(1).strip()


def _text(value: str) -> bytes:
    """A PDF text string: UTF-16BE with its byte-order mark, as hex (no escaping to miss)."""
    return b"<FEFF" + value.encode("utf-16-be").hex().upper().encode() + b">"


def _tree(bookmarks: list[Bookmark]) -> list[tuple[int, list[int]]]:
    """Each bookmark's parent index (-1: the outline root) and its children's indexes."""
    parents: list[int] = []
    stack: list[tuple[int, int]] = []  # (level, index)
    for index, mark in enumerate(bookmarks):
        while stack and stack[-1][0] >= mark.level:
            stack.pop()
        parents.append(stack[-1][1] if stack else -1)
        stack.append((mark.level, index))
    children: list[list[int]] = [[] for _ in bookmarks]
    for index, parent in enumerate(parents):
        if parent >= 0:
            children[parent].append(index)
    return [(parents[i], children[i]) for i in range(len(bookmarks))]


def add_outline(pdf: bytes, bookmarks: list[Bookmark]) -> bytes:
    """``pdf`` with ``bookmarks`` as its outline and decimal page labels from 1."""
    found = _TRAILER.search(pdf[-4096:])
    if found is None:
        raise OutlineError("no classic trailer at the end of the PDF")
    trailer, previous = found.group(1), int(found.group(2))
    size_found = re.search(rb"/Size\s+(\d+)", trailer)
    if size_found is None:
        raise OutlineError("the trailer has no /Size")
    size = int(size_found.group(1))
    root = _ref(trailer, b"Root")
    catalog = _object(pdf, root)
    if not catalog.startswith(b"<<") or b"/Outlines" in catalog:
        raise OutlineError("the catalog is not a plain dictionary without an outline")
    pages = _object(pdf, _ref(catalog, b"Pages"))
    kids_found = re.search(rb"/Kids\s*\[(.*?)\]", pages, re.S)
    if kids_found is None:
        raise OutlineError("the page tree has no /Kids")
    kids = [int(n) for n in re.findall(rb"(\d+)\s+0\s+R", kids_found.group(1))]
    marks = [m for m in bookmarks if 0 <= m.page < len(kids)]
    outline = size  # the outline dictionary; its items follow
    first_item = size + 1
    objects: list[tuple[int, bytes]] = []
    tree = _tree(marks)
    top_level = [i for i, (parent, _) in enumerate(tree) if parent < 0]
    if top_level:
        objects.append(
            (
                outline,
                b"<< /Type /Outlines /First %d 0 R /Last %d 0 R /Count %d >>"
                % (first_item + top_level[0], first_item + top_level[-1], len(top_level)),
            )
        )
    for index, mark in enumerate(marks):
        parent, children = tree[index]
        siblings = top_level if parent < 0 else tree[parent][1]
        at = siblings.index(index)
        entries = [
            b"/Title " + _text(mark.title),
            b"/Parent %d 0 R" % (outline if parent < 0 else first_item + parent),
            b"/Dest [%d 0 R /XYZ null %.1f null]" % (kids[mark.page], mark.top),
        ]
        if at > 0:
            entries.append(b"/Prev %d 0 R" % (first_item + siblings[at - 1]))
        if at + 1 < len(siblings):
            entries.append(b"/Next %d 0 R" % (first_item + siblings[at + 1]))
        if children:
            entries.append(
                b"/First %d 0 R /Last %d 0 R /Count -%d"
                % (first_item + children[0], first_item + children[-1], len(children))
            )
        objects.append((first_item + index, b"<< " + b" ".join(entries) + b" >>"))
    extra = b" /PageLabels << /Nums [0 << /S /D >>] >>"
    if top_level:
        extra += b" /Outlines %d 0 R /PageMode /UseOutlines" % outline
    objects.append((root, catalog[:-2].rstrip() + extra + b" >>"))
    out = bytearray(pdf)
    if not out.endswith(b"\n"):
        out += b"\n"
    offsets: dict[int, int] = {}
    for number, body in objects:
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref_at = len(out)
    out += b"xref\n"
    for number in sorted(offsets):
        out += b"%d 1\n%010d 00000 n \n" % (number, offsets[number])
    new_size = max(size, max(offsets) + 1)
    info = re.search(rb"/Info\s+\d+\s+0\s+R", trailer)
    ident = re.search(rb"/ID\s*\[[^\]]*\]", trailer)
    out += b"trailer\n<< /Size %d /Root %d 0 R /Prev %d" % (new_size, root, previous)
    for part in (info, ident):
        if part is not None:
            out += b" " + part.group(0)
    out += b" >>\nstartxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)
