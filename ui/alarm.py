"""The sound at zero: a short chime the room can hear.

PySide6-Essentials has no QtMultimedia (it comes with the 440 MB Addons wheel), and the
system bell (``QApplication.beep``) is silent on most Linux desktops. So the chime is a
small WAV file written once into the cache folder, played by the desktop's own player
(PipeWire's ``pw-play``, PulseAudio's ``paplay`` or ALSA's ``aplay``, the first found);
with none of them, the bell is all there is.
"""

from __future__ import annotations

import math
import shutil
import struct
import wave
from pathlib import Path

from PySide6.QtCore import QProcess, QStandardPaths
from PySide6.QtWidgets import QApplication

PLAYERS = ("pw-play", "paplay", "aplay")
RATE = 22_050
NOTES = ((880.0, 0.18), (0.0, 0.06), (880.0, 0.18), (0.0, 0.06), (1174.7, 0.42))  # Hz, s


def chime_path() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    return Path(folder or ".") / "alarm-chime.wav"


def write_chime(path: Path) -> Path:
    """Two short beeps and a longer, higher one, softened at both ends (16-bit mono)."""
    frames = bytearray()
    for frequency, seconds in NOTES:
        count = int(RATE * seconds)
        fade = max(1, int(RATE * 0.01))
        for n in range(count):
            envelope = min(1.0, n / fade, (count - n) / fade)
            sample = math.sin(2 * math.pi * frequency * n / RATE) if frequency else 0.0
            frames += struct.pack("<h", int(sample * envelope * 0.6 * 32767))
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(bytes(frames))
    return path


def find_player() -> str | None:
    return next((found for name in PLAYERS if (found := shutil.which(name))), None)


def sound_alarm() -> str:
    """Play the chime, and say how: the player's name, or "bell"."""
    player = find_player()
    if player is None:
        QApplication.beep()
        return "bell"
    path = chime_path()
    try:
        if not path.exists():
            write_chime(path)
    except OSError:
        QApplication.beep()
        return "bell"
    started, _pid = QProcess.startDetached(player, [str(path)])
    if not started:
        QApplication.beep()
        return "bell"
    return Path(player).name
