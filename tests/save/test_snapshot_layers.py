"""Seeking through many snapshots and chunks gives exactly the state a fold from scratch does.

The session property tests shrink the snapshot interval; this one shrinks the chunks and
their groups too, so states are assembled from many shared, lazily decoded layers nested
in cached groups, as in a long session.
"""

from __future__ import annotations

from unittest.mock import patch

import pytest

from conftest import SCENARIOS
from engine.domain import reducer
from engine.save.layered import LayeredList, LayeredRecords, LayeredSet
from engine.scenario import load_scenario
from engine.session.live import Session
from engine.session.simulate import simulate_session


def _fold_from_scratch(session: Session, seq: int):
    state = reducer.initial_state(session.scenario)
    return reducer.replay(state, session.events(1, seq + 1), session.scenario)


def test_states_from_layered_snapshots_equal_a_fold_from_scratch(tmp_path) -> None:
    scenario = load_scenario(SCENARIOS / "after-hanoi-2019.toml")
    path = tmp_path / "long.parley"
    with (
        patch("engine.session.live.SNAPSHOT_EVERY", 40),
        patch("engine.save.snapshots.CHUNK", 15),
        patch("engine.save.snapshots.LEVELS", (9, 3)),
    ):
        simulate_session(scenario, path, 3, seed=13, events_per_round=120).close()
        with Session.open(path, read_only=True) as session:
            assert len(session._snapshots) > 5
            layered = session.state.moves
            assert isinstance(layered, LayeredRecords)
            groups = [layer for layer in layered._layers if isinstance(layer, LayeredRecords)]
            sizes = {len(g._layers) for g in groups}
            assert sizes and sizes <= {9, 3}, "runs of chunks are shared layers"
            chunks = sum(len(g._layers) for g in groups) + len(layered._layers) - len(groups)
            assert len(layered._layers) < chunks / 3
            voids = session.state.void_targets
            assert isinstance(voids, LayeredRecords) and len(voids._layers) > 1, "undos happened"
            assert isinstance(session.state.voided, LayeredSet)
            assert isinstance(session.state.indicator_log, LayeredList)
            for seq in range(1, session.last_seq + 1, 7):
                assert session.state_at(seq) == _fold_from_scratch(session, seq), seq
            # Seeking back and forth reuses cached chunks; results must not change.
            for seq in (session.last_seq - 3, 5, session.last_seq // 2, 5):
                assert session.state_at(seq) == _fold_from_scratch(session, seq), seq
            live = session.state
        with Session.open(path) as writer:
            assert writer.state == live
            move = next(m for m in writer.state.moves.values() if m.outcome is None)
            writer.adjudicate(move=move.id, outcome="success", method="judgement", reason="ok")
            assert writer.state == _fold_from_scratch(writer, writer.last_seq)


def test_a_record_chunk_finds_each_record_by_its_id_alone() -> None:
    from engine.domain.state import Move
    from engine.save.chunks import LazyChunk, encode_chunk

    moves = [
        Move(f"m{seq}", seq, 1, "usa", "statement", 0, f"move {seq}", None, ())
        for seq in (3, 7, 12)
    ]
    chunk = LazyChunk("moves", encode_chunk("moves", moves))
    assert len(chunk) == 3
    assert chunk["m7"] == moves[1], "one record decoded alone"
    assert len(chunk._records) == 1
    for absent in ("m8", "d7", "m07", "7", 7):
        assert absent not in chunk, absent
    assert list(chunk.values()) == moves and list(chunk) == ["m3", "m7", "m12"]
    assert list(reversed(chunk)) == ["m12", "m7", "m3"]


def test_a_record_chunk_walks_its_keys_without_decoding_a_record() -> None:
    """A table counting the rows of a 100,000-event save walks every key: the keys come
    from the chunk's index, so a record whose bytes are damaged is only met when read."""
    from engine.domain.state import Move
    from engine.errors import DamagedSnapshotError
    from engine.save.chunks import LazyChunk, encode_chunk

    moves = [
        Move(f"m{seq}", seq, 1, "usa", "statement", 0, f"move {seq}", None, ())
        for seq in (3, 7, 12)
    ]
    blob = bytearray(encode_chunk("moves", moves))
    blob[-3:] = b"\xc1\xc1\xc1"  # the last record's bytes: never valid msgpack
    chunk = LazyChunk("moves", bytes(blob))
    assert list(chunk) == ["m3", "m7", "m12"]
    assert list(reversed(chunk)) == ["m12", "m7", "m3"]
    assert chunk["m3"] == moves[0]
    with pytest.raises(DamagedSnapshotError):
        chunk["m12"]


def test_records_read_one_by_one_still_walk_in_the_chunks_order() -> None:
    from engine.domain.state import Move
    from engine.save.chunks import LazyChunk, encode_chunk

    moves = [
        Move(f"m{seq}", seq, 1, "usa", "statement", 0, f"move {seq}", None, ())
        for seq in (3, 7, 12)
    ]
    chunk = LazyChunk("moves", encode_chunk("moves", moves))
    read = [chunk[key] for key in ("m12", "m3", "m7")]  # newest first, as a table reads
    assert list(chunk.values()) == moves
    assert [m.id for m in chunk.values()] == list(chunk)
    assert all(
        a is b for a, b in zip(sorted(read, key=lambda m: m.seq), chunk.values(), strict=True)
    )


def test_a_snapshot_of_a_live_session_writes_only_what_changed(tmp_path) -> None:
    """After a snapshot the live state sits on it; the next one encodes only the chunks
    the fold touched since, and reuses the rest by digest, unread."""
    from engine.save import chunks, snapshots

    scenario = load_scenario(SCENARIOS / "after-hanoi-2019.toml")
    with (
        patch("engine.session.live.SNAPSHOT_EVERY", 200),
        patch("engine.save.snapshots.CHUNK", 20),
        patch("engine.save.snapshots.LEVELS", (4, 2)),
    ):
        session = simulate_session(
            scenario, tmp_path / "live.parley", 3, seed=5, events_per_round=150
        )
        logged = {*chunks.RECORDS, *chunks.LISTS}  # the rest is small, cut whole
        session._snapshot()  # as every SNAPSHOT_EVERY events
        cut = snapshots.split(session.state)
        kept = [name for name, _digest, _chunk in cut.made if name in logged]
        assert kept == [], "nothing changed since the last snapshot: every chunk is reused"
        session.add_note(text="one more note")
        cut = snapshots.split(session.state)
        changed = [name for name, _digest, _chunk in cut.made if name in logged]
        assert changed == ["notes"], "one note: one chunk of notes is encoded again"
        assert sum(len(d) for d in cut.core.chunks.values()) > 20 * chunks.DIGEST
        session.close()
        with Session.open(tmp_path / "live.parley", read_only=True) as reopened:
            for seq in reopened._snapshots:
                assert reopened.store.load_snapshot(seq) == _fold_from_scratch(reopened, seq)
