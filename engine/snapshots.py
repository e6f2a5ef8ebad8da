"""Snapshots of the state, stored as a small core and shared chunks of records.

A full copy of the state every N events would make a save grow with the square of its
log, and seeking would decode everything each time. Instead, the records of each
collection (moves, demands, commitments, agreements, the indicator log, fired injects,
notes, bookmarks) are cut into chunks by the seq that created them (``CHUNK`` seqs a
chunk). Each chunk is msgpack-encoded and stored once under the hash of its bytes, so a
chunk that did not change since the last snapshot costs nothing more. A snapshot row
holds the core (round, phase, indicator values, voids, ...) and the hashes of its
chunks. Decoded chunks are cached by hash, so states near each other share the same
record objects, and assembling a state is mostly ``dict.update`` of cached chunks.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import msgspec

from engine.state import (
    Agreement,
    Bookmark,
    Commitment,
    Demand,
    FiredInject,
    IndicatorChange,
    Move,
    Note,
    SessionState,
)

CHUNK = 1000
PREFIX = 16  # chunks merged into one cached dict, for assembling big states quickly
RECORDS: dict[str, type[Any]] = {
    "moves": Move,
    "demands": Demand,
    "commitments": Commitment,
    "agreements": Agreement,
}
LISTS: dict[str, type[Any]] = {
    "indicator_log": IndicatorChange,
    "injects": FiredInject,
    "notes": Note,
    "bookmarks": Bookmark,
}


class Core(msgspec.Struct, array_like=True):
    seq: int
    round: int
    round_open: bool
    phase: int
    indicators: dict[str, float]
    voided: list[int]
    void_targets: dict[int, int]
    working_tablings: list[str]
    chunks: dict[str, list[str]]  # collection -> chunk hashes, in seq order


_encoder = msgspec.msgpack.Encoder()
_core_decoder = msgspec.msgpack.Decoder(Core)
_decoders = {
    name: msgspec.msgpack.Decoder(list[kind])  # type: ignore[valid-type]
    for name, kind in {**RECORDS, **LISTS}.items()
}


def chunk_hash(blob: bytes) -> str:
    return hashlib.blake2b(blob, digest_size=16).hexdigest()


def split(state: SessionState) -> tuple[bytes, list[tuple[str, bytes]]]:
    """The core blob, and every chunk as (hash, blob)."""
    chunks: dict[str, list[str]] = {}
    blobs: list[tuple[str, bytes]] = []
    for name in (*RECORDS, *LISTS):
        values: Iterable[Any] = getattr(state, name)
        if name in RECORDS:
            values = getattr(state, name).values()
        hashes = chunks[name] = []
        for _, group in itertools.groupby(values, key=lambda r: r.seq // CHUNK):
            blob = _encoder.encode(list(group))
            digest = chunk_hash(blob)
            hashes.append(digest)
            blobs.append((digest, blob))
    core = Core(
        seq=state.seq,
        round=state.round,
        round_open=state.round_open,
        phase=state.phase,
        indicators=state.indicators,
        voided=sorted(state.voided),
        void_targets=state.void_targets,
        working_tablings=sorted(state.working_tablings),
        chunks=chunks,
    )
    return _encoder.encode(core), blobs


def _prefix(cache: ChunkCache, name: str, hashes: tuple[str, ...]) -> dict[str, Any]:
    """The records of the first ``len(hashes)`` chunks (a multiple of PREFIX), merged.

    Merged prefixes are cached, so assembling a state copies one big dict (a fast copy
    in CPython) and updates it with at most PREFIX - 1 chunks.
    """
    key = "|".join(hashes)
    found = cache.get(f"prefix:{name}", key)
    if found is not None:
        return found
    merged = dict(_prefix(cache, name, hashes[:-PREFIX])) if len(hashes) > PREFIX else {}
    for digest in hashes[-PREFIX:]:
        merged.update(cache.get(name, digest) or {})
    cache.put(f"prefix:{name}", key, merged)
    return merged


def decode_core(blob: bytes) -> Core:
    return _core_decoder.decode(blob)


class ChunkCache:
    """Decoded chunks by (collection, hash), least recently used dropped first."""

    def __init__(self, size: int = 8192) -> None:
        self.size = size
        self._items: OrderedDict[tuple[str, str], Any] = OrderedDict()

    def get(self, name: str, digest: str) -> Any:
        """The chunk's records: a dict by id for moves and the like, a list for logs."""
        key = (name, digest)
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
        return found

    def put(self, name: str, digest: str, records: Any) -> None:
        self._items[(name, digest)] = records
        if len(self._items) > self.size:
            self._items.popitem(last=False)


def assemble(
    core: Core, cache: ChunkCache, fetch: Callable[[Sequence[str]], dict[str, bytes]]
) -> SessionState:
    """The state a core describes; ``fetch`` reads chunk blobs that are not cached.

    Records hold no cycles, so the cyclic garbage collector is paused while hundreds of
    thousands of them are made (it would otherwise scan the growing heap again and
    again: half the time of opening a big save).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _assemble(core, cache, fetch)
    finally:
        if enabled:
            gc.enable()


def _assemble(
    core: Core, cache: ChunkCache, fetch: Callable[[Sequence[str]], dict[str, bytes]]
) -> SessionState:
    missing = [
        (name, digest)
        for name, hashes in core.chunks.items()
        for digest in hashes
        if cache.get(name, digest) is None
    ]
    if missing:
        blobs = fetch(sorted({digest for _, digest in missing}))
        for name, digest in missing:
            records: list[Any] = _decoders[name].decode(blobs[digest])
            cache.put(name, digest, {r.id: r for r in records} if name in RECORDS else records)
    state = SessionState(
        seq=core.seq,
        round=core.round,
        round_open=core.round_open,
        phase=core.phase,
        indicators=dict(core.indicators),
        voided=set(core.voided),
        void_targets=dict(core.void_targets),
        working_tablings=set(core.working_tablings),
    )
    for name in RECORDS:
        hashes = core.chunks.get(name, [])
        aligned = len(hashes) // PREFIX * PREFIX
        target = dict(_prefix(cache, name, tuple(hashes[:aligned]))) if aligned else {}
        for digest in hashes[aligned:]:
            target.update(cache.get(name, digest) or {})
        setattr(state, name, target)
    for name in LISTS:
        items: list[Any] = getattr(state, name)
        for digest in core.chunks.get(name, ()):
            items.extend(cache.get(name, digest) or ())
    return state
