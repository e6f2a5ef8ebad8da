"""One writer for sure, and a save deleted, renamed or replaced under a live session is
noticed at the next command: the session goes on in a recovered copy, nothing lost."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from sessions import new_session

from engine.errors import SaveLockedError, SaveMovedError
from engine.session.check import check_save
from engine.session.live import Session


def _live(tmp_path: Path) -> Session:
    s = new_session(tmp_path)
    s.start_round()
    for n in range(5):
        s.add_note(text=f"note {n}")
    return s


def _delete(save: Path) -> None:
    save.unlink()


def _rename(save: Path) -> None:
    save.rename(save.with_name("elsewhere.parley"))


def _replace(save: Path) -> None:
    other = save.with_name("replacement.bin")
    other.write_bytes(b"someone else's file")
    os.replace(other, save)


@pytest.mark.parametrize(
    ("change", "how"),
    [(_delete, "deleted or renamed"), (_rename, "deleted or renamed"), (_replace, "replaced")],
)
def test_the_session_goes_on_in_a_recovered_copy(
    tmp_path: Path, change: Callable[[Path], None], how: str
) -> None:
    session = _live(tmp_path)
    save = session.path
    acknowledged = session.last_seq
    change(save)
    with pytest.raises(SaveMovedError) as raised:
        session.add_note(text="after the change")
    recovered = tmp_path / "s (recovered).parley"
    message = str(raised.value)
    assert f"s.parley was {how}" in message and str(recovered) in message
    assert "Nothing recorded is lost" in message and "not recorded" in message
    assert session.path == recovered and session.last_seq == acknowledged
    session.add_note(text="in the copy")  # the session goes on
    session.close()
    with Session.open(recovered, read_only=True) as copy:
        texts = [n.text for n in copy.state.notes]
    assert texts == [f"note {n}" for n in range(5)] + ["in the copy"]
    assert check_save(recovered) == []
    if change is _replace:
        assert save.read_bytes() == b"someone else's file", "the replacement is untouched"
    assert not save.with_name("s.parley-wal").exists()


def test_renaming_the_save_admits_no_second_writer(tmp_path: Path) -> None:
    session = _live(tmp_path)
    moved = tmp_path / "moved.parley"
    session.path.rename(moved)
    with pytest.raises(SaveLockedError):
        Session.open(moved)
    assert not (tmp_path / "moved.parley.lock").exists(), "the refusal leaves no file"
    session.close()


def test_deleting_the_lock_file_admits_no_second_writer(tmp_path: Path) -> None:
    session = _live(tmp_path)
    (tmp_path / "s.parley.lock").unlink()
    with pytest.raises(SaveLockedError):
        Session.open(tmp_path / "s.parley")
    session.add_note(text="still the one writer")
    session.close()
    with Session.open(tmp_path / "s.parley", read_only=True) as s:
        assert s.state.notes[-1].text == "still the one writer"
