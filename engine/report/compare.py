"""Comparing the groups of a class: one row per group, the key indicators over rounds,
and where the groups' structures differ most.

``compare_saves(paths)`` opens each save read-only, refuses saves of different scenarios
(``engine.session.classes.check_same_scenario``) and reads each group once into
``GroupFacts``: its end state, the deadlocks standing at each round's end, its analytics and
its indicator values by round. Every column of the grid is a ``Measure`` in
``MEASURES``: a key (the CSV and database column), a heading, and a function of
``GroupFacts``. A new analytic (commitments suspended, the shape of an agreement as the
richer commitment model tells it) is one more ``Measure``; the HTML, the CSV and the
analysis database take their columns from the tuple. The definitions are in
``docs/class-format.md``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from engine.domain.state import Agreement, SessionState
from engine.graph.build import CommitmentGraph
from engine.graph.report import analyze
from engine.graph.results import AnalyticsReport
from engine.graph.story import round_ends
from engine.graph.structure import deadlocks
from engine.report.series import values_by_round
from engine.scenario.model import Scenario
from engine.session.classes import ClassError, check_same_scenario, group_name
from engine.session.live import Session

Value = int | float | str | None


# ---------------------------------------------------------------- one group, read once


@dataclass(frozen=True)
class GroupFacts:
    """What the measures read of one group (one save)."""

    name: str
    save: Path
    scenario: Scenario
    state: SessionState
    deadlocks_met: int  # deadlocks standing at the end of some round
    deadlocks_resolved: int  # of those, how many stood no longer at a later round's end
    analytics: AnalyticsReport
    values: dict[str, list[float]]  # indicator key -> start value, then end of each round
    started_at: float  # wall time of the session's first event
    agreement_at: dict[str, float]  # agreement id -> wall time it was signed
    events: int

    @property
    def agreements(self) -> list[Agreement]:
        return sorted(self.state.agreements.values(), key=lambda a: a.seq)


def read_group(session: Session, name: str | None = None) -> GroupFacts:
    """Everything the comparison needs of one open session."""
    state = session.state
    agreement_at = {key: session.envelope(a.seq).at for key, a in state.agreements.items()}
    graph = CommitmentGraph(session.scenario)
    met, resolved = deadlock_counts(session, graph)
    return GroupFacts(
        name=name or group_name(session.path),
        save=session.path,
        scenario=session.scenario,
        state=state,
        deadlocks_met=met,
        deadlocks_resolved=resolved,
        analytics=analyze(session.scenario, state, graph=graph),
        values=values_by_round(session.scenario, state),
        started_at=session.envelope(1).at if session.last_seq else 0.0,
        agreement_at=agreement_at,
        events=session.last_seq,
    )


def deadlock_counts(session: Session, graph: CommitmentGraph) -> tuple[int, int]:
    """Deadlocks met and resolved, read as the report's story reads them (the state at
    the end of each round), but with one graph kept in step and no other analytic."""
    scenario = session.scenario
    met: set[tuple[str, ...]] = set()
    ended: set[tuple[str, ...]] = set()
    for state in session.states_at(end.seq for end in round_ends(session)):
        graph.sync(state)
        standing = {d.commitments for d in deadlocks(graph.conditions, state, scenario)}
        ended |= met - standing
        met |= standing
    return len(met), len(ended)


# ---------------------------------------------------------------- agreements' shape


def agreement_issues(facts: GroupFacts, agreement: Agreement) -> set[str]:
    found = (facts.state.commitments.get(key) for key in agreement.commitments)
    return {c.issue for c in found if c is not None}


def is_big_deal(facts: GroupFacts, agreement: Agreement) -> bool:
    """A big deal covers at least half of the scenario's issues at once, in two or more
    commitments; anything smaller is a step."""
    catalogue = max(len(facts.scenario.issues), 1)
    covered = agreement_issues(facts, agreement)
    return len(agreement.commitments) >= 2 and len(covered) * 2 >= catalogue


def shape(facts: GroupFacts) -> str:
    """The group's agreements in words: none, a big deal, steps, or a big deal and steps."""
    agreements = facts.agreements
    big = sum(1 for a in agreements if is_big_deal(facts, a))
    small = len(agreements) - big
    if not agreements:
        return "none"
    if big and small:
        return "big deal and steps"
    if big:
        return "big deal"
    return "one step" if small == 1 else "steps"


def issues_agreed(facts: GroupFacts) -> set[str]:
    out: set[str] = set()
    for agreement in facts.agreements:
        out |= agreement_issues(facts, agreement)
    return out


# ---------------------------------------------------------------- the measures


@dataclass(frozen=True)
class Measure:
    key: str  # the column in the CSV and the analysis database
    label: str  # the heading in the grid
    value: Callable[[GroupFacts], Value]
    help: str = ""


def _first_agreement(facts: GroupFacts) -> Agreement | None:
    agreements = facts.agreements
    return agreements[0] if agreements else None


