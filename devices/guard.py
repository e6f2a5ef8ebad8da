"""The server's defences, apart from the routes: limits, rate buckets, cookies, CSRF,
origins and the headers every response carries.

* sizes: a request line, the headers and a form body each have a byte limit
  (``Limits``); past it the request is refused (414, 431, 413);
* time: the headers and the body must arrive within their time limits, or the
  ``Watchdog`` shuts the connection (a slow client cannot hold a thread: slowloris);
* rates: a token bucket per device and one per address (429), and a stricter one for
  wrong join codes per address;
* the device token lives in an HttpOnly, SameSite=Strict cookie; a form's CSRF token is
  an HMAC of that token (so it survives a restart of the server, and only the device's
  own pages can know it); a POST must come from the server's own origin.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import socket
import threading
import time
from dataclasses import dataclass
from http.cookies import CookieError, SimpleCookie

COOKIE = "parley_device"
COOKIE_DAYS = 7

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "object-src 'none'"
)
# same-origin, not no-referrer: under no-referrer a browser sends "Origin: null" with
# its own same-origin form posts (the Fetch standard), and the Origin check could no
# longer tell them from a sandboxed attacker's. Neither sends a referrer elsewhere.
HEADERS = (
    ("Content-Security-Policy", CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("X-Frame-Options", "DENY"),
    ("Cache-Control", "no-store"),
)


@dataclass(frozen=True)
class Limits:
    """What one request may take, and how often; the defaults suit a classroom."""

    request_line: int = 2048  # bytes
    headers: int = 8192  # bytes, all header lines together
    body: int = 16384  # bytes of a form
    header_seconds: float = 10.0  # from the connection (or the previous request) to the blank line
    body_seconds: float = 10.0
    device_burst: float = 30.0  # requests a device may make at once
    device_rate: float = 5.0  # ... and per second after that
    address_burst: float = 120.0  # all requests from one address
    address_rate: float = 30.0
    wrong_code_burst: float = 5.0  # wrong join codes from one address
    wrong_code_rate: float = 0.1  # one more every 10 s
    streams_per_device: int = 4


class Buckets:
    """Token buckets by key: ``take(key)`` is False when the key is over its rate."""

    def __init__(self, burst: float, rate: float, size: int = 10_000) -> None:
        self.burst, self.rate, self.size = burst, rate, size
        self._lock = threading.Lock()
        self._level: dict[str, tuple[float, float]] = {}  # key -> (tokens, when)

    def take(self, key: str, cost: float = 1.0) -> bool:
        now = time.monotonic()
        with self._lock:
            tokens, when = self._level.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - when) * self.rate)
            ok = tokens >= cost
            self._level[key] = (tokens - cost if ok else tokens, now)
            if len(self._level) > self.size:  # forget the fullest (idle) keys
                for stale in [k for k, (t, _) in self._level.items() if t >= self.burst]:
                    del self._level[stale]
            return ok

    def peek(self, key: str, cost: float = 1.0) -> bool:
        """Whether ``take`` would succeed, taking nothing."""
        now = time.monotonic()
        with self._lock:
            tokens, when = self._level.get(key, (self.burst, now))
            return min(self.burst, tokens + (now - when) * self.rate) >= cost


class Watchdog:
    """Shuts connections whose headers or body do not arrive in time (one thread)."""

    def __init__(self, tick: float = 0.25) -> None:
        self.tick = tick
        self._lock = threading.Lock()
        self._deadlines: dict[socket.socket, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="devices-watchdog", daemon=True)
        self._thread.start()

    def arm(self, conn: socket.socket, seconds: float) -> None:
        with self._lock:
            self._deadlines[conn] = time.monotonic() + seconds

    def disarm(self, conn: socket.socket) -> None:
        with self._lock:
            self._deadlines.pop(conn, None)

    def stop(self) -> None:
        self._stop.set()

    def shut_all(self) -> None:
        """Shut every connection still waiting on a request (the server is closing)."""
        with self._lock:
            waiting, self._deadlines = list(self._deadlines), {}
        for conn in waiting:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)

    def _watch(self) -> None:
        while not self._stop.wait(self.tick):
            now = time.monotonic()
            with self._lock:
                late = [c for c, when in self._deadlines.items() if when <= now]
                for conn in late:
                    del self._deadlines[conn]
            for conn in late:
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)


def token_from(cookie_header: str | None) -> str | None:
    """The device token of a ``Cookie`` header, if any."""
    if not cookie_header:
        return None
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(cookie_header)
    except CookieError:
        return None
    morsel = jar.get(COOKIE)
    return morsel.value if morsel is not None and morsel.value else None


def set_cookie(token: str) -> str:
    return f"{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={COOKIE_DAYS * 86400}"


def clear_cookie() -> str:
    return f"{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"


def csrf_token(token: str) -> str:
    """The CSRF token of the device holding ``token``: only its own pages carry it."""
    return hmac.new(token.encode(), b"parley csrf", hashlib.sha256).hexdigest()[:40]


def csrf_ok(token: str, sent: str) -> bool:
    return hmac.compare_digest(csrf_token(token), sent)


def token_key(token: str) -> str:
    """The key a token is known by in memory (never the token itself)."""
    return hashlib.sha256(token.encode()).hexdigest()


def origin_ok(origin: str | None, hosts: frozenset[str]) -> bool:
    """A POST's ``Origin`` names this server (one of the ``host:port`` it answers to)."""
    if not origin or not origin.startswith("http://"):
        return False
    return origin.removeprefix("http://").rstrip("/") in hosts
