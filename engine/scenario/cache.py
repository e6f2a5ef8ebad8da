"""Scenarios validated before, kept by the hash of their bytes (the app's start-up path).

Validating a scenario depends on nothing but the file's bytes and the code that checks
and resolves it, yet the app would parse and check the same bundled file at every start.
So the resolved ``Scenario`` is kept, as msgpack, under a hash of the bytes and of that
code's files; a changed file or a changed Parley has another hash and is validated anew,
like Python's own ``.pyc`` files. ``parley validate`` and the other verbs never use it.
"""

from __future__ import annotations

import os
from pathlib import Path

import msgspec

from engine.digest import blake2b
from engine.scenario.loader import parse_scenario, read_scenario_bytes
from engine.scenario.model import Scenario
from engine.version import __version__

_encoder = msgspec.msgpack.Encoder()
_decoder = msgspec.msgpack.Decoder(Scenario)
_CODE = Path(__file__).resolve().parent


def _code_stamp() -> bytes:
    """The version and the scenario code's files (size and time), so an edit to the
    validator or the resolver never serves a scenario checked by older code."""
    parts = [__version__]
    for source in sorted(_CODE.glob("*.py")):
        stat = source.stat()
        parts.append(f"{source.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "|".join(parts).encode()


def cache_key(data: bytes) -> str:
    return blake2b(data + b"\0" + _code_stamp(), digest_size=16).hexdigest()


def load_scenario_cached(path: str | Path, cache_dir: Path | None) -> Scenario:
    """The scenario at ``path``, validated, from ``cache_dir`` when these bytes were
    validated before. Without a usable cache folder it simply validates."""
    data = read_scenario_bytes(path)
    if cache_dir is None:
        return parse_scenario(data, str(path))
    entry = Path(cache_dir) / f"{cache_key(data)}.scenario"
    try:
        return _decoder.decode(entry.read_bytes())
    except (OSError, msgspec.DecodeError, msgspec.ValidationError):
        pass  # not cached yet, unreadable or from another layout: validate
    scenario = parse_scenario(data, str(path))  # a ScenarioError is never cached
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        partial = entry.with_name(f"{entry.name}.{os.getpid()}.part")
        partial.write_bytes(_encoder.encode(scenario))
        os.replace(partial, entry)
    except OSError:
        pass  # a read-only cache folder costs a validation, nothing more
    return scenario
