"""How each event reads as a command, and the ``Changes`` it makes: both from its class.

``describe`` gives the imperative form Undo and Redo labels use ("record Move 3 (USA)",
the kind's ``as_command`` in the scenario's words); ``changes_for`` the panels an event
touches (the kind's ``flags``), with the envelope it is, so that the window need not read
it back.
"""

from __future__ import annotations

from engine.domain.events import Envelope
from engine.domain.state import Changes
from engine.domain.words import Words


def describe(env: Envelope, words: Words) -> str:
    """ "record Move 3 (USA)", "table Demand 2 (USA to DPRK)", "start round 2", ...:
    records by the numbers people say, teams, indicators and injects by their names."""
    return env.event.as_command(env.seq, words)


def changes_for(env: Envelope, message: str = "", *, also: Envelope | None = None) -> Changes:
    """The panels ``env`` touches (and ``also``'s, for a void: the voided event's);
    ``message`` is what the status bar says it did (``describe``)."""
    flags = set(env.event.flags)
    if also is not None:
        flags |= set(also.event.flags)
    if any(e.event.accepts and getattr(e.event, "submission", None) for e in (env, also) if e):
        flags.add("submissions")  # accepting changes the inbox too
    return Changes(
        seq=env.seq,
        message=message,
        envelopes=(env,),
        **dict.fromkeys(flags, True),
    )
