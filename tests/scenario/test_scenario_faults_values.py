"""Numbers finite and within a billion; names not blank; no control characters in text.

A scenario's text reaches screens, terminals and reports: an ESC or BEL in a name would
be printed raw, a blank name shows as nothing. A number of 1.7e308 validates as a float
but overflows the first sum. Each is a fault in the usual style (see
tests/scenario_faults_support.py)."""

from __future__ import annotations

import pytest
from scenario_faults_support import BASE, Case, check_case, edit

from engine.scenario import parse_scenario

CASES = [
    Case(
        "huge indicator bounds",
        "min = 0\nmax = 100\ninitial = 50",
        "min = -1.7e308\nmax = 100\ninitial = 50",
        "indicators[tension].min",
        "min = -1.7e308",
        ("-1.7e+308 is not allowed", "at least -1000000000"),
    ),
    Case(
        "inf as an indicator's max",
        "min = 0\nmax = 100\ninitial = 50",
        "min = 0\nmax = inf\ninitial = 50",
        "indicators[tension].max",
        "max = inf",
        ("inf is not allowed",),
    ),
    Case(
        "nan as an initial value",
        "min = 0\nmax = 100\ninitial = 50",
        "min = 0\nmax = 100\ninitial = nan",
        "indicators[tension].initial",
        "initial = nan",
        ("nan is not allowed",),
    ),
    Case(
        "an effect beyond a billion",
        "effects.tension = 10",
        "effects.tension = 2e9",
        "move_types[test].effects.tension",
        "effects.tension = 2e9",
        ("2000000000.0 is not allowed", "within ±1e9"),
    ),
    Case(
        "minutes beyond a billion",
        "minutes = 20",
        "minutes = 1e12",
        "rounds[1].minutes",
        "minutes = 1e12",
        ("at most 1000000000",),
    ),
    Case(
        "ESC in a team name",
        'name = "North"',
        'name = "No\\u001brth"',
        "teams[north].name",
        'name = "No',
        ("holds ESC (U+001B) at character 3", "one line with no control characters"),
    ),
    Case(
        "BEL in an inject title",
        'title = "A leak"',
        'title = "A leak\\u0007"',
        "injects[leak].title",
        'title = "A leak',
        ("holds BEL (U+0007) at character 7",),
    ),
    Case(
        "a line break in a name",
        'name = "North"',
        'name = "North\\n"',
        "teams[north].name",
        'name = "North',
        ("holds a line break (U+000A)",),
    ),
    Case(
        "NUL in a brief",
        "private_brief = \"North's secret",
        "private_brief = \"\\u0000North's secret",
        "teams[north].private_brief",
        "private_brief =",
        ("holds NUL (U+0000) at character 1", "but tabs and line breaks"),
    ),
    Case(
        "a C1 control in an inject's text",
        'text = "A draft leaks',
        'text = "A draft\\u009b leaks',
        "injects[leak].text",
        'text = "A draft',
        ("holds a control character (U+009B)",),
    ),
    Case(
        "a blank team name",
        'name = "South"',
        'name = "  \\t"',
        "teams[south].name",
        'name = "  ',
        ("holds a tab (U+0009)",),
    ),
    Case(
        "a name of spaces",
        'name = "South"',
        'name = "   "',
        "teams[south].name",
        'name = "   "',
        ("'   ' is blank",),
    ),
    Case(
        "an empty scenario title",
        'title = "Minimal exercise"',
        'title = ""',
        "scenario.title",
        'title = ""',
        ("'' is blank",),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_a_broken_value_rule_is_named(case: Case) -> None:
    check_case(case)


def test_tabs_and_line_breaks_are_welcome_in_text() -> None:
    text = edit(
        BASE, 'text = "A draft leaks to the press."', 'text = "A draft\\tleaks.\\r\\nIt is."'
    )
    scenario = parse_scenario(text, "minimal.toml")
    assert scenario.inject("leak").text == "A draft\tleaks.\r\nIt is."  # type: ignore[union-attr]
