"""``analyze``: every analytic of the commitment graph of a save, as text or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from engine.cli.verbs import verb
from engine.domain.events import CONTROL
from engine.domain.visibility import PUBLIC
from engine.errors import ParleyError


def _analyze_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("save", metavar="SAVE", type=Path, help="a session save file")
    parser.add_argument(
        "--at", metavar="SEQ", type=int, help="the state after this event (default: the last)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument(
        "--as",
        dest="viewer",
        metavar="VIEWER",
        default="control",
        help="count only what VIEWER may see: control (default), public, or a team id",
    )


@verb(
    "analyze",
    "deadlocks, bundles, reciprocity, credibility, preparedness, volatility, alignment",
    _analyze_args,
)
def analyze_save(args: argparse.Namespace) -> int:
    from engine.graph.render import render_text
    from engine.graph.report import analyze
    from engine.session.live import Session

    with Session.open(args.save, read_only=True) as session:
        scenario = session.scenario
        if args.viewer not in (CONTROL, PUBLIC) and scenario.team(args.viewer) is None:
            known = ", ".join((CONTROL, PUBLIC, *scenario.team_ids))
            raise ParleyError(f"no viewer {args.viewer!r} in {scenario.id}; one of: {known}")
        state = session.state if args.at is None else session.state_at(args.at)
        report = analyze(scenario, state, viewer=args.viewer)
    if args.json:
        json.dump(report.to_dict(), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_text(report, scenario, state))
    return 0
