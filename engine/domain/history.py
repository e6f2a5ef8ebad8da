"""How each event reads as a command, and the ``Changes`` it makes: both from its class.

``describe`` gives the imperative form Undo and Redo labels use ("record move m17
(usa)", the kind's ``as_command``); ``changes_for`` the panels an event touches (the
kind's ``flags``), with the envelope it is, so that the window need not read it back.
"""

from __future__ import annotations

from engine.domain.events import Envelope
from engine.domain.state import Changes


def describe(env: Envelope) -> str:
    """ "record move m17 (usa)", "table demand d5 (usa to dprk)", "start round 2", ..."""
    return env.event.as_command(env.seq)


def changes_for(env: Envelope, message: str = "", *, also: Envelope | None = None) -> Changes:
    """The panels ``env`` touches (and ``also``'s, for a void: the voided event's)."""
    flags = set(env.event.flags)
    if also is not None:
        flags |= set(also.event.flags)
    return Changes(
        seq=env.seq,
        message=message or describe(env),
        envelopes=(env,),
        **dict.fromkeys(flags, True),
    )
