"""The round and phase timer: start, pause, reset, add a minute, and an alarm at zero.

``PhaseTimer`` is the clock logic, driven by an injectable monotonic clock so tests need
no sleeping; ``TimerDisplay`` shows it in big digits. Both the facilitator window and the
projector show the same ``PhaseTimer``.

The timer is not an event of the session (pausing it changes nothing in the exercise), so
it is kept beside the save, in QSettings: ``remember_timer`` writes its state (per save
path, for the round and phase it counts) whenever it changes and every few seconds while
it runs; ``recall_timer`` restores it when the save is opened again. A timer that was
running when Parley stopped (closed or crashed) and is reopened within
``RESUME_WITHIN_S`` has run on meanwhile, as the room's clock did; after a longer break
it comes back paused where it was.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QSizePolicy, QWidget

from engine.digest import blake2b
from ui import theme
from ui.i18n import translate

Clock = Callable[[], float]  # seconds, monotonic
RESUME_WITHIN_S = 15 * 60


def format_remaining(ms: int) -> str:
    """``12:05``; negative after zero: ``-0:42`` (overtime)."""
    sign = "-" if ms < 0 else ""
    total = abs(ms) // 1000 + (1 if ms > 0 and ms % 1000 else 0)  # count down: ceil
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{seconds:02d}"
    return f"{sign}{minutes}:{seconds:02d}"


class PhaseTimer(QObject):
    """A countdown of ``duration_ms``; ``alarm`` fires once when it reaches zero."""

    ticked = Signal(int)  # remaining ms (negative in overtime)
    alarm = Signal()
    running_changed = Signal(bool)
    changed = Signal()  # started, paused, reset, a minute added, a new phase, restored

    def __init__(
        self,
        *,
        clock: Clock = time.monotonic,
        interval_ms: int = 200,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._duration_ms = 0
        self._elapsed_ms = 0.0  # before the current run
        self._started_at: float | None = None
        self._alarmed = False
        self._ticker = QTimer(self)
        self._ticker.setInterval(interval_ms)
        self._ticker.timeout.connect(self.tick)

    @property
    def duration_ms(self) -> int:
        return self._duration_ms

    @property
    def running(self) -> bool:
        return self._started_at is not None

    @property
    def alarmed(self) -> bool:
        return self._alarmed

    def elapsed_ms(self) -> int:
        extra = 0.0 if self._started_at is None else (self._clock() - self._started_at) * 1000
        return int(self._elapsed_ms + extra)

    def remaining_ms(self) -> int:
        return self._duration_ms - self.elapsed_ms()

    def set_duration(self, minutes: float, *, keep_running: bool = False) -> None:
        """A new phase: count down from ``minutes``, stopped; or, with ``keep_running``
        and the timer running, straight on from the new phase's full time."""
        was_running = self.running
        self._stop()
        self._duration_ms = round(minutes * 60_000)
        self._elapsed_ms = 0.0
        self._alarmed = False
        self.tick()
        if keep_running and was_running and self._duration_ms > 0:
            self.start()  # emits changed
        else:
            self.changed.emit()

    def start(self) -> None:
        if self._started_at is None:
            self._started_at = self._clock()
            self._ticker.start()
            self.running_changed.emit(True)
            self.tick()
            self.changed.emit()

    def pause(self) -> None:
        if self._started_at is not None:
            self._elapsed_ms += (self._clock() - self._started_at) * 1000
            self._stop()
            self.tick()
            self.changed.emit()

    def toggle(self) -> None:
        self.pause() if self.running else self.start()

    def reset(self) -> None:
        self._stop()
        self._elapsed_ms = 0.0
        self._alarmed = False
        self.tick()
        self.changed.emit()

    def add_minute(self) -> None:
        self._duration_ms += 60_000
        if self.remaining_ms() > 0:
            self._alarmed = False
        self.tick()
        self.changed.emit()

    def restore(self, *, duration_ms: int, elapsed_ms: int, running: bool = False) -> None:
        """Resume a countdown (after reopening a save), paused or running."""
        self._stop()
        self._duration_ms = duration_ms
        self._elapsed_ms = float(elapsed_ms)
        self._alarmed = self.remaining_ms() <= 0
        self.tick()
        if running:
            self.start()  # emits changed
        else:
            self.changed.emit()

    def tick(self) -> None:
        remaining = self.remaining_ms()
        self.ticked.emit(remaining)
        if remaining <= 0 and not self._alarmed and self._duration_ms > 0:
            self._alarmed = True
            self.alarm.emit()

    def _stop(self) -> None:
        was_running = self._started_at is not None
        self._started_at = None
        self._ticker.stop()
        if was_running:
            self.running_changed.emit(False)


