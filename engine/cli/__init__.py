"""Command-line verbs: the engine's abilities with no screen (see ``main.py``)."""

from engine.cli.verbs import run_verb

__all__ = ["run_verb"]
