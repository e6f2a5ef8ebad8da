"""Every rule of the scenario format, broken once, with the message it must give.

Each case edits tests/fixtures/minimal.toml (a valid scenario) and checks the one fault
that follows: the file, the line, the key path, the offending value and what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from conftest import FIXTURES
from engine.scenario import Fault, ScenarioError, parse_scenario

NAME = "minimal.toml"
BASE = (FIXTURES / "minimal.toml").read_text(encoding="utf-8")


def edit(text: str, old: str, new: str, count: int = 1) -> str:
    """``text`` with ``old`` replaced; the test is wrong if ``old`` is not there."""
    assert text.count(old) >= count, f"the fixture has no {old!r}"
    return text.replace(old, new, count)


def line_of(text: str, snippet: str, nth: int = 1) -> int:
    """The 1-based line of the ``nth`` occurrence of ``snippet`` in ``text``."""
    start = -1
    for _ in range(nth):
        start = text.index(snippet, start + 1)
    return text[:start].count("\n") + 1


def faults_of(text: str, name: str = NAME) -> tuple[Fault, ...]:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, name)
    faults = caught.value.faults
    assert faults, "a ScenarioError must carry at least one fault"
    for fault in faults:
        assert fault.file == name
        assert "\n" not in str(fault)
    return faults


@dataclass(frozen=True)
class Case:
    """One broken rule: the edit, where the fault is, and words its message must hold."""

    id: str
    old: str
    new: str
    path: str
    line: str | None  # a snippet of the edited text on the fault's line, None: no line
    says: tuple[str, ...]
    nth: int = 1
    count: int = 1  # how many occurrences of ``old`` to replace
    extra: int = 0  # further faults that rightly follow from the same edit
    also: tuple[str, ...] = field(default=())  # words of those further faults


CASES = [
    # ----------------------------------------------------------------- unknown keys
    Case(
        "unknown key, suggestion",
        "private_brief =",
        "privat_brief =",
        "teams[north].privat_brief",
        "privat_brief",
        ("unknown key 'privat_brief'", "did you mean 'private_brief'?"),
    ),
    Case(
        "unknown key, no near one",
        'name = "South"',
        'name = "South"\nflag = "blue"',
        "teams[south].flag",
        "flag =",
        ("unknown key 'flag'", "allowed here:", "private_brief", "red_lines"),
    ),
    Case(
        "unknown key in a phase",
        '{ name = "sign", minutes = 5 }',
        '{ name = "sign", minutes = 5, mins = 3 }',
        "rounds[2].phases[2].mins",
        "phases =",
        ("unknown key 'mins'", "did you mean 'minutes'?"),
    ),
    Case(
        "unknown top-level table, suggestion",
        "[[teams]]",
        "[[team]]",
        "team",
        "[[team]]",
        ("unknown table [[team]]", "did you mean [[teams]]?"),
        count=2,
        extra=1,
        also=("missing: a scenario needs at least 2 [[teams]] tables",),
    ),
    Case(
        "unknown top-level table, no near one",
        "[[issues]]",
        "[settings]\nlanguage = 'en'\n\n[[issues]]",
        "settings",
        "[settings]",
        ("unknown table [settings]", "allowed here:", "move_types"),
    ),
    Case(
        "single brackets for a list of tables",
        '[[issues]]\nid = "relief"',
        '[issues]\nid = "relief"',
        "issues",
        "[issues]",
        ("write [[issues]] with double brackets",),
    ),
    # ----------------------------------------------------------------- header
    Case(
        "format 2",
        "format = 1",
        "format = 2",
        "scenario.format",
        "format =",
        ("format 2 is not supported", "reads format 1"),
    ),
    Case(
        "format as text",
        "format = 1",
        'format = "1"',
        "scenario.format",
        "format =",
        ("expected a whole number", "got text ('1')"),
    ),
    Case(
        "format as a decimal",
        "format = 1",
        "format = 1.0",
        "scenario.format",
        "format =",
        ("expected a whole number", "got a decimal number (1.0)"),
    ),
    Case(
        "scenario id not lower_snake_case",
        'id = "minimal"',
        'id = "Minimal-1"',
        "scenario.id",
        'id = "Minimal-1"',
        ("'Minimal-1' is not a valid id", "lower_snake_case"),
    ),
    # ----------------------------------------------------------------- wrong types
    Case(
        "name as a number",
        'name = "North"',
        "name = 5",
        "teams[north].name",
        "name = 5",
        ("expected text", "got a whole number (5)"),
    ),
    Case(
        "tangible as text",
        "tangible = true",
        'tangible = "yes"',
        "issues[relief].tangible",
        "tangible =",
        ("expected true or false", "got text ('yes')"),
    ),
    Case(
        "objectives as text",
        'name = "South"',
        'name = "South"\nobjectives = "peace"',
        "teams[south].objectives",
        "objectives =",
        ("expected a list", "got text ('peace')"),
    ),
    Case(
        "objectives with a number in the list",
        'name = "South"',
        'name = "South"\nobjectives = ["peace", 3]',
        "teams[south].objectives[2]",
        "objectives =",
        ("expected text", "got a whole number (3)"),
    ),
    Case(
        "title as a date",
        'title = "Summit"',
        "title = 2019-02-28",
        "rounds[2].title",
        "title = 2019",
        ("expected text", "got a date (2019-02-28)"),
    ),
    Case(
        "minutes as true",
        "minutes = 20",
        "minutes = true",
        "rounds[1].minutes",
        "minutes = true",
        ("expected a number", "got true or false (true)"),
    ),
    Case(
        "min as text",
        "min = 0\nmax = 100\ninitial = 50",
        'min = "low"\nmax = 100\ninitial = 50',
        "indicators[tension].min",
        'min = "low"',
        ("expected a number", "got text ('low')"),
    ),
    Case(
        "scenario as a value",
        "[scenario]\n",
        "scenario = 3\n[other]\n",
        "scenario",
        "scenario = 3",
        ("expected a table", "got a whole number (3)"),
        extra=1,
        also=("unknown table [other]",),
    ),
    Case(
        "phases as a table",
        'phases = [{ name = "talk", minutes = 10 }, { name = "sign", minutes = 5 }]',
        'phases = { name = "talk", minutes = 10 }',
        "rounds[2].phases",
        "phases =",
        ("expected a list of tables", "got a table"),
    ),
    Case(
        "effects as a number",
        "effects.tension = 10\neffects.support.north = 2\neffects.trust.south.north = -5",
        "effects = 10",
        "move_types[test].effects",
        "effects = 10",
        ("expected a table of indicator changes", "got a whole number (10)", "effects.INDICATOR"),
    ),
    # ----------------------------------------------------------------- ids
    Case(
        "team id with capitals",
        'id = "south"',
        'id = "South"',
        "teams[2].id",
        'id = "South"',
        ("'South' is not a valid id", "lower_snake_case"),
        extra=3,
        also=("no team 'south' in this scenario",),
    ),
    Case(
        "indicator id with a hyphen",
        'id = "support"',
        'id = "home-support"',
        "indicators[2].id",
        'id = "home-support"',
        ("'home-support' is not a valid id",),
        extra=2,
        also=("no indicator 'support'",),
    ),
    Case(
        "issue id starting with a digit",
        'id = "relief"',
        'id = "1relief"',
        "issues[1].id",
        'id = "1relief"',
        ("'1relief' is not a valid id",),
    ),
    Case(
        "move type id with a space",
        'id = "statement"',
        'id = "a statement"',
        "move_types[1].id",
        'id = "a statement"',
        ("'a statement' is not a valid id",),
    ),
    Case(
        "inject id empty",
        'id = "leak"',
        'id = ""',
        "injects[1].id",
        'id = ""',
        ("'' is not a valid id",),
    ),
    Case(
        "seated team id not lower_snake_case",
        'teams = ["north", "south"]',
        'teams = ["north", "South"]',
        "rounds[2].teams[2]",
        "teams = [",
        ("'South' is not a valid id",),
    ),
    # ----------------------------------------------------------------- duplicate ids
    Case(
        "duplicate team id",
        'id = "south"',
        'id = "north"',
        "teams[2].id",
        'id = "north"',
        ("id 'north' is already used by teams[1]",),
        nth=2,
        extra=3,
        also=("no team 'south'",),
    ),
    Case(
        "duplicate indicator id",
        'id = "support"',
        'id = "tension"',
        "indicators[2].id",
        'id = "tension"',
        ("id 'tension' is already used by indicators[1]",),
        nth=2,
        extra=2,
        also=("no indicator 'support'",),
    ),
    Case(
        "duplicate issue id",
        '[[move_types]]\nid = "statement"',
        '[[issues]]\nid = "relief"\nname = "Again"\ntangible = false\n\n'
        '[[move_types]]\nid = "statement"',
        "issues[2].id",
        'id = "relief"',
        ("id 'relief' is already used by issues[1]",),
        nth=2,
    ),
    Case(
        "duplicate move type id",
        'id = "test"',
        'id = "statement"',
        "move_types[2].id",
        'id = "statement"',
        ("id 'statement' is already used by move_types[1]",),
        nth=2,
    ),
    Case(
        "duplicate inject id",
        "[[injects]]",
        '[[injects]]\nid = "leak"\ntitle = "Another"\ntext = "Again."\nvisibility = "public"'
        "\n\n[[injects]]",
        "injects[2].id",
        'id = "leak"',
        ("id 'leak' is already used by injects[1]",),
        nth=2,
    ),
    # ----------------------------------------------------------------- colours
    Case(
        "colour name",
        'color = "#c00"',
        'color = "red"',
        "teams[north].color",
        "color =",
        ("'red' is not a colour", "#rgb or #rrggbb"),
    ),
    Case(
        "colour with four digits",
        'color = "#c00"',
        'color = "#c00f"',
        "teams[north].color",
        "color =",
        ("'#c00f' is not a colour",),
    ),
    Case(
        "colour without #",
        'color = "#c00"',
        'color = "cc0000"',
        "teams[north].color",
        "color =",
        ("'cc0000' is not a colour",),
    ),
    Case(
        "colour with a non-hex digit",
        'color = "#c00"',
        'color = "#gg0000"',
        "teams[north].color",
        "color =",
        ("'#gg0000' is not a colour",),
    ),
    Case(
        "colour as rgb()",
        'color = "#c00"',
        'color = "rgb(1,2,3)"',
        "teams[north].color",
        "color =",
        ("'rgb(1,2,3)' is not a colour",),
    ),
    # ----------------------------------------------------------------- indicators
    Case(
        "min equal to max",
        "min = 0\nmax = 100\ninitial = 50",
        "min = 0\nmax = 0\ninitial = 0",
        "indicators[tension].max",
        "max = 0",
        ("max 0 must be greater than min 0",),
    ),
    Case(
        "min above max",
        "min = 0\nmax = 100\ninitial = 60",
        "min = 10\nmax = 5.5\ninitial = 60",
        "indicators[support].max",
        "max = 5.5",
        ("max 5.5 must be greater than min 10",),
    ),
    Case(
        "initial above max",
        "initial = 50",
        "initial = 150",
        "indicators[tension].initial",
        "initial = 150",
        ("initial 150 is outside min..max (0 to 100)",),
    ),
    Case(
        "initial below min",
        "initial = 40",
        "initial = -1",
        "indicators[trust].initial",
        "initial = -1",
        ("initial -1 is outside min..max (0 to 100)",),
    ),
    Case(
        "scope misspelt",
        'scope = "pair"',
        'scope = "pairs"',
        "indicators[trust].scope",
        'scope = "pairs"',
        ("'pairs' is not allowed here", "'global', 'team' or 'pair'", "did you mean 'pair'?"),
    ),
    Case(
        "scope unknown",
        'scope = "global"',
        'scope = "world"',
        "indicators[tension].scope",
        'scope = "world"',
        ("'world' is not allowed here", "'global', 'team' or 'pair'"),
    ),
    Case(
        "min not finite",
        "min = 0\nmax = 100\ninitial = 50",
        "min = -inf\nmax = 100\ninitial = 50",
        "indicators[tension].min",
        "min = -inf",
        ("-inf is not allowed", "finite number"),
    ),
    # ----------------------------------------------------------------- rounds
    Case(
        "round kind unknown",
        'kind = "working"',
        'kind = "work"',
        "rounds[1].kind",
        'kind = "work"',
        ("'work' is not allowed here", "'working' or 'summit'", "did you mean 'working'?"),
    ),
    Case(
        "round kind as a number",
        'kind = "working"',
        "kind = 1",
        "rounds[1].kind",
        "kind = 1",
        ("expected 'working' or 'summit'", "got a whole number (1)"),
    ),
    Case(
        "minutes zero",
        "minutes = 20",
        "minutes = 0",
        "rounds[1].minutes",
        "minutes = 0",
        ("0 is not allowed", "more than 0"),
    ),
    Case(
        "minutes negative",
        "minutes = 20",
        "minutes = -15",
        "rounds[1].minutes",
        "minutes = -15",
        ("-15 is not allowed", "more than 0"),
    ),
    Case(
        "neither minutes nor phases",
        "minutes = 20\n",
        "",
        "rounds[1].minutes",
        '[[rounds]]\nkind = "working"',
        ("missing", "minutes", "phases"),
    ),
    Case(
        "phase with zero minutes",
        '{ name = "talk", minutes = 10 }',
        '{ name = "talk", minutes = 0 }',
        "rounds[2].phases[1].minutes",
        "phases =",
        ("0 is not allowed", "more than 0"),
    ),
    Case(
        "phase with negative minutes",
        '{ name = "sign", minutes = 5 }',
        '{ name = "sign", minutes = -5 }',
        "rounds[2].phases[2].minutes",
        "phases =",
        ("-5 is not allowed", "more than 0"),
    ),
    Case(
        "phase with an empty name",
        '{ name = "talk", minutes = 10 }',
        '{ name = "", minutes = 10 }',
        "rounds[2].phases[1].name",
        "phases =",
        ("must not be empty",),
    ),
    Case(
        "no phases in the list",
        'phases = [{ name = "talk", minutes = 10 }, { name = "sign", minutes = 5 }]',
        "phases = []",
        "rounds[2].phases",
        "phases = []",
        ("needs at least 1 entry, has 0",),
    ),
    Case(
        "round seats an unknown team",
        'teams = ["north", "south"]',
        'teams = ["north", "east"]',
        "rounds[2].teams",
        "teams = [",
        ("no team 'east' in this scenario", "its teams: north, south"),
    ),
    Case(
        "round seats a misspelt team",
        'teams = ["north", "south"]',
        'teams = ["north", "soutth"]',
        "rounds[2].teams",
        "teams = [",
        ("no team 'soutth' in this scenario", "did you mean 'south'?"),
    ),
    Case(
        "round seats nobody",
        'teams = ["north", "south"]',
        "teams = []",
        "rounds[2].teams",
        "teams = []",
        ("needs at least 1 entry, has 0",),
    ),
    Case(
        "round seats a team twice",
        'teams = ["north", "south"]',
        'teams = ["north", "north"]',
        "rounds[2].teams",
        "teams = [",
        ("team 'north' is seated twice",),
    ),
    # ----------------------------------------------------------------- injects
    Case(
        "inject due at round 0",
        "round = 2",
        "round = 0",
        "injects[leak].round",
        "round = 0",
        ("0 is not allowed", "at least 1"),
    ),
    Case(
        "inject due after the last round",
        "round = 2",
        "round = 3",
        "injects[leak].round",
        "round = 3",
        ("round 3 does not exist", "the plan has 2 rounds"),
    ),
    Case(
        "inject round as a decimal",
        "round = 2",
        "round = 2.0",
        "injects[leak].round",
        "round = 2.0",
        ("expected a whole number", "got a decimal number (2.0)"),
    ),
    Case(
        "inject visible to an unknown team",
        'visibility = ["south"]',
        'visibility = ["west"]',
        "injects[leak].visibility",
        "visibility =",
        ("no team 'west' in this scenario", "its teams: north, south"),
    ),
    Case(
        "inject visible to nobody",
        'visibility = ["south"]',
        "visibility = []",
        "injects[leak].visibility",
        "visibility =",
        ("needs at least 1 entry, has 0",),
    ),
    Case(
        "inject visibility a wrong word",
        'visibility = ["south"]',
        'visibility = "private"',
        "injects[leak].visibility",
        "visibility =",
        ("'private' is not allowed here", '"public", or a list of the team ids'),
    ),
    Case(
        "inject visibility a team id not in a list",
        'visibility = ["south"]',
        'visibility = "south"',
        "injects[leak].visibility",
        "visibility =",
        ("'south' is not allowed here", '"public", or a list of the team ids'),
    ),
    Case(
        "inject visibility a number",
        'visibility = ["south"]',
        "visibility = 3",
        "injects[leak].visibility",
        "visibility =",
        ("3 is not allowed here", '"public", or a list'),
    ),
    # ----------------------------------------------------------------- effects
    Case(
        "effect on an unknown indicator",
        "effects.tension = 10",
        "effects.tensions = 10",
        "move_types[test].effects.tensions",
        "effects.tensions",
        ("no indicator 'tensions' in this scenario", "did you mean 'tension'?"),
    ),
    Case(
        "effect on an unknown indicator, nothing near",
        "effects.support = -3",
        "effects.morale = -3",
        "injects[leak].effects.morale",
        "effects.morale",
        ("no indicator 'morale'", "its indicators: tension, support, trust"),
    ),
    Case(
        "global indicator given a team",
        "effects.tension = 10",
        "effects.tension.north = 10",
        "move_types[test].effects.tension",
        "effects.tension",
        ("'tension' is a global indicator", "write tension = N"),
    ),
    Case(
        "team indicator with an unknown team",
        "effects.support.north = 2",
        "effects.support.east = 2",
        "move_types[test].effects.support.east",
        "effects.support.east",
        ("no team 'east' in this scenario",),
    ),
    Case(
        "team indicator given a pair",
        "effects.support.north = 2",
        "effects.support.north.south = 2",
        "move_types[test].effects.support.north",
        "effects.support.north",
        ("'support' is a team indicator", "write support.TEAM = N"),
    ),
    Case(
        "pair indicator without teams",
        "effects.trust.south.north = -5",
        "effects.trust = -5",
        "move_types[test].effects.trust",
        "effects.trust",
        ("'trust' is a pair indicator", "write trust.TEAM.OTHER = N"),
    ),
    Case(
        "pair indicator with one team",
        "effects.trust.south.north = -5",
        "effects.trust.south = -5",
        "move_types[test].effects.trust.south",
        "effects.trust.south",
        ("'trust' is a pair indicator", "write trust.TEAM.OTHER = N"),
    ),
    Case(
        "pair indicator with the same team twice",
        "effects.trust.south.north = -5",
        "effects.trust.south.south = -5",
        "move_types[test].effects.trust.south.south",
        "effects.trust.south.south",
        ("a pair needs two different teams",),
    ),
    Case(
        "pair indicator with an unknown other team",
        "effects.trust.south.north = -5",
        "effects.trust.south.east = -5",
        "move_types[test].effects.trust.south.east",
        "effects.trust.south.east",
        ("no team 'east' in this scenario",),
    ),
    Case(
        "pair indicator with three teams",
        "effects.trust.south.north = -5",
        "effects.trust.south.north.west = -5",
        "move_types[test].effects.trust.south.north",
        "effects.trust.south.north",
        ("too many parts", "indicator.team.other = N"),
    ),
    Case(
        "effect as text",
        "effects.tension = 10",
        'effects.tension = "up"',
        "move_types[test].effects.tension",
        "effects.tension",
        ("an effect is a signed number", "got 'up'"),
    ),
    Case(
        "effect as true",
        "effects.tension = 10",
        "effects.tension = true",
        "move_types[test].effects.tension",
        "effects.tension",
        ("an effect is a signed number", "got true"),
    ),
    Case(
        "effect as nan",
        "effects.tension = 10",
        "effects.tension = nan",
        "move_types[test].effects.tension",
        "effects.tension",
        ("an effect must be a finite number", "got nan"),
    ),
    Case(
        "effect as inf",
        "effects.support.north = 2",
        "effects.support.north = +inf",
        "move_types[test].effects.support.north",
        "effects.support.north",
        ("an effect must be a finite number", "got inf"),
    ),
    Case(
        "team effect as a list",
        "effects.support = -3",
        "effects.support = [1, 2]",
        "injects[leak].effects.support",
        "effects.support = [",
        ("an effect is a signed number", "a list of 2"),
    ),
    Case(
        "effect too large a number",
        "effects.tension = 10",
        "effects.tension = 1" + "0" * 400,
        "move_types[test].effects.tension",
        "effects.tension",
        ("too large a number",),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_a_broken_rule_is_named(case: Case) -> None:
    text = edit(BASE, case.old, case.new, case.count)
    faults = faults_of(text)
    at_path = [f for f in faults if f.path == case.path]
    assert len(at_path) == 1, "\n".join(map(str, faults))
    fault = at_path[0]
    expected_line = None if case.line is None else line_of(text, case.line, case.nth)
    assert fault.line == expected_line, str(fault)
    for words in case.says:
        assert words in fault.message, str(fault)
    others = [f for f in faults if f is not fault]
    assert len(others) == case.extra, "\n".join(map(str, faults))
    for other in others:
        assert any(words in other.message for words in case.also), str(other)
    where = f"{NAME}:{expected_line}" if expected_line else NAME
    assert str(fault) == f"{where}: {case.path}: {fault.message}"


# ------------------------------------------------------------------ required keys


def _without_line(text: str, line: str, nth: int = 1) -> str:
    """``text`` without the ``nth`` line that is exactly ``line``."""
    lines = text.split("\n")
    seen = 0
    for index, current in enumerate(lines):
        if current == line:
            seen += 1
            if seen == nth:
                return "\n".join(lines[:index] + lines[index + 1 :])
    raise AssertionError(f"the fixture has no line {line!r}")


REQUIRED = [
    ("scenario.id", 'id = "minimal"', 1, "[scenario]"),
    ("scenario.title", 'title = "Minimal exercise"', 1, "[scenario]"),
    ("scenario.format", "format = 1", 1, "[scenario]"),
    ("teams[2].id", 'id = "south"', 1, "[[teams]]"),
    ("teams[south].name", 'name = "South"', 1, "[[teams]]"),
    ("indicators[tension].name", 'name = "Tension"', 1, "[[indicators]]"),
    ("indicators[tension].min", "min = 0", 1, "[[indicators]]"),
    ("indicators[support].max", "max = 100", 2, "[[indicators]]"),
    ("indicators[trust].initial", "initial = 40", 1, "[[indicators]]"),
    ("indicators[trust].scope", 'scope = "pair"', 1, "[[indicators]]"),
    ("issues[relief].name", 'name = "Sanctions relief"', 1, "[[issues]]"),
    ("issues[relief].tangible", "tangible = true", 1, "[[issues]]"),
    ("move_types[statement].name", 'name = "Statement"', 1, "[[move_types]]"),
    ("rounds[1].kind", 'kind = "working"', 1, "[[rounds]]"),
    ("injects[leak].title", 'title = "A leak"', 1, "[[injects]]"),
    ("injects[leak].text", 'text = "A draft leaks to the press."', 1, "[[injects]]"),
    ("injects[leak].visibility", 'visibility = ["south"]', 1, "[[injects]]"),
]


@pytest.mark.parametrize(("path", "line", "nth", "header"), REQUIRED, ids=[r[0] for r in REQUIRED])
def test_a_missing_required_key_is_named(path: str, line: str, nth: int, header: str) -> None:
    text = _without_line(BASE, line, nth)
    faults = [f for f in faults_of(text) if f.path == path]
    assert len(faults) == 1
    assert faults[0].message == "required key is missing"
    # The fault points at the table the key belongs in.
    assert text.split("\n")[faults[0].line - 1].startswith(header)


def test_required_phase_keys_are_named() -> None:
    text = edit(BASE, '{ name = "sign", minutes = 5 }', '{ name = "sign" }')
    [fault] = faults_of(text)
    assert fault.path == "rounds[2].phases[2].minutes"
    assert fault.message == "required key is missing"
    assert fault.line == line_of(text, "phases =")


def test_a_file_without_scenario_table_is_told_so() -> None:
    text = edit(BASE, '[scenario]\nid = "minimal"\ntitle = "Minimal exercise"\nformat = 1\n', "")
    text = edit(text, 'summary = "Two teams, one issue, two rounds."\n', "")
    [fault] = faults_of(text)
    assert fault.path == "scenario"
    assert fault.message == "missing: a scenario needs a [scenario] table"


def test_a_file_without_rounds_is_told_so() -> None:
    text = BASE[: BASE.index("[[rounds]]")] + BASE[BASE.index("[[injects]]") :]
    text = edit(text, "round = 2\n", "")
    [fault] = faults_of(text)
    assert fault.path == "rounds"
    assert fault.line is None
    assert fault.message == "missing: a scenario needs at least 1 [[rounds]] table"
    assert str(fault) == f"{NAME}: rounds: missing: a scenario needs at least 1 [[rounds]] table"


def test_an_entry_that_is_not_a_table_is_named() -> None:
    teams = BASE[BASE.index("[[teams]]") : BASE.index("[[indicators]]")]
    text = 'teams = [{ id = "north", name = "North" }, 3]\n' + edit(BASE, teams, "")
    text = edit(text, "effects.trust.south.north = -5\n", "")
    text = edit(text, 'teams = ["north", "south"]', 'teams = ["north"]')
    text = edit(text, 'visibility = ["south"]', 'visibility = ["north"]')
    [fault] = faults_of(text)
    assert str(fault) == f"{NAME}:1: teams[2]: expected a table, got a whole number (3)"


def test_a_file_with_one_team_is_told_so() -> None:
    text = edit(BASE, '[[teams]]\nid = "south"\nname = "South"\n', "")
    text = edit(text, 'teams = ["north", "south"]', 'teams = ["north"]')
    text = edit(text, "effects.trust.south.north = -5\n", "")
    text = edit(text, 'visibility = ["south"]', 'visibility = ["north"]')
    [fault] = faults_of(text)
    assert fault.path == "teams"
    assert fault.line == line_of(text, "[[teams]]")
    assert fault.message == "needs at least 2 [[teams]] tables, has 1"


def test_required_keys_of_every_kind_are_reported_together() -> None:
    text = (
        "[scenario]\n[[teams]]\n[[teams]]\n[[rounds]]\n"
        "[[indicators]]\n[[issues]]\n[[move_types]]\n[[injects]]\n"
    )
    paths = {f.path for f in faults_of(text)}
    assert paths == {
        "scenario.id",
        "scenario.title",
        "scenario.format",
        "teams[1].id",
        "teams[1].name",
        "teams[2].id",
        "teams[2].name",
        "rounds[1].kind",
        "rounds[1].minutes",
        "indicators[1].id",
        "indicators[1].name",
        "indicators[1].min",
        "indicators[1].max",
        "indicators[1].initial",
        "indicators[1].scope",
        "issues[1].id",
        "issues[1].name",
        "issues[1].tangible",
        "move_types[1].id",
        "move_types[1].name",
        "injects[1].id",
        "injects[1].title",
        "injects[1].text",
        "injects[1].visibility",
    }


# ------------------------------------------------------------------ many faults at once


def test_every_reference_fault_of_a_file_is_reported_together() -> None:
    text = edit(BASE, 'teams = ["north", "south"]', 'teams = ["north", "east"]')
    text = edit(text, 'visibility = ["south"]', 'visibility = ["west", "south"]')
    text = edit(text, "round = 2", "round = 9")
    text = edit(text, "effects.tension = 10", "effects.tensions = 10")
    text = edit(text, "effects.support.north = 2", "effects.support.nord = 2")
    text = edit(text, "effects.trust.south.north = -5", "effects.trust.south.south = -5")
    text = edit(text, "effects.support = -3", "effects.morale = -3")
    faults = faults_of(text)
    assert [(f.line, f.path) for f in faults] == [
        (line_of(text, "effects.tensions"), "move_types[test].effects.tensions"),
        (line_of(text, "effects.support.nord"), "move_types[test].effects.support.nord"),
        (line_of(text, "effects.trust.south"), "move_types[test].effects.trust.south.south"),
        (line_of(text, 'teams = ["north", "east"]'), "rounds[2].teams"),
        (line_of(text, "round = 9"), "injects[leak].round"),
        (line_of(text, "visibility ="), "injects[leak].visibility"),
        (line_of(text, "effects.morale"), "injects[leak].effects.morale"),
    ]


def test_faults_in_different_tables_are_reported_together() -> None:
    text = edit(BASE, 'color = "#c00"', 'color = "red"')
    text = edit(text, "format = 1", "format = 3")
    text = edit(text, "initial = 50", "initial = 500")
    text = edit(text, "minutes = 20", "minutes = 0")
    text = edit(text, "tangible = true", "tangible = 1")
    paths = [f.path for f in faults_of(text)]
    assert paths == [
        "scenario.format",
        "teams[north].color",
        "indicators[tension].initial",
        "issues[relief].tangible",
        "rounds[1].minutes",
    ]


def test_a_broken_entry_does_not_hide_references_to_it() -> None:
    """A team with a bad colour is still a team that rounds and effects may name."""
    text = edit(BASE, 'color = "#c00"', 'color = "#c00c00c"')
    [fault] = faults_of(text)
    assert fault.path == "teams[north].color"


def test_an_indicator_with_a_broken_scope_gives_no_further_faults() -> None:
    text = edit(BASE, 'scope = "pair"', 'scope = "pairs"')
    [fault] = faults_of(text)
    assert fault.path == "indicators[trust].scope"


def test_without_any_usable_team_references_are_not_faults_too() -> None:
    text = edit(BASE, "[[teams]]", "[[team]]", count=2)
    faults = faults_of(text)
    assert [f.path for f in faults] == ["teams", "team"]


def test_the_error_lists_every_fault_in_its_text() -> None:
    text = edit(BASE, 'color = "#c00"', 'color = "red"')
    text = edit(text, "minutes = 20", "minutes = -1")
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, NAME)
    message = str(caught.value)
    assert message.startswith("2 faults in scenario:\n")
    assert all(str(f) in message for f in caught.value.faults)


def test_a_key_with_a_newline_stays_on_one_line() -> None:
    text = edit(BASE, "effects.tension = 10", 'effects."ten\\nsion" = 10')
    [fault] = faults_of(text)
    assert "\\n" in str(fault)
    assert "\n" not in str(fault)
