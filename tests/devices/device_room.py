"""A live room for the device tests: a session owned by its own thread (a QueueOwner),
a DeviceServer on a free loopback port, and clients that speak plain HTTP to it
(``http.client``, one connection per request, a cookie of their own)."""

from __future__ import annotations

import contextlib
import http.client
import json
import re
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from conftest import small_scenario, team
from devices.guard import COOKIE, Limits
from devices.owner import QueueOwner
from devices.server import DeviceServer
from engine.scenario import parse_scenario
from engine.session.live import Session

SECRET = {t: f"SECRET-BRIEF-{t.upper()}" for t in ("usa", "dprk", "rok")}

ROOM = small_scenario(
    "room",
    "A room of three",
    team("usa", "United States", private_brief=SECRET["usa"], public_brief="USA public brief"),
    team("dprk", "North Korea", private_brief=SECRET["dprk"]),
    team("rok", "South Korea", private_brief=SECRET["rok"]),
    """[[indicators]]
id = "tension"
name = "Tension"
min = 0
max = 100
initial = 50
scope = "global"

[[indicators]]
id = "resolve"
name = "Hidden resolve"
min = 0
max = 10
initial = 5
scope = "team"
public = false
""",
    "relief",
    "talks",
    "statement",
    """[[injects]]
id = "leak"
title = "A leak to DPRK"
text = "SECRET-INJECT-DPRK"
visibility = ["dprk"]

[[injects]]
id = "storm"
title = "A storm"
text = "PUBLIC-INJECT-STORM"
visibility = "public"
""",
    "working",
    "summit",
)
TEAMS = ("usa", "dprk", "rok")


@dataclass
class Room:
    session: Session
    owner: QueueOwner
    server: DeviceServer
    thread: threading.Thread
    stopping: threading.Event
    codes: dict[str, str] = field(default_factory=dict)  # team id (or "control") -> text
    code_ids: dict[str, str] = field(default_factory=dict)

    @property
    def port(self) -> int:
        return self.server.port

    def call(self, fn: Callable[[Session], Any]) -> Any:
        return self.owner.call(fn, 10.0)

    def client(self) -> Client:
        return Client(self.port)

    def joined(self, who: str) -> Client:
        client = self.client()
        reply = client.join(self.codes[who])
        assert reply.status == 303, reply
        return client

    def close(self) -> None:
        self.server.stop()
        self.stopping.set()
        self.owner.wake()
        self.thread.join(10)


def open_room(path: Path, limits: Limits | None = None, port: int = 0) -> Room:
    """A room on ``path`` (made if missing) with a fresh code per team and one for Control."""
    if path.exists():
        session = Session.open(path)
    else:
        session = Session.create(parse_scenario(ROOM, "room.toml"), path)
        session.start_round()
    owner = QueueOwner(session)
    stopping, serving = threading.Event(), threading.Event()

    def own() -> None:
        serving.set()
        owner.serve_forever(stopping, poll=0.05)

    thread = threading.Thread(target=own, name="owner", daemon=True)
    thread.start()
    serving.wait(5)
    server = DeviceServer(owner, session.scenario, host="127.0.0.1", port=port, limits=limits)
    server.start()
    room = Room(session, owner, server, thread, stopping)

    def setup(s: Session) -> None:
        s.echo.append(server.publish)
        for team_id in TEAMS:
            room.code_ids[team_id], room.codes[team_id] = s.issue_code(role="team", team=team_id)
        room.code_ids["control"], room.codes["control"] = s.issue_code(role="control")

    room.call(setup)
    return room


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    text: str

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


