"""Benchmarks of the team-device server (figures, not pass/fail tests).

40 devices of the seated teams on loopback, each with a live stream, send 10 moves a
second for 60 s (``--quick``: 10 s); the owner accepts each at once (auto-accept), so
that each becomes a public move every device's stream shows. Measured:

* POST -> state: from just before a device's POST to the submission being in the
  owner's state (committed and folded);
* POST -> other streams: to the accepted move arriving on the other devices' streams;
* each p50 and p95, against the same run with 1 device (its own stream): ratio <= 2;
* memory per connected device: the server process's RSS with 40 joined devices and their
  streams, less its RSS before they came, over 40 (target <= 1 MB).

The devices run in a child process (``python -m benchmarks.devices_bench --clients``), so
the memory is the server's alone, and one thread there reads all their streams (a
selector), so that an arrival time is the server's doing rather than forty reader
threads taking turns; times are wall-clock on one machine. The rate limits
are raised for the run (40 devices share one loopback address, and 1 device sends all 10
a second), and nothing else is changed.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from devices.guard import COOKIE, Limits
from devices.owner import QueueOwner
from devices.server import DeviceServer
from engine.domain.events import Envelope
from engine.scenario import load_scenario
from engine.session.live import Session

Row = tuple[str, float, str, bool]
ROOT = Path(__file__).resolve().parent.parent
SCENARIO = ROOT / "engine" / "scenario" / "bundled" / "after-hanoi-2019.toml"
RATE = 10  # submissions a second
BENCH_LIMITS = Limits(device_burst=200, device_rate=100, address_burst=5000, address_rate=2000)


class AutoAccept(QueueOwner):
    """The owner of the run: it accepts each pending submission as soon as it is in."""

    def _run(self, job: Any) -> None:
        super()._run(job)
        state = self.session.state
        for sid in [k for k, s in state.submissions.items() if s.status == "pending"]:
            self.session.accept(submission=sid)


def rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def one_run(devices: int, seconds: float) -> dict[str, Any]:
    """Serve ``devices`` devices for ``seconds`` of submissions; raw timings and memory."""
    scenario = load_scenario(SCENARIO)
    with tempfile.TemporaryDirectory() as tmp:
        session = Session.create(scenario, Path(tmp) / "bench.parley")
        session.start_round()
        seated = scenario.rounds[0].teams
        owner = AutoAccept(session)
        stop = threading.Event()
        thread = threading.Thread(target=owner.serve_forever, args=(stop, 0.01), daemon=True)
        in_state: dict[str, float] = {}

        def seen(env: Envelope) -> None:
            if type(env.event).__name__ == "SubmissionReceived":
                in_state[str(env.event.payload.get("text"))] = time.time()  # type: ignore[union-attr]

        server = DeviceServer(owner, scenario, host="127.0.0.1", port=0, limits=BENCH_LIMITS)
        server.start()
        session.echo.append(server.publish)
        session.echo.append(seen)
        codes = [session.issue_code(role="team", team=t)[1] for t in seated]
        thread.start()
        before = rss_kb()
        clients = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.devices_bench", "--clients", str(server.port),
             str(devices), str(seconds)],
            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert clients.stdin is not None and clients.stdout is not None
        clients.stdin.write(json.dumps(codes) + "\n")
        clients.stdin.flush()
        assert clients.stdout.readline().strip() == "ready"
        time.sleep(0.5)
        connected = rss_kb()
        clients.stdin.write("go\n")
        clients.stdin.flush()
        result = json.loads(clients.stdout.readline())
        clients.wait(30)
        server.stop()
        stop.set()
        owner.wake()
        thread.join(10)
        session.close()
    result["in_state"] = in_state
    result["memory_kb"] = (connected - before) / devices
    return result


def latencies(result: dict[str, Any]) -> tuple[list[float], list[float]]:
    sent, in_state = result["sent"], result["in_state"]
    to_state = [in_state[text] - at for text, at in sent.items() if text in in_state]
    to_streams = []
    for device, got in enumerate(result["seen"]):
        for text, at in got.items():
            if text in sent and result["poster"][text] != device:
                to_streams.append(at - sent[text])
    if len(result["seen"]) == 1:  # one device: its own stream is the only one
        to_streams = [at - sent[text] for text, at in result["seen"][0].items() if text in sent]
    return to_state, to_streams


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def run(seconds: float = 60.0) -> list[Row]:
    many, alone = one_run(40, seconds), one_run(1, seconds)
    state40, stream40 = latencies(many)
    state1, stream1 = latencies(alone)
    rows: list[Row] = []
    for what, big, small in (("POST -> state", state40, state1),
                             ("POST -> other streams", stream40, stream1)):  # fmt: skip
        for q, name in ((0.5, "p50"), (0.95, "p95")):
            b, s = pct(big, q), pct(small, q)
            rows.append((f"devices: {what} {name}, 40 devices (ms)", b, "-", True))
            rows.append((f"devices: {what} {name}, 1 device (ms)", s, "-", True))
            ratio = b / s if s else float("inf")
            rows.append((f"devices: {what} {name}, 40 / 1", ratio, "<= 2", ratio <= 2))
    expected = int(RATE * seconds)
    done = len(state40)
    rows.append(("devices: submissions in state, 40 devices", done, f"= {expected}",
                 done == expected))  # fmt: skip
    reached = len(stream40) / max(1, done * 39)
    rows.append(("devices: share of moves on the other 39 streams", reached, "= 1", reached >= 1))
    mb = many["memory_kb"] / 1024
    rows.append(("devices: memory per connected device (MB)", mb, "<= 1", mb <= 1))
    return rows


# ---------------------------------------------------------------------- the devices


def _request(port: int, method: str, path: str, cookie: str = "", body: str = "") -> Any:
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": f"127.0.0.1:{port}"}
    if cookie:
        headers["Cookie"] = f"{COOKIE}={cookie}"
    if body:
        headers["Origin"] = f"http://127.0.0.1:{port}"
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, body=body or None, headers=headers)
    response = conn.getresponse()
    data = response.read().decode()
    conn.close()
    return response, data


def _listen(port: int, cookies: list[str], seen: list[dict[str, float]]) -> threading.Event:
    """One thread reads every device's stream (a selector over their sockets), so that an
    arrival time is the server's doing, not forty reader threads taking turns here."""
    import selectors

    chooser = selectors.DefaultSelector()
    ready = [threading.Event() for _ in cookies]
    for n, cookie in enumerate(cookies):
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(f"GET /events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                     f"Cookie: {COOKIE}={cookie}\r\n\r\n".encode())  # fmt: skip
        sock.setblocking(False)
        chooser.register(sock, selectors.EVENT_READ, [n, b""])
    all_ready = threading.Event()

    def read() -> None:
        while True:
            for key, _ in chooser.select():
                now = time.time()
                n, buffer = key.data
                chunk = key.fileobj.recv(65536)  # type: ignore[union-attr]
                if not chunk:
                    chooser.unregister(key.fileobj)
                    continue
                buffer += chunk
                if b"event: clock" in buffer:
                    ready[n].set()
                *blocks, key.data[1] = buffer.split(b"\n\n")
                for block in blocks:
                    if b"event: entry" in block:
                        for token in re.findall(rb"bench-\d+", block):
                            seen[n].setdefault(token.decode(), now)
            if all(r.is_set() for r in ready):
                all_ready.set()

    threading.Thread(target=read, daemon=True).start()
    return all_ready


def clients(port: int, devices: int, seconds: float) -> None:
    codes = json.loads(sys.stdin.readline())
    cookies, tokens = [], []
    for n in range(devices):
        response, _ = _request(port, "GET", "/join/" + codes[n % len(codes)].replace("-", ""))
        cookie = response.getheader("Set-Cookie").split(";")[0].split("=", 1)[1]
        _, page = _request(port, "GET", "/", cookie)
        cookies.append(cookie)
        tokens.append(re.search(r'data-csrf="([^"]+)"', page).group(1))  # type: ignore[union-attr]
    seen: list[dict[str, float]] = [{} for _ in range(devices)]
    _listen(port, cookies, seen).wait(30)
    print("ready", flush=True)
    sys.stdin.readline()
    sent: dict[str, float] = {}
    poster: dict[str, int] = {}

    def post(i: int) -> None:
        device = i % devices
        text = f"bench-{i}"
        body = urllib.parse.urlencode({"move_type": "statement", "tone": "0", "text": text,
                                       "visibility": "public", "csrf": tokens[device]})  # fmt: skip
        poster[text] = device
        sent[text] = time.time()
        _request(port, "POST", "/submit/move", cookies[device], body)

    start = time.monotonic()
    with ThreadPoolExecutor(8) as pool:
        for i in range(int(RATE * seconds)):
            delay = start + i / RATE - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            pool.submit(post, i)
    time.sleep(2.0)
    print(json.dumps({"sent": sent, "seen": seen, "poster": poster}), flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--clients"]:
        clients(int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]))
    else:
        quick = "--quick" in sys.argv
        for name, value, target, ok in run(10.0 if quick else 60.0):
            print(f"{name:58} {value:10.3f}  {target:8} {'ok' if ok else 'MISSED'}")
