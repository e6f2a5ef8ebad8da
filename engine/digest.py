"""BLAKE2b for content keys (snapshot chunks, the scenario cache, timer settings).

``hashlib`` loads OpenSSL when imported (2 ms of the app's start, for hashes the start
does not use); BLAKE2 is built into CPython itself, and ``hashlib.blake2b`` is this same
built-in. Other Pythons get it through ``hashlib``.
"""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - not CPython
    from hashlib import blake2b

__all__ = ["blake2b"]
