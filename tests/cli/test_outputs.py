"""Exports and reports are written whole where they can be, and refused in words where they
cannot: no folder, a folder in the file's place, a read-only file or folder. A refusal
leaves nothing behind, and no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, SCENARIOS
from engine.scenario import load_scenario
from engine.session.simulate import simulate_session


@pytest.fixture(scope="module")
def save(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("outputs") / "sim.parley"
    simulate_session(load_scenario(SCENARIOS / "after-hanoi-2019.toml"), path, 1, seed=4).close()
    return path


def parley(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )


FORMATS = {"x.json": ("export", "json"), "x.graphml": ("export", "graphml"),
           "c": ("export", "csv"), "x.html": ("report", "")}  # fmt: skip


def _target(tmp_path: Path, where: str, name: str) -> tuple[Path, str]:
    """Where an output cannot go, and the words its refusal must use."""
    if where == "read-only folder":
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(0o555)  # (the superuser may write there, so Parley looks at the mode)
        return folder / name, "the folder"
    if where == "read-only file":
        out = tmp_path / name
        out.write_text("keep me", encoding="utf-8")
        out.chmod(0o444)
        return out, "the file is read-only"
    if where == "a folder":
        (tmp_path / name).mkdir()
        return tmp_path / name, "is a folder"
    if where == "no folder":
        return tmp_path / "missing" / name, "there is no folder"
    return Path("/sys") / name, "is read-only"  # a file system nobody writes to


WHERE = ["read-only folder", "read-only file", "a folder", "no folder", "/sys"]
CASES = [
    (name, where)
    for name in sorted(FORMATS)
    for where in WHERE
    # csv writes a folder (an existing one is written into); report makes a missing folder
    if not (name == "c" and where in ("read-only file", "a folder"))
    and not (name == "x.html" and where == "no folder")
]


@pytest.mark.parametrize(("name", "where"), CASES)
def test_an_output_that_cannot_be_written_is_refused_in_words(
    save: Path, tmp_path: Path, name: str, where: str
) -> None:
    verb, fmt = FORMATS[name]
    out, words = _target(tmp_path, where, name)
    before = sorted(tmp_path.rglob("*"))
    done = parley(verb, save, *(("--format", fmt) if fmt else ()), "-o", out)
    assert done.returncode == 1, done.stderr
    assert words in done.stderr and str(out) in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(tmp_path.rglob("*")) == before  # nothing left behind
    if where == "read-only file":
        assert out.read_text(encoding="utf-8") == "keep me"


def test_an_export_is_written_whole_with_nothing_beside_it(save: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    assert parley("export", save, "--format", "json", "-o", out).returncode == 0
    assert out.read_text(encoding="utf-8").startswith("{")
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]


def test_simulate_on_a_scenario_without_issues_is_refused_and_leaves_nothing(
    tmp_path: Path,
) -> None:
    text = (FIXTURES / "minimal.toml").read_text(encoding="utf-8")
    issue = '[[issues]]\nid = "relief"\nname = "Sanctions relief"\ntangible = true\n'
    assert issue in text
    text = text.replace(issue, "")
    scenario = tmp_path / "bare.toml"
    scenario.write_text(text, encoding="utf-8")
    save = tmp_path / "bare.parley"
    done = parley("simulate", "--scenario", scenario, "--rounds", 1, "--seed", 1, "--save", save)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "has no issues" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bare.toml"]
