"""The layered containers behave as the dict, list and set a fold would have built, and
never touch their shared layers."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.domain.state import seq_of_id
from engine.save.layered import (
    LayeredList,
    LayeredRecords,
    LayeredSet,
    copy_list,
    copy_records,
    copy_set,
)


@dataclass(frozen=True)
class Record:
    id: str
    seq: int
    value: int


def _layers(sizes: list[int]) -> list[dict[str, Record]]:
    """Disjoint layers in seq order, as snapshot chunks are: one per range of 10 seqs."""
    layers, seq = [], 1
    for size in sizes:
        layer = {}
        for offset in range(size):
            layer[f"m{seq + offset}"] = Record(f"m{seq + offset}", seq + offset, 0)
        layers.append(layer)
        seq += 10
    return layers


operations = st.lists(
    st.tuples(
        st.sampled_from(["set_old", "set_new", "get", "contains", "copy"]), st.integers(0, 80)
    ),
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(sizes=st.lists(st.integers(0, 10), max_size=8), ops=operations, indexed=st.booleans())
def test_it_behaves_as_a_dict_of_the_same_records(sizes, ops, indexed) -> None:
    layers = _layers(sizes)
    frozen = [dict(layer) for layer in layers]
    boundary = max((r.seq for layer in layers for r in layer.values()), default=0)
    layered = LayeredRecords(layers, boundary=boundary, seq_of=seq_of_id if indexed else None)
    plain = {k: v for layer in layers for k, v in layer.items()}
    copies = []
    for op, n in ops:
        key = f"m{n}"
        if op == "set_old" and key in plain:  # a status change of an existing record
            layered[key] = plain[key] = Record(key, plain[key].seq, n + 1)
        elif op == "set_new" and key not in plain:  # a record created after the snapshot
            new = f"m{boundary + 1 + n}"
            layered[new] = plain[new] = Record(new, boundary + 1 + n, 1)
        elif op == "get":
            assert layered.get(key) == plain.get(key)
        elif op == "contains":
            assert (key in layered) == (key in plain)
        elif op == "copy":
            copies.append((copy_records(layered), dict(plain)))
        assert len(layered) == len(plain)
    assert list(layered) == list(plain), "creation order, as a dict built event by event"
    assert list(layered.values()) == list(plain.values())
    assert list(layered.items()) == list(plain.items())
    assert list(reversed(layered)) == list(reversed(plain)), "newest first, as tables read"
    assert list(reversed(layered.values())) == list(reversed(plain.values()))
    assert len(layered.values()) == len(plain)
    assert layered == plain and plain == layered
    assert layers == frozen, "the shared layers are never written to"
    for copy, then in copies:
        assert copy == then, "a copy is independent of later changes"


def test_deleting_a_layered_record_is_refused() -> None:
    layered = LayeredRecords(_layers([2]))
    layered["m99"] = Record("m99", 99, 0)
    del layered["m99"]
    assert len(layered) == 2
    try:
        del layered["m1"]
    except TypeError as error:
        assert "fold from earlier" in str(error)
    else:
        raise AssertionError("a record in a shared layer was deleted")


def test_seq_of_id_reads_the_creating_seq() -> None:
    assert seq_of_id("m17") == 17
    assert seq_of_id("c230") == 230
    assert seq_of_id("usa") is None
    assert seq_of_id("m") is None


@settings(max_examples=150, deadline=None)
@given(
    sizes=st.lists(st.integers(0, 6), max_size=6),
    appends=st.lists(st.integers(0, 9), max_size=12),
    probes=st.lists(st.integers(-30, 30), max_size=12),
    cut=st.integers(0, 12),
)
def test_a_layered_list_behaves_as_a_list(sizes, appends, probes, cut) -> None:
    layers = [[(i, j) for j in range(size)] for i, size in enumerate(sizes)]
    frozen = [list(layer) for layer in layers]
    layered: LayeredList = LayeredList(layers)
    plain = [item for layer in layers for item in layer]
    copies = []
    for step, value in enumerate(appends):
        layered.append(("top", value))
        plain.append(("top", value))
        if step == cut:
            copies.append((copy_list(layered), list(plain)))
    assert len(layered) == len(plain)
    assert list(layered) == plain and list(reversed(layered)) == list(reversed(plain))
    assert layered == plain and plain == layered
    for index in probes:
        if -len(plain) <= index < len(plain):
            assert layered[index] == plain[index]
        else:
            try:
                layered[index]
            except IndexError:
                pass
            else:
                raise AssertionError(f"index {index} of {len(plain)} did not raise")
        assert layered[index:] == plain[index:]
        assert layered[:index] == plain[:index]
        assert layered[::2] == plain[::2]
    assert layers == frozen, "the shared layers are never written to"
    for copy, then in copies:
        assert copy == then, "a copy is independent of later appends"
    if len(plain) > len(layered._top):
        try:
            layered[0] = ("changed", 0)
        except TypeError as error:
            assert "fold from earlier" in str(error)
        else:
            raise AssertionError("an entry of a shared layer was replaced")


@settings(max_examples=150, deadline=None)
@given(
    chunks=st.lists(st.sets(st.integers(0, 9), max_size=6), max_size=5),
    ops=st.lists(st.tuples(st.sampled_from(["add", "discard", "copy"]), st.integers(0, 60))),
)
def test_a_layered_set_behaves_as_a_set(chunks, ops) -> None:
    layers = [frozenset(10 * i + n for n in chunk) for i, chunk in enumerate(chunks)]
    layered = LayeredSet(layers, [10 * i for i in range(len(layers))])
    plain = set().union(*layers)
    copies = []
    for op, seq in ops:
        if op == "add":
            layered.add(seq)
            plain.add(seq)
        elif op == "discard":
            layered.discard(seq)
            plain.discard(seq)
        else:
            copies.append((copy_set(layered), set(plain)))
        assert len(layered) == len(plain)
    for seq in range(-1, 62):
        assert (seq in layered) == (seq in plain), seq
    assert "m1" not in layered
    assert set(layered) == plain and sorted(layered) == sorted(plain)
    assert layered == plain and plain == layered
    for copy, then in copies:
        assert copy == then, "a copy is independent of later changes"
