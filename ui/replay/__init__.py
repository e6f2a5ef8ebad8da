"""Replay: a saved session read-only, at any event, as Control or one team saw it."""
