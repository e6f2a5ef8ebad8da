"""Live streams (Server-Sent Events): one queue per connected page, grouped by viewer.

The owner thread renders each message once per viewer (``DeviceServer.publish``) and
puts the same bytes in the queue of every stream of that viewer; each stream's own
thread writes them out. A stream that falls too far behind (a stalled phone) is closed:
it reconnects with the last event id it got and catches up from there.
"""

from __future__ import annotations

import json
import os
import queue
import threading

BACKLOG = 2000  # messages a stream may have waiting before it is dropped


def sse(event: str, data: object, seq: int | None = None) -> bytes:
    """One Server-Sent Event: its id (the log's seq), its name and JSON data."""
    head = f"id: {seq}\n" if seq is not None else ""
    return f"{head}event: {event}\ndata: {json.dumps(data)}\n\n".encode()


class Stream:
    """One page's stream. Once its opening is written (``attach``), a message is written
    straight to its socket by whoever publishes it, without waiting (the socket is
    non-blocking underneath): one thread reaches forty pages in a fraction of a
    millisecond, where forty threads would each wait their turn. What the socket cannot
    take at once goes to the queue, which the stream's own thread writes out in order
    (the stream is then "behind" until the queue is empty again)."""

    def __init__(self, viewer: str, device: str | None) -> None:
        self.viewer = viewer
        self.device = device
        self.queue: queue.Queue[bytes | None] = queue.Queue(BACKLOG)
        self.closed = False
        self.lock = threading.Lock()
        self.behind = True  # until attached: the opening comes first
        self._fd: int | None = None

    def attach(self, fd: int) -> None:
        """The opening is written: messages may go straight to ``fd`` from now on."""
        with self.lock:
            self._fd = fd
            self.behind = not self.queue.empty()

    def detach(self) -> None:
        """The stream's thread is done: nothing writes to its socket again (its number
        may soon belong to another connection)."""
        with self.lock:
            self._fd = None
            self.behind = True
            self.closed = True

    def caught_up(self) -> None:
        """The stream's thread wrote what was queued; straight writes may resume."""
        with self.lock:
            self.behind = not self.queue.empty()

    def put(self, message: bytes | None) -> bool:
        """Send a message (None: end the stream); False if the stream is full or gone."""
        with self.lock:
            if message is not None and not self.behind and self._fd is not None:
                try:
                    written = os.write(self._fd, message)
                except BlockingIOError:
                    written = 0
                except OSError:
                    self.closed = True
                    return False
                if written == len(message):
                    return True
                message, self.behind = message[written:], True
            try:
                self.queue.put_nowait(message)
            except queue.Full:
                self.closed = True
                return False
            return True

    def keepalive(self) -> bool:
        """A comment, so that a dead peer shows up; False if the socket would not take it."""
        return self.put(b": keepalive\n\n") and not self.closed


class Hub:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._streams: set[Stream] = set()

    def add(self, viewer: str, device: str | None) -> Stream:
        stream = Stream(viewer, device)
        with self._lock:
            self._streams.add(stream)
        return stream

    def remove(self, stream: Stream) -> None:
        with self._lock:
            self._streams.discard(stream)

    def count(self) -> int:
        with self._lock:
            return len(self._streams)

    def of_device(self, device: str) -> int:
        with self._lock:
            return sum(1 for s in self._streams if s.device == device)

    def devices(self) -> set[str]:
        """The devices with a live stream open now."""
        with self._lock:
            return {s.device for s in self._streams if s.device is not None}

    def viewers(self) -> set[str]:
        with self._lock:
            return {s.viewer for s in self._streams}

    def send(self, viewer: str, message: bytes) -> None:
        with self._lock:
            targets = [s for s in self._streams if s.viewer == viewer]
        for stream in targets:
            stream.put(message)  # a full stream is closed, and reconnects

    def send_all(self, message: bytes) -> None:
        with self._lock:
            targets = list(self._streams)
        for stream in targets:
            stream.put(message)

    def close(self, message: bytes, device: str | None = None) -> int:
        """End the streams of ``device`` (of everyone: None) after ``message``; how many."""
        with self._lock:
            targets = [s for s in self._streams if device is None or s.device == device]
        for stream in targets:
            stream.put(message)
            stream.put(None)
            stream.closed = True
        return len(targets)
