"""Command-line verbs that print with Qt (so they live in ``ui/``): ``handouts``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from engine.cli.verbs import verb


def _handouts_args(parser: argparse.ArgumentParser) -> None:
    from engine.cli.scenario_verbs import scenario_path

    parser.add_argument(
        "scenario", type=scenario_path, metavar="SCENARIO", help="a file or a bundled name"
    )
    parser.add_argument(
        "-o",
        "--out",
        type=Path,
        required=True,
        metavar="DIR",
        help="the folder for the PDFs (made if missing)",
    )


@verb("handouts", "print one PDF per team and one public handout for a scenario", _handouts_args)
def handouts_verb(args: argparse.Namespace) -> int:
    from engine.report.handouts import handouts
    from engine.scenario import ScenarioError, load_scenario
    from engine.session.output import output_file
    from ui.pdf import write_pdf

    try:
        scenario = load_scenario(args.scenario)
    except ScenarioError as error:
        for fault in error.faults:
            print(fault, file=sys.stderr)
        return 1
    if args.out.exists() and not args.out.is_dir():
        print(f"parley handouts: {args.out} exists and is not a folder", file=sys.stderr)
        return 1
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        for handout in handouts(scenario):
            path = args.out / f"{handout.name}.pdf"
            with output_file(path) as partial:  # whole or not at all (a full disk)
                pages = write_pdf(partial, handout.title, html=handout.html)
            print(f"{path}: {pages} page{'s' if pages != 1 else ''}")
    except OSError as error:
        print(f"parley handouts: cannot write to {args.out}: {error.strerror}", file=sys.stderr)
        return 1
    return 0
