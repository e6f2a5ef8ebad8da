"""Each kind of event in one line of plain words, for the event log (Control's view)."""

from __future__ import annotations

from engine.domain import events as ev
from engine.domain.events import CONTROL, Envelope
from engine.scenario.model import Scenario


def _team(scenario: Scenario, team_id: str) -> str:
    if team_id == CONTROL:
        return "Control"
    team = scenario.team(team_id)
    return team.name if team else team_id


def _issue(scenario: Scenario, issue_id: str) -> str:
    issue = scenario.issue(issue_id)
    return issue.name if issue else issue_id


def _private(visibility: tuple[str, ...] | None) -> str:
    return "" if visibility is None else f" [private: {', '.join(visibility)}]"


def describe(envelope: Envelope, scenario: Scenario) -> str:
    """``United States: Statement (+2) "We remain open to talks"`` and the like."""
    e = envelope.event
    s = scenario
    match e:
        case ev.SessionStarted():
            return f"Session started: {e.title}"
        case ev.RoundStarted():
            title = s.rounds[e.round - 1].title if 0 < e.round <= len(s.rounds) else ""
            return f"Round {e.round} started: {title}"
        case ev.RoundEnded():
            return f"Round {e.round} ended"
        case ev.PhaseChanged():
            return f"Phase: {e.name}"
        case ev.MoveRecorded():
            kind = s.move_type(e.move_type)
            name = kind.name if kind else e.move_type
            return f'{_team(s, e.team)}: {name} ({e.tone:+d}) "{e.text}"{_private(e.visibility)}'
        case ev.MoveAdjudicated():
            if e.roll is not None:
                dice = f"rolled {e.roll} on a d{e.sides}, needed {e.needed}"
                reason = "" if e.reason.startswith("rolled") else f": {e.reason}"
                return f"Ruling on {e.move}: {e.outcome} by dice ({dice}){reason}"
            return f"Ruling on {e.move}: {e.outcome} by {e.method}: {e.reason}"
        case ev.DemandTabled():
            return (
                f"{_team(s, e.from_team)} demands of {_team(s, e.to_team)}: "
                f'{_issue(s, e.issue)} (priority {e.priority}) "{e.text}"{_private(e.visibility)}'
            )
        case ev.DemandStatusChanged():
            return f"Demand {e.demand} {e.status}" + (f": {e.reason}" if e.reason else "")
        case ev.CommitmentProposed():
            cond = f" if {', '.join(e.conditions)}" if e.conditions else ""
            return (
                f"{_team(s, e.giver)} proposes to {_team(s, e.receiver)}: "
                f'{_issue(s, e.issue)} "{e.text}"{cond}{_private(e.visibility)}'
            )
        case ev.CommitmentVerified():
            return (
                f"Commitment {e.commitment} {'verified' if e.verified else 'failed verification'}"
            )
        case ev.AgreementSigned():
            return f'Agreement signed: "{e.title}" ({", ".join(e.commitments)})' + _private(
                e.visibility
            )
        case ev.IndicatorAdjusted():
            return f"{e.key} {e.delta:+g} by Control: {e.reason}"
        case ev.InjectFired():
            inject = s.inject(e.inject)
            title = inject.title if inject else e.inject
            return f"Inject: {title}" + _private(inject.visibility if inject else None)
        case ev.NoteAdded():
            return f"Note: {e.text}"
        case ev.BookmarkSet():
            return f"Bookmark: {e.label}"
        case ev.EventVoided():
            return f"Undone: event {e.target}" + (f" ({e.reason})" if e.reason else "")
    name = type(e).__name__
    commitment = getattr(e, "commitment", None)
    if commitment is not None:  # CommitmentAgreed, Fulfilled, Broken, Withdrawn, ...
        verb = name.removeprefix("Commitment").lower()
        reason = getattr(e, "reason", "")
        return f"Commitment {commitment} {verb}" + (f": {reason}" if reason else "")
    return name
