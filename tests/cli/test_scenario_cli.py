"""The scenario verbs as a user runs them: ``python main.py validate`` and ``schema``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, ROOT

MINIMAL = FIXTURES / "minimal.toml"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def broken(tmp_path: Path, name: str, old: str, new: str) -> Path:
    text = MINIMAL.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_validate_a_valid_file_exits_0() -> None:
    result = run("validate", MINIMAL)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == f"{MINIMAL}: ok (Minimal exercise: 2 teams, 2 rounds)\n"


def test_validate_quiet_says_nothing_of_valid_files() -> None:
    result = run("validate", "--quiet", MINIMAL)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_validate_prints_one_line_per_fault_and_exits_1(tmp_path: Path) -> None:
    path = broken(tmp_path, "two.toml", 'color = "#c00"', 'color = "red"\nprivat_brief = ""')
    result = run("validate", path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{path}:11: teams[north].color: 'red' is not a colour: "
        "write #rgb or #rrggbb, e.g. '#1f77b4'",
        f"{path}:12: teams[north].privat_brief: unknown key 'privat_brief'; "
        "did you mean 'private_brief'?",
    ]


def test_validate_several_files(tmp_path: Path) -> None:
    bad = broken(tmp_path, "bad.toml", "minutes = 20", "minutes = 0")
    missing = tmp_path / "missing.toml"
    result = run("validate", MINIMAL, bad, missing, tmp_path)
    assert result.returncode == 1
    assert result.stdout == f"{MINIMAL}: ok (Minimal exercise: 2 teams, 2 rounds)\n"
    assert result.stderr.splitlines() == [
        f"{bad}:60: rounds[1].minutes: 0 is not allowed: it must be more than 0",
        f"{missing}: no such file",
        f"{tmp_path}: this is a folder, not a scenario file",
    ]


def test_validate_all_valid_files_exits_0(tmp_path: Path) -> None:
    copy = tmp_path / "copy.toml"
    copy.write_bytes(MINIMAL.read_bytes())
    result = run("validate", MINIMAL, copy)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 2


def test_validate_never_prints_a_traceback(tmp_path: Path) -> None:
    files = {
        "empty.toml": b"",
        "binary.toml": bytes(range(256)) * 4,
        "latin1.toml": 'name = "S\xfcd"'.encode("latin-1"),
        "nested.toml": b"a = " + b"[" * 100_000,
        "syntax.toml": b"[scenario\nid = 1",
        "digits.toml": b"a = 1" + b"0" * 5000,
        "types.toml": b"scenario = 1\nteams = 2\nrounds = [1, 'x', {kind = 3}]\n",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    result = run("validate", *sorted(tmp_path.iterdir()))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    named = {line.split(":")[0] for line in result.stderr.splitlines()}
    assert named == {str(tmp_path / name) for name in files}


def test_validate_needs_a_file() -> None:
    result = run("validate")
    assert result.returncode == 2
    assert "SCENARIO" in result.stderr
    assert "Traceback" not in result.stderr


def test_schema_prints_json() -> None:
    result = run("schema")
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
