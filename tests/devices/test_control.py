"""The Control device: the inbox and the rulings from a laptop, every action recorded as
taken by that device; a team's device can do none of it, nor Control's a team's."""

from __future__ import annotations

from device_room import Room, room_fixture  # noqa: F401

MOVE = {"move_type": "statement", "tone": "1", "text": "We are ready to talk."}


def _submission(room: Room) -> str:
    return str(room.call(lambda s: list(s.state.submissions)[-1]))


def test_control_accepts_an_edited_submission_recorded_as_its_device(room: Room) -> None:
    usa, control = room.joined("usa"), room.joined("control")
    usa.post("/submit/move", MOVE)
    sid = _submission(room)
    page = control.get("/").text
    assert f'id="sub-{sid}"' in page and "We are ready to talk." in page
    device = room.call(lambda s: s.device_of(control.cookie).id)
    reply = control.post("/control/accept", {"submission": sid, "text": "We are ready."})
    assert reply.status == 303
    found = room.call(lambda s: s.state.submissions[sid])
    assert found.status == "accepted" and found.edited
    move = room.call(lambda s: s.state.moves[found.record])
    assert move.text == "We are ready." and move.team == "usa"
    last = room.call(lambda s: s.envelope(s.last_seq))
    assert last.event.by_device == device
    assert f'id="sub-{sid}"' not in control.get("/").text


def test_control_holds_and_rejects_with_a_reason_the_team_sees(room: Room) -> None:
    usa, control = room.joined("usa"), room.joined("control")
    usa.post("/submit/move", MOVE)
    sid = _submission(room)
    assert control.post("/control/hold", {"submission": sid, "note": "later"}).status == 303
    assert room.call(lambda s: s.state.submissions[sid].status) == "held"
    reply = control.post("/control/reject", {"submission": sid, "reason": "Off topic"})
    assert reply.status == 303
    assert room.call(lambda s: s.state.submissions[sid].reason) == "Off topic"
    assert "Reason: Off topic" in usa.get("/").text
    again = control.post("/control/reject", {"submission": sid, "reason": "twice"})
    assert again.status == 422 and "Not done:" in again.text


def test_control_rules_on_a_move_recorded_as_its_device(room: Room) -> None:
    control = room.joined("control")
    seq = room.call(lambda s: s.record_move(team="rok", move_type="statement", tone=0,
                                            text="A quiet statement").seq)  # fmt: skip
    page = control.get("/").text
    assert "A quiet statement" in page and 'action="/control/rule"' in page
    fields = {"move": f"m{seq}", "outcome": "partial", "reason": "Half heard"}
    assert control.post("/control/rule", fields).status == 303
    move = room.call(lambda s: s.state.moves[f"m{seq}"])
    assert move.outcome == "partial" and move.reason == "Half heard"
    device = room.call(lambda s: s.device_of(control.cookie).id)
    assert room.call(lambda s: s.envelope(s.last_seq).event.by_device) == device
    assert "No move waits for a ruling" in control.get("/").text


def test_roles_stay_apart(room: Room) -> None:
    usa, control = room.joined("usa"), room.joined("control")
    usa.post("/submit/move", MOVE)
    sid = _submission(room)
    assert usa.post("/control/accept", {"submission": sid}).status == 403
    assert control.post("/submit/move", MOVE).status == 403
    assert room.call(lambda s: s.state.submissions[sid].status) == "pending"
