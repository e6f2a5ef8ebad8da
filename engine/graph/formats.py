"""The commitment graph's export formats, registered with the session's exporters
(``engine/session/exchange.py``). networkx loads only when one of them runs."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from engine.session.exchange import EXPORT_FORMATS, Writer, register_export_format
from engine.session.live import Session
from engine.session.output import output_file


def _graph_writer(name: str) -> Writer:
    """A writer for one of engine.graph's formats; networkx loads only when it runs."""

    def write(session: Session, out: Path | None) -> Path | None:
        from engine.graph.export import GRAPH_FORMATS

        if out is not None:
            with output_file(out) as partial:
                GRAPH_FORMATS[name](session, session.scenario, partial)
            return out
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"graph.{name}"
            GRAPH_FORMATS[name](session, session.scenario, path)
            sys.stdout.write(path.read_text(encoding="utf-8"))
        return None

    return write


register_export_format("graphml", _graph_writer("graphml"), "the commitment graph for Gephi or yEd")
register_export_format("dot", _graph_writer("dot"), "the commitment graph for Graphviz")
register_export_format("graph-json", _graph_writer("graph-json"), "the graph as node-link JSON")

__all__ = ["EXPORT_FORMATS"]  # every format, the graph's among them
