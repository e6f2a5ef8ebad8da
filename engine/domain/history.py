"""How each event reads in the app: a short description and the ``Changes`` it makes.

``describe`` gives the imperative form Undo and Redo labels use ("record move m17
(usa)"); ``changes_for`` the panels an event touches.
"""

from __future__ import annotations

from engine.domain import events as ev
from engine.domain.events import Envelope
from engine.domain.state import Changes


def describe(env: Envelope) -> str:
    """ "record move m17 (usa)", "table demand d5 (usa to dprk)", "start round 2", ..."""
    e, seq = env.event, env.seq
    match e:
        case ev.SessionStarted():
            return f"start session ({e.scenario_id})"
        case ev.RoundStarted():
            return f"start round {e.round}"
        case ev.RoundEnded():
            return f"end round {e.round}"
        case ev.PhaseChanged():
            return f"change phase to {e.name}"
        case ev.MoveRecorded():
            return f"record move m{seq} ({e.team})"
        case ev.MoveAdjudicated():
            return f"rule on move {e.move} ({e.outcome})"
        case ev.DemandTabled():
            return f"table demand d{seq} ({e.from_team} to {e.to_team})"
        case ev.DemandStatusChanged():
            return f"mark demand {e.demand} {e.status}"
        case ev.CommitmentProposed():
            return f"propose commitment c{seq} ({e.giver} to {e.receiver})"
        case ev.ConditionAdded():
            return f"make {e.commitment} conditional on {e.condition}"
        case ev.CommitmentAgreed():
            return f"agree commitment {e.commitment}"
        case ev.CommitmentFulfilled():
            return f"fulfil commitment {e.commitment}"
        case ev.CommitmentBroken():
            return f"break commitment {e.commitment}"
        case ev.CommitmentWithdrawn():
            return f"withdraw commitment {e.commitment}"
        case ev.CommitmentVerified():
            return f"verify commitment {e.commitment} ({'confirmed' if e.verified else 'failed'})"
        case ev.AgreementSigned():
            return f"sign agreement a{seq} ({len(e.commitments)} commitments)"
        case ev.IndicatorAdjusted():
            return f"adjust {e.key} by {e.delta:+g}"
        case ev.InjectFired():
            return f"fire inject {e.inject}"
        case ev.NoteAdded():
            return "add note"
        case ev.BookmarkSet():
            return f"set bookmark {e.label!r}"
        case ev.EventVoided():
            return f"void event {e.target}"
    return env.kind


_FLAGS: dict[type[ev.Event], tuple[str, ...]] = {
    ev.SessionStarted: ("round", "indicators"),
    ev.RoundStarted: ("round",),
    ev.RoundEnded: ("round",),
    ev.PhaseChanged: ("round",),
    ev.MoveRecorded: ("moves",),
    ev.MoveAdjudicated: ("moves", "indicators"),
    ev.DemandTabled: ("demands",),
    ev.DemandStatusChanged: ("demands",),
    ev.CommitmentProposed: ("commitments",),
    ev.ConditionAdded: ("commitments",),
    ev.CommitmentAgreed: ("commitments",),
    ev.CommitmentFulfilled: ("commitments", "indicators"),
    ev.CommitmentBroken: ("commitments", "indicators"),
    ev.CommitmentWithdrawn: ("commitments",),
    ev.CommitmentVerified: ("commitments",),
    ev.AgreementSigned: ("agreements", "commitments"),
    ev.IndicatorAdjusted: ("indicators",),
    ev.InjectFired: ("injects", "indicators"),
    ev.NoteAdded: ("notes",),
    ev.BookmarkSet: ("notes",),
    ev.EventVoided: (),
}


def changes_for(env: Envelope, message: str = "", *, also: Envelope | None = None) -> Changes:
    """The panels ``env`` touches (and ``also``'s, for a void: the voided event's)."""
    flags = set(_FLAGS.get(type(env.event), ()))
    if also is not None:
        flags |= set(_FLAGS.get(type(also.event), ()))
    return Changes(seq=env.seq, message=message or describe(env), **dict.fromkeys(flags, True))
