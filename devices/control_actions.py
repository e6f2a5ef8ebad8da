"""What a Control device does from its page: accept (with the text edited, if it was),
hold, reject, rule. Each runs on the owner thread inside ``session.acting_device``, so
the log records the device that took it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from devices.forms import Fields, FormError, one

if TYPE_CHECKING:
    from engine.session.live import Session


def act(session: Session, device: str, action: str, fields: Fields) -> None:
    """One action of a Control device, recorded as taken by that device."""
    with session.acting_device(device):
        if action == "rule":
            outcome = one(fields, "outcome")
            if outcome not in ("success", "partial", "failure"):
                raise FormError(f"an outcome is success, partial or failure, not {outcome!r}")
            session.adjudicate(
                move=one(fields, "move"),
                outcome=outcome,  # type: ignore[arg-type]
                method="judgement",
                reason=one(fields, "reason"),
            )
            return
        submission = one(fields, "submission")
        if action == "accept":
            found = session.state.submissions.get(submission)
            text = fields.get("text")
            edits = None
            if found is not None and text and text[0].strip() != found.payload.get("text"):
                edits = {"text": text[0].strip()}
            session.accept(submission=submission, edits=edits)
        elif action == "hold":
            session.hold(submission=submission, note=one(fields, "note", ""))
        elif action == "reject":
            session.reject(submission=submission, reason=one(fields, "reason"))
        else:
            raise FormError(f"Control cannot {action!r} here")
