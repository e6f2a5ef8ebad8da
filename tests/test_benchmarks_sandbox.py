"""A benchmark never touches the user's own settings: what the app remembers while it is
measured (recent saves, window layouts) goes to the benchmark process's own sandbox."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

# What the ui benchmark does in its own process (benchmarks/ui_bench.py): start the app,
# create a session on the default scenario (which adds it to the recent saves), show the
# facilitator window and close it (which remembers its layout).
START = """
import json, sys
from pathlib import Path
{prelude}
from ui.app import ParleyApp
from ui.save_names import DEFAULT_SCENARIO, new_save_path
from ui.settings import load_scenario, recent_saves
from PySide6.QtCore import QSettings
app = {make_app}
saves = Path(sys.argv[1])
parley = ParleyApp(saves_dir=saves)
scenario = load_scenario(DEFAULT_SCENARIO)
parley.create(scenario, new_save_path(scenario.id, folder=saves))
assert parley.window is not None and parley.window.isVisible()
parley.window.close()
app.processEvents()
QSettings().sync()
recent = [str(p) for p in recent_saves()]
print(json.dumps({{"settings": QSettings().fileName(), "recent": recent}}))
"""
IN_BENCHMARK = START.format(prelude="import benchmarks.ui_bench as bench", make_app="bench._app()")
AS_THE_APP = START.format(
    prelude="from ui.app import make_application", make_app="make_application([])"
)


def _run(code: str, home: Path, saves: Path) -> dict[str, object]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("XDG_") and key != "PARLEY_BENCH_SANDBOX"
    }
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CACHE_HOME=str(home / ".cache"),
        QT_QPA_PLATFORM="offscreen",
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(saves)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_the_ui_benchmark_leaves_home_and_the_xdg_folders_untouched(tmp_path: Path) -> None:
    home, saves = tmp_path / "home", tmp_path / "saves"
    home.mkdir()
    saves.mkdir()

    bench = _run(IN_BENCHMARK, home, saves)
    assert _files(home) == [], "the benchmark wrote into the user's folders"
    (save,) = saves.glob("*.parley")
    assert bench["recent"] == [str(save.resolve())], "it did remember the save, elsewhere"
    assert not str(bench["settings"]).startswith(str(home))

    # The same start as the app itself makes writes to the user's folders: what the
    # benchmark's sandbox keeps out of them is really written.
    app = _run(AS_THE_APP, home, saves)
    assert str(app["settings"]).startswith(str(home / ".config"))
    assert any(p.is_relative_to(home / ".config") for p in _files(home))
