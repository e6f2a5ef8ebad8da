"""Benchmarks: figures beside their targets, measured in one run (``python -m benchmarks``).

Each module named ``*_bench.py`` in this package exposes ``run() -> list[Row]``, a row
being (figure, value, target, ok). Generated inputs are cached under ``benchmarks/out/``.
"""
