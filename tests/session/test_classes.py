"""The class file and creating a class: one save per group, from one scenario."""

from __future__ import annotations

from pathlib import Path

import pytest
from class_groups import class_scenario

from engine.session.classes import (
    CLASS_FILE,
    ClassError,
    create_class,
    group_name,
    load_class,
    save_file_name,
)
from engine.session.live import Session


def test_creating_a_class_makes_one_save_per_group_and_the_class_file(tmp_path: Path) -> None:
    made = create_class(
        class_scenario(), tmp_path / "p3", ["Table A", "Table B", "Tisch Ü"],
        title="Period 3", key_indicators=["tension"],
    )  # fmt: skip
    assert sorted(p.name for p in made.folder.iterdir()) == sorted(
        [CLASS_FILE, "table-a.parley", "table-b.parley", "tisch-ü.parley"]
    )
    read = load_class(made.folder)
    assert read == made
    assert (read.title, read.scenario, read.key_indicators) == ("Period 3", "minimal", ("tension",))
    for group in read.groups:
        with Session.open(group.save, read_only=True) as session:
            assert session.scenario.source == class_scenario().source
            assert session.last_seq == 1
        assert group_name(group.save) == group.name


def test_a_class_is_never_made_over_another(tmp_path: Path) -> None:
    create_class(class_scenario(), tmp_path / "p3", ["A"])
    with pytest.raises(ClassError, match="already holds a class"):
        create_class(class_scenario(), tmp_path / "p3", ["B"])


def test_an_existing_save_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "p3").mkdir()
    (tmp_path / "p3" / "a.parley").write_text("mine")
    with pytest.raises(ClassError, match=r"already holds a\.parley"):
        create_class(class_scenario(), tmp_path / "p3", ["A"])
    assert (tmp_path / "p3" / "a.parley").read_text() == "mine"


@pytest.mark.parametrize(
    ("names", "message"),
    [
        ([], "at least one group"),
        (["A", "A"], "two groups are called 'A'"),
        (["A", " "], "group 2"),
    ],
)
def test_bad_group_names_are_refused(tmp_path: Path, names: list[str], message: str) -> None:
    with pytest.raises(ClassError, match=message):
        create_class(class_scenario(), tmp_path / "c", names)
    assert not (tmp_path / "c").exists()


def test_an_unknown_key_indicator_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ClassError, match="no indicator 'morale' in scenario minimal"):
        create_class(class_scenario(), tmp_path / "c", ["A"], key_indicators=["morale"])


def test_two_names_of_one_file_name_get_their_own_saves(tmp_path: Path) -> None:
    made = create_class(class_scenario(), tmp_path / "c", ["Table A", "table a"])
    assert [g.save.name for g in made.groups] == ["table-a.parley", "table-a-2.parley"]
    assert save_file_name("../../etc") == "etc.parley"


def test_a_broken_class_file_names_each_fault(tmp_path: Path) -> None:
    file = tmp_path / CLASS_FILE
    file.write_text(
        '[class]\nformat = 2\nscenario = "m"\ncolour = 1\n'
        '[[groups]]\nname = "A"\nsave = "a.parley"\n'
        '[[groups]]\nname = "A"\nsave = "b.parley"\nextra = true\n',
        encoding="utf-8",
    )
    with pytest.raises(ClassError) as caught:
        load_class(tmp_path)
    lines = str(caught.value).splitlines()
    assert all(line.startswith(f"{file}: ") for line in lines)
    text = str(caught.value)
    assert "class.format: 2: only format 1 exists" in text
    assert "class.colour: unknown key" in text
    assert "groups[2].name: 'A' names two groups" in text
    assert "groups[2].extra: unknown key" in text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such class file"),
        ("[class", "not a valid TOML file"),
        ("x = 1", r"no \[class\] table"),
    ],
)
def test_an_unreadable_class_file_is_a_message(
    tmp_path: Path, content: str | None, message: str
) -> None:
    if content is not None:
        (tmp_path / CLASS_FILE).write_text(content, encoding="utf-8")
    with pytest.raises(ClassError, match=message):
        load_class(tmp_path)


def test_a_save_with_no_class_is_named_by_its_stem(tmp_path: Path) -> None:
    assert group_name(tmp_path / "round-table.parley") == "round-table"
    (tmp_path / CLASS_FILE).write_text("not toml [", encoding="utf-8")
    assert group_name(tmp_path / "round-table.parley") == "round-table"
