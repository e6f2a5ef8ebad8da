"""Printable handouts: one PDF per team and one public, holding the right briefs only."""

from __future__ import annotations

import subprocess
import sys
import unicodedata

import pytest
from pypdf import PdfReader

from conftest import ROOT, SCENARIOS
from engine.report.handouts import handouts, public_handout, team_handout
from engine.scenario import load_scenario

DEFAULT = SCENARIOS / "after-hanoi-2019.toml"


def _text(path) -> str:
    """The PDF's text with ligatures (ﬁ) unfolded and whitespace collapsed."""
    raw = " ".join((page.extract_text() or "") for page in PdfReader(path).pages)
    return " ".join(unicodedata.normalize("NFKC", raw).split())


def test_a_team_handout_holds_its_private_brief_and_no_other_teams() -> None:
    scenario = load_scenario(DEFAULT)
    usa, dprk = scenario.team("usa"), scenario.team("dprk")
    handout = team_handout(scenario, usa)
    assert usa.private_brief.strip()[:40] in handout.markdown
    assert dprk.private_brief.strip()[:40] not in handout.markdown
    for red_line in usa.red_lines:
        assert red_line.split()[0] in handout.markdown


def test_the_public_handout_holds_no_private_brief() -> None:
    scenario = load_scenario(DEFAULT)
    text = public_handout(scenario).markdown
    for team in scenario.teams:
        assert team.public_brief.strip()[:40] in text
        assert team.private_brief.strip()[:40] not in text


def test_plain_text_cannot_inject_markdown(minimal_text) -> None:
    from engine.scenario import parse_scenario

    scenario = parse_scenario(
        minimal_text.replace('name = "North"', 'name = "# [x](javascript:1)"')
    )
    markdown = team_handout(scenario, scenario.teams[0]).markdown
    assert "# [x](javascript:1)" not in markdown
    assert "\\# \\[x\\](javascript:1)" in markdown


def test_handouts_verb_writes_a_pdf_per_team_with_pages_and_team_names(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "main.py", "handouts", str(DEFAULT), "-o", str(tmp_path / "out")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
    )
    assert result.returncode == 0, result.stderr
    scenario = load_scenario(DEFAULT)
    names = {h.name for h in handouts(scenario)}
    assert {p.stem for p in (tmp_path / "out").glob("*.pdf")} == names
    for team in scenario.teams:
        pdf = tmp_path / "out" / f"team-{team.id}.pdf"
        reader = PdfReader(pdf)
        assert len(reader.pages) >= 2, "a full brief does not fit one page at a readable size"
        text = _text(pdf)
        assert team.name in text
        assert "Confidential" in text
    public = _text(tmp_path / "out" / "public.pdf")
    assert all(team.name in public for team in scenario.teams)


@pytest.mark.parametrize("problem", ["missing", "broken"])
def test_handouts_verb_refuses_bad_scenarios_with_a_message(tmp_path, problem) -> None:
    source = tmp_path / "s.toml"
    if problem == "broken":
        source.write_text("[scenario\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "main.py", "handouts", str(source), "-o", str(tmp_path / "out")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert str(source) in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
