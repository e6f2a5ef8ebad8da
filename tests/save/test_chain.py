"""The event chain: every row checksummed and chained; ``check`` names the first bad one."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sessions import new_session

from engine.save.migrations import FORMAT_VERSION
from engine.session.check import check_save
from engine.session.live import Session


@pytest.fixture
def save(tmp_path: Path) -> Path:
    with new_session(tmp_path) as s:
        s.start_round()
        for n in range(4):
            s.record_move(team="north", move_type="test", tone=-1, text=f"move {n}")
        s.add_note(text="the last word")
    return tmp_path / "s.parley"


def _edit(save: Path, *statements: str) -> None:
    conn = sqlite3.connect(save)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def _flip_payload_byte(conn: sqlite3.Connection) -> None:
    payload = conn.execute("SELECT payload FROM events WHERE seq = 4").fetchone()[0]
    changed = payload.replace("move 1", "move 7")
    conn.execute("UPDATE events SET payload = ? WHERE seq = 4", (changed,))


def _run(save: Path, edit: Callable[[sqlite3.Connection], None]) -> None:
    conn = sqlite3.connect(save)
    edit(conn)
    conn.commit()
    conn.close()


EDITS: dict[str, tuple[Callable[[sqlite3.Connection], object], str]] = {
    "kind changed": (
        lambda c: c.execute("UPDATE events SET kind = 'NoteAdded' WHERE seq = 3"),
        "event 3 does not match its checksum",
    ),
    "payload byte flipped": (_flip_payload_byte, "event 4 does not match its checksum"),
    "envelope actor edited": (
        lambda c: c.execute("UPDATE events SET actor = 'south' WHERE seq = 5"),
        "event 5 does not match",
    ),
    "envelope time edited": (
        lambda c: c.execute("UPDATE events SET at = at + 1 WHERE seq = 2"),
        "event 2 does not match",
    ),
    "envelope round edited": (
        lambda c: c.execute("UPDATE events SET round = 9 WHERE seq = 6"),
        "event 6 does not match",
    ),
    "a row deleted": (
        lambda c: c.execute("DELETE FROM events WHERE seq = 4"),
        "event 4 is missing",
    ),
    "the last row deleted": (
        lambda c: c.execute("DELETE FROM events WHERE seq = 7"),
        "events 7 to 7 are missing",
    ),
    "a row inserted at the end": (
        lambda c: c.execute(
            "INSERT INTO events SELECT 8, at, round, actor, kind, payload, hash "
            "FROM events WHERE seq = 7"
        ),
        "event 8 does not match its checksum",
    ),
    "a row inserted with a made-up checksum": (
        lambda c: c.execute(
            "INSERT INTO events SELECT 8, at, round, actor, kind, payload, zeroblob(16) "
            "FROM events WHERE seq = 7"
        ),
        "event 8 does not match its checksum",
    ),
    "two rows swapped": (
        lambda c: (
            c.execute("UPDATE events SET seq = 100 WHERE seq = 3"),
            c.execute("UPDATE events SET seq = 3 WHERE seq = 4"),
            c.execute("UPDATE events SET seq = 4 WHERE seq = 100"),
        ),
        "event 3 does not match",
    ),
}


def test_a_sound_save_checks_ok(save: Path) -> None:
    assert check_save(save) == []


@pytest.mark.parametrize("name", EDITS)
def test_check_names_the_first_bad_event(save: Path, name: str) -> None:
    edit, expected = EDITS[name]
    _run(save, edit)  # type: ignore[arg-type]
    problems = check_save(save)
    assert problems and "the log breaks at" in problems[-1]
    assert expected in problems[-1], problems


def test_a_format_2_save_is_chained_by_its_migration_not_refused(save: Path) -> None:
    with Session.open(save, read_only=True) as s:
        expected = s.state
    _edit(
        save,
        "ALTER TABLE events DROP COLUMN hash",
        "DELETE FROM meta WHERE key IN ('chain_seq', 'chain_tip')",
        "UPDATE meta SET value = '2' WHERE key = 'format_version'",
        "PRAGMA user_version = 2",
    )
    assert check_save(save) == [], "an unchained old save is read as it is"
    with Session.open(save) as s:
        assert s.state == expected
        s.add_note(text="after the migration")
    conn = sqlite3.connect(save)
    assert conn.execute("SELECT count(*) FROM events WHERE hash IS NULL").fetchone()[0] == 0
    assert conn.execute("PRAGMA user_version").fetchone()[0] == FORMAT_VERSION == 3
    conn.close()
    assert check_save(save) == []
    _edit(save, "UPDATE events SET kind = 'NoteAdded' WHERE seq = 3")
    assert "event 3 does not match" in check_save(save)[-1]


def test_the_chain_is_read_whole_while_a_writer_appends(
    save: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tip the writer recorded and the rows are read as of one commit: a reader
    (``check`` on a live save, an export) never takes an append for an added row."""
    from engine.save import chain
    from engine.save.store import Store

    writer = Session.open(save)
    reader = Store.open(save, read_only=True)
    recorded_tip = chain.recorded_tip

    def tip_then_append(conn: sqlite3.Connection) -> tuple[int, bytes] | None:
        tip = recorded_tip(conn)
        writer.add_note(text="committed between the tip and the rows")
        return tip

    monkeypatch.setattr(chain, "recorded_tip", tip_then_append)
    try:
        assert reader.chain_break() is None
    finally:
        reader.close()
        writer.close()
    monkeypatch.undo()
    assert check_save(save) == []


def test_check_of_a_live_save_is_of_the_save_as_it_opened(
    save: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Events a live writer appends while ``check`` reads are not a difference between
    the state it folded and the log (they were: exit 3 on a sound, live save)."""
    writer = Session.open(save)
    opened = Session.open

    def open_then_append(path: Path, *, read_only: bool = False) -> Session:
        session = opened(path, read_only=read_only)
        for n in range(3):
            writer.add_note(text=f"written after check opened it {n}")
        return session

    monkeypatch.setattr(Session, "open", open_then_append)
    try:
        assert check_save(save) == []
    finally:
        monkeypatch.undo()
        writer.close()
    assert check_save(save) == []
