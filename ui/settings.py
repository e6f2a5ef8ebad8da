"""What persists between runs (QSettings): recent saves, large text, window layouts.

The organisation and application names are set once in ``ui.app``; tests point QSettings
at a temporary folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

if TYPE_CHECKING:
    from engine.scenario.model import Scenario

RECENT_KEY = "recent/saves"
LARGE_TEXT_KEY = "view/large_text"
MAX_RECENT = 10


def settings() -> QSettings:
    return QSettings()


def recent_saves() -> list[Path]:
    value = settings().value(RECENT_KEY, [])
    if isinstance(value, str):  # one entry reads back as a string
        value = [value]
    if not isinstance(value, list | tuple):  # none, or not ours
        return []
    return [Path(p) for p in value if isinstance(p, str) and p]


def add_recent_save(path: Path) -> None:
    path = Path(path).resolve()
    entries = [p for p in recent_saves() if p.resolve() != path]
    entries.insert(0, path)
    settings().setValue(RECENT_KEY, [str(p) for p in entries[:MAX_RECENT]])


def forget_recent_save(path: Path) -> None:
    path = Path(path).resolve()
    settings().setValue(RECENT_KEY, [str(p) for p in recent_saves() if p.resolve() != path])


def large_text() -> bool:
    return bool(settings().value(LARGE_TEXT_KEY, False, type=bool))


def set_large_text(on: bool) -> None:
    settings().setValue(LARGE_TEXT_KEY, bool(on))


TIMER_KEYS = {
    "keep_running": ("timer/keep_running", True),  # into the next phase
    "advance_at_zero": ("timer/advance_at_zero", False),  # next phase when time is up
    "sound": ("timer/sound", True),  # a chime at zero, beside the flash
}


def timer_option(name: str) -> bool:
    key, default = TIMER_KEYS[name]
    return bool(settings().value(key, default, type=bool))


def set_timer_option(name: str, on: bool) -> None:
    settings().setValue(TIMER_KEYS[name][0], bool(on))


def scenario_cache_dir() -> Path | None:
    """Where validated scenarios are kept between runs (engine/scenario/cache.py)."""
    from PySide6.QtCore import QStandardPaths

    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    return Path(folder) / "scenarios" if folder else None


def load_scenario(path: Path) -> Scenario:
    """A scenario for the app: validated, or as validated at an earlier start."""
    from engine.scenario.cache import load_scenario_cached

    return load_scenario_cached(path, scenario_cache_dir())


# Team devices: which kinds of submission are accepted as they arrive, without asking.
AUTO_ACCEPT_KINDS = ("move", "demand", "proposal", "answer", "message")


def auto_accept(kind: str) -> bool:
    """``devices/auto_accept/<kind>``: messages by default, nothing else."""
    return bool(settings().value(f"devices/auto_accept/{kind}", kind == "message", type=bool))


def set_auto_accept(kind: str, on: bool) -> None:
    settings().setValue(f"devices/auto_accept/{kind}", bool(on))
