"""``parley compare SAVE... -o OUT``: on simulated saves, every format, and refusals."""

from __future__ import annotations

import csv
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from report_sessions import pdf_text

from conftest import FIXTURES, ROOT


def parley(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
    )


@pytest.fixture(scope="module")
def saves(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("class")
    out = []
    for seed in (1, 2, 3):
        path = folder / f"group-{seed}.parley"
        result = parley(
            "simulate", "--scenario", "after-hanoi-2019", "--rounds", "4", "--seed", str(seed),
            "--events-per-round", "25", "--save", path,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        out.append(path)
    return out


def test_compare_writes_html_with_a_row_per_group(saves: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "class.html"
    result = parley("compare", *saves, "-o", out)
    assert result.returncode == 0, result.stderr
    assert f"{out}: 3 groups compared" in result.stderr
    html = out.read_text(encoding="utf-8")
    for name in ("group-1", "group-2", "group-3"):
        assert f"<strong>{name}</strong>" in html
    assert html.count("<svg") == 3  # the scenario's three global indicators
    assert not list(tmp_path.glob(".*partial"))


def test_compare_writes_csv_and_a_database(saves: list[Path], tmp_path: Path) -> None:
    result = parley("compare", *saves, "-o", tmp_path / "class.csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader((tmp_path / "class.csv").open(encoding="utf-8")))
    assert [r["group"] for r in rows] == ["group-1", "group-2", "group-3"]
    assert all(int(r["events"]) > 50 for r in rows)
    result = parley("compare", *saves, "-o", tmp_path / "class.db", "--indicator", "tension")
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(tmp_path / "class.db") as conn:
        assert conn.execute("select count(*) from groups").fetchone() == (3,)
        keys = conn.execute("select distinct key from group_indicators").fetchall()
        assert keys == [("tension",)]


def test_compare_writes_a_pdf(saves: list[Path], tmp_path: Path) -> None:
    result = parley("compare", *saves, "-o", tmp_path / "class.pdf")
    assert result.returncode == 0, result.stderr
    assert len(PdfReader(tmp_path / "class.pdf").pages) >= 1
    text = pdf_text(tmp_path / "class.pdf")
    assert "group-2" in text and "Where the groups differ most" in text


def test_a_class_folder_stands_for_its_named_groups(tmp_path: Path) -> None:
    from engine.scenario import load_scenario
    from engine.session.classes import create_class

    made = create_class(load_scenario(FIXTURES / "minimal.toml"), tmp_path / "p3", ["Red", "Blue"])
    result = parley("compare", made.folder, "-o", tmp_path / "p3.csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader((tmp_path / "p3.csv").open(encoding="utf-8")))
    assert [r["group"] for r in rows] == ["Red", "Blue"]


def test_saves_of_different_scenarios_are_refused(saves: list[Path], tmp_path: Path) -> None:
    other = tmp_path / "other.parley"
    made = parley("simulate", "--scenario", FIXTURES / "minimal.toml", "--rounds", "1",
                  "--seed", "1", "--save", other)  # fmt: skip
    assert made.returncode == 0, made.stderr
    out = tmp_path / "class.html"
    result = parley("compare", saves[0], other, "-o", out)
    assert result.returncode == 1
    assert "cannot compare saves of different scenarios" in result.stderr
    assert "group-1.parley plays after_hanoi_2019" in result.stderr
    assert "other.parley plays minimal" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    ("out", "message"),
    [("class.txt", "cannot tell the format"), ("missing/class.html", "there is no folder")],
)
def test_bad_outputs_are_refused(saves: list[Path], tmp_path: Path, out: str, message: str) -> None:
    result = parley("compare", *saves, "-o", tmp_path / out)
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr


def test_a_missing_save_is_refused(tmp_path: Path) -> None:
    result = parley("compare", tmp_path / "nope.parley", "-o", tmp_path / "c.html")
    assert result.returncode == 1
    assert "nope.parley: no such save" in result.stderr
