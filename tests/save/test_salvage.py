"""A damaged save opens read-only up to its last good event, and ``parley recover``
writes every good event into a new save."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sessions import kill_a_writer, new_session

from conftest import ROOT
from engine.errors import SaveError
from engine.save.store import PAGE_BYTES
from engine.session.check import check_save
from engine.session.live import Session
from engine.session.salvage import open_damaged, recover_save

EVENTS = 400


@pytest.fixture
def save(tmp_path: Path) -> Path:
    with new_session(tmp_path) as s:
        s.start_round()
        for n in range(EVENTS - 2):
            s.record_move(team="north", move_type="test", tone=0, text=f"move {n} " + "x" * 200)
    return tmp_path / "s.parley"


def _prefix_holds(session: Session, save_texts: list[str]) -> None:
    texts = [m.text for m in session.state.moves.values()]
    assert texts == save_texts[: len(texts)], "exactly the intact prefix"


def _texts(save: Path) -> list[str]:
    with Session.open(save, read_only=True) as s:
        return [m.text for m in s.state.moves.values()]


def _flip(save: Path, offset: int) -> None:
    data = bytearray(save.read_bytes())
    data[offset] ^= 0xFF
    save.write_bytes(bytes(data))


def test_a_flipped_payload_byte_stops_the_good_events_before_it(save: Path, tmp_path: Path) -> None:
    texts = _texts(save)
    data = save.read_bytes()
    offset = data.index(b"move 250 ")
    _flip(save, offset + 5)
    assert "event 253 does not match" in check_save(save)[-1]  # seq 1 and 2 start it
    with recover_save(save, tmp_path / "new.parley") as new:
        assert new.last_seq == 252
        assert "stop at event 252" in new.stops_at and "event 253" in new.stops_at
        _prefix_holds(new, texts)
    assert check_save(tmp_path / "new.parley") == []


def test_a_truncated_save_is_read_up_to_what_is_left(save: Path, tmp_path: Path) -> None:
    texts = _texts(save)
    size = save.stat().st_size
    with save.open("r+b") as handle:
        handle.truncate(size * 3 // 4 // PAGE_BYTES * PAGE_BYTES)
    assert check_save(save) != []
    with open_damaged(save) as damaged:
        assert damaged.read_only and damaged.path == save
        assert 0 < damaged.last_seq < EVENTS and damaged.stops_at
        _prefix_holds(damaged, texts)


def test_zeroed_pages_stop_the_reading_where_they_start(save: Path, tmp_path: Path) -> None:
    texts = _texts(save)
    data = bytearray(save.read_bytes())
    pages = len(data) // PAGE_BYTES
    start = pages * 3 // 4 * PAGE_BYTES
    data[start : start + 2 * PAGE_BYTES] = bytes(2 * PAGE_BYTES)
    save.write_bytes(bytes(data))
    assert check_save(save) != []
    out = tmp_path / "new.parley"
    run = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "recover", str(save), "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    assert "events recovered" in run.stderr
    with Session.open(out, read_only=True) as new:
        assert 1 < new.last_seq < EVENTS
        _prefix_holds(new, texts)
    assert check_save(out) == []


def test_a_whole_save_recovers_whole(save: Path, tmp_path: Path) -> None:
    with recover_save(save, tmp_path / "new.parley") as new:
        assert new.last_seq == EVENTS and new.stops_at == ""


def test_recover_never_overwrites_and_refuses_what_is_not_a_save(
    save: Path, tmp_path: Path
) -> None:
    with pytest.raises(SaveError, match="already exists"):
        recover_save(save, save)
    junk = tmp_path / "junk.parley"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(SaveError):
        recover_save(junk, tmp_path / "out.parley")
    assert not (tmp_path / "out.parley").exists()


def test_recover_after_a_killed_writer_holds_what_its_own_log_holds(
    save: Path, tmp_path: Path
) -> None:
    kill_a_writer(save)
    wal = save.with_name("s.parley-wal").read_bytes()
    assert wal, "the acknowledged notes are in the killed writer's log"
    with recover_save(save, tmp_path / "new.parley") as new:
        assert [n.text for n in new.state.notes] == [f"acknowledged {n}" for n in range(5)]
        assert new.last_seq == EVENTS + 5 and new.stops_at == ""
    assert save.with_name("s.parley-wal").read_bytes() == wal, "the damaged save is untouched"


def test_recover_of_a_live_save_holds_every_committed_event(save: Path, tmp_path: Path) -> None:
    with Session.open(save) as writer:
        for n in range(3):
            writer.add_note(text=f"committed {n}")  # in the writer's log, not yet merged
        with recover_save(save, tmp_path / "new.parley") as new:
            assert new.last_seq == writer.last_seq
            assert [n.text for n in new.state.notes][-1] == "committed 2"
