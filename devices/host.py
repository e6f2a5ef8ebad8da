"""``parley host SAVE [--bind ADDR] [--port N]``: serve a save's team devices without the
facilitator window (a room run from a second machine, and the tests).

It opens the save for writing (it is then the save's one writer), listens, issues a
fresh join code per team and prints one line per team, ``<team id>\\t<join code>\\t<join
URL>``, flushed; Control's code and the board's link go to stderr. It serves until
SIGINT or SIGTERM, tells the pages the session ended, and exits 0. Nobody accepts
submissions here: they wait in the save as pending events, for the app's inbox.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path
from types import FrameType

from engine.cli.verbs import DONE, REFUSED, USAGE, verb


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port (0 to 65535; 0: a free one)")
    return int(text)


def _host_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("save", type=Path, metavar="SAVE", help="the session save to serve")
    parser.add_argument(
        "--bind",
        default="127.0.0.1",
        metavar="ADDR",
        help="the address of this machine to listen on (default 127.0.0.1: this machine "
        "only; give the room network's address, e.g. 192.168.1.20)",
    )
    parser.add_argument(
        "--port",
        type=_port,
        default=8765,
        metavar="N",
        help="the port (default 8765; 0: a free one)",
    )


@verb("host", "serve a save's team devices on the room's network, without the window", _host_args)
def host(args: argparse.Namespace) -> int:
    from devices.addresses import interfaces, is_local
    from devices.owner import QueueOwner
    from devices.server import DeviceServer, DeviceServerError
    from engine.session.live import Session

    if not is_local(args.bind):
        known = ", ".join(address for _, address in interfaces())
        print(
            f"parley host: {args.bind} is not an address of this machine (its addresses: {known})",
            file=sys.stderr,
        )
        return USAGE
    if not args.save.exists():
        print(f"parley host: {args.save}: no such save", file=sys.stderr)
        return REFUSED
    session = Session.open(args.save)
    try:
        owner = QueueOwner(session)
        server = DeviceServer(owner, session.scenario, host=args.bind, port=args.port)
        try:
            server.start()
        except DeviceServerError as error:
            print(f"parley host: {error}", file=sys.stderr)
            return REFUSED
        session.echo.append(server.publish)
        stop = threading.Event()

        def ask_stop(signum: int, frame: FrameType | None) -> None:
            stop.set()
            owner.wake()

        previous = {s: signal.signal(s, ask_stop) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            for team in session.scenario.teams:
                _, code = session.issue_code(role="team", team=team.id)
                print(f"{team.id}\t{code}\t{server.join_url(code)}", flush=True)
            _, control = session.issue_code(role="control")
            print(f"control\t{control}\t{server.join_url(control)}", file=sys.stderr, flush=True)
            print(f"board\t-\t{server.board_url}", file=sys.stderr, flush=True)
            if session.state.lobby_locked:
                print(
                    f"parley host: {args.save}: the lobby is locked, so no new device can "
                    "join (devices that joined before come back); unlock it in the app: "
                    "Team devices > Open to team devices…, Lobby locked",
                    file=sys.stderr,
                    flush=True,
                )
            owner.serve_forever(stop)
        finally:
            server.stop("The session has ended: the host closed it.")
            for sig, handler in previous.items():
                signal.signal(sig, handler)
    finally:
        session.close()
    return DONE
