"""The data behind an after-action report: plain values, built from a save, no markup.

``build_report(session, viewer=..., at=...)`` gathers everything a report shows for one
viewer: Control (everything, voided entries marked, notes, rulings' reasons,
adjustments) or a team (only what ``engine.domain.visibility`` lets it see: the state through
``view_state``, the log through ``visible_events``; no notes, no bookmarks, no reasons of
rulings on other teams' moves, no other team's private brief). The HTML renderer
(``engine.report.html``) only formats what is here.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from engine.domain.events import CONTROL
from engine.domain.state import Agreement, Bookmark, Commitment, Demand, Note, SessionState
from engine.domain.visibility import PUBLIC, Viewer, view_state
from engine.errors import UnknownTeamError
from engine.graph.report import analyze
from engine.graph.results import AnalyticsReport
from engine.graph.story import Story, session_story
from engine.report.series import (
    Chart,
    PairMatrix,
    indicator_charts,
    pair_matrices,
    values_by_round,
)
from engine.report.teams import TeamPage, team_pages
from engine.report.timeline import Entry, RoundSection, Words, timeline
from engine.scenario.model import Scenario
from engine.session.live import Session


@dataclass(frozen=True)
class Ruling:
    move: str
    round: int
    team: str
    move_type: str  # its name
    tone: int
    text: str
    outcome: str
    method: str
    reason: str  # "" when the viewer may not know it
    effects: str
    roll: int | None
    public: bool


@dataclass(frozen=True)
class FiredInjectInfo:
    inject: str
    round: int
    title: str
    text: str
    audience: tuple[str, ...] | None  # None: public


@dataclass(frozen=True)
class ReportData:
    scenario: Scenario
    viewer: Viewer
    viewer_name: str
    save_name: str
    created: str
    generated: str
    seq: int
    last_seq: int
    round: int
    state: SessionState  # as the viewer could know it
    timeline: tuple[RoundSection, ...]
    charts: tuple[Chart, ...]
    pairs: tuple[PairMatrix, ...]
    analytics: AnalyticsReport
    story: Story  # the session round by round, deadlocks over time
    rulings: tuple[Ruling, ...]
    adjustments: tuple[Entry, ...]
    injects: tuple[FiredInjectInfo, ...]
    agreements: tuple[Agreement, ...]
    commitments: tuple[Commitment, ...]
    open_demands: tuple[Demand, ...]
    notes: tuple[Note, ...]
    bookmarks: tuple[Bookmark, ...]
    teams: tuple[TeamPage, ...]

    @property
    def for_control(self) -> bool:
        return self.viewer == CONTROL

    def team_name(self, team_id: str) -> str:
        found = self.scenario.team(team_id)
        return found.name if found else team_id

    def team_color(self, team_id: str) -> str:
        found = self.scenario.team(team_id)
        return found.color if found else "#7f7f7f"


def check_viewer(scenario: Scenario, viewer: str) -> None:
    """Refuse a viewer that is neither Control, the room, nor a team of the scenario."""
    if viewer in (CONTROL, PUBLIC) or scenario.team(viewer) is not None:
        return
    known = ", ".join(scenario.team_ids)
    raise UnknownTeamError(f"no team {viewer!r} in scenario {scenario.id}; teams: {known}")


def viewer_name(scenario: Scenario, viewer: Viewer) -> str:
    if viewer == CONTROL:
        return "Control"
    if viewer == PUBLIC:
        return "the room (public)"
    found = scenario.team(viewer)
    return found.name if found else viewer


def build_report(
    session: Session, *, viewer: Viewer = CONTROL, at: int | None = None
) -> ReportData:
    """Everything a report shows for ``viewer``, at event ``at`` (default: the last)."""
    scenario = session.scenario
    check_viewer(scenario, viewer)
    full = session.state if at is None else session.state_at(at)
    seq = full.seq if at is None else at
    envelopes = session.events(1, seq + 1)
    sections = timeline(scenario, envelopes, full, viewer)
    state = view_state(full, viewer, scenario)
    table = values_by_round(scenario, state)
    analytics = analyze(scenario, full, viewer=viewer)
    story = session_story(session, viewer, upto=seq)
    types = {m.id: m.name for m in scenario.move_types}
    words = Words(scenario)
    rulings = tuple(
        Ruling(
            m.id,
            m.round,
            m.team,
            types.get(m.move_type, m.move_type),
            m.tone,
            m.text,
            m.outcome,
            m.method or "",
            m.reason,
            words.effects(m.effects),
            m.roll,
            m.public,
        )
        for m in sorted(state.moves.values(), key=lambda m: m.adjudicated_seq or m.seq)
        if m.outcome is not None
    )
    adjustments = tuple(
        e for s in sections for e in s.entries if e.kind == "indicator" and not e.voided
    )
    injects = []
    for fired in state.injects:
        inject = scenario.inject(fired.inject)
        if inject is not None:
            injects.append(
                FiredInjectInfo(
                    inject.id, fired.round, inject.title, inject.text, inject.visibility
                )
            )
    meta = session.meta
    return ReportData(
        scenario=scenario,
        story=story,
        viewer=viewer,
        viewer_name=viewer_name(scenario, viewer),
        save_name=session.path.name,
        created=meta.get("created", ""),
        generated=_dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        seq=seq,
        last_seq=session.last_seq,
        round=state.round,
        state=state,
        timeline=sections,
        charts=indicator_charts(scenario, state, table),
        pairs=pair_matrices(scenario, state),
        analytics=analytics,
        rulings=rulings,
        adjustments=adjustments if viewer == CONTROL else (),
        injects=tuple(injects),
        agreements=tuple(sorted(state.agreements.values(), key=lambda a: a.seq)),
        commitments=tuple(sorted(state.commitments.values(), key=lambda c: c.seq)),
        open_demands=tuple(
            sorted((d for d in state.demands.values() if d.status == "open"), key=lambda d: d.seq)
        ),
        notes=tuple(state.notes),
        bookmarks=tuple(state.bookmarks),
        teams=team_pages(scenario, state, analytics, viewer, table),
    )
