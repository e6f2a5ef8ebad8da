"""What happened: the session told in sentences a student reads, for the report's opening.

``what_happened(data)`` reads the report's data (the state as the viewer could know it,
the story round by round, the analytics) and says: which deals were struck, in what
shape (a big deal, or steps), and what came of their commitments; which were missed
(proposals refused, withdrawn or left on the table, demands unanswered); what stalled,
from when, and what would have unlocked it; who kept their word; and the turning points
(the largest indicator swings, surprise demands at summits, breaches).

Each sentence is plain text naming records as people say them ("Commitment 4", never
``c21``); the HTML escapes it. Nothing here is computed that the analytics do not give:
the unlocking advice is ``engine.graph``'s, its ids put in words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from engine.domain.state import Agreement, Commitment, SessionState, record_label
from engine.graph.results import Credibility, Deadlock, DeadlockUnlocks
from engine.graph.story import DeadlockSpan, Story
from engine.report.series import values_by_round
from engine.scenario.model import Scenario

SHAPES = {
    "big_deal": "a big deal: the core issues settled at once",
    "step": "a step: one phase of a sequence",
    "joint_statement": "a joint statement: words, not deeds",
}
FATE = {
    "proposed": "never agreed",
    "agreed": "agreed, not yet carried out",
    "suspended": "suspended",
    "fulfilled": "kept",
    "broken": "broken",
    "withdrawn": "withdrawn",
    "refused": "refused",
}
_ID = re.compile(r"\b[mdca]\d+\b")
DEALS = 12  # agreements told one by one; the rest are counted
TURNS = 20  # turning points told


@dataclass(frozen=True)
class Paragraph:
    """A heading's worth: a lead sentence and the points under it."""

    title: str
    lead: str
    points: tuple[str, ...] = ()


@dataclass(frozen=True)
class WhatHappened:
    summary: str
    parts: tuple[Paragraph, ...]


class Teller:
    """Names of teams, issues and records for one scenario and state."""

    def __init__(self, scenario: Scenario, state: SessionState) -> None:
        self.scenario, self.state = scenario, state
        self.issues = {i.id: i.name for i in scenario.issues}

    def team(self, team_id: str) -> str:
        if team_id == "control":
            return "Control"
        found = self.scenario.team(team_id)
        return found.name if found else team_id

    def teams(self, team_ids: Iterable[str]) -> str:
        return listed([self.team(t) for t in team_ids])

    def record(self, record_id: str) -> str:
        for records in (
            self.state.commitments,
            self.state.demands,
            self.state.agreements,
            self.state.moves,
        ):
            found = records.get(record_id)
            if found is not None:
                return record_label(record_id, found.number)
        return record_id

    def records(self, ids: Iterable[str]) -> str:
        return listed([self.record(i) for i in ids])

    def words(self, text: str) -> str:
        """``text`` with every record id in it said as a name ("c21" -> "Commitment 4")."""
        return _ID.sub(lambda m: self.record(m.group(0)), text)

    def issue(self, issue_id: str) -> str:
        return self.issues.get(issue_id, issue_id)

    def commitment(self, c: Commitment) -> str:
        """ "Commitment 4 (China to Japan, on inspections)"."""
        return (
            f"{self.record(c.id)} ({self.teams(c.givers)} to {self.teams(c.receivers)}, "
            f"on {self.issue(c.issue)})"
        )


def listed(items: list[str]) -> str:
    if not items:
        return "nobody"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def what_happened(
    scenario: Scenario,
    state: SessionState,
    story: Story,
    deadlocks: tuple[Deadlock, ...],
    unlocking: tuple[DeadlockUnlocks, ...],
    credibility: Iterable[Credibility],
) -> WhatHappened:
    tell = Teller(scenario, state)
    commitments = sorted(state.commitments.values(), key=lambda c: c.seq)
    agreements = sorted(state.agreements.values(), key=lambda a: a.seq)
    signed = [c for c in commitments if c.agreement]
    kept = sum(1 for c in signed if c.status == "fulfilled")
    broken = sum(1 for c in signed if c.status == "broken")
    played = f"{plural(state.round, 'round')} of {len(scenario.rounds)} played"
    if agreements:
        deals = (
            f"the teams signed {plural(len(agreements), 'agreement')} holding "
            f"{plural(len(signed), 'commitment')}: {kept} kept, {broken} broken, "
            f"{len(signed) - kept - broken} still to be carried out at the end"
        )
    else:
        deals = "no agreement was signed"
    standing = sum(1 for d in story.deadlocks if d.ended is None)
    stalled = (
        f"; {plural(standing, 'deadlock')} still stood when the session ended"
        if standing
        else "; no deadlock stood at the end"
    )
    summary = f"{played.capitalize()}: {deals}{stalled}."
    parts = (
        _deals(tell, agreements),
        _missed(tell, commitments, state),
        _stalls(tell, story, deadlocks, unlocking),
        _word(tell, credibility),
        _turning_points(tell, scenario, state, story),
    )
    return WhatHappened(summary, tuple(p for p in parts if p is not None))


