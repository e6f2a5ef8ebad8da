"""The report's timeline: each log entry a viewer may see, in words, grouped by round.

An entry keeps the raw texts people typed (the HTML renderer escapes them) and says who
could see it: ``public``, ``private`` (to the teams named) or ``control`` (notes,
bookmarks, adjustments, undo and redo). For Control, voided (undone) entries are kept and
marked; a team's timeline leaves them out, as ``engine.domain.visibility`` rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

import msgspec

from engine.domain import events as ev
from engine.domain.events import CONTROL, Envelope, Visibility
from engine.domain.state import SessionState, agreement_id
from engine.domain.visibility import Viewer, event_visible, may_see
from engine.scenario.model import Effect, Scenario

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


class Words:
    """Names for ids, from the scenario (an unknown id reads as itself)."""

    def __init__(self, scenario: Scenario) -> None:
        self.teams = {t.id: t.name for t in scenario.teams}
        self.issues = {i.id: i.name for i in scenario.issues}
        self.types = {m.id: m.name for m in scenario.move_types}
        self.indicators = {key: ind for key, ind in scenario.indicator_keys().items()}

    def team(self, team_id: str) -> str:
        return "Control" if team_id == CONTROL else self.teams.get(team_id, team_id)

    def issue(self, issue_id: str) -> str:
        return self.issues.get(issue_id, issue_id)

    def indicator(self, key: str) -> str:
        found = self.indicators.get(key)
        if found is None:
            return key
        parts = key.split(".")[1:]
        if not parts:
            return found.name
        return f"{found.name} ({' in '.join(p.upper() for p in parts)})"

    def effects(self, effects: Iterable[Effect]) -> str:
        return ", ".join(f"{self.indicator(e.key)} {e.delta:+g}" for e in effects)


def _audience(
    visibility: Visibility, parties: Iterable[str] = ()
) -> tuple[Audience, tuple[str, ...]]:
    if visibility is None:
        return "public", ()
    return "private", tuple(dict.fromkeys((*parties, *visibility)))


def describe(
    env: Envelope, state: SessionState, scenario: Scenario, words: Words, viewer: Viewer
) -> Entry:
    """One log entry in words; ``state`` holds the records it refers to (or later)."""
    e = env.event
    w = words
    match e:
        case ev.SessionStarted():
            return _make(env, kind="round", what=f"Session started: {e.title}")
        case ev.RoundStarted():
            return _make(env, kind="round", what=f"Round {e.round} started")
        case ev.RoundEnded():
            return _make(env, kind="round", what=f"Round {e.round} ended")
        case ev.PhaseChanged():
            return _make(env, kind="phase", what=f"Phase: {e.name}")
        case ev.MoveRecorded():
            mtype = w.types.get(e.move_type, e.move_type)
            targets = ", ".join(w.team(t) for t in e.targets)
            what = f"{w.team(e.team)}: {mtype} (m{env.seq})" + (
                f" toward {targets}" if targets else ""
            )
            aud, teams = _audience(e.visibility, (e.team,))
            return _make(
                env, kind="move", what=what, text=e.text, audience=aud, teams=teams, tone=e.tone
            )
        case ev.MoveAdjudicated():
            move = state.moves.get(e.move)
            shown = viewer == CONTROL or (move is not None and move.team == viewer)
            effects = w.effects(e.effects)
            what = f"Ruling on {e.move}" + (f" ({w.team(move.team)})" if move else "")
            what += f": {e.outcome} by {e.method}" + (f"; {effects}" if effects else "")
            aud, teams = _audience(move.visibility, (move.team,)) if move else ("public", ())
            return _make(
                env,
                kind="ruling",
                what=what,
                reason=e.reason if shown else "",
                audience=aud,
                teams=teams,
            )
        case ev.DemandTabled():
            what = (
                f"{w.team(e.from_team)} asks {w.team(e.to_team)} for {w.issue(e.issue)} "
                f"(d{env.seq}, priority {e.priority})"
            )
            aud, teams = _audience(e.visibility, (e.from_team, e.to_team))
            return _make(env, kind="demand", what=what, text=e.text, audience=aud, teams=teams)
        case ev.DemandStatusChanged():
            demand = state.demands.get(e.demand)
            what = f"Demand {e.demand} {e.status}"
            aud, teams = (
                _audience(demand.visibility, (demand.from_team, demand.to_team))
                if demand
                else ("public", ())
            )
            return _make(env, kind="demand", what=what, reason=e.reason, audience=aud, teams=teams)
        case ev.CommitmentProposed():
            what = (
                f"{w.team(e.giver)} promises {w.team(e.receiver)}: {w.issue(e.issue)} (c{env.seq})"
            )
            if e.conditions:
                what += f", if {', '.join(e.conditions)}"
            if e.due_round is not None:
                what += f", due by round {e.due_round}"
            aud, teams = _audience(e.visibility, (e.giver, e.receiver))
            return _make(env, kind="commitment", what=what, text=e.text, audience=aud, teams=teams)
        case ev.ConditionAdded():
            return _about_commitment(
                env, e.commitment, state, f"{e.commitment} now waits on {e.condition}", ""
            )
        case (
            ev.CommitmentAgreed()
            | ev.CommitmentFulfilled()
            | ev.CommitmentBroken()
            | (ev.CommitmentWithdrawn())
        ):
            verb = {
                "CommitmentAgreed": "agreed",
                "CommitmentFulfilled": "fulfilled",
                "CommitmentBroken": "broken",
                "CommitmentWithdrawn": "withdrawn",
            }[env.kind]
            return _about_commitment(
                env, e.commitment, state, f"Commitment {e.commitment} {verb}", e.reason
            )
        case ev.CommitmentVerified():
            result = "confirmed" if e.verified else "failed"
            return _about_commitment(
                env, e.commitment, state, f"Verification of {e.commitment} {result}", e.reason
            )
        case ev.AgreementSigned():
            aud, teams = "public", ()
            agreement = state.agreements.get(agreement_id(env.seq))
            if agreement is not None:
                aud, teams = _audience(agreement.visibility, agreement.teams)
            elif e.visibility is not None:
                aud, teams = _audience(e.visibility)
            what = f"Agreement a{env.seq} signed: {', '.join(e.commitments)}"
            return _make(env, kind="agreement", what=what, text=e.title, audience=aud, teams=teams)
        case ev.IndicatorAdjusted():
            what = f"{w.indicator(e.key)} adjusted by {e.delta:+g}"
            return _make(env, kind="indicator", what=what, reason=e.reason, audience="control")
        case ev.InjectFired():
            inject = scenario.inject(e.inject)
            if inject is None:
                return _make(env, kind="inject", what=f"Inject {e.inject}")
            aud, teams = _audience(inject.visibility)
            effects = w.effects(inject.effects)
            what = f"Inject: {inject.title}" + (f" ({effects})" if effects else "")
            return _make(env, kind="inject", what=what, text=inject.text, audience=aud, teams=teams)
        case ev.NoteAdded():
            return _make(env, kind="note", what="Note", text=e.text, audience="control")
        case ev.BookmarkSet():
            return _make(env, kind="bookmark", what="Bookmark", text=e.label, audience="control")
        case ev.EventVoided():
            verb = "Redo" if e.reason == "redo" else "Undo"
            return _make(
                env, kind="undo", what=f"{verb}: entry #{e.target} voided", audience="control"
            )
    return _make(env, kind="other", what=env.kind, audience="control")


def _make(env: Envelope, *, kind: str, what: str, **extra: Any) -> Entry:
    return Entry(env.seq, env.round, env.at, env.actor, kind, what, **extra)


def _about_commitment(
    env: Envelope, key: str, state: SessionState, what: str, reason: str
) -> Entry:
    found = state.commitments.get(key)
    aud, teams = (
        _audience(found.visibility, (found.giver, found.receiver)) if found else ("public", ())
    )
    return _make(env, kind="commitment", what=what, reason=reason, audience=aud, teams=teams)


def timeline(
    scenario: Scenario, envelopes: Iterable[Envelope], state: SessionState, viewer: Viewer
) -> tuple[RoundSection, ...]:
    """The entries ``viewer`` may see, by round (``state``: the full state at the end)."""
    words = Words(scenario)
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
