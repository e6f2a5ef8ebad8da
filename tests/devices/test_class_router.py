"""One device server for a class: every group behind one address, codes and tokens
telling them apart. Two groups with the same teams: each code joins only its group, a
device's page and stream are its group's alone, a submission lands in its group's save."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from device_room import ROOM, TEAMS, Client, entry_seqs, page_seqs

from devices.class_router import ClassRouter
from devices.guard import Limits
from devices.owner import QueueOwner
from devices.server import DeviceServerError
from engine.scenario import parse_scenario
from engine.session.live import Session

GROUPS = ("Red", "Blue")


@dataclass
class Group:
    session: Session
    owner: QueueOwner
    thread: threading.Thread
    stopping: threading.Event
    codes: dict[str, str] = field(default_factory=dict)

    def call(self, fn: Any) -> Any:
        return self.owner.call(fn, 10.0)


@dataclass
class ClassRoom:
    router: ClassRouter
    groups: dict[str, Group]

    def joined(self, group: str, team: str) -> Client:
        client = Client(self.router.port)
        reply = client.join(self.groups[group].codes[team])
        assert reply.status == 303, reply
        return client


def own(session: Session) -> Group:
    owner = QueueOwner(session)
    stopping, serving = threading.Event(), threading.Event()

    def run() -> None:
        serving.set()
        owner.serve_forever(stopping, poll=0.05)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    serving.wait(5)
    return Group(session, owner, thread, stopping)


def open_class(tmp_path: Path, limits: Limits | None = None) -> ClassRoom:
    scenario = parse_scenario(ROOM, "room.toml")
    groups = {}
    for name in GROUPS:
        session = Session.create(scenario, tmp_path / f"{name}.parley")
        session.start_round()
        groups[name] = own(session)
    router = ClassRouter(
        {n: g.owner for n, g in groups.items()}, scenario, host="127.0.0.1", port=0,
        limits=limits,
    )  # fmt: skip
    router.start()
    for name, group in groups.items():

        def setup(s: Session, name: str = name, group: Group = group) -> None:
            s.echo.append(lambda env: router.publish(name, env))
            for team in TEAMS:
                group.codes[team] = s.issue_code(role="team", team=team)[1]

        group.call(setup)
    return ClassRoom(router, groups)


def close_class(room: ClassRoom) -> None:
    room.router.stop()
    for group in room.groups.values():
        group.stopping.set()
        group.owner.wake()
        group.thread.join(10)
        group.session.close()


@pytest.fixture(name="room")
def room_fixture(tmp_path: Path) -> Iterator[ClassRoom]:
    room = open_class(tmp_path)
    yield room
    close_class(room)


def move(group: Group, text: str, visibility: list[str] | None = None) -> int:
    changes = group.call(
        lambda s: s.record_move(
            team="usa", move_type="statement", tone=0, text=text, visibility=visibility
        )
    )
    return int(changes.seq)


def test_each_code_joins_only_its_own_group(room: ClassRoom) -> None:
    red, blue = room.groups["Red"], room.groups["Blue"]
    red_usa = room.joined("Red", "usa")
    blue_usa = room.joined("Blue", "usa")
    red_devices = red.call(lambda s: [(d.team, d.active) for d in s.state.devices.values()])
    blue_devices = blue.call(lambda s: [(d.team, d.active) for d in s.state.devices.values()])
    assert red_devices == [("usa", True)] and blue_devices == [("usa", True)]
    assert red.call(lambda s: s.device_of(red_usa.cookie)) is not None
    assert red.call(lambda s: s.device_of(blue_usa.cookie)) is None  # B's token opens nothing in A
    assert blue.call(lambda s: s.device_of(blue_usa.cookie)) is not None
    typed = Client(room.router.port)  # a code typed into the join form finds its group too
    assert typed.post("/join", {"code": blue.codes["rok"].lower()}, csrf="").status == 303
    assert blue.call(lambda s: s.device_of(typed.cookie).team) == "rok"


def test_a_device_sees_only_its_own_groups_feed(room: ClassRoom) -> None:
    red, blue = room.groups["Red"], room.groups["Blue"]
    red_usa, blue_usa = room.joined("Red", "usa"), room.joined("Blue", "usa")
    red_stream, blue_stream = red_usa.events(), blue_usa.events()
    for stream in (red_stream, blue_stream):
        stream.until(lambda e: e["event"] == "clock")
    red_seq = move(red, "RED-ONLY-PUBLIC-MOVE")
    blue_seq = move(blue, "BLUE-ONLY-PUBLIC-MOVE")
    red_stream.until(lambda e: e["event"] == "entry" and e["data"]["seq"] == red_seq)
    blue_stream.until(lambda e: e["event"] == "entry" and e["data"]["seq"] == blue_seq)
    red_stream.collect(0.5)
    blue_stream.collect(0.5)
    assert "BLUE-ONLY" not in red_stream.text() and "RED-ONLY" not in blue_stream.text()
    red_page, blue_page = red_usa.get("/").text, blue_usa.get("/").text
    assert "RED-ONLY-PUBLIC-MOVE" in red_page and "BLUE-ONLY" not in red_page
    assert "BLUE-ONLY-PUBLIC-MOVE" in blue_page and "RED-ONLY" not in blue_page
    assert red_seq in entry_seqs(red_stream.received) and red_seq in page_seqs(red_page)
    # (both saves number their events alike: the texts tell the groups' feeds apart)


def test_a_submission_lands_in_its_devices_group_only(room: ClassRoom) -> None:
    red, blue = room.groups["Red"], room.groups["Blue"]
    blue_usa = room.joined("Blue", "usa")
    fields = {"move_type": "statement", "tone": "0", "text": "FROM-BLUE-USA",
              "visibility": "public"}  # fmt: skip
    reply = blue_usa.post("/submit/move", fields)
    assert reply.status == 303, reply.text[:400]
    blue_subs = blue.call(lambda s: [(x.team, x.status) for x in s.state.submissions.values()])
    assert blue_subs == [("usa", "pending")]
    assert red.call(lambda s: dict(s.state.submissions)) == {}


def test_boards_are_apart_and_strangers_are_refused(room: ClassRoom) -> None:
    red, blue = room.groups["Red"], room.groups["Blue"]
    move(red, "RED-BOARD-MOVE")
    stranger = Client(room.router.port)
    red_board = stranger.get("/board/" + room.router.groups["Red"].board_key).text
    blue_board = stranger.get("/board/" + room.router.groups["Blue"].board_key).text
    assert "RED-BOARD-MOVE" in red_board and "RED-BOARD-MOVE" not in blue_board
    assert stranger.get("/board/not-a-key").status == 404
    assert stranger.get("/").status == 403  # joined nowhere
    assert stranger.get("/join/ABCD-EFGH-JKLM").status == 404
    assert len(blue.call(lambda s: s.state.devices)) == 0


def test_repeated_wrong_codes_are_counted_across_the_class(tmp_path: Path) -> None:
    room = open_class(tmp_path, Limits(wrong_code_burst=3, wrong_code_rate=0.01))
    try:
        client = Client(room.router.port)
        answers = [client.get("/join/ABCD-EFGH-JKLM").status for _ in range(4)]
        assert answers == [404, 404, 404, 429]
        right = room.groups["Blue"].codes["dprk"]
        assert client.join(right).status == 429  # the address waits, whichever group
    finally:
        close_class(room)


def test_a_revoked_device_is_shut_out_of_its_group(room: ClassRoom) -> None:
    red = room.groups["Red"]
    red_usa = room.joined("Red", "usa")
    assert red_usa.get("/").status == 200
    device = red.call(lambda s: s.device_of(red_usa.cookie).id)
    red.call(lambda s: s.revoke_device(device=device))
    assert red_usa.get("/").status == 403


def test_stopping_tells_every_group_and_a_port_in_use_is_said(room: ClassRoom) -> None:
    red_usa, blue_rok = room.joined("Red", "usa"), room.joined("Blue", "rok")
    streams = [red_usa.events(), blue_rok.events()]
    for stream in streams:
        stream.until(lambda e: e["event"] == "clock")
    other = ClassRouter({"X": room.groups["Red"].owner}, room.groups["Red"].session.scenario,
                        host="127.0.0.1", port=room.router.port)  # fmt: skip
    with pytest.raises(DeviceServerError, match="in use"):
        other.start()
    room.router.stop("The class has ended.")
    for stream in streams:
        ended = stream.until(lambda e: e["event"] == "ended")
        assert ended["data"]["reason"] == "The class has ended."


def test_a_device_comes_back_to_its_group_after_a_restart_without_a_code(
    room: ClassRoom,
) -> None:
    blue = room.groups["Blue"]
    move(blue, "BLUE-BEFORE-RESTART")
    blue_dprk = room.joined("Blue", "dprk")
    room.router.stop("The app is restarting.")
    scenario = blue.session.scenario
    again = ClassRouter({n: g.owner for n, g in room.groups.items()}, scenario,
                        host="127.0.0.1", port=0)  # fmt: skip
    again.start()
    room.router = again  # the fixture stops this one
    blue_dprk.port = again.port  # a new port, say: the cookie is what counts
    page = blue_dprk.get("/")
    assert page.status == 200 and "BLUE-BEFORE-RESTART" in page.text
    assert Client(again.port).join(blue.codes["usa"]).status == 303  # old slips still join
