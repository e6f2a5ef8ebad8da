"""The commitment graph as files: GraphML (Gephi, yEd), DOT (Graphviz), node-link JSON.

``GRAPH_FORMATS`` maps each format name of ``export --format`` to a function
``(session_or_state, scenario, out_path)`` that writes the graph of the session's current
state (or of the given state) to ``out_path``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TypeAlias

import networkx as nx

from engine.domain.state import SessionState
from engine.graph.build import CommitmentGraph, build_graph
from engine.scenario.model import Scenario

GraphLike: TypeAlias = nx.DiGraph | CommitmentGraph

STATUS_FILL = {
    "proposed": "#eeeeee",
    "agreed": "#cfe2ff",
    "fulfilled": "#c9f2c7",
    "broken": "#f8c4c0",
    "withdrawn": "#ffffff",
}
EDGE_STYLE = {
    "gives": 'color="#555555"',
    "receives": 'color="#555555"',
    "condition": 'style=dashed, color="#b03060", label="if"',
}


class HasState(Protocol):
    """A session: anything with the current ``state`` (``engine.session.live.Session``)."""

    @property
    def state(self) -> SessionState: ...


def _graph(graph: GraphLike) -> nx.DiGraph:
    return graph.graph if isinstance(graph, CommitmentGraph) else graph


def _plain(value: Any) -> str | int | float | bool:
    """A value GraphML can hold: None becomes "", anything else not a scalar its text."""
    if value is None:
        return ""
    if isinstance(value, str | int | float | bool):
        return value
    return str(value)


def graphml_ready(graph: GraphLike) -> nx.DiGraph:
    """A copy of the graph whose every attribute is a str, int, float or bool."""
    source = _graph(graph)
    ready = nx.DiGraph(**{k: _plain(v) for k, v in source.graph.items()})
    ready.add_nodes_from((n, {k: _plain(v) for k, v in d.items()}) for n, d in source.nodes.data())
    ready.add_edges_from(
        (a, b, {k: _plain(v) for k, v in d.items()}) for a, b, d in source.edges.data()
    )
    return ready


def write_graphml(graph: GraphLike, path: str | Path) -> None:
    """GraphML that opens in Gephi and yEd and reads back with ``networkx.read_graphml``."""
    nx.write_graphml(graphml_ready(graph), str(path), encoding="utf-8")


def dot_quote(text: object) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, newlines as ``\\n``."""
    escaped = str(text).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n") + '"'


def to_dot(graph: GraphLike) -> str:
    """The graph in Graphviz's DOT language (written here: no pydot or pygraphviz needed)."""
    source = _graph(graph)
    name = source.graph.get("scenario", "commitments")
    lines = [
        f"digraph {dot_quote(name)} {{",
        "  graph [rankdir=LR];",
        '  node [fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=8];',
    ]
    for node, data in source.nodes.data():
        if data.get("kind") == "team":
            color = data.get("color") or "#dddddd"
            attrs = (
                f'shape=box, style="filled,bold", fillcolor={dot_quote(color)}, '
                f"label={dot_quote(data.get('label', node))}"
            )
        else:
            status = str(data.get("status", ""))
            label = f"{node}\n{data.get('issue', '')}\n{status}"
            style = "filled,dashed" if status == "withdrawn" else "filled"
            attrs = (
                f"shape=ellipse, style={dot_quote(style)}, "
                f"fillcolor={dot_quote(STATUS_FILL.get(status, '#ffffff'))}, "
                f"label={dot_quote(label)}, tooltip={dot_quote(data.get('text', ''))}"
            )
        lines.append(f"  {dot_quote(node)} [{attrs}];")
    for a, b, data in source.edges.data():
        style = EDGE_STYLE.get(str(data.get("kind", "")), "")
        lines.append(f"  {dot_quote(a)} -> {dot_quote(b)} [{style}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_dot(graph: GraphLike, path: str | Path) -> None:
    Path(path).write_text(to_dot(graph), encoding="utf-8")


def graph_json(graph: GraphLike) -> dict[str, Any]:
    """The graph as node-link data (``networkx.node_link_data``, edges under ``"edges"``)."""
    data: dict[str, Any] = nx.node_link_data(_graph(graph), edges="edges")
    return data


def write_graph_json(graph: GraphLike, path: str | Path) -> None:
    text = json.dumps(graph_json(graph), indent=2, ensure_ascii=False)
    Path(path).write_text(text + "\n", encoding="utf-8")


def _state_of(source: SessionState | HasState) -> SessionState:
    return source if isinstance(source, SessionState) else source.state


def _exporter(
    write: Callable[[GraphLike, str | Path], None],
) -> Callable[[SessionState | HasState, Scenario, str | Path], None]:
    def export(source: SessionState | HasState, scenario: Scenario, out_path: str | Path) -> None:
        write(build_graph(scenario, _state_of(source)), out_path)

    export.__doc__ = f"Build the commitment graph of the state and {write.__name__} it."
    return export


GRAPH_FORMATS: dict[str, Callable[[SessionState | HasState, Scenario, str | Path], None]] = {
    "graphml": _exporter(write_graphml),
    "dot": _exporter(write_dot),
    "graph-json": _exporter(write_graph_json),
}
