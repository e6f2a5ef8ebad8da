"""A void names an earlier event: any other target is a named fault, never an endless fold.

Each verb runs in a subprocess with a timeout, so that a regression fails the test
rather than hanging the suite.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from engine.domain import reducer
from engine.errors import DamagedEventError
from engine.save.chain import rechain
from engine.session.live import Session

TIMEOUT = 60


@pytest.fixture(scope="module")
def save(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """A small save with an undo at its end; its path and the undo's seq."""
    from conftest import DEFAULT_SCENARIO
    from engine.scenario import load_scenario

    path = tmp_path_factory.mktemp("voids") / "voids.parley"
    with Session.create(load_scenario(DEFAULT_SCENARIO), path) as session:
        session.start_round()
        session.add_note(text="one")
        session.add_note(text="two")
        session.undo()
        return path, session.last_seq


def _with_target(save: tuple[Path, int], tmp_path: Path, target: int) -> Path:
    path, seq = save
    copy = tmp_path / f"target-{target}.parley"
    shutil.copy(path, copy)
    conn = sqlite3.connect(copy)
    with conn:
        conn.execute(
            "UPDATE events SET payload = json_set(payload, '$.target', ?) WHERE seq = ?",
            (target, seq),
        )
        rechain(conn)  # an adversary who rewrites the chain too: the rules must still catch it
    conn.close()
    return copy


def _parley(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )


@pytest.mark.parametrize("offset", [0, 1, None, -1000])  # itself, later, 0, -1000+seq
def test_a_void_of_itself_a_later_event_or_none_is_a_named_fault(
    save: tuple[Path, int], tmp_path: Path, offset: int | None
) -> None:
    seq = save[1]
    target = 0 if offset is None else seq + offset
    damaged = _with_target(save, tmp_path, target)
    message = f"event {seq} (EventVoided) voids event {target}: a void names an earlier event"
    with pytest.raises(DamagedEventError, match=r"voids event") as caught:
        Session.open(damaged, read_only=True)
    assert message in str(caught.value) and caught.value.seq == seq
    for args in (
        ("check", str(damaged)),
        ("export", str(damaged), "--format", "json"),
        ("report", str(damaged), "-o", str(tmp_path / "r.html")),
    ):
        done = _parley(*args)
        assert done.returncode == 3, args  # a damaged save (docs/save-format.md)
        assert message in done.stderr and "Traceback" not in done.stderr, args


def test_affected_seq_ends_on_any_mapping() -> None:
    """Even a mapping no save can hold (a void of itself, a cycle) cannot loop."""
    assert reducer.affected_seq({5: 5}, 5) == 5
    assert reducer.affected_seq({5: 6, 6: 5}, 6) == 5
    assert reducer.affected_seq({9: 4, 4: 2}, 9) == 2
