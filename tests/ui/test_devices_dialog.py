"""The "Team devices" dialog: it starts a real device server on 127.0.0.1 (port 0), a
browser's join (urllib here) works through the window's Qt owner, codes and QR codes are
shown one team at a time and never on the projector, slips print one page per team, a
port in use is said plainly, and closing the session tells the devices."""

from __future__ import annotations

import http.cookiejar
import socket
import threading
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QWidget
from ui_support import DEFAULT_SCENARIO, read_qr_codes

from engine.scenario import load_scenario
from engine.session.live import Session
from ui import operations as ops
from ui.devices_dialog import DevicesDialog, shown_code
from ui.main_window import FacilitatorWindow


@pytest.fixture
def window(qtbot: Any, tmp_path: Path, isolated_settings: Path) -> Any:
    session = Session.create(load_scenario(DEFAULT_SCENARIO), tmp_path / "room.parley")
    window = FacilitatorWindow(session)
    qtbot.addWidget(window)
    window.show()
    assert window.run(ops.start_round) is None
    yield window
    if window._devices is not None:
        window._devices.close_room()


def opened(qtbot: Any, window: FacilitatorWindow, port: int = 0) -> DevicesDialog:
    window.action_set.open_devices.trigger()
    dialog = window.devices.dialog
    assert dialog is not None and dialog.isVisible()
    index = dialog.address.findData("127.0.0.1")
    assert index >= 0, "loopback is offered, for a demonstration"
    dialog.address.setCurrentIndex(index)
    dialog.port.setValue(port)
    dialog.open_button.click()
    return dialog


def in_thread(qtbot: Any, work: Any) -> Any:
    """Run ``work`` (a device's request) in a thread while the window's loop runs."""
    out: list[Any] = []

    def run() -> None:
        try:
            out.append(work())
        except Exception as error:
            out.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    qtbot.waitUntil(lambda: bool(out), timeout=10_000)
    thread.join()
    return out[0]


def join(url: str) -> tuple[int, http.cookiejar.CookieJar]:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, jar
    except urllib.error.HTTPError as error:
        return error.code, jar


def test_the_dialog_opens_a_real_server_and_a_browser_joins_its_team(
    qtbot: Any, window: FacilitatorWindow
) -> None:
    dialog = opened(qtbot, window)
    room = window.devices
    assert room.is_open and room.address is not None
    host, port = room.address
    assert host == "127.0.0.1" and port > 0
    assert window.action_set.close_devices.isEnabled()
    team = dialog.current_team()
    _code_id, code_text = room.codes[team]
    assert dialog.code.text() == shown_code(code_text)
    url = dialog.url.text()
    assert url == room.join_url(code_text) and url.startswith(f"http://127.0.0.1:{port}/")
    assert read_qr_codes(dialog.qr.pixmap().toImage()) == [url]

    status, jar = in_thread(qtbot, lambda: join(url))
    assert status == 200
    assert any(cookie.value for cookie in jar)
    [record] = window.session.state.devices.values()
    assert record.team == team and record.role == "team"
    dialog.show_devices()
    assert dialog.devices.topLevelItemCount() == 1


def test_teams_are_shown_one_at_a_time_and_a_new_code_revokes_the_old(
    qtbot: Any, window: FacilitatorWindow
) -> None:
    dialog = opened(qtbot, window)
    room = window.devices
    scenario = window.session.scenario
    names = []
    for _ in scenario.teams:
        names.append(dialog.team_name.text())
        dialog.next.click()
    assert names == [t.name for t in scenario.teams]
    assert dialog.team_name.text() == scenario.teams[0].name  # round again
    dialog.previous.click()
    assert dialog.team_name.text() == scenario.teams[-1].name

    team = dialog.current_team()
    old_id, old_text = room.codes[team]
    old_url = room.join_url(old_text)
    dialog.new_code_button.click()
    new_id, new_text = room.codes[team]
    assert new_id != old_id and dialog.code.text() == shown_code(new_text)
    assert not window.session.state.codes[old_id].active
    status, _jar = in_thread(qtbot, lambda: join(old_url))
    assert 400 <= status < 500
    assert not window.session.state.devices


def test_the_control_code_is_hidden_until_shown_and_revocable(
    qtbot: Any, window: FacilitatorWindow
) -> None:
    dialog = opened(qtbot, window)
    room = window.devices
    assert room.control is not None
    control_id, control_text = room.control
    assert shown_code(control_text) not in dialog.control_code.text()
    dialog.show_control.click()
    assert shown_code(control_text) in dialog.control_code.text()
    dialog.findChild(QWidget, "devicesRevokeControl").click()
    assert room.control is None
    assert not window.session.state.codes[control_id].active


