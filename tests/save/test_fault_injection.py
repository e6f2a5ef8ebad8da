"""Damaged saves never give a traceback or a hang: each is refused with a message naming
the file, or read exactly as the intact log.

Seeded variants of one small simulated save: flipped bytes, zeroed pages, truncations, a
foreign and a stale ``-wal``, and edited rows (kind changed, payload edited, void target
edited, ...). Each variant is probed in a subprocess with a timeout
(``damage_probe.py``: ``check``, ``export``, ``report``, ``recover``, opening read-only and
for writing). Every event row is chained by a checksum, so no damage to the log goes
unseen: ``check`` reports it (exit 3), refuses a file that is no longer a save (1), or
warns of a ``-wal`` (4); a variant it calls sound (0) must read exactly as the intact
log (the damage fell outside it: free space, a snapshot rebuilt, ...). ``export`` never
reads damage as sound, and ``recover`` writes a sound save of an intact prefix of the log.
The counts are printed (``-s`` shows them).
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from conftest import DEFAULT_SCENARIO
from engine.scenario import load_scenario
from engine.session.exchange import export_document
from engine.session.live import Session
from engine.session.simulate import simulate_session

pytestmark = pytest.mark.slow

SEED = 11
TIMEOUT = 60  # seconds per variant: far above the ~2 s a probe takes
PROBE = Path(__file__).with_name("damage_probe.py")
PAGE = 16384

Damage = Callable[[Path], None]


def _base(folder: Path) -> tuple[Path, bytes, bytes]:
    """The intact save, a stale ``-wal`` of it and a foreign one (another save's)."""
    scenario = load_scenario(DEFAULT_SCENARIO)
    path = folder / "intact.parley"
    simulate_session(scenario, path, 2, seed=5).close()
    with Session.open(path) as session:
        for n in range(3):
            session.add_note(text=f"late note {n}")
        stale = Path(f"{path}-wal").read_bytes()
        for n in range(3, 6):
            session.add_note(text=f"late note {n}")
    other = folder / "other.parley"
    with simulate_session(scenario, other, 1, seed=6) as session:
        session.add_note(text="another save's note")
        foreign = Path(f"{other}-wal").read_bytes()
    return path, stale, foreign


def _flip(offset: int) -> Damage:
    def damage(path: Path) -> None:
        data = bytearray(path.read_bytes())
        data[offset % len(data)] ^= 0xFF
        path.write_bytes(bytes(data))

    return damage


def _zero_page(page: int) -> Damage:
    def damage(path: Path) -> None:
        data = bytearray(path.read_bytes())
        start = (page * PAGE) % len(data)
        data[start : start + PAGE] = bytes(len(data[start : start + PAGE]))
        path.write_bytes(bytes(data))

    return damage


def _truncate(length: int) -> Damage:
    def damage(path: Path) -> None:
        path.write_bytes(path.read_bytes()[:length])

    return damage


def _wal(content: bytes) -> Damage:
    def damage(path: Path) -> None:
        Path(f"{path}-wal").write_bytes(content)

    return damage


def _sql(statement: str, *args: object) -> Damage:
    def damage(path: Path) -> None:
        conn = sqlite3.connect(path)
        with conn:
            conn.execute(statement, args)
        conn.close()

    return damage


def _variants(path: Path, stale: bytes, foreign: bytes) -> dict[str, Damage]:
    rng = random.Random(SEED)
    size = path.stat().st_size
    pages = size // PAGE
    conn = sqlite3.connect(path)
    last = conn.execute("SELECT max(seq) FROM events").fetchone()[0]
    moves = [r[0] for r in conn.execute("SELECT seq FROM events WHERE kind = 'MoveRecorded'")]
    voids = [r[0] for r in conn.execute("SELECT seq FROM events WHERE kind = 'EventVoided'")]
    conn.close()
    move, void = rng.choice(moves), rng.choice(voids)
    cases: dict[str, Damage] = {}
    for _ in range(10):
        offset = rng.randrange(size)
        cases[f"byte {offset} flipped"] = _flip(offset)
    for page in sorted({0, 1, *rng.sample(range(2, pages), min(3, pages - 2))}):
        cases[f"page {page} zeroed"] = _zero_page(page)
    for length in (100, PAGE, size // 2, rng.randrange(PAGE, size), size - 1):
        cases[f"truncated to {length} bytes"] = _truncate(length)
    cases["a stale -wal"] = _wal(stale)
    cases["a foreign -wal"] = _wal(foreign)
    cases["a -wal of garbage"] = _wal(bytes(rng.randrange(256) for _ in range(5000)))
    update = "UPDATE events SET payload = json_set(payload, ?, ?) WHERE seq = ?"
    cases[f"event {move}'s kind changed"] = _sql(
        "UPDATE events SET kind = 'NoteAdded' WHERE seq = ?", move
    )
    cases[f"event {move}'s kind and payload kind changed"] = _sql(
        "UPDATE events SET kind = 'BookmarkSet', payload = json_set(payload, '$.kind', "
        "'BookmarkSet') WHERE seq = ?",
        move,
    )
    cases[f"event {move}'s tone 99"] = _sql(update, "$.tone", 99, move)
    cases[f"event {move}'s team unknown"] = _sql(update, "$.team", "atlantis", move)
    cases[f"event {move}'s text edited"] = _sql(update, "$.text", "edited by hand", move)
    cases[f"event {move}'s payload not JSON"] = _sql(
        'UPDATE events SET payload = \'{"kind": "Move\' WHERE seq = ?', move
    )
    cases[f"event {move}'s payload a number"] = _sql(
        "UPDATE events SET payload = 7 WHERE seq = ?", move
    )
    cases[f"event {move}'s round 99"] = _sql("UPDATE events SET round = 99 WHERE seq = ?", move)
    cases[f"event {move}'s round text"] = _sql("UPDATE events SET round = 'x' WHERE seq = ?", move)
    cases[f"event {move} deleted"] = _sql("DELETE FROM events WHERE seq = ?", move)
    for target in (void, void + 1, 0, -1, 2):
        cases[f"event {void} voids {target}"] = _sql(update, "$.target", target, void)
    cases[f"event {last} numbered {last + 5}"] = _sql(
        "UPDATE events SET seq = ? WHERE seq = ?", last + 5, last
    )
    cases["the scenario text emptied"] = _sql("UPDATE scenario SET source = 'x = '")
    cases["the meta table dropped"] = _sql("DROP TABLE meta")
    return cases


def _probe(case: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(PROBE), str(case), str(case.parent), str(DEFAULT_SCENARIO)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


def test_every_damaged_save_is_refused_or_read_as_a_prefix(tmp_path: Path) -> None:
    path, stale, foreign = _base(tmp_path)
    with Session.open(path, read_only=True) as session:
        intact = export_document(session)["events"]
    cases = _variants(path, stale, foreign)
    copies = {}
    for number, (name, damage) in enumerate(cases.items()):
        folder = tmp_path / f"case{number}"
        folder.mkdir()
        copy = folder / "damaged.parley"
        shutil.copy(path, copy)
        damage(copy)
        copies[name] = copy
    with ThreadPoolExecutor(2) as pool:
        results = dict(zip(copies, pool.map(_probe, copies.values()), strict=True))

    counts: Counter[str] = Counter()
    for name, result in results.items():
        for step, outcome in result.items():
            where = f"{name}, {step}"
            assert outcome["code"] in (0, 1, 3, 4), f"{where}: {outcome['stderr']}"
            assert "Traceback" not in outcome["stderr"], f"{where}: {outcome['stderr']}"
            if outcome["code"] != 0:
                assert "damaged.parley" in outcome["stderr"], f"{where}: {outcome['stderr']}"
        events = result["export"]["events"]
        if events is not None:
            assert events == intact[: len(events)], f"{name}: export read damage as sound"
        check = result["check"]["code"]
        if check == 0:
            assert events == intact, f"{name}: check says ok, but the log is not the intact one"
            assert result["open_read_only"]["code"] == 0, name
        elif check == 4:
            assert events == intact, f"{name}: the file alone is the intact save"
        counts[OUTCOMES[check]] += 1
        recovered = result["recover"]
        if recovered["code"] == 0:
            assert recovered["check"] == 0, f"{name}: the recovered save is not sound"
            got = recovered["events"]
            assert len(got) > 0 and got == intact[: len(got)], f"{name}: recovered {got}"
            counts["recovered"] += 1
            counts["recovered with --scenario"] += recovered["given"]
        else:
            print(f"not recovered: {name}: {recovered['stderr'].strip()[-160:]}")
    print(
        f"fault injection: {len(cases)} cases: "
        + ", ".join(f"{counts[what]} {what}" for what in OUTCOMES.values())
        + f"; {counts['recovered']} recovered into a sound save of an intact prefix "
        f"({counts['recovered with --scenario']} of them with --scenario)"
    )
    assert sum(counts[what] for what in OUTCOMES.values()) == len(cases)


OUTCOMES = {
    0: "sound (the damage missed the log)",
    1: "refused (no longer a Parley save)",
    3: "damage reported",
    4: "an unmerged -wal warned of",
}
