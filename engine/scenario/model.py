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

from typing import Annotated, Any, Literal

import msgspec
from msgspec import UNSET, Meta, Struct, UnsetType

FORMAT_VERSION = 1
ID_PATTERN = r"^[a-z][a-z0-9_]*$"
COLOR_PATTERN = r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"
DEFAULT_PHASES = ("brief", "negotiate", "submit", "adjudicate", "debrief")


def doc(description: str) -> Meta:
    """A description of a key: shown by editors, and used in fault messages."""
    return Meta(description=description)


Id = Annotated[
    str,
    Meta(
        pattern=ID_PATTERN,
        description="lower_snake_case: a lower-case letter, then lower-case letters, digits or _",
    ),
]
Color = Annotated[str, Meta(pattern=COLOR_PATTERN, description="#rgb or #rrggbb")]
# Every number of a scenario is finite and within a billion either way: sums of effects and
# ranges stay exact enough to compute with, and nothing overflows a chart or a report.
NUMBER_LIMIT = 1e9
Number = Annotated[float, Meta(ge=-NUMBER_LIMIT, le=NUMBER_LIMIT)]
Minutes = Annotated[float, Meta(gt=0, le=NUMBER_LIMIT, description="a positive number of minutes")]
Markdown = Annotated[str, doc("Markdown text")]
Texts = Annotated[tuple[str, ...], doc("a list of text")]
# An effect value is a number, or a table for team and pair targets (see the format doc).
# Keys are ids; whether they name a real indicator or team is checked by the validator.
EffectValue = Number | dict[Id, Number | dict[Id, Number]]
Effects = Annotated[
    dict[Id, EffectValue],
    Meta(
        description=(
            "indicator id to a signed change: tension = 5 (global), support = -2 (every "
            "team) or support.usa = -2 (one team), trust.dprk.usa = 3 (one ordered pair)"
        )
    ),
]
# Optional keys with no default value are UNSET when left out: TOML has no null, so
# the published schema must not offer one.
Visibility = Annotated[
    Literal["public"] | Annotated[tuple[Id, ...], Meta(min_length=1)],
    Meta(description='"public", or a list of the team ids that see it, e.g. ["usa", "dprk"]'),
]


