"""The replay cursor: every step gives ``state_at``, the viewer's state gives ``view_state``;
branches hold their parent's prefix; a save being written can be replayed."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path
from unittest.mock import patch

import pytest
from sessions import minimal

from conftest import ROOT, SCENARIOS
from engine.domain.events import CONTROL
from engine.domain.visibility import PUBLIC, view_state
from engine.errors import SaveLockedError, UnknownRecordError
from engine.scenario import load_scenario
from engine.session.check import check_save
from engine.session.exchange import export_document
from engine.session.live import Session
from engine.session.replay import ReplayCursor
from engine.session.simulate import simulate_session


@pytest.fixture(scope="module")
def save(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A simulated session with undo and redo in it (the prologue has both)."""
    path = tmp_path_factory.mktemp("replay") / "r.parley"
    scenario = load_scenario(SCENARIOS / "after-hanoi-2019.toml")
    simulate_session(scenario, path, 2, seed=11, events_per_round=30).close()
    return path


@pytest.fixture
def session(save: Path) -> Session:
    opened = Session.open(save, read_only=True)
    yield opened
    opened.close()


def test_stepping_forward_gives_the_state_at_every_event(session: Session) -> None:
    cursor = ReplayCursor(session, seq=0)
    kinds = set()
    while (step := cursor.step_forward()) is not None:
        assert step.forward and step.envelope is not None and step.seq == step.envelope.seq
        kinds.add(step.envelope.kind)
        assert cursor.state == session.state_at(cursor.seq), f"at event {cursor.seq}"
    assert cursor.seq == session.last_seq
    assert "EventVoided" in kinds  # the walk did cross voids


def test_stepping_back_gives_the_state_at_every_event(session: Session) -> None:
    cursor = ReplayCursor(session)
    for seq in range(session.last_seq - 1, -1, -1):
        step = cursor.step_back()
        assert step is not None and not step.forward and step.envelope.seq == seq + 1  # type: ignore[union-attr]
        assert cursor.state == session.state_at(seq), f"at event {seq}"
        if seq % 17 == 0:
            cursor.seek(seq)  # and after a jump, with nothing cached
    assert cursor.step_back() is None


@pytest.mark.parametrize("viewer", ["usa", "dprk", "china", PUBLIC])
def test_the_viewer_s_state_follows_every_step(session: Session, viewer: str) -> None:
    cursor = ReplayCursor(session, seq=0, viewer=viewer)
    while cursor.step_forward() is not None:
        expected = view_state(session.state_at(cursor.seq), viewer, session.scenario)
        assert cursor.view == expected, f"at event {cursor.seq}"
    for _ in range(25):
        cursor.step_back()
        assert cursor.view == view_state(session.state_at(cursor.seq), viewer, session.scenario)


def test_a_state_handed_out_never_changes(session: Session) -> None:
    cursor = ReplayCursor(session, seq=10)
    kept, kept_view = cursor.state, cursor.view
    for _ in range(30):
        cursor.step_forward()
    assert kept == session.state_at(10) and kept_view is kept


def test_changing_the_viewer_and_seeking(session: Session) -> None:
    cursor = ReplayCursor(session, seq=40)
    assert cursor.view is cursor.state
    cursor.set_viewer("rok")
    assert cursor.view == view_state(session.state_at(40), "rok", session.scenario)
    assert cursor.bookmarks() == []  # bookmarks are Control's
    cursor.set_viewer(CONTROL)
    assert cursor.bookmarks() and all(b.label for b in cursor.bookmarks())
    with pytest.raises(UnknownRecordError):
        cursor.seek(session.last_seq + 1)


def test_round_marks_are_where_rounds_start(session: Session) -> None:
    marks = ReplayCursor(session).rounds()
    assert [m.round for m in marks] == [1, 2]
    for mark in marks:
        assert session.envelope(mark.seq).kind == "RoundStarted"
        assert session.state_at(mark.seq).round == mark.round
    assert marks[0].title == session.scenario.rounds[0].title


def test_a_branch_exported_to_json_is_its_parent_s_prefix(save: Path, tmp_path: Path) -> None:
    with Session.open(save, read_only=True) as parent:
        seq = parent.last_seq // 2
        cursor = ReplayCursor(parent, seq=seq)
        with parent.branch(seq=cursor.seq, path=tmp_path / "b.parley") as child:
            assert child.meta["parent_path"] == str(save.resolve())
            assert child.meta["parent_seq"] == str(seq)
            assert child.meta["parent_log_hash"] == parent.log_hash(seq)
            assert child.state == cursor.state and not child.read_only
            mine, theirs = export_document(child), export_document(parent)
            assert mine["events"] == theirs["events"][:seq]
            assert mine["scenario"] == theirs["scenario"]
    assert check_save(tmp_path / "b.parley") == []


