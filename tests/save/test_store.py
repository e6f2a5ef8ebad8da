"""The save file: format, bad saves (left byte-identical), one writer, read-only opening."""

# ruff: noqa: E501  (tables of commands read best one per line)

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sessions import minimal, new_session

from conftest import ROOT
from engine.errors import SaveError, SaveLockedError
from engine.save.migrations import APPLICATION_ID, FORMAT_VERSION
from engine.session.live import Session


@pytest.fixture
def save(tmp_path: Path) -> Path:
    with new_session(tmp_path) as s:
        s.start_round()
        s.record_move(team="north", move_type="test", tone=-2, text="launch")
        s.add_note(text="hello")
    return tmp_path / "s.parley"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_save_is_plain_sqlite_in_wal_mode(save: Path) -> None:
    conn = sqlite3.connect(save)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == FORMAT_VERSION
    meta = dict(conn.execute("SELECT key, value FROM meta"))
    assert meta["format_version"] == str(FORMAT_VERSION)
    assert {"app_version", "created", "scenario_id"} <= meta.keys()
    assert conn.execute("SELECT source FROM scenario").fetchone()[0] == minimal().source
    rows = conn.execute("SELECT kind, json_extract(payload, '$.team') FROM events").fetchall()
    assert rows[2] == ("MoveRecorded", "north")
    conn.close()


def test_a_save_opens_without_its_scenario_file_and_create_never_overwrites(save: Path) -> None:
    with Session.open(save) as s:
        assert s.scenario.id == "minimal" and len(s.state.moves) == 1
    before = digest(save)
    with pytest.raises(SaveError, match="already exists"):
        Session.create(minimal(), save)
    assert digest(save) == before


