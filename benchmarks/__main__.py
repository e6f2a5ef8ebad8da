"""``python -m benchmarks [NAME...]``: run every ``*_bench.py`` module (or those named)."""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time
from pathlib import Path

Row = tuple[str, float, str, bool]


def modules(names: list[str]) -> list[str]:
    found = sorted(
        m.name
        for m in pkgutil.iter_modules([str(Path(__file__).parent)])
        if m.name.endswith("_bench")
    )
    if names:
        found = [m for m in found if m in names or m.removesuffix("_bench") in names]
    return found


def main(argv: list[str]) -> int:
    rows: list[tuple[str, Row]] = []
    for name in modules(argv):
        started = time.perf_counter()
        print(f"running {name} ...", file=sys.stderr, flush=True)
        module = importlib.import_module(f"benchmarks.{name}")
        rows.extend((name, row) for row in module.run())
        print(f"  {name}: {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    width = max((len(row[0]) for _, row in rows), default=6)
    print(f"{'figure':<{width}}  {'value':>10}  {'target':<10}  ok")
    for _, (figure, value, target, ok) in rows:
        print(f"{figure:<{width}}  {value:>10.3g}  {target:<10}  {'yes' if ok else 'NO'}")
    return 0 if all(row[3] for _, row in rows) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
