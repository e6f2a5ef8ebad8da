"""Benchmarks of the session engine and its save file (figures, not pass/fail tests).

* append: a move recorded through ``Session.record_move`` (checked, committed, folded)
  against a plain ``sqlite3`` INSERT and COMMIT of the same row (its chained checksum
  included) with the same pragmas (WAL, ``synchronous=FULL``, the save's page size):
  median ratio <= 2. What the engine does beyond the row (the checks, the fold, the
  chain's tip kept in ``meta`` so that a cut log is seen) is what the ratio measures.
* open: ``Session.open`` of a 100,000-event save to its current state, against a plain
  ``SELECT`` of all its event rows: ratio <= 1.
* seek: ``state_at`` at random points of the 100,000-event save against a 1,000-event
  save: ratio of medians <= 1.5.
* memory: peak RSS (``VmHWM``; ``ru_maxrss`` where there is no ``/proc``) of a fresh
  process that opens the 100,000-event save: <= 200 MB.

The saves are generated once by ``simulate_session`` and cached in ``benchmarks/out/``.
"""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from engine.domain.events import MoveRecorded, encode
from engine.save.connect import SYNCHRONOUS
from engine.save.store import PAGE_BYTES
from engine.scenario import load_scenario
from engine.session.live import Session
from engine.session.simulate import simulate_session

Row = tuple[str, float, str, bool]
ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "out"
SCENARIO = ROOT / "engine" / "scenario" / "bundled" / "after-hanoi-2019.toml"
BIG, SMALL = 100_000, 1_000


def cached_save(events: int) -> Path:
    """A simulated save of exactly ``events`` events, made once and kept in benchmarks/out.

    Exactly: the simulator plays whole rounds, so it plays past ``events`` and the save
    is the branch at that seq. A save that ran on would hold a snapshot near its end and
    make part of its seeks nearly free, which skews the 100k/1k seek comparison.
    """
    OUT.mkdir(exist_ok=True)
    path = OUT / f"session-{events}.parley"
    if path.exists():
        try:
            with Session.open(path, read_only=True) as s:
                if s.last_seq == events and s.store.snapshots_valid:
                    return path
        except Exception:
            pass
    full = OUT / f"session-{events}-full.parley"
    for stale in (path, full):
        for extra in ("", "-wal", "-shm", ".lock"):
            Path(str(stale) + extra).unlink(missing_ok=True)
    scenario = load_scenario(SCENARIO)
    per_round = events // len(scenario.rounds) + 50
    started = time.perf_counter()
    with simulate_session(
        scenario, full, len(scenario.rounds), seed=1, events_per_round=per_round
    ) as played:
        played.branch(seq=events, path=path).close()
    for extra in ("", "-wal", "-shm", ".lock"):
        Path(str(full) + extra).unlink(missing_ok=True)
    print(f"  generated {path.name} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return path


def append_ratio(samples: int = 200) -> float:
    scenario = load_scenario(SCENARIO)
    with tempfile.TemporaryDirectory(dir=OUT) as tmp:
        session = Session.create(scenario, Path(tmp) / "append.parley")
        session.start_round()
        plain = sqlite3.connect(Path(tmp) / "plain.sqlite", isolation_level=None)
        plain.execute(f"PRAGMA page_size = {PAGE_BYTES}")  # as a save's, before any table
        plain.execute("PRAGMA journal_mode = WAL")
        plain.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
        plain.execute(
            "CREATE TABLE events (seq INTEGER PRIMARY KEY, at REAL NOT NULL, round INTEGER "
            "NOT NULL, actor TEXT NOT NULL, kind TEXT NOT NULL, payload TEXT NOT NULL, "
            "hash BLOB NOT NULL)"
        )
        payload = encode(MoveRecorded("usa", "statement", 1, "we are ready to talk")).decode()
        engine_times, plain_times = [], []
        for i in range(samples):
            started = time.perf_counter()
            session.record_move(
                team="usa", move_type="statement", tone=1, text="we are ready to talk"
            )
            engine_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            plain.execute("BEGIN")
            plain.execute(
                "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)",
                (i + 1, time.time(), 1, "usa", "MoveRecorded", payload, os.urandom(16)),
            )
            plain.execute("COMMIT")
            plain_times.append(time.perf_counter() - started)
        session.close()
        plain.close()
    return statistics.median(engine_times) / statistics.median(plain_times)


def open_ratio(path: Path, repeats: int = 5) -> float:
    engine_times, plain_times = [], []
    for _ in range(repeats):
        started = time.perf_counter()
        with Session.open(path, read_only=True) as session:
            assert session.state.seq == session.last_seq
        engine_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        conn = sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True)
        rows = conn.execute("SELECT * FROM events").fetchall()
        conn.close()
        plain_times.append(time.perf_counter() - started)
        assert rows
    return statistics.median(engine_times) / statistics.median(plain_times)


def seek_median(path: Path, seeks: int = 40) -> float:
    rng = random.Random(5)
    with Session.open(path, read_only=True) as session:
        times = []
        for _ in range(seeks):
            seq = rng.randint(1, session.last_seq - 1)
            started = time.perf_counter()
            session.state_at(seq)
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def peak_rss_mb(path: Path) -> float:
    # VmHWM, not ru_maxrss: on Linux ru_maxrss carries the parent's peak across fork+exec
    code = (
        "import resource, sys\n"
        "from engine.session.live import Session\n"
        f"s = Session.open({str(path)!r}, read_only=True)\n"
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')]\n"
        "print(int(hwm[0].split()[1]) / 1024 if hwm else "
        "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return float(done.stdout.strip())


def run() -> list[Row]:
    big, small = cached_save(BIG), cached_save(SMALL)
    append = append_ratio()
    opening = open_ratio(big)
    seek = seek_median(big) / seek_median(small)
    memory = peak_rss_mb(big)
    return [
        ("session append: engine / plain sqlite3 (median)", append, "<= 2", append <= 2),
        ("session open 100k: engine / SELECT all events", opening, "<= 1", opening <= 1),
        ("session seek: state_at 100k / 1k (median)", seek, "<= 1.5", seek <= 1.5),
        ("session open 100k: peak RSS (MB)", memory, "<= 200", memory <= 200),
    ]
