"""One HTTP connection of the device server: limits first, then the routes.

Each request is checked in this order, and refused at the first failure: the request
line's length (414), the headers' size (431) and arrival time (the watchdog shuts a
slow connection), the Host header (421: a page served under another name, DNS
rebinding), the address's rate (429); then the route, which finds the device from its
cookie (never from a form), checks its rate (429), and for a POST the Origin (403), the
body's length (411, 413), its arrival time, and the CSRF token (403).
"""

from __future__ import annotations

import contextlib
import socket
import sys
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from devices import guard

if TYPE_CHECKING:
    from devices.server import DeviceServer


class _TooBig(Exception):
    pass


class _Capped:
    """A reader that refuses to give more than ``left`` bytes of header lines."""

    def __init__(self, inner: Any, left: int) -> None:
        self.inner, self.left = inner, left

    def readline(self, size: int = -1) -> bytes:
        line: bytes = self.inner.readline(size)
        self.left -= len(line)
        if self.left < 0:
            raise _TooBig
        return line

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "Parley"
    sys_version = ""
    timeout = 30  # seconds a read or a write may block (the watchdog bounds the total)
    app: DeviceServer  # set on the subclass the server makes

    def version_string(self) -> str:
        return self.server_version

    # ------------------------------------------------------------------ the connection

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.app.watchdog.arm(self.connection, self.app.limits.header_seconds)

    def finish(self) -> None:
        self.app.watchdog.disarm(self.connection)
        with contextlib.suppress(OSError):
            super().finish()

    def handle_one_request(self) -> None:
        limits = self.app.limits
        try:
            self.raw_requestline = self.rfile.readline(limits.request_line + 1)
            if not self.raw_requestline:
                self.close_connection = True
                return
            if len(self.raw_requestline) > limits.request_line:
                self.requestline, self.request_version, self.command = "", "HTTP/1.1", ""
                self.refuse(414, "Request line too long", "The address is too long.")
                self.close_connection = True
                return
            inner = self.rfile
            self.rfile = _Capped(inner, limits.headers)  # type: ignore[assignment]
            try:
                parsed = self.parse_request()
            except _TooBig:
                self.refuse(431, "Headers too large", "The request's headers are too large.")
                self.close_connection = True
                return
            finally:
                self.rfile = inner
            if not parsed:
                return
            self.app.watchdog.disarm(self.connection)
            try:
                self.route()
            except (TimeoutError, ConnectionError):
                raise
            except Exception as error:  # a bug: the page says so, the server goes on
                print(f"parley devices: {self.command} {self.path[:80]}: "
                      f"{type(error).__name__}: {error}", file=sys.stderr)  # fmt: skip
                self.close_connection = True
                self.refuse(500, "Something went wrong", "The server could not answer this.")
            self.wfile.flush()
            self.app.watchdog.arm(self.connection, limits.header_seconds)  # the next request
        except (TimeoutError, ConnectionError, OSError):
            self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:
        pass  # a classroom's requests are nobody's business; errors reach the page

    # ------------------------------------------------------------------ responses

    def respond(
        self,
        status: int,
        body: bytes | str,
        *,
        kind: str = "text/html; charset=utf-8",
        headers: tuple[tuple[str, str], ...] = (),
    ) -> None:
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        given = {name for name, _ in headers}
        for name, value in (*(h for h in guard.HEADERS if h[0] not in given), *headers):
            self.send_header(name, value)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def refuse(
        self, status: int, title: str, text: str, headers: tuple[tuple[str, str], ...] = ()
    ) -> None:
        from devices.pages import refusal

        self.respond(status, refusal(title, text), headers=headers)

    def redirect(self, where: str, headers: tuple[tuple[str, str], ...] = ()) -> None:
        self.respond(303, "", headers=(("Location", where), *headers))

    # ------------------------------------------------------------------ requests

    @property
    def address(self) -> str:
        return str(self.client_address[0])

    def query(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.path).query, max_num_fields=20)

    def read_body(self) -> bytes | None:
        """The POST body, within the size and time limits; None when refused (answered)."""
        limits = self.app.limits
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self.refuse(411, "Length required", "The form came without its length.")
            self.close_connection = True
            return None
        if int(length) > limits.body:
            self.refuse(413, "Form too large", f"A form may hold {limits.body} bytes at most.")
            self.close_connection = True
            return None
        self.app.watchdog.arm(self.connection, limits.body_seconds)
        body = self.rfile.read(int(length))
        self.app.watchdog.disarm(self.connection)
        if len(body) < int(length):
            self.close_connection = True
            return None
        return body

    def route(self) -> None:
        from devices import routes

        if self.headers.get("Host", "") not in self.app.hosts:
            self.refuse(421, "Wrong address", "This server answers under another address.")
            return
        if not self.app.address_buckets.take(self.address):
            self.refuse(429, "Too many requests", "Too many requests: wait a moment.",
                        headers=(("Retry-After", "5"),))  # fmt: skip
            return
        path = urlsplit(self.path).path
        if self.command == "GET":
            routes.get(self, path)
        elif self.command == "POST":
            routes.post(self, path)
        else:
            self.refuse(405, "Not allowed", f"{self.command} is not served here.",
                        headers=(("Allow", "GET, POST"),))  # fmt: skip
