"""The app's scenario cache returns exactly what validation does, and never a stale answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SCENARIOS
from engine.scenario import ScenarioError, load_scenario
from engine.scenario.cache import load_scenario_cached

DEFAULT = SCENARIOS / "after-hanoi-2019.toml"


def test_a_cached_scenario_equals_a_validated_one(tmp_path: Path) -> None:
    first = load_scenario_cached(DEFAULT, tmp_path)
    assert list(tmp_path.glob("*.scenario")), "the validated scenario was kept"
    second = load_scenario_cached(DEFAULT, tmp_path)
    assert first == second == load_scenario(DEFAULT)


def test_changed_bytes_are_validated_anew(tmp_path: Path, minimal_text: str) -> None:
    source = tmp_path / "s.toml"
    source.write_text(minimal_text, encoding="utf-8")
    cache = tmp_path / "cache"
    assert load_scenario_cached(source, cache).title == "Minimal exercise"
    source.write_text(minimal_text.replace("Minimal exercise", "Renamed"), encoding="utf-8")
    assert load_scenario_cached(source, cache).title == "Renamed"
    source.write_text(
        minimal_text.replace('kind = "working"', 'kind = "meeting"'), encoding="utf-8"
    )
    with pytest.raises(ScenarioError) as refused:
        load_scenario_cached(source, cache)
    assert "'meeting' is not allowed" in str(refused.value)
    assert len(list(cache.glob("*.scenario"))) == 2, "a refused file is never cached"


def test_a_corrupt_or_unwritable_cache_only_costs_a_validation(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_scenario_cached(DEFAULT, cache)
    for entry in cache.glob("*.scenario"):
        entry.write_bytes(b"\x93junk")
    assert load_scenario_cached(DEFAULT, cache) == load_scenario(DEFAULT)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x", encoding="utf-8")
    assert load_scenario_cached(DEFAULT, blocked) == load_scenario(DEFAULT)
    assert load_scenario_cached(DEFAULT, None) == load_scenario(DEFAULT)
