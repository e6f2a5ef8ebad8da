"""Benchmarks: figures beside their targets, measured in one run (``python -m benchmarks``).

Each module named ``*_bench.py`` in this package exposes ``run() -> list[Row]``, a row
being (figure, value, target, ok). Generated inputs are cached under ``benchmarks/out/``.

Importing the package isolates the process first (``benchmarks/sandbox.py``): whichever
benchmark runs, and however it is started, it never reads or writes the user's own
settings, data or caches.
"""

from benchmarks.sandbox import isolate

isolate()
