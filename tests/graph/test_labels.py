"""Commitments are named as people say them ("Commitment 2") wherever a sentence or a
picture names them: the unlock advice, the story's outcomes, the report's graph. The ids
(``c7``) stay underneath: in the lists beside the advice, in tooltips, in exports."""

from __future__ import annotations

import re
from pathlib import Path

from engine.graph.report import analyze
from engine.report.graph_svg import commitment_graph_svg
from engine.scenario import parse_scenario
from engine.session.live import Session


def _deadlock(tmp_path: Path, minimal_text: str) -> tuple[Session, str, str]:
    s = Session.create(parse_scenario(minimal_text), tmp_path / "s.parley")
    s.start_round()
    s.add_note(text="so that ids and numbers differ")
    a = s.propose_commitment(giver="north", receiver="south", issue="relief", text="A freeze")
    b = s.propose_commitment(giver="south", receiver="north", issue="relief", text="Relief",
                             conditions=[f"c{a.seq}"])  # fmt: skip
    ca, cb = f"c{a.seq}", f"c{b.seq}"
    s.add_condition(commitment=ca, condition=cb)
    return s, ca, cb


def test_the_unlock_advice_names_commitments_by_number(tmp_path: Path, minimal_text: str) -> None:
    s, ca, cb = _deadlock(tmp_path, minimal_text)
    with s:
        report = analyze(s.scenario, s.state)
    (deadlock,) = report.deadlocks
    (unlocks,) = report.unlocking
    assert deadlock.commitments == (ca, cb)  # the data keeps the ids
    assert unlocks.advice == (
        "Nobody has agreed to move together: agreeing Commitment 1 and Commitment 2 would "
        "make the cycle a bundle to carry out together; or Commitment 1 carried out first "
        "would release Commitment 2."
    )
    assert not re.search(r"\bc\d+\b", unlocks.advice)


def test_the_reports_graph_labels_commitments_by_number(tmp_path: Path, minimal_text: str) -> None:
    s, ca, cb = _deadlock(tmp_path, minimal_text)
    with s:
        svg = commitment_graph_svg(
            s.scenario, s.state.commitments.values(), analyze(s.scenario, s.state)
        )
    labels = re.findall(r"<title>(c\d+)</title>([^<]+)</text>", svg)
    assert sorted(labels) == sorted([(ca, "Commitment 1"), (cb, "Commitment 2")])
