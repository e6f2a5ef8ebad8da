"""Issue 16's commitment rules: many parties, asks, conditions of every kind added and
dropped, progress, suspension (in response to a breach), repeatable verification by a
named verifier, agreements with signatories and a shape. Each rule accepts what it should
and refuses, writing nothing, what it should not."""

# ruff: noqa: E501  (tables of commands read best one per line)

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from test_session_rules import refused

from conftest import FIXTURES
from engine import errors
from engine.domain.events import Condition
from engine.scenario import parse_scenario
from engine.session.live import Session

THREE = """
[[teams]]
id = "east"
name = "East"

[[observers]]
id = "iaea"
name = "Inspectors"
"""


@pytest.fixture
def s(tmp_path: Path) -> Session:
    text = (FIXTURES / "minimal.toml").read_text(encoding="utf-8")
    text = text.replace("[[indicators]]", THREE + "\n[[indicators]]", 1)
    session = Session.create(parse_scenario(text, "three.toml"), tmp_path / "c.parley")
    session.start_round()
    session.propose_commitment(
        givers=("north", "east"), receivers="south", issue="relief", text="aid", verification=True
    )  # c3
    session.propose_commitment(giver="south", receiver="north", issue="relief", text="freeze")  # c4
    session.table_demand(
        from_team="north", to_team="south", issue="relief", priority=1, text="declare"
    )  # d5
    return session


def test_several_givers_and_receivers_and_who_acts(s: Session) -> None:
    c3 = s.state.commitments["c3"]
    assert (c3.givers, c3.receivers, c3.proposer, c3.ask) == (
        ("north", "east"),
        ("south",),
        "north",
        False,
    )
    assert s.envelope(3).actor == "north"
    s.agree_commitment(commitment="c3")
    assert s.envelope(s.last_seq).actor == "south", "an offer is agreed by its receiver"


def test_an_ask_is_proposed_by_another_team_and_answered_by_the_givers(s: Session) -> None:
    s.propose_commitment(
        givers="north", receivers="south", issue="relief", text="stop tests", proposer="south"
    )
    key = f"c{s.last_seq}"
    assert s.state.commitments[key].ask and s.envelope(s.last_seq).actor == "south"
    s.refuse_commitment(commitment=key, reason="not now")
    assert s.state.commitments[key].status == "refused"
    assert s.envelope(s.last_seq).actor == "north", "the givers answer an ask"


def test_conditions_of_each_kind_and_renegotiation_after_agreement(s: Session) -> None:
    s.agree_commitment(commitment="c3")
    s.add_condition(
        commitment="c3", condition=Condition("demand", "d5"), reason="relief once declared"
    )
    s.add_condition(commitment="c4", condition=("verification", "c3"))
    s.add_condition(commitment="c4", condition="c3")
    assert s.state.commitments["c4"].conditions == (
        Condition("verification", "c3"),
        Condition("commitment", "c3"),
    )
    s.drop_condition(commitment="c3", condition=("demand", "d5"), reason="dropped at the summit")
    assert s.state.commitments["c3"].conditions == ()
    assert s.envelope(s.last_seq).event.reason == "dropped at the summit"  # type: ignore[attr-defined]


def test_progress_suspension_resumption_reversal_and_verification(s: Session) -> None:
    s.agree_commitment(commitment="c3")
    s.record_progress(commitment="c3", percent=50, note="half the fuel oil")
    assert (s.state.commitments["c3"].progress, s.state.commitments["c3"].status) == (50, "agreed")
    s.record_progress(commitment="c3", percent=100, note="all shipped")
    assert s.state.commitments["c3"].status == "agreed", "100 % still needs an explicit fulfil"
    s.suspend_commitment(commitment="c3", reason="paused")
    s.resume_commitment(commitment="c3", reason="resumed")
    s.verify_commitment(commitment="c3", result="confirmed", verifier="iaea")
    s.fulfil_commitment(commitment="c3")
    s.verify_commitment(commitment="c3", result="failed", verifier="south", reason="restarted")
    checks = s.state.commitments["c3"].verifications
    assert [(v.verifier, v.result) for v in checks] == [("iaea", "confirmed"), ("south", "failed")]
    assert (
        s.envelope(s.last_seq).actor == "south" and s.state.commitments["c3"].verified == "failed"
    )
    s.break_commitment(commitment="c3", reason="reversed")
    assert s.state.commitments["c3"].status == "broken"


def test_a_suspension_in_response_to_another_partys_breach(s: Session) -> None:
    s.agree_commitment(commitment="c3")
    s.agree_commitment(commitment="c4")
    s.break_commitment(commitment="c4", reason="tested again")
    s.suspend_commitment(commitment="c3", reason="their breach", in_response_to="c4")
    assert s.state.commitments["c3"].in_response_to == "c4"
    s.resume_commitment(commitment="c3")
    assert s.state.commitments["c3"].in_response_to is None


