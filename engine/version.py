"""The app's version, as a constant: reading it from the installed package metadata would
import ``importlib.metadata`` (and the ``email`` package) on every start."""

__version__ = "0.1.0"  # the same as ``[project] version`` in pyproject.toml (a test checks)
