"""The ``compare`` verb: a class's groups side by side, as HTML, PDF, CSV or a database.

``python main.py compare SAVE... -o OUT.html`` (or ``.pdf``, ``.csv``, ``.db``). A class
folder or its ``class.toml`` stands for every group it lists. It lives in ``ui/`` because
the PDF is laid out by Qt; Qt is imported only when a PDF is asked for.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from engine.cli.verbs import verb

if TYPE_CHECKING:
    from engine.report.compare import Comparison

FORMATS = {".html": "html", ".htm": "html", ".pdf": "pdf", ".csv": "csv", ".db": "db",
           ".sqlite": "db"}  # fmt: skip


def _compare_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "saves", type=Path, nargs="+", metavar="SAVE",
        help="the groups' saves (one scenario), or a class folder or its class.toml",
    )  # fmt: skip
    parser.add_argument(
        "-o", "--out", type=Path, required=True, metavar="OUT",
        help="OUT.html (one self-contained file), OUT.pdf, OUT.csv (one row per group) "
        "or OUT.db (an analysis database)",
    )  # fmt: skip
    parser.add_argument(
        "--indicator", action="append", default=None, metavar="KEY", dest="indicators",
        help="a key indicator to chart over rounds (repeat for more; default: the class "
        "file's, else the scenario's global indicators)",
    )  # fmt: skip


def expand_saves(
    paths: Sequence[Path],
) -> tuple[list[Path], dict[Path, str], tuple[str, ...]]:
    """Saves, their names and key indicators, a class folder or file standing for its groups."""
    from engine.session.classes import load_class

    saves: list[Path] = []
    names: dict[Path, str] = {}
    keys: list[str] = []
    for path in paths:
        if path.is_dir() or path.suffix.lower() == ".toml":
            found = load_class(path)
            for group in found.groups:
                saves.append(group.save)
                names[group.save] = group.name
            keys += found.key_indicators
        else:
            saves.append(path)
    return saves, names, tuple(dict.fromkeys(keys))


def write_comparison(comparison: Comparison, out: Path) -> str:
    """Write ``comparison`` to ``out`` by its suffix; a summary line."""
    from engine.report.compare_files import write_compare_csv, write_compare_db
    from engine.report.compare_html import render_compare_html
    from engine.session.output import output_file

    kind = FORMATS[out.suffix.lower()]
    groups = len(comparison.groups)
    if kind == "csv":
        write_compare_csv(comparison, out)
        return f"{out}: {groups} groups, one row each"
    if kind == "db":
        write_compare_db(comparison, out)
        return f"{out}: analysis database of {groups} groups"
    with output_file(out) as partial:
        if kind == "pdf":
            from ui.compare_pdf import write_compare_pdf

            pages = write_compare_pdf(comparison, partial)
            what = f"{pages} page{'s' if pages != 1 else ''}"
        else:
            partial.write_text(render_compare_html(comparison), encoding="utf-8")
            what = f"{partial.stat().st_size // 1024} KB"
    return f"{out}: {groups} groups compared, {what}"


@verb("compare", "compare the groups of a class (saves of one scenario): HTML, PDF, CSV or DB",
      _compare_args)  # fmt: skip
def compare_verb(args: argparse.Namespace) -> int:
    from engine.report.compare import compare_saves

    out: Path = args.out
    if out.suffix.lower() not in FORMATS:
        print(
            f"parley compare: cannot tell the format of {out}: name it .html, .pdf, .csv or .db",
            file=sys.stderr,
        )
        return 1
    if out.is_dir():
        print(f"parley compare: {out} is a folder; name a file", file=sys.stderr)
        return 1
    saves, names, keys = expand_saves(args.saves)
    missing = [p for p in saves if not p.exists()]
    if missing:
        print(f"parley compare: {missing[0]}: no such save", file=sys.stderr)
        return 1
    comparison = compare_saves(saves, names=names, key_indicators=args.indicators or keys)
    print(write_comparison(comparison, out), file=sys.stderr)
    return 0
