"""Check decoded TOML against the file Structs, collecting every fault.

msgspec converts a whole document but stops at its first error; an author wants to see
all of them at once. So we walk the Struct types ourselves, table by table and key by key,
and let msgspec check each value against its annotated type (patterns, bounds, literals).
The walk returns what converted, entry by entry, so that the cross-reference checks can go
on even where some entries are broken.
"""

from __future__ import annotations

import datetime
import functools
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


def nearest(word: str, choices: list[str], *, cutoff: float) -> list[str]:
    """The choice closest to ``word`` (a list of at most one), for "did you mean ...?".

    difflib is imported here, when a fault needs a suggestion: a valid file never does."""
    import difflib

    return difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)


def show(value: object, limit: int = 60) -> str:
    """A value as its author wrote it, shortened."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = repr(value)
    elif isinstance(value, int) and value.bit_length() > 10_000:
        text = f"a number of about {value.bit_length() * 0.30103:.0f} digits"
    elif isinstance(value, dict):
        text = "a table"
    elif isinstance(value, list):
        text = f"a list of {len(value)}"
    else:
        text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def show_number(value: float) -> str:
    """A converted number, without the ``.0`` that conversion added to ``20``."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return show(value)


def kind_of(value: object) -> str:
    """What kind of TOML value this is, in words."""
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return "a list of tables"
    for typ, word in (
        (bool, "true or false"),
        (int, "a whole number"),
        (float, "a decimal number"),
        (str, "text"),
        (list, "a list"),
        (dict, "a table"),
        (datetime.datetime, "a date and time"),
        (datetime.date, "a date"),
        (datetime.time, "a time"),
    ):
        if isinstance(value, typ):
            return word
    return type(value).__name__


def _got(value: object) -> str:
    """``a whole number (3)``: the kind of a value, and the value where it is short."""
    kind = kind_of(value)
    return kind if isinstance(value, dict | list) else f"{kind} ({show(value)})"


