"""Parley's engine: the domain of a negotiation role-play, with no screen.

Nothing in this package imports Qt or ``ui``; an import-linter contract in
``pyproject.toml`` enforces it and the test suite runs that contract.
"""

__version__ = "0.1.0"