def _deals(tell: Teller, agreements: list[Agreement]) -> Paragraph:
    if not agreements:
        return Paragraph("Deals struck", "No deal was struck: no agreement was signed.")
    shapes = [a.shape for a in agreements if a.shape]
    big = shapes.count("big_deal")
    steps = shapes.count("step")
    if big and not steps:
        how = "The teams went for the big deal."
    elif steps and not big:
        how = "The teams went step by step: each agreement a phase of the next."
    elif big and steps:
        how = f"The teams tried both: {plural(big, 'big deal')} and {plural(steps, 'step')}."
    else:
        how = "No agreement was given a shape (big deal or step)."
    points = []
    for a in agreements[:DEALS]:
        shape = SHAPES.get(a.shape or "", "")
        after = f", after {tell.record(a.follows)}" if a.follows else ""
        fates = []
        for key in a.commitments:
            c = tell.state.commitments.get(key)
            if c is not None:
                fates.append(f"{tell.commitment(c)} {FATE.get(c.status, c.status)}")
        who = tell.teams(a.signatories or a.teams)
        points.append(
            f"Round {a.round}: {tell.record(a.id)}, “{a.title or a.id}”"
            + (f", {shape}{after}" if shape else after)
            + f". Signed by {who}. "
            + ("; ".join(fates) + "." if fates else "")
        )
    if len(agreements) > DEALS:
        points.append(f"And {len(agreements) - DEALS} more agreements.")
    return Paragraph("Deals struck", how, tuple(points))


def _missed(tell: Teller, commitments: list[Commitment], state: SessionState) -> Paragraph:
    refused = [c for c in commitments if c.status == "refused"]
    withdrawn = [c for c in commitments if c.status == "withdrawn"]
    waiting = [c for c in commitments if c.status == "proposed"]
    unanswered = [d for d in state.demands.values() if d.status == "open"]
    refused_demands = [d for d in state.demands.values() if d.status == "refused"]
    lead = (
        f"{plural(len(refused), 'proposal')} refused, {len(withdrawn)} withdrawn, "
        f"{len(waiting)} still on the table, never agreed; "
        f"{plural(len(unanswered), 'demand')} left unanswered and {len(refused_demands)} refused."
    )
    points = []
    for label, group in (
        ("Refused", refused),
        ("Withdrawn", withdrawn),
        ("Left on the table", waiting),
    ):
        if group:
            shown = [tell.commitment(c) for c in group[:6]]
            more = f" and {len(group) - 6} more" if len(group) > 6 else ""
            points.append(f"{label}: {'; '.join(shown)}{more}.")
    return Paragraph("Deals missed", lead, tuple(points))


def _stalls(
    tell: Teller,
    story: Story,
    deadlocks: tuple[Deadlock, ...],
    unlocking: tuple[DeadlockUnlocks, ...],
) -> Paragraph:
    if not story.deadlocks and not deadlocks:
        return Paragraph(
            "What stalled",
            "Nothing stalled: no commitments were left waiting on each other.",
        )
    advice = {u.deadlock: u for u in unlocking}
    kinds = {d.commitments: d for d in deadlocks}
    points = []
    for span in story.deadlocks:
        points.append(_stall(tell, span, kinds.get(span.commitments), advice.get(span.commitments)))
    lead = (
        f"{plural(len(story.deadlocks), 'deadlock')} over the session: commitments that "
        "waited on each other so that none could go first."
    )
    return Paragraph("What stalled, and what would have unlocked it", lead, tuple(points))


