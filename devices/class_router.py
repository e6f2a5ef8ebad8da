"""One device server for a class of groups: one address, every group's session behind it.

A class runs one session per group in one process (``engine.session.class_run``). The
``ClassRouter`` listens once; each group has its own ``GroupServer``, a ``DeviceServer``
that does not listen itself but answers the router's requests for that group, with its
own owner, streams, feeds and known devices. So a group's pages and streams are built
from that group's session alone, exactly as for a single session.

A request reaches a group only by what it carries, never by a form field or a path
the device could pick:

- a join code (``/join/<code>``, ``POST /join``): the group whose save holds a code of
  that text (matched against its stored salted hashes, read from its owner and worked on
  the request's thread; a code issued or matched before is remembered by its SHA-256,
  never its text);
- a device's token cookie (the page, its stream, refresh, submissions, Control's
  actions): the group whose save holds an active device with that token's digest;
- a board key (``/board/<key>``): each group's board has its own secret key.

Anything else (no code or token any group knows) is answered as a single server
answers a stranger: 404 for an unknown code (counted against the address, 429 when
repeated), 403 for a browser not joined. The address's rate, the wrong-code counter, the
size and time limits and the watchdog are the class's, shared by every group (an
address is one machine, whichever group it asks); a device's own rate is its group's.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from devices import guard, routes
from devices.feeds import Feeds
from devices.forms import FormError, read_fields
from devices.guard import Buckets, Limits, Watchdog
from devices.handler import Handler
from devices.owner import Owner, OwnerGone
from devices.server import ENDED, DeviceServer, DeviceServerError, _HTTPServer
from devices.streams import sse
from engine.domain.device_codes import code_matches, normalized, token_digest

if TYPE_CHECKING:
    from engine.domain.events import Envelope
    from engine.scenario.model import Scenario
    from engine.session.live import Session

TOKEN_PATHS = ("/", "/events", "/refresh")


class GroupServer(DeviceServer):
    """A group's device server behind the class's router: it never listens itself."""

    def attach(self, router: ClassRouter) -> None:
        """Answer under the router's address, with the class's shared limits."""
        self.host, self.port = router.host, router.port
        self.hosts = router.hosts
        self.watchdog = router.watchdog
        self.address_buckets = router.address_buckets
        self.wrong_codes = router.wrong_codes
        self._session = self.owner.call(lambda s: s, self.call_timeout)

    def start(self) -> tuple[str, int]:
        raise DeviceServerError("a group's server answers through its class's router")

    def rebind(self) -> None:
        """The group's save was opened again (its facilitator window closed it): hold the
        owner's new session, and build the feeds and the known devices from it anew."""
        self._session = self.owner.call(lambda s: s, self.call_timeout)
        self.feeds = Feeds()
        self.sent_panels.clear()
        with self._lock:
            self._known.clear()

    def stop(self, reason: str = ENDED) -> None:
        """Tell this group's pages ``reason`` and close their streams (the router stops
        listening)."""
        if self.ended is not None:
            return
        self.ended = reason
        self.hub.close(sse("ended", {"reason": reason}))


