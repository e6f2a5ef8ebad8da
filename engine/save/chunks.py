"""A snapshot's chunks: what each collection's chunk holds, its bytes, and the objects
they become in memory (see ``engine/save/snapshots.py`` for how a state is cut into chunks
and assembled from them, and ``docs/save-format.md`` for the bytes).

Every chunk is sealed with a CRC-32 and stored under the BLAKE2b digest of its sealed
bytes. A record chunk (moves, demands, commitments, agreements) is an index and a msgpack
array of its records, so one record can be found and decoded alone (``LazyChunk``) and a
whole chunk in one call; a log chunk is a msgpack list decoded when first read
(``LazyList``); the void bookkeeping and the sets are small and decoded at once.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import struct
import sys
import zlib
from collections.abc import Callable, ItemsView, Iterator, Mapping, Sequence, ValuesView
from typing import Any

import msgspec

from engine.digest import blake2b
from engine.domain.state import (
    Agreement,
    Bookmark,
    Commitment,
    Demand,
    Device,
    FiredInject,
    IndicatorChange,
    JoinCode,
    Message,
    Move,
    Note,
    Submission,
    agreement_id,
    code_id,
    commitment_id,
    demand_id,
    device_id,
    message_id,
    move_id,
    seq_of_id,
    submission_id,
)
from engine.errors import DamagedSnapshotError
from engine.save.layered import MISSING

# 3: record chunks carry an index of seqs and byte offsets; digests are 16 raw bytes in
# the core; the voided set is chunked like a collection. 4: chunks and cores are sealed
# with a CRC-32. 5: a record chunk's records are one msgpack array (decoded in one call)
CHUNK_FORMAT = 5


DIGEST = 16  # bytes of a chunk's BLAKE2b digest


VOIDS = "void_targets"  # (void seq, target) pairs, chunked by the void's seq


VOIDED = "voided"  # the seqs voided as of the snapshot, chunked by seq


TABLINGS = "working_tablings"  # one chunk: it is bounded (teams x teams x issues)


RECORDS: dict[str, tuple[type[Any], Callable[[int], str]]] = {
    "moves": (Move, move_id),
    "demands": (Demand, demand_id),
    "commitments": (Commitment, commitment_id),
    "agreements": (Agreement, agreement_id),
    "codes": (JoinCode, code_id),
    "devices": (Device, device_id),
    "submissions": (Submission, submission_id),
    "messages": (Message, message_id),
}


LISTS: dict[str, type[Any]] = {
    "indicator_log": IndicatorChange,
    "injects": FiredInject,
    "notes": Note,
    "bookmarks": Bookmark,
}


COLLECTIONS = (*RECORDS, *LISTS, VOIDS, VOIDED, TABLINGS)


_encoder = msgspec.msgpack.Encoder()


# The decoders are made when a snapshot is first read: making one resolves its record
# class, which a new session's start need not pay for.
@functools.cache
def _list_decoder(name: str) -> msgspec.msgpack.Decoder[list[Any]]:
    kind = LISTS[name]
    return msgspec.msgpack.Decoder(list[kind])  # type: ignore[valid-type]


@functools.cache
def _record_decoder(name: str) -> msgspec.msgpack.Decoder[Any]:
    return msgspec.msgpack.Decoder(RECORDS[name][0])


@functools.cache
def _chunk_decoder(name: str) -> msgspec.msgpack.Decoder[list[Any]]:
    kind = RECORDS[name][0]
    return msgspec.msgpack.Decoder(list[kind])  # type: ignore[valid-type]


_void_decoder = msgspec.msgpack.Decoder(list[tuple[int, int]])


_seqs_decoder = msgspec.msgpack.Decoder(list[int])


_LITTLE_ENDIAN = sys.byteorder == "little" and struct.calcsize("I") == 4


_strings_decoder = msgspec.msgpack.Decoder(list[str])


def digest_of(blob: bytes) -> bytes:
    return blake2b(blob, digest_size=DIGEST).digest()


def made_chunk(name: str, payload: bytes, items: list[Any], digest: bytes) -> Any:
    """A new chunk as the cache keeps it, with the entries it was made from."""
    if name in RECORDS:
        chunk = LazyChunk(name, payload, digest)
        chunk._records = {record.id: record for record in items}
        chunk._in_order = True
        return chunk
    if name in LISTS:
        made = LazyList(name, payload, len(items), digest, items[0].seq)
        made._items, made._blob = list(items), b""
        return made
    if name == VOIDS:
        return dict(items)
    return frozenset(items)


def encode_chunk(name: str, items: list[Any]) -> bytes:
    """A chunk's bytes. A record chunk is an index and the records' own msgpack (see
    ``LazyChunk``), so that one record can be decoded alone; the rest are msgpack lists."""
    if name in RECORDS:
        bodies = [_encoder.encode(record) for record in items]
        ends = itertools.accumulate(len(body) for body in bodies)
        count = len(items)
        index = struct.pack(f"<I{2 * count}I", count, *(r.seq for r in items), *ends)
        return index + array_header(count) + b"".join(bodies)
    return _encoder.encode(items)


def array_header(count: int) -> bytes:
    """msgpack's array-32 header: with it, a chunk's records read as one msgpack array."""
    return b"\xdd" + count.to_bytes(4, "big")


DECODE_ERRORS = (msgspec.DecodeError, msgspec.ValidationError, struct.error, ValueError)


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


def damaged(name: str, detail: str, digest: bytes = b"") -> DamagedSnapshotError:
    what = f"its chunk of {name} ({detail})"
    return DamagedSnapshotError(
        f"a snapshot of this save is damaged: {what}; the log is intact, and "
        "`python main.py check SAVE` names the snapshot",
        detail=what,
        digest=digest.hex(),
    )


class LazyChunk(Mapping[str, Any]):
    """A chunk of records, each decoded when it is first read.

    The chunk's bytes: a little-endian uint32 count n, the n records' seqs (ascending),
    the n offsets where each record's msgpack ends, then a msgpack array of the n
    records (its 5-byte header, then each record's msgpack; the offsets count from after
    the header). Looking a record up is a bisection of the seqs (ids carry the seq:
    ``m17``) and one decode of its slice; walking the chunk decodes the array in one
    call. The blob is read with the snapshot, so a state never needs the save again.
    """

    __slots__ = (
        "_blob",
        "_count",
        "_digest",
        "_ends",
        "_in_order",
        "_make_id",
        "_name",
        "_records",
        "_seqs",
    )

    def __init__(self, name: str, blob: bytes, digest: bytes = b"") -> None:
        self._name, self._blob, self._digest = name, blob, digest
        self._make_id = RECORDS[name][1]
        self._seqs: Sequence[int] | None = None
        self._ends: Sequence[int] = ()
        self._records: dict[str, Any] = {}
        self._in_order = False  # whether ``_records`` holds every record, in the chunk's order
        # the index must span the blob exactly: a cut or padded chunk is refused here,
        # not when some record of it is read
        try:
            self._count: int = struct.unpack_from("<I", blob)[0]
            body = self._body()
            last = struct.unpack_from("<I", blob, body - 9)[0] if self._count else 0
        except struct.error:
            raise damaged(name, f"{len(blob)} bytes, shorter than its index", digest) from None
        if body + last != len(blob) or blob[body - 5 : body] != array_header(self._count):
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
            return _record_decoder(self._name).decode(view)
        except DECODE_ERRORS as error:
            raise damaged(self._name, f"record {i}: {error}", self._digest) from None

    def _decoded(self) -> dict[str, Any]:
        """Every record, in the chunk's order."""
        if self._in_order:
            return self._records
        done = self._records  # records read before keep their identity
        if len(done) < self._count:
            try:
                every: list[Any] = _chunk_decoder(self._name).decode(
                    memoryview(self._blob)[self._body() - 5 :]
                )
            except DECODE_ERRORS as error:
                raise damaged(self._name, str(error), self._digest) from None
            self._records = {r.id: done.get(r.id, r) for r in every}
        else:  # every record was read one by one, in the order they were asked for
            self._records = {key: done[key] for key in self}
        self._in_order = True
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
        """The keys in the chunk's order, made from the index: walking the keys (a table
        counting its rows) decodes no record."""
        return map(self._make_id, self._index())

    def __len__(self) -> int:
        return self._count

    def __reversed__(self) -> Iterator[str]:
        return map(self._make_id, reversed(self._index()))

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
                items = _list_decoder(self._name).decode(self._blob)
            except DECODE_ERRORS as error:
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


def decode_chunk(name: str, blob: bytes, size: int, first: int, digest: bytes) -> Any:
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
        except DECODE_ERRORS as error:
            raise damaged(name, str(error), digest) from None
    if len(chunk) != size:
        raise damaged(name, f"{len(chunk)} entries where its snapshot says {size}", digest)
    return chunk
