"""The graph's analytics as readable tables: what the engine's ``AnalyticsReport`` says."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from engine.domain.state import SessionState
from engine.domain.words import Words
from engine.graph.results import AnalyticsReport
from engine.scenario.model import Scenario
from ui import theme
from ui.i18n import translate


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]], empty: str) -> str:
    if not rows:
        return f"<p style='color:{theme.MUTED}'>{empty}</p>"
    head = "".join(f"<th align='left' style='color:{theme.MUTED}'>{h}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table cellpadding='4' cellspacing='0'><tr>{head}</tr>{body}</table>"


def analytics_html(
    report: AnalyticsReport, scenario: Scenario, state: SessionState | None = None
) -> str:
    """The report as tables; records are named as people say them ("Commitment 4") when
    ``state`` (the state the report reads) is given, else by their ids."""
    names = Words(scenario, state)

    def records(ids: Iterable[str]) -> str:
        return escape(names.records(ids))

    def team(team_id: str) -> str:
        t = scenario.team(team_id)
        if t is None:
            return escape(team_id)
        return f"<span style='color:{t.color}'>&#9632;</span>&nbsp;{escape(t.name)}"

    g = report.graph
    parts = [
        translate(
            "ui.panels.analytics",
            "<h2>Analytics</h2><p style='color:{0}'>At event {1}, round {2}: {3} commitments "
            "({4} open) among {5} teams; {6} take part in {7} conditions.</p>",
        ).format(
            theme.MUTED,
            report.seq,
            report.round,
            g.commitments,
            g.open,
            g.teams,
            g.conditional,
            g.conditions,
        ),
        translate("ui.panels.analytics", "<h3 style='color:{0}'>Deadlocks and stalls</h3>").format(
            theme.DEADLOCK
        ),
        _table(
            (
                translate("ui.panels.analytics", "Waiting on each other"),
                translate("ui.panels.analytics", "Kind"),
                translate("ui.panels.analytics", "Teams"),
                translate("ui.panels.analytics", "Also blocked"),
                translate("ui.panels.analytics", "What would unlock it"),
            ),
            [
                (
                    f"<b>{records(d.commitments)}</b>",
                    "deadlock" if d.kind == "unagreed" else "stall",
                    ", ".join(team(t) for t in d.teams),
                    records(d.blocked) or "—",
                    escape(un.advice),
                )
                for d, un in zip(report.deadlocks, report.unlocking, strict=False)
            ],
            translate(
                "ui.panels.analytics",
                "No deadlock or stall: no open commitments wait on each other without moving.",
            ),
        ),
        translate("ui.panels.analytics", "<h3>Implementation order</h3>"),
        _table(
            (
                translate("ui.panels.analytics", "Step"),
                translate("ui.panels.analytics", "Carry out"),
                translate("ui.panels.analytics", "Bundles"),
            ),
            [
                (
                    str(step.number),
                    records(step.commitments),
                    escape(
                        ", ".join(
                            f"#{b}" + (" (together)" if report.bundles[b - 1].simultaneous else "")
                            for b in step.bundles
                            if 0 < b <= len(report.bundles)
                        )
                    ),
                )
                for step in report.order
            ],
            translate("ui.panels.analytics", "No conditional commitments yet."),
        ),
        translate("ui.panels.analytics", "<h3>Credibility: commitments kept and broken</h3>"),
        _table(
            (
                translate("ui.panels.analytics", "Team"),
                translate("ui.panels.analytics", "Kept"),
                translate("ui.panels.analytics", "Verified"),
                translate("ui.panels.analytics", "Broken"),
                translate("ui.panels.analytics", "Answering a breach"),
                translate("ui.panels.analytics", "Open"),
                translate("ui.panels.analytics", "Score"),
            ),
            [
                (
                    team(c.team),
                    str(c.kept),
                    str(c.kept_verified),
                    str(c.broken),
                    str(c.suspended_in_response),
                    str(c.open),
                    _pct(c.score),
                )
                for c in report.credibility
            ],
            translate("ui.panels.analytics", "No team has made a commitment yet."),
        ),
        translate("ui.panels.analytics", "<h3>Reciprocity: what each team gave and received</h3>"),
        _table(
            (
                translate("ui.panels.analytics", "Team"),
                translate("ui.panels.analytics", "Partner"),
                translate("ui.panels.analytics", "Gave (tangible / intangible)"),
                translate("ui.panels.analytics", "Received (tangible / intangible)"),
            ),
            [
                (
                    team(r.team),
                    team(r.partner),
                    f"{r.given.tangible} / {r.given.intangible}",
                    f"{r.received.tangible} / {r.received.intangible}",
                )
                for r in report.reciprocity
                if r.given.total or r.received.total
            ],
            translate("ui.panels.analytics", "Nothing given or received yet."),
        ),
        translate("ui.panels.analytics", "<h3>Preparedness: surprise demands at summits</h3>"),
        _table(
            (
                translate("ui.panels.analytics", "Team"),
                translate("ui.panels.analytics", "Summit demands"),
                translate("ui.panels.analytics", "Surprises"),
                translate("ui.panels.analytics", "Prepared"),
            ),
            [
                (team(p.team), str(p.summit_demands), str(p.surprises), _pct(p.prepared))
                for p in report.preparedness
                if p.summit_demands
            ],
            translate("ui.panels.analytics", "No demand tabled at a summit yet."),
        ),
        translate("ui.panels.analytics", "<h3>Rhetoric volatility</h3>"),
        _table(
            (
                translate("ui.panels.analytics", "Team"),
                translate("ui.panels.analytics", "Rounds"),
                translate("ui.panels.analytics", "Mean swing"),
                translate("ui.panels.analytics", "Largest"),
                translate("ui.panels.analytics", "Sign flips and big swings"),
            ),
            [
                (
                    team(v.team),
                    str(len(v.rounds)),
                    _num(v.mean_change),
                    _num(v.max_change),
                    f"{v.swings} of {v.changes}",
                )
                for v in report.volatility
                if v.rounds
            ],
            translate("ui.panels.analytics", "No public moves yet."),
        ),
        translate("ui.panels.analytics", "<h3>Alignment: teams acting together</h3>"),
        _table(
            (
                translate("ui.panels.analytics", "Round"),
                translate("ui.panels.analytics", "Teams"),
                translate("ui.panels.analytics", "Agreements"),
                translate("ui.panels.analytics", "Shared demands"),
            ),
            [
                (
                    str(a.round),
                    f"{team(a.team_a)} + {team(a.team_b)}",
                    records(a.agreements) or "—",
                    str(len(a.demands)),
                )
                for a in sorted(report.alignment, key=lambda a: -a.score)[:12]
            ],
            translate("ui.panels.analytics", "No two teams have acted together yet."),
        ),
    ]
    return "".join(parts)