class ClassRouter:
    """Every group of a class on one ``host:port``; ``owners`` by group name."""

    def __init__(
        self,
        owners: Mapping[str, Owner],
        scenario: Scenario,
        *,
        host: str,
        port: int,
        limits: Limits | None = None,
        board_keys: Mapping[str, str] | None = None,
        call_timeout: float = 5.0,
    ) -> None:
        if not owners:
            raise DeviceServerError("a class router serves at least one group")
        self.host, self.port = host, port
        self.limits = limits or Limits()
        self.address_buckets = Buckets(self.limits.address_burst, self.limits.address_rate)
        self.wrong_codes = Buckets(self.limits.wrong_code_burst, self.limits.wrong_code_rate)
        self.hosts: frozenset[str] = frozenset()
        self.watchdog: Watchdog  # made by start()
        keys = board_keys or {}
        self.groups: dict[str, GroupServer] = {
            name: GroupServer(
                owner,
                scenario,
                host=host,
                port=port,
                limits=self.limits,
                board_key=keys.get(name),
                call_timeout=call_timeout,
            )
            for name, owner in owners.items()
        }
        self.ended: str | None = None
        self._httpd: _HTTPServer | None = None
        self._lock = threading.Lock()
        self._codes: dict[str, str] = {}  # sha256 of a normalized code -> group
        self._tokens: dict[str, str] = {}  # token key -> group

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> tuple[str, int]:
        """Listen on ``host:port`` (0: a free port); the address, or DeviceServerError."""
        first = next(iter(self.groups.values()))
        handler = type("ClassHandler", (_ClassHandler,), {"app": first, "router": self})
        try:
            self._httpd = _HTTPServer((self.host, self.port), handler)
        except OSError as error:
            raise DeviceServerError(first._bind_error(error)) from None
        self.port = self._httpd.server_address[1]
        first.port = self.port
        self.hosts = first._names()
        self.watchdog = Watchdog()
        try:
            for group in self.groups.values():
                group.attach(self)
        except BaseException:
            self._close_socket()
            raise
        thread = threading.Thread(target=self._httpd.serve_forever, name="class-devices-http")
        thread.daemon = True
        thread.start()
        return self.host, self.port

    def stop(self, reason: str = ENDED) -> None:
        """Tell every group's pages ``reason``, close the streams, stop listening."""
        if self.ended is not None or self._httpd is None:
            return
        self.ended = reason
        for group in self.groups.values():
            group.stop(reason)
        import time

        deadline = time.monotonic() + 1.0
        while any(g.hub.count() for g in self.groups.values()) and time.monotonic() < deadline:
            time.sleep(0.02)
        self._close_socket()
        self.watchdog.shut_all()
        self.watchdog.stop()

    def _close_socket(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()

    @property
    def address(self) -> tuple[str, int]:
        return self.host, self.port

    def join_url(self, code_text: str) -> str:
        return next(iter(self.groups.values())).join_url(code_text)

    def board_url(self, group: str) -> str:
        return self.groups[group].board_url

    # ------------------------------------------------------------------ the owner thread

    def publish(self, group: str, env: Envelope) -> None:
        """After each event committed in ``group`` (on its owner thread)."""
        self.groups[group].publish(env)

    def set_clock(
        self, group: str, phase: str, ends_at: float | None, remaining: float | None,
        running: bool,
    ) -> None:  # fmt: skip
        self.groups[group].set_clock(phase, ends_at, remaining, running)

    def remember_code(self, group: str, code_text: str) -> None:
        """A code just issued in ``group``: its joins need no search of the groups."""
        typed = normalized(code_text)
        if typed is not None:
            with self._lock:
                self._codes[token_digest(typed)] = group

    # ------------------------------------------------------------------ finding the group

    def group_of_code(self, code_text: str) -> GroupServer | None:
        """The group whose save holds this code (active or revoked), or None."""
        typed = normalized(code_text)
        if typed is None:
            return None
        key = token_digest(typed)
        with self._lock:
            found = self._codes.get(key)
        if found is not None:
            return self.groups[found]

        def digests(session: Session) -> list[str]:
            return [c.digest for c in session.state.codes.values()]

        for name, group in self.groups.items():
            # the hashes are worked on this request's thread, not the owner's (the window)
            if any(code_matches(typed, digest) for digest in group.call(digests)):
                with self._lock:
                    self._codes[key] = name
                return group
        return None

    def group_of_token(self, token: str) -> GroupServer | None:
        """The group that holds an active device with this token, or None."""
        key = guard.token_key(token)
        with self._lock:
            found = self._tokens.get(key)
        if found is not None:
            return self.groups[found]
        for name, group in self.groups.items():
            if group.known(token) is not None:
                with self._lock:
                    self._tokens[key] = name
                return group
        return None

    def group_of_board(self, rest: str) -> GroupServer | None:
        import hmac

        key = rest.partition("/")[0].encode()
        for group in self.groups.values():
            if hmac.compare_digest(key, group.board_key.encode()):
                return group
        return None


class _ClassHandler(Handler):
    """A connection to the class's router: its checks, then the group's routes."""

    router: ClassRouter

    def route(self) -> None:
        router = self.router
        if self.headers.get("Host", "") not in router.hosts:
            self.refuse(421, "Wrong address", "This server answers under another address.")
            return
        if not router.address_buckets.take(self.address):
            self.refuse(429, "Too many requests", "Too many requests: wait a moment.",
                        headers=(("Retry-After", "5"),))  # fmt: skip
            return
        path = urlsplit(self.path).path
        first = next(iter(router.groups.values()))
        self.app = first  # what no group claims is answered as a stranger is
        try:
            if router.ended is None and path == "/join" and self.command == "POST":
                self._typed_join()
                return
            if router.ended is None and path.startswith("/join/") and self.command == "GET":
                group = self._join_group(path.removeprefix("/join/"))
                if group is None:
                    return
                self.app = group
            elif router.ended is None:
                self.app = self._group(path) or first
        except OwnerGone:
            routes.gone(self)
            return
        if self.command == "GET":
            routes.get(self, path)
        elif self.command == "POST":
            routes.post(self, path)
        else:
            self.refuse(405, "Not allowed", f"{self.command} is not served here.",
                        headers=(("Allow", "GET, POST"),))  # fmt: skip

    def _group(self, path: str) -> GroupServer | None:
        router = self.router
        if self.command == "GET" and path.startswith("/board/"):
            return router.group_of_board(path.removeprefix("/board/"))
        mine = path in TOKEN_PATHS or path.startswith(("/submit/", "/control/"))
        token = guard.token_from(self.headers.get("Cookie")) if mine else None
        return router.group_of_token(token) if token else None

    def _join_group(self, code: str) -> GroupServer | None:
        """The group that answers a join with ``code``; None when answered here: no group
        knows the code (404, counted against the address as a wrong code)."""
        router = self.router
        if not router.wrong_codes.peek(self.address):
            return self.app  # type: ignore[return-value]  # its route answers 429 at once
        found = router.group_of_code(code)
        if found is None:
            router.wrong_codes.take(self.address)
            self.refuse(404, "Unknown code", "This join code is not known. Check it with Control.")
        return found

    def _typed_join(self) -> None:
        """``POST /join``: the code typed into the join form, sent to its group."""
        router = self.router
        if not guard.origin_ok(self.headers.get("Origin"), router.hosts):
            self.refuse(403, "Refused", "This form did not come from this server's own page.")
            return
        body = self.read_body()
        if body is None:
            return
        try:
            code = read_fields(body).get("code", [""])[0]
        except FormError as error:
            self.refuse(400, "Unreadable form", str(error))
            return
        group = self._join_group(code)
        if group is not None:
            self.app = group
            routes.join(self, code)
