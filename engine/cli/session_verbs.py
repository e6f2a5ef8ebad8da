"""Verbs on sessions and saves: ``simulate``, ``check``, ``export`` and ``import``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from engine.cli.verbs import verb


def _simulate_args(parser: argparse.ArgumentParser) -> None:
    from engine.cli.scenario_verbs import scenario_path

    parser.add_argument(
        "--scenario",
        required=True,
        type=scenario_path,
        metavar="SCENARIO",
        help="a scenario file, or a bundled scenario's name (see: parley scenarios)",
    )
    parser.add_argument("--rounds", required=True, type=int, metavar="N")
    parser.add_argument("--seed", required=True, type=int, metavar="S")
    parser.add_argument("--save", required=True, type=Path, metavar="PATH")
    parser.add_argument("--events-per-round", type=int, default=None, metavar="K")
    parser.add_argument(
        "--echo", action="store_true", help="print '<seq>\\t<kind>' after each event is committed"
    )


@verb("simulate", "play a plausible, seeded session into a new save", _simulate_args)
def simulate(args: argparse.Namespace) -> int:
    from engine.cli.scenario_verbs import scenario_or_faults
    from engine.domain.events import Envelope
    from engine.session.simulate import simulate_session

    scenario = scenario_or_faults(args.scenario)
    if scenario is None:
        return 1

    def echo(env: Envelope) -> None:
        print(f"{env.seq}\t{env.kind}", flush=True)

    session = simulate_session(
        scenario,
        args.save,
        args.rounds,
        args.seed,
        args.events_per_round,
        echo=echo if args.echo else None,
    )
    with session:
        if not args.echo:
            print(f"{args.save}: {session.last_seq} events", file=sys.stderr)
    return 0


def _check_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("save", type=Path, metavar="SAVE")


@verb("check", "check a save: integrity, format version, snapshots against the log", _check_args)
def check(args: argparse.Namespace) -> int:
    from engine.cli.verbs import DAMAGED, DONE, REFUSED, UNMERGED
    from engine.session.check import check

    verdict = check(args.save)
    for problem in verdict.lines():
        named = problem.startswith(str(args.save))  # an error names its file already
        print(problem if named else f"{args.save}: {problem}", file=sys.stderr)
    if verdict.refused:
        return REFUSED
    if verdict.damage:
        return DAMAGED
    if verdict.unmerged:
        return UNMERGED
    print(f"{args.save}: ok")
    return DONE


def _export_args(parser: argparse.ArgumentParser) -> None:
    from engine.graph.formats import EXPORT_FORMATS

    parser.add_argument("save", type=Path, metavar="SAVE")
    parser.add_argument(
        "--format",
        required=True,
        choices=sorted(EXPORT_FORMATS),
        help="; ".join(f"{f.name}: {f.help}" for f in EXPORT_FORMATS.values()),
    )
    parser.add_argument(
        "-o", "--output", type=Path, default=None, metavar="OUT",
        help="a file (or a folder, for csv); default: stdout, or SAVE-csv/ for csv",
    )  # fmt: skip
    parser.add_argument(
        "--bom", action="store_true",
        help="csv only: start each file with a UTF-8 byte-order mark (for spreadsheets)",
    )  # fmt: skip


@verb("export", "export a save (JSON, CSV, ...)", _export_args)
def export(args: argparse.Namespace) -> int:
    from engine.graph.formats import EXPORT_FORMATS
    from engine.session.live import Session

    if args.bom and args.format != "csv":
        print(f"parley export: --bom is for csv, not {args.format}", file=sys.stderr)
        return 2
    options = {"bom": True} if args.bom else {}
    with Session.open(args.save, read_only=True) as session:
        session.verify()  # a damaged log is refused (exit 3), never exported as sound
        written = EXPORT_FORMATS[args.format].write(session, args.output, **options)
    if written is not None:
        print(f"{args.save}: exported to {written}", file=sys.stderr)
    return 0


def _import_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", type=Path, metavar="FILE.json")
    parser.add_argument("--save", required=True, type=Path, metavar="PATH")


@verb("import", "make a new save from a JSON export", _import_args)
def import_(args: argparse.Namespace) -> int:
    from engine.session.exchange import import_json

    with import_json(args.source, args.save) as session:
        print(f"{args.save}: {session.last_seq} events imported", file=sys.stderr)
    return 0