class _Entry(Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    """Base of the file Structs: unknown keys are faults, values never change."""


class ScenarioHeader(_Entry, frozen=True):
    """[scenario]: what the exercise is."""

    id: Annotated[Id, doc("the scenario's id, lower_snake_case")]
    title: Annotated[str, doc("the title shown on the start screen and in reports")]
    format: Annotated[int, doc("the version of the file format; only 1 exists")]
    summary: Annotated[str, doc("a few sentences shown when choosing a scenario")] = ""
    background: Annotated[Markdown, doc("Markdown every player reads before the first round")] = ""


class TeamEntry(_Entry, frozen=True):
    """[[teams]]: one party at the table (at least two)."""

    id: Annotated[Id, doc("the team's id, used by rounds, injects and effects")]
    name: Annotated[str, doc("the team's name as shown on screens")]
    color: Annotated[Color, doc("#rgb or #rrggbb; a palette colour when left out")] | UnsetType = (
        UNSET
    )
    leader: Annotated[str, doc("who sits at summits, a title or a name")] = "Leader"
    public_brief: Annotated[Markdown, doc("Markdown every team may read")] = ""
    private_brief: Annotated[Markdown, doc("Markdown for this team only, never projected")] = ""
    objectives: Annotated[Texts, doc("what the team wants, one line each")] = ()
    red_lines: Annotated[Texts, doc("what the team must not accept, one line each")] = ()


class IndicatorEntry(_Entry, frozen=True):
    """[[indicators]]: a meter moved by effects; min < max, min <= initial <= max."""

    id: Annotated[Id, doc("the indicator's id, used in effects")]
    name: Annotated[str, doc("the indicator's name as shown on screens")]
    min: Annotated[Number, doc("the lowest value")]
    max: Annotated[Number, doc("the highest value, greater than min")]
    initial: Annotated[Number, doc("the value at the start, from min to max")]
    scope: Annotated[
        Literal["global", "team", "pair"],
        doc("global: one value; team: one per team; pair: one per ordered pair of teams"),
    ]
    description: str = ""
    public: Annotated[
        bool,
        doc(
            "false: only Control and the teams a value concerns see it (a team indicator's "
            "team, a pair's two teams); never on the projector"
        ),
    ] = True


class IssueEntry(_Entry, frozen=True):
    """[[issues]]: a negotiable item of the catalogue."""

    id: Annotated[Id, doc("the issue's id")]
    name: Annotated[str, doc("the issue's name as shown on screens")]
    tangible: Annotated[bool, doc("true for a tangible benefit, false for an intangible one")]
    description: str = ""


MAX_TABLE_ROLL = 1000  # the largest die an outcome table may use (engine.domain.dice)
Roll = Annotated[int, Meta(ge=1, le=MAX_TABLE_ROLL, description="a roll of the die, 1 or more")]


class OutcomeRowEntry(_Entry, frozen=True):
    """One row of an outcome table: the rolls from ``min`` to ``max`` give ``outcome``."""

    min: Annotated[Roll, doc("the lowest roll of this row")]
    max: Annotated[Roll, doc("the highest roll of this row, at least min")]
    outcome: Annotated[Literal["success", "partial", "failure"], doc("success, partial or failure")]
    text: Annotated[str, doc("what this outcome means, read out with the ruling")] = ""


class MoveTypeEntry(_Entry, frozen=True):
    """[[move_types]]: something a team can do or say."""

    id: Annotated[Id, doc("the move type's id")]
    name: Annotated[str, doc("the move type's name as shown on screens")]
    effects: Effects = {}
    description: str = ""
    outcome_table: Annotated[
        tuple[OutcomeRowEntry, ...],
        Meta(
            min_length=1,
            description="rows of rolls to outcomes, from 1 up without gaps; the die has as "
            "many sides as the last row's max",
        ),
    ] = ()


class PhaseEntry(_Entry, frozen=True):
    """One phase of a round, with its own timer."""

    name: Annotated[str, Meta(min_length=1, description="the phase's name")]
    minutes: Minutes


class RoundEntry(_Entry, frozen=True):
    """[[rounds]]: one step of the plan, numbered from 1 in file order."""

    kind: Annotated[
        Literal["working", "summit"], doc("working (officials) or summit (leaders only)")
    ]
    title: Annotated[str, doc('the title; "Round N" when left out')] | UnsetType = UNSET
    minutes: Minutes | UnsetType = UNSET
    teams: (
        Annotated[
            tuple[Id, ...],
            Meta(min_length=1, description="the ids of the teams seated; every team when left out"),
        ]
        | UnsetType
    ) = UNSET
    phases: (
        Annotated[
            tuple[PhaseEntry, ...],
            Meta(
                min_length=1,
                description="the phases, each with a name and minutes; default: brief, "
                "negotiate, submit, adjudicate, debrief sharing the round's minutes",
            ),
        ]
        | UnsetType
    ) = UNSET


class InjectEntry(_Entry, frozen=True):
    """[[injects]]: a scripted event, fired by Control or due at a round."""

    id: Annotated[Id, doc("the inject's id")]
    title: Annotated[str, doc("the inject's title")]
    text: Annotated[str, doc("what happens, as read out or shown")]
    visibility: Visibility
    round: Annotated[int, Meta(ge=1, description="the round at which it falls due")] | UnsetType = (
        UNSET
    )
    effects: Effects = {}
    control_notes: Annotated[
        str, doc("notes for Control only (when to fire it, what to watch): never shown to teams")
    ] = ""


class ObserverEntry(_Entry, frozen=True):
    """[[observers]]: an outside body that verifies commitments (the IAEA), not a team."""

    id: Annotated[Id, doc("the observer's id; verifications name it; not a team's id")]
    name: Annotated[str, doc("the observer's name as shown on screens")]
    sees: Annotated[
        Visibility,
        doc('what it may see: "public", or a list of the team ids whose records it sees'),
    ] = "public"
    description: str = ""


class ScenarioFile(_Entry, frozen=True):
    """A Parley scenario file; `python main.py validate` also checks references."""

    scenario: ScenarioHeader
    teams: Annotated[tuple[TeamEntry, ...], Meta(min_length=2)]
    rounds: Annotated[tuple[RoundEntry, ...], Meta(min_length=1)]
    indicators: tuple[IndicatorEntry, ...] = ()
    issues: tuple[IssueEntry, ...] = ()
    move_types: tuple[MoveTypeEntry, ...] = ()
    injects: tuple[InjectEntry, ...] = ()
    observers: tuple[ObserverEntry, ...] = ()


# --------------------------------------------------------------------------- resolved


class Effect(Struct, frozen=True, gc=False):
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
    public: bool = True

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


class OutcomeRow(Struct, frozen=True):
    min: int
    max: int
    outcome: Literal["success", "partial", "failure"]
    text: str = ""

    @property
    def rolls(self) -> str:
        """ "1-2", or "6" for a row of one roll."""
        return str(self.min) if self.min == self.max else f"{self.min}-{self.max}"


class MoveType(Struct, frozen=True):
    id: str
    name: str
    effects: tuple[Effect, ...]
    description: str
    outcome_table: tuple[OutcomeRow, ...] = ()

    @property
    def table_sides(self) -> int | None:
        """The die the outcome table is rolled with (its last row's max), if it has one."""
        return self.outcome_table[-1].max if self.outcome_table else None

    def table_row(self, roll: int) -> OutcomeRow | None:
        """The row of the outcome table that ``roll`` falls in."""
        return next((r for r in self.outcome_table if r.min <= roll <= r.max), None)


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
    control_notes: str = ""

    @property
    def public(self) -> bool:
        return self.visibility is None


class Observer(Struct, frozen=True):
    id: str
    name: str
    sees: tuple[str, ...] | None  # None: what is public; else those teams' records too
    description: str


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
    observers: tuple[Observer, ...] = ()

    @property
    def team_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.teams)

    def team(self, team_id: str) -> Team | None:
        return next((t for t in self.teams if t.id == team_id), None)

    @property
    def observer_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.observers)

    def observer(self, observer_id: str) -> Observer | None:
        return next((o for o in self.observers if o.id == observer_id), None)

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

    def value_name(self, key: str) -> str:
        """An indicator value key in words: ``support.rok`` is "Domestic support (South
        Korea)", ``trust.dprk.usa`` "Trust (North Korea in the United States)"; an unknown
        key reads as itself."""
        indicator_id, *teams = key.split(".")
        indicator = self.indicator(indicator_id)
        if indicator is None:
            return key
        names = [team.name if (team := self.team(t)) else t for t in teams]
        return f"{indicator.name} ({' in '.join(names)})" if names else indicator.name

    @property
    def total_minutes(self) -> float:
        return sum(r.minutes for r in self.rounds)


def json_schema() -> dict[str, object]:
    """The JSON Schema (draft 2020-12) of the scenario format, for editors.

    It checks keys, types, patterns and bounds. What spans entries (unique ids, the teams a
    round seats, effects naming real indicators and teams, ``min < max``) it cannot say;
    ``python main.py validate`` checks that too.
    """
    schema: dict[str, Any] = msgspec.json.schema(ScenarioFile)
    header = schema["$defs"]["ScenarioHeader"]["properties"]
    # msgspec has no way to say "exactly 1"; the validator words this fault itself.
    header["format"] = {**header["format"], "const": FORMAT_VERSION}
    # A round gives its minutes, or its phases (whose minutes are then summed).
    rounds = schema["$defs"]["RoundEntry"]
    rounds["anyOf"] = [{"required": ["minutes"]}, {"required": ["phases"]}]
    rounds["properties"]["teams"]["uniqueItems"] = True
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://parley.example/scenario-format-1.schema.json",
        "title": "Parley scenario file (format 1)",
        **schema,
    }
