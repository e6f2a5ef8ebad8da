"""A save is never half made: create, branch and import write under a temporary name
(``.NAME.part``) and link the save's name only when it is complete."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sessions import save_of_moves

from conftest import ROOT
from engine.errors import SaveError
from engine.save.store import Store, part_path
from engine.session.exchange import export_json_text, import_json
from engine.session.live import Session

# Branches a save (or imports an export, or recovers a save) in a child process that
# stops for good in the middle of writing the new save's rows; the parent kills it there.
KILLED_MID_WAY = """
import sys, time
from engine.save.store import Store
from engine.session.live import Session
real = Store.insert_rows
def slow(self, rows):
    real(self, rows)
    print("writing", flush=True)
    time.sleep(600)
Store.insert_rows = slow
if sys.argv[1].endswith(".json"):
    from engine.session.exchange import import_json
    import_json(sys.argv[1], sys.argv[2])
if sys.argv[3:] == ["recover"]:
    from engine.session.salvage import recover_save
    recover_save(sys.argv[1], sys.argv[2])
with Session.open(sys.argv[1]) as s:
    s.branch(seq=s.last_seq, path=sys.argv[2])
"""


@pytest.fixture
def save(tmp_path: Path) -> Path:
    return save_of_moves(tmp_path, 30)


def _killed_mid_way(source: Path, dest: Path, *verb: str) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_MID_WAY, str(source), str(dest), *verb],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "writing"
    child.kill()
    child.wait()
    child.stdout.close()


def test_a_killed_import_leaves_nothing_that_opens_as_a_save(save: Path) -> None:
    with Session.open(save, read_only=True) as s:
        source = save.with_name("export.json")
        source.write_text(export_json_text(s), encoding="utf-8")
    dest = save.with_name("imported.parley")
    _killed_mid_way(source, dest)
    assert not dest.exists() and part_path(dest).exists()
    assert sorted(p.name for p in save.parent.glob("*.parley")) == ["s.parley"]
    with import_json(source, dest) as again:  # done again, it completes
        assert again.last_seq == 32
    assert not part_path(dest).exists()


def test_a_killed_recover_leaves_nothing_that_opens_as_a_save(save: Path) -> None:
    from engine.session.salvage import recover_save

    dest = save.with_name("recovered.parley")
    _killed_mid_way(save, dest, "recover")
    assert not dest.exists() and part_path(dest).exists()
    with recover_save(save, dest) as again:  # done again, it completes
        assert again.last_seq == 32
    assert not part_path(dest).exists()


def test_a_killed_branch_leaves_nothing_that_opens_as_a_save(save: Path) -> None:
    dest = save.with_name("branch.parley")
    _killed_mid_way(save, dest)
    assert not dest.exists()
    saves = sorted(p.name for p in save.parent.glob("*.parley"))
    assert saves == ["s.parley"], "the open dialog lists *.parley: the part is not one"
    part = part_path(dest)
    assert part.exists() and not part.name.endswith(".parley")
    with pytest.raises(SaveError, match="a save being made"):
        Store.open(part, read_only=True)
    # the same branch, done again, completes
    with Session.open(save) as s, s.branch(seq=s.last_seq, path=dest) as child_session:
        assert child_session.last_seq == s.last_seq
    assert not part.exists()


def test_a_creation_stopped_before_its_commit_leaves_no_file(tmp_path: Path) -> None:
    def fail(store: Store) -> None:
        raise KeyboardInterrupt  # as if killed before the commit

    path = tmp_path / "new.parley"
    with pytest.raises(KeyboardInterrupt):
        Store.create(path, scenario_id="x", source="", meta={}, initial=fail)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_failed_import_leaves_no_file(save: Path) -> None:
    with Session.open(save, read_only=True) as s:
        doc = json.loads(export_json_text(s))
    doc["events"][5]["payload"]["tone"] = "loud"  # not a valid move
    source = save.with_name("bad.json")
    source.write_text(json.dumps(doc), encoding="utf-8")
    before = sorted(p.name for p in save.parent.iterdir())
    with pytest.raises(SaveError):
        import_json(source, save.with_name("imported.parley"))
    assert sorted(p.name for p in save.parent.iterdir()) == before


def test_create_branch_and_import_never_overwrite(save: Path) -> None:
    other = save.with_name("other.parley")
    other.write_bytes(b"precious")
    with Session.open(save) as s, pytest.raises(SaveError, match="already exists"):
        s.branch(seq=1, path=other)
    assert other.read_bytes() == b"precious"
    assert not part_path(other).exists()
