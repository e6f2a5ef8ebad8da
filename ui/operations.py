"""Thin operations: one engine command each, keyword-only, success or a readable error.

Every function here makes exactly one call on the session and returns an ``OpResult``:
the engine's ``Changes`` on success, or the ``DomainError``'s or ``SaveError``'s message
(nothing was written). The window broadcasts the ``Changes``; no operation refreshes a
widget. Each call is written out (not looked up by name), so mypy checks it against the
session's command. As Anki's ``qt/aqt/operations``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, cast

from engine.domain.events import Method, Outcome
from engine.domain.state import Changes
from engine.errors import ParleyError
from engine.scenario.model import Effect

if TYPE_CHECKING:  # the session's modules load when a save is opened, not with the window
    from engine.session.live import Session

Lifecycle = Literal["agree", "refuse", "fulfil", "resume", "break", "withdraw"]
VERIFY = ("confirmed", "failed", "inconclusive")


class OpResult(NamedTuple):
    changes: Changes | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def _run(command: Callable[[], Changes]) -> OpResult:
    try:
        return OpResult(changes=command())
    except ParleyError as error:  # a rule, or the save (a full disk, a save moved away)
        return OpResult(error=str(error) or type(error).__name__)


def save_copy(session: Session, *, dest: Path) -> str | None:
    """A complete copy of the session's save at ``dest``; the refusal's words, or None."""
    from engine.save.copy import copy_save

    try:
        copy_save(session.store, dest)
    except ParleyError as error:
        return str(error)
    return None


def start_round(session: Session) -> OpResult:
    return _run(session.start_round)


def end_round(session: Session) -> OpResult:
    return _run(session.end_round)


def next_phase(session: Session) -> OpResult:
    return _run(session.next_phase)


def set_phase(session: Session, *, phase: int) -> OpResult:
    return _run(lambda: session.set_phase(phase=phase))


def record_move(
    session: Session,
    *,
    team: str,
    move_type: str,
    tone: int,
    text: str,
    visibility: tuple[str, ...] | None = None,
    targets: Sequence[str] = (),
) -> OpResult:
    return _run(
        lambda: session.record_move(
            team=team,
            move_type=move_type,
            tone=tone,
            text=text,
            visibility=visibility,
            targets=tuple(targets),
        )
    )


def adjudicate(
    session: Session,
    *,
    move: str,
    outcome: Outcome,
    method: Method,
    reason: str,
    effects: Sequence[Effect] | None = None,
    seed: int | None = None,
    sides: int = 6,
    needed: int | None = None,
    rolled: int | None = None,
) -> OpResult:
    return _run(
        lambda: session.adjudicate(
            move=move,
            outcome=outcome,
            method=method,
            reason=reason,
            effects=None if effects is None else tuple(effects),
            seed=seed,
            sides=sides,
            needed=needed,
            rolled=rolled,
        )
    )


def roll_dice(
    session: Session, *, move: str, sides: int = 6, needed: int | None = None, table: bool = False
) -> OpResult:
    return _run(lambda: session.roll_dice(move=move, sides=sides, needed=needed, table=table))


def table_demand(
    session: Session,
    *,
    from_team: str,
    to_team: str,
    issue: str,
    priority: int,
    text: str,
    visibility: tuple[str, ...] | None = None,
) -> OpResult:
    return _run(
        lambda: session.table_demand(
            from_team=from_team,
            to_team=to_team,
            issue=issue,
            priority=priority,
            text=text,
            visibility=visibility,
        )
    )


def set_demand_status(session: Session, *, demand: str, status: str, reason: str = "") -> OpResult:
    return _run(lambda: session.set_demand_status(demand=demand, status=status, reason=reason))


def _condition(value: str) -> str | tuple[str, str]:
    """A form's condition value: ``c5`` (fulfilled), ``verification:c5``, ``demand:d3``."""
    kind, _, ref = value.partition(":")
    return (kind, ref) if ref else value


def propose_commitment(
    session: Session,
    *,
    issue: str,
    text: str,
    givers: Sequence[str] = (),
    receivers: Sequence[str] = (),
    giver: str | None = None,
    receiver: str | None = None,
    proposer: str | None = None,
    conditions: Sequence[str] = (),
    due_round: int | None = None,
    verification: bool = False,
    visibility: tuple[str, ...] | None = None,
) -> OpResult:
    """One or more givers promise one or more receivers (``giver``/``receiver``: one of
    each); a ``proposer`` who is not a giver asks for it."""
    return _run(
        lambda: session.propose_commitment(
            givers=tuple(givers) or ((giver,) if giver else ()),
            receivers=tuple(receivers) or ((receiver,) if receiver else ()),
            proposer=proposer,
            issue=issue,
            text=text,
            conditions=tuple(_condition(c) for c in conditions),
            due_round=due_round,
            verification=verification,
            visibility=visibility,
        )
    )


