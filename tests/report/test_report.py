"""The after-action report: its data, its HTML, and what each viewer may find in it.

Engine tests: no Qt. The PDF and the command line are in ``test_report_cli.py``.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from report_sessions import IMG, SCRIPT, SECRET, SOUTH_OWN, hostile_session, secrets_session

from conftest import SCENARIOS
from engine.domain.events import CONTROL
from engine.errors import UnknownTeamError
from engine.graph.report import analyze
from engine.report import build_report, render_html
from engine.report.series import values_by_round
from engine.scenario import load_scenario
from engine.session.simulate import simulate_session


class Tags(HTMLParser):
    """Every start tag and its attributes, as the browser's parser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def parsed(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    tags.close()
    return tags


@pytest.fixture(scope="module")
def simulated(tmp_path_factory: pytest.TempPathFactory):
    scenario = load_scenario(SCENARIOS / "after-hanoi-2019.toml")
    path = tmp_path_factory.mktemp("sim") / "sim.parley"
    with simulate_session(scenario, path, 6, seed=5, events_per_round=40) as session:
        yield session


@pytest.mark.parametrize("viewer", [CONTROL, "north", "south"])
def test_hostile_text_is_inert_in_every_report(tmp_path: Path, viewer: str) -> None:
    with hostile_session(tmp_path) as session:
        html = render_html(build_report(session, viewer=viewer))
    assert SCRIPT not in html and IMG not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, "the payload is shown, as text"
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    tags = parsed(html)
    names = {tag for tag, _ in tags.tags}
    assert "script" not in names and "img" not in names and "iframe" not in names
    for tag, attrs in tags.tags:
        for name, value in attrs:
            assert not name.startswith("on"), f"<{tag} {name}=...>"
            assert "javascript:" not in (value or ""), f"<{tag} {name}={value!r}>"


def test_every_kind_of_hostile_text_reaches_controls_report_escaped(tmp_path: Path) -> None:
    with hostile_session(tmp_path) as session:
        html = render_html(build_report(session), timeline=True)
    shown = "&lt;script&gt;alert(1)&lt;/script&gt;"
    # Briefs are the handouts' (tests/report/test_handouts.py), not the report's.
    for label in ("Title", "Summary", "Background", "North", "Leader",
                  "Objective", "Red line", "Tension", "Relief", "Move",
                  "Ruling", "Demand", "Open demand", "Refusal", "Promise", "Agreement",
                  "Adjustment", "Inject", "Inject text", "Note", "Bookmark", "Undone",
                  "Round title", "Statement"):  # fmt: skip
        assert f"{label} {shown}" in html, f"{label}: not shown as escaped text"


def test_the_report_is_self_contained(simulated) -> None:
    html = render_html(build_report(simulated))
    assert html.startswith("<!DOCTYPE html>")
    assert "<link" not in html and "<script" not in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html)
    assert "url(" not in html and "@import" not in html
    tags = parsed(html)
    hrefs = [v for _, attrs in tags.tags for k, v in attrs if k == "href"]
    assert hrefs and all(h and h.startswith("#") for h in hrefs), "links stay in the file"
    assert html.count("<svg") >= 3, "charts and the commitment graph are inline SVG"


def test_a_team_report_holds_no_other_teams_secret(tmp_path: Path) -> None:
    with secrets_session(tmp_path) as session:
        south = render_html(build_report(session, viewer="south"), timeline=True)
        north = render_html(build_report(session, viewer="north"), timeline=True)
        control = render_html(build_report(session), timeline=True)
    for name, marker in SECRET.items():
        assert marker not in south, f"south's report shows {name}"
        if "brief" not in name:  # briefs are in no report: the handouts hold them
            assert marker in control, f"Control's report lacks {name}: the test would prove nothing"
    for name, marker in SOUTH_OWN.items():
        if "brief" not in name:
            assert marker in south, f"south's report lacks its own {name}"
        assert marker not in north, f"north's report shows south's {name}"
    for own in ("north_objective", "north_red_line", "north_move",
                "north_ruling", "east_commitment", "east_agreement", "east_demand"):  # fmt: skip
        assert SECRET[own] in north, f"north's report lacks {own}, which north could see"
    for hidden in ("north_brief", "east_brief", "east_inject", "note", "bookmark", "adjustment",
                   "undone"):  # fmt: skip
        assert SECRET[hidden] not in north


def test_controls_timeline_marks_undone_private_and_control_entries(tmp_path: Path) -> None:
    with secrets_session(tmp_path) as session:
        data = build_report(session)
        south = build_report(session, viewer="south")
    entries = [e for section in data.timeline for e in section.entries]
    undone = [e for e in entries if e.text == SECRET["undone"]]
    assert len(undone) == 1 and undone[0].voided
    assert {e.audience for e in entries} == {"public", "private", "control"}
    private = next(e for e in entries if e.text == SECRET["north_move"])
    assert private.audience == "private" and private.teams == ("north",)
    html = render_html(data, timeline=True)
    row = next(r for r in html.split("<tr") if SECRET["undone"] in r)
    assert "voided" in row and "<s>" in row and "undone" in row
    seen = [e for section in south.timeline for e in section.entries]
    assert all(e.audience != "control" and not e.voided for e in seen)


def test_the_reports_analytics_are_the_engines(simulated) -> None:
    for viewer in (CONTROL, "usa", "dprk"):
        data = build_report(simulated, viewer=viewer)
        assert data.analytics == analyze(simulated.scenario, simulated.state, viewer=viewer)
    data = build_report(simulated)
    html = render_html(data)
    section = html[html.index('id="analytics"') : html.index('id="rulings"')]
    assert data.analytics.deadlocks, "the simulated session always holds a deadlock"
    for deadlock in data.analytics.deadlocks:
        assert ", ".join(deadlock.commitments) in section
    for row in data.analytics.credibility:
        if row.score is not None:
            assert f"{row.kept} kept ({row.kept_verified} verified), {row.broken} broken" in section
            assert f"{row.score:.0%}" in section


def test_a_report_at_an_earlier_event_shows_that_moment(simulated) -> None:
    at = simulated.last_seq // 2
    data = build_report(simulated, at=at)
    assert data.seq == at and data.last_seq == simulated.last_seq
    state = simulated.state_at(at)
    assert data.analytics == analyze(simulated.scenario, state)
    assert max(e.seq for s in data.timeline for e in s.entries) == at
    assert f"{at} of {simulated.last_seq}" in render_html(data)


def test_indicator_series_start_at_the_initial_values_and_end_at_the_state(simulated) -> None:
    scenario, state = simulated.scenario, simulated.state
    table = values_by_round(scenario, state)
    for key, indicator in scenario.indicator_keys().items():
        assert table[key][0] == indicator.initial
        assert table[key][-1] == pytest.approx(state.indicators[key])
        assert len(table[key]) == state.round + 1


def test_a_page_per_team_each_starting_a_printed_page(simulated) -> None:
    data = build_report(simulated)
    html = render_html(data)
    for team in simulated.scenario.teams:
        assert f'<section id="team-{team.id}" class="team-page">' in html
    assert "page-break-before: always" in html


def test_an_unknown_team_is_refused_readably(simulated) -> None:
    with pytest.raises(UnknownTeamError, match=r"no team 'usaa'.*usa, dprk"):
        build_report(simulated, viewer="usaa")
