"""The comparison of a class's groups, on hand-built groups with known differences."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest
from class_groups import TEXT, big, class_scenario, steps, three_groups

from conftest import DEFAULT_SCENARIO
from engine.report.compare import Comparison, compare_saves
from engine.report.compare_files import write_compare_csv, write_compare_db
from engine.report.compare_html import render_compare_html
from engine.scenario import load_scenario, parse_scenario
from engine.session.classes import ClassError, create_class, load_class, write_class_file
from engine.session.live import Session


@pytest.fixture(name="compared")
def compared_fixture(tmp_path: Path) -> Comparison:
    return compare_saves(three_groups(tmp_path))


def row(comparison: Comparison, name: str) -> dict[str, object]:
    return next(g.values for g in comparison.groups if g.name == name)


def test_one_row_per_group_named_by_the_save_stem(compared: Comparison) -> None:
    assert [g.name for g in compared.groups] == ["big", "steps", "stuck"]


def test_agreements_and_their_shape(compared: Comparison) -> None:
    assert row(compared, "big")["agreements"] == 1
    assert row(compared, "big")["shape"] == "big deal"
    assert row(compared, "steps")["agreements"] == 2
    assert row(compared, "steps")["shape"] == "steps"
    assert row(compared, "stuck")["shape"] == "none"
    assert row(compared, "big")["issues_agreed"] == 2


def test_commitments_kept_and_broken(compared: Comparison) -> None:
    assert (row(compared, "big")["kept"], row(compared, "big")["broken"]) == (2, 0)
    assert (row(compared, "steps")["kept"], row(compared, "steps")["broken"]) == (0, 1)
    assert row(compared, "stuck")["withdrawn"] == 1


def test_deadlocks_met_and_resolved(compared: Comparison) -> None:
    assert row(compared, "stuck")["deadlocks_met"] == 1
    assert row(compared, "stuck")["deadlocks_resolved"] == 1
    assert row(compared, "big")["deadlocks_met"] == 0


def test_surprise_demands_and_volatility(compared: Comparison) -> None:
    assert row(compared, "steps")["surprise_demands"] == 1
    assert row(compared, "big")["surprise_demands"] == 0
    assert row(compared, "steps")["volatility"] == 6.0  # +3 then -3
    assert row(compared, "steps")["tone_swings"] == 1
    assert row(compared, "big")["volatility"] == 0.0
    assert row(compared, "stuck")["volatility"] is None  # no public move at all


def test_time_to_the_first_agreement(compared: Comparison) -> None:
    assert row(compared, "big")["first_agreement_round"] == 1
    assert row(compared, "stuck")["first_agreement_round"] is None
    assert row(compared, "stuck")["first_agreement_minutes"] is None
    assert isinstance(row(compared, "big")["first_agreement_minutes"], float)


def test_final_indicators_and_key_indicators_over_rounds(compared: Comparison) -> None:
    assert compared.key_indicators == ("tension",)  # the scenario's one global indicator
    by_name = {g.name: g for g in compared.groups}
    assert by_name["big"].series["tension"] == (50.0, 20.0, 20.0)
    assert by_name["steps"].series["tension"] == (50.0, 70.0, 70.0)
    assert by_name["big"].final["tension"] == 20.0
    assert by_name["stuck"].final["support.north"] == 60.0


def test_key_indicators_may_be_chosen_and_unknown_ones_are_refused(tmp_path: Path) -> None:
    saves = three_groups(tmp_path)
    chosen = compare_saves(saves, key_indicators=["support.north", "tension"])
    assert chosen.key_indicators == ("support.north", "tension")
    assert len(chosen.groups[0].series["support.north"]) == 3
    with pytest.raises(ClassError, match="no indicator 'morale'"):
        compare_saves(saves, key_indicators=["morale"])


def test_where_the_structures_differ_most(compared: Comparison) -> None:
    words = [d.words for d in compared.differences]
    assert "Conditional commitments: most in stuck (2), fewest in big and steps (0)" in words
    assert "Big deals: most in big (1), fewest in steps and stuck (0)" in words
    assert all(
        a.spread >= b.spread
        for a, b in zip(compared.differences, compared.differences[1:], strict=False)
    )


def test_an_issue_agreed_by_some_groups_only_is_a_difference(tmp_path: Path) -> None:
    compared = compare_saves([big(tmp_path / "a.parley"), steps(tmp_path / "b.parley")])
    found = {d.key: d for d in compared.differences}
    assert found["issue:inspections"].words == "Inspections: agreed by a; not by b"
    assert "issue:relief" not in found  # both agreed on relief


def test_identical_groups_differ_nowhere(tmp_path: Path) -> None:
    compared = compare_saves([big(tmp_path / "a.parley"), big(tmp_path / "b.parley")])
    assert compared.differences == ()


def test_the_class_file_names_the_groups(tmp_path: Path) -> None:
    made = create_class(class_scenario(), tmp_path / "period3", ["Table A", "Table B"])
    renamed = type(made)(made.path, made.title, made.scenario, made.groups[:1], ())
    write_class_file(renamed)  # Table B's save is no longer listed: named by its stem
    compared = compare_saves([g.save for g in made.groups])
    assert [g.name for g in compared.groups] == ["Table A", "table-b"]
    assert load_class(made.folder).groups[0].name == "Table A"


def test_saves_of_different_scenarios_are_refused_naming_them(tmp_path: Path) -> None:
    ours = big(tmp_path / "ours.parley")
    Session.create(load_scenario(DEFAULT_SCENARIO), tmp_path / "other.parley").close()
    with pytest.raises(ClassError) as caught:
        compare_saves([ours, tmp_path / "other.parley"])
    message = str(caught.value)
    assert "different scenarios" in message
    assert "ours.parley plays minimal" in message
    assert "other.parley plays after_hanoi_2019" in message


def test_the_same_id_with_another_text_is_refused(tmp_path: Path) -> None:
    ours = big(tmp_path / "ours.parley")
    edited = parse_scenario(TEXT.replace("Minimal exercise", "Edited exercise"), "e.toml")
    Session.create(edited, tmp_path / "edited.parley").close()
    with pytest.raises(ClassError, match="the same id, but different texts") as caught:
        compare_saves([ours, tmp_path / "edited.parley"])
    assert "ours.parley plays minimal (text " in str(caught.value)
    assert "edited.parley plays minimal (text " in str(caught.value)


def test_a_save_named_twice_is_refused(tmp_path: Path) -> None:
    save = big(tmp_path / "a.parley")
    with pytest.raises(ClassError, match="named twice"):
        compare_saves([save, save])


def test_html_holds_every_group_and_chart_and_escapes_names(tmp_path: Path) -> None:
    saves = three_groups(tmp_path)
    compared = compare_saves(saves, names={saves[0]: "<b>Big</b>"})
    html = render_compare_html(compared)
    assert "&lt;b&gt;Big&lt;/b&gt;" in html and "<b>Big</b>" not in html
    assert html.count("<svg") == 1  # one key indicator: one chart, one line per group
    assert "Where the groups differ most" in html and "big deal" in html


def test_csv_and_database_hold_one_row_per_group(tmp_path: Path, compared: Comparison) -> None:
    out = write_compare_csv(compared, tmp_path / "class.csv")
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["group"] for r in rows] == ["big", "steps", "stuck"]
    assert rows[1]["broken"] == "1" and rows[0]["final.tension"] == "20.0"
    db = write_compare_db(compared, tmp_path / "class.db")
    with sqlite3.connect(db) as conn:
        assert conn.execute("select shape from groups order by rowid").fetchall() == [
            ("big deal",),
            ("steps",),
            ("none",),
        ]
        values = conn.execute(
            "select value from group_indicators where \"group\" = 'big' order by round"
        ).fetchall()
        assert values == [(50.0,), (20.0,), (20.0,)]
        assert conn.execute("select count(*) from differences").fetchone()[0] >= 2
    assert not list(tmp_path.glob(".*partial"))
