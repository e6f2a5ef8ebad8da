"""The timer's options: it runs on into the next phase, moves on at zero if asked, sounds
a chime the room can hear, and the projector says OVERTIME."""

from __future__ import annotations

import stat
import wave
from pathlib import Path
from typing import Any

import pytest

from ui import operations as ops
from ui import settings
from ui.alarm import sound_alarm, write_chime
from ui.main_window import FacilitatorWindow
from ui.projector import ProjectorWindow
from ui.timer import PhaseTimer


class FakeClock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(100.0)


@pytest.fixture
def window(qtbot: Any, session: Any, isolated_settings: Path, clock: FakeClock) -> Any:
    made = FacilitatorWindow(session, clock=clock)
    qtbot.addWidget(made)
    made.show()
    return made


def test_a_running_timer_goes_on_into_the_next_phase(window: Any, clock: FakeClock) -> None:
    assert settings.timer_option("keep_running"), "the default: the room's clock runs on"
    assert window.run(ops.start_round) is None
    window.timer.start()
    clock.now += 30
    assert window.run(ops.next_phase) is None
    assert window.timer.running
    assert window.timer.remaining_ms() == window.timer.duration_ms, "the new phase's full time"


def test_with_the_option_off_a_phase_change_stops_the_timer(window: Any, clock: FakeClock) -> None:
    window.action_set.timer_keep_running.setChecked(False)
    assert not settings.timer_option("keep_running"), "the menu item is the setting"
    assert window.run(ops.start_round) is None
    window.timer.start()
    assert window.run(ops.next_phase) is None
    assert not window.timer.running


def test_at_zero_the_round_moves_on_when_asked(
    window: Any, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    played: list[str] = []
    monkeypatch.setattr("ui.alarm.sound_alarm", lambda: played.append("chime") or "x")
    window.action_set.timer_advance_at_zero.setChecked(True)
    assert window.run(ops.start_round) is None
    window.timer.start()
    clock.now += window.timer.duration_ms / 1000 + 1
    window.timer.tick()
    assert window.session.state.phase == 1, "time was up: the next phase"
    assert played == ["chime"], "and the room heard it"
    window.action_set.timer_sound.setChecked(False)
    clock.now += window.timer.duration_ms / 1000 + 1
    window.timer.tick()
    assert window.session.state.phase == 2 and played == ["chime"], "silent when asked"


def test_time_up_without_the_option_stays_in_its_phase(window: Any, clock: FakeClock) -> None:
    window.action_set.timer_sound.setChecked(False)
    assert window.run(ops.start_round) is None
    window.timer.start()
    clock.now += window.timer.duration_ms / 1000 + 5
    window.timer.tick()
    assert window.session.state.phase == 0 and window.timer.remaining_ms() < 0


def test_the_chime_is_played_by_the_desktop_player(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    heard = tmp_path / "heard.txt"
    player = tmp_path / "bin" / "paplay"
    player.parent.mkdir()
    player.write_text(f'#!/bin/sh\necho "$1" > {heard}\n')
    player.chmod(player.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", str(player.parent))
    assert sound_alarm() == "paplay"
    qtbot.waitUntil(lambda: heard.exists() and bool(heard.read_text().strip()))  # detached
    played = Path(heard.read_text().strip())
    with wave.open(str(played)) as chime:
        assert chime.getnframes() > 0 and chime.getframerate() == 22_050


def test_without_a_player_the_bell_rings(monkeypatch: pytest.MonkeyPatch, qapp: Any) -> None:
    monkeypatch.setenv("PATH", "")
    assert sound_alarm() == "bell"


def test_the_chime_is_a_real_wav(tmp_path: Path) -> None:
    path = write_chime(tmp_path / "c.wav")
    with wave.open(str(path)) as chime:
        assert chime.getnchannels() == 1 and chime.getsampwidth() == 2
        assert 0.5 < chime.getnframes() / chime.getframerate() < 2


def test_the_projector_says_overtime(qtbot: Any, session: Any, clock: FakeClock) -> None:
    timer = PhaseTimer(clock=clock)
    timer.set_duration(1)
    projector = ProjectorWindow(session, timer)
    qtbot.addWidget(projector)
    projector.show()
    assert not projector.overtime.isVisible()
    timer.start()
    clock.now += 61
    timer.tick()
    assert projector.overtime.isVisible() and projector.timer_display.text().startswith("-")
