"""Property tests on generated sessions: random commands through the Session API."""

# ruff: noqa: E501  (tables of commands read best one per line)

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sessions import minimal

from engine.domain.reducer import copy_state
from engine.domain.state import SessionState
from engine.errors import DomainError
from engine.session.exchange import export_json_text, import_json
from engine.session.live import Session

SCENARIO = minimal()
TEAMS = SCENARIO.team_ids
Step = tuple[int, int]


def play(s: Session, step: Step) -> None:
    """One command chosen by ``step``; refused ones are fine (and must write nothing)."""
    action, n = step
    st_ = s.state
    moves = list(st_.moves) or ["m0"]
    commitments = list(st_.commitments) or ["c0"]
    demands = list(st_.demands) or ["d0"]
    team, other = TEAMS[n % 2], TEAMS[(n + 1) % 2]
    agreed = [k for k, c in st_.commitments.items() if c.status == "agreed"] or ["c0"]
    texts: list[str] = s.__dict__.setdefault("code_texts", [])  # told once: kept here
    codes = list(st_.codes) or ["j0"]
    devices = list(st_.devices) or ["v0"]
    submissions = list(st_.submissions) or ["s0"]
    laptops = [d.id for d in st_.devices.values() if d.role == "control"] or ["v0"]

    def acting(command: Callable[[], object]) -> None:
        with s.acting_device(laptops[n % len(laptops)]):
            command()

    paused = [k for k, c in st_.commitments.items() if c.status == "suspended"] or ["c0"]
    checkable = [
        k for k, c in st_.commitments.items() if c.verification and c.status != "proposed"
    ] or ["c0"]
    commands = [
        lambda: s.start_round(),
        lambda: s.end_round(),
        lambda: s.next_phase(),
        lambda: s.record_move(team=team, move_type=("test", "statement")[n % 2], tone=n % 7 - 3, text="t"),
        lambda: s.adjudicate(move=moves[n % len(moves)], outcome=None, method="dice", reason="", seed=n),
        lambda: s.adjudicate(move=moves[n % len(moves)], outcome=("success", "partial", "failure")[n % 3], method="judgement", reason="r"),
        lambda: s.table_demand(from_team=team, to_team=other, issue="relief", priority=1 + n % 3, text="d"),
        lambda: s.set_demand_status(demand=demands[n % len(demands)], status=("met", "refused", "dropped")[n % 3]),
        lambda: s.propose_commitment(giver=team, receiver=other, issue="relief", text="c", conditions=commitments[-1:] if n % 2 else (), verification=n % 3 == 0),
        lambda: s.add_condition(commitment=commitments[n % len(commitments)], condition=commitments[-1]),
        lambda: s.agree_commitment(commitment=commitments[n % len(commitments)]),
        lambda: s.fulfil_commitment(commitment=commitments[n % len(commitments)]),
        lambda: s.break_commitment(commitment=commitments[n % len(commitments)]),
        lambda: s.withdraw_commitment(commitment=commitments[n % len(commitments)]),
        lambda: s.verify_commitment(commitment=commitments[n % len(commitments)], verified=n % 2 == 0),
        # issue 16's kinds
        lambda: s.propose_commitment(givers=(other,), receivers=(team,), issue="relief", text="ask", proposer=team, conditions=[("demand", demands[-1])] if n % 2 else ()),
        lambda: s.add_condition(commitment=commitments[n % len(commitments)], condition=(("demand", demands[-1]), ("verification", commitments[-1]))[n % 2], reason="r"),
        lambda: s.drop_condition(commitment=commitments[n % len(commitments)], condition=next(iter(getattr(st_.commitments.get(commitments[n % len(commitments)]), "conditions", ())), "c0"), reason="r"),
        lambda: s.refuse_commitment(commitment=commitments[n % len(commitments)], reason="no"),
        lambda: s.record_progress(commitment=agreed[n % len(agreed)], percent=n % 101, note="step"),
        lambda: s.suspend_commitment(commitment=agreed[n % len(agreed)], in_response_to=commitments[-1] if n % 2 else None),
        lambda: s.resume_commitment(commitment=paused[n % len(paused)]),
        lambda: s.verify_commitment(commitment=checkable[n % len(checkable)], result=("confirmed", "failed", "inconclusive")[n % 3], verifier=team),
        lambda: s.sign_agreement(title="deal", commitments=commitments[-(1 + n % 3):], signatories=TEAMS, shape=("big_deal", "joint_statement", None)[n % 3]),
        lambda: s.sign_agreement(title="step", commitments=commitments[-1:], shape="step", follows=next(iter(st_.agreements), None)),
        lambda: s.sign_agreement(title="deal", commitments=commitments[-(1 + n % 3):]),
        lambda: s.adjust_indicator(key=("tension", "support.north", "trust.north.south")[n % 3], delta=n % 90 - 45, reason="c"),
        lambda: s.fire_inject(inject="leak"),
        lambda: s.add_note(text="n"),
        lambda: s.set_bookmark(label="b"),
        lambda: s.undo(),
        lambda: s.undo(),
        lambda: s.redo(),
        # issue 15's kinds: team devices
        lambda: texts.append(s.issue_code(role="team", team=team)[1]),
        lambda: texts.append(s.issue_code(role="control")[1]),
        lambda: s.join(code_text=texts[n % len(texts)] if texts else "no code", label=f"d{n}"),
        lambda: s.revoke_code(code=codes[n % len(codes)]),
        lambda: s.lock_lobby(locked=n % 2 == 0),
        lambda: s.submit(device=devices[n % len(devices)], what="move", payload={"move_type": ("test", "statement")[n % 2], "tone": n % 7 - 3, "text": "from a phone"}),
        lambda: s.submit(device=devices[n % len(devices)], what="demand", payload={"to_team": other, "issue": "relief", "priority": 1 + n % 3, "text": "d"}),
        lambda: s.submit(device=devices[n % len(devices)], what="proposal", payload={"givers": [team], "receivers": [other], "issue": "relief", "text": "c"}),
        lambda: s.submit(device=devices[n % len(devices)], what="answer", payload={"commitment": commitments[n % len(commitments)], "answer": ("agree", "refuse")[n % 2]}),
        lambda: s.submit(device=devices[n % len(devices)], what="message", payload={"to": [other], "text": "m"}),
        lambda: s.accept(submission=submissions[n % len(submissions)], edits={"text": "edited"} if n % 3 == 0 else None),
        lambda: s.hold(submission=submissions[n % len(submissions)], note="later"),
        lambda: s.reject(submission=submissions[n % len(submissions)], reason="no"),
        lambda: s.revoke_device(device=devices[n % len(devices)]),
        lambda: s.send_message(sender=(team, "control")[n % 2], to=[other], text="m"),
        lambda: acting(lambda: s.accept(submission=submissions[n % len(submissions)])),
        lambda: acting(lambda: s.undo()),
    ]  # fmt: skip
    before, last = copy_state(s.state), s.last_seq
    try:
        commands[action % len(commands)]()
    except DomainError:
        assert s.last_seq == last and s.state == before


