"""The reducer's handlers of the team-device kinds (``engine/domain/device_events.py``),
and ``accepted``: what an event accepted from a submission does to that submission.

Like every handler they trust their input (the commands checked the rules) and change
nothing for an event that refers to something missing.
"""

from __future__ import annotations

from msgspec.structs import replace

from engine.domain import device_events as dev
from engine.domain import state as ids
from engine.domain.device_payloads import edited_keys, payload_of
from engine.domain.event_base import Event
from engine.domain.events import Envelope
from engine.domain.state import Device, JoinCode, Message, SessionState, Submission
from engine.scenario.model import Scenario


def code_issued(state: SessionState, env: Envelope, e: dev.JoinCodeIssued, sc: Scenario) -> None:
    code = ids.code_id(env.seq)
    state.codes[code] = JoinCode(code, env.seq, e.role, e.team, e.digest)


def code_revoked(state: SessionState, env: Envelope, e: dev.JoinCodeRevoked, sc: Scenario) -> None:
    code = state.codes.get(e.code)
    if code is not None and code.active:
        state.codes[e.code] = replace(code, revoked_seq=env.seq)


def device_joined(state: SessionState, env: Envelope, e: dev.DeviceJoined, sc: Scenario) -> None:
    device = ids.device_id(env.seq)
    state.devices[device] = Device(
        device, env.seq, env.at, e.code, e.role, e.team, e.digest, e.label
    )


def device_revoked(state: SessionState, env: Envelope, e: dev.DeviceRevoked, sc: Scenario) -> None:
    device = state.devices.get(e.device)
    if device is not None and device.active:
        state.devices[e.device] = replace(device, revoked_seq=env.seq)


def lobby_locked(state: SessionState, env: Envelope, e: dev.LobbyLocked, sc: Scenario) -> None:
    state.lobby_locked = e.locked


def submission_received(
    state: SessionState, env: Envelope, e: dev.SubmissionReceived, sc: Scenario
) -> None:
    submission = ids.submission_id(env.seq)
    state.submissions[submission] = Submission(
        number=len(state.submissions) + 1,  # records are never removed: a running number
        id=submission,
        seq=env.seq,
        round=env.round,
        at=env.at,
        device=e.device,
        team=e.team,
        what=e.what,
        payload=dict(e.payload),
        status_seq=env.seq,
    )


def submission_held(
    state: SessionState, env: Envelope, e: dev.SubmissionHeld, sc: Scenario
) -> None:
    found = state.submissions.get(e.submission)
    if found is not None and found.open:
        state.submissions[e.submission] = replace(
            found, status="held", note=e.note, status_seq=env.seq
        )


def submission_rejected(
    state: SessionState, env: Envelope, e: dev.SubmissionRejected, sc: Scenario
) -> None:
    found = state.submissions.get(e.submission)
    if found is not None and found.open:
        state.submissions[e.submission] = replace(
            found, status="rejected", reason=e.reason, status_seq=env.seq
        )


def message_sent(state: SessionState, env: Envelope, e: dev.MessageSent, sc: Scenario) -> None:
    message = ids.message_id(env.seq)
    state.messages[message] = Message(
        number=len(state.messages) + 1,
        id=message,
        seq=env.seq,
        round=env.round,
        at=env.at,
        sender=e.sender,
        to=e.to,
        text=e.text,
        submission=e.submission,
    )


def accepted(state: SessionState, env: Envelope, event: Event, submission: str) -> None:
    """``event``, just folded, was accepted from ``submission``: it is accepted, naming
    the record it made, and which payload keys Control edited."""
    found = state.submissions.get(submission)
    read = payload_of(event)
    if found is None or not found.open or read is None:
        return
    what, payload = read
    record = getattr(event, "commitment", None)  # an answer: the commitment it answers
    if record is None:
        letter = {"move": "m", "demand": "d", "proposal": "c", "message": "x"}[what]
        record = f"{letter}{env.seq}"
    state.submissions[submission] = replace(
        found,
        status="accepted",
        record=record,
        edited=edited_keys(found.payload, payload),
        status_seq=env.seq,
    )
