"""The command-line parser and the registry of verbs.

Each verb lives in a module of this package, grouped by what it works on
(``scenario_verbs``, ``session_verbs``, ``graph_verbs``, ...), and registers itself with
``@verb``: a name, a help line, a function that adds its arguments, and the function that
runs it and returns the exit code. Modules import heavy libraries inside their verbs, so
that ``validate`` does not pay for networkx.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Callable
from dataclasses import dataclass

from engine.errors import DamagedSaveError, ParleyError
from engine.save.damage import READ_ERRORS, damaged

DONE, REFUSED, USAGE, DAMAGED, UNMERGED, INTERRUPTED = 0, 1, 2, 3, 4, 130

EXIT_CODES = """exit codes:
  0    done (check: the save is sound; validate: every file is valid)
  1    refused: the input cannot be taken (an event that breaks a rule, a scenario
       fault, a locked save, a file that is not a save, an output that cannot be
       written, a full disk); the message names the file, the place and what is wrong,
       and no file was changed
  2    the command line itself is wrong (an unknown verb or option)
  3    a damaged save: check found damage, or the save a command reads is damaged (the
       message names the file and the first bad event); no file was changed
  4    check: the save file is sound, but a -wal beside it holds changes not merged
       into it (open it for writing once, or copy it with `parley copy`)
  130  interrupted (Ctrl-C)"""


def exit_code(error: ParleyError) -> int:
    """The exit code of a command that stopped on ``error``: 3 for a damaged save, else 1."""
    return DAMAGED if isinstance(error, DamagedSaveError) else REFUSED


Run = Callable[[argparse.Namespace], int]
Configure = Callable[[argparse.ArgumentParser], None]


@dataclass(frozen=True)
class Verb:
    name: str
    help: str
    configure: Configure
    run: Run


_VERBS: dict[str, Verb] = {}


def verb(name: str, help: str, configure: Configure) -> Callable[[Run], Run]:
    """Register ``run`` as the verb ``name``."""

    def register(run: Run) -> Run:
        _VERBS[name] = Verb(name, help, configure, run)
        return run

    return register


def _load_verb_modules(extra: tuple[str, ...]) -> None:
    package = importlib.import_module("engine.cli")
    for module in pkgutil.iter_modules(package.__path__):
        if module.name.endswith("_verbs"):
            importlib.import_module(f"engine.cli.{module.name}")
    for name in extra:
        importlib.import_module(name)


def build_parser(extra_modules: tuple[str, ...] = ()) -> argparse.ArgumentParser:
    """The parser of every verb; ``extra_modules`` register more (main.py adds ui's)."""
    _load_verb_modules(extra_modules)
    parser = argparse.ArgumentParser(
        prog="parley",
        description="Parley: run multi-team negotiation role-plays. "
        "With no verb, the app opens on the default scenario.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    subparsers = parser.add_subparsers(dest="verb", metavar="VERB")
    for item in _VERBS.values():
        item.configure(
            subparsers.add_parser(
                item.name,
                help=item.help,
                description=item.help,
                epilog=EXIT_CODES,
                formatter_class=argparse.RawDescriptionHelpFormatter,
            )
        )
    return parser


def run_verb(argv: list[str], extra_modules: tuple[str, ...] = ()) -> int:
    parser = build_parser(extra_modules)
    args = parser.parse_args(argv)
    if args.verb is None:
        parser.print_help()
        return DONE
    try:
        return _VERBS[args.verb].run(args)
    except ParleyError as error:
        print(f"parley {args.verb}: {error}", file=sys.stderr)
        return exit_code(error)
    except READ_ERRORS as error:  # a save found damaged after it opened (SQLite reads lazily)
        save = getattr(args, "save", None) or "the save"
        print(f"parley {args.verb}: {damaged(save, error)}", file=sys.stderr)
        return DAMAGED
    except KeyboardInterrupt:
        return INTERRUPTED
    except BrokenPipeError:
        return DONE
