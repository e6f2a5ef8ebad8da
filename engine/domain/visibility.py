"""Who may see what: the rule behind the projector, "as seen by" and per-team reports.

A *viewer* is ``CONTROL`` (sees everything), ``PUBLIC`` (the room: only what is public),
or a team id. A team sees what is public, what it did itself, and what was addressed to
it: the teams named in a record's visibility, and the parties of a demand (its two
teams), a commitment (its givers, receivers and proposer) or an agreement (its parties
and signatories).

Some things are Control's alone whatever their subject: notes, bookmarks, the reasons
of rulings and adjustments (a team is told the ruling on its own moves, and why), private
injects not addressed to the viewer, and team devices' join codes, devices and the lobby
(a code's or a token's digest never reaches a team). A submission is its team's and
Control's (its hold, its rejection and the reason too); a message its sender's, its
recipients' and Control's, never the room's. Indicator values are public unless the
scenario marks the indicator ``public = false``: then only Control and the teams a value
concerns (a team indicator's team, a pair's two teams) see it, and the room never does.
What a viewer may not see of a public value is *why* it moved when the cause was hidden.
Who may see each kind of log entry is its class's ``audience`` (``engine/domain/events.py``).

Reveal all. Once Control has revealed everything (``EverythingRevealed``, which sets
``state.revealed``), the room sees what at least one team could see: every record, inject,
indicator value and ruling reason with a team in its audience. ``view_state`` and
``event_visible`` read that from the state they are given (``room_viewer``), so every
consumer of the public view follows; Control's own things (notes, bookmarks, the reasons
of adjustments, Control-only injects) stay Control's. Undoing the reveal hides it again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import msgspec

from engine.domain.events import CONTROL, Envelope, Visibility
from engine.domain.state import (
    Agreement,
    Commitment,
    Demand,
    Message,
    Move,
    SessionState,
    Submission,
)
from engine.scenario.model import Scenario

PUBLIC = "public"
REVEALED = "public, everything revealed"  # the room after Control's reveal (``room_viewer``)
Viewer = str  # CONTROL, PUBLIC, REVEALED or a team id


def room_viewer(viewer: Viewer, state: SessionState) -> Viewer:
    """The viewer the rules apply to: ``REVEALED`` for the room once Control has revealed
    everything in ``state``, else ``viewer`` itself."""
    return REVEALED if viewer == PUBLIC and state.revealed else viewer


def revealed(state: SessionState) -> bool:
    """Whether the room has been shown everything, as of ``state``."""
    return bool(state.revealed)


def may_see(viewer: Viewer, visibility: Visibility, parties: Iterable[str] = ()) -> bool:
    """Whether ``viewer`` may see a thing with this ``visibility`` and these parties."""
    if viewer == CONTROL or visibility is None:
        return True
    if viewer == PUBLIC:
        return False
    if viewer == REVEALED:  # what at least one team could see
        return bool(visibility) or bool(tuple(parties))
    return viewer in visibility or viewer in parties


def move_visible(viewer: Viewer, move: Move) -> bool:
    return may_see(viewer, move.visibility, move.parties)


def demand_visible(viewer: Viewer, demand: Demand) -> bool:
    return may_see(viewer, demand.visibility, demand.parties)


def commitment_visible(viewer: Viewer, commitment: Commitment) -> bool:
    return may_see(viewer, commitment.visibility, commitment.parties)


def agreement_visible(viewer: Viewer, agreement: Agreement) -> bool:
    return may_see(viewer, agreement.visibility, agreement.parties)


def submission_visible(viewer: Viewer, submission: Submission) -> bool:
    """Control and the submitting team (what it sent, held or rejected: never the room)."""
    return viewer == CONTROL or viewer == submission.team


def message_visible(viewer: Viewer, message: Message) -> bool:
    return may_see(viewer, message.visibility, message.parties)


def indicator_visible(viewer: Viewer, key: str, scenario: Scenario) -> bool:
    """Whether ``viewer`` may see the indicator value ``key`` (``tension``, ``support.usa``,
    ``trust.dprk.usa``): every value of a public indicator; of a private one, Control and the
    teams the value concerns."""
    indicator_id, *teams = key.split(".")
    indicator = scenario.indicator(indicator_id)
    if viewer == CONTROL or indicator is None or indicator.public:
        return True
    if viewer == REVEALED:
        return bool(teams)
    return viewer != PUBLIC and viewer in teams


def revealing_effects(inject_id: str, scenario: Scenario) -> tuple[str, ...]:
    """The value keys a private inject moves that others than its audience can see: the
    room watches those meters move, and may guess that something happened."""
    inject = scenario.inject(inject_id)
    if inject is None or inject.visibility is None:
        return ()
    audience = set(inject.visibility)
    return tuple(
        effect.key
        for effect in inject.effects
        if indicator_visible(PUBLIC, effect.key, scenario)
        or any(
            team not in audience and indicator_visible(team, effect.key, scenario)
            for team in scenario.team_ids
        )
    )


def ruling_reason_visible(viewer: Viewer, move: Move) -> bool:
    """Control always; a team for its own moves; the room only once all is revealed."""
    return viewer in (CONTROL, REVEALED) or viewer == move.team


def view_state(state: SessionState, viewer: Viewer, scenario: Scenario) -> SessionState:
    """The state as ``viewer`` could know it: hidden records left out, hidden reasons blanked.

    Values of private indicators the viewer may not see are left out; changes whose cause
    the viewer may not see keep their numbers but lose their source. The room sees more
    once Control has revealed everything (``room_viewer``).
    """
    if viewer == CONTROL:
        return state
    viewer = room_viewer(viewer, state)
    moves = {
        key: move
        if ruling_reason_visible(viewer, move)
        else msgspec.structs.replace(move, reason="")
        for key, move in state.moves.items()
        if move_visible(viewer, move)
    }
    hidden = _hidden_seqs(state, viewer)
    return msgspec.structs.replace(
        state,
        moves=moves,
        demands={k: d for k, d in state.demands.items() if demand_visible(viewer, d)},
        commitments={k: c for k, c in state.commitments.items() if commitment_visible(viewer, c)},
        agreements={k: a for k, a in state.agreements.items() if agreement_visible(viewer, a)},
        indicators={
            key: value
            for key, value in state.indicators.items()
            if indicator_visible(viewer, key, scenario)
        },
        indicator_log=[
            c if c.seq not in hidden else msgspec.structs.replace(c, source="")
            for c in state.indicator_log
            if indicator_visible(viewer, c.key, scenario)
        ],
        injects=[i for i in state.injects if may_see(viewer, i.visibility)],
        notes=[],
        bookmarks=[],
        codes={},
        devices={},
        lobby_locked=False,
        submissions={
            k: sub for k, sub in state.submissions.items() if submission_visible(viewer, sub)
        },
        messages={k: m for k, m in state.messages.items() if message_visible(viewer, m)},
        voided=set(state.voided),
    )


def _hidden_seqs(state: SessionState, viewer: Viewer) -> set[int]:
    """Seqs of events whose cause ``viewer`` may not know (for indicator change sources)."""
    hidden = {m.seq for m in state.moves.values() if not move_visible(viewer, m)}
    hidden |= {
        m.adjudicated_seq
        for m in state.moves.values()
        if m.adjudicated_seq is not None and not move_visible(viewer, m)
    }
    hidden |= {i.seq for i in state.injects if not may_see(viewer, i.visibility)}
    hidden |= {c.seq for c in state.indicator_log if c.source.startswith("control")}
    return hidden


def event_visible(
    viewer: Viewer, envelope: Envelope, state: SessionState, scenario: Scenario
) -> bool:
    """Whether ``viewer`` may see one log entry (its kind's ``audience``); ``state`` is any
    state that holds the records the entry refers to (the state at the entry or later)."""
    if viewer == CONTROL:
        return True
    if envelope.seq in state.voided:  # undone: for the teams it never happened
        return False
    viewer = room_viewer(viewer, state)
    audience = envelope.event.audience(envelope.seq, state, scenario)
    return may_see(viewer, audience.visibility, audience.parties)


def visible_events(
    viewer: Viewer, envelopes: Iterable[Envelope], state: SessionState, scenario: Scenario
) -> Iterator[Envelope]:
    return (e for e in envelopes if event_visible(viewer, e, state, scenario))
