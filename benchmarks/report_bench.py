"""Benchmark of the after-action report (figures, not pass/fail tests).

* report: the full HTML report (``build_report`` and ``render_html``: the log, the
  timeline, the indicator series, the analytics, the team pages) of a 20,000-event
  session against a 2,000-event one: time ratio <= 12 (the work is near linear in the log).
* pdf: the PDF of the 2,000-event session (Qt's layout), for information.
* size: the HTML of the 20,000-event session without the timeline appendix: <= 3 MB.
* pages: the default PDF of a six-round After Hanoi session (``simulate --rounds 6
  --seed 1``) without the appendix: <= 25 pages; a team's report of it: <= 8 pages;
  with ``--timeline``, for information.

The saves are simulated once from the default scenario and cached in ``benchmarks/out/``.
"""

from __future__ import annotations

import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from engine.report import build_report, render_html
from engine.scenario import load_scenario
from engine.session.live import Session
from engine.session.simulate import simulate_session

Row = tuple[str, float, str, bool]
ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "out"
SCENARIO = ROOT / "engine" / "scenario" / "bundled" / "after-hanoi-2019.toml"
SMALL, BIG = 2_000, 20_000


def cached_save(events: int) -> Path:
    """A simulated save of at least ``events`` events, made once."""
    OUT.mkdir(exist_ok=True)
    path = OUT / f"report-{events}.parley"
    if path.exists():
        try:
            with Session.open(path, read_only=True) as s:
                if s.last_seq >= events:
                    return path
        except Exception:
            pass
        for extra in ("", "-wal", "-shm", ".lock"):
            Path(str(path) + extra).unlink(missing_ok=True)
    scenario = load_scenario(SCENARIO)
    per_round = events // len(scenario.rounds) + 10
    started = time.perf_counter()
    simulate_session(
        scenario, path, len(scenario.rounds), seed=3, events_per_round=per_round
    ).close()
    print(f"  generated {path.name} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return path


def timed(action: Callable[[], object]) -> float:
    gc.collect()  # each run starts with the same heap, not the last run's garbage
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def interleaved(
    small: Callable[[], object], big: Callable[[], object], repeats: int
) -> tuple[float, float]:
    """Median times of both, run in turns, so that a busy machine slows both alike."""
    t_small: list[float] = []
    t_big: list[float] = []
    for _ in range(repeats):
        t_small += [timed(small), timed(small)]
        t_big.append(timed(big))
    return statistics.median(t_small), statistics.median(t_big)


def html_report(session: Session) -> int:
    return len(render_html(build_report(session)))


def pdf_seconds(path: Path) -> tuple[float, int]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.report_pdf import write_report_pdf

    with Session.open(path, read_only=True) as session, tempfile.TemporaryDirectory() as tmp:
        data = build_report(session)
        started = time.perf_counter()
        pages = write_report_pdf(data, Path(tmp) / "r.pdf")
        return time.perf_counter() - started, pages


def pdf_pages(viewer: str = "control", *, timeline: bool = False) -> int:
    """Pages of the PDF of the six-round After Hanoi session (seed 1), as the verb makes it."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.report_pdf import write_report_pdf

    path = OUT / "report-hanoi-6.parley"
    if not path.exists():
        OUT.mkdir(exist_ok=True)
        simulate_session(load_scenario(SCENARIO), path, 6, seed=1).close()
    with Session.open(path, read_only=True) as session, tempfile.TemporaryDirectory() as tmp:
        data = build_report(session, viewer=viewer)
        return write_report_pdf(data, Path(tmp) / "r.pdf", timeline=timeline)


def run() -> list[Row]:
    small_path, big_path = cached_save(SMALL), cached_save(BIG)
    with (
        Session.open(small_path, read_only=True) as small,
        Session.open(big_path, read_only=True) as big,
    ):
        size = html_report(big)  # warm up imports and caches
        t_small, t_big = interleaved(lambda: html_report(small), lambda: html_report(big), 5)
    ratio = t_big / t_small
    pdf, pages = pdf_seconds(small_path)
    six, team, full = pdf_pages(), pdf_pages("usa"), pdf_pages(timeline=True)
    most_team = max(team, pdf_pages("dprk"))
    return [
        (f"report: HTML, {SMALL:,}-event session (ms)", t_small * 1000, "-", True),
        (f"report: HTML, {BIG:,}-event session (ms)", t_big * 1000, "-", True),
        (f"report: time ratio {BIG:,} / {SMALL:,} events", ratio, "<= 12", ratio <= 12),
        (f"report: HTML size, {BIG:,}-event session (MB)", size / 1e6, "<= 3", size <= 3e6),
        ("report: PDF pages, After Hanoi 6 rounds", six, "<= 25", six <= 25),
        ("report: team PDF pages (USA, DPRK: most)", most_team, "<= 8", most_team <= 8),
        ("report: PDF pages with --timeline (info)", full, "-", True),
        (f"report: PDF, {SMALL:,}-event session (s, {pages} pages)", pdf, "-", True),
    ]


if __name__ == "__main__":
    for name, value, target, ok in run():
        print(f"{name:55} {value:10.3f}  {target:7} {'ok' if ok else 'MISSED'}")
