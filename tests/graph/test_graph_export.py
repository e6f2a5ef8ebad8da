"""GraphML, DOT and node-link JSON exports of the commitment graph."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
from graph_records import commitment, scenario, state

from engine.graph.build import build_graph
from engine.graph.export import GRAPH_FORMATS, dot_quote, graph_json, to_dot, write_graphml

SC = scenario()


def sample():  # type: ignore[no-untyped-def]
    return state(
        commitment(1, "usa", "dprk", status="fulfilled", verification=True, verified=False),
        commitment(2, "dprk", "usa", conditions=(1,), issue="peace", due_round=3),
        commitment(3, "rok", "dprk", text='the "big deal"\nwith a \\ backslash'),
    )


def test_graphml_reads_back_with_networkx(tmp_path: Path) -> None:
    graph = build_graph(SC, sample())
    path = tmp_path / "graph.graphml"
    write_graphml(graph, path)
    back = nx.read_graphml(path)
    assert isinstance(back, nx.DiGraph)
    assert set(back.nodes) == set(graph.nodes)
    assert set(back.edges) == set(graph.edges)
    for node, data in graph.nodes(data=True):
        assert back.nodes[node] == data  # types too: ints, bools and strings come back as written
    assert back.edges["c2", "c1"]["kind"] == "condition"
    assert back.nodes["c3"]["text"] == 'the "big deal"\nwith a \\ backslash'


def test_graphml_never_holds_none(tmp_path: Path) -> None:
    graph = build_graph(SC, sample())
    graph.nodes["c1"]["note"] = None  # a caller's extra attribute
    write_graphml(graph, tmp_path / "g.graphml")
    assert nx.read_graphml(tmp_path / "g.graphml").nodes["c1"]["note"] == ""


def test_dot_quotes_and_escapes_every_name_and_label() -> None:
    assert dot_quote('a "b" \\ c\nd') == '"a \\"b\\" \\\\ c\\nd"'
    text = to_dot(build_graph(SC, sample()))
    assert text.startswith('digraph "hand_built" {')
    assert text.rstrip().endswith("}")
    assert '"c2" -> "c1" [style=dashed' in text
    assert '"team:usa" -> "c1"' in text
    assert 'tooltip="the \\"big deal\\"\\nwith a \\\\ backslash"' in text
    assert text.count("->") == build_graph(SC, sample()).number_of_edges()


def test_node_link_json_round_trips() -> None:
    graph = build_graph(SC, sample())
    data = json.loads(json.dumps(graph_json(graph)))
    back = nx.node_link_graph(data, directed=True, multigraph=False, edges="edges")
    assert set(back.edges) == set(graph.edges)
    assert back.nodes["c2"]["due_round"] == 3


def test_graph_formats_write_a_file_from_a_state_or_a_session(tmp_path: Path) -> None:
    s = sample()

    class FakeSession:
        state = s

    assert set(GRAPH_FORMATS) == {"graphml", "dot", "graph-json"}
    for name, export in GRAPH_FORMATS.items():
        out = tmp_path / f"out.{name}"
        export(s, SC, out)
        first = out.read_text(encoding="utf-8")
        export(FakeSession(), SC, out)
        assert out.read_text(encoding="utf-8") == first
        assert "c3" in first
    assert nx.read_graphml(tmp_path / "out.graphml").number_of_nodes() == 7
    assert json.loads((tmp_path / "out.graph-json").read_text())["directed"] is True
