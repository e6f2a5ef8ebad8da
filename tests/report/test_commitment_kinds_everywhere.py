"""Issue 16: the report, the diff and the analytics know every commitment event of a
simulated session that uses all of them (``simulate`` does)."""

from __future__ import annotations

from html import escape
from pathlib import Path

import pytest

from conftest import SCENARIOS
from engine.domain.events import CONTROL
from engine.domain.words import Words
from engine.graph.report import analyze
from engine.report import build_report, render_html
from engine.report.happened import Teller
from engine.scenario import load_scenario
from engine.session.diff import diff_sessions
from engine.session.live import Session
from engine.session.simulate import simulate_session

NEW_KINDS = {
    "ConditionAdded", "ConditionDropped", "CommitmentRefused", "CommitmentProgressed",
    "CommitmentSuspended", "CommitmentResumed", "CommitmentVerified", "AgreementSigned",
    "CommitmentProposed",
}  # fmt: skip


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory):
    scenario = load_scenario(SCENARIOS / "after-hanoi-2019.toml")
    path = tmp_path_factory.mktemp("kinds") / "all.parley"
    with simulate_session(scenario, path, 3, seed=16) as session:
        yield session


def test_controls_report_tells_every_new_commitment_event(played: Session) -> None:
    html = render_html(build_report(played, viewer=CONTROL), timeline=True)
    words = Words(played.scenario, played.state)
    told = set()
    for env in played.events():
        if env.kind in NEW_KINDS:
            what = env.event.reads(env.seq, words).what
            assert escape(what, quote=False) in html or escape(what) in html, what
            told.add(env.kind)
    assert told == NEW_KINDS


def test_the_report_shows_signatories_shapes_and_the_stalls_of_the_analytics(
    played: Session,
) -> None:
    html = render_html(build_report(played, viewer=CONTROL), timeline=True)
    assert "a big deal" in html and "a step" in html and "a joint statement" in html
    assert "International Atomic Energy Agency" in html
    result = analyze(played.scenario, played.state)
    assert {d.kind for d in result.deadlocks} == {"unagreed", "stall"}
    tell = Teller(played.scenario, played.state)
    for unlocks in result.unlocking:  # "what would unlock it", as the engine says it
        assert unlocks.advice and escape(tell.words(unlocks.advice)) in html, "records named"


def test_the_diff_names_multi_party_commitments_and_their_statuses(
    played: Session, tmp_path: Path
) -> None:
    other_path = tmp_path / "other.parley"
    with simulate_session(played.scenario, other_path, 3, seed=17) as other:
        found = diff_sessions(played, other)
    multi = [c for c in played.state.commitments.values() if len(c.givers) > 1]
    assert multi
    lines = [*found.commitments_only_a, *(s.a for s in found.commitment_status)]
    assert any("," in line.giver for line in lines), "several givers, all named"
