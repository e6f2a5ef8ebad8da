"""The commitment graph as files: GraphML (Gephi, yEd), DOT (Graphviz), node-link JSON.

``GRAPH_FORMATS`` maps each format name of ``export --format`` to a function
``(session_or_state, scenario, out_path)`` that writes the graph of the session's current
state (or of the given state) to ``out_path``. What it writes is ``dressed``: every node
labelled in words ("Commitment 3: Yongbyon freeze", "Demand 2: Sanctions relief", a team's
name), filled with its status colour (a team's own colour), and given the text colour that
reads on that fill (``font_color``: dark ink on light fills, white on dark ones, whichever
contrasts more, at least 4.5:1 for every colour). GraphML carries them as attributes
``label``, ``fill``, ``font_color`` (and ``r``, ``g``, ``b`` of the fill, which Gephi reads);
DOT as ``label``, ``fillcolor`` and ``fontcolor``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TypeAlias

import networkx as nx

from engine.domain.state import SessionState, record_label
from engine.graph.build import CommitmentGraph, build_graph
from engine.scenario.model import Scenario

GraphLike: TypeAlias = nx.DiGraph | CommitmentGraph

# The app's status colours (ui/theme.py), for every status a commitment or demand can have.
STATUS_FILL = {
    "proposed": "#8a94a6",
    "agreed": "#2f6fbd",
    "suspended": "#d68910",
    "fulfilled": "#2e8b57",
    "broken": "#c0392b",
    "withdrawn": "#b0b7c3",
    "refused": "#7b2d26",
}
DEMAND_FILL = {
    "open": "#d6e4f5",
    "met": "#2e8b57",
    "refused": "#c0392b",
    "dropped": "#b0b7c3",
}
TEAM_FILL = "#dddddd"  # a team without a colour of its own
OBSERVER_FILL = "#6b5b95"
DARK_TEXT = "#000000"  # black: with white, one of the two reaches 4.58:1 on any fill
LIGHT_TEXT = "#ffffff"
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


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(color: str) -> float:
    """The relative luminance of ``#rgb`` or ``#rrggbb`` (WCAG 2)."""
    r, g, b = _rgb(color)
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_color_on(fill: str) -> str:
    """Dark ink or white, whichever contrasts more with ``fill`` (never below 4.5:1)."""
    return DARK_TEXT if contrast(DARK_TEXT, fill) >= contrast(LIGHT_TEXT, fill) else LIGHT_TEXT


def _rgb(color: str) -> tuple[int, int, int]:
    digits = color.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    try:
        r, g, b = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return 127, 127, 127
    return r, g, b


def node_words(node: str, data: dict[str, Any], scenario: Scenario, state: SessionState) -> str:
    """A node's label in words: "Commitment 3: Yongbyon freeze", a team's name."""
    kind = data.get("kind")
    if kind in ("commitment", "demand"):
        found = (state.commitments if kind == "commitment" else state.demands).get(node)
        issue = scenario.issue(str(data.get("issue", "")))
        what = issue.name if issue is not None else str(data.get("issue", ""))
        name = record_label(node, found.number if found is not None else 0)
        return f"{name}: {what}" if what else name
    return str(data.get("label") or node)


def node_fill(data: dict[str, Any]) -> str:
    kind, status = data.get("kind"), str(data.get("status", ""))
    if kind == "commitment":
        return STATUS_FILL.get(status, TEAM_FILL)
    if kind == "demand":
        return DEMAND_FILL.get(status, TEAM_FILL)
    if kind == "observer":
        return OBSERVER_FILL
    return str(data.get("color") or TEAM_FILL)


def dressed(graph: GraphLike, scenario: Scenario, state: SessionState) -> nx.DiGraph:
    """A copy of the graph whose every node has ``label`` in words, ``fill``, ``font_color``
    readable on it, and ``r``, ``g``, ``b`` of the fill."""
    source = _graph(graph)
    out = source.copy()
    for node, data in out.nodes.data():
        fill = node_fill(data)
        r, g, b = _rgb(fill)
        data.update(
            label=node_words(node, data, scenario, state),
            fill=fill,
            font_color=text_color_on(fill),
            r=r,
            g=g,
            b=b,
        )
    return out


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
        fill = str(data.get("fill") or node_fill(data))
        ink = dot_quote(data.get("font_color") or text_color_on(fill))
        if data.get("kind") in ("team", "observer"):
            attrs = (
                f'shape=box, style="filled,bold", fillcolor={dot_quote(fill)}, '
                f"fontcolor={ink}, label={dot_quote(data.get('label', node))}"
            )
        else:
            status = str(data.get("status", ""))
            label = data.get("label") if data.get("fill") else f"{node}\n{data.get('issue', '')}"
            text = f"{label}\n{status}"
            style = "filled,dashed" if status == "withdrawn" else "filled"
            attrs = (
                f"shape=ellipse, style={dot_quote(style)}, fillcolor={dot_quote(fill)}, "
                f"fontcolor={ink}, label={dot_quote(text)}, "
                f"tooltip={dot_quote(data.get('text', ''))}"
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
        state = _state_of(source)
        write(dressed(build_graph(scenario, state), scenario, state), out_path)

    export.__doc__ = f"Build the commitment graph of the state and {write.__name__} it."
    return export


GRAPH_FORMATS: dict[str, Callable[[SessionState | HasState, Scenario, str | Path], None]] = {
    "graphml": _exporter(write_graphml),
    "dot": _exporter(write_dot),
    "graph-json": _exporter(write_graph_json),
}
