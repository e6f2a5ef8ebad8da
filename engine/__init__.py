"""Parley's engine: the domain of a negotiation role-play, with no screen.

Nothing in this package imports Qt or ``ui``; an import-linter contract in
``pyproject.toml`` enforces it and the test suite runs that contract.
"""

from engine.version import __version__

__all__ = ["__version__"]
