"""Live streams and the failures around them: resumed from the last event seen, told
when the session ends, refreshed after an undo; a port in use or an address that is not
this machine's refused with a clear message."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest
from device_room import Room, entry_seqs, open_room, room_fixture  # noqa: F401

from devices.owner import QueueOwner
from devices.server import DeviceServer, DeviceServerError
from engine.scenario import parse_scenario
from engine.session.live import Session


def move(room: Room, text: str, visibility: list[str] | None = None) -> int:
    changes = room.call(
        lambda s: s.record_move(
            team="usa", move_type="statement", tone=0, text=text, visibility=visibility
        )
    )
    return int(changes.seq)


def test_a_stream_resumes_after_the_last_event_it_got(room: Room) -> None:
    usa = room.joined("usa")
    stream = usa.events()
    first = move(room, "before the drop")
    got = stream.until(lambda e: e["event"] == "entry" and e["data"]["seq"] == first)
    stream.close()  # the network drops
    second = move(room, "during the drop")
    third = move(room, "after the drop")
    again = usa.events(last_id=int(got["id"]))
    again.until(lambda e: e["event"] == "clock")
    assert entry_seqs(again.received) == {second, third}
    by_query = usa.events(f"/events?after={second}")
    by_query.until(lambda e: e["event"] == "clock")
    assert entry_seqs(by_query.received) == {third}


def test_the_server_tells_which_devices_have_a_page_open(room: Room) -> None:
    usa = room.joined("usa")
    device = room.call(lambda s: s.device_of(usa.cookie).id)
    assert room.server.online() == set()
    stream = usa.events()
    stream.until(lambda e: e["event"] == "clock")
    assert room.server.online() == {device}
    stream.close()
    deadline = time.monotonic() + 5
    while room.server.online() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert room.server.online() == set()


def test_panels_move_only_when_what_they_show_changed(room: Room) -> None:
    """A private inject moves no panel of the board: the room cannot tell it happened."""
    board = room.client().events(f"/board/{room.server.board_key}/events")
    board.until(lambda e: e["event"] == "clock")
    before = len(board.received)
    room.call(lambda s: s.fire_inject(inject="leak"))
    assert len(board.collect(0.8)) == before
    room.call(lambda s: s.fire_inject(inject="storm"))
    feed = board.until(lambda e: len(board.received) > before and e["event"] == "panel")
    assert feed["data"]["id"] == "board-feed" and "PUBLIC-INJECT-STORM" in feed["data"]["html"]


def test_an_undo_tells_the_pages_that_saw_it_to_refresh(room: Room) -> None:
    usa, dprk = room.joined("usa"), room.joined("dprk")
    usa_stream, dprk_stream = usa.events(), dprk.events()
    for stream in (usa_stream, dprk_stream):
        stream.until(lambda e: e["event"] == "clock")
    seq = move(room, "a private thought", visibility=["usa"])
    usa_stream.until(lambda e: e["event"] == "entry" and e["data"]["seq"] == seq)
    room.call(lambda s: s.undo())
    usa_stream.until(lambda e: e["event"] == "stale")
    assert "a private thought" not in usa.get("/refresh").text
    assert all(e["event"] != "stale" for e in dprk_stream.collect(0.8))  # never saw it


def test_the_clock_reaches_the_pages(room: Room) -> None:
    usa = room.joined("usa")
    stream = usa.events()
    stream.until(lambda e: e["event"] == "clock")
    room.call(lambda s: room.server.set_clock("negotiate", time.time() + 300, 300.0, True))
    tick = stream.until(lambda e: e["event"] == "clock" and e["data"]["known"])
    assert tick["data"]["phase"] == "negotiate" and 290 < tick["data"]["left"] <= 300
    page = usa.get("/").text
    assert 'class="clock running"' in page and "negotiate" in page and "No live timer" not in page


def test_closing_the_room_tells_every_page_the_session_ended(tmp_path: Path) -> None:
    room = open_room(tmp_path / "room.parley")
    usa = room.joined("usa")
    board = room.client()
    streams = [usa.events(), board.events(f"/board/{room.server.board_key}/events")]
    for stream in streams:
        stream.until(lambda e: e["event"] == "clock")
    room.server.stop("The facilitator closed the room.")
    for stream in streams:
        ended = stream.until(lambda e: e["event"] == "ended")
        assert ended["data"]["reason"] == "The facilitator closed the room."
        with pytest.raises((EOFError, OSError)):
            stream.until(lambda e: False, timeout=3)
    with pytest.raises(OSError):
        usa.get("/")  # nobody listens any more
    room.close()
    room.session.close()


def _server(tmp_path: Path, host: str, port: int) -> DeviceServer:
    from device_room import ROOM

    session = Session.create(parse_scenario(ROOM, "room.toml"), tmp_path / "x.parley")
    session.close()
    return DeviceServer(QueueOwner(Session.open(tmp_path / "x.parley")), session.scenario,
                        host=host, port=port)  # fmt: skip


def test_a_port_in_use_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = _server(tmp_path, "127.0.0.1", port)
        with pytest.raises(DeviceServerError, match=f"port {port} on 127.0.0.1 is in use"):
            server.start()


def test_an_address_that_is_not_this_machines_is_refused(tmp_path: Path) -> None:
    server = _server(tmp_path, "203.0.113.9", 0)
    with pytest.raises(DeviceServerError, match=r"203\.0\.113\.9 is not an address of this"):
        server.start()
