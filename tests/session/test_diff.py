"""``diff A B``: identical saves, a branch beside its parent, unrelated saves, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SCENARIOS
from engine.scenario import load_scenario
from engine.session.diff import diff_saves
from engine.session.diff_text import diff_text
from engine.session.live import Session
from engine.session.simulate import simulate_session
from main import main


@pytest.fixture(scope="module")
def saves(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two runs of one seed (the same events at other wall times), another seed, and a
    branch of the first that goes its own way."""
    folder = tmp_path_factory.mktemp("diff")
    scenario = load_scenario(SCENARIOS / "after-hanoi-2019.toml")
    paths = {name: folder / f"{name}.parley" for name in ("a", "twin", "other", "branch")}
    simulate_session(scenario, paths["a"], 3, seed=3, events_per_round=30).close()
    simulate_session(scenario, paths["twin"], 3, seed=3, events_per_round=30).close()
    simulate_session(scenario, paths["other"], 3, seed=4, events_per_round=30).close()
    with Session.open(paths["a"], read_only=True) as parent:
        marks = [e.seq for e in parent.events() if e.kind == "RoundEnded"]
        with parent.branch(seq=marks[0], path=paths["branch"]) as child:
            child.add_note(text="what if round 2 never came")
            child.adjust_indicator(key="tension", delta=-30, reason="a calmer world")
            proposed = [c.id for c in child.state.commitments.values() if c.status == "agreed"]
            child.break_commitment(commitment=proposed[0], reason="the counterfactual")
    return paths


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["diff", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_same_events_at_other_times_are_identical(
    saves: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    found = diff_saves(saves["a"], saves["twin"])
    assert found.identical and found.parting is None and not found.indicators
    code, out, _ = run(capsys, str(saves["a"]), str(saves["twin"]))
    assert code == 0
    assert "Identical" in out and str(saves["twin"]) in out


def test_a_branch_beside_its_parent(saves: dict[str, Path]) -> None:
    with Session.open(saves["branch"], read_only=True) as child:
        seq = int(child.meta["parent_seq"])
        with Session.open(saves["a"], read_only=True) as parent:
            at_branch = parent.state_at(seq)
            agreed = {c.id for c in at_branch.commitments.values() if c.status == "agreed"}
            end_of_parent = parent.state
    found = diff_saves(saves["a"], saves["branch"])
    assert not found.identical
    assert found.relation == f"B branches from A after event {seq}"
    assert found.parting is not None and found.parting.seq == seq + 1
    assert found.parting.a is not None and found.parting.b is not None
    assert found.parting.b.kind == "NoteAdded"
    assert any(i.key == "tension" for i in found.indicators)
    broken = [s for s in found.commitment_status if s.b.status == "broken"]
    assert len(broken) == 1 and broken[0].a.id in agreed
    # what the parent made after the branch point is only in A
    later = {c.id for c in end_of_parent.commitments.values() if c.seq > seq}
    assert {c.id for c in found.commitments_only_a} == later
    assert not found.commitments_only_b
    later = {g.id for g in end_of_parent.agreements.values() if g.seq > seq}
    assert {g.id for g in found.agreements_only_a} == later and not found.agreements_only_b
    text = diff_text(found)
    assert f"The logs part at event {seq + 1}" in text and "broken in B" in text
    # the other way round, the relation turns too
    assert diff_saves(saves["branch"], saves["a"]).relation.startswith("A branches from B")


def test_a_branch_that_only_stops_earlier(saves: dict[str, Path], tmp_path: Path) -> None:
    with Session.open(saves["a"], read_only=True) as parent:
        parent.branch(seq=20, path=tmp_path / "short.parley").close()
    found = diff_saves(saves["a"], tmp_path / "short.parley")
    assert found.parting is not None and found.parting.seq == 21
    assert found.parting.b is None and found.parting.a is not None
    assert "(its log ends at event 20)" in diff_text(found)


def test_unrelated_saves(saves: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    found = diff_saves(saves["a"], saves["other"])
    assert not found.identical and found.relation == ""
    assert found.parting is not None and found.parting.seq > 1  # both start the same way
    assert found.commitments_only_a and found.commitments_only_b
    code, out, _ = run(capsys, str(saves["a"]), str(saves["other"]), "--json")
    assert code == 1
    doc = json.loads(out)
    assert doc["identical"] is False and doc["parting"]["seq"] == found.parting.seq
    assert {c["id"] for c in doc["commitments_only_a"]} == {c.id for c in found.commitments_only_a}
    assert doc["a"]["events"] > 0 and doc["b"]["path"] == str(saves["other"])


def test_a_save_that_cannot_be_read_exits_2(
    saves: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, str(saves["a"]), str(tmp_path / "missing.parley"))
    assert code == 2 and out == "" and "no save at" in err
    junk = tmp_path / "junk.parley"
    junk.write_text("not a save")
    code, _, err = run(capsys, str(junk), str(saves["a"]))
    assert code == 2 and "not a Parley save" in err


def test_the_parting_events_read_as_the_log_reads_them(saves: dict[str, Path]) -> None:
    found = diff_saves(saves["a"], saves["branch"])
    text = diff_text(found)
    assert found.parting is not None and found.parting.b is not None
    assert found.parting.b.said == 'Note: "what if round 2 never came"'
    assert f"  B: #{found.parting.seq}, round " in text and ", Control: Note: " in text
    assert '{"' not in text and "_" not in text.split("At the end:")[0].split("part at")[1]
    assert "Tension " in text and "tension " not in text  # indicator names, not keys
    broken = [c for c in found.commitment_status if c.b.status == "broken"]
    assert broken and broken[0].b.said.startswith("Commitment ")
