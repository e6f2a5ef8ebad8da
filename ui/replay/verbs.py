"""``replay SAVE``: open the app on a save, read-only, in the replay window."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from engine.cli.verbs import exit_code, verb


def _replay_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("save", type=Path, metavar="SAVE")
    parser.add_argument(
        "--at",
        type=int,
        default=None,
        metavar="SEQ",
        help="start at this event (default: the last)",
    )


@verb("replay", "open a save in the app, read-only, to replay it (even while it is live)",
      _replay_args)  # fmt: skip
def replay_verb(args: argparse.Namespace) -> int:
    from engine.errors import ParleyError
    from ui import crash
    from ui.app import ParleyApp, make_application, missing_display
    from ui.replay.launch import show_replay
    from ui.session_opener import open_for_replay

    try:
        session = open_for_replay(args.save)  # its chain walked, as the app opens it
    except (ParleyError, OSError) as error:
        print(f"parley replay: {error}", file=sys.stderr)
        return exit_code(error) if isinstance(error, ParleyError) else 1
    if args.at is not None and not 0 <= args.at <= session.last_seq:
        session.close()
        print(
            f"parley replay: no event {args.at} (the last is {session.last_seq})", file=sys.stderr
        )
        return 1
    if problem := missing_display():
        session.close()
        print(f"parley replay: {problem}", file=sys.stderr)
        return 1
    app = make_application([])
    crash.install()
    parley = ParleyApp()
    show_replay(parley, session, seq=args.at)
    app._parley = parley  # type: ignore[attr-defined]  # keep the controller alive
    return int(app.exec())
