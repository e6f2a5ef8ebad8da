"""What one viewer may see, as HTML fragments: feed entries and the live panels.

Everything here runs on the owner thread (it reads the session). A team's feed is the
log filtered by ``engine.domain.visibility.event_visible`` and read by the report's
``describe`` with that team as the viewer: the very rule of the "as seen by" replay. The
board's panels are the projector's: public moves and injects, public agreements, public
indicators (``indicator_visible`` with the ``PUBLIC`` viewer), nothing else.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

from engine.domain.events import CONTROL, Envelope
from engine.domain.visibility import (
    PUBLIC,
    Viewer,
    agreement_visible,
    event_visible,
    indicator_visible,
    may_see,
    move_visible,
    room_viewer,
)
from engine.domain.words import Words
from engine.report.markup import esc
from engine.report.timeline import describe

if TYPE_CHECKING:
    from engine.session.live import Session

SCAN = 4000  # log entries looked at from the newest, for a feed
FEED = 300  # entries a page shows
BOARD_FEED = 7  # what the projector shows


def entry_html(session: Session, env: Envelope, viewer: Viewer) -> str:
    """One log entry as ``viewer`` may read it (the caller checked it may see it)."""
    state, scenario = session.state, session.scenario
    entry = describe(env, state, scenario, Words(scenario, state), viewer)
    words = Words(scenario)
    who = words.team(env.actor)
    stamp = time.strftime("%H:%M", time.localtime(env.at))
    audience = {"public": "public", "private": "private", "control": "Control only"}
    parts = [
        f'<li id="e{env.seq}" class="entry {entry.audience}">',
        f'<span class="meta">{stamp} · round {env.round} · {esc(who)} · '
        f"{audience[entry.audience]}</span> ",
        f'<span class="what">{esc(entry.what)}</span>',
    ]
    if entry.text:
        parts.append(f' <q class="text">{esc(entry.text)}</q>')
    if entry.reason:
        parts.append(f' <span class="reason">Reason: {esc(entry.reason)}</span>')
    parts.append("</li>")
    return "".join(parts)


def visible(session: Session, env: Envelope, viewer: Viewer) -> bool:
    return event_visible(viewer, env, session.state, session.scenario)


def feed(session: Session, viewer: Viewer, after: int = 0) -> list[tuple[int, str]]:
    """(seq, html) of the entries after ``after`` that ``viewer`` may see, oldest first,
    at most ``FEED`` of the newest."""
    start = max(after + 1, session.last_seq - SCAN + 1, 1)
    items = [
        (env.seq, entry_html(session, env, viewer))
        for env in session.events(start)
        if visible(session, env, viewer)
    ]
    return items[-FEED:]


def status_html(session: Session) -> str:
    """Round and phase (public to everyone)."""
    state, scenario = session.state, session.scenario
    if state.round == 0:
        return "<p>The first round has not started yet.</p>"
    plan = scenario.rounds[state.round - 1]
    phase = plan.phases[state.phase].name if state.phase < len(plan.phases) else ""
    where = f"Round {state.round} of {len(scenario.rounds)}: {esc(plan.title)} ({plan.kind})"
    if not state.round_open:
        return f"<p>{where}, ended.</p>"
    return f"<p>{where}</p><p>Phase: <b>{esc(phase)}</b></p>"


def indicators_html(session: Session, viewer: Viewer) -> str:
    """The indicator values ``viewer`` may see, in scenario order; for the room (the
    board), as the projector shows them: all the teams saw once Control has revealed
    everything, and none that Control keeps off the projector."""
    state, scenario = session.state, session.scenario
    room = viewer == PUBLIC
    seen_as = room_viewer(viewer, state)
    rows = []
    for key, ind in scenario.indicator_keys().items():
        if not indicator_visible(seen_as, key, scenario):
            continue
        if room and key.split(".")[0] in state.room_hidden:
            continue
        value = state.indicators.get(key, ind.initial)
        rows.append(
            f"<tr><th scope='row'>{esc(scenario.value_name(key))}</th>"
            f"<td>{value:g}</td><td class='range'>{ind.min:g} to {ind.max:g}</td></tr>"
        )
    if not rows:
        return "<p>No indicator to show.</p>"
    return "<table class='indicators'>" + "".join(rows) + "</table>"


R = TypeVar("R")


def _newest(records: Mapping[str, R]) -> Iterator[R]:
    return reversed(list(records.values()))


def board_feed_html(session: Session) -> str:
    """The projector's feed: the latest public moves and public injects."""
    state, scenario = session.state, session.scenario
    words = Words(scenario, state)
    items: list[tuple[int, str]] = []
    for move in islice((m for m in _newest(state.moves) if move_visible(PUBLIC, m)), BOARD_FEED):
        outcome = f" · {move.outcome}" if move.outcome else ""
        items.append((
            move.seq,
            f"<li><b>{esc(words.team(move.team))}</b> "
            f"<span class='meta'>{esc(words.move_type(move.move_type))}{outcome}</span><br>"
            f"{esc(move.text)}</li>",
        ))  # fmt: skip
    for fired in list(reversed(state.injects))[: BOARD_FEED * 4]:
        inject = scenario.inject(fired.inject)
        if inject is None or not may_see(PUBLIC, fired.visibility) or not inject.public:
            continue
        items.append((
            fired.seq,
            f"<li><b>{esc(inject.title)}</b><br>{esc(inject.text.strip())}</li>",
        ))  # fmt: skip
    items.sort(key=lambda item: -item[0])
    if not items:
        return "<p>Nothing public yet.</p>"
    return "<ul class='feed'>" + "".join(html for _, html in items[:BOARD_FEED]) + "</ul>"


def agreements_html(session: Session) -> str:
    """The public agreements, newest first (the projector's)."""
    state, scenario = session.state, session.scenario
    words = Words(scenario, state)
    items = [
        f"<li><b>{esc(a.title)}</b> <span class='meta'>round {a.round} · "
        f"{esc(words.parties(a.teams))}</span></li>"
        for a in _newest(state.agreements)
        if agreement_visible(PUBLIC, a)
    ]
    return "<ul>" + "".join(items) + "</ul>" if items else "<p>No agreement signed yet.</p>"


def viewer_of(role: str, team: str | None) -> Viewer:
    """The visibility viewer of a device: its team, or Control."""
    return CONTROL if role == "control" else str(team)
