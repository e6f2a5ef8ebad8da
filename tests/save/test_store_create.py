"""Creating a save: the app version is a constant, and the tables, the first event and its
snapshot go to disk in one transaction (one durable commit at the start of a session)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT, SCENARIOS
from engine.errors import SaveError
from engine.save.store import Store, app_version
from engine.scenario import load_scenario
from engine.session.live import Session
from engine.version import __version__


def test_the_app_version_is_the_project_version() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert app_version() == __version__ == project["project"]["version"]


def test_a_new_session_is_one_transaction(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    commits: list[str] = []
    real_connect = sqlite3.connect

    def counting_connect(*args: object, **kwargs: object) -> sqlite3.Connection:
        conn = real_connect(*args, **kwargs)  # type: ignore[arg-type]
        conn.set_trace_callback(lambda sql: commits.append(sql) if sql == "COMMIT" else None)
        return conn

    monkeypatch.setattr(sqlite3, "connect", counting_connect)
    scenario = load_scenario(SCENARIOS / "after-hanoi-2019.toml")
    with Session.create(scenario, tmp_path / "new.parley") as session:
        assert commits == ["COMMIT"]
        assert session.last_seq == 1 and session.meta["app_version"] == __version__
        assert session.store.snapshot_seqs() == [1]
    with Session.open(tmp_path / "new.parley") as again:
        assert [e.kind for e in again.events()] == ["SessionStarted"]


def test_a_failed_start_writes_no_log(tmp_path: Path) -> None:
    def fail(store: Store) -> None:
        store.conn.execute("INSERT INTO meta VALUES ('half', 'made')")
        raise SaveError("the disk is full")

    path = tmp_path / "failed.parley"
    with pytest.raises(SaveError, match="disk is full"):
        Store.create(path, scenario_id="x", source="", meta={}, initial=fail)
    assert sorted(tmp_path.iterdir()) == [], "no save, no part, no lock left behind"


def test_creating_a_session_does_not_import_package_metadata(tmp_path: Path) -> None:
    code = (
        "import sys; from engine.scenario import load_scenario; "
        "from engine.session.live import Session;"
        f"s = Session.create(load_scenario({str(SCENARIOS / 'after-hanoi-2019.toml')!r}),"
        f" {str(tmp_path / 'x.parley')!r}); s.close();"
        "print('importlib.metadata' in sys.modules, 'email' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["False", "False"]
