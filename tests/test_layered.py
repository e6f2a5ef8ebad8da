"""LayeredRecords behaves as the dict a fold would have built, and never touches its layers."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.layered import LayeredRecords, copy_records
from engine.state import seq_of_id


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
