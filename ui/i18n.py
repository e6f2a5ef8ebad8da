"""Parley's own strings, marked for translation with Qt's tools.

``pyside6-lupdate`` finds every ``translate("Context", "text")`` and
``QT_TRANSLATE_NOOP("Context", "text")`` in ui/ (``scripts/translations.sh``), and a
``parley_<lang>.qm`` in ui/translations/ is loaded for the system language
(``ui.app.load_parley_translations``). Each module passes a fixed context (its class's
name, or the module's dotted name), so a string translates the same in a subclass.
Without a translation the English text comes back unchanged, byte for byte.
"""

from __future__ import annotations


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` in the loaded translation for ``context``, or as it is."""
    from PySide6.QtCore import QCoreApplication  # Qt loads after the display is checked

    return QCoreApplication.translate(context, text, disambiguation, n)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802: the name lupdate knows
    """Mark ``text`` for lupdate in ``context``, keeping it as data: the code that shows
    it passes it through ``translate(context, text)``."""
    return text
