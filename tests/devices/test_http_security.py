"""Each security point of DESIGN.md's "Team devices", against a real server on a free
loopback port, with the standard library's HTTP client."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest
from device_room import TEAMS, Client, Room, open_room, room_fixture  # noqa: F401

from devices.guard import COOKIE, Limits

MOVE = {"move_type": "statement", "tone": "1", "text": "We are ready to talk."}


def pending(room: Room) -> list[object]:
    return room.call(lambda s: [x for x in s.state.submissions.values() if x.status == "pending"])


def test_the_team_comes_from_the_token_never_from_the_form(room: Room) -> None:
    usa = room.joined("usa")
    reply = usa.post("/submit/move", {**MOVE, "team": "dprk", "device": "v1"})
    assert reply.status == 303 and reply.header("location") == "/"
    (submission,) = pending(room)
    assert submission.team == "usa"  # type: ignore[attr-defined]
    assert submission.payload["text"] == MOVE["text"]  # type: ignore[attr-defined]


def test_a_request_without_a_joined_cookie_sees_nothing(room: Room) -> None:
    stranger = room.client()
    for path in ("/", "/events", "/refresh"):
        reply = stranger.get(path)
        assert reply.status == 403, path
        assert "SECRET" not in reply.text
    stranger.cookie = "not-a-token"
    assert stranger.get("/").status == 403
    assert stranger.post("/submit/move", MOVE, csrf="x").status == 403
    assert pending(room) == []


def test_join_sets_an_httponly_strict_cookie_and_takes_the_code_out_of_the_address(
    room: Room,
) -> None:
    client = room.client()
    reply = client.join(room.codes["usa"])
    assert reply.status == 303
    assert reply.header("location") == "/"
    cookie = reply.header("set-cookie")
    assert cookie.startswith(f"{COOKIE}=")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    token = client.cookie or ""
    assert len(token) >= 40  # secrets.token_urlsafe(32)
    # the save keeps the token hashed, never as it is
    for part in ("", "-wal"):
        saved = Path(str(room.session.path) + part)
        assert not saved.exists() or token.encode() not in saved.read_bytes()
    page = client.get("/")
    assert page.status == 200 and "United States" in page.text
    assert token not in page.text  # the page never carries the token itself


def test_the_code_text_and_digests_never_reach_a_team(room: Room) -> None:
    usa = room.joined("usa")
    digests = room.call(lambda s: [c.digest for c in s.state.codes.values()])
    digests += room.call(lambda s: [d.digest for d in s.state.devices.values()])
    stream = usa.events()
    seen = stream.collect(1.0)
    room.joined("dprk")  # another device joins: a Control-only event
    seen = stream.collect(1.0)
    stream.close()
    texts = [usa.get("/").text, usa.get("/refresh").text, str(seen)]
    for text in texts:
        for code in room.codes.values():
            plain = code.replace("-", "")
            assert code not in text and plain not in text and plain.lower() not in text
        for digest in digests:
            assert digest not in text


def test_a_post_without_the_right_csrf_token_is_refused(room: Room) -> None:
    usa = room.joined("usa")
    assert usa.post("/submit/move", MOVE, csrf="").status == 403
    assert usa.post("/submit/move", MOVE, csrf="0" * 40).status == 403
    dprk = room.joined("dprk")
    assert usa.post("/submit/move", MOVE, csrf=dprk.csrf()).status == 403  # another device's
    assert pending(room) == []
    assert usa.post("/submit/move", MOVE).status == 303
    control = room.joined("control")
    (sid,) = [s.id for s in pending(room)]  # type: ignore[attr-defined]
    assert control.post("/control/accept", {"submission": sid}, csrf="").status == 403
    assert control.post("/control/accept", {"submission": sid}, origin=None).status == 403
    assert len(pending(room)) == 1


def test_a_post_from_another_origin_or_none_is_refused(room: Room) -> None:
    usa = room.joined("usa")
    csrf = usa.csrf()
    for origin in ("http://evil.example", f"http://127.0.0.1:{room.port + 1}", "null", None):
        assert usa.post("/submit/move", MOVE, csrf=csrf, origin=origin).status == 403, origin
    assert pending(room) == []
    assert usa.post("/submit/move", MOVE, csrf=csrf).status == 303


def test_a_request_under_another_host_name_is_refused(room: Room) -> None:
    """DNS rebinding: a page of another name must not read this server."""
    usa = room.joined("usa")
    reply = usa.get("/", headers={"Host": "attacker.example"})
    assert reply.status == 421 and "SECRET" not in reply.text


def test_every_response_carries_the_strict_headers_and_no_inline_script(room: Room) -> None:
    usa = room.joined("usa")
    board = room.client()
    replies = [
        usa.get("/"),
        usa.get("/static/parley.js"),
        usa.get("/static/parley.css"),
        usa.get("/nowhere"),
        board.get(room.server.board_url.split(str(room.port), 1)[1]),
        room.client().get("/"),
        room.client().join("WRONGWRONGWR"),
    ]
    for reply in replies:
        csp = reply.header("content-security-policy")
        assert "default-src 'self'" in csp and "script-src 'self'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp
        assert reply.header("x-content-type-options") == "nosniff"
        assert reply.header("referrer-policy") in ("no-referrer", "same-origin")
        assert "," not in reply.header("cache-control")  # one policy, never two
    for reply in replies:
        if reply.header("content-type").startswith("text/html"):
            assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", reply.text)
            assert not re.search(r"\son[a-z]+\s*=", reply.text)  # no inline handlers
            assert not re.search(r"(?:src|href)=\"(?:https?:)?//", reply.text)  # no outside assets


def _raw(room: Room, data: bytes, timeout: float = 5.0) -> bytes:
    with socket.create_connection(("127.0.0.1", room.port), timeout=timeout) as sock:
        sock.sendall(data)
        got = b""
        while True:
            try:
                chunk = sock.recv(65536)
            except (ConnectionResetError, TimeoutError):
                break
            if not chunk:
                break
            got += chunk
            if b"\r\n\r\n" in got:
                break
        return got


def test_a_request_line_too_long_is_refused(room: Room) -> None:
    host = f"Host: 127.0.0.1:{room.port}\r\n".encode()
    reply = _raw(room, b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\n" + host + b"\r\n")
    assert reply.startswith(b"HTTP/1.1 414")


def test_headers_too_large_are_refused(room: Room) -> None:
    lines = b"".join(b"X-Pad-%d: %s\r\n" % (i, b"x" * 500) for i in range(30))
    host = f"Host: 127.0.0.1:{room.port}\r\n".encode()
    reply = _raw(room, b"GET / HTTP/1.1\r\n" + host + lines + b"\r\n")
    assert reply.startswith(b"HTTP/1.1 431")


def test_a_body_too_large_is_refused(room: Room) -> None:
    usa = room.joined("usa")
    big = {**MOVE, "text": "x" * 40_000}
    assert usa.post("/submit/move", big).status == 413
    assert pending(room) == []


def test_slow_headers_and_a_slow_body_are_cut_off(tmp_path: Path) -> None:
    """Slowloris: a client that sends its request a byte at a time holds no thread for long."""
    room = open_room(tmp_path / "slow.parley", Limits(header_seconds=0.6, body_seconds=0.6))
    try:
        slow_headers = b"GET / HTTP/1.1\r\nHost: x"
        slow_body = b"POST /join HTTP/1.1\r\nContent-Length: 50\r\n"
        for head in (slow_headers, slow_body):
            with socket.create_connection(("127.0.0.1", room.port), timeout=5) as sock:
                sock.sendall(head)
                if head.startswith(b"POST"):
                    host = f"Host: 127.0.0.1:{room.port}\r\nOrigin: http://127.0.0.1:{room.port}"
                    sock.sendall(host.encode() + b"\r\n\r\ncode=")  # and the rest never comes
                closed_by_server = True
                try:
                    while sock.recv(1024):
                        pass
                except ConnectionResetError:
                    pass
                except TimeoutError:  # our own 5 s timeout: the server held the thread
                    closed_by_server = False
                assert closed_by_server, head
    finally:
        room.close()
        room.session.close()


def test_a_device_over_its_rate_gets_429(tmp_path: Path) -> None:
    room = open_room(tmp_path / "rate.parley", Limits(device_burst=5, device_rate=0.01))
    try:
        usa = room.joined("usa")
        statuses = [usa.get("/refresh").status for _ in range(8)]
        assert statuses[:5] == [200] * 5 and 429 in statuses[5:]
        assert room.joined("dprk").get("/refresh").status == 200  # another device is not slowed
    finally:
        room.close()
        room.session.close()


def test_an_address_over_its_rate_gets_429(tmp_path: Path) -> None:
    room = open_room(tmp_path / "rate.parley", Limits(address_burst=6, address_rate=0.01))
    try:
        client = room.client()
        statuses = [client.get("/static/parley.css").status for _ in range(9)]
        assert statuses[:6] == [200] * 6 and statuses[-1] == 429
    finally:
        room.close()
        room.session.close()


def test_a_wrong_code_is_404_and_repeated_wrong_codes_429(room: Room) -> None:
    client = room.client()
    first = client.join("ZZZZ-ZZZZ-ZZZZ")
    assert first.status == 404 and client.cookie is None
    statuses = [client.join(f"ZZZZZZZZZZZ{n}").status for n in range(8)]
    assert 429 in statuses and set(statuses) <= {404, 429}
    assert client.join(room.codes["usa"]).status == 429  # even a right code, for a while


def test_a_revoked_code_is_403(room: Room) -> None:
    room.call(lambda s: s.revoke_code(code=room.code_ids["rok"]))
    client = room.client()
    reply = client.join(room.codes["rok"])
    assert reply.status == 403 and "revoked" in reply.text and client.cookie is None


def test_a_locked_lobby_lets_no_device_join_but_keeps_the_joined(room: Room) -> None:
    usa = room.joined("usa")
    room.call(lambda s: s.lock_lobby(locked=True))
    late = room.client()
    reply = late.join(room.codes["dprk"])
    assert reply.status == 403 and "locked" in reply.text and late.cookie is None
    assert usa.get("/").status == 200
    room.call(lambda s: s.lock_lobby(locked=False))
    assert late.join(room.codes["dprk"]).status == 303


def test_a_revoked_device_is_refused_and_its_stream_closed(room: Room) -> None:
    usa = room.joined("usa")
    stream = usa.events()
    stream.until(lambda e: e["event"] == "clock")
    device = room.call(lambda s: s.device_of(usa.cookie).id)
    room.call(lambda s: s.revoke_device(device=device))
    ended = stream.until(lambda e: e["event"] == "ended")
    assert "removed" in ended["data"]["reason"]
    with pytest.raises((EOFError, OSError)):
        stream.until(lambda e: False, timeout=3)
    assert usa.get("/").status == 403
    assert usa.post("/submit/move", MOVE, csrf="x").status == 403
