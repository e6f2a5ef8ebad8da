"""Check decoded TOML against the file Structs, collecting every fault.

msgspec converts a whole document but stops at its first error; an author wants to see
all of them at once. So we walk the Struct types ourselves, table by table and key by key,
and let msgspec check each value against its annotated type (patterns, bounds, literals).
The walk returns what converted, entry by entry, so that the cross-reference checks can go
on even where some entries are broken.
"""

from __future__ import annotations

import difflib
import math
import re
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import msgspec

from engine.scenario.model import COLOR_PATTERN, ID_PATTERN, Effects

Part = str | int


@dataclass(frozen=True)
class KeyPath:
    """Where a value sits: ``parts`` for finding its line, ``text`` for people."""

    parts: tuple[Part, ...] = ()
    text: str = ""

    def key(self, name: str) -> KeyPath:
        return KeyPath((*self.parts, name), f"{self.text}.{name}" if self.text else name)

    def item(self, index: int, label: str) -> KeyPath:
        return KeyPath((*self.parts, index), f"{self.text}[{label}]")


Report = Callable[[KeyPath, str], None]

_TYPE_WORDS = {
    "str": "text",
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "array": "a list",
    "object": "a table",
    "null": "nothing",
    "datetime": "a date and time",
    "date": "a date",
    "time": "a time",
}


def show(value: object, limit: int = 60) -> str:
    """A value as its author wrote it, shortened."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = repr(value)
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    elif isinstance(value, dict):
        text = "a table"
    elif isinstance(value, list):
        text = f"a list of {len(value)}"
    else:
        text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _kind_of(value: object) -> str:
    for typ, word in (
        (bool, "true or false"),
        (int, "a whole number"),
        (float, "a number"),
        (str, "text"),
        (list, "a list"),
        (dict, "a table"),
    ):
        if isinstance(value, typ):
            return word
    return type(value).__name__


def _explain(error: str, value: object, literals: tuple[object, ...]) -> str:
    """Turn a msgspec validation message into words for a scenario author."""
    error = re.sub(r" - at `\$[^`]*`$", "", error)
    if ID_PATTERN in error:
        return (
            f"{show(value)} is not a valid id: use lower_snake_case "
            "(a lower-case letter, then lower-case letters, digits or _)"
        )
    if COLOR_PATTERN in error:
        return f"{show(value)} is not a colour: write #rgb or #rrggbb, e.g. '#1f77b4'"
    if match := re.match(r"Invalid enum value (.*)", error):
        allowed = " or ".join(repr(v) for v in literals)
        return f"{match.group(1)} is not allowed here; use {allowed}"
    if match := re.match(r"Expected `(\w+)` (>=|>|<=|<) (\S+)", error):
        words = {">=": "at least", ">": "more than", "<=": "at most", "<": "less than"}
        return f"{show(value)} must be {words[match.group(2)]} {match.group(3)}"
    if match := re.match(r"Expected `(array|str)` of length >= (\d+)", error):
        noun = "entry" if match.group(2) == "1" else "entries"
        return f"needs at least {match.group(2)} {noun}, has {len(value)}"  # type: ignore[arg-type]
    if match := re.match(r"Expected `([^`]+)`, got `(\w+)`", error):
        wanted = " or ".join(_TYPE_WORDS.get(t, t) for t in match.group(1).split(" | "))
        return f"expected {wanted}, got {_kind_of(value)} ({show(value)})"
    return f"{show(value)}: {error}"


def _literals(typ: Any) -> tuple[object, ...]:
    """Every literal value a type allows (``Literal["working", "summit"]``)."""
    if typing.get_origin(typ) is typing.Literal:
        return typing.get_args(typ)
    return tuple(v for arg in typing.get_args(typ) for v in _literals(arg))


def _unwrap(typ: Any) -> tuple[Any, list[Any]]:
    """Strip ``Annotated`` and ``None`` from a type; return it with its ``Meta`` objects."""
    metas: list[Any] = []
    while True:
        origin = typing.get_origin(typ)
        if origin is typing.Annotated:
            typ, *extra = typing.get_args(typ)
            metas.extend(extra)
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(typ) if a is not type(None)]
            if len(args) != 1:
                return typ, metas
            typ = args[0]
        else:
            return typ, metas


def _struct_of_sequence(typ: Any) -> tuple[type[msgspec.Struct] | None, int]:
    """For ``tuple[SomeStruct, ...]`` (possibly annotated), the Struct and the min length."""
    inner, metas = _unwrap(typ)
    if typing.get_origin(inner) in (tuple, list):
        args = [a for a in typing.get_args(inner) if a is not Ellipsis]
        if len(args) == 1 and isinstance(args[0], type) and issubclass(args[0], msgspec.Struct):
            min_length = max((getattr(m, "min_length", None) or 0 for m in metas), default=0)
            return args[0], min_length
    return None, 0


def label_of(entry: object, index: int) -> str:
    """Entries are named by id where they have a usable one, else by 1-based position."""
    if isinstance(entry, dict):
        ident = entry.get("id")
        if isinstance(ident, str) and re.fullmatch(ID_PATTERN, ident):
            return ident
    return str(index + 1)


def check_table(
    value: object, struct: type[msgspec.Struct], path: KeyPath, report: Report
) -> dict[str, Any] | None:
    """Check one table against ``struct``; return the keys that converted, or None."""
    if not isinstance(value, dict):
        report(path, f"expected a table, got {_kind_of(value)} ({show(value)})")
        return None
    fields = {f.encode_name: f for f in msgspec.structs.fields(struct)}
    for key in value:
        if key not in fields:
            near = difflib.get_close_matches(key, list(fields), n=1, cutoff=0.6)
            hint = f"did you mean '{near[0]}'?" if near else "allowed: " + ", ".join(fields)
            report(path.key(key), f"unknown key '{key}'; {hint}")
    converted: dict[str, Any] = {}
    for name, field in fields.items():
        if name not in value:
            if field.required:
                report(path.key(name), "required key is missing")
            continue
        result = check_value(value[name], field.type, path.key(name), report)
        if result is not _INVALID:
            converted[name] = result
    return converted


class _Invalid:
    pass


_INVALID: Any = _Invalid()


def check_value(value: object, typ: Any, path: KeyPath, report: Report) -> Any:
    """Check one value; tables and lists of tables are walked, the rest msgspec checks."""
    inner, _ = _unwrap(typ)
    if isinstance(inner, type) and issubclass(inner, msgspec.Struct):
        table = check_table(value, inner, path, report)
        return _INVALID if table is None else table
    struct, min_length = _struct_of_sequence(typ)
    if struct is not None and not (value is None or isinstance(value, dict)):
        if not isinstance(value, list):
            report(path, f"expected a list of tables, got {_kind_of(value)} ({show(value)})")
            return _INVALID
        if len(value) < min_length:
            report(path, f"needs at least {min_length}, has {len(value)}")
        entries = []
        for index, entry in enumerate(value):
            entries.append(
                check_table(entry, struct, path.item(index, label_of(entry, index)), report)
            )
        return entries
    if typ is Effects:
        # Effects are checked against the indicators and teams in crosscheck.py.
        if not isinstance(value, dict):
            report(path, f"expected a table of indicator changes, got {_kind_of(value)}")
            return _INVALID
        return value
    try:
        result = msgspec.convert(value, typ, strict=True)
    except msgspec.ValidationError as error:
        report(path, _explain(str(error), value, _literals(typ)))
        return _INVALID
    if isinstance(result, float) and not math.isfinite(result):
        report(path, f"{show(value)} is not allowed: use a finite number")
        return _INVALID
    return result
