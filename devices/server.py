"""The device server: a threaded HTTP server on one address, and its bond to the owner.

``DeviceServer(owner, scenario, host=..., port=...)``; ``start()`` listens and returns
the address; ``publish(env)`` (on the owner thread, after each committed event) renders
what each connected viewer may see of it and hands it to the streams; ``set_clock`` tells
the pages the timer; ``stop(reason)`` tells every page the session ended and closes.

The standard library's threaded server: one thread per connection (a live stream holds
one), Nagle off so that a small response goes out at once. Requests reach the session
only through ``owner.call``; nothing here touches it on another thread. The defences are
in ``guard.py`` and ``handler.py``; the routes in ``routes.py``.
"""

from __future__ import annotations

import errno
import json
import secrets
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from typing import TYPE_CHECKING, TypeVar

from devices import guard, panels, views
from devices.clock import Clock
from devices.feeds import Feeds
from devices.forms import Fields
from devices.guard import Buckets, Limits, Watchdog
from devices.handler import Handler
from devices.owner import Owner
from devices.streams import Hub, sse
from engine.domain.events import CONTROL, Envelope
from engine.domain.visibility import PUBLIC, may_see
from engine.errors import ParleyError

if TYPE_CHECKING:
    from engine.scenario.model import Scenario
    from engine.session.live import Session

T = TypeVar("T")
KEEPALIVE = 15.0  # seconds between comments on an idle stream (a dead peer shows up)
PEER_CHECK = 1.0  # seconds between looks at whether the page hung up
ENDED = "The session has ended."
REMOVED = "Control removed this device from the session."


class DeviceServerError(ParleyError):
    """The server cannot listen (a port in use, an address not on this machine, ...)."""


@dataclass(frozen=True)
class Known:
    """A joined device as a request knows it (from its token; never the token itself)."""

    device: str
    role: str
    team: str | None
    csrf: str

    @property
    def viewer(self) -> str:
        return views.viewer_of(self.role, self.team)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 128


