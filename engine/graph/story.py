"""The session over time, round by round: what was tabled, agreed, kept and broken, and
every deadlock with the round it began and how it ended.

The end state alone says "0 deadlocks" of a session whose first two rounds were one long
deadlock. So the story reads the state at the end of each round (the event before the
next round's start; the last event for the last round), as seen by one viewer, and
compares each with the one before. A record undone stays out of it: the states are folds
of the active log.

A deadlock is known by its members (the set of commitments in the cycle); it *began* in
the first round at whose end it stood, and *ended* in the first round at whose end it no
longer did, with an outcome read from its members at the end of the session.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple, Protocol

from engine.domain import events as ev
from engine.domain.events import CONTROL
from engine.domain.state import SessionState, record_label
from engine.domain.visibility import Viewer, view_state
from engine.graph.report import analyze
from engine.scenario.model import Scenario
from engine.session.live import Session


class RoundEnd(NamedTuple):
    round: int
    seq: int  # the last event of the round (the state the story reads)


class DeadlockSpan(NamedTuple):
    commitments: tuple[str, ...]
    teams: tuple[str, ...]
    began: int  # the round at whose end it first stood
    ended: int | None  # the first round at whose end it no longer stood; None: still open
    outcome: str  # how it ended, in words


class RoundStory(NamedTuple):
    round: int
    title: str
    demands_tabled: tuple[str, ...]
    commitments_proposed: tuple[str, ...]
    agreed: tuple[str, ...]
    fulfilled: tuple[str, ...]
    broken: tuple[str, ...]
    withdrawn: tuple[str, ...]
    agreements: tuple[str, ...]
    deadlocks_began: tuple[DeadlockSpan, ...]
    deadlocks_ended: tuple[DeadlockSpan, ...]
    deadlocks_open: int  # standing at the round's end


class Story(NamedTuple):
    rounds: tuple[RoundStory, ...]
    deadlocks: tuple[DeadlockSpan, ...]  # every deadlock of the session, by the round it began

    @property
    def deadlocks_met(self) -> int:
        return len(self.deadlocks)

    @property
    def deadlocks_resolved(self) -> int:
        return sum(1 for d in self.deadlocks if d.ended is not None)


def round_ends(session: Session, upto: int | None = None) -> list[RoundEnd]:
    """The last event of every round started up to event ``upto`` (default: the last)."""
    last = session.last_seq if upto is None else upto
    voided = session.state_at(last).voided
    starts: list[tuple[int, int]] = []
    for seq in session.store.seqs_of_kind("RoundStarted"):
        if seq > last or seq in voided:
            continue
        event = session.envelope(seq).event
        if isinstance(event, ev.RoundStarted):
            starts.append((event.round, seq))
    ends = []
    for index, (number, _seq) in enumerate(starts):
        end = starts[index + 1][1] - 1 if index + 1 < len(starts) else last
        ends.append(RoundEnd(number, end))
    return ends


def session_story(session: Session, viewer: Viewer = CONTROL, upto: int | None = None) -> Story:
    scenario = session.scenario
    ends = round_ends(session, upto)
    states = [_seen(session.state_at(end.seq), viewer, scenario) for end in ends]
    final = states[-1] if states else _seen(session.state, viewer, scenario)
    standing = [_deadlocks(state, scenario) for state in states]
    spans = _spans(ends, standing, final)
    by_members = {span.commitments: span for span in spans}
    stories = []
    before = SessionState()
    for index, (end, state) in enumerate(zip(ends, states, strict=True)):
        number = end.round
        now = set(standing[index])
        earlier = set(standing[index - 1]) if index else set()
        stories.append(
            RoundStory(
                round=number,
                title=_title(scenario, number),
                demands_tabled=_made_in(state.demands.values(), before.demands, number),
                commitments_proposed=_made_in(
                    state.commitments.values(), before.commitments, number
                ),
                agreed=_moved_to(state, before, "agreed"),
                fulfilled=_moved_to(state, before, "fulfilled"),
                broken=_moved_to(state, before, "broken"),
                withdrawn=_moved_to(state, before, "withdrawn"),
                agreements=tuple(k for k in state.agreements if k not in before.agreements),
                deadlocks_began=tuple(by_members[m] for m in standing[index] if m not in earlier),
                deadlocks_ended=tuple(
                    by_members[m] for m in (standing[index - 1] if index else ()) if m not in now
                ),
                deadlocks_open=len(now),
            )
        )
        before = state
    return Story(tuple(stories), tuple(spans))


def _seen(state: SessionState, viewer: Viewer, scenario: Scenario) -> SessionState:
    return state if viewer == CONTROL else view_state(state, viewer, scenario)


def _deadlocks(state: SessionState, scenario: Scenario) -> dict[tuple[str, ...], tuple[str, ...]]:
    """The deadlocks standing in ``state``: members -> their teams."""
    report = analyze(scenario, state)
    return {d.commitments: d.teams for d in report.deadlocks}


def _spans(
    ends: list[RoundEnd],
    standing: list[dict[tuple[str, ...], tuple[str, ...]]],
    final: SessionState,
) -> list[DeadlockSpan]:
    spans: dict[tuple[str, ...], DeadlockSpan] = {}
    for index, end in enumerate(ends):
        for members, teams in standing[index].items():
            if members not in spans:
                spans[members] = DeadlockSpan(members, teams, end.round, None, "")
        for members, span in list(spans.items()):
            if span.ended is None and members not in standing[index]:
                spans[members] = span._replace(ended=end.round)
    return [span._replace(outcome=_outcome(span, final)) for span in spans.values()]


def _outcome(span: DeadlockSpan, final: SessionState) -> str:
    """How a deadlock ended, from its members at the end of the session: they are named as
    people say them ("Commitment 4"), as everywhere a report names a record."""
    if span.ended is None:
        return "still open at the end"
    found = {key: final.commitments.get(key) for key in span.commitments}
    statuses = {record_label(key, c.number): c.status for key, c in found.items() if c is not None}
    for status, words in (("broken", "broken"), ("withdrawn", "withdrawn")):
        hit = [key for key, s in statuses.items() if s == status]
        if hit:
            return f"ended when {_listed(hit)} {'was' if len(hit) == 1 else 'were'} {words}"
    done = [key for key, s in statuses.items() if s == "fulfilled"]
    if done:
        return f"resolved when {_listed(done)} {'was' if len(done) == 1 else 'were'} carried out"
    if statuses and all(s == "agreed" for s in statuses.values()):
        return "resolved: its members were agreed, to be carried out together"
    return "resolved: its conditions were changed"


def _listed(keys: list[str]) -> str:
    return keys[0] if len(keys) == 1 else ", ".join(keys[:-1]) + " and " + keys[-1]


class _Record(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def round(self) -> int: ...


def _made_in(
    records: Iterable[_Record], before: Mapping[str, object], number: int
) -> tuple[str, ...]:
    return tuple(r.id for r in records if r.id not in before and r.round == number)


def _moved_to(state: SessionState, before: SessionState, status: str) -> tuple[str, ...]:
    out = []
    for key, commitment in state.commitments.items():
        earlier = before.commitments.get(key)
        if commitment.status == status and (earlier is None or earlier.status != status):
            out.append(key)
    return tuple(out)


def _title(scenario: Scenario, number: int) -> str:
    return scenario.rounds[number - 1].title if 0 < number <= len(scenario.rounds) else ""
