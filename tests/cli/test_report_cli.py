"""``python main.py report``: HTML and PDF by suffix, per team, and readable refusals."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from report_sessions import SCRIPT, SECRET, hostile_session, pdf_text, secrets_session

from conftest import ROOT, SCENARIOS
from engine.report import build_report
from engine.scenario import load_scenario
from engine.session.simulate import simulate_session
from ui.report_pdf import write_report_pdf


def parley(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
    )


@pytest.fixture(scope="module")
def save(tmp_path_factory: pytest.TempPathFactory) -> Path:
    scenario = load_scenario(SCENARIOS / "after-hanoi-2019.toml")
    path = tmp_path_factory.mktemp("cli") / "sim.parley"
    simulate_session(scenario, path, 4, seed=2, events_per_round=30).close()
    return path


def test_report_writes_html(save: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "report.html"
    result = parley("report", save, "-o", out)
    assert result.returncode == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert "report for Control" in result.stderr
    assert not list(out.parent.glob(".*partial")), "no half-written file is left"


def test_report_writes_a_pdf_with_pages_and_every_team_name(save: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    result = parley("report", save, "-o", out)
    assert result.returncode == 0, result.stderr
    assert len(PdfReader(out).pages) >= 5
    text = pdf_text(out)
    for team in load_scenario(SCENARIOS / "after-hanoi-2019.toml").teams:
        assert team.name in text
    assert "What happened" in text and "Analytics" in text
    assert "the timeline" not in text, "the timeline is an appendix only when asked for"


def test_a_team_report_on_the_command_line(save: Path, tmp_path: Path) -> None:
    out = tmp_path / "usa.html"
    result = parley("report", save, "-o", out, "--team", "usa", "--at", "60")
    assert result.returncode == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert "Team report · United States" in html and "60 of " in html


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("missing.parley", "-o", "r.html"), "no save at"),
        (("SAVE", "-o", "r.html", "--team", "usaa"), "no team 'usaa'"),
        (("SAVE", "-o", "r.docx"), "name it .html or .pdf"),
        (("SAVE", "-o", "r.html", "--at", "999999"), "no event 999999"),
        (("SAVE", "-o", "r.html", "--team", "control"), "leave out --team"),
    ],
)
def test_report_refuses_bad_input_readably(
    save: Path, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    args = tuple(str(save) if a == "SAVE" else str(tmp_path / a) if "." in a else a for a in args)
    result = parley("report", *args)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.glob("r.*")), "nothing is written"


def test_a_pdf_of_hostile_text_shows_it_as_text(tmp_path: Path) -> None:
    with hostile_session(tmp_path) as session:
        data = build_report(session)
    out = tmp_path / "h.pdf"
    assert write_report_pdf(data, out) >= 2
    text = pdf_text(out)
    assert SCRIPT in text, "the payload is printed as the letters it is"
    assert "North <script>" in text


def test_a_team_pdf_holds_no_other_teams_secret(tmp_path: Path) -> None:
    with secrets_session(tmp_path) as session:
        data = build_report(session, viewer="south")
    out = tmp_path / "south.pdf"
    assert write_report_pdf(data, out) >= 2
    text = pdf_text(out)
    assert "Southland" in text and "Northland" in text and "Eastland" in text
    for name, marker in SECRET.items():
        assert marker not in text, f"south's PDF shows {name}"
