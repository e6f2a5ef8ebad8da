"""What a round leaves unsettled: the facilitator is asked before ending or replacing it.

Moves of the round never ruled on, demands of the round still open, commitments of the
round only proposed, and submissions from teams' devices still waiting (pending or held)
in Control's inbox. Each is named in words a facilitator reads aloud (team names, the
start of the text), never by id.
"""

from __future__ import annotations

from typing import NamedTuple

from engine.domain.state import SessionState
from engine.scenario.model import Scenario

SNIPPET = 48  # characters of a record's text in a summary line


class Pending(NamedTuple):
    unruled_moves: tuple[str, ...]  # ids
    open_demands: tuple[str, ...]
    proposed_commitments: tuple[str, ...]
    waiting_submissions: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(
            self.unruled_moves
            or self.open_demands
            or self.proposed_commitments
            or self.waiting_submissions
        )


def round_pending(state: SessionState, round_number: int | None = None) -> Pending:
    """What round ``round_number`` (default: the current one) leaves unsettled."""
    number = state.round if round_number is None else round_number
    return Pending(
        unruled_moves=tuple(
            m.id for m in state.moves.values() if m.round == number and m.outcome is None
        ),
        open_demands=tuple(
            d.id for d in state.demands.values() if d.round == number and d.status == "open"
        ),
        proposed_commitments=tuple(
            c.id for c in state.commitments.values() if c.round == number and c.status == "proposed"
        ),
        waiting_submissions=tuple(
            s.id for s in state.submissions.values() if s.round == number and s.open
        ),
    )


def _snippet(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SNIPPET else flat[: SNIPPET - 1].rstrip() + "…"


def describe_pending(pending: Pending, state: SessionState, scenario: Scenario) -> list[str]:
    """One line per unsettled record, grouped by kind, in the order they were made."""

    def team(team_id: str) -> str:
        found = scenario.team(team_id)
        return found.name if found else team_id

    lines: list[str] = []
    for key in pending.unruled_moves:
        move = state.moves[key]
        lines.append(f"Move not ruled on: {team(move.team)}: “{_snippet(move.text)}”")
    for key in pending.open_demands:
        demand = state.demands[key]
        lines.append(
            f"Open demand: {team(demand.from_team)} of {team(demand.to_team)}: "
            f"“{_snippet(demand.text)}”"
        )
    for key in pending.proposed_commitments:
        commitment = state.commitments[key]
        lines.append(
            f"Commitment only proposed: {' + '.join(team(t) for t in commitment.givers)}: "
            f"“{_snippet(commitment.text)}”"
        )
    for key in pending.waiting_submissions:
        submission = state.submissions[key]
        text = submission.payload.get("text")
        said = f": “{_snippet(text)}”" if isinstance(text, str) else ""
        lines.append(
            f"Submission waiting in the inbox: {team(submission.team)}'s {submission.what}{said}"
        )
    return lines
