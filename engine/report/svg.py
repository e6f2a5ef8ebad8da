"""Inline SVG for reports: line charts of indicators, and the commitment graph's picture.

Plain strings, no library and no external assets, so the HTML report is one
self-contained file. Every piece of text is escaped; colours come from the scenario,
which the validator has checked are ``#rgb`` or ``#rrggbb``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

NEUTRAL = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#7f7f7f")


@dataclass(frozen=True)
class Series:
    """One line: ``points`` are (x, y), x usually a round number (fractions allowed)."""

    label: str
    points: tuple[tuple[float, float], ...]
    color: str


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    span = high - low
    if span <= 0:
        return [low]
    raw = span / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = min((m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw), default=raw)
    first = math.ceil(low / step) * step
    return [first + i * step for i in range(int((high - first) / step + 1e-9) + 1)]


def _clip(label: str, size: int = 24) -> str:
    return label if len(label) <= size else label[: size - 1] + "…"


def line_chart(
    title: str,
    series: Sequence[Series],
    *,
    y_range: tuple[float, float],
    x_range: tuple[float, float],
    x_label: str = "round",
    width: int = 560,
    height: int = 220,
) -> str:
    """A line chart with axes, ticks and a legend, as an ``<svg>`` element."""
    left, right, top, bottom = 44, 170, 26, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    (y0, y1), (x0, x1) = y_range, x_range
    x1 = x1 if x1 > x0 else x0 + 1
    y1 = y1 if y1 > y0 else y0 + 1

    def sx(x: float) -> float:
        return left + (x - x0) / (x1 - x0) * plot_w

    def sy(y: float) -> float:
        return top + plot_h - (y - y0) / (y1 - y0) * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        'font-family="DejaVu Sans, Arial, sans-serif" font-size="11">',
        f'<text x="{left}" y="16" font-weight="bold">{escape(title)}</text>',
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="#fafafa" '
        'stroke="#ccc"/>',
    ]
    for tick in _ticks(y0, y1):
        y = sy(tick)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#e4e4e4"/>'
        )
        parts.append(f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{tick:g}</text>')
    for tick in range(math.ceil(x0), math.floor(x1) + 1):
        x = sx(tick)
        parts.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 14}" text-anchor="middle">{tick}</text>'
        )
    parts.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 3}" text-anchor="middle" '
        f'fill="#555">{escape(x_label)}</text>'
    )
    for index, line in enumerate(series):
        if not line.points:
            continue
        path = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in line.points)
        stroke = escape(line.color)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{stroke}" stroke-width="2"/>')
        if len(line.points) <= 40:  # dots where the values are, while they stay apart
            parts.extend(
                f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="2.4" fill="{stroke}"/>'
                for x, y in line.points
            )
        legend_y = top + 12 + index * 15
        parts.append(
            f'<rect x="{left + plot_w + 10}" y="{legend_y - 8}" width="10" height="10" '
            f'fill="{escape(line.color)}"/>'
            f'<text x="{left + plot_w + 24}" y="{legend_y + 1}">{escape(_clip(line.label))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


# Commitment statuses, as the app's graph paints them (ui/theme.py; the engine cannot import it).
STATUS_COLORS = {
    "proposed": "#8a94a6",
    "agreed": "#2f6fbd",
    "fulfilled": "#2e8b57",
    "broken": "#c0392b",
    "withdrawn": "#b0b7c3",
}
DEADLOCK = "#c0392b"
BUNDLE = "#7d5ba6"
INK = "#1f2933"
MUTED = "#616e7c"


def rgb(color: str) -> tuple[int, int, int]:
    """``#rgb`` or ``#rrggbb`` as integers (anything else reads as mid grey)."""
    digits = color.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    try:
        return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)
    except ValueError:
        return 127, 127, 127


def readable_on(color: str) -> str:
    """Ink or white, whichever reads better on ``color``."""
    r, g, b = rgb(color)
    return INK if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#ffffff"


def hbar_chart(
    title: str,
    rows: Sequence[tuple[str, float | None, str, str]],
    *,
    width: int = 640,
    row_height: int = 20,
) -> str:
    """Horizontal bars of shares from 0 to 1: rows of (label, value or None, colour, note).
    The label column fits a long team name, the note column "2 kept (1 verified), 0 broken"."""
    left, right, top = 230, 190, 26
    height = top + row_height * len(rows) + 10
    plot_w = width - left - right
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        'font-family="DejaVu Sans, Arial, sans-serif" font-size="11">',
        f'<text x="4" y="16" font-weight="bold">{escape(title)}</text>',
    ]
    for i, (label, value, color, note) in enumerate(rows):
        y = top + i * row_height
        parts.append(
            f'<text x="{left - 6}" y="{y + 13}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{left}" y="{y + 3}" width="{plot_w}" height="{row_height - 6}" '
            'fill="#eef1f5"/>'
        )
        if value is not None:
            bar = max(0.0, min(1.0, value)) * plot_w
            parts.append(
                f'<rect x="{left}" y="{y + 3}" width="{bar:.1f}" height="{row_height - 6}" '
                f'fill="{escape(color)}"/>'
            )
        parts.append(
            f'<text x="{left + plot_w + 6}" y="{y + 13}" fill="{MUTED}">{escape(note)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
