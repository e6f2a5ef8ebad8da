"""The report's "Round by round": the session told over time (``engine.graph.story``).

For each round: what was tabled, agreed, carried out, broken and withdrawn, the
agreements signed, and the deadlocks that began or ended, with how they ended. The end
state alone cannot tell a deadlock of rounds 1-2 that was broken off in round 3.
"""

from __future__ import annotations

from engine.graph.story import DeadlockSpan, RoundStory
from engine.report.data import ReportData
from engine.report.html_parts import Names, esc, record_name

ITEMS = 10  # the commitments named in one line; the rest are counted


def render(data: ReportData, names: Names) -> str:
    story = data.story
    if not story.rounds:
        return '<p class="muted">No round was played.</p>'
    met, resolved = story.deadlocks_met, story.deadlocks_resolved
    lead = (
        f"<p>{met} deadlock{'s' if met != 1 else ''} over the session; "
        f"{resolved} resolved or broken off, {met - resolved} still open at the end.</p>"
        if met
        else "<p>No deadlock at the end of any round.</p>"
    )
    return lead + "".join(_round(r, data, names) for r in story.rounds)


def _round(r: RoundStory, data: ReportData, names: Names) -> str:
    lines: list[str] = []
    if r.demands_tabled or r.commitments_proposed:
        lines.append(
            f"Tabled: {_count(len(r.demands_tabled), 'demand')}, "
            f"{_count(len(r.commitments_proposed), 'proposed commitment')}."
        )
    for keys, verb in (
        (r.agreed, "Agreed"),
        (r.fulfilled, "Carried out"),
        (r.broken, "Broken"),
        (r.withdrawn, "Withdrawn"),
    ):
        if keys:
            told = "; ".join(_commitment(k, data, names) for k in keys[:ITEMS])
            more = f"; and {len(keys) - ITEMS} more" if len(keys) > ITEMS else ""
            lines.append(f"{verb}: {told}{more}.")
    if len(r.agreements) > ITEMS:
        lines.append(f"{len(r.agreements)} agreements signed.")
    for key in r.agreements if len(r.agreements) <= ITEMS else ():
        agreement = data.state.agreements.get(key)
        if agreement is not None:
            lines.append(f"Agreement signed: <b>{esc(agreement.title or key)}</b>.")
    for span in r.deadlocks_began:
        lines.append("Deadlock began: " + _deadlock(span, data, names) + ".")
    for span in r.deadlocks_ended:
        lines.append(f"Deadlock {_records(span.commitments, data)} {esc(span.outcome)}.")
    if not lines:
        lines.append('<span class="muted">Nothing was tabled, agreed or broken.</span>')
    items = "".join(f"<li>{line}</li>" for line in lines)
    title = f"Round {r.round}" + (f": {esc(r.title)}" if r.title else "")
    open_now = (
        f' <span class="muted">({r.deadlocks_open} deadlock'
        f"{'s' if r.deadlocks_open != 1 else ''} standing at its end)</span>"
        if r.deadlocks_open
        else ""
    )
    return f"<h3>{title}{open_now}</h3><ul>{items}</ul>"


def _commitment(key: str, data: ReportData, names: Names) -> str:
    c = data.state.commitments.get(key)
    if c is None:
        return esc(key)
    name = record_name(data.state, key)
    return f"{name} ({names.tags(c.givers)} → {names.tags(c.receivers)}, {names.issue(c.issue)})"


def _records(keys: tuple[str, ...], data: ReportData) -> str:
    return ", ".join(record_name(data.state, k) for k in keys)


def _deadlock(span: DeadlockSpan, data: ReportData, names: Names) -> str:
    who = ", ".join(names.team(t) for t in span.teams)
    until = (
        f"until round {span.ended}: {esc(span.outcome)}"
        if span.ended is not None
        else "still open at the end"
    )
    return f"{_records(span.commitments, data)} between {who}, {until}"


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"