class TimerMemory(NamedTuple):
    """What ``remember_timer`` keeps of a timer: for which round and phase, how far it ran,
    whether it was running, and when (wall-clock seconds) that was written."""

    round: int
    phase: int
    duration_ms: int
    elapsed_ms: int
    running: bool
    saved_at: float


def timer_key(save: Path) -> str:
    digest = blake2b(str(Path(save).resolve()).encode(), digest_size=8)
    return f"timers/{digest.hexdigest()[:16]}"


def remember_timer(
    timer: PhaseTimer, save: Path, *, round: int, phase: int, wall: Clock = time.time
) -> None:
    import json  # not at start-up: only once the timer changes

    from ui import settings

    memory = TimerMemory(round, phase, timer.duration_ms, timer.elapsed_ms(), timer.running, wall())
    store = settings.settings()
    store.setValue(timer_key(save), json.dumps(memory._asdict()))
    store.sync()  # on disk now: the point is to survive a crash


def recall_timer(
    timer: PhaseTimer, save: Path, *, round: int, phase: int, wall: Clock = time.time
) -> TimerMemory | None:
    """Restore the timer kept for this save if it counted this round and phase."""
    from ui import settings

    raw = settings.settings().value(timer_key(save))
    if not raw:
        return None  # nothing kept: the phase's full time
    import json

    try:
        memory = TimerMemory(**json.loads(str(raw)))
    except (TypeError, ValueError):
        return None  # nothing kept (or unreadable): the phase's full time
    if (memory.round, memory.phase) != (round, phase) or memory.duration_ms <= 0:
        return None
    away_ms = max(0.0, wall() - memory.saved_at) * 1000
    running = memory.running and away_ms <= RESUME_WITHIN_S * 1000
    elapsed = memory.elapsed_ms + (away_ms if running else 0)
    timer.restore(duration_ms=memory.duration_ms, elapsed_ms=round_ms(elapsed), running=running)
    return memory


def round_ms(ms: float) -> int:
    return int(ms + 0.5)


class TimerDisplay(QLabel):
    """Big digits that follow a ``PhaseTimer``; red and flashing in overtime."""

    def __init__(self, timer: PhaseTimer, *, scale: float = 3.2, parent: QWidget | None = None):
        super().__init__(parent)
        self._timer = timer
        self._scale = scale
        self._flash = False
        self.setObjectName("timerDisplay")
        self.setAccessibleName(translate("TimerDisplay", "Phase timer"))
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.apply_font()
        timer.ticked.connect(self.show_remaining)
        timer.alarm.connect(self._on_alarm)
        timer.running_changed.connect(lambda _running: self.show_remaining(timer.remaining_ms()))
        self.show_remaining(timer.remaining_ms())

    def set_scale(self, scale: float) -> None:
        self._scale = scale
        self.apply_font()

    def apply_font(self) -> None:
        theme.scale_font(self, self._scale, bold=True, mono=True)

    def show_remaining(self, ms: int) -> None:
        self.setText(format_remaining(ms))
        if ms <= 0 and self._timer.duration_ms > 0:
            self._flash = not self._flash if self._timer.running else True
            color = theme.ALARM if self._flash else theme.INK
            weight = "background: #fdecea; border-radius: 6px;"
        else:
            color = theme.INK if self._timer.running else theme.MUTED
            weight = ""
        style = f"color: {color}; padding: 0 10px; {weight}"
        if style != self.styleSheet():  # restyling is not free: only when the look changes
            self.setStyleSheet(style)

    def _on_alarm(self) -> None:
        QApplication.beep()
        self.show_remaining(self._timer.remaining_ms())
