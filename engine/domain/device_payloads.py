"""Submission payloads: what a team's device sends for each ``what``, in the words of the
command it becomes (``docs/devices.md``, "Submission payloads", says the same).

A payload holds the keyword arguments of that command minus the team, which always
comes from the device: ``move`` -> ``record_move``, ``demand`` -> ``table_demand`` (the
device's team tables it), ``proposal`` -> ``propose_commitment`` (the device's team
proposes it: an offer when it is among the givers, otherwise an ask), ``answer`` ->
``agree_commitment`` or ``refuse_commitment`` (``answer`` says which), ``message`` ->
``send_message`` (the device's team sends it).

``payload_of`` reads an event back as the payload that would make it, in plain JSON
values (lists, not tuples; ``None`` for a public visibility): the submission keeps its
payload in that form, and accepting compares the accepted event's with it to say what
Control edited.
"""

from __future__ import annotations

from typing import Any

from engine.domain import commitment_events as cev
from engine.domain import device_events as dev
from engine.domain.event_base import Event

# The keys of each payload: required first, then the optional ones with their defaults.
PAYLOAD_KEYS: dict[str, dict[str, object]] = {
    "move": {"move_type": ..., "tone": ..., "text": ..., "visibility": None, "targets": []},
    "demand": {"to_team": ..., "issue": ..., "priority": ..., "text": ..., "visibility": None},
    "proposal": {
        "issue": ...,
        "text": ...,
        "givers": ...,
        "receivers": ...,
        "conditions": [],
        "due_round": None,
        "verification": False,
        "visibility": None,
    },
    "answer": {"commitment": ..., "answer": ..., "reason": ""},
    "message": {"to": ..., "text": ...},
}
ANSWERS = ("agree", "refuse")


def _listed(value: tuple[str, ...] | None) -> list[str] | None:
    return None if value is None else list(value)


def payload_of(event: Event) -> tuple[str, dict[str, Any]] | None:
    """``(what, payload)`` that would make ``event``; None for a kind no device submits."""
    from engine.domain import events as ev

    match event:
        case ev.MoveRecorded():
            return "move", {
                "move_type": event.move_type,
                "tone": event.tone,
                "text": event.text,
                "visibility": _listed(event.visibility),
                "targets": list(event.targets),
            }
        case ev.DemandTabled():
            return "demand", {
                "to_team": event.to_team,
                "issue": event.issue,
                "priority": event.priority,
                "text": event.text,
                "visibility": _listed(event.visibility),
            }
        case cev.CommitmentProposed():
            return "proposal", {
                "issue": event.issue,
                "text": event.text,
                "givers": list(event.givers),
                "receivers": list(event.receivers),
                "conditions": [{"kind": c.kind, "ref": c.ref} for c in event.conditions],
                "due_round": event.due_round,
                "verification": event.verification,
                "visibility": _listed(event.visibility),
            }
        case cev.CommitmentAgreed() | cev.CommitmentRefused():
            answer = "agree" if isinstance(event, cev.CommitmentAgreed) else "refuse"
            return "answer", {
                "commitment": event.commitment,
                "answer": answer,
                "reason": event.reason,
            }
        case dev.MessageSent():
            return "message", {"to": list(event.to), "text": event.text}
    return None


def edited_keys(sent: dict[str, Any], accepted: dict[str, Any]) -> tuple[str, ...]:
    """The keys whose accepted value differs from the one sent, in the payload's order."""
    keys = dict.fromkeys((*sent, *accepted))
    return tuple(k for k in keys if sent.get(k) != accepted.get(k))
