"""The report's timeline: each log entry a viewer may see, in words, grouped by round.

An entry keeps the raw texts people typed (the HTML renderer escapes them) and says who
could see it: ``public``, ``private`` (to the teams named) or ``control`` (notes,
bookmarks, adjustments, undo and redo). For Control, voided (undone) entries are kept and
marked; a team's timeline leaves them out, as ``engine.domain.visibility`` rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import msgspec

from engine.domain.events import CONTROL, Envelope
from engine.domain.state import SessionState
from engine.domain.visibility import Viewer, event_visible, may_see
from engine.domain.words import Words
from engine.scenario.model import Scenario

__all__ = ["Entry", "RoundSection", "Words", "describe", "seen_by", "timeline"]

Audience = Literal["public", "private", "control"]


class Entry(msgspec.Struct, frozen=True, gc=False):
    """One line of the timeline. ``what`` is a sentence built from ids and names; ``text``
    is what a person typed (a move's words, a note) and ``reason`` a stated reason.

    Not tracked by the garbage collector: a long session has tens of thousands of entries,
    and they hold only strings and numbers."""

    seq: int
    round: int
    at: float
    actor: str  # a team id or CONTROL
    kind: str  # move, ruling, demand, commitment, agreement, inject, indicator, note, ...
    what: str
    text: str = ""
    reason: str = ""
    audience: Audience = "public"
    teams: tuple[str, ...] = ()  # who could see it, when private
    voided: bool = False
    tone: int | None = None


@dataclass(frozen=True)
class RoundSection:
    number: int  # 0: before the first round
    title: str
    kind: str  # working, summit, or "" for round 0
    seated: tuple[str, ...]
    entries: tuple[Entry, ...]


def describe(
    env: Envelope, state: SessionState, scenario: Scenario, words: Words, viewer: Viewer
) -> Entry:
    """One log entry in words (its kind's ``reads``), with who may see it (its kind's
    ``audience``); ``state`` holds the records it refers to (or later)."""
    event = env.event
    reading = event.reads(env.seq, words.seen_by(viewer))
    audience = event.audience(env.seq, state, scenario)
    reason = reading.reason
    if event.private_reason and viewer != CONTROL and viewer not in audience.parties:
        reason = ""
    return Entry(
        env.seq,
        env.round,
        env.at,
        env.actor,
        event.subject,
        reading.what,
        text=reading.text,
        reason=reason,
        audience=audience.label,
        teams=audience.teams,
        tone=reading.tone,
    )


def timeline(
    scenario: Scenario, envelopes: Iterable[Envelope], state: SessionState, viewer: Viewer
) -> tuple[RoundSection, ...]:
    """The entries ``viewer`` may see, by round (``state``: the full state at the end)."""
    words = Words(scenario, state, viewer=viewer)
    by_round: dict[int, list[Entry]] = {}
    for env in envelopes:
        if viewer != CONTROL and not event_visible(viewer, env, state, scenario):
            continue
        entry = describe(env, state, scenario, words, viewer)
        if env.seq in state.voided:
            entry = msgspec.structs.replace(entry, voided=True)
        by_round.setdefault(env.round, []).append(entry)
    sections = []
    for number in sorted(by_round):
        if 1 <= number <= len(scenario.rounds):
            plan = scenario.rounds[number - 1]
            title, kind, seated = plan.title, str(plan.kind), plan.teams
        else:
            title, kind, seated = "Before the first round", "", ()
        sections.append(RoundSection(number, title, kind, seated, tuple(by_round[number])))
    return tuple(sections)


def seen_by(entry: Entry, viewer: Viewer) -> bool:
    """Whether an entry's audience includes ``viewer`` (a sanity check for tests)."""
    if entry.audience == "control":
        return viewer == CONTROL
    return entry.audience == "public" or may_see(viewer, entry.teams)
