"""``diff A B``: where two saves part, and how they differ at the end.

Exit status, as ``diff`` has it: 0 when the logs hold the same events, 1 when they
differ, 2 when a save cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from engine.cli.verbs import verb

SAME, DIFFERENT, TROUBLE = 0, 1, 2


def _diff_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("a", type=Path, metavar="A", help="a save")
    parser.add_argument("b", type=Path, metavar="B", help="another save (a branch of A, say)")
    parser.add_argument("--json", action="store_true", help="print the comparison as JSON")
    parser.epilog = "Exit status: 0 the same events, 1 they differ, 2 a save cannot be read."


@verb(
    "diff",
    "compare two saves: the first event where they part and how they differ at the end",
    _diff_args,
)
def diff_verb(args: argparse.Namespace) -> int:
    from engine.errors import ParleyError
    from engine.session.diff import diff_saves
    from engine.session.diff_text import diff_json, diff_text

    try:
        found = diff_saves(args.a, args.b)
    except (ParleyError, OSError) as error:
        print(f"parley diff: {error}", file=sys.stderr)
        return TROUBLE
    sys.stdout.write(diff_json(found) if args.json else diff_text(found))
    return SAME if found.identical else DIFFERENT
