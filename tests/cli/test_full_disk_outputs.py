"""On a full disk (a real one: a small tmpfs), every verb that writes a file is refused
(exit 1) with a message that says so, and leaves nothing behind it: no partial export,
no short PDF, no half-made save. Once there is space, the same command succeeds."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import DEFAULT_SCENARIO, fill_disk
from engine.cli.verbs import DONE, REFUSED
from engine.scenario import load_scenario
from engine.session.exchange import export_json_text
from engine.session.simulate import simulate_session
from main import main


@pytest.fixture(scope="module")
def save(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("full") / "sim.parley"
    with simulate_session(load_scenario(DEFAULT_SCENARIO), path, 3, seed=2) as session:
        path.with_suffix(".json").write_text(export_json_text(session), encoding="utf-8")
    return path


Argv = Callable[[Path, Path], list[str]]
WRITERS: dict[str, Argv] = {
    "export json": lambda save, disk: ["export", str(save), "--format", "json",
                                       "-o", str(disk / "x.json")],
    "export csv": lambda save, disk: ["export", str(save), "--format", "csv",
                                      "-o", str(disk / "csv")],
    "export sqlite": lambda save, disk: ["export", str(save), "--format", "sqlite",
                                         "-o", str(disk / "a.db")],
    "report html": lambda save, disk: ["report", str(save), "-o", str(disk / "r.html")],
    "report pdf": lambda save, disk: ["report", str(save), "-o", str(disk / "r.pdf")],
    "handouts": lambda save, disk: ["handouts", str(DEFAULT_SCENARIO), "-o", str(disk / "h")],
    "copy": lambda save, disk: ["copy", str(save), str(disk / "c.parley")],
    "recover": lambda save, disk: ["recover", str(save), "-o", str(disk / "r.parley")],
    "import": lambda save, disk: ["import", str(save.with_suffix(".json")),
                                  "--save", str(disk / "i.parley")],
    "simulate": lambda save, disk: ["simulate", "--scenario", str(DEFAULT_SCENARIO),
                                    "--rounds", "3", "--seed", "2",
                                    "--save", str(disk / "s.parley")],
}  # fmt: skip


def _whole_pdfs(folder: Path) -> bool:
    from pypdf import PdfReader

    return all(len(PdfReader(pdf).pages) > 0 for pdf in folder.rglob("*.pdf"))


@pytest.mark.parametrize("writer", WRITERS)
def test_a_full_disk_refuses_the_output_and_leaves_none(
    writer: str, save: Path, small_disk: Path, capsys
) -> None:
    argv = WRITERS[writer](save, small_disk)
    filler = fill_disk(small_disk)
    capsys.readouterr()
    assert main(argv) == REFUSED, capsys.readouterr().err
    err = capsys.readouterr().err
    assert re.search(r"No space left on device|is full", err), err
    assert "Traceback" not in err and "damaged" not in err, "the disk, not the save"
    left = sorted(p.name for p in small_disk.rglob("*") if p != filler)
    if writer == "handouts":  # the folder asked for, and the handouts printed before the
        # disk filled, each whole
        assert _whole_pdfs(small_disk) and all(n.endswith(".pdf") for n in left[1:]), left
    else:
        assert left == [], "nothing partial is left"
    filler.unlink()
    assert main(argv) == DONE, capsys.readouterr().err
    assert _whole_pdfs(small_disk)


def test_a_simulation_the_disk_cannot_hold_says_it_left_no_save(small_disk: Path, capsys) -> None:
    """Filled mid-way (not at creation): the simulation is refused, and the message does
    not claim that what it recorded is safe, since a failed simulation leaves no save."""
    fill_disk(small_disk, leave=256 * 1024)
    save = small_disk / "s.parley"
    argv = ["simulate", "--scenario", str(DEFAULT_SCENARIO), "--rounds", "6", "--seed", "1",
            "--events-per-round", "5000", "--save", str(save), "--echo"]  # fmt: skip
    assert main(argv) == REFUSED
    out, err = capsys.readouterr()
    assert int(out.splitlines()[-1].split("\t")[0]) > 1, "it was filled mid-way"
    assert "is full: the simulation stopped and left no save" in err, err
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]
