"""Read a scenario file, report every fault, and resolve it into a ``Scenario``.

Nothing a file contains makes this module raise anything but ``ScenarioError``: not
TOML, empty, binary, not UTF-8, huge, or deeply nested junk each get a message.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec
from msgspec import UNSET

from engine.scenario.faults import Fault, ScenarioError
from engine.scenario.model import (
    DEFAULT_PHASES,
    Effect,
    Indicator,
    Inject,
    Issue,
    MoveType,
    Observer,
    OutcomeRow,
    Phase,
    Round,
    Scenario,
    ScenarioFile,
    Team,
)

if TYPE_CHECKING:
    from engine.scenario.locate import LineIndex
    from engine.scenario.walk import KeyPath

# tomllib and the checking modules are imported when a file is parsed: the app's start
# reads a validated scenario from the cache (engine/scenario/cache.py) and needs neither.

MAX_BYTES = 5 * 1024 * 1024
# Colours for teams that name none, in order: distinct on a projector and for most
# colour-blind viewers (Okabe and Ito's palette, then a few more).
PALETTE = (
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00",
    "#56b4e9", "#f0e442", "#000000", "#8c564b", "#7f7f7f",
)  # fmt: skip


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate the scenario file at ``path``."""
    return parse_scenario(read_scenario_bytes(path), str(path))


def read_scenario_bytes(path: str | Path) -> bytes:
    """The bytes of a scenario file (one more than the size limit at most, so that a huge
    file is refused by the parser without being read whole)."""
    name = str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise ScenarioError(
            [Fault(name, None, "", "this is a folder, not a scenario file")]
        ) from None
    except FileNotFoundError:
        raise ScenarioError([Fault(name, None, "", "no such file")]) from None
    except OSError as error:
        raise ScenarioError([Fault(name, None, "", f"cannot read: {error.strerror}")]) from None
    return data


def peek_title(path: str | Path) -> str | None:
    """The title a scenario file gives itself, read without validating it (for lists);
    None when the file cannot be read or names no title."""
    import tomllib

    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
        header = tomllib.loads(data.decode("utf-8")).get("scenario")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return None
    title = header.get("title") if isinstance(header, dict) else None
    return title.strip() or None if isinstance(title, str) else None


def parse_scenario(data: bytes | str, name: str = "<scenario>") -> Scenario:
    """Validate scenario text (bytes as read from a file, or str) and resolve it."""
    from engine.scenario import crosscheck
    from engine.scenario.locate import LineIndex
    from engine.scenario.walk import KeyPath, check_table

    text = _text_of(_decode(data, name), name)
    raw = _parse_toml(text, name)
    faults: list[Fault] = []
    lines: list[LineIndex] = []  # made at the first fault: a valid file never needs it

    def report(path: KeyPath, message: str) -> None:
        if not lines:
            lines.append(LineIndex(text))
        faults.append(Fault(name, lines[0].line_of(path.parts), path.text, message))

    doc = check_table(raw, ScenarioFile, KeyPath(), report)
    if doc is not None:
        crosscheck.check_all(doc, raw, report)
    if faults:
        raise ScenarioError(faults)
    try:
        written = msgspec.convert(raw, ScenarioFile, strict=True)
    except msgspec.ValidationError as error:  # the walk should have caught it; be safe
        raise ScenarioError([Fault(name, None, "", str(error))]) from None
    return _resolve(written, text)


def _decode(data: bytes | str, name: str) -> bytes:
    """Check the size and encoding of the file; return its text as UTF-8 bytes."""
    if isinstance(data, str):
        try:
            data = data.encode("utf-8")
        except UnicodeEncodeError as error:
            line = error.object[: error.start].count("\n") + 1
            raise ScenarioError(
                [Fault(name, line, "", "not UTF-8 text (it holds a lone surrogate character)")]
            ) from None
    if len(data) > MAX_BYTES:
        raise ScenarioError([_too_big(name)])
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ScenarioError(
            [
                Fault(
                    name,
                    line,
                    "",
                    "this is not a text file (it holds NUL bytes); "
                    "a scenario is a TOML text file saved as UTF-8",
                )
            ]
        )
    return data


