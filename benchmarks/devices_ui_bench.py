"""The facilitator window while team devices submit (figures, not pass/fail tests).

The window is opened to team devices on loopback (its own dialog's path: the real device
server and the window's Qt owner). 40 devices join by their team's join link, each keeps
its live stream open, and they post moves over HTTP, 10 a second in all, for 60 s
(``--quick``: 15 s), with auto-accept on. A 5 ms heartbeat on the UI thread measures how
long the thread is blocked: the longest gap between its ticks, less the 5 ms, is the
figure (target <= 100 ms). Also: the longest owner drain (the server's calls and their
one transaction, committed without an fsync), the longest publication (the broadcast of a
batch once durable), the longest sync (the fsync, on the owner's sync thread), calls per
transaction, a device's POST to its answer (which waits for the sync), and how often
SQLite checkpointed the log into the save during the run (on the main thread, in a
commit, once the log passes ``wal_autocheckpoint`` pages).

On a busy disk the fsync of a commit takes hundreds of milliseconds: run it with one
(``while true; do dd if=/dev/zero of=/tmp/busy bs=1M count=8 conv=fsync; done``) to see
that the window does not wait for it.

    python -m benchmarks.devices_ui_bench [--quick] [--seconds N]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
Row = tuple[str, float, str, bool]
DEVICES = 40
RATE = 10.0  # submissions a second, all devices together
TARGET_MS = 100.0
HEARTBEAT_MS = 5


def measure(seconds: float) -> dict[str, float]:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from benchmarks.sandbox import point_qsettings

    point_qsettings()  # auto-accept is switched on below: in the sandbox, not the user's
    app = QApplication.instance() or QApplication([])
    from engine.scenario import load_scenario
    from engine.session.live import Session
    from ui import operations as ops
    from ui import settings
    from ui.main_window import FacilitatorWindow

    for kind in settings.AUTO_ACCEPT_KINDS:
        settings.set_auto_accept(kind, True)
    scenario = load_scenario(ROOT / "engine" / "scenario" / "bundled" / "after-hanoi-2019.toml")
    folder = Path(tempfile.mkdtemp(prefix="parley-devices-bench-"))
    session = Session.create(scenario, folder / "bench.parley")
    window = FacilitatorWindow(session)
    window.resize(1280, 720)
    window.show()
    window.run(ops.start_round)
    room = window.devices
    room.open_room("127.0.0.1", 0)
    owner = room.owner
    assert owner is not None
    seated = session.current_round.teams if session.current_round else scenario.team_ids
    move_type = scenario.move_types[0].id

    # 40 devices on one loopback address stand for 40 machines on 40 addresses: the
    # per-address limit (meant for one misbehaving machine) is lifted for this run.
    from devices.guard import Buckets

    server = room.server
    server.address_buckets = Buckets(10_000.0, 10_000.0)
    port = server.port
    codes = [room.codes[seated[n % len(seated)]][1] for n in range(DEVICES)]
    # The devices are another process, as in a room they are other machines: their
    # threads do not compete with the window for this process's interpreter.
    job = json.dumps({"port": port, "codes": codes, "move_type": move_type, "seconds": seconds})
    beats: list[float] = []
    heartbeat = QTimer()
    heartbeat.setInterval(HEARTBEAT_MS)
    heartbeat.timeout.connect(lambda: beats.append(time.perf_counter()))
    heartbeat.start()
    from engine.save.wal import salts, wal_path

    wal = wal_path(session.path)
    logs: list[tuple[str | None, int]] = []  # sampled: new salts are a log restarted
    sampler = QTimer()  # after a checkpoint; its size peaks where checkpoints come
    sampler.setInterval(100)
    sampler.timeout.connect(
        lambda: logs.append((salts(session.path), wal.stat().st_size if wal.exists() else 0))
    )
    sampler.start()
    settle = time.perf_counter() + 1.0  # the window's first paints are not the devices'
    while time.perf_counter() < settle:
        app.processEvents()
        time.sleep(0.002)
    beats.clear()
    launched = time.perf_counter()
    stalls = _StallWatch(beats, until=launched + seconds)
    child = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.devices_ui_bench", "--clients", job],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    watch = QTimer()
    watch.setInterval(50)  # the loop runs until every device has its last answer
    watch.timeout.connect(lambda: app.quit() if child.poll() is not None else None)
    watch.start()
    app.exec()
    watch.stop()
    heartbeat.stop()
    stalls.stop()
    sampler.stop()
    out, _ = child.communicate()
    devices = json.loads(out.strip().splitlines()[-1])
    answers, errors, streamed = devices["answers"], devices["errors"], devices["streamed"]
    for said in devices["said"]:
        print(f"a device was refused: {said}", file=sys.stderr)
    # the run, not the devices' leaving (forty connections closing at its end)
    beats = [beat for beat in beats if beat <= launched + seconds]
    gaps = [b - a for a, b in itertools.pairwise(beats)]
    accepted = sum(1 for s in session.state.submissions.values() if s.status == "accepted")
    submitted = len(session.state.submissions)
    room.close_room()
    window.close()
    if stalls.longest:
        print(f"the longest stall ({stalls.longest * 1000:.0f} ms seen) was in:", file=sys.stderr)
        print("".join(stalls.where), file=sys.stderr, end="")
    return {
        "longest_block_ms": max(0.0, max(gaps, default=0.0) * 1000 - HEARTBEAT_MS),
        "p99_gap_ms": statistics.quantiles(gaps, n=100)[98] * 1000 if len(gaps) > 100 else 0.0,
        "longest_drain_ms": owner.longest * 1000,
        "longest_publish_ms": owner.longest_publish * 1000,
        "longest_sync_ms": owner.longest_sync * 1000,
        "log_peak_mb": max((size for _s, size in logs), default=0) / 2**20,
        "log_restarts": float(len({s for s, _size in logs if s}) - 1 if logs else 0),
        "calls_per_transaction": owner.calls / max(owner.batches, 1),
        "answer_p50_ms": statistics.median(answers) * 1000 if answers else 0.0,
        "answer_p95_ms": statistics.quantiles(answers, n=20)[18] * 1000
        if len(answers) > 20
        else 0.0,
        "submitted": float(submitted),
        "accepted": float(accepted),
        "errors": float(errors),
        "stream_entries": float(streamed),
        "longest_block_at_s": (beats[gaps.index(max(gaps)) + 1] - beats[0]) if gaps else 0.0,
        "rate_per_s": submitted / seconds,
    }


class _StallWatch:
    """A thread that looks at the UI thread's stack while its heartbeat is late (more
    than ``STALL_MS``): where the longest stall was, to say what blocks the window."""

    STALL_MS = 40

    def __init__(self, beats: list[float], until: float) -> None:
        import traceback

        self._beats = beats
        self._until = until  # the run's end: not the devices' leaving, nor the close
        self._main = threading.main_thread().ident
        self._stop = threading.Event()
        self._extract = traceback.format_stack
        self.longest = 0.0
        self.where: list[str] = []
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.wait(0.01) and time.perf_counter() < self._until:
            if not self._beats:
                continue
            late = time.perf_counter() - self._beats[-1]
            if late * 1000 > self.STALL_MS and late > self.longest:
                frame = sys._current_frames().get(self._main or 0)
                if frame is not None:
                    self.longest = late
                    self.where = self._extract(frame)[-8:]

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def clients(port: int, codes: list[str], move_type: str, seconds: float) -> dict[str, Any]:
    """The devices (in their own process): join, keep a live stream, post moves."""
    answers: list[float] = []
    errors: list[str] = []
    streamed = [0] * len(codes)
    stop = threading.Event()

    def device(number: int) -> None:
        client = _Client(port)
        try:
            reply = client.request("GET", "/join/" + codes[number])
            csrf = client.csrf() if reply[0] == 303 else ""
        except OSError as error:
            errors.append(f"join: {error}")
            return
        if reply[0] != 303:
            errors.append(f"join: {reply[0]}")
            return
        threading.Thread(target=client.stream, args=(streamed, number, stop), daemon=True).start()
        period = len(codes) / RATE  # each device submits every 4 s, spread evenly
        next_at = time.monotonic() + period * number / len(codes)
        count = 0
        while not stop.is_set():
            delay = next_at - time.monotonic()
            if delay > 0 and stop.wait(delay):
                break
            next_at += period
            count += 1
            fields = {"move_type": move_type, "tone": "0", "visibility": "public",
                      "text": f"device {number} move {count}", "csrf": csrf}  # fmt: skip
            started = time.perf_counter()
            try:
                status = client.post("/submit/move", fields)
            except OSError as error:
                errors.append(f"submit: {error}")
                continue
            answers.append(time.perf_counter() - started)
            if status != 303:
                errors.append(f"submit: {status}")

    threads = [threading.Thread(target=device, args=(n,)) for n in range(len(codes))]
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    said = errors[:5]
    return {"answers": answers, "errors": len(errors), "said": said, "streamed": sum(streamed)}


class _Client:
    """One device's browser: its cookie, a connection per request, and a live stream."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookie = ""

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, str]:
        import http.client
        import re

        from devices.guard import COOKIE

        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if self.cookie:
            sent["Cookie"] = f"{COOKIE}={self.cookie}"
        try:
            conn.request(method, path, body=body, headers=sent)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
            found = re.match(rf"{COOKIE}=([^;]*);", response.getheader("Set-Cookie") or "")
        finally:
            conn.close()
        if found:
            self.cookie = found.group(1)
        return response.status, text

    def csrf(self) -> str:
        import re

        found = re.search(r'data-csrf="([^"]+)"', self.request("GET", "/")[1])
        return found.group(1) if found else ""

    def post(self, path: str, fields: dict[str, str]) -> int:
        from urllib.parse import urlencode

        origin = f"http://127.0.0.1:{self.port}"
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Origin": origin}
        return self.request("POST", path, urlencode(fields).encode(), headers)[0]

    def stream(self, counts: list[int], number: int, stop: threading.Event) -> None:
        """Read the device's live stream, counting its entries, until the run ends."""
        import socket

        from devices.guard import COOKIE

        with socket.create_connection(("127.0.0.1", self.port), timeout=30) as sock:
            sock.sendall(
                f"GET /events HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
                f"Cookie: {COOKIE}={self.cookie}\r\n\r\n".encode()
            )
            sock.settimeout(1.0)
            while not stop.is_set():
                try:
                    chunk = sock.recv(65536)
                except TimeoutError:
                    continue
                except OSError:
                    return
                if not chunk:
                    return
                counts[number] += chunk.count(b"event: entry")


