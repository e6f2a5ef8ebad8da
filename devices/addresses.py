"""The IPv4 addresses of this machine, for the facilitator to pick one to serve on.

Read from the kernel where it tells (Linux: ``ip -4 -o addr``, else ``ifconfig``), with
the address the default route leaves by as a fallback; loopback last, for a demo on
this machine alone. Never "every interface": the server binds the one address chosen.
"""

from __future__ import annotations

import contextlib
import ipaddress
import re
import shutil
import socket
import subprocess

LOOPBACK = ("loopback (this machine only)", "127.0.0.1")


def interfaces() -> list[tuple[str, str]]:
    """(label, IPv4 address) of each interface that has one, loopback last."""
    found: dict[str, str] = {}
    for label, address in _from_ip() or _from_ifconfig():
        if not ipaddress.IPv4Address(address).is_loopback:
            found.setdefault(address, label)
    if not found:
        routed = _routed_address()
        if routed is not None:
            found[routed] = "network"
    return [(label, address) for address, label in found.items()] + [LOOPBACK]


def is_local(address: str) -> bool:
    """Whether ``address`` can be bound here: an address of this machine, or any."""
    try:
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.bind((address, 0))
    except OSError:
        return False
    return True


def _run(command: list[str]) -> str:
    if shutil.which(command[0]) is None:
        return ""
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=2, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout


def _from_ip() -> list[tuple[str, str]]:
    # "2: wlan0    inet 192.168.1.20/24 brd ... scope global wlan0"
    out = _run(["ip", "-4", "-o", "addr", "show"])
    return re.findall(r"^\d+:\s+(\S+)\s+inet\s+(\d+\.\d+\.\d+\.\d+)/", out, re.MULTILINE)


def _from_ifconfig() -> list[tuple[str, str]]:
    found, name = [], ""
    for line in _run(["ifconfig"]).splitlines():
        if line and not line[0].isspace():
            name = line.split(":")[0].split()[0]
        match = re.search(r"inet (?:addr:)?(\d+\.\d+\.\d+\.\d+)", line)
        if match and name:
            found.append((name, match.group(1)))
    return found


def _routed_address() -> str | None:
    """The address the default route leaves by (a UDP connect sends nothing)."""
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed anywhere real
        address: str = s.getsockname()[0]
        return None if address.startswith("0.") else address
    return None
