"""One live stream (Server-Sent Events), served on its request's thread.

It opens on the owner thread, in one step with ``publish``: the entries the viewer has
not seen (after ``Last-Event-ID`` or ``?after=``), its panels as they are, and its place
among the streams, so that no event falls between. Then it writes what ``publish`` queues
for it, a comment when it has been quiet for a while, and ends when the page hangs up,
the device is revoked, or the room closes.
"""

from __future__ import annotations

import queue
import select
import socket
from typing import TYPE_CHECKING, Any

from devices import guard, panels
from devices.streams import sse
from engine.domain.visibility import PUBLIC

if TYPE_CHECKING:
    from devices.handler import Handler
    from devices.server import DeviceServer
    from engine.session.live import Session

KEEPALIVE = 15.0  # seconds between comments on an idle stream (a dead peer shows up)
PEER_CHECK = 1.0  # seconds between looks at whether the page hung up


def serve(app: DeviceServer, h: Handler, viewer: str, device: str | None) -> None:
    if device is not None and app.hub.of_device(device) >= app.limits.streams_per_device:
        h.refuse(429, "Too many streams", "This device has too many pages open.")
        return
    after = _after(h.headers.get("Last-Event-ID"), h.query().get("after", [""])[0])

    def open_stream(session: Session) -> tuple[list[tuple[int, str]], dict[str, str], Any]:
        items = [] if viewer == PUBLIC else app.feeds.get(session, viewer, after)
        shown = panels.render(session, viewer)
        for name, html in shown.items():  # what this viewer's streams now hold
            app.sent_panels[viewer, name] = html
        return items, shown, app.hub.add(viewer, device)  # atomic with publish

    items, shown, stream = app.call(open_stream)
    try:
        h.send_response(200)
        for name, value in guard.HEADERS:
            h.send_header(name, value)
        h.send_header("Content-Type", "text/event-stream; charset=utf-8")
        h.send_header("Connection", "close")
        h.end_headers()
        h.close_connection = True
        last = max([after, *(seq for seq, _ in items)])
        start = [b"retry: 2000\n\n"]
        start += [sse("entry", {"seq": seq, "html": html}, seq) for seq, html in items]
        start += [sse("panel", {"id": k, "html": v}, last or None) for k, v in shown.items()]
        start.append(sse("clock", app.clock.data()))
        h.wfile.write(b"".join(start))
        h.wfile.flush()
        stream.attach(h.connection.fileno())
        quiet = 0.0
        while not (stream.closed and stream.queue.empty()):
            try:
                message = stream.queue.get(timeout=PEER_CHECK)
            except queue.Empty:
                quiet += PEER_CHECK
                if _hung_up(h.connection):
                    break
                if quiet >= KEEPALIVE:
                    quiet = 0.0
                    stream.keepalive()
                continue
            if message is None:
                break
            h.wfile.write(message)  # queued: written here, in order, then straight again
            h.wfile.flush()
            stream.caught_up()
    except OSError:
        pass
    finally:
        stream.detach()
        app.hub.remove(stream)


def _hung_up(conn: socket.socket) -> bool:
    """Whether the page closed its end of a stream (it sends nothing after its request)."""
    try:
        readable, _, _ = select.select([conn], [], [], 0)
        return bool(readable) and conn.recv(1, socket.MSG_PEEK) == b""
    except (OSError, ValueError):
        return True


def _after(header: str | None, query: str) -> int:
    for value in (header, query):
        if value and value.strip().isdigit():
            return int(value.strip())
    return 0
