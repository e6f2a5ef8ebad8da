"""Where a new session's save goes: ``saves/`` of the project, under a readable name."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAVES_DIR = PROJECT_ROOT / "saves"
SCENARIOS_DIR = PROJECT_ROOT / "scenarios"
DEFAULT_SCENARIO = SCENARIOS_DIR / "after-hanoi-2019.toml"
SAVE_SUFFIX = ".parley"


def new_save_path(
    scenario_id: str, *, folder: Path = SAVES_DIR, now: datetime | None = None
) -> Path:
    """``saves/after_hanoi_2019-2026-11-28-0935.parley``; a free name, the folder created."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now()).strftime("%Y-%m-%d-%H%M")
    candidate = folder / f"{scenario_id}-{stamp}{SAVE_SUFFIX}"
    n = 2
    while candidate.exists():
        candidate = folder / f"{scenario_id}-{stamp}-{n}{SAVE_SUFFIX}"
        n += 1
    return candidate


def bundled_scenarios(folder: Path = SCENARIOS_DIR) -> list[Path]:
    """The scenario files shipped with Parley, the default first."""
    files = sorted(folder.glob("*.toml"))
    return sorted(files, key=lambda p: p.resolve() != DEFAULT_SCENARIO.resolve())
