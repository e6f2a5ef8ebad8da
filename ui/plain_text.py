"""Author text shown as text, never as markup.

Qt reads a tooltip, a message box's text and a label's text (``Qt.AutoText``) as rich text
whenever it *looks* like HTML (``Qt.mightBeRichText``): a team named ``<img src="...">``
would show a local image, ``<b>`` would turn bold. Everything a scenario's author or a
session's players wrote (team names, move texts, inject titles, the event log's lines,
error messages quoting them) goes through here: ``as_rich_text`` for a tooltip or a
message box, ``plain_label`` for a label.
"""

from __future__ import annotations

from PySide6.QtGui import Qt
from PySide6.QtWidgets import QLabel


def as_rich_text(text: str) -> str:
    """``text`` escaped into rich text that shows it literally (empty stays empty)."""
    if not text:
        return ""
    return Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)  # wraps as before


def plain_label(label: QLabel) -> QLabel:
    """``label`` set to show its text as plain text, whatever it looks like."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
