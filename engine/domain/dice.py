"""Dice for rulings: a recorded seed makes every roll reviewable and repeatable."""

from __future__ import annotations

import random

MAX_SIDES = 1000
_SYSTEM = random.SystemRandom()  # what ``secrets`` uses, without its import of hashlib


def new_seed() -> int:
    """A fresh seed for a roll nobody asked to repeat (it is still recorded)."""
    return _SYSTEM.getrandbits(31)


def roll(seed: int, sides: int = 6) -> int:
    """The roll of one die with ``sides`` faces, from ``random.Random(seed)``: 1..sides."""
    return random.Random(seed).randint(1, sides)


def default_needed(sides: int) -> int:
    """The roll a move needs to succeed when Control names none: above half (4 on a d6)."""
    return sides // 2 + 1
