"""GraphML and DOT as a reader opens them: labels in words, a status colour on every node,
and label text that reads on its fill (contrast at least 4.5:1 for every colour)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from sessions import new_session

from engine.graph.export import (
    DEMAND_FILL,
    GRAPH_FORMATS,
    OBSERVER_FILL,
    STATUS_FILL,
    TEAM_FILL,
    contrast,
    text_color_on,
)
from engine.scenario import load_scenario
from engine.scenario.bundled import FOLDER


@pytest.fixture
def session(tmp_path: Path) -> Any:
    s = new_session(tmp_path)
    s.start_round()
    s.propose_commitment(givers="north", receivers="south", issue="relief", text="first")
    s.propose_commitment(givers="south", receivers="north", issue="relief", text="second",
                         conditions=("c3",))  # fmt: skip
    s.agree_commitment(commitment="c3")
    s.fulfil_commitment(commitment="c3")
    s.table_demand(from_team="north", to_team="south", issue="relief", priority=1, text="ask")
    s.add_condition(commitment="c4", condition=("demand", "d7"))
    yield s
    s.close()


def test_every_status_colour_and_team_colour_has_readable_text() -> None:
    fills = [*STATUS_FILL.values(), *DEMAND_FILL.values(), TEAM_FILL, OBSERVER_FILL]
    for path in sorted(FOLDER.glob("*.toml")):  # the bundled scenarios' team colours
        fills += [t.color for t in load_scenario(path).teams if t.color]
    assert len(fills) > 20
    for fill in fills:
        assert contrast(text_color_on(fill), fill) >= 4.5, fill
    assert text_color_on("#ffffff") == "#000000" and text_color_on("#000000") == "#ffffff"
    assert text_color_on("#2f6fbd") == "#ffffff", "light text on the dark blue of agreed"
    assert text_color_on("#d6e4f5") == "#000000", "dark text on the light blue of an open demand"
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0


def test_graphml_labels_in_words_with_fill_and_text_colour(session: Any, tmp_path: Path) -> None:
    out = tmp_path / "g.graphml"
    GRAPH_FORMATS["graphml"](session, session.scenario, out)
    graph = nx.read_graphml(out)
    assert graph.nodes["c3"]["label"] == "Commitment 1: Sanctions relief"
    assert graph.nodes["c4"]["label"] == "Commitment 2: Sanctions relief"
    assert graph.nodes["d7"]["label"] == "Demand 1: Sanctions relief"
    assert graph.nodes["team:north"]["label"] == "North"
    assert graph.nodes["c3"]["fill"] == STATUS_FILL["fulfilled"]
    assert graph.nodes["c4"]["fill"] == STATUS_FILL["proposed"]
    assert graph.nodes["d7"]["fill"] == DEMAND_FILL["open"]
    for node, data in graph.nodes(data=True):
        assert data["fill"].startswith("#"), node
        assert contrast(data["font_color"], data["fill"]) >= 4.5, node
        digits = data["fill"].lstrip("#")
        digits = "".join(c * 2 for c in digits) if len(digits) == 3 else digits
        rgb = tuple(int(digits[i : i + 2], 16) for i in (0, 2, 4))
        assert (data["r"], data["g"], data["b"]) == rgb, node


def test_dot_colours_every_node_and_labels_it_in_words(session: Any, tmp_path: Path) -> None:
    out = tmp_path / "g.dot"
    GRAPH_FORMATS["dot"](session, session.scenario, out)
    text = out.read_text(encoding="utf-8")
    nodes = [line for line in text.splitlines() if re.match(r'\s+"[^"]+" \[', line)]
    assert len(nodes) == 5  # two teams, two commitments, a demand
    for line in nodes:
        fill = re.search(r'fillcolor="(#[0-9a-fA-F]+)"', line)
        ink = re.search(r'fontcolor="(#[0-9a-fA-F]+)"', line)
        assert fill and ink, line
        assert contrast(ink.group(1), fill.group(1)) >= 4.5, line
    assert 'label="Commitment 1: Sanctions relief\\nfulfilled"' in text
    assert 'label="Demand 1: Sanctions relief\\nopen"' in text


def test_parley_export_writes_dot_and_graphml_in_words(session: Any, tmp_path: Path) -> None:
    import subprocess
    import sys

    from conftest import ROOT

    path = session.path
    session.close()
    for fmt in ("dot", "graphml"):
        out = tmp_path / f"cli.{fmt}"
        done = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "export", str(path), "--format", fmt,
             "-o", str(out)],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        text = out.read_text(encoding="utf-8")
        assert "Commitment 2: Sanctions relief" in text
        assert ("fontcolor=" if fmt == "dot" else "font_color") in text
