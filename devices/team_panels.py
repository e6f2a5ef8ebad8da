"""A team's own panels: the proposals it is asked to answer, and what it sent (each
submission with its status, and the reason when Control rejected it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from devices.forms_html import answer_form
from engine.domain.visibility import commitment_visible
from engine.domain.words import Words
from engine.report.markup import esc

if TYPE_CHECKING:
    from engine.domain.state import Commitment
    from engine.session.live import Session

MINE = 30  # submissions listed, newest first


def answers_to(commitment: Commitment, team: str) -> bool:
    """Whether ``team`` is the side that answers this proposal: the receivers of an
    offer, the givers of an ask."""
    if commitment.status != "proposed" or team == commitment.proposer:
        return False
    return team in (commitment.givers if commitment.ask else commitment.receivers)


def answers_html(session: Session, team: str, csrf: str) -> str:
    state = session.state
    words = Words(session.scenario, state)
    waiting = {
        str(s.payload.get("commitment"))
        for s in state.submissions.values()
        if s.team == team and s.what == "answer" and s.status in ("pending", "held")
    }
    items = []
    for c in state.commitments.values():
        if not (answers_to(c, team) and commitment_visible(team, c)):
            continue
        side = f"{esc(words.parties(c.givers))} to {esc(words.parties(c.receivers))}"
        head = (
            f"<b>{esc(words.record(c.id))}</b> ({esc(words.issue(c.issue))}): {side}: "
            f"<q>{esc(c.text)}</q>"
        )
        tail = (
            "<p class='meta'>Your answer is waiting for Control.</p>"
            if c.id in waiting
            else answer_form(c.id, csrf)
        )
        items.append(f'<li id="answer-{esc(c.id)}">{head}{tail}</li>')
    return "<ul>" + "".join(items) + "</ul>" if items else "<p>No proposal awaits your answer.</p>"


STATUS_WORDS = {
    "pending": "waiting for Control",
    "held": "held by Control",
    "accepted": "accepted",
    "rejected": "rejected",
}


def summary(what: str, payload: dict[str, object]) -> str:
    """A submission in a few words: its kind and its text."""
    if what == "answer":
        return f"answer: {payload.get('answer')} to {payload.get('commitment')}"
    return f"{what}: {str(payload.get('text', ''))[:120]}"


def mine_html(session: Session, team: str) -> str:
    items = []
    mine = [s for s in session.state.submissions.values() if s.team == team]
    for s in sorted(mine, key=lambda s: -s.seq)[:MINE]:
        status = STATUS_WORDS.get(s.status, s.status)
        if s.status == "accepted" and s.edited:
            status += ", edited"
        extra = ""
        if s.status == "rejected" and s.reason:
            extra = f" <span class='reason'>Reason: {esc(s.reason)}</span>"
        elif s.status == "held" and s.note:
            extra = f" <span class='reason'>{esc(s.note)}</span>"
        items.append(
            f'<li class="sub {esc(s.status)}"><span class="status">{esc(status)}</span> '
            f"{esc(summary(s.what, s.payload))}{extra}</li>"
        )
    return "<ul>" + "".join(items) + "</ul>" if items else "<p>Nothing sent yet.</p>"
