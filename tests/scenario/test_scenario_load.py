"""Reading scenario files: whole-file faults, and what a valid file resolves into."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from conftest import FIXTURES, ROOT
from engine.scenario import (
    Fault,
    Indicator,
    Phase,
    Scenario,
    ScenarioError,
    load_scenario,
    parse_scenario,
)
from engine.scenario.loader import MAX_BYTES, PALETTE
from engine.scenario.model import (
    DEFAULT_PHASES,
    Effect,
    IndicatorEntry,
    InjectEntry,
    IssueEntry,
    MoveTypeEntry,
    PhaseEntry,
    RoundEntry,
    ScenarioFile,
    ScenarioHeader,
    TeamEntry,
)

BASE = (FIXTURES / "minimal.toml").read_text(encoding="utf-8")


def edit(text: str, old: str, new: str) -> str:
    assert old in text, f"the fixture has no {old!r}"
    return text.replace(old, new, 1)


def only_fault(path: Path) -> Fault:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert len(caught.value.faults) == 1, str(caught.value)
    fault = caught.value.faults[0]
    assert fault.file == str(path)
    return fault


def write(tmp_path: Path, data: bytes | str, name: str = "broken.toml") -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


# ------------------------------------------------------------------ the file itself


def test_toml_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, edit(BASE, 'title = "Minimal exercise"', "title = Minimal exercise"))
    fault = only_fault(path)
    assert fault.line == 4
    assert fault.path == ""
    assert fault.message.startswith("not valid TOML: Invalid value (column 9)")
    assert "quotes" in fault.message
    assert str(fault) == f"{path}:4: {fault.message}"


def test_toml_key_written_twice(tmp_path: Path) -> None:
    path = write(tmp_path, edit(BASE, 'name = "South"', 'name = "South"\nname = "Sud"'))
    fault = only_fault(path)
    assert fault.line == 17
    assert "not valid TOML" in fault.message
    assert "written twice" in fault.message


def test_toml_unclosed_list_at_the_end(tmp_path: Path) -> None:
    fault = only_fault(write(tmp_path, BASE + "\nextra = [1, 2"))
    assert fault.line == BASE.count("\n") + 2
    assert "not valid TOML" in fault.message


@pytest.mark.parametrize("data", ["", "   \n\t\n  \r\n", b"", "\ufeff\n"], ids=repr)
def test_empty_file(tmp_path: Path, data: str | bytes) -> None:
    fault = only_fault(write(tmp_path, data))
    assert fault.line is None
    assert fault.message.startswith("the file is empty")
    assert "[scenario]" in fault.message


def test_binary_file(tmp_path: Path) -> None:
    data = b"[scenario]\nid = 1\n\x00\x01\x02\xff\xfe"
    fault = only_fault(write(tmp_path, data, "picture.png"))
    assert fault.line == 3
    assert "not a text file" in fault.message
    assert "NUL" in fault.message


def test_not_utf8(tmp_path: Path) -> None:
    data = edit(BASE, 'name = "South"', 'name = "Süd"').encode("latin-1")
    fault = only_fault(write(tmp_path, data))
    assert fault.line == 16
    assert fault.message.startswith("not UTF-8 text (byte 0xfc)")
    assert "save the file as UTF-8" in fault.message


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, "\ufeff".encode() + BASE.encode("utf-8"))
    scenario = load_scenario(path)
    assert scenario.id == "minimal"
    assert not scenario.source.startswith("\ufeff")


def test_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    padding = "# " + "x" * 1000 + "\n"
    text = BASE + padding * (MAX_BYTES // len(padding) + 1)
    assert len(text.encode()) > MAX_BYTES
    fault = only_fault(write(tmp_path, text, "huge.toml"))
    assert fault.line is None
    assert "larger than 5 MiB" in fault.message
    with pytest.raises(ScenarioError, match="larger than 5 MiB"):
        parse_scenario(text)


def test_file_at_the_size_limit_is_read(tmp_path: Path) -> None:
    filler = "# " + "x" * 98 + "\n"
    text = BASE + "\n" + filler * ((MAX_BYTES - len(BASE) - 1) // len(filler))
    assert len(text.encode()) <= MAX_BYTES
    assert load_scenario(write(tmp_path, text)).id == "minimal"


@pytest.mark.parametrize(
    "junk",
    [
        "a = " + "[" * 100_000,
        "a = " + "{b=" * 100_000,
        "a = " + "[" * 5_000 + "]" * 5_000,
        "[scenario]\nid = " + "[" * 990 + "]" * 990,
    ],
    ids=["open lists", "open tables", "closed lists", "in a key"],
)
def test_deeply_nested_junk(tmp_path: Path, junk: str) -> None:
    fault = only_fault(write(tmp_path, junk))
    assert fault.message.startswith("not valid TOML")


def test_number_with_too_many_digits(tmp_path: Path) -> None:
    fault = only_fault(write(tmp_path, edit(BASE, "min = 0", "min = 1" + "0" * 5000)))
    assert fault.message == "not valid TOML: a number is too long to read"


def test_missing_file(tmp_path: Path) -> None:
    fault = only_fault(tmp_path / "nowhere.toml")
    assert fault.message == "no such file"
    assert str(fault) == f"{tmp_path / 'nowhere.toml'}: no such file"


def test_folder(tmp_path: Path) -> None:
    fault = only_fault(tmp_path)
    assert fault.message == "this is a folder, not a scenario file"


def test_str_with_a_lone_surrogate_is_refused() -> None:
    with pytest.raises(ScenarioError, match="not UTF-8 text"):
        parse_scenario(edit(BASE, '"South"', '"S\ud800"'), "x.toml")


def test_str_and_bytes_and_path_give_the_same_scenario(tmp_path: Path) -> None:
    path = write(tmp_path, BASE, "minimal.toml")
    from_path = load_scenario(path)
    assert from_path == load_scenario(str(path))
    assert from_path == parse_scenario(BASE)
    assert from_path == parse_scenario(BASE.encode())


# ------------------------------------------------------------------ lines


def test_lines_are_right_after_a_multi_line_list() -> None:
    text = edit(
        BASE,
        'private_brief = "North\'s secret: it wants relief first."',
        'objectives = [\n  "relief",\n  ["peace"]\n]\ncolor_ = "x"',
    )
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text)
    lines = {f.path: f.line for f in caught.value.faults}
    assert lines == {"teams[north].objectives[2]": 12, "teams[north].color_": 16}


def test_lines_are_right_after_a_multi_line_string() -> None:
    text = edit(
        BASE,
        'private_brief = "North\'s secret: it wants relief first."',
        'private_brief = """\n[[teams]]\ncolor = "#fff"\n"""\ncolour = "#fff"',
    )
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text)
    assert [(f.line, f.path) for f in caught.value.faults] == [(16, "teams[north].colour")]
    assert "did you mean 'color'?" in caught.value.faults[0].message


def test_lines_in_dotted_and_quoted_keys() -> None:
    text = edit(BASE, "effects.trust.south.north = -5", "effects . trust . 'south'.\"wes\" = -5")
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text)
    [fault] = caught.value.faults
    assert (fault.line, fault.path) == (56, "move_types[test].effects.trust.south.wes")


# ------------------------------------------------------------------ resolving


@pytest.fixture
def scenario() -> Scenario:
    return parse_scenario(BASE, "minimal.toml")


def test_header(scenario: Scenario) -> None:
    assert (scenario.id, scenario.title, scenario.format) == ("minimal", "Minimal exercise", 1)
    assert scenario.summary == "Two teams, one issue, two rounds."
    assert scenario.background == ""
    assert scenario.source == BASE


def test_team_defaults(scenario: Scenario) -> None:
    north, south = scenario.teams
    assert north.color == "#c00"
    assert south.color == PALETTE[1]
    assert (south.leader, south.public_brief, south.private_brief) == ("Leader", "", "")
    assert (south.objectives, south.red_lines) == ((), ())
    assert north.private_brief.startswith("North's secret")


def test_palette_colours_go_by_position_and_wrap() -> None:
    teams = "".join(f'[[teams]]\nid = "t{i}"\nname = "T{i}"\n' for i in range(12))
    text = BASE[: BASE.index("[[teams]]")] + teams + BASE[BASE.index("[[indicators]]") :]
    text = text.replace('teams = ["north", "south"]', 'teams = ["t0", "t1"]')
    text = text.replace("effects.support.north = 2\neffects.trust.south.north = -5\n", "")
    text = text.replace('visibility = ["south"]', 'visibility = "public"')
    colors = [t.color for t in parse_scenario(text).teams]
    assert colors == [*PALETTE, PALETTE[0], PALETTE[1]]
    assert len(set(PALETTE)) == len(PALETTE)


def test_round_defaults(scenario: Scenario) -> None:
    first, summit = scenario.rounds
    assert (first.number, first.kind, first.title, first.minutes) == (1, "working", "Round 1", 20)
    assert first.teams == ("north", "south")
    assert first.phases == tuple(Phase(name, 4.0) for name in DEFAULT_PHASES)
    assert (summit.number, summit.kind, summit.title) == (2, "summit", "Summit")
    assert summit.minutes == 15  # the sum of its phases
    assert summit.phases == (Phase("talk", 10), Phase("sign", 5))
    assert scenario.total_minutes == 35


def test_round_seats_only_the_teams_it_names() -> None:
    text = edit(BASE, 'teams = ["north", "south"]', 'teams = ["south"]')
    assert parse_scenario(text).rounds[1].teams == ("south",)


def test_round_minutes_given_with_phases_are_kept() -> None:
    text = edit(BASE, 'title = "Summit"', 'title = "Summit"\nminutes = 30')
    summit = parse_scenario(text).rounds[1]
    assert summit.minutes == 30
    assert [p.minutes for p in summit.phases] == [10, 5]


def test_indicators_issues_move_types(scenario: Scenario) -> None:
    assert [i.scope for i in scenario.indicators] == ["global", "team", "pair"]
    tension = scenario.indicator("tension")
    assert tension == Indicator("tension", "Tension", 0, 100, 50, "global", "")
    assert scenario.issue("relief") is not None and scenario.issue("relief").tangible is True
    assert scenario.move_type("statement").effects == ()  # type: ignore[union-attr]
    assert scenario.team("east") is None


def test_effects_are_flattened_to_value_keys(scenario: Scenario) -> None:
    test = scenario.move_type("test")
    assert test is not None
    assert test.effects == (
        Effect("tension", 10),
        Effect("support.north", 2),
        Effect("trust.south.north", -5),
    )


def test_team_effect_without_a_team_changes_every_team(scenario: Scenario) -> None:
    leak = scenario.inject("leak")
    assert leak is not None
    assert leak.effects == (Effect("support.north", -3), Effect("support.south", -3))


def test_effects_in_inline_tables_resolve_the_same() -> None:
    text = edit(
        BASE,
        "effects.tension = 10\neffects.support.north = 2\neffects.trust.south.north = -5",
        "effects = { tension = 10, support = { north = 2 }, trust = { south = { north = -5 } } }",
    )
    assert parse_scenario(text).move_type("test") == parse_scenario(BASE).move_type("test")


def test_inject_visibility(scenario: Scenario) -> None:
    leak = scenario.inject("leak")
    assert leak is not None
    assert (leak.visibility, leak.public, leak.round) == (("south",), False, 2)
    public = parse_scenario(edit(BASE, 'visibility = ["south"]', 'visibility = "public"'))
    assert public.injects[0].visibility is None
    assert public.injects[0].public
    undated = parse_scenario(edit(BASE, "round = 2\n", ""))
    assert undated.injects[0].round is None


def test_indicator_keys(scenario: Scenario) -> None:
    assert list(scenario.indicator_keys()) == [
        "tension",
        "support.north",
        "support.south",
        "trust.north.south",
        "trust.south.north",
    ]


def test_every_effect_key_is_an_indicator_key(scenario: Scenario) -> None:
    keys = scenario.indicator_keys()
    for owner in (*scenario.move_types, *scenario.injects):
        assert all(effect.key in keys for effect in owner.effects)


def test_the_scenario_is_immutable(scenario: Scenario) -> None:
    with pytest.raises(AttributeError):
        scenario.title = "Other"  # type: ignore[misc]
    assert isinstance(scenario.teams, tuple)
    assert msgspec.structs.replace(scenario, title="Other").title == "Other"


def test_integers_and_decimals_are_numbers() -> None:
    text = edit(BASE, "min = 0\nmax = 100\ninitial = 50", "min = -0.5\nmax = 1e3\ninitial = 0")
    tension = parse_scenario(text).indicators[0]
    assert (tension.min, tension.max, tension.initial) == (-0.5, 1000.0, 0.0)


def test_windows_line_endings_are_read_and_lines_still_right() -> None:
    text = edit(BASE, 'color = "#c00"', 'color = "red"').replace("\n", "\r\n")
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text.encode(), "crlf.toml")
    [fault] = caught.value.faults
    assert (fault.line, fault.path) == (11, "teams[north].color")
    assert parse_scenario(BASE.replace("\n", "\r\n")).id == "minimal"


# ------------------------------------------------------------------ the format's documentation

DOC = (ROOT / "docs" / "scenario-format.md").read_text(encoding="utf-8")


def test_the_documented_example_is_valid() -> None:
    example = DOC.split("```toml\n", 1)[1].split("```", 1)[0]
    scenario = parse_scenario(example, "docs/scenario-format.md")
    assert len(scenario.teams) == 2
    assert {i.scope for i in scenario.indicators} == {"global", "pair"}


@pytest.mark.parametrize(
    "struct",
    [
        ScenarioHeader,
        TeamEntry,
        IndicatorEntry,
        IssueEntry,
        MoveTypeEntry,
        RoundEntry,
        PhaseEntry,
        InjectEntry,
    ],
)
def test_every_key_is_documented(struct: type[msgspec.Struct]) -> None:
    for field in msgspec.structs.fields(struct):
        assert f"`{field.encode_name}`" in DOC, f"{struct.__name__}.{field.encode_name}"


def test_every_table_is_documented() -> None:
    for field in msgspec.structs.fields(ScenarioFile):
        header = f"`[{field.name}]`" if field.name == "scenario" else f"`[[{field.name}]]`"
        assert f"### {header}" in DOC


def test_peek_title_reads_a_title_without_validating(tmp_path) -> None:
    from engine.scenario import peek_title

    broken = tmp_path / "broken.toml"
    broken.write_text('[scenario]\ntitle = "Still named"\nformat = 99\n', encoding="utf-8")
    assert peek_title(broken) == "Still named"
    junk = tmp_path / "junk.toml"
    junk.write_bytes(b"\xff\xfe not toml")
    assert peek_title(junk) is None
    assert peek_title(tmp_path / "missing.toml") is None
