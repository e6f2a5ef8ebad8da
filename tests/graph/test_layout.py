"""Boxes pushed apart: no two overlap, none covers a team's circle."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.graph.layout import overlaps, push_apart

SIZE = (120.0, 28.0)


def test_boxes_on_one_spot_are_pushed_apart_and_off_a_circle() -> None:
    placed = {f"c{n}": (0.0, 0.0) for n in range(6)}
    moved = push_apart(placed, [(0.0, 0.0)], SIZE, 40.0)
    assert overlaps(placed, SIZE) and not overlaps(moved, SIZE)
    assert all(math.hypot(x, y) >= 40.0 + SIZE[0] / 2 for x, y in moved.values())


def test_boxes_apart_already_stay_where_they_are() -> None:
    placed = {"c1": (0.0, 0.0), "c2": (200.0, 0.0), "c3": (0.0, 100.0)}
    assert push_apart(placed, [], SIZE, 40.0) == placed


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(-200, 200), st.floats(-200, 200)), min_size=1, max_size=20))
def test_a_handful_of_boxes_never_overlap_after(points: list[tuple[float, float]]) -> None:
    placed = {f"c{n}": p for n, p in enumerate(points)}
    moved = push_apart(placed, [], SIZE, 40.0, rounds=400)
    assert set(moved) == set(placed)
    assert not overlaps(moved, SIZE)
