"""A refused command changes no byte; readers leave nothing beside a closed save; the
writer truncates and removes its log on close; ``parley copy`` copies what the log holds."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sessions import kill_a_writer, new_session

from conftest import ROOT
from engine.errors import SaveError
from engine.save.copy import copy_save
from engine.session.check import check_save
from engine.session.exchange import export_json_text
from engine.session.live import Session


def _listing(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def save(tmp_path: Path) -> Path:
    folder = tmp_path / "saves"
    folder.mkdir()
    with new_session(folder) as s:
        s.start_round()
        s.record_move(team="north", move_type="test", tone=1, text="first")
    return folder / "s.parley"


def test_the_writer_removes_its_log_and_lock_on_close(save: Path) -> None:
    with Session.open(save) as s:
        s.add_note(text="one more")
        assert save.with_name("s.parley-wal").exists()
    assert sorted(p.name for p in save.parent.iterdir()) == ["s.parley"]


def test_read_only_commands_leave_nothing_beside_a_closed_save(save: Path) -> None:
    before = _listing(save.parent)
    with Session.open(save, read_only=True) as replay:
        export_json_text(replay)
    assert check_save(save) == []
    for verb in (["check", str(save)], ["export", str(save), "--format", "json"]):
        run = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), *verb], capture_output=True, cwd=ROOT
        )
        assert run.returncode == 0, run.stderr
    assert _listing(save.parent) == before


def _foreign_log(tmp_path: Path) -> bytes:
    """The log of another save, taken while its writer is live (it holds frames)."""
    with new_session(tmp_path, "other.parley") as other:
        other.start_round()
        for n in range(20):
            other.add_note(text=f"other {n}")
        return (tmp_path / "other.parley-wal").read_bytes()


def test_a_foreign_log_is_never_merged_and_the_refusal_changes_nothing(
    save: Path, tmp_path: Path
) -> None:
    save.with_name("s.parley-wal").write_bytes(_foreign_log(tmp_path))
    before = _listing(save.parent)
    with pytest.raises(SaveError, match="not this save's"):
        Session.open(save)
    assert _listing(save.parent) == before, "no byte of any file changed"
    with Session.open(save, read_only=True) as replay:  # read as it is, without the log
        assert [e.kind for e in replay.events()][-1] == "MoveRecorded"
    problems = check_save(save)
    assert problems and "not merged" in problems[0]
    assert _listing(save.parent) == before


def test_a_killed_writers_own_log_is_merged_by_the_next_writer(save: Path) -> None:
    kill_a_writer(save)
    assert save.with_name("s.parley-wal").stat().st_size > 0
    problems = check_save(save)
    assert problems and "not merged" in problems[0], "check warns of the unmerged log"
    with Session.open(save) as s:
        assert [n.text for n in s.state.notes][-1] == "acknowledged 4"
    assert check_save(save) == []


def test_copy_of_a_killed_writers_save_holds_what_its_log_holds(save: Path) -> None:
    kill_a_writer(save)
    before = _listing(save.parent)
    dest = save.parent.parent / "copy.parley"
    run = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "copy", str(save), str(dest)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    assert _listing(save.parent) == before, "the original is left as it is"
    assert sorted(p.name for p in dest.parent.iterdir() if p.is_file()) == ["copy.parley"]
    with Session.open(dest, read_only=True) as copy:
        assert [n.text for n in copy.state.notes][-1] == "acknowledged 4"
    assert check_save(dest) == []


def test_copy_of_a_live_save_holds_every_committed_event(save: Path, tmp_path: Path) -> None:
    with Session.open(save) as live:
        for n in range(50):
            live.add_note(text=f"live {n}")
        copy_save(save, tmp_path / "by-path.parley")
        copy_save(live.store, tmp_path / "by-store.parley")
        last = live.last_seq
    for name in ("by-path.parley", "by-store.parley"):
        with Session.open(tmp_path / name, read_only=True) as copy:
            assert copy.last_seq == last
        assert check_save(tmp_path / name) == []
    with pytest.raises(SaveError, match="never overwrites"):
        copy_save(save, tmp_path / "by-path.parley")


def test_a_log_left_by_a_reader_open_at_close_is_merged(save: Path) -> None:
    writer = Session.open(save)
    reader = Session.open(save, read_only=True)  # a reader of the live save: it shares the log
    try:
        with writer as s:
            for n in range(5):
                s.add_note(text=f"n{n}")
            reader.state_at(reader.last_seq)  # the reader reads while the writer writes
        # the reader may keep the log alive: it is this save's, and recorded as such
        wal = save.with_name("s.parley-wal")
        assert not wal.exists() or wal.stat().st_size == 0, "the writer truncated its log"
        alone = save.with_name("alone.parley")
        alone.write_bytes(save.read_bytes())  # the .parley alone, as a careless copy takes it
        with Session.open(alone, read_only=True) as copy:
            assert copy.state.notes[-1].text == "n4", "the file alone holds every event"
    finally:
        reader.close()
    with Session.open(save) as s:
        assert s.state.notes[-1].text == "n4"


def test_a_log_no_writer_recorded_is_refused(save: Path) -> None:
    """A killed writer's log whose record (the sidecar) is gone is not known to be this
    save's: it is refused, never merged on trust."""
    kill_a_writer(save)
    wal = save.with_name("s.parley-wal").read_bytes()
    os.unlink(save.with_name("s.parley.lock"))
    save.with_name("s.parley-wal").write_bytes(wal)
    before = _listing(save.parent)
    with pytest.raises(SaveError, match="not this save's"):
        Session.open(save)
    assert _listing(save.parent) == before


def test_a_reader_open_when_the_writer_closes_leaves_only_the_save(save: Path) -> None:
    writer = Session.open(save)
    writer.add_note(text="while a replay is open")
    first = Session.open(save, read_only=True)
    second = Session.open(save, read_only=True)
    writer.close()
    assert save.with_name("s.parley-wal").stat().st_size == 0, "the writer truncated its log"
    before = save.read_bytes()
    first.close()  # another reader still shares the log: it stays
    assert save.with_name("s.parley-shm").exists()
    second.close()
    assert sorted(p.name for p in save.parent.iterdir()) == ["s.parley"]
    assert save.read_bytes() == before, "closing a reader changes no byte of the save"
    assert check_save(save) == []


def test_a_reader_leaves_a_live_writers_log_alone(save: Path) -> None:
    script = (
        "import sys, time\n"
        "from engine.session.live import Session\n"
        "s = Session.open(sys.argv[1])\n"
        "s.add_note(text='live')\n"
        "print('open', flush=True)\n"
        "sys.stdin.readline()\n"
        "s.add_note(text='after the reader')\n"
        "s.close()\n"
    )
    writer = subprocess.Popen(
        [sys.executable, "-c", script, str(save)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "open"
        with Session.open(save, read_only=True) as reader:
            assert reader.state.notes[-1].text == "live"
        assert save.with_name("s.parley-wal").stat().st_size > 0, "the writer's log is kept"
        assert save.with_name("s.parley.lock").exists()
    finally:
        assert writer.stdin is not None
        writer.stdin.write("\n")
        writer.stdin.close()
        assert writer.wait(timeout=30) == 0
    assert sorted(p.name for p in save.parent.iterdir()) == ["s.parley"]
    with Session.open(save, read_only=True) as s:
        assert s.state.notes[-1].text == "after the reader"
