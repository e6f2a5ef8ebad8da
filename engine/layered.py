"""A mapping of records over shared, read-only layers and a private top layer.

A snapshot's records come as chunks (``engine/snapshots.py``): dicts of the records
created in one range of sequence numbers, decoded once and shared by every state
assembled from them. Copying them into one new dict would make each seek cost as much
as the state is big; a ``LayeredRecords`` keeps them as they are and writes changes to
a small dict of its own on top. Seeking then costs the tail of the log it folds, not
the size of the session.

The layers never change and their keys are disjoint (a record sits in the chunk of the
seq that created it), which keeps ``len`` exact without looking at every key. Iteration
follows the layers in order, then the records only the top layer has: creation order,
as a dict built event by event would give.
"""

from __future__ import annotations

import bisect
from collections.abc import (
    Callable,
    Hashable,
    Iterable,
    Iterator,
    Mapping,
    MutableMapping,
    Sequence,
)
from typing import Any, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LayeredRecords(MutableMapping[K, V]):
    __slots__ = ("_boundary", "_layers", "_length", "_seq_of", "_starts", "_top")

    def __init__(
        self,
        layers: Sequence[Mapping[K, V]] = (),
        top: dict[K, V] | None = None,
        *,
        boundary: int | None = None,
        seq_of: Callable[[Any], int | None] | None = None,
        starts: Sequence[int] | None = None,
    ) -> None:
        """``boundary``: no record in the layers was created after this seq (a record's
        ``seq`` attribute), so a newer record is known to be new without a look.

        ``seq_of``: reads the creating seq from a key; with it, and layers in seq order,
        a key is looked up in the one layer whose range holds it (a bisection), not in
        every layer. ``starts`` gives each layer's first seq; by default it is read from
        each layer's first record.
        """
        kept = [i for i, layer in enumerate(layers) if len(layer)]  # empty ones hold nothing
        self._layers = tuple(layers[i] for i in kept)
        self._boundary = boundary
        self._seq_of = seq_of
        self._starts: list[int] = []
        if seq_of is not None:
            given = list(starts) if starts is not None else None
            self._starts = [given[i] if given else _first_seq(layers[i]) for i in kept]
        self._top: dict[K, V] = {} if top is None else top
        self._length = sum(len(layer) for layer in self._layers) + sum(
            1 for key in self._top if not self._in_layers(key)
        )

    def _layer_of(self, key: object) -> Mapping[K, V] | None:
        """The layer holding ``key``, if any."""
        if self._seq_of is not None:
            seq = self._seq_of(key)
            if seq is not None:
                index = bisect.bisect_right(self._starts, seq) - 1
                if index >= 0 and key in self._layers[index]:
                    return self._layers[index]
                return None
        for layer in reversed(self._layers):  # recent records are asked for most
            if key in layer:
                return layer
        return None

    def _in_layers(self, key: object) -> bool:
        return self._layer_of(key) is not None

    def __getitem__(self, key: K) -> V:
        top = self._top
        if key in top:
            return top[key]
        layer = self._layer_of(key)
        if layer is None:
            raise KeyError(key)
        return layer[key]

    def __contains__(self, key: object) -> bool:
        return key in self._top or self._in_layers(key)

    def __setitem__(self, key: K, value: V) -> None:
        top = self._top
        if key not in top:
            seq = getattr(value, "seq", None)
            newer = self._boundary is not None and isinstance(seq, int) and seq > self._boundary
            if newer or not self._in_layers(key):
                self._length += 1
        top[key] = value

    def __delitem__(self, key: K) -> None:
        if key in self._top and not self._in_layers(key):
            del self._top[key]
            self._length -= 1
            return
        raise TypeError("records in a snapshot's layers cannot be deleted; fold from earlier")

    def __len__(self) -> int:
        return self._length

    def __iter__(self) -> Iterator[K]:
        for layer in self._layers:
            yield from layer
        for key in self._top:
            if not self._in_layers(key):
                yield key

    def __reversed__(self) -> Iterator[K]:
        """Keys newest first; a layer is only read when the walk reaches it."""
        top = self._top
        for key in reversed(top):
            if not self._in_layers(key):
                yield key
        for layer in reversed(self._layers):
            # every layer is reversible: a dict, a LazyChunk or a group of them
            yield from reversed(layer)  # type: ignore[arg-type]

    def values(self) -> RecordValues[V]:  # type: ignore[override]
        """The records in creation order; ``reversed()`` gives them newest first, as a
        dict's values would (the app's tables read new records from the end)."""
        return RecordValues(self)

    def _values(self) -> Iterator[V]:
        top = self._top
        for layer in self._layers:
            if top:
                for key, value in layer.items():
                    yield top.get(key, value)
            else:
                yield from layer.values()
        for key, value in top.items():
            if not self._in_layers(key):
                yield value

    def items(self) -> Iterator[tuple[K, V]]:  # type: ignore[override]
        top = self._top
        for layer in self._layers:
            for key, value in layer.items():
                yield key, top.get(key, value)
        for key, value in top.items():
            if not self._in_layers(key):
                yield key, value

    def copy(self) -> LayeredRecords[K, V]:
        """A copy sharing the layers: it costs the size of the top layer only."""
        clone: LayeredRecords[K, V] = LayeredRecords.__new__(LayeredRecords)
        clone._layers = self._layers
        clone._boundary = self._boundary
        clone._seq_of = self._seq_of
        clone._starts = self._starts
        clone._top = dict(self._top)
        clone._length = self._length
        return clone

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Mapping):
            return NotImplemented
        return len(self) == len(other) and dict(self.items()) == dict(other.items())

    def __repr__(self) -> str:
        layers, top = len(self._layers), len(self._top)
        return f"LayeredRecords({layers} layers, {top} on top, {len(self)} records)"


class RecordValues(Iterable[V]):
    """``LayeredRecords.values()``: iterable, reversible and sized, like ``dict.values()``."""

    __slots__ = ("_records",)

    def __init__(self, records: LayeredRecords[Any, V]) -> None:
        self._records = records

    def __iter__(self) -> Iterator[V]:
        return self._records._values()

    def __reversed__(self) -> Iterator[V]:
        records = self._records
        return (records[key] for key in reversed(records))

    def __len__(self) -> int:
        return len(self._records)


def copy_records(records: MutableMapping[K, V]) -> MutableMapping[K, V]:
    """An independent copy of a record container: layered ones share their layers."""
    return records.copy() if isinstance(records, LayeredRecords) else dict(records)


def _first_seq(layer: Mapping[Any, object]) -> int:
    """The seq of a layer's first record (layers are in seq order); -1 when empty."""
    for record in layer.values():
        seq = getattr(record, "seq", None)
        return seq if isinstance(seq, int) else -1
    return -1
