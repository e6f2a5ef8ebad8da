"""``parley host``: the team devices of a save without the facilitator window."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from device_room import ROOM, TEAMS, Client

from conftest import ROOT
from engine.scenario import parse_scenario
from engine.session.live import Session


def make_save(path: Path) -> Path:
    with Session.create(parse_scenario(ROOM, "room.toml"), path) as session:
        session.start_round()
    return path


def host(save: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "main.py", "host", str(save), *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def team_lines(process: subprocess.Popen[str]) -> list[list[str]]:
    assert process.stdout is not None
    lines = [process.stdout.readline().rstrip("\n").split("\t") for _ in TEAMS]
    assert all(len(line) == 3 for line in lines), lines
    return lines


def ended(process: subprocess.Popen[str], sig: int = signal.SIGTERM) -> tuple[int, str]:
    process.send_signal(sig)
    _, err = process.communicate(timeout=20)
    return process.returncode, err


def test_host_prints_a_line_per_team_serves_them_and_exits_0_on_sigterm(tmp_path: Path) -> None:
    save = make_save(tmp_path / "room.parley")
    process = host(save, "--port", "0")
    try:
        lines = team_lines(process)
        assert [line[0] for line in lines] == list(TEAMS)
        _, code, url = lines[0]
        assert len(code.replace("-", "")) == 12 and url.endswith("/join/" + code.replace("-", ""))
        port = int(url.split(":")[2].split("/")[0])
        client = Client(port)
        assert client.get(url.split(str(port), 1)[1]).status == 303
        page = client.get("/")
        assert page.status == 200 and "United States" in page.text
        assert "No live timer" in page.text  # nobody runs the timer here, and the page says so
        reply = client.post(
            "/submit/move", {"move_type": "statement", "tone": "0", "text": "from the host"}
        )
        assert reply.status == 303
    finally:
        code_, err = ended(process)
    assert code_ == 0, err
    assert "Traceback" not in err and "control\t" in err and "board\t" in err
    with Session.open(save, read_only=True) as session:
        (waiting,) = session.state.submissions.values()
        assert waiting.status == "pending" and waiting.payload["text"] == "from the host"


def test_host_exits_0_on_sigint_too(tmp_path: Path) -> None:
    process = host(make_save(tmp_path / "room.parley"), "--port", "0")
    team_lines(process)
    code, err = ended(process, signal.SIGINT)
    assert code == 0 and "Traceback" not in err


def test_a_device_reconnects_with_its_cookie_after_the_host_restarts(tmp_path: Path) -> None:
    save = make_save(tmp_path / "room.parley")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    first = host(save, "--port", str(port))
    url = team_lines(first)[1][2]
    client = Client(port)
    assert client.get(url.split(str(port), 1)[1]).status == 303
    stream = client.events()
    stream.until(lambda e: e["event"] == "clock")
    assert ended(first)[0] == 0
    assert stream.until(lambda e: e["event"] == "ended")["data"]["reason"]
    second = host(save, "--port", str(port))
    try:
        team_lines(second)
        page = client.get("/")  # the same cookie, no new code
        assert page.status == 200 and "North Korea" in page.text
        assert client.events().until(lambda e: e["event"] == "clock")
    finally:
        assert ended(second)[0] == 0


def test_a_port_in_use_is_a_clear_refusal(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = host(make_save(tmp_path / "room.parley"), "--port", str(port))
        _, err = process.communicate(timeout=20)
    assert process.returncode == 1
    assert f"port {port} on 127.0.0.1 is in use" in err and "Traceback" not in err


def test_an_address_not_on_this_machine_is_a_usage_error(tmp_path: Path) -> None:
    process = host(make_save(tmp_path / "room.parley"), "--bind", "203.0.113.9")
    _, err = process.communicate(timeout=20)
    assert process.returncode == 2
    assert "203.0.113.9 is not an address of this machine" in err and "Traceback" not in err


@pytest.mark.parametrize("args", [["--port", "http"], ["--port", "70000"], ["--bogus"]])
def test_a_wrong_command_line_exits_2(tmp_path: Path, args: list[str]) -> None:
    process = host(make_save(tmp_path / "room.parley"), *args)
    _, err = process.communicate(timeout=20)
    assert process.returncode == 2 and "Traceback" not in err


def test_a_save_another_writer_holds_is_refused(tmp_path: Path) -> None:
    save = make_save(tmp_path / "room.parley")
    with Session.open(save):
        process = host(save, "--port", "0")
        _, err = process.communicate(timeout=20)
    assert process.returncode == 1 and "Traceback" not in err
    assert "lock" in err.lower() or "open" in err.lower()


def test_host_says_when_the_lobby_is_locked(tmp_path: Path) -> None:
    save = make_save(tmp_path / "room.parley")
    with Session.open(save) as session:
        session.lock_lobby(locked=True)
    process = host(save, "--port", "0")
    try:
        team_lines(process)
    finally:
        code_, err = ended(process)
    assert code_ == 0 and "the lobby is locked, so no new device can join" in err


def test_a_simulated_save_is_open_to_devices(tmp_path: Path) -> None:
    from engine.scenario import load_scenario
    from engine.session.simulate import simulate_session

    scenario = load_scenario(ROOT / "engine" / "scenario" / "bundled" / "after-hanoi-2019.toml")
    with simulate_session(scenario, tmp_path / "s.parley", 2, seed=1) as session:
        assert not session.state.lobby_locked
        assert any(e.kind == "LobbyLocked" for e in session.events())
