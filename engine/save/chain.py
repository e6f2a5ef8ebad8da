"""The event chain: every event row carries a checksum of itself and of the row before it.

``hash(n) = BLAKE2b-128(hash(n-1) | seq | at | round | actor | kind | payload)`` with the
first event chained to sixteen zero bytes. Changing any byte of a row (its envelope, its
kind or its payload), deleting, inserting or reordering rows breaks the chain at the first
row touched, and :func:`first_break` names it. The newest hash is also kept in ``meta``
(``chain_tip``, ``chain_seq``), so that deleting the last rows is seen too.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from engine.digest import blake2b

GENESIS = bytes(16)


def link(
    previous: bytes,
    seq: int,
    at: float,
    rnd: int,
    actor: str | bytes,
    kind: str | bytes,
    payload: str | bytes,
) -> bytes:
    """The checksum of one event row, chained to the previous row's. Text is hashed as
    its UTF-8 bytes (read back as blobs, so that a damaged byte is hashed, not decoded)."""
    head = f"{seq}\x1f{at!r}\x1f{rnd}\x1f".encode()
    data = previous + head + _bytes(actor) + b"\x1f" + _bytes(kind) + b"\x1f" + _bytes(payload)
    return blake2b(data, digest_size=16).digest()


def _bytes(text: str | bytes) -> bytes:
    return text.encode() if isinstance(text, str) else bytes(text)


@dataclass(frozen=True)
class Break:
    """The first event the chain does not vouch for, and why (``seq`` 0: before any)."""

    seq: int
    why: str
    good: int  # the last event before it that the chain vouches for


def first_break(
    rows: Iterable[tuple[Any, ...]], tip: tuple[int, bytes] | None = None
) -> Break | None:
    """The first bad row of ``(seq, at, round, actor, kind, payload, hash)`` rows in seq
    order; ``tip`` (the last seq and hash the writer recorded) catches deleted tail rows."""
    previous, expected, good = GENESIS, 1, 0
    for seq, at, rnd, actor, kind, payload, stored in rows:
        if not isinstance(seq, int) or seq != expected:
            what = (
                f"event {expected} is missing"
                if isinstance(seq, int) and seq > expected
                else (f"a row numbered {seq!r} stands where event {expected} should be")
            )
            return Break(expected, what, good)
        try:
            digest = link(previous, seq, float(at), int(rnd), actor, kind, payload)
        except (TypeError, ValueError):
            return Break(seq, f"event {seq} has a field of the wrong type", good)
        if stored is None:
            return Break(seq, f"event {seq} has no checksum (a row added by hand?)", good)
        if stored != digest:
            return Break(
                seq,
                f"event {seq} does not match its checksum (a changed byte or an edited row)",
                good,
            )
        previous, expected, good = digest, expected + 1, seq
    if tip is not None and tip[0] != good:
        if tip[0] > good:
            return Break(
                good + 1, f"events {good + 1} to {tip[0]} are missing (the log was cut short)", good
            )
        return Break(
            tip[0] + 1, f"event {tip[0] + 1} was added after the last one the writer wrote", tip[0]
        )
    if tip is not None and tip[0] and tip[1] != previous:
        return Break(
            good, f"event {good} does not match the checksum the writer recorded", good - 1
        )
    return None


def recorded_tip(conn: sqlite3.Connection) -> tuple[int, bytes] | None:
    """The last seq and hash the writer recorded in ``meta`` (None in a save without one)."""
    rows = dict(
        conn.execute(
            "SELECT key, value FROM meta WHERE key IN ('chain_seq', 'chain_tip')"
        ).fetchall()
    )
    try:
        return int(rows["chain_seq"]), bytes.fromhex(rows["chain_tip"])
    except (KeyError, ValueError):
        return None


def chain_rows(conn: sqlite3.Connection) -> Iterable[tuple[Any, ...]]:
    cursor = conn.execute(
        "SELECT seq, at, round, CAST(actor AS BLOB), CAST(kind AS BLOB), "
        "CAST(payload AS BLOB), hash FROM events ORDER BY seq"
    )
    while rows := cursor.fetchmany(2000):
        yield from rows


def rechain(conn: sqlite3.Connection) -> None:
    """Compute every row's checksum afresh (the migration to format 3), and the tip."""
    previous, last = GENESIS, 0
    updates: list[tuple[bytes, int]] = []
    for seq, at, rnd, actor, kind, payload, _ in list(chain_rows(conn)):
        previous = link(previous, int(seq), float(at), int(rnd), actor, kind, payload)
        updates.append((previous, int(seq)))
        last = int(seq)
    conn.executemany("UPDATE events SET hash = ? WHERE seq = ?", updates)
    conn.executemany(
        "INSERT OR REPLACE INTO meta VALUES (?, ?)",
        (("chain_seq", str(last)), ("chain_tip", previous.hex())),
    )
