"""Event versions: old payloads are upcast when read, so every log ever written opens.

A kind's payload starts at version 1, stored without a version key. When its fields
change, its class's ``version`` goes up (``engine/domain/events.py``), its payloads are
written with ``"v": <version>`` beside ``"kind"``, and a function registered here with
``@upcaster(kind, old_version)`` turns a payload of the old version (the dict of its
JSON, without ``kind`` and ``v``) into one of the next. ``decode`` (the save's
``events.payload``) and ``from_payload`` (a JSON export's events) apply them in order;
a payload newer than the running code, or of a version no upcaster leaves, is refused
with a ``msgspec.ValidationError`` that says so. (The idea is the eventsourcing
project's ``Mapper.to_domain_event`` and its ``upcast_vN_vM`` methods.)
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import msgspec

from engine.domain.events import KINDS, AnyEvent

Payload = dict[str, Any]
Upcaster = Callable[[Payload], Payload]
UPCASTERS: dict[tuple[str, int], Upcaster] = {}  # (kind, from version) -> to the next


def upcaster(kind: str, from_version: int) -> Callable[[Upcaster], Upcaster]:
    """Register ``function(payload) -> payload`` taking ``kind`` from ``from_version`` to
    the next version."""

    def register(function: Upcaster) -> Upcaster:
        if (kind, from_version) in UPCASTERS:
            raise ValueError(f"two upcasters for {kind} from version {from_version}")
        UPCASTERS[(kind, from_version)] = function
        return function

    return register


# Upcasters go here, oldest first, e.g.:
#
#     @upcaster("NoteAdded", 1)
#     def _note_v1(payload: Payload) -> Payload:  # v2 named the field "body"
#         return {"body": payload.pop("text"), **payload}


def _condition_v1(condition: object) -> object:
    """A version 1 condition is a commitment id."""
    return {"kind": "commitment", "ref": condition} if isinstance(condition, str) else condition


@upcaster("CommitmentProposed", 1)
def _proposed_v1(payload: Payload) -> Payload:
    """Issue 16: one ``giver`` and one ``receiver`` become tuples; conditions are typed."""
    body = dict(payload)
    if "giver" in body:
        body["givers"] = [body.pop("giver")]
    if "receiver" in body:
        body["receivers"] = [body.pop("receiver")]
    if "conditions" in body and isinstance(body["conditions"], list):
        body["conditions"] = [_condition_v1(c) for c in body["conditions"]]
    return body


@upcaster("ConditionAdded", 1)
def _condition_added_v1(payload: Payload) -> Payload:
    """Issue 16: the condition, a commitment id, becomes a typed condition."""
    body = dict(payload)
    if "condition" in body:
        body["condition"] = _condition_v1(body["condition"])
    return body


@upcaster("CommitmentVerified", 1)
def _verified_v1(payload: Payload) -> Payload:
    """Issue 16: ``verified`` (true/false) becomes a result (confirmed/failed) by Control."""
    body = dict(payload)
    if "verified" in body:
        verified = body.pop("verified")
        body["result"] = (
            "confirmed" if verified is True else "failed" if verified is False else verified
        )
    return body


def upcast(payload: Payload) -> Payload:
    """``payload`` (with its ``kind``, and ``v`` past version 1) at its kind's current
    version, without ``v``."""
    kind = payload.get("kind")
    if not isinstance(kind, str) or kind not in KINDS:
        raise msgspec.ValidationError(f"no event kind {kind!r}")
    found = KINDS[kind]
    version = payload.get("v", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise msgspec.ValidationError(f"{kind}: version {version!r} is not a version number")
    if version > found.version:
        raise msgspec.ValidationError(
            f"{kind} version {version} is newer than this Parley knows ({found.version})"
        )
    body = {k: v for k, v in payload.items() if k not in ("kind", "v")}
    while version < found.version:
        step = UPCASTERS.get((kind, version))
        if step is None:
            raise msgspec.ValidationError(f"no upcaster for {kind} from version {version}")
        body = step(body)
        version += 1
    return {"kind": kind, **body}


def from_payload(payload: Payload) -> AnyEvent:
    """An event from the dict of its JSON, upcast (raises ``msgspec.ValidationError``)."""
    event: AnyEvent = msgspec.convert(upcast(payload), AnyEvent)
    return event


@functools.cache
def _decoder() -> msgspec.json.Decoder[AnyEvent]:
    """The typed decoder of every kind, made when the first event is read: making it
    resolves every event class (milliseconds that a new session's start need not pay)."""
    return msgspec.json.Decoder(AnyEvent)


_V, _V_BYTES = '"v":', b'"v":'


def decode(data: bytes | str) -> AnyEvent:
    """An event from its JSON, upcast (raises ``msgspec.ValidationError`` on a bad one).

    A payload without ``"v":`` (version 1) whose kind is still at version 1, which is
    nearly every payload, decodes in one typed pass; any other through ``from_payload``.
    """
    if (_V not in data) if isinstance(data, str) else (_V_BYTES not in data):
        try:
            event: AnyEvent | None = _decoder().decode(data)
        except msgspec.ValidationError:
            event = None
        if event is not None and event.version == 1:
            return event
    raw = msgspec.json.decode(data)
    if not isinstance(raw, dict):
        raise msgspec.ValidationError("an event is a JSON object")
    return from_payload(raw)