steps = st.lists(st.tuples(st.integers(0, 100), st.integers(0, 1000)), min_size=1, max_size=60)
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _visible(state: SessionState) -> SessionState:
    """The state without the fold's bookkeeping of voids (undo then redo adds two)."""
    view = copy_state(state)
    view.seq, view.voided, view.void_targets = 0, set(), {}
    return view


@pytest.mark.slow
@PROPERTY
@given(steps)
def test_the_fold_of_the_reopened_save_equals_the_live_state_at_every_point(
    plan: list[Step],
) -> None:
    with tempfile.TemporaryDirectory() as tmp, patch("engine.session.live.SNAPSHOT_EVERY", 4):
        path = Path(tmp) / "p.parley"
        live: dict[int, SessionState] = {}
        with Session.create(SCENARIO, path) as s:
            live[s.last_seq] = copy_state(s.state)
            for step in plan:
                play(s, step)
                live[s.last_seq] = copy_state(s.state)
        with Session.open(path, read_only=True) as replay:
            assert replay.state == live[replay.last_seq]
            for seq, state in live.items():
                assert replay.state_at(seq) == state, seq


@pytest.mark.slow
@PROPERTY
@given(steps)
def test_undo_then_redo_changes_nothing(plan: list[Step]) -> None:
    with (
        tempfile.TemporaryDirectory() as tmp,
        patch("engine.session.live.SNAPSHOT_EVERY", 3),
        Session.create(SCENARIO, Path(tmp) / "u.parley") as s,
    ):
        for step in plan:
            play(s, step)
            if s.can_undo:
                before = _visible(s.state)
                label = s.undo_label
                s.undo()
                assert s.redo_label == "Redo" + label.removeprefix("Undo")
                s.redo()
                assert _visible(s.state) == before


@pytest.mark.slow
@PROPERTY
@given(steps, st.integers(0, 10_000))
def test_a_branch_equals_the_prefix_and_export_import_round_trips(
    plan: list[Step], at: int
) -> None:
    with tempfile.TemporaryDirectory() as tmp, patch("engine.session.live.SNAPSHOT_EVERY", 5):
        root = Path(tmp)
        with Session.create(SCENARIO, root / "p.parley") as s:
            for step in plan:
                play(s, step)
            seq = 1 + at % s.last_seq
            with s.branch(seq=seq, path=root / "b.parley") as child:
                assert child.last_seq == seq
                assert child.state == s.state_at(seq)
                assert child.meta["parent_seq"] == str(seq)
                assert child.meta["parent_log_hash"] == s.log_hash(seq)
                assert child.can_redo == bool(child._redo_target())
            exported = export_json_text(s)
            (root / "p.json").write_text(exported)
            with import_json(root / "p.json", root / "i.parley") as imported:
                assert imported.state == s.state
                assert export_json_text(imported) == exported
