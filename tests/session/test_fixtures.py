"""Every save format and export version ever written keeps opening and importing.

``tests/fixtures/format2-classroom.parley`` was written by Parley 0.1.0 (save format 2,
events before versions) with ``parley simulate --scenario
scenarios/classroom-freeze-for-relief.toml --rounds 4 --seed 3``, and
``format2-classroom.json`` is its ``parley export --format json``. Never regenerate
them: add a fixture for a new format beside them. ``format2-classroom.analyze.json`` is
``parley analyze --json`` of the save by the Parley of just before issue 16 (main at
a2360f0): its analytics, which later Parleys must give again.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES
from engine.domain.events import KINDS
from engine.graph.report import analyze
from engine.save.migrations import FORMAT_VERSION
from engine.session.check import check_save
from engine.session.exchange import export_document, import_json
from engine.session.live import Session

SAVE = FIXTURES / "format2-classroom.parley"
ANALYTICS = FIXTURES / "format2-classroom.analyze.json"
EXPORT = FIXTURES / "format2-classroom.json"
EVENTS = 154
NEWER_KINDS = {  # kinds added after the fixtures were written
    "DiceRolled", "ConditionDropped", "CommitmentRefused", "CommitmentProgressed",
    "CommitmentSuspended", "CommitmentResumed", "EverythingRevealed",
    "JoinCodeIssued", "JoinCodeRevoked", "DeviceJoined", "DeviceRevoked", "LobbyLocked",
    "SubmissionReceived", "SubmissionHeld", "SubmissionRejected", "MessageSent",  # issue 15
}  # fmt: skip


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the save fixture (opening writes beside a save: never in the tree)."""
    path = tmp_path / SAVE.name
    shutil.copy(SAVE, path)
    return path


def test_the_fixtures_are_what_they_say() -> None:
    assert SAVE.stat().st_size < 2**20 and EXPORT.stat().st_size < 2**20
    doc = json.loads(EXPORT.read_text(encoding="utf-8"))
    assert doc["parley_export"] == 1 and len(doc["events"]) == EVENTS
    assert {e["kind"] for e in doc["events"]} == set(KINDS) - NEWER_KINDS  # every kind of its day


def test_the_format_2_save_opens_read_only(copy: Path) -> None:
    with Session.open(copy, read_only=True) as session:
        assert session.meta["format_version"] == "2"
        assert session.last_seq == EVENTS == session.state.seq
        assert len(list(session.events())) == EVENTS
        assert session.state.moves and session.state.commitments and session.state.agreements


def test_the_format_2_save_opens_for_writing_and_takes_a_command(copy: Path) -> None:
    with Session.open(copy) as session:
        before = session.state.seq
        changes = session.add_note(text="opened by a later Parley")
        assert changes.seq == before + 1
        assert session.meta["format_version"] == str(FORMAT_VERSION)
    assert check_save(copy) == []
    with Session.open(copy, read_only=True) as session:
        assert session.state.notes[-1].text == "opened by a later Parley"


def test_check_says_the_format_2_save_is_sound(copy: Path) -> None:
    assert check_save(copy) == []


def test_importing_the_json_export_gives_the_saves_state(copy: Path, tmp_path: Path) -> None:
    with (
        Session.open(copy, read_only=True) as saved,
        import_json(EXPORT, tmp_path / "imported.parley") as imported,
    ):
        assert imported.log_hash() == saved.log_hash()
        assert imported.state == saved.state
        assert analyze(imported.scenario, imported.state) == analyze(saved.scenario, saved.state)
        exported = export_document(imported)
    original = json.loads(EXPORT.read_text(encoding="utf-8"))
    assert exported["events"] == original["events"]  # today's export of it is the same


def test_the_format_2_save_and_export_give_the_analytics_of_before_issue_16(
    copy: Path, tmp_path: Path
) -> None:
    """Nothing of issue 16 is in them, so every figure is as it was (keys may be added)."""
    from session.test_old_saves import same_where_old

    before = json.loads(ANALYTICS.read_text(encoding="utf-8"))
    with (
        Session.open(copy, read_only=True) as saved,
        import_json(EXPORT, tmp_path / "again.parley") as imported,
    ):
        for session in (saved, imported):
            now = json.loads(json.dumps(analyze(session.scenario, session.state).to_dict()))
            same_where_old(before, now)
