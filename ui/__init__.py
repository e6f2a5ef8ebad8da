"""Parley's screens: PySide6 windows and widgets over the engine. No domain logic here."""