def run(seconds: float = 15.0) -> list[Row]:
    figures = measure(seconds)
    block = figures["longest_block_ms"]
    return [
        ("devices_ui longest UI block (ms)", block, f"<= {TARGET_MS:g}", block <= TARGET_MS),
        ("devices_ui longest owner drain (ms)", figures["longest_drain_ms"], "", True),
        ("devices_ui calls per transaction", figures["calls_per_transaction"], "", True),
        ("devices_ui answer p95 (ms)", figures["answer_p95_ms"], "", True),
        (
            "devices_ui submissions accepted",
            figures["accepted"],
            f"= {figures['submitted']:g}",
            figures["accepted"] == figures["submitted"] and not figures["errors"],
        ),
    ]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="15 s instead of 60 s")
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--clients", help=argparse.SUPPRESS)  # the devices' own process
    args = parser.parse_args(argv)
    if args.clients:
        job = json.loads(args.clients)
        print(json.dumps(clients(job["port"], job["codes"], job["move_type"], job["seconds"])))
        return 0
    seconds = args.seconds or (15.0 if args.quick else 60.0)
    figures = measure(seconds)
    for name, value in figures.items():
        print(f"{name:<24} {value:10.2f}")
    ok = figures["longest_block_ms"] <= TARGET_MS and not figures["errors"]
    print(f"target: longest UI block <= {TARGET_MS:g} ms: {'yes' if ok else 'NO'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
