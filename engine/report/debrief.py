"""What the debrief view on the projector shows, as data (no Qt): ``ui/projector_debrief.py``
draws it.

Everything is as the room may see it: the public viewer, or, once Control has revealed
everything (``EverythingRevealed``), the revealed one (``engine.domain.visibility``), and
then for every round, not only from the reveal on. It holds

* the room's view of the state at the end, and its analytics (for the commitment graph);
* per round, as of the end of that round: the deadlocks and the simultaneous-action
  bundles (how the structure of the bargain moved over time), each in a line of words;
* the indicator charts over rounds (one per global or team indicator the room may see;
  pair indicators are a matrix elsewhere, too many lines for a wall);
* the agreements the room may see.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from engine.domain.events import Envelope, RoundStarted
from engine.domain.state import Agreement, SessionState
from engine.domain.visibility import PUBLIC, Viewer, indicator_visible, room_viewer, view_state
from engine.domain.words import Words
from engine.graph.report import analyze
from engine.graph.results import AnalyticsReport, Bundle, Deadlock
from engine.report.series import Chart, values_by_round
from engine.report.svg import NEUTRAL, Series
from engine.scenario.model import Scenario


@dataclass(frozen=True)
class RoundStructure:
    """The structure of the bargain at the end of one round (0: before the first)."""

    round: int
    title: str
    seq: int  # the last event of the round
    deadlocks: tuple[Deadlock, ...]
    bundles: tuple[Bundle, ...]  # simultaneous ones, deadlocks left out: done together
    commitments: int  # commitments the room could see by then
    lines: tuple[str, ...]  # the deadlocks and bundles in words


@dataclass(frozen=True)
class DebriefData:
    viewer: Viewer  # PUBLIC, or REVEALED after Control's reveal
    revealed: bool
    state: SessionState  # the room's view of the state at the end
    report: AnalyticsReport  # its analytics (deadlocks, bundles, order)
    rounds: tuple[RoundStructure, ...]
    charts: tuple[Chart, ...]
    agreements: tuple[Agreement, ...]  # newest first


def round_ends(envelopes: Iterable[Envelope], voided: Iterable[int] = ()) -> list[tuple[int, int]]:
    """(round, seq of its last event) for every round started in the log (undone starts
    left out), in order; the last round ends at the log's last event."""
    gone = set(voided)
    ends: list[tuple[int, int]] = []
    last = 0
    current: int | None = None
    for env in envelopes:
        if isinstance(env.event, RoundStarted) and env.seq not in gone:
            if current is not None:
                ends.append((current, env.seq - 1))
            current = env.event.round
        last = env.seq
    if current is not None:
        ends.append((current, last))
    return ends


LATE_NAMED = 2  # teams named as past due in a stalled deadlock's line; the rest counted


def structure_lines(
    deadlocks: Iterable[Deadlock], bundles: Iterable[Bundle], words: Words, scenario: Scenario
) -> tuple[str, ...]:
    """The deadlocks and bundles in plain words, one line each ("Deadlock: Commitment 1
    (c3) and Commitment 2 (c4) wait on each other (not all agreed, so none can go
    first)"); the id is the one the graph draws."""

    def named(record_id: str) -> str:  # "Commitment 3 (c26)": the graph shows the id
        name = words.record(record_id)
        return name if name == record_id else f"{name} ({record_id})"

    lines = []
    for found in deadlocks:
        members = " and ".join(named(c) for c in found.commitments)
        if found.kind == "stall":
            names = [words.team(t) for t in found.late_teams]
            late = ", ".join(names[:LATE_NAMED]) or "someone"
            if len(names) > LATE_NAMED:
                late += f" and {len(names) - LATE_NAMED} more"
            why = f"all agreed, none done, {late} past due"
        else:
            why = "not all agreed, so none can go first"
        lines.append(f"Deadlock: {members} wait on each other ({why})")
    for bundle in bundles:
        members = " + ".join(named(c) for c in bundle.commitments)
        state = "carried out" if bundle.done else "to be carried out together"
        lines.append(f"Bundle {bundle.id} (step {bundle.step}): {members}, {state}")
    return tuple(lines)


def debrief_charts(scenario: Scenario, view: SessionState, viewer: Viewer) -> tuple[Chart, ...]:
    """One chart per global or team indicator ``viewer`` may see, over rounds."""
    table = values_by_round(scenario, view)
    x_range = (0.0, float(max(view.round, 1)))
    charts = []
    for ind in scenario.indicators:
        if ind.scope == "pair":
            continue
        if ind.scope == "global":
            keys = [(ind.name, ind.id, NEUTRAL[0])]
        else:
            keys = [(t.name, f"{ind.id}.{t.id}", t.color) for t in scenario.teams]
        if not keys or not indicator_visible(viewer, keys[0][1], scenario):
            continue
        series = tuple(
            Series(label, tuple((float(r), v) for r, v in enumerate(table[key])), color)
            for label, key, color in keys
            if key in table
        )
        charts.append(Chart(ind.name, ind.description, (ind.min, ind.max), x_range, series))
    return tuple(charts)


def build_debrief(
    scenario: Scenario,
    state: SessionState,
    ends: Iterable[tuple[int, int]],
    state_at: Callable[[int], SessionState],
) -> DebriefData:
    """The debrief of ``state`` (the session's latest); ``ends`` from ``round_ends``;
    ``state_at(seq)`` gives the state after an event (``Session.state_at``)."""
    viewer = room_viewer(PUBLIC, state)
    view = view_state(state, viewer, scenario)
    report = analyze(scenario, state, viewer=viewer)
    rounds = []
    for number, seq in ends:
        at = state if seq >= state.seq else state_at(seq)
        seen = view_state(at, viewer, scenario)
        found = analyze(scenario, at, viewer=viewer)
        stuck = {frozenset(d.commitments) for d in found.deadlocks}  # a deadlock is no bundle
        bundles = tuple(
            b for b in found.bundles if b.simultaneous and frozenset(b.commitments) not in stuck
        )
        words = Words(scenario, seen)
        rounds.append(
            RoundStructure(
                round=number,
                title=words.round_title(number),
                seq=seq,
                deadlocks=found.deadlocks,
                bundles=bundles,
                commitments=len(seen.commitments),
                lines=structure_lines(found.deadlocks, bundles, words, scenario),
            )
        )
    agreements = tuple(sorted(view.agreements.values(), key=lambda a: -a.seq))
    return DebriefData(
        viewer=viewer,
        revealed=bool(state.revealed),
        state=view,
        report=report,
        rounds=tuple(rounds),
        charts=debrief_charts(scenario, view, viewer),
        agreements=agreements,
    )


class DebriefSource(Protocol):
    """A session (``engine.session.live.Session``): its scenario, state and log."""

    @property
    def scenario(self) -> Scenario: ...

    @property
    def state(self) -> SessionState: ...

    def events(self, start: int = 1, stop: int | None = None) -> Iterator[Envelope]: ...

    def state_at(self, seq: int) -> SessionState: ...


def session_debrief(session: DebriefSource) -> DebriefData:
    """``build_debrief`` of a live or read-only session."""
    state = session.state
    ends = round_ends(session.events(), state.voided)
    return build_debrief(session.scenario, state, ends, session.state_at)
