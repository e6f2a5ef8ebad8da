"""Team devices in the engine (issue 15): codes, joining, the inbox, messages, who took it.

Every command's happy path and its refusals (a refusal appends nothing), Undo and Redo of
an accept, and the readings the log and the report show.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SCENARIOS
from engine.domain.device_codes import ALPHABET, normalized
from engine.domain.device_payloads import PAYLOAD_KEYS
from engine.domain.events import CONTROL, SUBMISSION_KINDS
from engine.domain.words import Words
from engine.errors import (
    DomainError,
    IllegalTransitionError,
    InvalidCommandError,
    JoinRefusedError,
    NotSeatedError,
    UnknownMoveTypeError,
    UnknownRecordError,
)
from engine.scenario import load_scenario
from engine.session.check import check_save
from engine.session.live import Session

MOVE = {"move_type": "statement", "tone": 1, "text": "we are ready to talk"}


@pytest.fixture(name="room")
def room_fixture(tmp_path: Path) -> Iterator[Any]:
    """A session with a USA device, a DPRK device and a Control device joined."""
    session = Session.create(
        load_scenario(SCENARIOS / "after-hanoi-2019.toml"), tmp_path / "r.parley"
    )
    codes = {team: session.issue_code(role="team", team=team) for team in ("usa", "dprk")}
    control = session.issue_code(role="control")
    room = Room(session, codes, control)
    yield room
    session.close()


class Room:
    def __init__(
        self, session: Session, codes: dict[str, tuple[str, str]], control: tuple[str, str]
    ) -> None:
        self.s = session
        self.codes = codes
        self.control_code = control
        self.usa, self.usa_token = session.join(code_text=codes["usa"][1], label="usa phone")
        self.dprk, self.dprk_token = session.join(code_text=codes["dprk"][1])
        self.laptop, self.laptop_token = session.join(code_text=control[1], label="laptop")

    def submit(self, device: str, what: str, payload: dict[str, Any]) -> str:
        return f"s{self.s.submit(device=device, what=what, payload=payload).seq}"


def refused(
    session: Session, error: type[Exception], call: Any, match: str | None = None
) -> Exception:
    """``call`` raises ``error`` (matching) and appends nothing."""
    before = session.last_seq
    with pytest.raises(error, match=match) as caught:
        call()
    assert session.last_seq == before and session.state.seq == before
    return caught.value


# ---------------------------------------------------------------------- codes and joining


def test_a_code_is_60_bits_shown_in_groups_and_kept_only_hashed(room: Room) -> None:
    code, text = room.codes["usa"]
    assert code.startswith("j") and code in room.s.state.codes
    assert len(text) == 14 and text[4] == text[9] == "-"
    assert all(c in ALPHABET for c in text.replace("-", "")) and len(ALPHABET) == 32
    record = room.s.state.codes[code]
    assert record.role == "team" and record.team == "usa" and record.active
    assert text.replace("-", "") not in record.digest and record.digest.startswith("pbkdf2_sha256$")
    payloads = [row[5] for row in room.s.store.raw_rows()]
    assert not any(text.replace("-", "") in p for p in payloads), "the code's text is in the save"
    assert room.control_code[0] in room.s.state.codes
    assert room.s.state.codes[room.control_code[0]].team is None


def test_issuing_a_code_checks_role_and_team(room: Room) -> None:
    s = room.s
    refused(s, InvalidCommandError, lambda: s.issue_code(role="observer"), "team or control")
    refused(s, InvalidCommandError, lambda: s.issue_code(role="team"), "names its team")
    refused(s, DomainError, lambda: s.issue_code(role="team", team="dprkk"), "no team 'dprkk'")
    refused(s, InvalidCommandError, lambda: s.issue_code(role="control", team="usa"), "no team")


def test_joining_ignores_case_spaces_and_dashes(room: Room) -> None:
    text = room.codes["usa"][1]
    typed = " ".join(text.replace("-", "").lower())
    assert normalized(typed) == text.replace("-", "")
    device, token = room.s.join(code_text=typed, label="  second phone ")
    found = room.s.device_of(token)
    assert found is not None and found.id == device and found.team == "usa"
    assert found.role == "team" and found.label == "second phone"
    assert found.digest != token and token not in str(room.s.store.raw_rows())


@pytest.mark.parametrize("typed", ["", "ABCD", "0000-0000-0000", "22222222222O", 12])
def test_a_wrong_code_is_refused_as_wrong(room: Room, typed: Any) -> None:
    error = refused(room.s, JoinRefusedError, lambda: room.s.join(code_text=typed))
    assert isinstance(error, JoinRefusedError) and error.reason == "wrong code"


def test_a_revoked_code_is_refused_as_revoked_and_its_devices_stay(room: Room) -> None:
    code, text = room.codes["usa"]
    room.s.revoke_code(code=code)
    assert not room.s.state.codes[code].active
    error = refused(room.s, JoinRefusedError, lambda: room.s.join(code_text=text))
    assert isinstance(error, JoinRefusedError) and error.reason == "revoked code"
    assert room.s.device_of(room.usa_token) is not None  # joined before: still in
    refused(room.s, IllegalTransitionError, lambda: room.s.revoke_code(code=code), "already")
    refused(room.s, UnknownRecordError, lambda: room.s.revoke_code(code="j999"), "no join code")


def test_the_locked_lobby_refuses_joins_until_unlocked(room: Room) -> None:
    s, text = room.s, room.codes["dprk"][1]
    s.lock_lobby(locked=True)
    assert s.state.lobby_locked
    error = refused(s, JoinRefusedError, lambda: s.join(code_text=text))
    assert isinstance(error, JoinRefusedError) and error.reason == "lobby locked"
    refused(s, IllegalTransitionError, lambda: s.lock_lobby(locked=True), "already locked")
    refused(s, InvalidCommandError, lambda: s.lock_lobby(locked="yes"))  # type: ignore[arg-type]
    assert s.device_of(room.dprk_token) is not None
    s.lock_lobby(locked=False)
    assert s.join(code_text=text)[0] in s.state.devices


def test_a_revoked_device_is_shut_out(room: Room) -> None:
    s = room.s
    s.revoke_device(device=room.usa)
    assert s.device_of(room.usa_token) is None
    assert s.device_of("not a token") is None and s.device_of("") is None
    refused(s, IllegalTransitionError, lambda: s.revoke_device(device=room.usa), "already")
    refused(s, UnknownRecordError, lambda: s.revoke_device(device="v999"), "no device")
    refused(s, IllegalTransitionError, lambda: room.submit(room.usa, "move", MOVE), "revoked")


# ---------------------------------------------------------------------- submitting


def test_a_submission_waits_in_the_inbox_its_team_from_the_device(room: Room) -> None:
    sub = room.submit(room.usa, "move", {**MOVE, "visibility": "public"})
    found = room.s.state.submissions[sub]
    assert found.status == "pending" and found.open and found.team == "usa"
    assert found.device == room.usa and found.what == "move" and found.number == 1
    assert found.payload == {**MOVE, "visibility": None, "targets": []}  # its checked form
    assert not room.s.state.moves


@pytest.mark.parametrize(
    ("what", "payload", "error", "match"),
    [
        ("move", {**MOVE, "team": "dprk"}, InvalidCommandError, "no field 'team'"),
        ("move", {**MOVE, "move_type": "invasion"}, UnknownMoveTypeError, "invasion"),
        ("move", {**MOVE, "tone": 7}, InvalidCommandError, "tone 7"),
        ("move", {**MOVE, "tone": "1"}, InvalidCommandError, "tone cannot be '1'"),
        ("move", {**MOVE, "text": None}, InvalidCommandError, "text cannot be None"),
        ("move", {"tone": 1, "text": "x"}, InvalidCommandError, "needs move_type"),
        ("move", {**MOVE, "targets": "dprk"}, InvalidCommandError, "targets cannot be"),
        ("move", [1], InvalidCommandError, "payload is a mapping"),
        ("demand", {"to_team": "usa", "issue": "inspections", "priority": 1, "text": "x"},
         InvalidCommandError, "to itself"),
        ("demand", {"to_team": "dprk", "issue": "gold", "priority": 1, "text": "x"},
         DomainError, "no issue 'gold'"),
        ("proposal", {"givers": ["usa"], "receivers": ["usa"], "issue": "inspections",
                      "text": "x"}, InvalidCommandError, "to itself"),
        ("proposal", {"givers": ["usa"], "receivers": ["dprk"], "issue": "inspections",
                      "text": "x", "conditions": ["c999"]}, UnknownRecordError, "c999"),
        ("answer", {"commitment": "c999", "answer": "agree"}, UnknownRecordError, "c999"),
        ("message", {"to": ["usa"], "text": "hi"}, InvalidCommandError, "to itself"),
        ("message", {"to": [], "text": "hi"}, InvalidCommandError, "at least one"),
        ("message", {"to": ["dprk"], "text": "  "}, InvalidCommandError, "must not be empty"),
        ("treaty", {}, InvalidCommandError, "not 'treaty'"),
    ],
)  # fmt: skip
def test_a_submission_is_checked_by_the_rules_of_its_command(
    room: Room, what: str, payload: Any, error: type[Exception], match: str
) -> None:
    refused(
        room.s, error, lambda: room.s.submit(device=room.usa, what=what, payload=payload), match
    )


def test_a_team_not_seated_at_a_summit_cannot_submit_a_move(room: Room) -> None:
    s = room.s
    s.start_round()
    s.end_round()
    s.start_round()  # round 2: a summit of ROK and DPRK
    refused(s, NotSeatedError, lambda: room.submit(room.usa, "move", MOVE), "not seated")
    assert s.state.submissions[room.submit(room.dprk, "move", MOVE)].team == "dprk"


def test_a_control_device_does_not_submit(room: Room) -> None:
    refused(room.s, InvalidCommandError, lambda: room.submit(room.laptop, "move", MOVE), "Control")


# ---------------------------------------------------------------------- the inbox


def test_accepting_makes_the_record_and_names_it(room: Room) -> None:
    sub = room.submit(room.usa, "move", MOVE)
    changes = room.s.accept(submission=sub)
    assert changes.moves and changes.submissions and changes.log
    move = f"m{changes.seq}"
    found = room.s.state.submissions[sub]
    assert found.status == "accepted" and found.record == move and found.edited == ()
    assert room.s.state.moves[move].team == "usa" and room.s.state.moves[move].tone == 1
    assert room.s.envelope(changes.seq).event.submission == sub  # type: ignore[union-attr]
    refused(room.s, IllegalTransitionError, lambda: room.s.accept(submission=sub), "accepted")
    refused(room.s, IllegalTransitionError, lambda: room.s.hold(submission=sub), "accepted")
    refused(room.s, IllegalTransitionError, lambda: room.s.reject(submission=sub, reason="x"))
    refused(room.s, UnknownRecordError, lambda: room.s.accept(submission="s999"), "no submission")


def test_an_edited_accept_says_what_was_edited(room: Room) -> None:
    sub = room.submit(room.usa, "move", MOVE)
    changes = room.s.accept(submission=sub, edits={"tone": -1, "text": "firmer"})
    found = room.s.state.submissions[sub]
    assert found.edited == ("tone", "text") and found.payload["tone"] == 1  # as sent
    assert room.s.state.moves[found.record or ""].tone == -1
    reading = room.s.envelope(changes.seq).event.reads(
        changes.seq, Words(room.s.scenario, room.s.state)
    )
    assert reading.what.endswith("Accepted from United States's device, edited: tone, text")


def test_an_edit_is_checked_by_the_rules_too(room: Room) -> None:
    sub = room.submit(room.usa, "move", MOVE)
    refused(room.s, InvalidCommandError, lambda: room.s.accept(submission=sub, edits={"tone": 9}))
    refused(
        room.s,
        InvalidCommandError,
        lambda: room.s.accept(submission=sub, edits={"team": "x"}),
        "no 'team'",
    )
    assert room.s.state.submissions[sub].status == "pending"


def test_one_undo_takes_the_accept_back_and_redo_gives_it_again(room: Room) -> None:
    s = room.s
    sub = room.submit(room.usa, "move", MOVE)
    changes = s.accept(submission=sub)
    move = f"m{changes.seq}"
    assert s.undo_label == "Undo accept Submission 1: record Move 1 (usa)"
    undone = s.undo()
    assert undone.submissions and undone.moves
    assert move not in s.state.moves
    found = s.state.submissions[sub]
    assert found.status == "pending" and found.record is None and found.open
    assert s.redo_label.startswith("Redo accept Submission 1: record")
    s.redo()
    assert s.state.submissions[sub].status == "accepted" and move in s.state.moves
    s.undo()
    s.accept(submission=sub, edits={"tone": 2})  # accepted again, differently
    assert s.state.submissions[sub].edited == ("tone",)
    assert check_save(s.path) == []


def test_hold_then_accept_and_reject_with_a_reason(room: Room) -> None:
    s = room.s
    held = room.submit(room.usa, "demand", {"to_team": "dprk", "issue": "inspections",
                                           "priority": 1, "text": "open the sites"})  # fmt: skip
    s.hold(submission=held, note="after lunch")
    assert (
        s.state.submissions[held].status == "held"
        and s.state.submissions[held].note == "after lunch"
    )
    s.hold(submission=held, note="still waiting")  # held again: a new note
    changes = s.accept(submission=held)
    assert s.state.submissions[held].record == f"d{changes.seq}" and changes.demands
    other = room.submit(room.usa, "move", MOVE)
    refused(s, InvalidCommandError, lambda: s.reject(submission=other, reason=" "), "reason")
    s.reject(submission=other, reason="say it at the table")
    found = s.state.submissions[other]
    assert found.status == "rejected" and found.reason == "say it at the table" and not found.open
    refused(s, IllegalTransitionError, lambda: s.accept(submission=other), "rejected")


def test_a_proposal_and_its_answer_from_devices(room: Room) -> None:
    s = room.s
    offer = room.submit(room.usa, "proposal", {
        "givers": ["usa"], "receivers": ["dprk"], "issue": "sanctions_relief", "text": "relief",
        "conditions": [], "verification": True,
    })  # fmt: skip
    made = s.accept(submission=offer)
    commitment = f"c{made.seq}"
    assert s.state.commitments[commitment].proposer == "usa"
    answer = {"commitment": commitment, "answer": "agree", "reason": "a start"}
    refused(
        s, InvalidCommandError, lambda: room.submit(room.usa, "answer", answer), "not addressed"
    )
    refused(
        s,
        InvalidCommandError,
        lambda: room.submit(room.dprk, "answer", {**answer, "answer": "maybe"}),
    )
    sub = room.submit(room.dprk, "answer", answer)
    s.accept(submission=sub)
    assert s.state.commitments[commitment].status == "agreed"
    assert s.state.submissions[sub].record == commitment


def test_an_ask_from_a_device_is_answered_by_its_givers(room: Room) -> None:
    s = room.s
    ask = room.submit(room.usa, "proposal", {
        "givers": "dprk", "receivers": "usa", "issue": "inspections", "text": "let them in",
        "conditions": [],
    })  # fmt: skip
    commitment = f"c{s.accept(submission=ask).seq}"
    assert s.state.commitments[commitment].ask
    refuse = {"commitment": commitment, "answer": "refuse", "reason": "not yet"}
    s.accept(submission=room.submit(room.dprk, "answer", refuse))
    assert s.state.commitments[commitment].status == "refused"


def test_messages_from_devices_and_from_control(room: Room) -> None:
    s = room.s
    sub = room.submit(room.usa, "message", {"to": "dprk", "text": "a word, quietly"})
    changes = s.accept(submission=sub)
    message = s.state.messages[f"x{changes.seq}"]
    assert message.sender == "usa" and message.to == ("dprk",) and message.submission == sub
    assert changes.messages and changes.submissions
    s.send_message(sender=CONTROL, to=["usa", "dprk"], text="ten minutes")
    s.send_message(sender="dprk", to=CONTROL, text="we need a break")
    refused(s, DomainError, lambda: s.send_message(sender="usa", to=["nowhere"], text="x"))
    refused(s, InvalidCommandError, lambda: s.send_message(sender="usa", to=["usa"], text="x"))
    refused(
        s, InvalidCommandError, lambda: s.send_message(sender="usa", to=["dprk"], text="x" * 4001)
    )


# ---------------------------------------------------------------------- who took it


def test_a_control_device_takes_events_and_the_log_says_so(room: Room) -> None:
    s = room.s
    sub = room.submit(room.usa, "move", MOVE)
    with s.acting_device(room.laptop):
        changes = s.accept(submission=sub)
        s.add_note(text="from the laptop")
    plain = s.add_note(text="from the window")
    env = s.envelope(changes.seq)
    assert env.by_device == room.laptop and s.envelope(changes.seq + 1).by_device == room.laptop
    assert s.envelope(plain.seq).by_device is None
    reading = env.event.reads(env.seq, Words(s.scenario, s.state))
    assert reading.what.endswith("Taken by Control's device " + room.laptop + " (laptop)")
    with s.acting_device(room.laptop):
        s.undo()  # an undo from the laptop is the laptop's too
    assert s.envelope(s.last_seq).by_device == room.laptop
    assert check_save(s.path) == []


def test_only_an_active_control_device_acts(room: Room) -> None:
    s = room.s
    with pytest.raises(InvalidCommandError, match="only a Control device acts"):
        s.acting_device(room.usa).__enter__()
    s.revoke_device(device=room.laptop)
    with pytest.raises(IllegalTransitionError, match="revoked"):
        s.acting_device(room.laptop).__enter__()
    with s.acting_device(None):
        assert s.add_note(text="at the window").envelopes[0].by_device is None


def test_every_step_reads_in_words(room: Room) -> None:
    s = room.s
    sub = room.submit(room.usa, "move", MOVE)
    s.hold(submission=sub, note="wait")
    s.reject(submission=sub, reason="no")
    s.lock_lobby(locked=True)
    s.revoke_device(device=room.dprk)
    s.revoke_code(code=room.codes["dprk"][0])
    words = Words(s.scenario, s.state)
    read = [env.event.reads(env.seq, words).what for env in s.events(2)]
    assert read[0] == f"Join code {room.codes['usa'][0]} issued for United States's devices"
    assert read[2] == f"Join code {room.control_code[0]} issued for Control's devices"
    assert read[3].startswith(f"Device {room.usa} (usa phone) joined for United States")
    assert read[6] == f"United States submitted a move ({sub}) from device {room.usa} (usa phone)"
    assert read[7:] == [
        "Submission 1 (United States's move) held", "Submission 1 (United States's move) rejected",
        "Lobby locked", f"Device {room.dprk} revoked", f"Join code {room.codes['dprk'][0]} revoked",
    ]  # fmt: skip


def test_undo_passes_over_what_devices_did_meanwhile(room: Room) -> None:
    """A submission or a join arriving between an accept and Undo is not Undo's to take:
    Undo takes the accept back, and Redo gives it again across them."""
    s = room.s
    sub = room.submit(room.usa, "move", MOVE)
    accepted = s.accept(submission=sub)
    later = room.submit(room.dprk, "move", MOVE)  # the team's, arriving meanwhile
    s.join(code_text=room.codes["dprk"][1])
    assert s.undo_event is not None and s.undo_event.seq == accepted.seq
    s.undo()
    assert s.state.submissions[sub].status == "pending"
    assert s.state.submissions[later].status == "pending"  # still in the inbox
    third = room.submit(room.usa, "message", {"to": "dprk", "text": "again?"})
    assert s.can_redo
    s.redo()
    assert s.state.submissions[sub].status == "accepted" and third in s.state.submissions
    s.add_note(text="a command of Control's")  # this one does end the run of undos
    s.undo()
    s.undo()
    assert s.state.submissions[sub].status == "pending" and later in s.state.submissions
    assert check_save(s.path) == []
    reopened = Session.open(s.path, read_only=True)
    try:
        assert reopened.state == s.state
    finally:
        reopened.close()


def test_ending_a_round_names_the_submissions_still_waiting(room: Room) -> None:
    from engine.domain.pending import describe_pending, round_pending

    s = room.s
    s.start_round()
    waiting = room.submit(room.usa, "move", MOVE)
    held = room.submit(room.dprk, "message", {"to": "usa", "text": "talk later"})
    s.hold(submission=held)
    s.reject(submission=room.submit(room.usa, "move", MOVE), reason="once is enough")
    pending = round_pending(s.state)
    assert pending and pending.waiting_submissions == (waiting, held)
    assert describe_pending(pending, s.state, s.scenario)[-2:] == [
        "Submission waiting in the inbox: United States's move: “we are ready to talk”",
        "Submission waiting in the inbox: Democratic People's Republic of Korea's message: "
        "“talk later”",
    ]


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=8)
    | st.sampled_from(["usa", "dprk", "statement", "inspections", "c1", "demand", "public"]),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)  # fmt: skip
KEYS = st.sampled_from(sorted({k for keys in PAYLOAD_KEYS.values() for k in keys} | {"team", ""}))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    what=st.sampled_from([*SUBMISSION_KINDS, "treaty"]) | JSON,
    payload=st.dictionaries(KEYS, JSON, max_size=6) | JSON,
)
def test_any_payload_is_taken_or_refused_in_words(room: Room, what: Any, payload: Any) -> None:
    """Whatever a device posts: a submission, or a DomainError with nothing written."""
    before = room.s.last_seq
    try:
        room.s.submit(device=room.usa, what=what, payload=payload)
    except DomainError as error:
        assert str(error) and room.s.last_seq == before
    else:
        assert room.s.last_seq == before + 1


@pytest.mark.parametrize("odd", [["s1"], {"id": 1}, 7, None])
def test_an_id_of_the_wrong_type_is_unknown(room: Room, odd: Any) -> None:
    for call in (
        lambda: room.s.accept(submission=odd),
        lambda: room.s.revoke_device(device=odd),
        lambda: room.s.revoke_code(code=odd),
        lambda: room.s.submit(device=odd, what="move", payload=MOVE),
    ):
        refused(room.s, UnknownRecordError, call)


def test_a_device_label_is_one_short_line_whatever_the_browser_sends(room: Room) -> None:
    device, _ = room.s.join(code_text=room.codes["usa"][1], label="  Kim's\nphone\t" + "x" * 200)
    label = room.s.state.devices[device].label
    assert label.startswith("Kim's phone x") and len(label) == 80 and "\n" not in label
    device, _ = room.s.join(code_text=room.codes["usa"][1], label=None)  # type: ignore[arg-type]
    assert room.s.state.devices[device].label == ""
