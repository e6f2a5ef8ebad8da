"""Parley: start the app, or run a command-line verb on the same engine.

python main.py                      open the app on the default scenario
python main.py validate FILE...     check scenario files
python main.py schema               print the scenario JSON Schema
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if (args and not args[0].startswith("-")) or args[:1] in (["-h"], ["--help"]):
        from engine.cli import run_verb

        # Verbs that print with Qt live in ui/; the engine's own verbs cannot import it.
        return run_verb(
            args,
            extra_modules=(
                "devices.host",
                "ui.compare_verbs",
                "ui.document_verbs",
                "ui.replay.verbs",
                "ui.report_verbs",
            ),
        )
    from ui.app import run_app

    return run_app(args)


if __name__ == "__main__":
    sys.exit(main())