class Client:
    """One browser, as plainly as can be: a cookie, and one connection per request."""

    def __init__(self, port: int, host: str = "127.0.0.1") -> None:
        self.port, self.host = port, host
        self.cookie: str | None = None

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=10)
        sent = {"Host": f"{self.host}:{self.port}"}
        if self.cookie:
            sent["Cookie"] = f"{COOKIE}={self.cookie}"
        sent.update(headers or {})
        try:
            conn.request(method, path, body=body, headers=sent)
            response = conn.getresponse()
            data = response.read()
            got: dict[str, str] = {}
            for name, value in response.getheaders():  # a header sent twice reads "a, b"
                key = name.lower()
                got[key] = f"{got[key]}, {value}" if key in got else value
        finally:
            conn.close()
        cookie = got.get("set-cookie", "")
        match = re.match(rf"{COOKIE}=([^;]*);", cookie)
        if match:
            self.cookie = match.group(1) or None
        return Reply(response.status, got, data.decode("utf-8", "replace"))

    def get(self, path: str, headers: dict[str, str] | None = None) -> Reply:
        return self.request("GET", path, headers=headers)

    def join(self, code: str) -> Reply:
        return self.get(f"/join/{code}")

    def csrf(self) -> str:
        page = self.get("/")
        match = re.search(r'data-csrf="([^"]+)"', page.text)
        assert match, page.text[:500]
        return match.group(1)

    def post(
        self,
        path: str,
        fields: Iterable[tuple[str, str]] | dict[str, str],
        *,
        csrf: str | None = None,
        origin: str | None = "",
        headers: dict[str, str] | None = None,
    ) -> Reply:
        items = list(fields.items()) if isinstance(fields, dict) else list(fields)
        if csrf is None:
            csrf = self.csrf()
        if csrf:
            items.append(("csrf", csrf))
        sent = {"Content-Type": "application/x-www-form-urlencoded"}
        if origin is not None:
            sent["Origin"] = origin or self.origin
        sent.update(headers or {})
        return self.request("POST", path, urlencode(items).encode(), sent)

    def events(self, path: str = "/events", last_id: int | None = None) -> Events:
        return Events(self, path, last_id)


class Events:
    """A live stream read from a raw socket: ``until(test)`` collects events."""

    def __init__(self, client: Client, path: str, last_id: int | None) -> None:
        self.sock = socket.create_connection((client.host, client.port), timeout=10)
        lines = [f"GET {path} HTTP/1.1", f"Host: {client.host}:{client.port}"]
        if client.cookie:
            lines.append(f"Cookie: {COOKIE}={client.cookie}")
        if last_id is not None:
            lines.append(f"Last-Event-ID: {last_id}")
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        self.buffer = b""
        self.received: list[dict[str, Any]] = []
        self.closed = False
        head = self._read_until(b"\r\n\r\n")
        self.status = int(head.split(b" ", 2)[1])
        self.head = head.decode()

    def _read_until(self, mark: bytes, deadline: float | None = None) -> bytes:
        while mark not in self.buffer:
            if deadline is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError
                self.sock.settimeout(left)
            chunk = self.sock.recv(65536)
            if not chunk:
                self.closed = True
                raise EOFError
            self.buffer += chunk
        part, self.buffer = self.buffer.split(mark, 1)
        return part

    def until(self, test: Callable[[dict[str, Any]], bool], timeout: float = 5.0) -> dict[str, Any]:
        """The first event (from now on, or already read) that passes ``test``."""
        for event in self.received:
            if test(event):
                return event
        deadline = time.monotonic() + timeout
        while True:
            block = self._read_until(b"\n\n", deadline).decode()
            event: dict[str, Any] = {}
            for line in block.splitlines():
                name, _, value = line.partition(": ")
                if name in ("id", "event", "data"):
                    event[name] = value
            if "event" not in event:
                continue
            event["data"] = json.loads(event.get("data", "null"))
            self.received.append(event)
            if test(event):
                return event

    def collect(self, seconds: float) -> list[dict[str, Any]]:
        """Every event within ``seconds`` (or until the stream ends)."""
        with contextlib.suppress(TimeoutError, EOFError, OSError):
            self.until(lambda e: False, timeout=seconds)
        return self.received

    def text(self) -> str:
        return json.dumps(self.received)

    def close(self) -> None:
        self.sock.close()


def entry_seqs(events: list[dict[str, Any]]) -> set[int]:
    return {int(e["data"]["seq"]) for e in events if e["event"] == "entry"}


def page_seqs(html: str) -> set[int]:
    return {int(n) for n in re.findall(r'<li id="e(\d+)"', html)}


@pytest.fixture(name="room")
def room_fixture(tmp_path: Path) -> Iterator[Room]:
    """A live room on a free loopback port (import ``room_fixture`` to use ``room``)."""
    made = open_room(tmp_path / "room.parley")
    yield made
    made.close()
    made.session.close()
