"""How each event reads as a command, and the ``Changes`` it makes: both from its class.

``describe`` gives the imperative form Undo and Redo labels use ("record move m17
(usa)", the kind's ``as_command``); ``changes_for`` the panels an event touches (the
kind's ``flags``), with the envelope it is, so that the window need not read it back.
"""

from __future__ import annotations

import re

from engine.domain.events import Envelope
from engine.domain.state import Changes, SessionState, record_label

_RECORD = re.compile(
    r"\b(?:(?:move|demand|commitment|agreement|submission|message) )?([mdcasx]\d+)\b"
)


def describe(
    env: Envelope, state: SessionState | None = None, known: dict[str, str] | None = None
) -> str:
    """ "record move m17 (usa)", "table demand d5 (usa to dprk)", "start round 2", ...; with
    ``state``, records by the numbers people say: "record Move 3 (usa)". ``known`` keeps
    the labels found, for a record an undo has taken out of ``state`` (Redo names it so)."""
    text = env.event.as_command(env.seq)
    if state is None:
        return text
    records = (
        state.moves, state.demands, state.commitments, state.agreements, state.submissions,
        state.messages,
    )  # fmt: skip

    def said(found: re.Match[str]) -> str:
        record_id = found.group(1)
        for kind in records:
            record = kind.get(record_id)
            if record is not None:
                label = record_label(record_id, record.number)
                if known is not None:
                    known[record_id] = label
                return label
        return known.get(record_id, found.group(0)) if known is not None else found.group(0)

    return _RECORD.sub(said, text)


def changes_for(env: Envelope, message: str = "", *, also: Envelope | None = None) -> Changes:
    """The panels ``env`` touches (and ``also``'s, for a void: the voided event's)."""
    flags = set(env.event.flags)
    if also is not None:
        flags |= set(also.event.flags)
    if any(e.event.accepts and getattr(e.event, "submission", None) for e in (env, also) if e):
        flags.add("submissions")  # accepting changes the inbox too
    return Changes(
        seq=env.seq,
        message=message or describe(env),
        envelopes=(env,),
        **dict.fromkeys(flags, True),
    )
