"""Automatic backups: complete copies in the data folder, a bounded count, restored to a
new name only."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest
from sessions import new_session

from engine.errors import SaveError
from engine.save import backups
from engine.session.check import check_save
from engine.session.live import Session


class _Clock:
    def __init__(self) -> None:
        self.now = _dt.datetime(2026, 12, 1, 9, 0, 0)

    def __call__(self) -> _dt.datetime:
        self.now += _dt.timedelta(minutes=5)
        return self.now


def test_backups_are_complete_bounded_and_restored_to_a_new_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    clock = _Clock()
    session = new_session(tmp_path)
    session.start_round()
    for n in range(12):
        session.add_note(text=f"note {n}")
        backups.back_up(session.store, round=session.state.round, keep=10, now=clock())
    kept = backups.list_backups()
    assert len(kept) == 10, "the oldest go first"
    assert kept[0].path.parent == tmp_path / "data" / "parley" / "backups" / "s"
    assert kept[0].round == 1 and "round 1" in kept[0].label
    newest = kept[0]
    with pytest.raises(SaveError, match="never overwrites"):
        backups.restore_backup(newest, session.path)
    restored = backups.restore_backup(newest, tmp_path / "restored.parley")
    session.close()
    with Session.open(restored, read_only=True) as again:
        assert again.state.notes[-1].text == "note 11"
    assert check_save(restored) == []
    oldest_kept = kept[-1]
    with Session.open(oldest_kept.path, read_only=True) as old:
        assert old.state.notes[-1].text == "note 2"