def _either(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _step_into(error: str, value: object, path: KeyPath) -> tuple[str, object, KeyPath]:
    """Follow msgspec's `` - at `$[1]` `` to the element at fault."""
    match = re.search(r" - at `\$([^`]*)`$", error)
    if not match:
        return error, value, path
    error = error[: match.start()]
    for index, key in re.findall(r"\[(\d+)\]|\.(\w+)", match.group(1)):
        if index and isinstance(value, list) and int(index) < len(value):
            value = value[int(index)]
            path = path.item(int(index), str(int(index) + 1))
        elif key and isinstance(value, dict) and key in value:
            value = value[key]
            path = path.key(key)
        else:
            break
    return error, value, path


_BOUNDS = {">=": "at least", ">": "more than", "<=": "at most", "<": "less than"}


def _explain(error: str, value: object, typ: Any) -> str:
    """Turn a msgspec validation message into words for a scenario author."""
    literals = _literals(typ)
    _, metas = _unwrap(typ)
    described = next((m.description for m in reversed(metas) if m.description), None)
    allows_list = _allows_list(typ)
    if ID_PATTERN in error:
        return (
            f"{show(value)} is not a valid id: use lower_snake_case "
            "(a lower-case letter, then lower-case letters, digits or _)"
        )
    if COLOR_PATTERN in error:
        return f"{show(value)} is not a colour: write #rgb or #rrggbb, e.g. '#1f77b4'"
    if error.startswith("Invalid enum value") or (literals and error.startswith("Expected `str")):
        if literals and allows_list and described:
            return f"{show(value)} is not allowed here; write {described}"
        words = [repr(v) for v in literals]
        near = nearest(str(value), [str(v) for v in literals], cutoff=0.6)
        hint = f" (did you mean '{near[0]}'?)" if near and near[0] != value else ""
        if isinstance(value, str):
            return f"{show(value)} is not allowed here; use {_either(words)}{hint}"
        return f"expected {_either(words)}, got {_got(value)}"
    if isinstance(value, float) and not math.isfinite(value):  # before any bound: inf, nan
        return f"{show(value)} is not allowed: use a finite number"
    if match := re.match(r"Expected `(\w+)` (>=|>|<=|<) (\S+)", error):
        bound = show_number(float(match.group(3)))
        return f"{show(value)} is not allowed: it must be {_BOUNDS[match.group(2)]} {bound}"
    if match := re.match(r"Expected `str` of length >= (\d+)", error):
        return "must not be empty" if match.group(1) == "1" else error
    if match := re.match(r"Expected `array` of length >= (\d+)", error):
        count = int(match.group(1))
        noun = "entry" if count == 1 else "entries"
        return f"needs at least {count} {noun}, has {len(value)}"  # type: ignore[arg-type]
    if error.startswith("Number out of range"):
        return f"{show(value)} is too large a number"
    if match := re.match(r"Expected `([^`]+)`, got `(\w+)`", error):
        wanted = _either([_TYPE_WORDS.get(t, t) for t in match.group(1).split(" | ")])
        if literals and described:
            wanted = described
        return f"expected {wanted}, got {_got(value)}"
    return f"{show(value)}: {error}"


def _allows_list(typ: Any) -> bool:
    inner, _ = _unwrap(typ)
    if typing.get_origin(inner) in (tuple, list):
        return True
    return any(_allows_list(arg) for arg in typing.get_args(inner) if arg is not Ellipsis)


def _literals(typ: Any) -> tuple[object, ...]:
    """Every literal value a type allows (``Literal["working", "summit"]``)."""
    if typing.get_origin(typ) is typing.Literal:
        return typing.get_args(typ)
    if typing.get_origin(typ) is typing.Annotated:
        return _literals(typing.get_args(typ)[0])
    return tuple(v for arg in typing.get_args(typ) for v in _literals(arg))


def _unwrap(typ: Any) -> tuple[Any, list[Any]]:
    """Strip ``Annotated`` and UNSET from a type; return it with its ``Meta`` objects."""
    metas: list[Any] = []
    while True:
        origin = typing.get_origin(typ)
        if origin is typing.Annotated:
            typ, *extra = typing.get_args(typ)
            metas.extend(m for m in extra if isinstance(m, msgspec.Meta))
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(typ) if a not in (type(None), msgspec.UnsetType)]
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


def _table_name(path: KeyPath, name: str, value: object) -> str:
    """How the author wrote a key: ``[[teams]]`` or ``[scenario]`` at the top, else as is."""
    if not path.parts and isinstance(value, list):
        return f"[[{name}]]"
    if not path.parts and isinstance(value, dict):
        return f"[{name}]"
    return f"'{name}'"


@functools.cache
def _fields(struct: type[msgspec.Struct]) -> dict[str, msgspec.structs.FieldInfo]:
    """A Struct's fields by key; cached, as msgspec evaluates the annotations each call."""
    return {f.encode_name: f for f in msgspec.structs.fields(struct)}


def check_table(
    value: object, struct: type[msgspec.Struct], path: KeyPath, report: Report
) -> dict[str, Any] | None:
    """Check one table against ``struct``; return the keys that converted, or None."""
    if not isinstance(value, dict):
        report(path, f"expected a table, got {_got(value)}")
        return None
    fields = _fields(struct)
    for key in value:
        if key not in fields:
            near = nearest(key.lower(), list(fields), cutoff=0.6)
            if near:
                wanted = _table_name(path, near[0], _shape_of(fields[near[0]].type))
                hint = f"did you mean {wanted}?"
            else:
                hint = "allowed here: " + ", ".join(fields)
            written = _table_name(path, key, value[key])
            noun = "table" if written.startswith("[") else "key"
            report(path.key(key), f"unknown {noun} {written}; {hint}")
    converted: dict[str, Any] = {}
    for name, field in fields.items():
        if name not in value:
            if field.required:
                report(path.key(name), _missing(path, name, field.type))
            continue
        result = check_value(value[name], field.type, path.key(name), report)
        if result is not _INVALID:
            converted[name] = result
    return converted


