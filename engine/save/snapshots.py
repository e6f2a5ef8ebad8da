"""Snapshots of the state, stored as a small core and shared chunks of records.

A full copy of the state every N events would make a save grow with the square of its
log, and seeking would decode everything each time. Instead, the records of each
collection (moves, demands, commitments, agreements, the indicator log, fired injects,
notes, bookmarks, and the fold's bookkeeping of voids) are cut into chunks by the seq
that created them (``CHUNK`` seqs a chunk). Each chunk is stored once under the hash of
its bytes, so a chunk that did not change since the last snapshot costs nothing more. A
snapshot row holds the core (round, phase, indicator values, ...) and the digests of its
chunks.

Seeking must not grow with the session, so assembling a state from a core does no work
per record and little per chunk:

* chunks are cached by digest and decoded lazily (``engine/save/chunks.py``): a record chunk
  carries an index (each record's seq and where its bytes end), so a fold that touches
  one old record decodes that record alone, and a log chunk is decoded when first read;
* runs of consecutive chunks (``LEVELS``: 64, 16 and 4 chunks, aligned) are cached as one
  layer keyed by their digests, so a state of a long session is about ten layers per
  collection, most of them shared with every nearby state;
* the containers (``engine/save/layered.py``) keep those layers as they are and take the
  fold's changes on top: nothing is copied or merged.
"""

from __future__ import annotations

import gc
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, NamedTuple

import msgspec

from engine.domain.state import SessionState, seq_of_id
from engine.errors import DamagedSnapshotError
from engine.save.chunks import (
    COLLECTIONS,
    DECODE_ERRORS,
    DIGEST,
    LISTS,
    RECORDS,
    TABLINGS,
    VOIDED,
    VOIDS,
    damaged,
    decode_chunk,
    digest_of,
    encode_chunk,
    made_chunk,
    seal,
    unseal,
)
from engine.save.layered import LayeredList, LayeredRecords, LayeredSet

CHUNK = 1000
LEVELS = (64, 16, 4)  # sizes of the runs of chunks cached as one layer, largest first


class Core(msgspec.Struct, array_like=True):
    seq: int
    round: int
    round_open: bool
    phase: int
    indicators: dict[str, float]
    chunks: dict[str, bytes]  # collection -> its chunks' digests, concatenated in seq order
    firsts: dict[str, list[int]]  # collection -> the seq of each chunk's first entry
    sizes: dict[str, list[int]]  # collection -> the number of entries in each chunk
    revealed: int = 0  # SessionState.revealed
    lobby_locked: bool = False

    def digests(self, name: str) -> list[bytes]:
        joined = self.chunks.get(name, b"")
        return [joined[i : i + DIGEST] for i in range(0, len(joined), DIGEST)]


_encoder = msgspec.msgpack.Encoder()
_core_decoder = msgspec.msgpack.Decoder(Core)


def chunk_hashes(core: Core) -> set[str]:
    """The keys (hex digests) of every chunk a core uses, as the ``chunks`` table has them."""
    return {d.hex() for name in core.chunks for d in core.digests(name)}


class Split(NamedTuple):
    """A state cut into a snapshot: its core, the chunks the save does not hold yet (as
    (hex digest, sealed bytes)), and every new chunk as the object the cache keeps, its
    entries already made (the state's own), so the state can sit on the snapshot at once."""

    core: Core
    blob: bytes
    new: list[tuple[str, bytes]]
    made: list[tuple[str, bytes, Any]]


Piece = tuple[bytes, int, int]  # a chunk's digest, the seq of its first entry, its size


def split(state: SessionState) -> Split:
    """Cut ``state`` into chunks; a chunk of a layer the fold has not touched since the
    state was assembled is the one the save holds already: its digest is reused, and it is
    neither read nor encoded (a snapshot of a long session costs what changed, not all).
    """
    pieces: dict[str, list[Piece]] = {}
    new: list[tuple[str, bytes]] = []
    made: list[tuple[str, bytes, Any]] = []

    def encoded(name: str, items: list[Any], seq_of: Callable[[Any], int]) -> Piece:
        payload = encode_chunk(name, items)
        blob = seal(payload)
        digest = digest_of(blob)
        new.append((digest.hex(), blob))
        made.append((name, digest, made_chunk(name, payload, items, digest)))
        return digest, seq_of(items[0]), len(items)

    for name in RECORDS:
        pieces[name] = _record_pieces(name, getattr(state, name), encoded)
    for name in LISTS:
        pieces[name] = _list_pieces(name, getattr(state, name), encoded)
    plain: dict[str, tuple[Iterable[Any], Callable[[Any], int]]] = {
        VOIDS: (state.void_targets.items(), _first_of_pair),
        VOIDED: (sorted(state.voided), _itself),
        TABLINGS: (sorted(state.working_tablings), _zero),
    }
    for name, (values, seq_of) in plain.items():  # small: encoded whole each time
        pieces[name] = _cut_whole(name, values, seq_of, encoded)
    core = Core(
        seq=state.seq,
        round=state.round,
        round_open=state.round_open,
        phase=state.phase,
        indicators=dict(state.indicators),
        chunks={name: b"".join(p[0] for p in found) for name, found in pieces.items()},
        firsts={name: [p[1] for p in found] for name, found in pieces.items()},
        sizes={name: [p[2] for p in found] for name, found in pieces.items()},
        revealed=state.revealed,
        lobby_locked=state.lobby_locked,
    )
    return Split(core, seal(_encoder.encode(core)), new, made)