def test_an_agreement_with_signatories_and_a_shape(s: Session) -> None:
    s.agree_commitment(commitment="c4")
    first = s.sign_agreement(
        title="Freeze", commitments=["c4"], signatories=("north", "south", "east"), shape="big_deal"
    )
    s.agree_commitment(commitment="c3")
    s.sign_agreement(title="Aid", commitments=["c3"], shape="step", follows=f"a{first.seq}")
    deal, step = s.state.agreements.values()
    assert (deal.shape, deal.signatories, deal.teams) == (
        "big_deal",
        ("north", "south", "east"),
        ("north", "south", "east"),
    )
    assert (step.shape, step.follows) == ("step", deal.id)


CASES: list[tuple[type[Exception], str, Callable[[Session], object]]] = [
    (errors.InvalidCommandError, "at least one giver", lambda s: s.propose_commitment(givers=(), receivers="south", issue="relief", text="")),
    (errors.InvalidCommandError, "'north' cannot make a commitment to itself", lambda s: s.propose_commitment(givers=("north", "east"), receivers=("south", "north"), issue="relief", text="")),
    (errors.UnknownRecordError, "no demand 'd99'", lambda s: s.propose_commitment(giver="north", receiver="south", issue="relief", text="", conditions=[("demand", "d99")])),
    (errors.InvalidCommandError, "made without verification", lambda s: s.add_condition(commitment="c3", condition=("verification", "c4"))),
    (errors.InvalidCommandError, "not 'promise'", lambda s: s.add_condition(commitment="c3", condition=("promise", "c4"))),
    (errors.InvalidCommandError, "reason for renegotiating", lambda s: (s.agree_commitment(commitment="c3"), s.add_condition(commitment="c3", condition="c4"))),
    (errors.IllegalTransitionError, "does not wait on c4", lambda s: s.drop_condition(commitment="c3", condition="c4", reason="x")),
    (errors.InvalidCommandError, "progress 101", lambda s: (s.agree_commitment(commitment="c3"), s.record_progress(commitment="c3", percent=101))),
    (errors.IllegalTransitionError, "progress is recorded on agreed", lambda s: s.record_progress(commitment="c3", percent=10)),
    (errors.IllegalTransitionError, "proposed and cannot become suspended", lambda s: s.suspend_commitment(commitment="c3")),
    (errors.IllegalTransitionError, "not broken: a suspension answers a breach", lambda s: (s.agree_commitment(commitment="c3"), s.suspend_commitment(commitment="c3", in_response_to="c4"))),
    (errors.IllegalTransitionError, "only a suspended one resumes", lambda s: s.resume_commitment(commitment="c3")),
    (errors.IllegalTransitionError, "resume it rather than agree", lambda s: (s.agree_commitment(commitment="c3"), s.suspend_commitment(commitment="c3"), s.agree_commitment(commitment="c3"))),
    (errors.UnknownTeamError, "no team or observer 'un'", lambda s: (s.agree_commitment(commitment="c3"), s.verify_commitment(commitment="c3", result="confirmed", verifier="un"))),
    (errors.InvalidCommandError, "not 'maybe'", lambda s: (s.agree_commitment(commitment="c3"), s.verify_commitment(commitment="c3", result="maybe"))),  # type: ignore[arg-type]
    (errors.IllegalTransitionError, "only agreed, suspended, fulfilled or broken", lambda s: s.verify_commitment(commitment="c3", result="confirmed")),
    (errors.InvalidCommandError, "not 'treaty'", lambda s: (s.agree_commitment(commitment="c3"), s.sign_agreement(title="T", commitments=["c3"], shape="treaty"))),  # type: ignore[arg-type]
    (errors.InvalidCommandError, "only a step of a sequence follows", lambda s: (s.agree_commitment(commitment="c3"), s.sign_agreement(title="T", commitments=["c3"], follows="a1"))),
    (errors.UnknownRecordError, "no agreement 'a1'", lambda s: (s.agree_commitment(commitment="c3"), s.sign_agreement(title="T", commitments=["c3"], shape="step", follows="a1"))),
    (errors.IllegalTransitionError, "refused and cannot become agreed", lambda s: (s.refuse_commitment(commitment="c3"), s.agree_commitment(commitment="c3"))),
]  # fmt: skip


@pytest.mark.parametrize(("error", "words", "command"), CASES, ids=[c[1] for c in CASES])
def test_a_broken_commitment_rule_is_refused(
    s: Session, error: type[Exception], words: str, command: Callable[[Session], object]
) -> None:
    with pytest.raises(error) as raised:  # a case's earlier steps set the scene and succeed
        command(s)
    assert words in str(raised.value)


def test_a_refused_commitment_command_writes_nothing(s: Session) -> None:
    refused(
        s, errors.IllegalTransitionError, lambda: s.resume_commitment(commitment="c3"), "resumes"
    )