def _shape_of(typ: Any) -> object:
    """A sample value of ``typ``'s shape, for naming it as a table or list of tables."""
    inner, _ = _unwrap(typ)
    if _struct_of_sequence(typ)[0] is not None:
        return [{}]
    return {} if isinstance(inner, type) and issubclass(inner, msgspec.Struct) else None


def _missing(path: KeyPath, name: str, typ: Any) -> str:
    struct, min_length = _struct_of_sequence(typ)
    if not path.parts and struct is not None:
        tables = "table" if min_length == 1 else "tables"
        return f"missing: a scenario needs at least {min_length} [[{name}]] {tables}"
    if not path.parts and _shape_of(typ) == {}:
        return f"missing: a scenario needs a [{name}] table"
    return "required key is missing"


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
    if struct is not None:
        return _check_tables(value, struct, min_length, path, report)
    if typ is Effects:
        # Effects are checked against the indicators and teams in crosscheck.py.
        if not isinstance(value, dict):
            report(
                path,
                f"expected a table of indicator changes, got {_got(value)}; "
                "write effects.INDICATOR = N, one line per indicator",
            )
            return _INVALID
        return value
    try:
        result = msgspec.convert(value, typ, strict=True)
    except msgspec.ValidationError as error:
        message, value, path = _step_into(str(error), value, path)
        report(path, _explain(message, value, typ))
        return _INVALID
    if isinstance(result, float) and not math.isfinite(result):
        report(path, f"{show(value)} is not allowed: use a finite number")
        return _INVALID
    texts = [result] if isinstance(result, str) else []
    if isinstance(result, tuple):
        texts = [t for t in result if isinstance(t, str)]
    one_line = bool(path.parts) and path.parts[-1] in ONE_LINE
    for text in texts:
        fault = text_fault(text, one_line=one_line)
        if fault:
            report(path, fault)
            return _INVALID
    return result


# Keys whose text is one line shown as a label (a name, a title): never blank, and no
# control character at all. Other text (briefs, descriptions, an inject's text) may hold
# tabs and line breaks, and no other control character.
ONE_LINE = frozenset({"name", "title", "leader"})
_CONTROL_NAMES = {0: "NUL", 7: "BEL", 8: "backspace", 9: "a tab", 10: "a line break",
                  13: "a carriage return", 27: "ESC", 127: "DEL"}  # fmt: skip


def text_fault(text: str, *, one_line: bool) -> str | None:
    """What is wrong with a text of a scenario, in words; None if nothing."""
    allowed = "" if one_line else "\t\n\r"
    for position, char in enumerate(text, start=1):
        code = ord(char)
        if (code < 0x20 or 0x7F <= code <= 0x9F) and char not in allowed:
            name = _CONTROL_NAMES.get(code, "a control character")
            rule = (
                "a name or title is one line with no control characters"
                if one_line
                else "text holds no control characters but tabs and line breaks"
            )
            return f"{show(text)} holds {name} (U+{code:04X}) at character {position}: {rule}"
    if one_line and not text.strip():
        return f"{show(text)} is blank: write a name that shows on screen"
    return None


def _check_tables(
    value: object, struct: type[msgspec.Struct], min_length: int, path: KeyPath, report: Report
) -> Any:
    if isinstance(value, dict) and not path.parts[:-1]:
        name = path.text
        report(path, f"write [[{name}]] with double brackets, once for each entry")
        return _INVALID
    if not isinstance(value, list):
        report(path, f"expected a list of tables, got {_got(value)}")
        return _INVALID
    if len(value) < min_length:
        noun = "entry" if min_length == 1 else "entries"
        if not path.parts[:-1]:
            noun = f"[[{path.text}]] table" + ("" if min_length == 1 else "s")
        report(path, f"needs at least {min_length} {noun}, has {len(value)}")
    return [
        check_table(entry, struct, path.item(index, label_of(entry, index)), report)
        for index, entry in enumerate(value)
    ]
