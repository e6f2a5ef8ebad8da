"""The team-device part of a simulated session's prologue (``simulate.py``): codes,
devices joining, submissions accepted (one edited, by a Control device), held and
rejected, messages, a revoked code and device, the lobby locked. (The session's
commitments stay the prologue's own: ``tests/session/test_devices.py`` plays proposals
and answers from devices.)

Codes and tokens come from ``SeededSecrets``, so the same seed gives the same log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.domain.events import CONTROL

if TYPE_CHECKING:
    from engine.session.live import Session


def devices_prologue(session: Session, a: str, b: str, move_type: str, issue: str) -> None:
    """Teams ``a`` and ``b`` (seated) play a little from their devices."""
    s = session
    code_a, text_a = s.issue_code(role="team", team=a)
    _, text_b = s.issue_code(role="team", team=b)
    _, text_control = s.issue_code(role="control")
    device_a, _ = s.join(code_text=text_a, label="a phone")
    device_b, _ = s.join(code_text=text_b.lower(), label="a laptop")
    laptop, _ = s.join(code_text=text_control, label="control laptop")

    def sent(device: str, what: str, payload: dict[str, object]) -> str:
        return f"s{s.submit(device=device, what=what, payload=payload).seq}"

    move = sent(device_a, "move", {"move_type": move_type, "tone": 1, "text": "from a phone"})
    with s.acting_device(laptop):
        s.accept(submission=move, edits={"tone": 0})
    message = sent(device_a, "message", {"to": [b], "text": "shall we talk?"})
    s.accept(submission=message)
    demand = sent(
        device_b,
        "demand",
        {"to_team": a, "issue": issue, "priority": 2, "text": "a demand from a laptop"},
    )
    s.hold(submission=demand, note="after the break")
    s.reject(submission=demand, reason="table it at the summit")
    offer = sent(
        device_a,
        "proposal",
        {"givers": [a], "receivers": [b], "issue": issue, "text": "an offer from a phone"},
    )
    s.reject(submission=offer, reason="put it to the plenary")
    s.send_message(sender=CONTROL, to=(a, b), text="five minutes left")
    s.revoke_code(code=code_a)
    s.revoke_device(device=device_b)
    s.lock_lobby(locked=True)
    s.lock_lobby(locked=False)  # a demo save stays open to devices (``parley host``)
