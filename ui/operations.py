"""Thin operations: one engine command each, keyword-only, success or a readable error.

Every function here makes exactly one call on the session and returns an ``OpResult``:
the engine's ``Changes`` on success, or the ``DomainError``'s message (nothing was
written). The window broadcasts the ``Changes``; no operation refreshes a widget.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from engine.domain.state import Changes
from engine.errors import DomainError
from engine.scenario.model import Effect


class OpResult(NamedTuple):
    changes: Changes | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def _run(command: Callable[..., Changes], **kwargs: Any) -> OpResult:
    try:
        return OpResult(changes=command(**kwargs))
    except DomainError as error:
        return OpResult(error=str(error) or type(error).__name__)


def start_round(session: Any) -> OpResult:
    return _run(session.start_round)


def end_round(session: Any) -> OpResult:
    return _run(session.end_round)


def next_phase(session: Any) -> OpResult:
    return _run(session.next_phase)


def set_phase(session: Any, *, phase: int) -> OpResult:
    return _run(session.set_phase, phase=phase)


def record_move(
    session: Any,
    *,
    team: str,
    move_type: str,
    tone: int,
    text: str,
    visibility: tuple[str, ...] | None = None,
    targets: Sequence[str] = (),
) -> OpResult:
    return _run(
        session.record_move,
        team=team,
        move_type=move_type,
        tone=tone,
        text=text,
        visibility=visibility,
        targets=tuple(targets),
    )


def adjudicate(
    session: Any,
    *,
    move: str,
    outcome: str,
    method: str,
    reason: str,
    effects: Sequence[Effect] | None = None,
    seed: int | None = None,
    sides: int = 6,
    needed: int | None = None,
) -> OpResult:
    return _run(
        session.adjudicate,
        move=move,
        outcome=outcome,
        method=method,
        reason=reason,
        effects=None if effects is None else tuple(effects),
        seed=seed,
        sides=sides,
        needed=needed,
    )


def table_demand(
    session: Any,
    *,
    from_team: str,
    to_team: str,
    issue: str,
    priority: int,
    text: str,
    visibility: tuple[str, ...] | None = None,
) -> OpResult:
    return _run(
        session.table_demand,
        from_team=from_team,
        to_team=to_team,
        issue=issue,
        priority=priority,
        text=text,
        visibility=visibility,
    )


def set_demand_status(session: Any, *, demand: str, status: str, reason: str = "") -> OpResult:
    return _run(session.set_demand_status, demand=demand, status=status, reason=reason)


def propose_commitment(
    session: Any,
    *,
    giver: str,
    receiver: str,
    issue: str,
    text: str,
    conditions: Sequence[str] = (),
    due_round: int | None = None,
    verification: bool = False,
    visibility: tuple[str, ...] | None = None,
) -> OpResult:
    return _run(
        session.propose_commitment,
        giver=giver,
        receiver=receiver,
        issue=issue,
        text=text,
        conditions=tuple(conditions),
        due_round=due_round,
        verification=verification,
        visibility=visibility,
    )


LIFECYCLE = {
    "agree": "agree_commitment",
    "fulfil": "fulfil_commitment",
    "break": "break_commitment",
    "withdraw": "withdraw_commitment",
}


def change_commitment(session: Any, *, commitment: str, action: str, reason: str = "") -> OpResult:
    """Agree, fulfil, break or withdraw a commitment (``action`` names which)."""
    return _run(getattr(session, LIFECYCLE[action]), commitment=commitment, reason=reason)


def add_condition(session: Any, *, commitment: str, condition: str) -> OpResult:
    """Make a proposed commitment wait on another one too."""
    return _run(session.add_condition, commitment=commitment, condition=condition)


def verify_commitment(
    session: Any, *, commitment: str, verified: bool, reason: str = ""
) -> OpResult:
    return _run(session.verify_commitment, commitment=commitment, verified=verified, reason=reason)


def sign_agreement(
    session: Any,
    *,
    title: str,
    commitments: Sequence[str],
    visibility: tuple[str, ...] | None = None,
) -> OpResult:
    return _run(
        session.sign_agreement, title=title, commitments=tuple(commitments), visibility=visibility
    )


def adjust_indicator(session: Any, *, key: str, delta: float, reason: str) -> OpResult:
    return _run(session.adjust_indicator, key=key, delta=delta, reason=reason)


def fire_inject(session: Any, *, inject: str) -> OpResult:
    return _run(session.fire_inject, inject=inject)


def add_note(session: Any, *, text: str) -> OpResult:
    return _run(session.add_note, text=text)


def set_bookmark(session: Any, *, label: str) -> OpResult:
    return _run(session.set_bookmark, label=label)


def undo(session: Any) -> OpResult:
    return _run(session.undo)


def redo(session: Any) -> OpResult:
    return _run(session.redo)
