"""A damaged snapshot never costs a move: the log is intact, so opening and seeking fold
from an earlier snapshot, ``check`` names the damage, and a writer folds them again."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from unittest.mock import patch

import pytest

from conftest import ROOT, SCENARIOS
from engine.domain import reducer
from engine.scenario import load_scenario
from engine.session.live import Session
from engine.session.simulate import simulate_session


@pytest.fixture(scope="module")
def sound(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("damage") / "sound.parley"
    with patch("engine.session.live.SNAPSHOT_EVERY", 150):
        scenario = load_scenario(SCENARIOS / "after-hanoi-2019.toml")
        simulate_session(scenario, path, 3, seed=4, events_per_round=300).close()
    yield path


def _copy(sound: Path, tmp_path: Path, damage: Callable[[sqlite3.Connection], None]) -> Path:
    path = tmp_path / "damaged.parley"
    path.write_bytes(sound.read_bytes())
    conn = sqlite3.connect(path)
    damage(conn)
    conn.commit()
    conn.close()
    return path


def _biggest_moves_chunk(conn: sqlite3.Connection) -> int:
    """The rowid of the latest snapshot's biggest chunk (its moves, by size)."""
    return conn.execute("SELECT rowid FROM chunks ORDER BY length(records) DESC").fetchone()[0]


def _cut(conn: sqlite3.Connection) -> None:
    rowid = _biggest_moves_chunk(conn)
    conn.execute("UPDATE chunks SET records = substr(records, 1, 40) WHERE rowid = ?", (rowid,))


def _garble_a_record(conn: sqlite3.Connection) -> None:
    """Same length, a sound index, one record's bytes replaced by a byte msgpack never
    uses: only the checksum tells, and it must tell before any record is read."""
    rowid = _biggest_moves_chunk(conn)
    blob = bytearray(
        conn.execute("SELECT records FROM chunks WHERE rowid = ?", (rowid,)).fetchone()[0]
    )
    count = int.from_bytes(blob[4:8], "little")  # after the checksum
    body = 4 + 4 + 8 * count + 5  # the index, then the records' array header
    start = body + int.from_bytes(blob[8 + 4 * count : 12 + 4 * count], "little")  # record 1
    blob[start : start + 8] = b"\xc1" * 8
    conn.execute("UPDATE chunks SET records = ? WHERE rowid = ?", (bytes(blob), rowid))


def _garble_cores(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE snapshots SET state = x'c1c1c1' WHERE seq > 1")


def _drop_a_chunk(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM chunks WHERE rowid = ?", (_biggest_moves_chunk(conn),))


def _fold(session: Session, seq: int):
    state = reducer.initial_state(session.scenario)
    state.indicators = {}
    return reducer.replay(state, session.events(1, seq + 1), session.scenario)


DAMAGE = {"cut": _cut, "record": _garble_a_record, "core": _garble_cores, "gone": _drop_a_chunk}


@pytest.mark.parametrize("kind", DAMAGE)
def test_a_reader_folds_past_the_damage_and_leaves_the_file_alone(sound, tmp_path, kind) -> None:
    path = _copy(sound, tmp_path, DAMAGE[kind])
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with Session.open(path, read_only=True) as session:
        assert session.state == _fold(session, session.last_seq)
        for seq in range(1, session.last_seq + 1, 37):
            assert session.state_at(seq) == _fold(session, seq), seq
        assert session.damaged, "the damage was met and named"
        assert all("the snapshot at event" in d and "is damaged" in d for d in session.damaged)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("kind", DAMAGE)
def test_check_names_the_damaged_snapshot(sound, tmp_path, kind) -> None:
    path = _copy(sound, tmp_path, DAMAGE[kind])
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "check", str(path)], capture_output=True, text=True
    )
    assert done.returncode == 3, "damage found"
    assert "Traceback" not in done.stderr
    assert "the snapshot at event" in done.stderr and "is damaged" in done.stderr
    assert done.stderr.startswith(f"{path}: ")


def test_a_writer_folds_the_snapshots_again(sound, tmp_path) -> None:
    path = _copy(sound, tmp_path, _cut)
    with Session.open(path, read_only=True) as reader:
        expected = _fold(reader, reader.last_seq)
        assert reader.damaged
    with Session.open(path) as writer:  # the latest snapshot is damaged: met at opening
        assert writer.state == expected
        writer.add_note(text="still here")
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "check", str(path)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    with Session.open(path, read_only=True) as reader:
        assert not reader.damaged and reader.state.notes[-1].text == "still here"


def test_the_facilitator_window_says_the_snapshots_were_folded_again(
    sound, tmp_path, qtbot, isolated_settings
) -> None:
    from ui.main_window import FacilitatorWindow

    path = _copy(sound, tmp_path, _cut)
    window = FacilitatorWindow(Session.open(path))
    qtbot.addWidget(window)
    message = window.statusBar().currentMessage()
    assert "damaged" in message and "nothing was lost" in message
    window.session.close()
    window = FacilitatorWindow(Session.open(path))  # repaired: the usual greeting
    qtbot.addWidget(window)
    assert "damaged" not in window.statusBar().currentMessage()
    window.session.close()
