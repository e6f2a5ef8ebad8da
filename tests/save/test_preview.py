"""A save previewed without opening it: read as it is, nothing written beside it."""

from __future__ import annotations

from pathlib import Path

from engine.save.preview import preview_save
from engine.scenario import load_scenario
from engine.session.simulate import simulate_session


def test_a_save_is_previewed_without_a_trace(tmp_path: Path) -> None:
    from conftest import SCENARIOS

    scenario = load_scenario(SCENARIOS / "classroom-freeze-for-relief.toml")
    path = tmp_path / "class.parley"
    simulate_session(scenario, path, 2, seed=4, events_per_round=12).close()
    before = sorted(p.name for p in tmp_path.iterdir())
    seen = preview_save(path)
    assert not seen.problem
    assert seen.title == scenario.title and seen.rounds == len(scenario.rounds)
    assert seen.events > 0 and seen.round == 2
    assert seen.teams == tuple(t.name for t in scenario.teams)
    assert sorted(p.name for p in tmp_path.iterdir()) == before, "nothing left beside it"


def test_what_is_not_a_save_is_named(tmp_path: Path) -> None:
    junk = tmp_path / "junk.parley"
    junk.write_bytes(b"not a database at all" * 100)
    assert "not a Parley save" in preview_save(junk).problem
    assert "cannot be read" in preview_save(tmp_path / "missing.parley").problem
