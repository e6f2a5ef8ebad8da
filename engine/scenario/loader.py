"""Read a scenario file, report every fault, and resolve it into a ``Scenario``.

Nothing a file contains makes this module raise anything but ``ScenarioError``: not
TOML, empty, binary, not UTF-8, huge, or deeply nested junk each get a message.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import msgspec

from engine.scenario import crosscheck
from engine.scenario.faults import Fault, ScenarioError
from engine.scenario.locate import LineIndex
from engine.scenario.model import (
    DEFAULT_PHASES,
    Effect,
    Indicator,
    Inject,
    Issue,
    MoveType,
    Phase,
    Round,
    Scenario,
    ScenarioFile,
    Team,
)
from engine.scenario.walk import KeyPath, check_table

MAX_BYTES = 5 * 1024 * 1024
# Colours for teams that name none, in order: distinct on a projector and for most
# colour-blind viewers (Okabe and Ito's palette, then a few more).
PALETTE = (
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00",
    "#56b4e9", "#f0e442", "#000000", "#8c564b", "#7f7f7f",
)  # fmt: skip


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate the scenario file at ``path``."""
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
    return parse_scenario(data, name)


def parse_scenario(data: bytes | str, name: str = "<scenario>") -> Scenario:
    """Validate scenario text (bytes as read from a file, or str) and resolve it."""
    text = _decode(data, name)
    raw = _parse_toml(text, name)
    faults: list[Fault] = []
    lines = LineIndex(text)

    def report(path: KeyPath, message: str) -> None:
        faults.append(Fault(name, lines.line_of(path.parts), path.text, message))

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


def _decode(data: bytes | str, name: str) -> str:
    if isinstance(data, str):
        if len(data.encode("utf-8", "surrogatepass")) > MAX_BYTES:
            raise ScenarioError([_too_big(name)])
        text = data
    else:
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
                        "a scenario is a UTF-8 TOML file",
                    )
                ]
            )
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
                        f"not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8",
                    )
                ]
            ) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ScenarioError([Fault(name, None, "", "the file is empty")])
    return text


def _too_big(name: str) -> Fault:
    return Fault(
        name,
        None,
        "",
        f"the file is larger than {MAX_BYTES // 2**20} MiB; a scenario file may be at most that",
    )


def _parse_toml(text: str, name: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        line = None
        if "(at line " in message:
            message, _, where = message.partition(" (at line ")
            line = int(where.split(",")[0])
        elif "(at end of document)" in message:
            message = message.replace(" (at end of document)", " at the end of the file")
            line = text.count("\n") + 1
        raise ScenarioError([Fault(name, line, "", f"not valid TOML: {message}")]) from None
    except RecursionError:
        raise ScenarioError([Fault(name, None, "", "not valid TOML: nested too deeply")]) from None


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
    effects: tuple[Effect, ...], scopes: dict[str, str], team_ids: tuple[str, ...]
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
        minutes = entry.minutes if entry.minutes is not None else sum(p.minutes for p in phases)
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
            Indicator(i.id, i.name, i.min, i.max, i.initial, i.scope, i.description)
            for i in written.indicators
        ),
        issues=tuple(Issue(i.id, i.name, i.tangible, i.description) for i in written.issues),
        move_types=tuple(
            MoveType(m.id, m.name, effects(m.effects), m.description) for m in written.move_types
        ),
        rounds=tuple(rounds),
        injects=tuple(
            Inject(
                id=i.id,
                title=i.title,
                text=i.text,
                visibility=None if i.visibility == "public" else tuple(i.visibility),
                round=i.round,
                effects=effects(i.effects),
            )
            for i in written.injects
        ),
        source=text,
    )