def test_the_lobby_lock_and_revoking_a_device(qtbot: Any, window: FacilitatorWindow) -> None:
    dialog = opened(qtbot, window)
    room = window.devices
    url = dialog.url.text()
    status, _jar = in_thread(qtbot, lambda: join(url))
    assert status == 200
    dialog.lobby.click()
    assert window.session.state.lobby_locked
    status, _jar = in_thread(qtbot, lambda: join(url))
    assert 400 <= status < 500
    assert len(window.session.state.devices) == 1
    dialog.show_devices()
    dialog.devices.setCurrentItem(dialog.devices.topLevelItem(0))
    dialog.revoke_button.click()
    [record] = window.session.state.devices.values()
    assert not record.active
    assert room.is_open


def test_a_port_in_use_is_said_plainly_and_nothing_is_left_open(
    qtbot: Any, window: FacilitatorWindow
) -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        dialog = opened(qtbot, window, port=taken.getsockname()[1])
        assert not window.devices.is_open
        assert dialog.open_error.isVisible()
        assert dialog.error_text.startswith("Not opened: ")
        assert str(taken.getsockname()[1]) in dialog.error_text
        assert dialog.pages.currentIndex() == 0  # still choosing
    finally:
        taken.close()


def test_join_slips_are_one_page_per_team(
    qtbot: Any, window: FacilitatorWindow, tmp_path: Path
) -> None:
    dialog = opened(qtbot, window)
    path = tmp_path / "slips.pdf"
    pages = dialog.write_slips(path)
    reader = PdfReader(path)
    teams = window.session.scenario.teams
    assert pages == len(reader.pages) == len(teams)
    for page, team in zip(reader.pages, teams, strict=True):
        text = " ".join(page.extract_text().split())
        assert team.name in text
        assert shown_code(window.devices.codes[team.id][1]) in text.replace(" ", "")


def test_the_projector_never_shows_a_code(qtbot: Any, window: FacilitatorWindow) -> None:
    dialog = opened(qtbot, window)
    window.action_set.projector.setChecked(True)
    projector = window.projector
    assert projector is not None
    dialog.show_control.click()
    qtbot.wait(50)
    texts = []
    for widget in [projector, *projector.findChildren(QWidget)]:
        for getter in ("text", "toPlainText", "windowTitle", "toolTip", "accessibleName"):
            value = getattr(widget, getter, None)
            if callable(value):
                texts.append(str(value()))
    shown = "\n".join(texts).replace("-", "").upper()
    room = window.devices
    assert room.control is not None
    for _cid, text in [*room.codes.values(), room.control]:
        assert text.replace("-", "").upper() not in shown
    assert "/join/" not in "\n".join(texts)
    grab = projector.grab().toImage()
    assert read_qr_codes(grab) == []
    assert dialog.isVisible()  # the codes are on the facilitator's screen all the while
    assert read_qr_codes(dialog.grab().toImage()) != []


def test_closing_the_session_tells_the_devices_and_stops_the_server(
    qtbot: Any, window: FacilitatorWindow
) -> None:
    dialog = opened(qtbot, window)
    room = window.devices
    url = dialog.url.text()
    _status, jar = in_thread(qtbot, lambda: join(url))
    [cookie] = list(jar)
    host, port = room.address or ("", 0)
    stream = socket.create_connection((host, port), timeout=10)
    stream.sendall(
        f"GET /events HTTP/1.1\r\nHost: {host}:{port}\r\n"
        f"Cookie: {cookie.name}={cookie.value}\r\n\r\n".encode()
    )
    heard: list[bytes] = []

    def listen() -> None:
        while chunk := stream.recv(65536):
            heard.append(chunk)

    listener = threading.Thread(target=listen)
    listener.start()
    qtbot.waitUntil(lambda: b"event: clock" in b"".join(heard), timeout=10_000)  # live
    window.close()  # the session closes (Ctrl+W and Ctrl+Q both close the window)
    listener.join(10)
    stream.close()
    said = b"".join(heard).decode()
    assert "event: ended" in said and "The session has ended." in said
    assert not room.is_open and room.owner is None
    with pytest.raises(OSError):
        join(url)


def test_an_address_gone_while_open_is_said_plainly(
    qtbot: Any, window: FacilitatorWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = opened(qtbot, window)
    room = window.devices
    assert room.check_address() == ""  # loopback stays this machine's
    monkeypatch.setattr("devices.addresses.is_local", lambda address: False)
    said = room.check_address()
    assert said.startswith("127.0.0.1 is no longer an address of this computer")
    assert "rejoin without a new code" in said
    assert dialog.message.text() == said
    assert window.statusBar().currentMessage() == said
    monkeypatch.setattr("devices.addresses.is_local", lambda address: True)
    assert room.check_address() == ""
    assert "is back" in window.statusBar().currentMessage()
