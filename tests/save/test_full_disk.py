"""A full disk: the command is refused saying so, nothing acknowledged is lost, and the
session works again once there is space."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sessions import new_session

from conftest import fill_disk
from engine.errors import SaveError
from engine.session.live import Session


def test_a_full_disk_refuses_the_command_and_loses_nothing(small_disk: Path) -> None:
    session = new_session(small_disk)
    session.start_round()
    session.add_note(text="before the disk filled")
    acknowledged, state = session.last_seq, session.state
    filler = fill_disk(small_disk)
    refused = 0
    for n in range(200):  # until the log cannot grow
        try:
            session.add_note(text=f"{n} " + "x" * 2000)
        except SaveError as error:
            assert "is full" in str(error) and "nothing was written" in str(error)
            refused += 1
            break
        acknowledged = session.last_seq
    assert refused == 1
    assert session.last_seq == acknowledged, "the refused note was not counted"
    assert state.notes[0].text == "before the disk filled"
    filler.unlink()
    session.add_note(text="after space returned")  # the same session goes on
    session.close()
    with Session.open(small_disk / "s.parley", read_only=True) as again:
        assert again.last_seq == acknowledged + 1
        assert again.state.notes[-1].text == "after space returned"


class _FullAtCommit:
    """A connection whose next COMMIT fails as SQLite does on a full disk."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self.full = True

    def execute(self, sql: str, *args: Any) -> Any:
        if sql == "COMMIT" and self.full:
            self.full = False
            raise sqlite3.OperationalError("database or disk is full")
        return self._conn.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


def test_a_full_disk_at_commit_is_a_save_error_and_the_session_goes_on(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    session.start_round()
    before = session.last_seq
    real = session.store.conn
    session.store.conn = _FullAtCommit(real)  # type: ignore[assignment]
    with pytest.raises(SaveError, match="is full: nothing was written"):
        session.add_note(text="refused")
    assert session.last_seq == before and not session.state.notes
    session.add_note(text="accepted")
    session.store.conn = real
    session.close()
    with Session.open(tmp_path / "s.parley", read_only=True) as again:
        assert [n.text for n in again.state.notes] == ["accepted"]
        assert again.last_seq == before + 1