def _first_round(facts: GroupFacts) -> Value:
    first = _first_agreement(facts)
    return first.round if first else None


def _first_minutes(facts: GroupFacts) -> Value:
    first = _first_agreement(facts)
    if first is None:
        return None
    return round((facts.agreement_at[first.id] - facts.started_at) / 60, 1)


def _volatility(facts: GroupFacts) -> Value:
    changes = [v.mean_change for v in facts.analytics.volatility if v.mean_change is not None]
    return round(sum(changes) / len(changes), 2) if changes else None


def _count_status(status: str) -> Callable[[GroupFacts], Value]:
    return lambda f: sum(1 for c in f.state.commitments.values() if c.status == status)


# fmt: off
MEASURES: tuple[Measure, ...] = (
    Measure("rounds", "Rounds played", lambda f: f.state.round),
    Measure("events", "Events", lambda f: f.events),
    Measure("agreements", "Agreements", lambda f: len(f.state.agreements)),
    Measure("shape", "Shape", shape, "big deal, steps, both, or none"),
    Measure("big_deals", "Big deals",
            lambda f: sum(1 for a in f.agreements if is_big_deal(f, a))),
    Measure("issues_agreed", "Issues agreed", lambda f: len(issues_agreed(f))),
    Measure("commitments", "Commitments", lambda f: len(f.state.commitments)),
    Measure("kept", "Kept", lambda f: sum(c.kept for c in f.analytics.credibility),
            "commitments fulfilled, counted per giver (credibility)"),
    Measure("broken", "Broken", lambda f: sum(c.broken for c in f.analytics.credibility),
            "commitments broken, counted per giver (credibility)"),
    Measure("withdrawn", "Withdrawn", _count_status("withdrawn")),
    Measure("deadlocks_met", "Deadlocks met", lambda f: f.deadlocks_met),
    Measure("deadlocks_resolved", "Deadlocks resolved", lambda f: f.deadlocks_resolved),
    Measure("surprise_demands", "Surprise demands",
            lambda f: sum(1 for d in f.state.demands.values() if d.surprise)),
    Measure("volatility", "Rhetoric volatility", _volatility,
            "mean tone change between rounds, over the teams"),
    Measure("tone_swings", "Tone swings", lambda f: sum(v.swings for v in f.analytics.volatility)),
    Measure("first_agreement_round", "First agreement (round)", _first_round),
    Measure("first_agreement_minutes", "First agreement (minutes)", _first_minutes,
            "minutes from the session's start to its first agreement"),
)

# The graph's structure: what "where the groups differ most" compares.
STRUCTURE: tuple[Measure, ...] = (
    Measure("agreements", "Agreements", lambda f: len(f.state.agreements)),
    Measure("big_deals", "Big deals", lambda f: sum(1 for a in f.agreements if is_big_deal(f, a))),
    Measure("commitments", "Commitments", lambda f: f.analytics.graph.commitments),
    Measure("conditional", "Conditional commitments", lambda f: f.analytics.graph.conditional),
    Measure("conditions", "Conditions", lambda f: f.analytics.graph.conditions),
    Measure("bundles", "Simultaneous-action bundles",
            lambda f: sum(1 for b in f.analytics.bundles if b.simultaneous)),
    Measure("steps", "Implementation steps", lambda f: len(f.analytics.order)),
    Measure("deadlocks_met", "Deadlocks met", lambda f: f.deadlocks_met),
    Measure("broken", "Commitments broken", _count_status("broken")),
    Measure("surprise_demands", "Surprise demands",
            lambda f: sum(1 for d in f.state.demands.values() if d.surprise)),
)
# fmt: on


# ---------------------------------------------------------------- the comparison


@dataclass(frozen=True)
class GroupRow:
    name: str
    save: Path
    values: dict[str, Value]  # measure key -> value
    final: dict[str, float]  # indicator key -> value at the end
    series: dict[str, tuple[float, ...]]  # key indicator -> start, then end of each round
    issues: frozenset[str]  # issues covered by its agreements


@dataclass(frozen=True)
class Difference:
    """One feature of the groups' structures, with the groups at either end."""

    key: str
    label: str
    spread: float  # (highest - lowest) / highest, 0..1; 1.0 for an issue some agreed
    highest: tuple[str, ...]  # group names
    high: Value
    lowest: tuple[str, ...]
    low: Value

    @property
    def words(self) -> str:
        if self.key.startswith("issue:"):
            return f"{self.label}: agreed by {_names(self.highest)}; not by {_names(self.lowest)}"
        return (
            f"{self.label}: most in {_names(self.highest)} ({self.high}), "
            f"fewest in {_names(self.lowest)} ({self.low})"
        )


@dataclass(frozen=True)
class Comparison:
    scenario: Scenario
    groups: tuple[GroupRow, ...]
    key_indicators: tuple[str, ...]
    measures: tuple[Measure, ...] = MEASURES
    differences: tuple[Difference, ...] = field(default=())

    @property
    def indicator_keys(self) -> tuple[str, ...]:
        return tuple(self.scenario.indicator_keys())