Encode = Callable[[str, list[Any], Callable[[Any], int]], Piece]


def _cut_whole(
    name: str, values: Iterable[Any], seq_of: Callable[[Any], int], encoded: Encode
) -> list[Piece]:
    """Every chunk of a collection encoded from its entries (in seq order)."""
    return [
        encoded(name, list(group), seq_of)
        for _, group in itertools.groupby(values, key=lambda v: seq_of(v) // CHUNK)
    ]


def _record_pieces(name: str, records: Any, encoded: Encode) -> list[Piece]:
    """The chunks of moves (or demands, ...): reused where a layer is untouched."""
    if not isinstance(records, LayeredRecords):
        return _cut_whole(name, records.values(), _seq_attr, encoded)
    top = records._top
    touched = {seq // CHUNK for seq in map(seq_of_id, top) if seq is not None}
    out: dict[int, Piece] = {}
    dirty: dict[int, list[Any]] = {}
    for leaf, first in _leaves(records):
        index = first // CHUNK
        digest = getattr(leaf, "_digest", b"")
        if index not in touched and digest:
            out[index] = (digest, first, len(leaf))  # the save holds it as it is
        else:
            dirty[index] = [top.get(key, record) for key, record in leaf.items()]
    for key, record in top.items():  # records made since: after every record of a layer
        if not records._in_layers(key):
            dirty.setdefault(record.seq // CHUNK, []).append(record)
    for index, items in dirty.items():
        out[index] = encoded(name, items, _seq_attr)
    return [out[index] for index in sorted(out)]


def _list_pieces(name: str, items: Any, encoded: Encode) -> list[Piece]:
    """The chunks of a log: reused where a layer was not appended to."""
    if not isinstance(items, LayeredList):
        return _cut_whole(name, items, _seq_attr, encoded)
    top = items._top
    touched = {entry.seq // CHUNK for entry in top}
    out: dict[int, Piece] = {}
    dirty: dict[int, list[Any]] = {}
    for leaf in _list_leaves(items):
        first = getattr(leaf, "first", None)
        digest = getattr(leaf, "_digest", b"")
        if first is None or not digest:  # not a chunk of a snapshot: take its entries
            for entry in leaf:
                dirty.setdefault(entry.seq // CHUNK, []).append(entry)
        elif first // CHUNK not in touched:
            out[first // CHUNK] = (digest, first, len(leaf))
        else:
            dirty[first // CHUNK] = list(leaf)
    for entry in top:  # appended since, in seq order
        dirty.setdefault(entry.seq // CHUNK, []).append(entry)
    for index, entries in dirty.items():
        out[index] = encoded(name, entries, _seq_attr)
    return [out[index] for index in sorted(out)]


def _leaves(records: LayeredRecords[Any, Any]) -> Iterator[tuple[Any, int]]:
    """The chunks under a layered mapping (through runs of chunks), with their first seqs."""
    for layer, first in zip(records._layers, records._starts, strict=True):
        if isinstance(layer, LayeredRecords):
            yield from _leaves(layer)
        else:
            yield layer, first


def _list_leaves(items: LayeredList[Any]) -> Iterator[Any]:
    for layer in items._layers:
        if isinstance(layer, LayeredList):
            yield from _list_leaves(layer)
        else:
            yield layer


def _seq_attr(record: Any) -> int:
    return int(record.seq)


def _first_of_pair(pair: tuple[int, int]) -> int:
    return pair[0]


def _itself(seq: int) -> int:
    return seq


def _zero(_: object) -> int:
    return 0


def decode_core(blob: bytes) -> Core:
    payload = unseal(blob)
    if payload is None:
        raise DamagedSnapshotError("its core does not match its checksum")
    try:
        return _core_decoder.decode(payload)
    except DECODE_ERRORS as error:
        raise DamagedSnapshotError(f"its core cannot be read ({error})") from None


class ChunkCache:
    """Decoded chunks, and layers made of runs of chunks, by (collection, digests); the
    oldest entries go first when it is full.

    First in, first out rather than least recently used: a look-up is then one dict
    get, and assembling a state looks up dozens of layers.
    """

    def __init__(self, size: int = 8192) -> None:
        self.size = size
        self._items: dict[tuple[str, bytes], Any] = {}

    def get(self, name: str, digests: bytes) -> Any:
        return self._items.get((name, digests))

    def put(self, name: str, digests: bytes, layer: Any) -> None:
        self._items[(name, digests)] = layer
        if len(self._items) > self.size:
            del self._items[next(iter(self._items))]


def assemble(
    core: Core, cache: ChunkCache, fetch: Callable[[Sequence[str]], dict[str, bytes]]
) -> SessionState:
    """The state a core describes; ``fetch`` reads chunk blobs (by hex digest) that are
    not cached.

    Records hold no cycles, so the cyclic garbage collector is paused while they are
    made (it would otherwise scan the growing heap again and again).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _assemble(core, cache, fetch)
    except (IndexError, KeyError) as error:  # a core whose lists disagree with each other
        raise DamagedSnapshotError(f"its core does not add up ({error!r})") from None
    finally:
        if enabled:
            gc.enable()


Span = tuple[int, int, bytes]  # first chunk index, number of chunks, their digests


def spans(joined: bytes) -> list[Span]:
    """A collection's chunks as aligned runs: as many runs of the largest of ``LEVELS``
    as fit from the start, then of the next, and so on, then single chunks. Each level
    divides the one before, so every run starts at a multiple of its size, and runs of
    old chunks are the same in every later snapshot (until one of their records
    changes): their layers are shared through the cache."""
    count = len(joined) // DIGEST
    out: list[Span] = []
    index = 0
    for size in (*LEVELS, 1):
        while index + size <= count:
            out.append((index, size, joined[index * DIGEST : (index + size) * DIGEST]))
            index += size
    return out


def _assemble(
    core: Core, cache: ChunkCache, fetch: Callable[[Sequence[str]], dict[str, bytes]]
) -> SessionState:
    plans: dict[str, list[tuple[Span, Any]]] = {}
    # chunks to find in the cache or read: (size, first seq)
    wanted: dict[tuple[str, bytes], tuple[int, int]] = {}
    for name in COLLECTIONS:
        plan = plans[name] = []
        for span in spans(core.chunks.get(name, b"")):
            layer = cache.get(name, span[2])
            plan.append((span, layer))
            if layer is None:
                index, size, joined = span
                counts = core.sizes[name]
                for i in range(size):
                    wanted[name, joined[i * DIGEST : (i + 1) * DIGEST]] = (
                        counts[index + i],
                        core.firsts[name][index + i],
                    )
    chunks = {key: cache.get(*key) for key in wanted}
    missing = [key for key, chunk in chunks.items() if chunk is None]
    if missing:
        blobs = fetch([digest.hex() for _, digest in missing])
        for name, digest in missing:
            blob = blobs.get(digest.hex())
            if blob is None:
                raise damaged(name, f"chunk {digest.hex()} is missing")
            payload = unseal(blob)
            if payload is None:
                raise damaged(name, f"chunk {digest.hex()} does not match its checksum", digest)
            chunk = decode_chunk(name, payload, *wanted[name, digest], digest)
            chunks[name, digest] = chunk
            cache.put(name, digest, chunk)
    layers: dict[str, tuple[list[Any], list[int]]] = {}
    for name, plan in plans.items():
        firsts = core.firsts.get(name, [])
        found, starts = [], []
        for (index, size, joined), layer in plan:
            if layer is None:
                members = [
                    chunks[name, joined[i : i + DIGEST]] for i in range(0, len(joined), DIGEST)
                ]
                layer = members[0] if size == 1 else _run(name, members, firsts[index:])
                if size > 1:
                    cache.put(name, joined, layer)
            found.append(layer)
            starts.append(firsts[index])
        layers[name] = found, starts
    voids, void_starts = layers[VOIDS]
    state = SessionState(
        seq=core.seq,
        round=core.round,
        round_open=core.round_open,
        phase=core.phase,
        revealed=core.revealed,
        indicators=dict(core.indicators),
        lobby_locked=core.lobby_locked,
        voided=LayeredSet(*layers[VOIDED]),
        void_targets=LayeredRecords(voids, seq_of=_int_key, starts=void_starts),
        working_tablings=LayeredSet(layers[TABLINGS][0]),
    )
    for name in RECORDS:
        found, starts = layers[name]
        # Chunks are shared, never copied or merged: see engine/save/layered.py.
        setattr(
            state,
            name,
            LayeredRecords(found, boundary=core.seq, seq_of=seq_of_id, starts=starts),
        )
    for name in LISTS:
        setattr(state, name, LayeredList(layers[name][0]))
    return state


def _run(name: str, members: list[Any], firsts: list[int]) -> Any:
    """One layer made of a run of consecutive chunks (flat: a look-up is one bisection)."""
    if name in LISTS:
        return LayeredList(members)
    if name == VOIDED:
        return frozenset().union(*members)
    seq_of = _int_key if name == VOIDS else seq_of_id
    return LayeredRecords(members, seq_of=seq_of, starts=firsts[: len(members)])


def _int_key(key: object) -> int | None:
    """A void's seq is its own key in ``void_targets``."""
    return key if isinstance(key, int) else None