def _sqlite_not_parley(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()


def _newer(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'format_version'")
    conn.commit()
    conn.execute("PRAGMA journal_mode = DELETE")  # leave no -wal beside it
    conn.close()


BAD: dict[str, tuple[str, object]] = {
    "not sqlite": ("not a Parley save", lambda p, save: p.write_bytes(b"hello, not a database" * 50)),
    "empty": ("not a Parley save", lambda p, save: p.write_bytes(b"")),
    "truncated": ("damaged", lambda p, save: p.write_bytes(save.read_bytes()[: len(save.read_bytes()) // 2])),
    "garbled": ("not a Parley save", lambda p, save: p.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)),
    "sqlite, not parley": ("not a Parley save", lambda p, save: _sqlite_not_parley(p)),
    "newer format": ("newer than this Parley knows", lambda p, save: (p.write_bytes(save.read_bytes()), _newer(p))),
}  # fmt: skip


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
@pytest.mark.parametrize("read_only", [False, True], ids=["write", "read-only"])
def test_a_bad_save_gets_a_clear_error_and_stays_byte_identical(
    tmp_path: Path, save: Path, case: str, read_only: bool
) -> None:
    words, make = BAD[case]
    path = tmp_path / "bad.parley"
    make(path, save)  # type: ignore[operator]
    before = digest(path)
    with pytest.raises(SaveError, match=words):
        Session.open(path, read_only=read_only)
    assert digest(path) == before
    assert not (tmp_path / "bad.parley.lock").exists()


def test_missing_and_folder(tmp_path: Path) -> None:
    with pytest.raises(SaveError, match="no save at"):
        Session.open(tmp_path / "nope.parley")
    with pytest.raises(SaveError, match="not a file"):
        Session.open(tmp_path)


@pytest.fixture
def read_only_file(save: Path) -> Iterator[Path]:
    save.chmod(stat.S_IRUSR | stat.S_IRGRP)
    yield save
    save.chmod(0o644)


def test_a_read_only_file_opens_for_replay_only(read_only_file: Path) -> None:
    before = digest(read_only_file)
    with pytest.raises(SaveError, match="is read-only"):
        Session.open(read_only_file)
    with Session.open(read_only_file, read_only=True) as replay:
        assert len(replay.state.moves) == 1
    assert digest(read_only_file) == before


def test_a_save_in_a_read_only_folder_opens_for_replay_only(save: Path) -> None:
    folder = save.parent
    before = digest(save)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(SaveError, match=r"folder .* is read-only"):
            Session.open(save)
        with Session.open(save, read_only=True) as replay:
            assert replay.state.notes[0].text == "hello"
        with pytest.raises(SaveError, match="read-only"):
            Session.create(minimal(), folder / "new.parley")
    finally:
        folder.chmod(0o755)
    assert digest(save) == before


def test_a_second_writer_is_refused_and_a_reader_is_allowed(save: Path) -> None:
    with Session.open(save) as writer:
        with pytest.raises(SaveLockedError, match="open for writing in another Parley"):
            Session.open(save)
        code = (
            "import sys; from engine.session.live import Session; from engine.errors import SaveError\n"
            f"try: Session.open({str(save)!r})\n"
            "except SaveError as e: print(e); sys.exit(3)\n"
        )
        other = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True
        )
        assert other.returncode == 3 and "another Parley" in other.stdout
        writer.add_note(text="written while a reader looks")
        with Session.open(save, read_only=True) as reader:
            assert reader.state == writer.state
    with Session.open(save) as again:  # the lock went with the writer
        assert again.state.notes[-1].text == "written while a reader looks"
    assert not Path(str(save) + ".lock").exists()


def test_a_killed_writer_leaves_no_lock(save: Path) -> None:
    code = (
        "import os, signal; from engine.session.live import Session\n"
        f"s = Session.open({str(save)!r}); print('open', flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.stdout == "open\n" and done.returncode == -9
    with Session.open(save) as s:
        assert len(s.state.moves) == 1


def test_snapshots_of_another_state_shape_are_rebuilt(save: Path) -> None:
    with Session.open(save) as s:
        expected = s.state
    conn = sqlite3.connect(save)
    conn.execute("UPDATE meta SET value = 'old' WHERE key = 'state_schema'")
    conn.commit()
    conn.close()
    with Session.open(save, read_only=True) as replay:
        assert replay.state == expected  # folded from the log alone
    with Session.open(save) as s:
        assert s.state == expected
        assert s.store.meta["state_schema"] != "old"


def _as_format_1(save: Path) -> None:
    """Turn a save back into format 1: chunks in a WITHOUT ROWID table."""
    conn = sqlite3.connect(save)
    conn.execute("DROP TABLE chunks")
    conn.execute("CREATE TABLE chunks (hash TEXT PRIMARY KEY, records BLOB NOT NULL) WITHOUT ROWID")
    conn.execute("DELETE FROM snapshots")
    conn.execute("ALTER TABLE events DROP COLUMN hash")  # format 3's chain
    conn.execute("DELETE FROM meta WHERE key IN ('chain_seq', 'chain_tip')")
    conn.execute("UPDATE meta SET value = '1' WHERE key = 'format_version'")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


def test_a_format_1_save_is_read_as_it_is_and_migrated_by_a_writer(save: Path) -> None:
    with Session.open(save) as s:
        expected = s.state
    _as_format_1(save)
    before = digest(save)
    with Session.open(save, read_only=True) as replay:
        assert replay.state == expected  # the log is read; the old chunks are not trusted
    assert digest(save) == before, "a read-only opening never migrates"
    with Session.open(save) as s:
        assert s.state == expected
        s.add_note(text="after the migration")
    conn = sqlite3.connect(save)
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'chunks'").fetchone()[0]
    assert "WITHOUT ROWID" not in sql.upper()
    assert conn.execute("PRAGMA user_version").fetchone()[0] == FORMAT_VERSION
    assert conn.execute("SELECT count(*) FROM snapshots").fetchone()[0] >= 1, "rebuilt"
    conn.close()
    with Session.open(save, read_only=True) as replay:
        assert replay.state.notes[-1].text == "after the migration"
        assert replay.store.snapshots_valid


def test_check_verb_reports_ok_and_a_tampered_snapshot(save: Path) -> None:
    run = [sys.executable, str(ROOT / "main.py"), "check", str(save)]
    ok = subprocess.run(run, capture_output=True, text=True)
    assert ok.returncode == 0 and ok.stdout.strip().endswith("ok")
    conn = sqlite3.connect(save)
    conn.execute(
        "UPDATE events SET payload = replace(payload, 'hello', 'HELLO') WHERE kind = 'NoteAdded'"
    )
    conn.commit()
    conn.close()
    with Session.open(save) as s:  # a new snapshot at the end disagrees with the old log
        s.store.conn.execute("BEGIN IMMEDIATE")
        s.store.write_snapshot(s.state)
        s.store.conn.execute("COMMIT")
    conn = sqlite3.connect(save)
    conn.execute(
        "UPDATE events SET payload = replace(payload, 'HELLO', 'hello') WHERE kind = 'NoteAdded'"
    )
    conn.commit()
    conn.close()
    bad = subprocess.run(run, capture_output=True, text=True)
    assert bad.returncode == 3 and "differs from a fresh fold" in bad.stderr
    os.environ.get("X")  # keep os imported for the chmod fixtures


def test_the_state_schema_constant_matches_the_state_shape() -> None:
    """Change SessionState or the snapshot core, and this asks for the new digest, so old
    snapshots are never misread as the new shape."""
    from engine.save.migrations import STATE_SCHEMA, state_schema

    assert state_schema() == STATE_SCHEMA, f"set STATE_SCHEMA = {state_schema()!r}"
