"""Live streams (Server-Sent Events): one queue per connected page, grouped by viewer.

The owner thread renders each message once per viewer (``DeviceServer.publish``) and
puts the same bytes in the queue of every stream of that viewer; each stream's own
thread writes them out. A stream that falls too far behind (a stalled phone) is closed:
it reconnects with the last event id it got and catches up from there.
"""

from __future__ import annotations

import json
import queue
import threading

BACKLOG = 2000  # messages a stream may have waiting before it is dropped


def sse(event: str, data: object, seq: int | None = None) -> bytes:
    """One Server-Sent Event: its id (the log's seq), its name and JSON data."""
    head = f"id: {seq}\n" if seq is not None else ""
    return f"{head}event: {event}\ndata: {json.dumps(data)}\n\n".encode()


class Stream:
    def __init__(self, viewer: str, device: str | None) -> None:
        self.viewer = viewer
        self.device = device
        self.queue: queue.Queue[bytes | None] = queue.Queue(BACKLOG)
        self.closed = False

    def put(self, message: bytes | None) -> bool:
        """Queue a message (None: end the stream); False if the stream is full."""
        try:
            self.queue.put_nowait(message)
        except queue.Full:
            self.closed = True
            return False
        return True


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
            stream.closed = True
            stream.put(message)
            stream.put(None)
        return len(targets)
