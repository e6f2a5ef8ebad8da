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

* chunks are cached by digest and decoded lazily: a record chunk carries an index (each
  record's seq and where its bytes end), so a fold that touches one old record decodes
  that record alone, and a log chunk is decoded when it is first read;
* runs of consecutive chunks (``LEVELS``: 64, 16 and 4 chunks, aligned) are cached as one
  layer keyed by their digests, so a state of a long session is about ten layers per
  collection, most of them shared with every nearby state;
* the containers (``engine/layered.py``) keep those layers as they are and take the
  fold's changes on top: nothing is copied or merged.
"""

from __future__ import annotations

import bisect
import gc
import itertools
import struct
import sys
import zlib
from collections.abc import Callable, ItemsView, Iterable, Iterator, Mapping, Sequence, ValuesView
from typing import Any, NamedTuple

import msgspec

from engine.digest import blake2b
from engine.errors import DamagedSnapshotError
from engine.layered import MISSING, LayeredList, LayeredRecords, LayeredSet
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
    agreement_id,
    commitment_id,
    demand_id,
    move_id,
    seq_of_id,
)

CHUNK = 1000
# 3: record chunks carry an index of seqs and byte offsets; digests are 16 raw bytes in
# the core; the voided set is chunked like a collection. 4: chunks and cores are sealed
# with a CRC-32. 5: a record chunk's records are one msgpack array (decoded in one call)
CHUNK_FORMAT = 5
DIGEST = 16  # bytes of a chunk's BLAKE2b digest
LEVELS = (64, 16, 4)  # sizes of the runs of chunks cached as one layer, largest first
VOIDS = "void_targets"  # (void seq, target) pairs, chunked by the void's seq
VOIDED = "voided"  # the seqs voided as of the snapshot, chunked by seq
TABLINGS = "working_tablings"  # one chunk: it is bounded (teams x teams x issues)
RECORDS: dict[str, tuple[type[Any], Callable[[int], str]]] = {
    "moves": (Move, move_id),
    "demands": (Demand, demand_id),
    "commitments": (Commitment, commitment_id),
    "agreements": (Agreement, agreement_id),
}
LISTS: dict[str, type[Any]] = {
    "indicator_log": IndicatorChange,
    "injects": FiredInject,
    "notes": Note,
    "bookmarks": Bookmark,
}
COLLECTIONS = (*RECORDS, *LISTS, VOIDS, VOIDED, TABLINGS)


class Core(msgspec.Struct, array_like=True):
    seq: int
    round: int
    round_open: bool
    phase: int
    indicators: dict[str, float]
    chunks: dict[str, bytes]  # collection -> its chunks' digests, concatenated in seq order
    firsts: dict[str, list[int]]  # collection -> the seq of each chunk's first entry
    sizes: dict[str, list[int]]  # collection -> the number of entries in each chunk

    def digests(self, name: str) -> list[bytes]:
        joined = self.chunks.get(name, b"")
        return [joined[i : i + DIGEST] for i in range(0, len(joined), DIGEST)]


_encoder = msgspec.msgpack.Encoder()
_core_decoder = msgspec.msgpack.Decoder(Core)
_list_decoders = {
    name: msgspec.msgpack.Decoder(list[kind])  # type: ignore[valid-type]
    for name, kind in LISTS.items()
}
_record_decoders = {name: msgspec.msgpack.Decoder(kind) for name, (kind, _) in RECORDS.items()}
_chunk_decoders = {
    name: msgspec.msgpack.Decoder(list[kind])  # type: ignore[valid-type]
    for name, (kind, _) in RECORDS.items()
}
_void_decoder = msgspec.msgpack.Decoder(list[tuple[int, int]])
_seqs_decoder = msgspec.msgpack.Decoder(list[int])
_LITTLE_ENDIAN = sys.byteorder == "little" and struct.calcsize("I") == 4
_strings_decoder = msgspec.msgpack.Decoder(list[str])


def digest_of(blob: bytes) -> bytes:
    return blake2b(blob, digest_size=DIGEST).digest()


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
        payload = _encode_chunk(name, items)
        blob = seal(payload)
        digest = digest_of(blob)
        new.append((digest.hex(), blob))
        made.append((name, digest, _made_chunk(name, payload, items, digest)))
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
        pieces[name] = [
            encoded(name, list(group), seq_of)
            for _, group in itertools.groupby(values, key=lambda v: seq_of(v) // CHUNK)
        ]
    core = Core(
        seq=state.seq,
        round=state.round,
        round_open=state.round_open,
        phase=state.phase,
        indicators=dict(state.indicators),
        chunks={name: b"".join(p[0] for p in found) for name, found in pieces.items()},
        firsts={name: [p[1] for p in found] for name, found in pieces.items()},
        sizes={name: [p[2] for p in found] for name, found in pieces.items()},
    )
    return Split(core, seal(_encoder.encode(core)), new, made)


Encode = Callable[[str, list[Any], Callable[[Any], int]], Piece]


def _record_pieces(name: str, records: Any, encoded: Encode) -> list[Piece]:
    """The chunks of moves (or demands, ...): reused where a layer is untouched."""
    if not isinstance(records, LayeredRecords):
        return [
            encoded(name, list(group), _seq_attr)
            for _, group in itertools.groupby(records.values(), key=lambda r: r.seq // CHUNK)
        ]
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
        return [
            encoded(name, list(group), _seq_attr)
            for _, group in itertools.groupby(items, key=lambda e: e.seq // CHUNK)
        ]
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


def _made_chunk(name: str, payload: bytes, items: list[Any], digest: bytes) -> Any:
    """A new chunk as the cache keeps it, with the entries it was made from."""
    if name in RECORDS:
        chunk = LazyChunk(name, payload, digest)
        chunk._records = {record.id: record for record in items}
        return chunk
    if name in LISTS:
        made = LazyList(name, payload, len(items), digest, items[0].seq)
        made._items, made._blob = list(items), b""
        return made
    if name == VOIDS:
        return dict(items)
    return frozenset(items)


def _seq_attr(record: Any) -> int:
    return int(record.seq)


def _first_of_pair(pair: tuple[int, int]) -> int:
    return pair[0]


def _itself(seq: int) -> int:
    return seq


def _zero(_: object) -> int:
    return 0


def _encode_chunk(name: str, items: list[Any]) -> bytes:
    """A chunk's bytes. A record chunk is an index and the records' own msgpack (see
    ``LazyChunk``), so that one record can be decoded alone; the rest are msgpack lists."""
    if name in RECORDS:
        bodies = [_encoder.encode(record) for record in items]
        ends = itertools.accumulate(len(body) for body in bodies)
        count = len(items)
        index = struct.pack(f"<I{2 * count}I", count, *(r.seq for r in items), *ends)
        return index + _array_header(count) + b"".join(bodies)
    return _encoder.encode(items)


def _array_header(count: int) -> bytes:
    """msgpack's array-32 header: with it, a chunk's records read as one msgpack array."""
    return b"\xdd" + count.to_bytes(4, "big")


_DECODE_ERRORS = (msgspec.DecodeError, msgspec.ValidationError, struct.error, ValueError)


def seal(payload: bytes) -> bytes:
    """``payload`` behind its CRC-32 (4 bytes, little-endian).

    A chunk is stored under its BLAKE2b digest, but checking that on every read would
    cost a seek more than reading does; the CRC catches a damaged blob for a tenth of
    it, when the snapshot is assembled, so the fold can go round the damage at once
    rather than fail later in the middle of reading a record."""
    return zlib.crc32(payload).to_bytes(4, "little") + payload


def unseal(blob: bytes) -> bytes | None:
    """The payload of a sealed blob, or None when it does not match its CRC."""
    if len(blob) < 4 or zlib.crc32(memoryview(blob)[4:]) != int.from_bytes(blob[:4], "little"):
        return None
    return blob[4:]


def decode_core(blob: bytes) -> Core:
    payload = unseal(blob)
    if payload is None:
        raise DamagedSnapshotError("its core does not match its checksum")
    try:
        return _core_decoder.decode(payload)
    except _DECODE_ERRORS as error:
        raise DamagedSnapshotError(f"its core cannot be read ({error})") from None


def damaged(name: str, detail: str, digest: bytes = b"") -> DamagedSnapshotError:
    what = f"its chunk of {name} ({detail})"
    return DamagedSnapshotError(
        f"a snapshot of this save is damaged: {what}; the log is intact, and "
        "`python main.py check SAVE` names the snapshot",
        detail=what,
        digest=digest.hex(),
    )


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


class LazyChunk(Mapping[str, Any]):
    """A chunk of records, each decoded when it is first read.

    The chunk's bytes: a little-endian uint32 count n, the n records' seqs (ascending),
    the n offsets where each record's msgpack ends, then a msgpack array of the n
    records (its 5-byte header, then each record's msgpack; the offsets count from after
    the header). Looking a record up is a bisection of the seqs (ids carry the seq:
    ``m17``) and one decode of its slice; walking the chunk decodes the array in one
    call. The blob is read with the snapshot, so a state never needs the save again.
    """

    __slots__ = ("_blob", "_count", "_digest", "_ends", "_make_id", "_name", "_records", "_seqs")

    def __init__(self, name: str, blob: bytes, digest: bytes = b"") -> None:
        self._name, self._blob, self._digest = name, blob, digest
        self._make_id = RECORDS[name][1]
        self._seqs: Sequence[int] | None = None
        self._ends: Sequence[int] = ()
        self._records: dict[str, Any] = {}
        # the index must span the blob exactly: a cut or padded chunk is refused here,
        # not when some record of it is read
        try:
            self._count: int = struct.unpack_from("<I", blob)[0]
            body = self._body()
            last = struct.unpack_from("<I", blob, body - 9)[0] if self._count else 0
        except struct.error:
            raise damaged(name, f"{len(blob)} bytes, shorter than its index", digest) from None
        if body + last != len(blob) or blob[body - 5 : body] != _array_header(self._count):
            raise damaged(name, f"{len(blob)} bytes where its index says {body + last}", digest)

    def _body(self) -> int:
        """Where the first record's bytes start."""
        return 4 + 8 * self._count + 5

    def _index(self) -> Sequence[int]:
        if self._seqs is None:
            count = self._count
            if _LITTLE_ENDIAN:  # read in place: no tuple of a thousand ints per chunk
                both: Sequence[int] = memoryview(self._blob)[4 : 4 + 8 * count].cast("I")
            else:
                both = struct.unpack_from(f"<{2 * count}I", self._blob, 4)
            self._seqs, self._ends = both[:count], both[count:]
        return self._seqs

    def _position(self, key: object, seq: int | None = None) -> int:
        """The record's place in the chunk, or -1 (``seq``: the key's, if known)."""
        if seq is None:
            seq = seq_of_id(key)
        if seq is None or key != self._make_id(seq):
            return -1
        seqs = self._index()
        i = bisect.bisect_left(seqs, seq)
        return i if i < self._count and seqs[i] == seq else -1

    def _decode(self, i: int) -> Any:
        body = self._body()
        start = body + (self._ends[i - 1] if i else 0)
        view = memoryview(self._blob)[start : body + self._ends[i]]
        try:
            return _record_decoders[self._name].decode(view)
        except _DECODE_ERRORS as error:
            raise damaged(self._name, f"record {i}: {error}", self._digest) from None

    def _decoded(self) -> dict[str, Any]:
        """Every record, in the chunk's order."""
        if len(self._records) < self._count:
            try:
                every: list[Any] = _chunk_decoders[self._name].decode(
                    memoryview(self._blob)[self._body() - 5 :]
                )
            except _DECODE_ERRORS as error:
                raise damaged(self._name, str(error), self._digest) from None
            done = self._records  # records read before keep their identity
            self._records = {r.id: done.get(r.id, r) for r in every}
        return self._records

    def find(self, key: object, seq: int | None = None) -> Any:
        """The record of ``key``, or ``MISSING`` (see ``LayeredRecords.find``)."""
        found = self._records.get(key, MISSING)  # type: ignore[call-overload]
        if found is MISSING and len(self._records) < self._count:
            i = self._position(key, seq)
            if i >= 0:
                found = self._records[key] = self._decode(i)  # type: ignore[index]
        return found

    def __getitem__(self, key: str) -> Any:
        found = self.find(key)
        if found is MISSING:
            raise KeyError(key)
        return found

    def holds(self, key: object, seq: int | None = None) -> bool:
        """Whether the chunk has ``key``, without decoding it (``seq``: the key's)."""
        return key in self._records or self._position(key, seq) >= 0

    def __contains__(self, key: object) -> bool:
        return self.holds(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._decoded())

    def __len__(self) -> int:
        return self._count

    def __reversed__(self) -> Iterator[str]:
        return reversed(self._decoded())

    def items(self) -> ItemsView[str, Any]:
        return self._decoded().items()

    def values(self) -> ValuesView[Any]:
        return self._decoded().values()


class LazyList(Sequence[Any]):
    """A chunk of a log, decoded when it is first read (its length is in the core)."""

    __slots__ = ("_blob", "_digest", "_items", "_name", "_size", "first")

    def __init__(
        self, name: str, blob: bytes, size: int, digest: bytes = b"", first: int | None = None
    ) -> None:
        self._name, self._blob, self._size, self._digest = name, blob, size, digest
        self.first = first  # the seq of its first entry, from the snapshot's core
        self._items: list[Any] | None = None

    def _all(self) -> list[Any]:
        if self._items is None:
            try:
                items = _list_decoders[self._name].decode(self._blob)
            except _DECODE_ERRORS as error:
                raise damaged(self._name, str(error), self._digest) from None
            if len(items) != self._size:
                detail = f"{len(items)} entries where its snapshot says {self._size}"
                raise damaged(self._name, detail, self._digest)
            self._items, self._blob = items, b""
        return self._items

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, index: Any) -> Any:
        return self._all()[index]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._all())

    def __reversed__(self) -> Iterator[Any]:
        return reversed(self._all())


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
            chunk = _decode_chunk(name, payload, *wanted[name, digest], digest)
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
        indicators=dict(core.indicators),
        voided=LayeredSet(*layers[VOIDED]),
        void_targets=LayeredRecords(voids, seq_of=_int_key, starts=void_starts),
        working_tablings=LayeredSet(layers[TABLINGS][0]),
    )
    for name in RECORDS:
        found, starts = layers[name]
        # Chunks are shared, never copied or merged: see engine/layered.py.
        setattr(
            state,
            name,
            LayeredRecords(found, boundary=core.seq, seq_of=seq_of_id, starts=starts),
        )
    for name in LISTS:
        setattr(state, name, LayeredList(layers[name][0]))
    return state


def _decode_chunk(name: str, blob: bytes, size: int, first: int, digest: bytes) -> Any:
    if name in RECORDS:
        chunk: Any = LazyChunk(name, blob, digest)
    elif name in LISTS:
        chunk = LazyList(name, blob, size, digest, first)
    else:
        try:
            if name == VOIDS:
                chunk = dict(_void_decoder.decode(blob))
            elif name == TABLINGS:
                chunk = frozenset(_strings_decoder.decode(blob))
            else:
                chunk = frozenset(_seqs_decoder.decode(blob))
        except _DECODE_ERRORS as error:
            raise damaged(name, str(error), digest) from None
    if len(chunk) != size:
        raise damaged(name, f"{len(chunk)} entries where its snapshot says {size}", digest)
    return chunk


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
