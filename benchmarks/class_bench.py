"""Benchmark of a class of groups (figures, not pass/fail tests).

* compare: ``compare_saves`` and the HTML of 10 saves of 2,000 events each, against the
  after-action report (HTML) of one of them, both from the closed files as the verbs
  run them: time ratio <= 3.
* overview: the class overview's refresh after one event in one of 8 live groups: the
  longest time the UI thread is busy, <= 100 ms (see ``ui_class_overview_ms``).

The saves are simulated once from the default scenario and cached in ``benchmarks/out/``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from benchmarks.report_bench import OUT, SCENARIO, interleaved
from engine.report import build_report, render_html
from engine.report.compare import compare_saves
from engine.report.compare_html import render_compare_html
from engine.scenario import load_scenario
from engine.session.live import Session
from engine.session.simulate import simulate_session

Row = tuple[str, float, str, bool]
GROUPS, EVENTS = 10, 2_000


def class_saves(count: int = GROUPS, events: int = EVENTS) -> list[Path]:
    """``count`` simulated saves of at least ``events`` events (seeds 1..count), made once."""
    folder = OUT / "class"
    folder.mkdir(parents=True, exist_ok=True)
    scenario = load_scenario(SCENARIO)
    per_round = events // len(scenario.rounds) + 10
    paths = []
    for seed in range(1, count + 1):
        path = folder / f"group-{seed}.parley"
        try:
            with Session.open(path, read_only=True) as s:
                fresh = s.last_seq >= events
        except Exception:
            fresh = False
        if not fresh:
            for extra in ("", "-wal", "-shm", ".lock"):
                Path(str(path) + extra).unlink(missing_ok=True)
            started = time.perf_counter()
            rounds = len(scenario.rounds)
            simulate_session(scenario, path, rounds, seed=seed, events_per_round=per_round).close()
            print(f"  generated {path.name} in {time.perf_counter() - started:.1f} s",
                  file=sys.stderr)  # fmt: skip
        paths.append(path)
    return paths


def report_of(path: Path) -> int:
    with Session.open(path, read_only=True) as session:
        return len(render_html(build_report(session)))


def compare_of(paths: list[Path]) -> int:
    return len(render_compare_html(compare_saves(paths)))


def overview_ms() -> float:
    from benchmarks.sandbox import isolate

    isolate()
    from benchmarks.class_ui import overview_refresh_ms

    with tempfile.TemporaryDirectory() as tmp:
        return overview_refresh_ms(Path(tmp))


def run() -> list[Row]:
    paths = class_saves()
    compare_of(paths)  # warm up imports
    report_of(paths[0])
    t_report, t_compare = interleaved(lambda: report_of(paths[0]), lambda: compare_of(paths), 3)
    ratio = t_compare / t_report
    rows: list[Row] = [
        (f"class: report of one {EVENTS:,}-event save (ms)", t_report * 1000, "-", True),
        (f"class: compare of {GROUPS} such saves (ms)", t_compare * 1000, "-", True),
        (f"class: time ratio compare {GROUPS} / report 1", ratio, "<= 3", ratio <= 3),
    ]
    longest = overview_ms()
    rows.append(
        ("class: overview refresh, 1 event in 1 of 8 groups, longest block (ms)",
         longest, "<= 100", longest <= 100)
    )  # fmt: skip
    return rows


if __name__ == "__main__":
    for name, value, target, ok in run():
        print(f"{name:72} {value:10.3f}  {target:7} {'ok' if ok else 'MISSED'}")
