"""The scenario format as typed, immutable msgspec Structs.

Two layers live here:

* the *file* Structs (``*Entry``, ``ScenarioFile``) mirror the TOML exactly, with the
  constraints of the format written as msgspec ``Meta`` annotations. They are what the
  loader converts each value against, and what ``schema`` publishes as JSON Schema.
* the *resolved* model (``Scenario`` and friends) is what the rest of the engine uses:
  defaults filled in (round titles, minutes, seated teams, phases), rounds numbered, and
  effects flattened to indicator keys such as ``tension``, ``support.usa`` or
  ``trust.dprk.usa``.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec
from msgspec import Meta, Struct

FORMAT_VERSION = 1
ID_PATTERN = r"^[a-z][a-z0-9_]*$"
COLOR_PATTERN = r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"
DEFAULT_PHASES = ("brief", "negotiate", "submit", "adjudicate", "debrief")

Id = Annotated[
    str,
    Meta(
        pattern=ID_PATTERN,
        description="lower_snake_case: a lower-case letter, then lower-case letters, digits or _",
    ),
]
Color = Annotated[str, Meta(pattern=COLOR_PATTERN, description="#rgb or #rrggbb")]
Minutes = Annotated[float, Meta(gt=0, description="a positive number of minutes")]
Text = str
# An effect value is a number, or a table for team and pair targets (see the format doc).
EffectValue = float | dict[str, float | dict[str, float]]
Effects = Annotated[
    dict[str, EffectValue],
    Meta(description="indicator id to a signed change; dotted keys name a team or a pair"),
]


class _Entry(Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    """Base of the file Structs: unknown keys are faults, values never change."""


class ScenarioHeader(_Entry):
    id: Id
    title: str
    format: int
    summary: Text = ""
    background: Annotated[Text, Meta(description="Markdown")] = ""


class TeamEntry(_Entry):
    id: Id
    name: str
    color: Color | None = None
    leader: str = "Leader"
    public_brief: Annotated[Text, Meta(description="Markdown")] = ""
    private_brief: Annotated[Text, Meta(description="Markdown")] = ""
    objectives: tuple[str, ...] = ()
    red_lines: tuple[str, ...] = ()


class IndicatorEntry(_Entry):
    id: Id
    name: str
    min: float
    max: float
    initial: float
    scope: Literal["global", "team", "pair"]
    description: str = ""


class IssueEntry(_Entry):
    id: Id
    name: str
    tangible: bool
    description: str = ""


class MoveTypeEntry(_Entry):
    id: Id
    name: str
    effects: Effects = {}
    description: str = ""


class PhaseEntry(_Entry):
    name: Annotated[str, Meta(min_length=1)]
    minutes: Minutes


class RoundEntry(_Entry):
    kind: Literal["working", "summit"]
    title: str | None = None
    minutes: Minutes | None = None
    teams: Annotated[tuple[Id, ...], Meta(min_length=1)] | None = None
    phases: Annotated[tuple[PhaseEntry, ...], Meta(min_length=1)] | None = None


class InjectEntry(_Entry):
    id: Id
    title: str
    text: Text
    visibility: Literal["public"] | Annotated[tuple[Id, ...], Meta(min_length=1)]
    round: Annotated[int, Meta(ge=1)] | None = None
    effects: Effects = {}


class ScenarioFile(_Entry):
    """The whole file, as written."""

    scenario: ScenarioHeader
    teams: Annotated[tuple[TeamEntry, ...], Meta(min_length=2)]
    rounds: Annotated[tuple[RoundEntry, ...], Meta(min_length=1)]
    indicators: tuple[IndicatorEntry, ...] = ()
    issues: tuple[IssueEntry, ...] = ()
    move_types: tuple[MoveTypeEntry, ...] = ()
    injects: tuple[InjectEntry, ...] = ()


# --------------------------------------------------------------------------- resolved


class Effect(Struct, frozen=True):
    """One change to one indicator value: ``key`` is ``tension``, ``support.usa``, ..."""

    key: str
    delta: float


class Team(Struct, frozen=True):
    id: str
    name: str
    color: str
    leader: str
    public_brief: str
    private_brief: str
    objectives: tuple[str, ...]
    red_lines: tuple[str, ...]


class Indicator(Struct, frozen=True):
    id: str
    name: str
    min: float
    max: float
    initial: float
    scope: Literal["global", "team", "pair"]
    description: str

    def keys(self, team_ids: tuple[str, ...]) -> tuple[str, ...]:
        """The value keys of this indicator: one, one per team, or one per ordered pair."""
        if self.scope == "global":
            return (self.id,)
        if self.scope == "team":
            return tuple(f"{self.id}.{t}" for t in team_ids)
        return tuple(f"{self.id}.{a}.{b}" for a in team_ids for b in team_ids if a != b)


class Issue(Struct, frozen=True):
    id: str
    name: str
    tangible: bool
    description: str


class MoveType(Struct, frozen=True):
    id: str
    name: str
    effects: tuple[Effect, ...]
    description: str


class Phase(Struct, frozen=True):
    name: str
    minutes: float


class Round(Struct, frozen=True):
    number: int
    kind: Literal["working", "summit"]
    title: str
    minutes: float
    teams: tuple[str, ...]
    phases: tuple[Phase, ...]


class Inject(Struct, frozen=True):
    id: str
    title: str
    text: str
    visibility: tuple[str, ...] | None  # None: public
    round: int | None
    effects: tuple[Effect, ...]

    @property
    def public(self) -> bool:
        return self.visibility is None


class Scenario(Struct, frozen=True):
    """A validated exercise, ready for a session. ``source`` is the file's full text."""

    id: str
    title: str
    format: int
    summary: str
    background: str
    teams: tuple[Team, ...]
    indicators: tuple[Indicator, ...]
    issues: tuple[Issue, ...]
    move_types: tuple[MoveType, ...]
    rounds: tuple[Round, ...]
    injects: tuple[Inject, ...]
    source: str = ""

    @property
    def team_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.teams)

    def team(self, team_id: str) -> Team | None:
        return next((t for t in self.teams if t.id == team_id), None)

    def issue(self, issue_id: str) -> Issue | None:
        return next((i for i in self.issues if i.id == issue_id), None)

    def move_type(self, type_id: str) -> MoveType | None:
        return next((m for m in self.move_types if m.id == type_id), None)

    def inject(self, inject_id: str) -> Inject | None:
        return next((i for i in self.injects if i.id == inject_id), None)

    def indicator(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)

    def indicator_keys(self) -> dict[str, Indicator]:
        """Every indicator value key, in scenario order, with its indicator."""
        return {key: ind for ind in self.indicators for key in ind.keys(self.team_ids)}

    @property
    def total_minutes(self) -> float:
        return sum(r.minutes for r in self.rounds)


def json_schema() -> dict[str, object]:
    """The JSON Schema (draft 2020-12) of the scenario format, for editors."""
    schema = msgspec.json.schema(ScenarioFile)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://parley.example/scenario-format-1.schema.json",
        "title": "Parley scenario file (format 1)",
        **schema,
    }
