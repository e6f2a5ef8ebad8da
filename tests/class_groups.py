"""Hand-built groups of one scenario with known differences, for the class tests.

``big``: one big deal in round 1 (two commitments on both issues), both kept, a calm tone.
``steps``: two one-commitment agreements (round 1 and the summit), one of them broken, a
surprise demand at the summit, a tone that swings from +3 to -3.
``stuck``: two commitments waiting on each other, only proposed, in round 1 (a deadlock);
one withdrawn in round 2 (resolved); no agreement signed.
"""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES
from engine.scenario import Scenario, parse_scenario
from engine.session.live import Session

TEXT = (
    (FIXTURES / "minimal.toml")
    .read_text(encoding="utf-8")
    .replace(
        "[[move_types]]",
        '[[issues]]\nid = "inspections"\nname = "Inspections"\ntangible = false\n\n[[move_types]]',
        1,
    )
)


def class_scenario() -> Scenario:
    return parse_scenario(TEXT, "class-test.toml")


def _pair(s: Session, issue: str, conditional: bool = False) -> tuple[str, str]:
    a = s.propose_commitment(giver="north", receiver="south", issue=issue, text="a").seq
    b = s.propose_commitment(
        giver="south",
        receiver="north",
        issue=issue,
        text="b",
        conditions=[f"c{a}"] if conditional else (),
    ).seq
    if conditional:
        s.add_condition(commitment=f"c{a}", condition=f"c{b}")
    return f"c{a}", f"c{b}"


def _proposed(s: Session, giver: str, receiver: str) -> str:
    changes = s.propose_commitment(giver=giver, receiver=receiver, issue="relief", text="-")
    return f"c{changes.seq}"


def big(path: Path) -> Path:
    with Session.create(class_scenario(), path) as s:
        s.start_round()
        s.record_move(team="north", move_type="statement", tone=1, text="calm")
        first = s.propose_commitment(giver="north", receiver="south", issue="relief", text="r")
        other = s.propose_commitment(giver="south", receiver="north", issue="inspections", text="i")
        ids = [f"c{first.seq}", f"c{other.seq}"]
        for key in ids:
            s.agree_commitment(commitment=key)
        s.sign_agreement(title="The big deal", commitments=ids)
        s.adjust_indicator(key="tension", delta=-30, reason="relief")
        s.start_round()
        s.record_move(team="north", move_type="statement", tone=1, text="calm again")
        for key in ids:
            s.fulfil_commitment(commitment=key)
    return path


def steps(path: Path) -> Path:
    with Session.create(class_scenario(), path) as s:
        s.start_round()
        s.record_move(team="north", move_type="statement", tone=3, text="warm")
        one = _proposed(s, "north", "south")
        s.agree_commitment(commitment=one)
        s.sign_agreement(title="Step one", commitments=[one])
        s.adjust_indicator(key="tension", delta=20, reason="doubt")
        s.start_round()  # the summit
        s.record_move(team="north", move_type="statement", tone=-3, text="cold")
        s.table_demand(
            from_team="south", to_team="north", issue="inspections", priority=1, text="new"
        )
        two = _proposed(s, "south", "north")
        s.agree_commitment(commitment=two)
        s.sign_agreement(title="Step two", commitments=[two])
        s.break_commitment(commitment=one)
    return path


def stuck(path: Path) -> Path:
    with Session.create(class_scenario(), path) as s:
        s.start_round()
        _a, b = _pair(s, "relief", conditional=True)
        s.start_round()
        s.withdraw_commitment(commitment=b)
    return path


def three_groups(folder: Path) -> list[Path]:
    return [
        big(folder / "big.parley"),
        steps(folder / "steps.parley"),
        stuck(folder / "stuck.parley"),
    ]