class DeviceServer:
    def __init__(
        self,
        owner: Owner,
        scenario: Scenario,
        *,
        host: str,
        port: int,
        limits: Limits | None = None,
        board_key: str | None = None,
        call_timeout: float = 5.0,
    ) -> None:
        self.owner, self.scenario = owner, scenario
        self.host, self.port = host, port
        self.limits = limits or Limits()
        self.board_key = board_key or secrets.token_urlsafe(18)
        self.call_timeout = call_timeout
        self.clock = Clock()
        self.hub = Hub()
        self.device_buckets = Buckets(self.limits.device_burst, self.limits.device_rate)
        self.address_buckets = Buckets(self.limits.address_burst, self.limits.address_rate)
        self.wrong_codes = Buckets(self.limits.wrong_code_burst, self.limits.wrong_code_rate)
        self.hosts: frozenset[str] = frozenset()
        self.ended: str | None = None
        self.watchdog: Watchdog  # made by start()
        self._httpd: _HTTPServer | None = None
        self._session: Session | None = None  # touched on the owner thread only
        self._known: dict[str, Known] = {}  # token_key -> device; guarded by _lock
        self._lock = threading.Lock()
        # (viewer, panel) -> the html its streams hold; owner thread only
        self.sent_panels: dict[tuple[str, str], str] = {}
        self.feeds = Feeds()  # touched on the owner thread only

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> tuple[str, int]:
        """Listen on ``host:port`` (0: a free port); the address, or DeviceServerError."""
        handler = type("BoundHandler", (Handler,), {"app": self})
        try:
            self._httpd = _HTTPServer((self.host, self.port), handler)
        except OSError as error:
            raise DeviceServerError(self._bind_error(error)) from None
        self.port = self._httpd.server_address[1]
        self.hosts = self._names()
        self.watchdog = Watchdog()
        self._session = self.owner.call(lambda s: s, self.call_timeout)
        thread = threading.Thread(target=self._httpd.serve_forever, name="devices-http")
        thread.daemon = True
        thread.start()
        return self.host, self.port

    def _bind_error(self, error: OSError) -> str:
        where = f"{self.host}:{self.port}"
        if error.errno == errno.EADDRINUSE:
            return (
                f"port {self.port} on {self.host} is in use by another program: pick another "
                "port, or 0 for a free one"
            )
        if error.errno == errno.EADDRNOTAVAIL or isinstance(error, socket.gaierror):
            from devices.addresses import interfaces

            known = ", ".join(address for _, address in interfaces())
            return f"{self.host} is not an address of this machine (its addresses: {known})"
        if error.errno == errno.EACCES:
            return f"cannot listen on {where}: a port below 1024 needs the administrator"
        return f"cannot listen on {where}: {error.strerror or error}"

    def _names(self) -> frozenset[str]:
        """The ``host:port`` names a request may come under (the Host header)."""
        names = {f"{self.host}:{self.port}"}
        if self.host in ("127.0.0.1", "localhost", "::1"):
            names |= {f"127.0.0.1:{self.port}", f"localhost:{self.port}"}
        if self.host in ("0.0.0.0", ""):
            from devices.addresses import interfaces

            names |= {f"{address}:{self.port}" for _, address in interfaces()}
            names.add(f"localhost:{self.port}")
        return frozenset(names)

    def stop(self, reason: str = ENDED) -> None:
        """Tell every page the session ended, close the streams, stop listening."""
        if self.ended is not None or self._httpd is None:
            return
        self.ended = reason
        self.hub.close(sse("ended", {"reason": reason}))
        deadline = time.monotonic() + 1.0
        while self.hub.count() and time.monotonic() < deadline:
            time.sleep(0.02)
        self._httpd.shutdown()
        self._httpd.server_close()
        self.watchdog.shut_all()
        self.watchdog.stop()

    def online(self) -> set[str]:
        """The devices with a page open now (a live stream): for the devices list."""
        return self.hub.devices()

    @property
    def address(self) -> tuple[str, int]:
        return self.host, self.port

    def _base(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def join_url(self, code_text: str) -> str:
        """The link a team opens (or scans) to join: the code without its dashes."""
        code = "".join(ch for ch in code_text if ch.isalnum()).upper()
        return f"{self._base()}/join/{code}"

    @property
    def board_url(self) -> str:
        return f"{self._base()}/board/{self.board_key}"

    # ------------------------------------------------------------------ the owner

    def call(self, fn: Callable[[Session], T]) -> T:
        return self.owner.call(fn, self.call_timeout)

    def known(self, token: str) -> Known | None:
        """The active device holding ``token``, from memory or from the session."""
        key = guard.token_key(token)
        with self._lock:
            found = self._known.get(key)
        if found is not None:
            return found

        def look(session: Session) -> Known | None:  # on the owner thread, like publish
            device = session.device_of(token)
            if device is None:
                return None
            known = Known(device.id, device.role, device.team, guard.csrf_token(token))
            with self._lock:
                self._known[key] = known
            return known

        return self.call(look)

    def page(self, session: Session, known: Known, error: str = "") -> str:
        if known.role == "control":
            from devices.control_page import control_page

            items = self.feeds.get(session, known.viewer)
            return control_page(session, known.csrf, self.clock, items, error=error)
        from devices.pages import team_page

        items = self.feeds.get(session, known.viewer)
        return team_page(session, str(known.team), known.csrf, self.clock, items, error=error)

    def board_page(self, session: Session) -> str:
        from devices.pages import board_page

        return board_page(session, f"/board/{self.board_key}/events", self.clock)

    def refresh(self, session: Session, viewer: str) -> str:
        """The feed and panels of ``viewer`` again, as JSON (after an undo)."""
        from devices.pages import feed_html

        feed = "" if viewer == PUBLIC else feed_html(self.feeds.get(session, viewer))
        return json.dumps({"feed": feed, "panels": panels.render(session, viewer)})

    def control(self, session: Session, device: str, action: str, fields: Fields) -> None:
        from devices.control_actions import act

        act(session, device, action, fields)

    # ------------------------------------------------------------------ streams

    def stream(self, h: Handler, viewer: str, device: str | None) -> None:
        """Serve one live stream on this request's thread until it ends."""
        from devices.live import serve

        serve(self, h, viewer, device)

    # ------------------------------------------------------------------ the owner thread

    def publish(self, env: Envelope) -> None:
        """After each committed event, on the owner thread: each connected viewer's share."""
        session = self._session
        if session is None or self.ended is not None:
            return
        event = env.event
        kind = type(event).__name__
        if kind == "DeviceRevoked":
            self._forget(getattr(event, "device", ""))
        undo = kind == "EventVoided"
        if undo:
            with self._lock:
                self._known.clear()  # an undone join or revoke: ask the session again
        names = panels.touched(set(getattr(event, "flags", ())), everything=undo)
        connected = self.hub.viewers()
        entries = self.feeds.add(session, env, connected - {PUBLIC})
        for viewer in connected:
            out = []
            if undo:
                if self._saw(session, getattr(event, "target", 0), viewer):
                    out.append(sse("stale", {}, env.seq))
            elif viewer in entries:
                out.append(sse("entry", {"seq": env.seq, "html": entries[viewer]}, env.seq))
            for name, make in panels.makers(viewer).items():
                if name in names:
                    html = make(session)
                    if self.sent_panels.get((viewer, name)) != html:
                        self.sent_panels[viewer, name] = html
                        out.append(sse("panel", {"id": name, "html": html}, env.seq))
            if out:
                self.hub.send(viewer, b"".join(out))

    def _saw(self, session: Session, target: int, viewer: str) -> bool:
        """Whether ``viewer`` could see the event an undo voided (or a redo restored)."""
        if viewer == CONTROL:
            return True
        try:
            voided = session.envelope(target)
        except ParleyError:
            return False
        audience = voided.event.audience(voided.seq, session.state, session.scenario)
        return may_see(viewer, audience.visibility, audience.parties)

    def _forget(self, device: str) -> None:
        with self._lock:
            for key in [k for k, known in self._known.items() if known.device == device]:
                del self._known[key]
        self.hub.close(sse("ended", {"reason": REMOVED}), device=device)

    def set_clock(
        self, phase: str, ends_at: float | None, remaining: float | None, running: bool
    ) -> None:
        self.clock.set(phase, ends_at, remaining, running)
        self.hub.send_all(sse("clock", self.clock.data()))
