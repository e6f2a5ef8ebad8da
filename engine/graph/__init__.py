"""The commitment graph (networkx) and what the engine reads from it.

``CommitmentGraph`` keeps the graph in step with a state; ``analyze`` gives every analytic
as one ``AnalyticsReport`` of plain data; ``export`` writes GraphML, DOT and node-link
JSON. networkx is imported only when something that needs it is first used, so that the
result types (``engine.graph.results``) stay cheap to import. Definitions:
``docs/analytics.md``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from engine.graph.build import CommitmentGraph, build_graph
    from engine.graph.export import GRAPH_FORMATS, graph_json, to_dot, write_dot, write_graphml
    from engine.graph.report import analyze

_WHERE = {
    "analyze": "engine.graph.report",
    "CommitmentGraph": "engine.graph.build",
    "build_graph": "engine.graph.build",
    "GRAPH_FORMATS": "engine.graph.export",
    "graph_json": "engine.graph.export",
    "to_dot": "engine.graph.export",
    "write_dot": "engine.graph.export",
    "write_graphml": "engine.graph.export",
}

__all__ = [
    "GRAPH_FORMATS",
    "CommitmentGraph",
    "analyze",
    "build_graph",
    "graph_json",
    "to_dot",
    "write_dot",
    "write_graphml",
]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'engine.graph' has no attribute {name!r}")
