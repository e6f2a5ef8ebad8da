"""Required keys named where they are missing, and every fault of a file reported at once."""

from __future__ import annotations

import pytest
from scenario_faults_support import BASE, NAME, edit, faults_of, line_of

from engine.scenario import ScenarioError, parse_scenario

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
