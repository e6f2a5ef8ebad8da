"""The save format's tables and migrations: sqlite-utils' tables, older saves that open."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from sessions import minimal, new_session

from conftest import FIXTURES, ROOT
from engine.save import migrations
from engine.save.migrations import CREATE_SQL, FORMAT_VERSION, MIGRATIONS
from engine.session.check import check_save
from engine.session.live import Session

FORMAT_2 = FIXTURES / "format2-store.parley"  # written by Parley 0.1.0 (format 2)


def _tables(path: Path) -> dict[str, list[tuple[str, str, bool, bool]]]:
    """Each table's columns as (name, type, primary key, NOT NULL outside the key)."""
    conn = sqlite3.connect(path)
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    tables = {
        name: [
            (col, kind, bool(pk), bool(notnull) and not pk)
            for _, col, kind, notnull, _, pk in conn.execute(f'PRAGMA table_info("{name}")')
        ]
        for name in names
    }
    conn.close()
    return tables


def _as_format_1(save: Path) -> None:
    """Turn a save back into format 1: chunks in a WITHOUT ROWID table."""
    conn = sqlite3.connect(save)
    conn.execute("DROP TABLE chunks")
    conn.execute("CREATE TABLE chunks (hash TEXT PRIMARY KEY, records BLOB NOT NULL) WITHOUT ROWID")
    conn.execute("UPDATE meta SET value = '1' WHERE key = 'format_version'")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


def test_create_sql_is_what_sqlite_utils_writes_for_the_tables() -> None:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    migrations.create_tables(migrations.database(conn))
    rows = conn.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL")  # no autoindex
    written = tuple(r[0] for r in rows)
    assert written == CREATE_SQL, f"set CREATE_SQL = {written!r}"


def test_migrations_are_numbered_from_format_1_to_the_current_one() -> None:
    assert sorted(MIGRATIONS) == list(range(1, FORMAT_VERSION))


def test_a_new_save_is_made_without_importing_sqlite_utils(tmp_path: Path) -> None:
    """sqlite-utils costs more to import than the app's start-up margin."""
    code = (
        "import sys; sys.path.insert(0, 'tests')\n"
        "from pathlib import Path\n"
        "from sessions import new_session\n"
        f"new_session(Path({str(tmp_path)!r})).close()\n"
        "print('sqlite_utils' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
    assert (tmp_path / "s.parley").exists()


def test_a_format_2_save_written_by_0_1_0_opens_and_takes_new_events(tmp_path: Path) -> None:
    save = tmp_path / "old.parley"
    shutil.copy(FORMAT_2, save)
    with Session.open(save, read_only=True) as replay:
        assert replay.scenario.id == "minimal"
        assert len(replay.state.notes) == 1011
        assert replay.state.notes[-1].text == "written by Parley 0.1.0 in save format 2"
        expected = replay.state
    with Session.open(save) as s:
        assert s.state == expected
        s.add_note(text="written by this version")
    with Session.open(save, read_only=True) as replay:
        assert replay.state.notes[-1].text == "written by this version"
    old = _tables(FORMAT_2)  # format 3 adds the events' chained checksums, and only them
    assert _tables(save) == {**old, "events": [*old["events"], ("hash", "BLOB", False, True)]}
    assert check_save(save) == []


def test_a_migrated_save_has_the_tables_of_a_new_one(tmp_path: Path) -> None:
    old = tmp_path / "old.parley"
    shutil.copy(FORMAT_2, old)
    _as_format_1(old)
    with Session.open(old) as s:  # a writer migrates, with sqlite-utils
        expected_notes = len(s.state.notes)
        s.add_note(text="after the migration")
    with new_session(tmp_path, "new.parley"):
        pass
    assert _tables(old) == _tables(tmp_path / "new.parley")
    conn = sqlite3.connect(old)
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'chunks'").fetchone()[0]
    assert "WITHOUT ROWID" not in sql.upper()
    assert conn.execute("PRAGMA user_version").fetchone()[0] == FORMAT_VERSION
    conn.close()
    with Session.open(old, read_only=True) as replay:
        assert len(replay.state.notes) == expected_notes + 1
        assert replay.store.snapshots_valid


def test_a_new_save_has_the_current_tables(tmp_path: Path) -> None:
    with Session.create(minimal(), tmp_path / "s.parley"):
        pass
    assert set(_tables(tmp_path / "s.parley")) == set(migrations.TABLES)
