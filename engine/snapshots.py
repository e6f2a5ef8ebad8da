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
from collections.abc import Callable, ItemsView, Iterable, Iterator, Mapping, Sequence, ValuesView
from typing import Any

import msgspec

from engine.layered import LayeredRecords
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
    seq_of_id,
)

CHUNK = 1000
CHUNK_FORMAT = 2  # 2: record chunks map each id to its record's own bytes (decoded alone)
VOIDS = "void_targets"  # chunked like a collection: (void seq, target) pairs
# Consecutive chunks are grouped by GROUP into one cached layer, keyed by their hashes.
# Snapshots near each other share nearly all their groups, so assembling a state handles
# a few dozen groups and the last chunks, not hundreds of chunks.
GROUP = 16
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
    working_tablings: list[str]
    chunks: dict[str, list[str]]  # collection -> chunk hashes, in seq order
    firsts: dict[str, list[int]]  # collection -> the seq of each chunk's first record
    sizes: dict[str, list[int]]  # collection -> the number of records in each chunk


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
    firsts: dict[str, list[int]] = {}
    sizes: dict[str, list[int]] = {}
    blobs: list[tuple[str, bytes]] = []
    for name in (*RECORDS, *LISTS):
        values: Iterable[Any] = getattr(state, name)
        if name in RECORDS:
            values = getattr(state, name).values()
        hashes = chunks[name] = []
        starts = firsts[name] = []
        counts = sizes[name] = []
        for _, group in itertools.groupby(values, key=lambda r: r.seq // CHUNK):
            records = list(group)
            blob = _encode_chunk(name, records)
            digest = chunk_hash(blob)
            hashes.append(digest)
            starts.append(records[0].seq)
            counts.append(len(records))
            blobs.append((digest, blob))
    # Every undo and redo adds a void's target: chunked by the void's seq like the
    # records, so old chunks are shared by every later snapshot instead of decoded anew.
    hashes = chunks[VOIDS] = []
    starts = firsts[VOIDS] = []
    counts = sizes[VOIDS] = []
    for _, group in itertools.groupby(state.void_targets.items(), key=lambda p: p[0] // CHUNK):
        pairs = list(group)
        blob = _encoder.encode(pairs)
        digest = chunk_hash(blob)
        hashes.append(digest)
        starts.append(pairs[0][0])
        counts.append(len(pairs))
        blobs.append((digest, blob))
    core = Core(
        seq=state.seq,
        round=state.round,
        round_open=state.round_open,
        phase=state.phase,
        indicators=state.indicators,
        voided=sorted(state.voided),
        working_tablings=sorted(state.working_tablings),
        chunks=chunks,
        firsts=firsts,
        sizes=sizes,
    )
    return _encoder.encode(core), blobs


def decode_core(blob: bytes) -> Core:
    return _core_decoder.decode(blob)


class ChunkCache:
    """Decoded chunks by (collection, hash); the oldest entries go first when it is full.

    First in, first out rather than least recently used: a look-up is then one dict
    get, and assembling a state looks up hundreds of chunks.
    """

    def __init__(self, size: int = 8192) -> None:
        self.size = size
        self._items: dict[tuple[str, str], Any] = {}

    def get(self, name: str, digest: str) -> Any:
        """The chunk's records: a dict by id for moves and the like, a list for logs."""
        return self._items.get((name, digest))

    def put(self, name: str, digest: str, records: Any) -> None:
        self._items[(name, digest)] = records
        if len(self._items) > self.size:
            del self._items[next(iter(self._items))]

    def group(self, name: str, hashes: tuple[str, ...]) -> Any:
        """A cached group of chunks (see ``GROUP``), or None."""
        return self._items.get((name, "|".join(hashes)))

    def put_group(self, name: str, hashes: tuple[str, ...], group: Any) -> None:
        self.put(name, "|".join(hashes), group)


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


def _encode_chunk(name: str, records: list[Any]) -> bytes:
    """A chunk's bytes. Records with ids (moves, demands, ...) are a map of id to the
    record's own msgpack, so that each can be decoded alone; logs are a plain list."""
    if name in RECORDS:
        return _encoder.encode({r.id: msgspec.Raw(_encoder.encode(r)) for r in records})
    return _encoder.encode(records)


_raw_map_decoder = msgspec.msgpack.Decoder(dict[str, msgspec.Raw])
_void_decoder = msgspec.msgpack.Decoder(list[tuple[int, int]])
_record_decoders = {name: msgspec.msgpack.Decoder(kind) for name, kind in RECORDS.items()}


class LazyChunk(Mapping[str, Any]):
    """A chunk of records, each decoded when it is first read.

    The chunk cache holds these rather than decoded dicts. Opening a save or seeking far
    back reads the blobs (cheap); a fold then touches a record or two of an old chunk, and
    only those are decoded. Walking the whole chunk decodes the rest. The blob is read
    with the snapshot, so a state never needs the save again.
    """

    __slots__ = ("_blob", "_complete", "_name", "_raws", "_records", "_size")

    def __init__(self, name: str, blob: bytes, size: int) -> None:
        self._name, self._blob, self._size = name, blob, size
        self._raws: dict[str, msgspec.Raw] | None = None
        self._records: dict[str, Any] = {}
        self._complete = False

    def _raw(self) -> dict[str, msgspec.Raw]:
        """Each record's bytes by id: the map is read, the records are not built."""
        if self._raws is None:
            self._raws = _raw_map_decoder.decode(self._blob)
        return self._raws

    def _decoded(self) -> dict[str, Any]:
        """Every record, in the chunk's order."""
        if not self._complete:
            decoder, done = _record_decoders[self._name], self._records
            self._records = {
                key: done[key] if key in done else decoder.decode(raw)
                for key, raw in self._raw().items()
            }
            self._complete, self._raws, self._blob = True, None, b""
        return self._records

    def __getitem__(self, key: str) -> Any:
        found = self._records.get(key)
        if found is None:
            if self._complete:
                raise KeyError(key)
            found = self._records[key] = _record_decoders[self._name].decode(self._raw()[key])
        return found

    def __contains__(self, key: object) -> bool:
        if key in self._records:
            return True
        return not self._complete and key in self._raw()

    def __iter__(self) -> Iterator[str]:
        return iter(self._decoded())

    def __len__(self) -> int:
        return self._size

    def __reversed__(self) -> Iterator[str]:
        return reversed(self._decoded())

    def items(self) -> ItemsView[str, Any]:
        return self._decoded().items()

    def values(self) -> ValuesView[Any]:
        return self._decoded().values()


def _assemble(
    core: Core, cache: ChunkCache, fetch: Callable[[Sequence[str]], dict[str, bytes]]
) -> SessionState:
    plans = {
        name: _plan(cache, name, hashes) for name, hashes in core.chunks.items() if name != VOIDS
    }
    plans[VOIDS] = [(i, (d,), None) for i, d in enumerate(core.chunks.get(VOIDS, []))]
    chunks: dict[tuple[str, str], Any] = {}
    missing: list[tuple[str, str]] = []
    for name, plan in plans.items():
        for _, hashes, group in plan:
            if group is not None:
                continue
            for digest in hashes:
                found = cache.get(name, digest)
                chunks[name, digest] = found
                if found is None:
                    missing.append((name, digest))
    blobs = fetch(sorted({digest for _, digest in missing})) if missing else {}
    sizes = _sizes(core, {name for name, _ in missing if name in RECORDS})
    for name, digest in missing:
        if name in LISTS:  # lists are concatenated below, so they are needed now
            chunk: Any = _decoders[name].decode(blobs[digest])
        elif name == VOIDS:
            chunk = dict(_void_decoder.decode(blobs[digest]))
        else:
            chunk = LazyChunk(name, blobs[digest], sizes[name, digest])
        chunks[name, digest] = chunk
        cache.put(name, digest, chunk)
    state = SessionState(
        seq=core.seq,
        round=core.round,
        round_open=core.round_open,
        phase=core.phase,
        indicators=dict(core.indicators),
        voided=set(core.voided),
        void_targets=LayeredRecords(
            [chunks[VOIDS, d] for d in core.chunks.get(VOIDS, [])],
            seq_of=_int_key,
            starts=core.firsts.get(VOIDS, []),
        ),
        working_tablings=set(core.working_tablings),
    )
    for name in RECORDS:
        firsts = core.firsts.get(name, [])
        layers: list[Any] = []
        starts: list[int] = []
        for start, hashes, group in plans.get(name, []):
            if group is None and len(hashes) == GROUP:
                group = LayeredRecords(
                    [chunks[name, d] for d in hashes],
                    seq_of=seq_of_id,
                    starts=firsts[start : start + GROUP],
                )
                cache.put_group(name, hashes, group)
            layers.extend([group] if group is not None else [chunks[name, d] for d in hashes])
            starts.extend(
                [firsts[start]] if group is not None else firsts[start : start + len(hashes)]
            )
        # Chunks are shared, never copied or merged: see engine/layered.py.
        records = LayeredRecords(layers, boundary=core.seq, seq_of=seq_of_id, starts=starts)
        setattr(state, name, records)
    for name in LISTS:
        items: list[Any] = getattr(state, name)
        for _, hashes, group in plans.get(name, []):
            if group is None and len(hashes) == GROUP:
                group = [record for digest in hashes for record in chunks[name, digest]]
                cache.put_group(name, hashes, group)
            if group is not None:
                items.extend(group)
            else:
                for digest in hashes:
                    items.extend(chunks[name, digest])
    return state


def _int_key(key: object) -> int | None:
    """A void's seq is its own key in ``void_targets``."""
    return key if isinstance(key, int) else None


def _sizes(core: Core, names: set[str]) -> dict[tuple[str, str], int]:
    """The record count of each chunk of the named collections."""
    return {
        (name, digest): size
        for name in names
        for digest, size in zip(core.chunks.get(name, []), core.sizes.get(name, []), strict=True)
    }


Plan = list[tuple[int, tuple[str, ...], Any]]


def _plan(cache: ChunkCache, name: str, hashes: list[str]) -> Plan:
    """A collection's chunks as (first index, hashes, cached group or None): full groups of
    GROUP chunks from the start, then the chunks after the last full group one by one."""
    full = len(hashes) // GROUP * GROUP
    plan: Plan = []
    for start in range(0, full, GROUP):
        key = tuple(hashes[start : start + GROUP])
        plan.append((start, key, cache.group(name, key)))
    plan.extend((index, (hashes[index],), None) for index in range(full, len(hashes)))
    return plan