def _text_of(data: bytes, name: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        byte = data[error.start]
        raise ScenarioError(
            [
                Fault(
                    name,
                    line,
                    "",
                    f"not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8 "
                    "(in most editors: Save As, Encoding: UTF-8)",
                )
            ]
        ) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ScenarioError(
            [
                Fault(
                    name,
                    None,
                    "",
                    "the file is empty; a scenario needs [scenario], [[teams]] "
                    "and [[rounds]] tables",
                )
            ]
        )
    return text


def _too_big(name: str) -> Fault:
    limit = MAX_BYTES // 2**20
    return Fault(
        name,
        None,
        "",
        f"the file is larger than {limit} MiB, the most a scenario file may be; "
        "is this the right file?",
    )


# Hints for the TOML mistakes authors make most, keyed by the start of tomllib's message.
_TOML_HINTS = {
    "Invalid value": 'is text missing its quotes? write key = "text"',
    "Cannot overwrite a value": "a key is written twice, or a key and a table share a name",
    "Cannot declare": "a table is written twice; use [[name]] for a list of tables",
    "Cannot mutate": "a table is written twice, or a key and a table share a name",
    "Expected '=' after a key": "each line is key = value; quote a key with spaces in it",
    "Invalid statement": "each line is key = value, a [table] or a [[list of tables]]",
    "Unclosed array": "a [ has no matching ]",
    "Unclosed inline table": "a { has no matching }, or the inline table spans lines",
    "Unterminated string": "a string has no closing quote",
    "Illegal character": "a string holds a control character; write it as an escape",
    "Expected newline or end of document": "put each key = value on its own line",
}


def _parse_toml(text: str, name: str) -> dict[str, Any]:
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        line = None
        if match := re.search(r" \(at line (\d+), column (\d+)\)$", message):
            line = int(match.group(1))
            message = f"{message[: match.start()]} (column {match.group(2)})"
        elif "(at end of document)" in message:
            message = message.replace(" (at end of document)", " at the end of the file")
            line = text.count("\n") + 1
        hint = next((h for start, h in _TOML_HINTS.items() if message.startswith(start)), None)
        if hint:
            message = f"{message}; {hint}"
        raise ScenarioError([Fault(name, line, "", f"not valid TOML: {message}")]) from None
    except RecursionError:
        raise ScenarioError(
            [Fault(name, None, "", "not valid TOML: lists or tables are nested too deeply")]
        ) from None
    except ValueError:  # Python refuses integers of more than 4300 digits
        raise ScenarioError(
            [Fault(name, None, "", "not valid TOML: a number is too long to read")]
        ) from None


# --------------------------------------------------------------------------- resolving


def _effects(effects: dict[str, Any]) -> tuple[Effect, ...]:
    """Flatten ``{"support": -2, "trust": {"a": {"b": 5}}}`` to value keys.

    A team indicator given without a team (``support = -2``) changes every team.
    """
    flat: list[Effect] = []
    for indicator, value in effects.items():
        if not isinstance(value, dict):
            flat.append(Effect(indicator, float(value)))
            continue
        for team, inner in value.items():
            if isinstance(inner, dict):
                flat.extend(Effect(f"{indicator}.{team}.{b}", float(n)) for b, n in inner.items())
            else:
                flat.append(Effect(f"{indicator}.{team}", float(inner)))
    return tuple(flat)


def _expand(
    effects: tuple[Effect, ...], scopes: Mapping[str, str], team_ids: tuple[str, ...]
) -> tuple[Effect, ...]:
    out: list[Effect] = []
    for effect in effects:
        if scopes.get(effect.key) == "team":
            out.extend(Effect(f"{effect.key}.{t}", effect.delta) for t in team_ids)
        else:
            out.append(effect)
    return tuple(out)


def _resolve(written: ScenarioFile, text: str) -> Scenario:
    team_ids = tuple(t.id for t in written.teams)
    scopes = {i.id: i.scope for i in written.indicators}

    def effects(raw: dict[str, Any]) -> tuple[Effect, ...]:
        return _expand(_effects(raw), scopes, team_ids)

    rounds = []
    for number, entry in enumerate(written.rounds, start=1):
        if entry.phases:
            phases = tuple(Phase(p.name, p.minutes) for p in entry.phases)
        else:
            share = (entry.minutes or 0) / len(DEFAULT_PHASES)
            phases = tuple(Phase(name, share) for name in DEFAULT_PHASES)
        minutes = sum(p.minutes for p in phases) if entry.minutes is UNSET else entry.minutes
        rounds.append(
            Round(
                number=number,
                kind=entry.kind,
                title=entry.title or f"Round {number}",
                minutes=minutes,
                teams=entry.teams or team_ids,
                phases=phases,
            )
        )
    header = written.scenario
    return Scenario(
        id=header.id,
        title=header.title,
        format=header.format,
        summary=header.summary,
        background=header.background,
        teams=tuple(
            Team(
                t.id,
                t.name,
                t.color or PALETTE[i % len(PALETTE)],
                t.leader,
                t.public_brief,
                t.private_brief,
                t.objectives,
                t.red_lines,
            )
            for i, t in enumerate(written.teams)
        ),
        indicators=tuple(
            Indicator(i.id, i.name, i.min, i.max, i.initial, i.scope, i.description, i.public)
            for i in written.indicators
        ),
        issues=tuple(Issue(i.id, i.name, i.tangible, i.description) for i in written.issues),
        move_types=tuple(
            MoveType(
                m.id,
                m.name,
                effects(m.effects),
                m.description,
                tuple(OutcomeRow(r.min, r.max, r.outcome, r.text) for r in m.outcome_table),
            )
            for m in written.move_types
        ),
        rounds=tuple(rounds),
        injects=tuple(
            Inject(
                id=i.id,
                title=i.title,
                text=i.text,
                visibility=None if i.visibility == "public" else tuple(i.visibility),
                round=i.round or None,
                effects=effects(i.effects),
                control_notes=i.control_notes,
            )
            for i in written.injects
        ),
        source=text,
        observers=tuple(
            Observer(o.id, o.name, None if o.sees == "public" else tuple(o.sees), o.description)
            for o in written.observers
        ),
    )
