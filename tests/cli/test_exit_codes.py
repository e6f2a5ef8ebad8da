"""Each outcome of a verb has its own exit code, documented in the README, in
docs/save-format.md and in every verb's help: 0 done, 1 refused, 2 a wrong command
line, 3 a damaged save, 4 (``check``) a sound file with an unmerged ``-wal`` beside it.
A refusal or a damaged save changes no file."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from sessions import save_of_moves

from conftest import ROOT
from engine.cli.verbs import DAMAGED, DONE, EXIT_CODES, REFUSED, UNMERGED, USAGE
from engine.session.exchange import export_json_text
from engine.session.live import Session
from main import main

Setup = Callable[[Path], list[str]]


def _save(folder: Path) -> Path:
    return save_of_moves(folder, 5, "move {n} here")


def _flipped(folder: Path) -> Path:
    save = _save(folder)
    data = bytearray(save.read_bytes())
    data[data.index(b"move 3 here") + 5] ^= 0x01  # "move 2 here": one bit of one payload
    save.write_bytes(bytes(data))
    return save


def _unmerged(folder: Path) -> Path:
    save = _save(folder)
    with Session.open(save) as writer:  # a -wal that is this save's, as a killed writer leaves
        writer.add_note(text="in the log only")
        wal = Path(f"{save}-wal").read_bytes()
    Path(f"{save}-wal").write_bytes(wal)
    return save


def _breaking_export(folder: Path) -> Path:
    with Session.open(_save(folder), read_only=True) as s:
        doc = json.loads(export_json_text(s))
    doc["events"][3]["payload"]["tone"] = 99
    source = folder / "bad.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    return source


CASES: dict[str, tuple[Setup, int, str]] = {
    "check, sound": (lambda f: ["check", str(_save(f))], DONE, ""),
    "check, one flipped bit": (
        lambda f: ["check", str(_flipped(f))], DAMAGED, "event 6 does not match its checksum"
    ),
    "check, an unmerged -wal": (lambda f: ["check", str(_unmerged(f))], UNMERGED, "not merged"),
    "check, no such save": (lambda f: ["check", str(f / "none.parley")], REFUSED, "no save at"),
    "check, not a save": (
        lambda f: ["check", str(_text(f))], REFUSED, "not a Parley save"
    ),
    "export, damaged": (
        lambda f: ["export", str(_flipped(f)), "--format", "json"], DAMAGED, "parley recover"
    ),
    "export, no such folder": (
        lambda f: ["export", str(_save(f)), "--format", "json", "-o", str(f / "no" / "x.json")],
        REFUSED, "there is no folder",
    ),
    "report, damaged": (
        lambda f: ["report", str(_flipped(f)), "-o", str(f / "r.html")], DAMAGED, "is damaged"
    ),
    "import, breaks a rule": (
        lambda f: ["import", str(_breaking_export(f)), "--save", str(f / "i.parley")],
        REFUSED, "event 4 (MoveRecorded): tone 99",
    ),
    "recover, not a save": (
        lambda f: ["recover", str(_text(f)), "-o", str(f / "n.parley")], REFUSED, "not a Parley"
    ),
    "recover, damaged": (
        lambda f: ["recover", str(_flipped(f)), "-o", str(f / "n.parley")], DONE, ""
    ),
    "copy, onto a file": (
        lambda f: ["copy", str(_save(f)), str(_text(f))], REFUSED, "exists"
    ),
    "copy, into a read-only folder": (
        lambda f: ["copy", str(_save(f)), str(_read_only(f) / "c.parley")], REFUSED,
        "the folder",
    ),
    "recover, into a read-only folder": (
        lambda f: ["recover", str(_save(f)), "-o", str(_read_only(f) / "r.parley")], REFUSED,
        "is read-only",
    ),
}  # fmt: skip


def _read_only(folder: Path) -> Path:
    made = folder / "read-only"
    made.mkdir()
    made.chmod(0o555)
    return made


def _text(folder: Path) -> Path:
    path = folder / "notes.txt"
    path.write_text("not a save\n" * 100, encoding="utf-8")
    return path


def _listing(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("case", CASES)
def test_each_outcome_has_its_exit_code(case: str, tmp_path: Path, capsys) -> None:
    setup, code, words = CASES[case]
    argv = setup(tmp_path)
    capsys.readouterr()
    before = _listing(tmp_path)
    assert main(argv) == code, capsys.readouterr().err
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    if code not in (DONE, UNMERGED):
        assert _listing(tmp_path) == before, "a refusal changes no file"


def test_a_wrong_command_line_exits_2(capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["check"])
    assert stop.value.code == USAGE


def test_every_exit_code_is_documented_alike() -> None:
    codes = {int(c) for c in re.findall(r"^  (\d+) ", EXIT_CODES, re.M)}
    assert codes == {DONE, REFUSED, USAGE, DAMAGED, UNMERGED, 130}
    table = (ROOT / "docs" / "save-format.md").read_text(encoding="utf-8")
    rows = {int(c) for c in re.findall(r"^\| (\d+) \|", table, re.M)}
    assert rows == codes, "docs/save-format.md's table of exit codes"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    said = readme[readme.index("Every verb exits 0") :].split("\n\n")[0]
    for code in codes - {DONE}:
        assert re.search(rf"\b{code}\b", said), f"the README's exit codes leave out {code}"
