"""Boxes of a drawing pushed apart: the commitments of a graph view, each a box of one size,
moved step by step until no two overlap and none covers a team's circle.

Pure geometry on ``(x, y)`` centres, shared by every drawing of the commitment graph that
lays boxes out itself (the app's graph view).
"""

from __future__ import annotations

import math

Point = tuple[float, float]


def push_apart(
    placed: dict[str, Point],
    circles: list[Point],
    size: tuple[float, float],
    radius: float,
    *,
    gap: float = 6.0,
    rounds: int = 80,
) -> dict[str, Point]:
    """``placed`` (box centres by key) moved so that no two boxes of ``size`` overlap (with
    ``gap`` between them) and none comes within ``radius`` of a circle's centre plus half
    its width; each step moves an overlapping pair apart the cheaper way (across or along).
    Stops after ``rounds`` steps even if some still overlap (very crowded drawings)."""
    keys = list(placed)
    xs = [placed[k][0] for k in keys]
    ys = [placed[k][1] for k in keys]
    gap_x, gap_y = size[0] + gap, size[1] + gap
    room = radius + size[0] / 2 + gap / 2
    for _ in range(rounds):
        moved = False
        for i in range(len(keys)):
            for j in range(i + 1, len(keys)):
                ox = gap_x - abs(xs[i] - xs[j])
                oy = gap_y - abs(ys[i] - ys[j])
                if ox <= 0 or oy <= 0:
                    continue
                moved = True
                if ox / gap_x < oy / gap_y:
                    step = ox / 2 * (1 if xs[i] >= xs[j] else -1)
                    xs[i] += step
                    xs[j] -= step
                else:
                    step = oy / 2 * (1 if ys[i] >= ys[j] else -1)
                    ys[i] += step
                    ys[j] -= step
            for cx, cy in circles:
                dx, dy = xs[i] - cx, ys[i] - cy
                dist = math.hypot(dx, dy)
                if dist < room:
                    if dist == 0:
                        dx, dy, dist = 0.0, 1.0, 1.0
                    xs[i] += dx / dist * (room - dist)
                    ys[i] += dy / dist * (room - dist)
                    moved = True
        if not moved:
            break
    return {k: (x, y) for k, x, y in zip(keys, xs, ys, strict=True)}


def overlaps(placed: dict[str, Point], size: tuple[float, float]) -> list[tuple[str, str]]:
    """The pairs of boxes of ``size`` that overlap."""
    keys = list(placed)
    out = []
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if (
                abs(placed[a][0] - placed[b][0]) < size[0]
                and abs(placed[a][1] - placed[b][1]) < size[1]
            ):
                out.append((a, b))
    return out
