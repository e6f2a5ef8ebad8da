"""An ``AnalyticsReport`` as text for a terminal (what ``analyze`` prints without --json)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from engine.graph.results import AnalyticsReport
from engine.scenario.model import Scenario

if TYPE_CHECKING:
    from engine.domain.state import SessionState


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _share(value: float) -> str:
    """A reciprocity count: whole numbers as they are, shares to two decimals."""
    return f"{value:g}" if float(value).is_integer() else f"{value:.2f}"


def _ids(ids: Iterable[str], said: Callable[[str], str] = str) -> str:
    joined = ", ".join(said(i) for i in ids)
    return joined or "-"


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    return [
        "  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]


def render_text(
    report: AnalyticsReport, scenario: Scenario, state: SessionState | None = None
) -> str:
    """A readable report: one section per analytic; tables name teams by id (legend on top);
    with ``state``, records as people say them ("Commitment 4 (c17)"), the id beside."""
    from engine.domain.words import Words

    words = Words(scenario, state)

    def said(record_id: str) -> str:
        name = words.record(record_id)
        return record_id if name == record_id else f"{name} ({record_id})"

    def ids(found: Iterable[str]) -> str:
        return _ids(found, said)

    def name(team: str) -> str:
        found = scenario.team(team)
        return found.name if found else team

    def issue(issue_id: str) -> str:
        found = scenario.issue(issue_id)
        return found.name if found else issue_id

    g = report.graph
    out = [
        f"{scenario.title}: analytics at event {report.seq}, round {report.round}"
        + ("" if report.viewer == "control" else f" (as seen by {report.viewer})"),
        f"{g.commitments} commitments ({g.open} open) among {g.teams} teams; "
        f"{g.conditional} take part in {g.conditions} conditions.",
        "Teams: " + ", ".join(f"{t.id} = {t.name}" for t in scenario.teams),
        "",
        "Deadlocks (a cycle with a member only proposed) and stalls (all agreed, some past due)",
    ]
    if not report.deadlocks:
        out.append("  none")
    for deadlock, unlocks in zip(report.deadlocks, report.unlocking, strict=True):
        teams = ", ".join(name(t) for t in deadlock.teams)
        word = "deadlock" if deadlock.kind == "unagreed" else "stall"
        out.append(
            f"  {word} {ids(deadlock.commitments)}  ({teams}); also blocked: "
            f"{ids(deadlock.blocked)}"
        )
        if deadlock.kind == "stall":
            late = ", ".join(name(t) for t in deadlock.late_teams)
            out.append(f"    past due: {ids(deadlock.past_due)} ({late})")
        out.append(f"    {unlocks.advice}")
        best = "; ".join(f"{said(u.commitment)} releases {u.releases}" for u in unlocks.ranking[:5])
        if len(unlocks.ranking) > 5:
            best += f"; ... ({len(unlocks.ranking) - 5} more)"
        out.append(f"    unlock by carrying out first: {best}")
    out += ["", "Implementation order (bundles carried out together, step by step)"]
    if not report.order:
        out.append("  no conditional commitments")
    bundles = {b.id: b for b in report.bundles}
    for step in report.order:
        parts = []
        for bundle_id in step.bundles:
            bundle = bundles[bundle_id]
            text = " + ".join((*map(said, bundle.commitments), *map(said, bundle.demands)))
            parts.append(f"[{text}]" if bundle.simultaneous else text)
            if bundle.done:
                parts[-1] += " (done)"
        out.append(f"  step {step.number}: {'  '.join(parts)}")
    out += ["", "Reciprocity (commitments given / received: tangible+intangible, fulfilled)"]
    out += (
        _table(
            ("team", "partner", "given", "given kept", "received", "received kept"),
            [
                (
                    r.team,
                    r.partner,
                    f"{_share(r.given.tangible)}+{_share(r.given.intangible)}",
                    f"{_share(r.given.tangible_fulfilled)}+{_share(r.given.intangible_fulfilled)}",
                    f"{_share(r.received.tangible)}+{_share(r.received.intangible)}",
                    f"{_share(r.received.tangible_fulfilled)}+"
                    f"{_share(r.received.intangible_fulfilled)}",
                )
                for r in report.reciprocity
            ],
        )
        if report.reciprocity
        else ["  no commitments"]
    )
    out += ["", "Credibility (kept / broken, cumulative by round; kept = verified + unverified)"]
    out += _table(
        (
            "team",
            "kept",
            "verified",
            "unverified",
            "broken",
            "suspended in response",
            "open",
            "score",
            "by round",
        ),
        [
            (
                c.team,
                str(c.kept),
                str(c.kept_verified),
                str(c.kept_unverified),
                str(c.broken),
                str(c.suspended_in_response),
                str(c.open),
                _pct(c.score),
                " ".join(f"{p.round}:{_pct(p.score)}" for p in c.series),
            )
            for c in report.credibility
        ],
    )
    out += ["", "Preparedness (demands tabled at summits; surprises never raised at working level)"]
    out += _table(
        ("team", "at summits", "surprises", "prepared", "surprise demands"),
        [
            (p.team, str(p.summit_demands), str(p.surprises), _pct(p.prepared),
             ids(p.surprise_demands))
            for p in report.preparedness
        ],
    )  # fmt: skip
    out += ["", "Rhetoric volatility (mean tone of public moves by round)"]
    out += _table(
        ("team", "mean change", "max change", "swings", "tone by round"),
        [
            (
                v.team,
                _num(v.mean_change),
                _num(v.max_change),
                f"{v.swings}/{v.changes} ({_pct(v.swing_rate)})",
                " ".join(f"{t.round}:{t.mean_tone:+.1f}" for t in v.rounds),
            )
            for v in report.volatility
        ],
    )
    out += ["", "Alignment (pairs acting together in a round)"]
    if not report.alignment:
        out.append("  none")
    for a in report.alignment:
        what = [f"signed {ids(a.agreements)}"] if a.agreements else []
        what += [f"both asked {name(t)} for {issue(i)}" for t, i in a.demands]
        out.append(f"  round {a.round}: {name(a.team_a)} & {name(a.team_b)}: {'; '.join(what)}")
    return "\n".join(out) + "\n"
