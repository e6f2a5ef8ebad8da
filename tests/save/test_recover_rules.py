"""``recover`` builds the new save by replaying the good events through the rules, as
live commands are: an event the rules refuse is set aside (a note stands at its seq and
names it), everything else keeps its number, and the report says what was set aside."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sessions import minimal, new_session

from conftest import DEFAULT_SCENARIO, ROOT
from engine.errors import DamagedSaveError
from engine.save.chain import rechain
from engine.scenario import load_scenario
from engine.session.check import check_save
from engine.session.live import Session
from engine.session.salvage import recover_save


def _played(tmp_path: Path) -> Path:
    with new_session(tmp_path) as s:
        s.start_round()  # 2
        s.propose_commitment(giver="north", receiver="south", issue="relief", text="lift")  # 3
        s.record_move(team="north", move_type="statement", tone=1, text="hello")  # 4
        s.agree_commitment(commitment="c3")  # 5
        s.fulfil_commitment(commitment="c3")  # 6
        s.record_move(team="south", move_type="statement", tone=0, text="later")  # 7
        s.undo()  # 8 voids 7
        s.add_note(text="the last")  # 9
    return tmp_path / "s.parley"


def _edit(save: Path, seq: int, **fields: object) -> None:
    """Edit event ``seq``'s payload and rewrite the chain too: only the rules can tell."""
    with Session.open(save) as writer:
        conn = writer.store.conn
        (payload,) = conn.execute("SELECT payload FROM events WHERE seq = ?", (seq,)).fetchone()
        edited = {**json.loads(payload), **fields}
        conn.execute("UPDATE events SET payload = ? WHERE seq = ?", (json.dumps(edited), seq))
        rechain(conn)
    assert "no command would have written it" in check_save(save)[-1]


def test_an_event_the_rules_refuse_is_set_aside_and_the_rest_keep_their_numbers(
    tmp_path: Path,
) -> None:
    save = _played(tmp_path)
    _edit(save, 4, tone=99)
    with recover_save(save, tmp_path / "new.parley") as new:
        assert new.last_seq == 9
        assert len(new.set_aside) == 1 and new.set_aside[0].startswith(
            "event 4 (MoveRecorded): tone 99 is outside"
        )
        kinds = [e.kind for e in new.events()]
        assert kinds[3] == "NoteAdded" and kinds[4:6] == ["CommitmentAgreed", "CommitmentFulfilled"]
        assert new.state.commitments["c3"].status == "fulfilled", "ids kept: c3 is still c3"
        assert "m4" not in new.state.moves and 7 in new.state.voided
        notes = [n.text for n in new.state.notes]
        assert notes[0].startswith("set aside from s.parley: event 4 (MoveRecorded)")
        assert notes[-1] == "the last"
    assert check_save(tmp_path / "new.parley") == [], "a recovered save breaks no rule"


def test_what_depends_on_a_refused_event_is_set_aside_with_it(tmp_path: Path) -> None:
    save = _played(tmp_path)
    _edit(save, 3, givers=["atlantis"])
    with recover_save(save, tmp_path / "new.parley") as new:
        assert [b.split(" (")[0] for b in new.set_aside] == ["event 3", "event 5", "event 6"]
        assert "c3" not in new.state.commitments and "m4" in new.state.moves
    assert check_save(tmp_path / "new.parley") == []


def test_a_refused_first_event_recovers_nothing_and_leaves_no_file(tmp_path: Path) -> None:
    save = _played(tmp_path)
    _edit(save, 1, scenario_id="elsewhere")
    with pytest.raises(DamagedSaveError, match="nothing can be recovered: event 1 "):
        recover_save(save, tmp_path / "new.parley")
    assert [p.name for p in tmp_path.iterdir() if "new" in p.name] == [], "no file made"


def test_the_recover_verb_reports_what_it_set_aside(tmp_path: Path) -> None:
    save = _played(tmp_path)
    _edit(save, 4, tone=99)
    out = tmp_path / "new.parley"
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "recover", str(save), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert lines[0] == f"{out}: 8 events recovered"
    assert lines[1].startswith(f"{save}: set aside event 4 (MoveRecorded): tone 99")
    assert lines[1].endswith("(a note stands in its place)")


def test_a_damaged_scenario_text_is_given_back_with_scenario(tmp_path: Path) -> None:
    save = _played(tmp_path)
    data = bytearray(save.read_bytes())
    data[data.index(b"The smallest useful scenario") + 2] = 0xFF  # not UTF-8 now
    save.write_bytes(bytes(data))
    with pytest.raises(DamagedSaveError, match=r"not UTF-8.*--scenario"):
        recover_save(save, tmp_path / "new.parley")
    with recover_save(save, tmp_path / "new.parley", minimal()) as new:
        assert new.last_seq == 9 and new.set_aside == []
    assert check_save(tmp_path / "new.parley") == []
    other = load_scenario(DEFAULT_SCENARIO)
    with pytest.raises(DamagedSaveError, match="nothing can be recovered: event 1"):
        recover_save(save, tmp_path / "other.parley", other)  # not the save's scenario
    assert not (tmp_path / "other.parley").exists()
