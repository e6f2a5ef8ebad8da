"""A team's own panels: the proposals it is asked to answer, and what it sent (each
submission with its status, and the reason when Control rejected it)."""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from devices.forms_html import answer_form
from engine.domain.visibility import commitment_visible
from engine.domain.words import Words
from engine.report.markup import esc

if TYPE_CHECKING:
    from engine.domain.state import Commitment, Submission
    from engine.session.live import Session

MINE = 30  # submissions listed, newest first
_by_team: dict[str, object] = {}  # the latest ``by_team``, for the seq it was made at


def by_team(session: Session) -> dict[str, list[Submission]]:
    """The submissions of each team, oldest first: one pass over them per event, shared
    by every team's panels (publish renders them for each team after each event)."""
    held = _by_team.get("session")
    if not (callable(held) and held() is session and _by_team["seq"] == session.last_seq):
        grouped: dict[str, list[Submission]] = {}
        for found in session.state.submissions.values():
            grouped.setdefault(found.team, []).append(found)
        _by_team.update(session=weakref.ref(session), seq=session.last_seq, grouped=grouped)
    return _by_team["grouped"]  # type: ignore[return-value]


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
        for s in by_team(session).get(team, ())
        if s.what == "answer" and s.status in ("pending", "held")
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


def summary(what: str, payload: dict[str, object], words: Words | None = None) -> str:
    """A submission in a few words: its kind, to whom (by name, given ``words``) and its
    text."""
    if what == "answer":
        answered = str(payload.get("commitment"))
        said = words.record(answered) if words is not None else answered
        return f"answer: {payload.get('answer')} to {said}"
    text = str(payload.get("text", ""))[:120]
    to = payload.get("to") or payload.get("to_team") or payload.get("receivers")
    names = [str(t) for t in to] if isinstance(to, list | tuple) else [str(to)] if to else []
    if words is not None:
        names = [words.team(t) for t in names]
    return f"{what} to {', '.join(names)}: {text}" if names else f"{what}: {text}"


def mine_html(session: Session, team: str) -> str:
    items = []
    words = Words(session.scenario, session.state)
    for s in reversed(by_team(session).get(team, [])[-MINE:]):
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
            f"{esc(summary(s.what, s.payload, words))}{extra}</li>"
        )
    return "<ul>" + "".join(items) + "</ul>" if items else "<p>Nothing sent yet.</p>"