def _stall(
    tell: Teller, span: DeadlockSpan, deadlock: Deadlock | None, unlocks: DeadlockUnlocks | None
) -> str:
    members = tell.records(span.commitments)
    between = tell.teams(span.teams)
    if span.ended is None:
        when = f"from round {span.began} to the end"
    else:
        when = f"from round {span.began} until round {span.ended} ({tell.words(span.outcome)})"
    sentence = f"{members}, between {between}, waited on each other {when}."
    if deadlock is not None:
        if deadlock.kind == "stall":
            late = tell.teams(deadlock.late_teams)
            sentence += f" All were agreed, but {late} went past the due round and none moved."
        else:
            sentence += " Not every part was agreed, so nobody had promised to move together."
    if unlocks is not None and span.ended is None:
        sentence += " What would have unlocked it: " + _unlock(tell, unlocks)
    return sentence


def _unlock(tell: Teller, unlocks: DeadlockUnlocks) -> str:
    options = []
    if unlocks.agree:
        options.append(
            f"agreeing {tell.records(unlocks.agree)}, to be carried out together with the rest"
        )
    for u in unlocks.ranking[:2]:
        c = tell.state.commitments.get(u.commitment)
        who = tell.teams(c.givers) if c is not None else ""
        released = f", which would release {tell.records(u.released)}" if u.released else ""
        options.append(
            f"{who} carrying out {tell.record(u.commitment)} first, without waiting{released}"
        )
    if not options:
        return tell.words(unlocks.advice) or "changing the conditions."
    return "; or ".join(options) + "."


def _word(tell: Teller, credibility: Iterable[Credibility]) -> Paragraph:
    rows = list(credibility)
    if not rows:
        return Paragraph("Who kept their word", "Nobody made a commitment.")
    points = []
    unsettled = []
    for row in rows:
        team, k, b = row.team, row.kept, row.broken
        verified, answering, still = row.kept_verified, row.suspended_in_response, row.open
        if k + b == 0:
            unsettled.append(f"{tell.team(team)} ({still} open)")
            continue
        line = f"{tell.team(team)} kept {k} of {k + b} settled commitments"
        if k:
            line += f" ({verified} verified)"
        if b:
            line += f" and broke {b}"
        if answering:
            line += f"; {answering} suspended in answer to another's breach (not a breach)"
        points.append(line + f"; {still} still open.")
    if unsettled:
        points.append(f"Nothing settled yet: {listed(unsettled)}.")
    scored = [(r.score, r.kept, r.team) for r in rows if r.score is not None]
    lead = "Credibility: the share of a team's settled commitments that it kept."
    if scored:
        lead += f" Most reliable: {tell.team(max(scored)[2])}."
    return Paragraph("Who kept their word", lead, tuple(points))


def _turning_points(
    tell: Teller, scenario: Scenario, state: SessionState, story: Story
) -> Paragraph:
    points: list[tuple[int, str]] = []
    table = values_by_round(scenario, state)
    keys = scenario.indicator_keys()
    swings = []
    for key, values in table.items():
        ind = keys.get(key)
        if ind is None:
            continue
        span = (ind.max - ind.min) or 1
        for r in range(1, len(values)):
            delta = values[r] - values[r - 1]
            if delta:
                swings.append((abs(delta) / span, r, key, values[r - 1], values[r]))
    swings.sort(key=lambda s: (-s[0], s[1]))
    for _share, r, key, before, after in swings[:3]:
        verb = "rose" if after > before else "fell"
        points.append(
            (r, f"Round {r}: {scenario.value_name(key)} {verb} from {before:g} to {after:g}.")
        )
    surprises: dict[tuple[int, str, str], list[str]] = {}
    for d in sorted(state.demands.values(), key=lambda d: d.seq):
        if d.surprise:
            surprises.setdefault((d.round, d.from_team, d.to_team), []).append(tell.issue(d.issue))
    for (r, by, of), issues in surprises.items():
        many = plural(len(issues), "surprise demand")
        points.append(
            (
                r,
                f"Round {r}: {tell.team(by)} sprang {many} on {tell.team(of)} at the summit "
                f"({listed(issues)}), never raised at the working level.",
            )
        )
    for told in story.rounds:
        for key in told.broken:
            c = state.commitments.get(key)
            if c is not None:
                points.append(
                    (
                        told.round,
                        f"Round {told.round}: {tell.teams(c.givers)} broke {tell.commitment(c)}.",
                    )
                )
    if not points:
        return Paragraph(
            "Turning points", "No indicator moved, no demand surprised, nothing broke."
        )
    points.sort(key=lambda p: p[0])
    if len(points) > TURNS:
        left = len(points) - TURNS
        points = [*points[:TURNS], (0, f"And {left} more breaches and surprise demands.")]
    lead = "The largest indicator swings, the surprise demands at summits, and the breaches."
    return Paragraph("Turning points", lead, tuple(text for _, text in points))
