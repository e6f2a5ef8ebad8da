"""Containers over shared, read-only layers and a private top layer.

A snapshot's records come as chunks (``engine/save/snapshots.py``): dicts of the records
created in one range of sequence numbers, decoded once and shared by every state
assembled from them. Copying them into one new dict would make each seek cost as much
as the state is big; a ``LayeredRecords`` keeps them as they are and writes changes to
a small dict of its own on top. Seeking then costs the tail of the log it folds, not
the size of the session.

The layers never change and their keys are disjoint (a record sits in the chunk of the
seq that created it), which keeps ``len`` exact without looking at every key. Iteration
follows the layers in order, then the records only the top layer has: creation order,
as a dict built event by event would give.

``LayeredList`` does the same for the logs (indicator changes, injects, notes,
bookmarks: layers of entries, appends on top), and ``LayeredSet`` for sets (the voided
seqs, as layers of seqs by range; the demands tabled at working rounds), with the fold's
additions and removals on top.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import (
    Callable,
    Hashable,
    Iterable,
    Iterator,
    Mapping,
    MutableMapping,
    MutableSequence,
    MutableSet,
    Sequence,
    Set,
)
from typing import Any, TypeVar, overload

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


MISSING: Any = object()  # what ``find`` gives for a key that is not there


def find_in(layer: Mapping[Any, Any], key: object, seq: int | None) -> Any:
    """``layer``'s value of ``key``, or ``MISSING``: through the layer's own ``find``
    where it has one (layered records, lazily decoded chunks), else ``get``."""
    finder = getattr(layer, "find", None)
    if finder is not None:
        return finder(key, seq)
    return layer.get(key, MISSING)


class LayeredRecords(MutableMapping[K, V]):
    __slots__ = ("_boundary", "_found", "_layers", "_length", "_seq_of", "_starts", "_top")

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
        self._found: object = MISSING  # the last key found in the layers (see __setitem__)
        self._length = sum(len(layer) for layer in self._layers) + sum(
            1 for key in self._top if not self._in_layers(key)
        )

    def _leaf(self, seq: int) -> Mapping[Any, Any] | None:
        """The innermost layer whose seq range holds ``seq``, walking into runs of chunks
        (``engine/save/snapshots.py`` nests them one deep); None when no range holds it."""
        starts, layers = self._starts, self._layers
        while True:
            index = bisect.bisect_right(starts, seq) - 1
            if index < 0:
                return None
            layer = layers[index]
            if type(layer) is not LayeredRecords or layer._top or layer._seq_of is not self._seq_of:
                return layer
            starts, layers = layer._starts, layer._layers

    def _seq(self, key: object) -> int | None:
        """The seq of ``key`` when the layers are indexed by seq; -1 when it is newer than
        every record in them; None when they are not indexed or it has none."""
        if self._seq_of is None:
            return None
        seq = self._seq_of(key)
        if seq is not None and self._boundary is not None and seq > self._boundary:
            return -1
        return seq

    def _in_layers(self, key: object) -> bool:
        seq = self._seq(key)
        if seq is None:
            return any(key in layer for layer in reversed(self._layers))
        leaf = self._leaf(seq) if seq >= 0 else None
        if leaf is None:
            return False
        holds = getattr(leaf, "holds", None)
        return bool(holds(key, seq)) if holds is not None else key in leaf

    def find(self, key: object, seq: int | None = None) -> Any:
        """The value of ``key``, or ``MISSING``; ``seq``: the key's seq, if known.

        One walk down to the chunk holding the key, where ``key in`` then ``[key]``
        would walk twice (a look-up of an old record passes a run of chunks, then the
        chunk).
        """
        value = self._top.get(key, MISSING)  # type: ignore[arg-type]
        if value is not MISSING:
            return value
        if seq is None or self._seq_of is None:
            seq = self._seq(key)
        if seq is None:
            for layer in reversed(self._layers):  # recent records are asked for most
                value = find_in(layer, key, None)
                if value is not MISSING:
                    self._found = key
                    return value
            return MISSING
        leaf = self._leaf(seq) if seq >= 0 else None
        value = MISSING if leaf is None else find_in(leaf, key, seq)
        if value is not MISSING:
            self._found = key
        return value

    def __getitem__(self, key: K) -> V:
        value = self.find(key)
        if value is MISSING:
            raise KeyError(key)
        return value

    def get(self, key: K, default: Any = None) -> Any:
        value = self.find(key)
        return default if value is MISSING else value

    def __contains__(self, key: object) -> bool:
        return key in self._top or self._in_layers(key)

    def __setitem__(self, key: K, value: V) -> None:
        top = self._top
        # a fold reads a record and then replaces it: the read found it in the layers
        if key not in top and key != self._found:
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
        # chained, not yielded: a key passes through no Python frame however deep the
        # layers are nested (a table of 30,000 moves walks them all when a save opens)
        layers = itertools.chain.from_iterable(self._layers)
        return itertools.chain(layers, itertools.filterfalse(self._in_layers, self._top))

    def __reversed__(self) -> Iterator[K]:
        """Keys newest first; a layer is only read when the walk reaches it."""
        top = itertools.filterfalse(self._in_layers, reversed(self._top))
        # every layer is reversible: a dict, a LazyChunk or a group of them
        layers: Iterator[Iterator[K]] = (
            reversed(layer)  # type: ignore[arg-type]
            for layer in reversed(self._layers)
        )
        return itertools.chain(top, itertools.chain.from_iterable(layers))

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
        clone._found = self._found
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


def copy_list(items: MutableSequence[V]) -> MutableSequence[V]:
    """An independent copy of a log: layered ones share their layers."""
    return items.copy() if isinstance(items, LayeredList) else list(items)


def copy_set(items: MutableSet[K]) -> MutableSet[K]:
    """An independent copy of a set: layered ones share their layers."""
    return items.copy() if isinstance(items, LayeredSet) else set(items)


class LayeredList(MutableSequence[V]):
    """A list over read-only layers (sequences, shared) and a private top list.

    A fold only appends to a log, so appends (and changes to entries appended here) go
    to the top; the layers' entries can be read, never replaced or removed.
    """

    __slots__ = ("_ends", "_layers", "_top")

    def __init__(self, layers: Iterable[Sequence[V]] = (), top: list[V] | None = None) -> None:
        self._layers = tuple(layer for layer in layers if len(layer))
        self._ends: list[int] = []  # the index after each layer's last entry
        count = 0
        for layer in self._layers:
            count += len(layer)
            self._ends.append(count)
        self._top: list[V] = [] if top is None else top

    def _base(self) -> int:
        """The number of entries in the layers."""
        return self._ends[-1] if self._ends else 0

    def __len__(self) -> int:
        return self._base() + len(self._top)

    @overload
    def __getitem__(self, index: int) -> V: ...
    @overload
    def __getitem__(self, index: slice) -> list[V]: ...
    def __getitem__(self, index: int | slice) -> V | list[V]:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step == 1 and start >= self._base():  # the common case: a recent tail
                return self._top[start - self._base() : stop - self._base()]
            return [self[i] for i in range(start, stop, step)]
        position = self._position(index)
        base = self._base()
        if position >= base:
            return self._top[position - base]
        layer = bisect.bisect_right(self._ends, position)
        return self._layers[layer][position - (self._ends[layer - 1] if layer else 0)]

    def _position(self, index: int) -> int:
        length = len(self)
        position = index + length if index < 0 else index
        if not 0 <= position < length:
            raise IndexError("list index out of range")
        return position

    def __setitem__(self, index: Any, value: Any) -> None:
        if isinstance(index, int) and self._position(index) >= self._base():
            self._top[self._position(index) - self._base()] = value
            return
        raise TypeError("entries in a snapshot's layers cannot be replaced; fold from earlier")

    def __delitem__(self, index: Any) -> None:
        if isinstance(index, int) and self._position(index) >= self._base():
            del self._top[self._position(index) - self._base()]
            return
        raise TypeError("entries in a snapshot's layers cannot be removed; fold from earlier")

    def insert(self, index: int, value: V) -> None:
        if index < len(self):
            raise TypeError("a layered list only grows at its end")
        self._top.append(value)

    def append(self, value: V) -> None:
        self._top.append(value)

    def extend(self, values: Iterable[V]) -> None:
        self._top.extend(values)

    def __iter__(self) -> Iterator[V]:
        for layer in self._layers:
            yield from layer
        yield from self._top

    def __reversed__(self) -> Iterator[V]:
        yield from reversed(self._top)
        for layer in reversed(self._layers):
            yield from reversed(layer)

    def copy(self) -> LayeredList[V]:
        """A copy sharing the layers: it costs the size of the top list only."""
        clone: LayeredList[V] = LayeredList.__new__(LayeredList)
        clone._layers, clone._ends, clone._top = self._layers, self._ends, list(self._top)
        return clone

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # mutable, like a list

    def __repr__(self) -> str:
        return (
            f"LayeredList({len(self._layers)} layers, {len(self._top)} on top, {len(self)} entries)"
        )


class LayeredSet(MutableSet[K]):
    """A set over read-only, disjoint layers (shared) and the fold's own additions and
    removals.

    With ``starts``, the items are seqs and each layer holds one ascending range of
    them (``starts[i]`` is the least seq layer ``i`` may hold), so a look-up is one
    bisection; without, every layer is asked.
    """

    __slots__ = ("_added", "_last", "_layers", "_length", "_removed", "_starts")

    def __init__(self, layers: Sequence[Set[K]] = (), starts: Sequence[int] | None = None) -> None:
        kept = [i for i, layer in enumerate(layers) if len(layer)]
        self._layers = tuple(layers[i] for i in kept)
        self._starts = None if starts is None else [starts[i] for i in kept]
        self._added: set[K] = set()
        self._removed: set[K] = set()
        self._length = sum(len(layer) for layer in self._layers)
        newest: Any = self._layers[-1] if self._layers and starts is not None else (-1,)
        self._last: Any = max(newest)  # no later seq is in the layers

    def __contains__(self, item: object) -> bool:
        if item in self._added:
            return True
        starts = self._starts
        if starts is None:
            return item not in self._removed and any(item in layer for layer in self._layers)
        # a fold asks about every event it applies, nearly always newer than the layers
        if not isinstance(item, int) or item > self._last or item in self._removed:
            return False
        index = bisect.bisect_right(starts, item) - 1
        return index >= 0 and item in self._layers[index]

    def add(self, item: K) -> None:
        if item in self:
            return
        if item in self._removed:
            self._removed.discard(item)
        else:
            self._added.add(item)
        self._length += 1

    def discard(self, item: K) -> None:
        if item not in self:
            return
        if item in self._added:
            self._added.discard(item)
        else:
            self._removed.add(item)
        self._length -= 1

    def __len__(self) -> int:
        return self._length

    def __iter__(self) -> Iterator[K]:
        removed = self._removed
        for layer in self._layers:
            yield from (item for item in layer if item not in removed) if removed else layer
        yield from self._added

    def copy(self) -> LayeredSet[K]:
        clone: LayeredSet[K] = LayeredSet.__new__(LayeredSet)
        clone._layers, clone._starts, clone._length = self._layers, self._starts, self._length
        clone._last = self._last
        clone._added, clone._removed = set(self._added), set(self._removed)
        return clone

    def __repr__(self) -> str:
        changed = len(self._added) + len(self._removed)
        return f"LayeredSet({len(self._layers)} layers, {changed} changed, {len(self)} items)"


def _first_seq(layer: Mapping[Any, object]) -> int:
    """The seq of a layer's first record (layers are in seq order); -1 when empty."""
    for record in layer.values():
        seq = getattr(record, "seq", None)
        return seq if isinstance(seq, int) else -1
    return -1