def change_commitment(
    session: Session, *, commitment: str, action: Lifecycle, reason: str = ""
) -> OpResult:
    """Agree, refuse, fulfil, resume, break or withdraw a commitment (``action`` names which)."""
    command = {
        "agree": session.agree_commitment,
        "refuse": session.refuse_commitment,
        "fulfil": session.fulfil_commitment,
        "resume": session.resume_commitment,
        "break": session.break_commitment,
        "withdraw": session.withdraw_commitment,
    }[action]
    return _run(lambda: command(commitment=commitment, reason=reason))


def update_commitment(
    session: Session,
    *,
    commitment: str,
    action: str,
    reason: str = "",
    percent: int = 0,
    in_response_to: str | None = None,
    verifier: str = "control",
) -> OpResult:
    """Any step of a commitment's life the status form offers (``action`` names it)."""
    if action == "progress":
        return record_progress(session, commitment=commitment, percent=percent, note=reason)
    if action == "suspend":
        return suspend_commitment(
            session, commitment=commitment, reason=reason, in_response_to=in_response_to
        )
    if action in VERIFY:
        return verify_commitment(
            session, commitment=commitment, result=action, verifier=verifier, reason=reason
        )
    return change_commitment(
        session,
        commitment=commitment,
        action=cast(Lifecycle, action),
        reason=reason,
    )


def record_progress(session: Session, *, commitment: str, percent: int, note: str = "") -> OpResult:
    return _run(lambda: session.record_progress(commitment=commitment, percent=percent, note=note))


def suspend_commitment(
    session: Session, *, commitment: str, reason: str = "", in_response_to: str | None = None
) -> OpResult:
    return _run(
        lambda: session.suspend_commitment(
            commitment=commitment, reason=reason, in_response_to=in_response_to
        )
    )


def add_condition(
    session: Session, *, commitment: str, condition: str, reason: str = "", drop: bool = False
) -> OpResult:
    """Make a commitment wait on something more, or (``drop``) no longer."""
    command = session.drop_condition if drop else session.add_condition
    return _run(
        lambda: command(commitment=commitment, condition=_condition(condition), reason=reason)
    )


def verify_commitment(
    session: Session,
    *,
    commitment: str,
    verified: bool | None = None,
    result: str | None = None,
    verifier: str = "control",
    reason: str = "",
) -> OpResult:
    """One verification by ``verifier`` (``verified``: True confirmed, False failed)."""
    found = result or ("confirmed" if verified else "failed")
    return _run(
        lambda: session.verify_commitment(
            commitment=commitment,
            result=found,  # type: ignore[arg-type]
            verifier=verifier,
            reason=reason,
        )
    )


def sign_agreement(
    session: Session,
    *,
    title: str,
    commitments: Sequence[str],
    visibility: tuple[str, ...] | None = None,
    signatories: Sequence[str] = (),
    shape: str | None = None,
    follows: str | None = None,
) -> OpResult:
    return _run(
        lambda: session.sign_agreement(
            title=title,
            commitments=tuple(commitments),
            visibility=visibility,
            signatories=tuple(signatories),
            shape=shape,  # type: ignore[arg-type]
            follows=follows,
        )
    )


def adjust_indicator(session: Session, *, key: str, delta: float, reason: str) -> OpResult:
    return _run(lambda: session.adjust_indicator(key=key, delta=delta, reason=reason))


def fire_inject(session: Session, *, inject: str) -> OpResult:
    return _run(lambda: session.fire_inject(inject=inject))


def add_note(session: Session, *, text: str) -> OpResult:
    return _run(lambda: session.add_note(text=text))


def set_bookmark(session: Session, *, label: str) -> OpResult:
    return _run(lambda: session.set_bookmark(label=label))


def undo(session: Session) -> OpResult:
    return _run(session.undo)


def redo(session: Session) -> OpResult:
    return _run(session.redo)


def reveal_everything(session: Session) -> OpResult:
    return _run(session.reveal_everything)


# ---------------------------------------------------------------------- team devices
def accept_submission(
    session: Session, *, submission: str, edits: dict[str, Any] | None = None
) -> OpResult:
    return _run(lambda: session.accept(submission=submission, edits=edits))


def hold_submission(session: Session, *, submission: str, note: str = "") -> OpResult:
    return _run(lambda: session.hold(submission=submission, note=note))


def reject_submission(session: Session, *, submission: str, reason: str) -> OpResult:
    return _run(lambda: session.reject(submission=submission, reason=reason))


def revoke_code(session: Session, *, code: str) -> OpResult:
    return _run(lambda: session.revoke_code(code=code))


def revoke_device(session: Session, *, device: str) -> OpResult:
    return _run(lambda: session.revoke_device(device=device))


def lock_lobby(session: Session, *, locked: bool) -> OpResult:
    return _run(lambda: session.lock_lobby(locked=locked))
