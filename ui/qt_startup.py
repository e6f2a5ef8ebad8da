"""A cheaper answer to the question PySide6 asks of every module imported after it.

Importing PySide6 replaces ``__import__`` with a hook (for its opt-in ``from __feature__
import snake_case``) that, once per module, asks whether the module's source mentions
"PySide6": it calls ``inspect.getsource``, which reads the file through ``linecache``
and splits it into lines. The app imports some hundred modules after PySide6 (the
engine, msgspec, parts of the standard library), and the question cost about 7 ms of
its start. ``check_sources_directly`` asks it by reading the file's bytes, with the same
answer, and leaves everything else (a module without a ``.py`` file, an unreadable one)
to PySide's own check. It does nothing where PySide6 has no such hook.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import ModuleType

_HOOK_MODULE = "shibokensupport.feature"
_CHECK = "_mod_uses_pyside"  # PySide6 6.x: True when "PySide6" is in the module's source


def check_sources_directly() -> bool:
    """Install the direct check; True when PySide6's hook was found (and now uses it)."""
    feature = sys.modules.get(_HOOK_MODULE)
    check = getattr(feature, _CHECK, None)
    if feature is None or not callable(check):
        return False
    if getattr(check, "reads_bytes", False):
        return True
    setattr(feature, _CHECK, _direct(check))
    return True


def _direct(fallback: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return fallback(module)

    uses_pyside.reads_bytes = True  # type: ignore[attr-defined]
    return uses_pyside
