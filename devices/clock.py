"""The phase timer as the devices show it: told by the app's timer (``set_clock``).

Without the facilitator window (``parley host``) nobody runs the timer, and the pages
say so rather than show a clock that does not move.
"""

from __future__ import annotations

import json
import threading
import time

from engine.report.markup import esc


class Clock:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._known = False
        self.phase = ""
        self.ends_at: float | None = None
        self.remaining: float | None = None
        self.running = False

    def set(
        self, phase: str, ends_at: float | None, remaining: float | None, running: bool
    ) -> None:
        with self._lock:
            self._known = True
            self.phase, self.ends_at, self.remaining, self.running = (
                phase,
                ends_at,
                remaining,
                running,
            )

    def left(self) -> float | None:
        """Seconds left now, if the clock is known."""
        with self._lock:
            if not self._known:
                return None
            if self.running and self.ends_at is not None:
                return max(0.0, self.ends_at - time.time())
            return self.remaining

    def data(self) -> dict[str, object]:
        left = self.left()
        known = left is not None
        return {"known": known, "phase": self.phase, "left": left, "running": self.running}

    def json(self) -> str:
        return json.dumps(self.data())

    def html(self) -> str:
        left = self.left()
        if left is None:
            return (
                '<p id="clock" class="clock none">No live timer: this session is hosted '
                "without the facilitator window.</p>"
            )
        minutes, seconds = divmod(int(left), 60)
        state = "running" if self.running else "paused"
        return (
            f'<p id="clock" class="clock {state}" data-left="{left:.1f}" '
            f'data-running="{int(self.running)}">'
            f'<span class="phase">{esc(self.phase)}</span> '
            f'<span class="time">{minutes:02d}:{seconds:02d}</span>'
            f"{'' if self.running else ' (paused)'}</p>"
        )
