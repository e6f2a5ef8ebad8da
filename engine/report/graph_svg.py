"""The commitment graph as an inline SVG picture, in the spirit of the app's graph view.

Teams sit on a ring in their colours; each commitment is a small box between its giver
and its receiver, filled by status, with a line from the giver and an arrow to the
receiver; dashed arrows show what a commitment waits on; deadlocked commitments are
outlined in red, simultaneous-action bundles in purple. A session with many commitments
gets a summary instead: one arrow per giver and receiver, as thick as their number, with
a bar of their statuses. Only SVG Tiny features are used (no markers, no CSS), so Qt's
``QSvgRenderer`` draws it the same way a browser does, for the PDF.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable

from engine.domain.state import Commitment
from engine.graph.results import AnalyticsReport
from engine.report.markup import esc
from engine.report.svg import BUNDLE, DEADLOCK, INK, MUTED, STATUS_COLORS, readable_on
from engine.scenario.model import Scenario

DETAIL_LIMIT = 40  # more commitments than this: the summary picture
WIDTH, HEIGHT = 840, 600
CX, CY, RING, TEAM_R = 420.0, 275.0, 215.0, 30.0
NODE_W, NODE_H = 40.0, 18.0
LABEL_W, LABEL_H = 50.0, 28.0  # the summary's labels

Point = tuple[float, float]


def _team_positions(scenario: Scenario) -> dict[str, Point]:
    n = len(scenario.teams)
    return {
        team.id: (
            CX + RING * math.cos(-math.pi / 2 + 2 * math.pi * i / n),
            CY + RING * math.sin(-math.pi / 2 + 2 * math.pi * i / n),
        )
        for i, team in enumerate(scenario.teams)
    }


def _shorten(a: Point, b: Point, by_a: float, by_b: float) -> tuple[Point, Point]:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    return (a[0] + ux * by_a, a[1] + uy * by_a), (b[0] - ux * by_b, b[1] - uy * by_b)


def _arrowhead(tip: Point, start: Point, color: str, size: float = 7.0) -> str:
    angle = math.atan2(tip[1] - start[1], tip[0] - start[0])
    left = (tip[0] - size * math.cos(angle - 0.45), tip[1] - size * math.sin(angle - 0.45))
    right = (tip[0] - size * math.cos(angle + 0.45), tip[1] - size * math.sin(angle + 0.45))
    return (
        f'<polygon points="{tip[0]:.1f},{tip[1]:.1f} {left[0]:.1f},{left[1]:.1f} '
        f'{right[0]:.1f},{right[1]:.1f}" fill="{color}"/>'
    )


def _curve(a: Point, ctrl: Point, b: Point) -> str:
    """The ``d`` of a quadratic curve from ``a`` to ``b``."""
    return f"M{a[0]:.1f},{a[1]:.1f} Q{ctrl[0]:.1f},{ctrl[1]:.1f} {b[0]:.1f},{b[1]:.1f}"


def _line(a: Point, b: Point, color: str, width: float, extra: str = "") -> str:
    return (
        f'<line x1="{a[0]:.1f}" y1="{a[1]:.1f}" x2="{b[0]:.1f}" y2="{b[1]:.1f}" '
        f'stroke="{color}" stroke-width="{width:g}"{extra}/>'
    )


def _teams(scenario: Scenario, where: dict[str, Point]) -> list[str]:
    parts = []
    for team in scenario.teams:
        x, y = where[team.id]
        color = esc(team.color)
        if abs(x - CX) < 20:  # top or bottom of the ring: above or below the circle
            anchor, cx = "middle", x
            caption_y = y + TEAM_R + 14 if y >= CY else y - TEAM_R - 6
        else:  # on a side: beside the circle, outward
            anchor = "start" if x > CX else "end"
            cx = x + (TEAM_R + 6) * (1 if x > CX else -1)
            caption_y = y - TEAM_R + 2
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{TEAM_R}" fill="{color}" stroke="{INK}" '
            'stroke-width="1"/>'
            f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-weight="bold" '
            f'font-size="11" fill="{readable_on(team.color)}">{esc(team.id.upper()[:7])}</text>'
            f'<text x="{cx:.1f}" y="{caption_y:.1f}" text-anchor="{anchor}" font-size="11" '
            f'fill="{INK}">{esc(_clip(team.name, 30))}</text>'
        )
    return parts


def _clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _place(commitments: Iterable[Commitment], where: dict[str, Point]) -> dict[str, Point]:
    """Each commitment on the chord between its two teams, then boxes pushed apart."""
    by_pair: dict[tuple[str, str], list[str]] = defaultdict(list)
    for c in commitments:
        a, b = sorted((c.givers[0], c.receivers[0]))
        by_pair[(a, b)].append(c.id)
    placed: dict[str, Point] = {}
    for (a, b), ids in by_pair.items():
        pa, pb = where.get(a, (CX, CY)), where.get(b, (CX, CY))
        dx, dy = pb[0] - pa[0], pb[1] - pa[1]
        length = math.hypot(dx, dy) or 1.0
        perp = (-dy / length, dx / length)
        for k, key in enumerate(ids):
            t = 0.5 if len(ids) == 1 else 0.3 + 0.4 * k / (len(ids) - 1)
            side = (k % 2) * 2 - 1 if len(ids) > 3 else 0
            placed[key] = (
                pa[0] + dx * t + perp[0] * side * (NODE_H * 0.6),
                pa[1] + dy * t + perp[1] * side * (NODE_H * 0.6),
            )
    return _relax(placed, list(where.values()))


def _relax(
    placed: dict[str, Point],
    teams: list[Point],
    size: tuple[float, float] = (NODE_W, NODE_H),
    rounds: int = 80,
) -> dict[str, Point]:
    """Push overlapping boxes of ``size`` apart (and off the team circles), step by step."""
    keys = list(placed)
    xs = [placed[k][0] for k in keys]
    ys = [placed[k][1] for k in keys]
    gap_x, gap_y = size[0] + 6, size[1] + 6
    for _ in range(rounds):
        moved = False
        for i in range(len(keys)):
            for j in range(i + 1, len(keys)):
                ox = gap_x - abs(xs[i] - xs[j])
                oy = gap_y - abs(ys[i] - ys[j])
                if ox <= 0 or oy <= 0:
                    continue
                moved = True
                if ox / gap_x < oy / gap_y:  # the cheaper way apart
                    step = ox / 2 * (1 if xs[i] >= xs[j] else -1) or ox / 2
                    xs[i] += step
                    xs[j] -= step
                else:
                    step = oy / 2 * (1 if ys[i] >= ys[j] else -1) or oy / 2
                    ys[i] += step
                    ys[j] -= step
            for tx, ty in teams:
                dx, dy = xs[i] - tx, ys[i] - ty
                dist = math.hypot(dx, dy) or 1.0
                room = TEAM_R + size[0] / 2 + 4
                if dist < room:
                    xs[i] += dx / dist * (room - dist)
                    ys[i] += dy / dist * (room - dist)
                    moved = True
        if not moved:
            break
    return {k: (x, y) for k, x, y in zip(keys, xs, ys, strict=True)}


def _detail(
    scenario: Scenario,
    commitments: list[Commitment],
    report: AnalyticsReport,
    where: dict[str, Point],
) -> list[str]:
    deadlocked = {c for d in report.deadlocks for c in d.commitments}
    at = _place(commitments, where)
    parts: list[str] = []
    for bundle in report.bundles:
        points = [at[c] for c in bundle.commitments if c in at]
        if not bundle.simultaneous or not points:
            continue
        x0 = min(p[0] for p in points) - NODE_W / 2 - 7
        y0 = min(p[1] for p in points) - NODE_H / 2 - 7
        x1 = max(p[0] for p in points) + NODE_W / 2 + 7
        y1 = max(p[1] for p in points) + NODE_H / 2 + 7
        parts.append(
            f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{x1 - x0:.1f}" height="{y1 - y0:.1f}" '
            f'rx="9" fill="{BUNDLE}" fill-opacity="0.10" stroke="{BUNDLE}" stroke-width="1.5" '
            'stroke-dasharray="6,3"/>'
        )
    colors = {t.id: t.color for t in scenario.teams}
    for c in commitments:
        p = at[c.id]
        tint = esc(colors.get(c.givers[0], MUTED))
        for giver in c.givers:
            if giver in where:
                a, b = _shorten(where[giver], p, TEAM_R, NODE_W / 2)
                parts.append(_line(a, b, tint, 1.4, ' stroke-opacity="0.6"'))
        for receiver in c.receivers:
            if receiver in where:
                a, b = _shorten(p, where[receiver], NODE_W / 2, TEAM_R + 1)
                parts.append(_line(a, b, tint, 1.4, ' stroke-opacity="0.6"'))
                parts.append(_arrowhead(b, a, tint))
    for c in commitments:
        for condition in dict.fromkeys(cond.ref for cond in c.conditions):
            if condition not in at:
                continue
            red = c.id in deadlocked and condition in deadlocked
            color = DEADLOCK if red else INK
            a, b = _shorten(at[c.id], at[condition], NODE_H / 2 + 2, NODE_H / 2 + 3)
            ctrl = (
                (a[0] + b[0]) / 2 + (b[1] - a[1]) * 0.25,
                (a[1] + b[1]) / 2 - (b[0] - a[0]) * 0.25,
            )
            parts.append(
                f'<path d="{_curve(a, ctrl, b)}" fill="none" stroke="{color}" '
                f'stroke-width="{2 if red else 1.2}" '
                'stroke-dasharray="4,3"/>'
            )
            parts.append(_arrowhead(b, ctrl, color, 6))
    for c in commitments:
        x, y = at[c.id]
        fill = STATUS_COLORS.get(c.status, MUTED)
        stroke = (
            f'stroke="{DEADLOCK}" stroke-width="3"'
            if c.id in deadlocked
            else f'stroke="{INK}" stroke-width="0.6"'
        )
        parts.append(
            f'<rect x="{x - NODE_W / 2:.1f}" y="{y - NODE_H / 2:.1f}" width="{NODE_W}" '
            f'height="{NODE_H}" rx="4" fill="{fill}" {stroke}/>'
            f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-size="9.5" '
            f'font-weight="bold" fill="{readable_on(fill)}">'
            # the number the tables and "What happened" use ("Commitment 14"), not the id
            f"{esc(f'#{c.number}' if c.number else c.id)}</text>"
        )
    return parts


def _summary(
    scenario: Scenario,
    commitments: list[Commitment],
    report: AnalyticsReport,
    where: dict[str, Point],
) -> list[str]:
    deadlocked = {c for d in report.deadlocks for c in d.commitments}
    pairs: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    stuck: set[tuple[str, str]] = set()
    for c in commitments:
        for pair in ((g, r) for g in c.givers for r in c.receivers):
            pairs[pair][c.status] += 1
            if c.id in deadlocked:
                stuck.add(pair)
    most = max((sum(v.values()) for v in pairs.values()), default=1)
    colors = {t.id: t.color for t in scenario.teams}
    parts: list[str] = []
    at: dict[str, Point] = {}
    for (giver, receiver), statuses in pairs.items():
        if giver not in where or receiver not in where:
            continue
        a, b = _shorten(where[giver], where[receiver], TEAM_R + 2, TEAM_R + 3)
        bend = 0.2  # a -> b and b -> a bend to opposite sides
        ctrl = ((a[0] + b[0]) / 2 + (b[1] - a[1]) * bend, (a[1] + b[1]) / 2 - (b[0] - a[0]) * bend)
        total = sum(statuses.values())
        tint = esc(colors.get(giver, MUTED))
        width = 1 + 6 * math.sqrt(total / most)
        parts.append(
            f'<path d="{_curve(a, ctrl, b)}" '
            f'fill="none" stroke="{tint}" stroke-opacity="0.55" stroke-width="{width:.1f}"/>'
        )
        parts.append(_arrowhead(b, ctrl, tint, 6 + width))
        at[f"{giver} {receiver}"] = (
            0.25 * a[0] + 0.5 * ctrl[0] + 0.25 * b[0],
            0.25 * a[1] + 0.5 * ctrl[1] + 0.25 * b[1],
        )
    at = _relax(at, list(where.values()), (LABEL_W, LABEL_H))
    for key, (x, y) in at.items():
        giver, receiver = key.split(" ")
        statuses = pairs[(giver, receiver)]
        parts.append(
            _status_bar(x, y, statuses, sum(statuses.values()), (giver, receiver) in stuck)
        )
    return parts


def _status_bar(x: float, y: float, statuses: Counter[str], total: int, stuck: bool) -> str:
    """A label at (x, y): the number of commitments over a bar of their statuses."""
    w, h = LABEL_W - 6, 9.0
    y += 3  # (x, y) is the middle of the label
    out = [
        f'<rect x="{x - w / 2 - 3:.1f}" y="{y - 15:.1f}" width="{w + 6}" height="{LABEL_H}" rx="3" '
        f'fill="#ffffff" fill-opacity="0.9" stroke="{DEADLOCK if stuck else "#c8ced6"}" '
        f'stroke-width="{2 if stuck else 0.8}"/>',
        f'<text x="{x:.1f}" y="{y - 4:.1f}" text-anchor="middle" font-size="9.5" '
        f'font-weight="bold" fill="{INK}">{total}</text>',
    ]
    left = x - w / 2
    for status, color in STATUS_COLORS.items():
        share = statuses.get(status, 0) / total * w
        if share:
            out.append(
                f'<rect x="{left:.1f}" y="{y:.1f}" width="{share:.1f}" height="{h}" '
                f'fill="{color}"/>'
            )
            left += share
    return "".join(out)


def _legend(summary: bool) -> list[str]:
    y = HEIGHT - 34
    parts = []
    for i, (status, color) in enumerate(STATUS_COLORS.items()):
        x = 24 + i * 100
        parts.append(
            f'<rect x="{x}" y="{y}" width="12" height="12" rx="2" fill="{color}"/>'
            f'<text x="{x + 17}" y="{y + 10}" font-size="11" fill="{INK}">{status}</text>'
        )
    note = (
        "arrow: giver to receiver, as thick as the number of commitments; "
        "red frame: a deadlock between them"
        if summary
        else "dashed arrow: waits on · red outline: deadlock · purple frame: bundle (together)"
    )
    parts.append(f'<text x="24" y="{y + 28}" font-size="10.5" fill="{MUTED}">{esc(note)}</text>')
    return parts


def commitment_graph_svg(
    scenario: Scenario, commitments: Iterable[Commitment], report: AnalyticsReport
) -> str:
    """The picture of the commitment graph (``report``: the analytics of the same state)."""
    shown = sorted(commitments, key=lambda c: c.seq)
    where = _team_positions(scenario)
    summary = len(shown) > DETAIL_LIMIT
    body = (_summary if summary else _detail)(scenario, shown, report, where)
    title = "Commitment graph" + (" (summary of many commitments)" if summary else "")
    return "".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
            f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{esc(title)}" '
            'font-family="DejaVu Sans, Arial, sans-serif">',
            f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
            *body,
            *_teams(scenario, where),
            *_legend(summary),
            "</svg>",
        ]
    )
