"""Every analytic of a state in one report (``AnalyticsReport``): what ``analyze`` prints."""

from __future__ import annotations

from engine.domain.events import CONTROL
from engine.domain.state import SessionState
from engine.domain.visibility import Viewer, view_state
from engine.graph.build import CommitmentGraph
from engine.graph.conduct import alignment, preparedness, volatility
from engine.graph.reciprocity import credibility, reciprocity
from engine.graph.results import AnalyticsReport, GraphSummary
from engine.graph.structure import deadlocks, implementation_plan, unlocking
from engine.scenario.model import Scenario


def analyze(
    scenario: Scenario,
    state: SessionState,
    *,
    graph: CommitmentGraph | None = None,
    viewer: Viewer = CONTROL,
) -> AnalyticsReport:
    """All analytics of ``state``.

    ``graph``: a commitment graph kept by the caller for this scenario and viewer; it is
    synced to the state (cheap when little changed) instead of being built afresh.
    ``viewer``: ``CONTROL`` (everything), ``"public"`` or a team id: only the records that
    viewer may see are counted (``engine.domain.visibility.view_state``).
    """
    if viewer != CONTROL:
        state = view_state(state, viewer, scenario)
    if graph is None:
        graph = CommitmentGraph(scenario)
    graph.sync(state)
    conditions = graph.conditions
    found = deadlocks(conditions, state, scenario)
    bundles, order = implementation_plan(conditions, state)
    summary = GraphSummary(
        teams=sum(1 for _, kind in graph.graph.nodes(data="kind") if kind == "team"),
        commitments=len(state.commitments),
        conditional=sum(len(b.commitments) for b in bundles),
        conditions=conditions.number_of_edges(),
        open=sum(1 for c in state.commitments.values() if c.open),
    )
    return AnalyticsReport(
        scenario=scenario.id,
        seq=state.seq,
        round=state.round,
        viewer=viewer,
        graph=summary,
        deadlocks=found,
        unlocking=unlocking(conditions, state, found),
        bundles=bundles,
        order=order,
        reciprocity=reciprocity(scenario, state),
        credibility=credibility(scenario, state),
        preparedness=preparedness(scenario, state),
        volatility=volatility(scenario, state),
        alignment=alignment(scenario, state),
    )
