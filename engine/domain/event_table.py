"""The table of every event kind in ``docs/save-format.md``, rendered from the classes.

``python -m engine.domain.event_table`` prints it; ``tests/domain/test_event_kinds.py``
checks that the document holds exactly this table, so a new kind or field cannot be
left out of it.
"""

from __future__ import annotations

import re

import msgspec

from engine.domain.events import EVENT_TYPES

START = "<!-- event table: rendered by `python -m engine.domain.event_table` -->"
END = "<!-- end of the event table -->"
SHARED = ("by_device",)  # every kind has it (``Event``): the document says so once


def _type_name(kind: object) -> str:
    text = kind.__name__ if isinstance(kind, type) else str(kind)
    text = re.sub(r"\b(?:[A-Za-z_]\w*\.)+([A-Za-z_]\w*)", r"\1", text)
    return text.replace("|", "\\|")


def event_table() -> str:
    """Every kind: its version, the ``Changes`` flags it sets, and its payload fields
    with their types and defaults (a default is left out of the payload); the fields
    every kind shares (``SHARED``) are not repeated."""
    lines = [
        "| kind | v | sets | field | type | default |",
        "|---|---|---|---|---|---|",
    ]
    for kind in EVENT_TYPES:
        first = f"| `{kind.__name__}` | {kind.version} | {', '.join(kind.flags) or '-'} |"
        fields = [f for f in msgspec.structs.fields(kind) if f.name not in SHARED]
        if not fields:
            lines.append(first + " | | |")
        for number, field in enumerate(fields):
            default = (
                "required" if field.required else f"`{msgspec.json.encode(field.default).decode()}`"
            )
            cells = f" `{field.name}` | `{_type_name(field.type)}` | {default} |"
            lines.append((first if number == 0 else "| | | |") + cells)
    return "\n".join(lines) + "\n"


def documented(text: str) -> str:
    """The event table a document holds between the two markers ('' if none)."""
    start, end = text.find(START), text.find(END)
    if start < 0 or end < start:
        return ""
    return text[start + len(START) : end].strip("\n") + "\n"


if __name__ == "__main__":
    print(START)
    print(event_table(), end="")
    print(END)