def test_a_branch_of_a_save_with_stale_snapshots_folds_its_own(save: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.parley"
    old.write_bytes(save.read_bytes())
    conn = sqlite3.connect(old)
    conn.execute("UPDATE meta SET value = 'another shape' WHERE key = 'state_schema'")
    conn.execute("UPDATE snapshots SET state = x'c0'")  # a shape this code cannot read
    conn.commit()
    conn.close()
    with Session.open(old, read_only=True) as parent:
        assert not parent.store.snapshots_valid
        with parent.branch(seq=45, path=tmp_path / "b.parley") as child:
            assert child.state == parent.state_at(45)
    assert check_save(tmp_path / "b.parley") == []


def test_a_save_being_written_here_can_be_replayed(tmp_path: Path) -> None:
    path = tmp_path / "live.parley"
    with Session.create(minimal(), path) as writer:
        writer.start_round()
        writer.record_move(team="north", move_type="test", tone=-2, text="launch")
        with pytest.raises(SaveLockedError):
            Session.open(path)
        with Session.open(path, read_only=True) as reader:
            cursor = ReplayCursor(reader, seq=0)
            while cursor.step_forward() is not None:
                pass
            writer.record_move(team="south", move_type="statement", tone=1, text="calm")
            assert cursor.state == reader.state_at(3) and len(cursor.state.moves) == 1
        with Session.open(path, read_only=True) as later:
            assert ReplayCursor(later).state.moves.keys() == writer.state.moves.keys()


WRITER = """
import sys
sys.path.insert(0, {root!r})
from engine.scenario import load_scenario
from engine.session.live import Session
s = Session.create(load_scenario({scenario!r}), {path!r})
s.start_round()
for i in range(20):
    s.record_move(team="north", move_type="statement", tone=1, text=f"move {{i}}")
print("ready", s.last_seq, flush=True)
sys.stdin.readline()
s.record_move(team="south", move_type="statement", tone=0, text="one more")
print("done", s.last_seq, flush=True)
sys.stdin.readline()
"""


def test_a_save_held_by_another_process_can_be_replayed(tmp_path: Path) -> None:
    path = tmp_path / "other.parley"
    code = WRITER.format(root=str(ROOT), scenario=str(ROOT / "tests/fixtures/minimal.toml"),
                         path=str(path))  # fmt: skip
    writer = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert writer.stdin is not None and writer.stdout is not None
    try:
        assert writer.stdout.readline().split() == ["ready", "22"]
        with pytest.raises(SaveLockedError):
            Session.open(path)
        with Session.open(path, read_only=True) as reader:
            cursor = ReplayCursor(reader, seq=0)
            while cursor.step_forward() is not None:
                assert cursor.state == reader.state_at(cursor.seq)
            writer.stdin.write("\n")
            writer.stdin.flush()
            assert writer.stdout.readline().split() == ["done", "23"]
            cursor.seek(5)
            assert len(cursor.state.moves) == 3
        with Session.open(path, read_only=True) as later:
            assert later.last_seq == 23
    finally:
        writer.stdin.close()
        writer.wait(timeout=10)


def test_records_of_a_seeked_state_read_newest_first(tmp_path: Path) -> None:
    """The app's tables take new records from the end of the state's mappings, also when
    they lie in a snapshot's layers."""
    scenario = load_scenario(SCENARIOS / "after-hanoi-2019.toml")
    with patch("engine.session.live.SNAPSHOT_EVERY", 10):
        simulate_session(scenario, tmp_path / "s.parley", 2, seed=2, events_per_round=30).close()
    session = Session.open(tmp_path / "s.parley", read_only=True)
    state = session.state_at(session.last_seq - 3)
    assert "layers" in repr(state.moves) and not repr(state.moves).startswith("LayeredRecords(0")
    for records in (state.moves, state.demands, state.commitments, state.agreements):
        assert list(reversed(records.values())) == list(records.values())[::-1]
        assert list(reversed(records)) == list(records)[::-1]
        assert len(records.values()) == len(records)
    cursor = ReplayCursor(session, seq=session.last_seq - 3)
    cursor.step_forward()  # a copy, folded one event further, reads the same way
    moves = cursor.state.moves
    assert list(reversed(moves.values())) == list(moves.values())[::-1]
    session.close()