def _names(names: Iterable[str]) -> str:
    listed = list(names)
    return listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]


def default_key_indicators(scenario: Scenario) -> tuple[str, ...]:
    """The global indicators (at most three); failing those, the first three keys."""
    globals_ = [i.id for i in scenario.indicators if i.scope == "global"]
    return tuple(globals_[:3] or list(scenario.indicator_keys())[:3])


def check_key_indicators(scenario: Scenario, keys: Iterable[str]) -> tuple[str, ...]:
    wanted = tuple(dict.fromkeys(keys))
    known = scenario.indicator_keys()
    unknown = [k for k in wanted if k not in known]
    if unknown:
        raise ClassError(
            f"no indicator {', '.join(map(repr, unknown))} in scenario {scenario.id}; "
            f"known: {', '.join(known)}"
        )
    return wanted


def compare_groups(groups: Sequence[GroupFacts], key_indicators: Iterable[str] = ()) -> Comparison:
    """The comparison of groups already read (one scenario; see ``compare_saves``)."""
    if not groups:
        raise ClassError("nothing to compare: name at least one save")
    scenario = groups[0].scenario
    keys = check_key_indicators(scenario, key_indicators) or default_key_indicators(scenario)
    rows = tuple(
        GroupRow(
            name=g.name,
            save=g.save,
            values={m.key: m.value(g) for m in MEASURES},
            final={key: values[-1] for key, values in g.values.items()},
            series={key: tuple(g.values[key]) for key in keys},
            issues=frozenset(issues_agreed(g)),
        )
        for g in groups
    )
    return Comparison(scenario, rows, keys, MEASURES, differences(groups))


def differences(groups: Sequence[GroupFacts], limit: int = 8) -> tuple[Difference, ...]:
    """Where the groups' structures differ most, the widest spread first."""
    if len(groups) < 2:
        return ()
    found: list[Difference] = []
    for measure in STRUCTURE:
        values = [(g.name, measure.value(g)) for g in groups]
        numbers = [(n, float(v)) for n, v in values if isinstance(v, int | float)]
        if len(numbers) < 2:
            continue
        high = max(v for _, v in numbers)
        low = min(v for _, v in numbers)
        if high == low:
            continue
        spread = (high - low) / max(abs(high), abs(low))
        found.append(
            Difference(
                measure.key,
                measure.label,
                round(spread, 3),
                tuple(n for n, v in numbers if v == high),
                _plain(high),
                tuple(n for n, v in numbers if v == low),
                _plain(low),
            )
        )
    scenario = groups[0].scenario
    agreed = {g.name: issues_agreed(g) for g in groups}
    for issue in scenario.issues:
        yes = tuple(n for n, got in agreed.items() if issue.id in got)
        no = tuple(n for n, got in agreed.items() if issue.id not in got)
        if yes and no:
            balance = 1.0 - abs(len(yes) - len(no)) / len(groups)  # an even split first
            found.append(
                Difference(f"issue:{issue.id}", issue.name, round(balance, 3), yes, 1, no, 0)
            )
    found.sort(key=lambda d: (-d.spread, d.key))
    return tuple(found[:limit])


def _plain(value: float) -> Value:
    return int(value) if math.isfinite(value) and value == int(value) else round(value, 2)


def compare_saves(
    paths: Sequence[Path],
    *,
    names: dict[Path, str] | None = None,
    key_indicators: Iterable[str] = (),
) -> Comparison:
    """Open each save read-only, check they play one scenario, and compare them.

    ``names``: a group name per save path; a save not named there is named by its class
    file (in its folder), else by its file stem."""
    paths = [Path(p) for p in paths]
    if not paths:
        raise ClassError("nothing to compare: name at least one save")
    given = {Path(k).absolute(): v for k, v in (names or {}).items()}
    doubled = sorted({str(p) for p in paths if paths.count(p) > 1})
    if doubled:
        raise ClassError(f"{doubled[0]} is named twice; name each save once")
    with ExitStack() as stack:
        sessions = [stack.enter_context(Session.open(p, read_only=True)) for p in paths]
        check_same_scenario(sessions)
        facts = [read_group(s, given.get(s.path.absolute())) for s in sessions]
    _unique_names(facts)
    return compare_groups(facts, key_indicators)


def _unique_names(facts: list[GroupFacts]) -> None:
    """Two groups of one name (two folders' ``table-a.parley``) are told apart by folder."""
    seen: dict[str, int] = {}
    for g in facts:
        seen[g.name] = seen.get(g.name, 0) + 1
    for index, g in enumerate(facts):
        if seen[g.name] > 1:
            facts[index] = GroupFacts(**{**g.__dict__, "name": f"{g.name} ({g.save.parent.name})"})
