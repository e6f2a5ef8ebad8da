"""The report as a debrief: it opens on what happened, the timeline is an appendix only
on request, long lists are cut short, and a team's report is its own short document."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from report_sessions import SECRET, secrets_session

from conftest import SCENARIOS
from engine.domain.events import CONTROL
from engine.report import build_report, render_html
from engine.report.happened import Teller
from engine.report.html import short_background
from engine.report.html_parts import LISTED, local_time, zone_name
from engine.scenario import load_scenario
from engine.session.simulate import simulate_session


@pytest.fixture(scope="module")
def hanoi(tmp_path_factory: pytest.TempPathFactory):
    scenario = load_scenario(SCENARIOS / "after-hanoi-2019.toml")
    path = tmp_path_factory.mktemp("debrief") / "hanoi.parley"
    with simulate_session(scenario, path, 6, seed=1) as session:
        yield session


def sections(html: str) -> list[str]:
    return re.findall(r'<section id="([^"]+)"', html)


def test_the_report_opens_on_what_happened(hanoi) -> None:
    html = render_html(build_report(hanoi))
    found = sections(html)
    assert found[0] == "happened", "the first section after the cover"
    assert found.index("background") == 1, "the background follows, shortened"
    body = html[html.index('id="happened"') : html.index('id="background"')]
    for heading in ("Deals struck", "Deals missed", "What stalled", "Who kept their word",
                    "Turning points"):  # fmt: skip
        assert heading in body
    data = build_report(hanoi)
    assert data.agreements and data.analytics.deadlocks, "the session has deals and stalls"
    assert "big deal" in body or "step" in body
    tell = Teller(data.scenario, data.state)
    for unlocks in data.analytics.unlocking:
        ranked = unlocks.ranking[0].commitment
        assert f"carrying out {tell.record(ranked)} first" in body, "what would unlock it"
    assert not re.search(r"\bc\d+\b", re.sub(r"<[^>]+>", "", body)), "records by name, not id"


def test_the_timeline_is_an_appendix_only_when_asked_for(hanoi) -> None:
    data = build_report(hanoi)
    without = render_html(data)
    with_it = render_html(data, timeline=True)
    assert "timeline" not in sections(without)
    assert sections(with_it)[-1] == "timeline", "last, as an appendix"
    assert "Appendix: the timeline" in with_it
    assert len(with_it) > len(without)


def test_the_background_is_shortened_to_its_opening() -> None:
    text = "# Title\n\n" + "\n\n".join(f"Paragraph {i} " + "x" * 300 for i in range(8))
    shown, cut = short_background(text, 900)
    assert cut and shown.startswith("Paragraph 0") and "Paragraph 3" not in shown
    assert "# Title" not in shown
    assert short_background("One short paragraph.") == ("One short paragraph.", False)


def test_long_lists_are_cut_short_without_the_timeline(tmp_path: Path) -> None:
    scenario = load_scenario(SCENARIOS / "after-hanoi-2019.toml")
    with simulate_session(scenario, tmp_path / "long.parley", 6, seed=2,
                          events_per_round=700) as session:  # fmt: skip
        data = build_report(session)
    assert len(data.rulings) > LISTED, "the session is long enough to test the cut"
    short = render_html(data)
    full = render_html(data, timeline=True)
    assert f"The first {LISTED} of {len(data.rulings):,} rulings" in short
    assert "rulings" not in re.findall(r"The first \d+ of [\d,]+ (\w+)", full)


def test_times_are_local_with_the_zone_named(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    try:
        assert local_time("2026-01-15T12:00:00+00:00") == "2026-01-15 13:00 CET (UTC+01:00)"
        assert zone_name(0) == "CET (UTC+01:00)"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_a_team_report_is_short_and_its_own(tmp_path: Path) -> None:
    with secrets_session(tmp_path) as session:
        north = render_html(build_report(session, viewer="north"))
        south = render_html(build_report(session, viewer="south"))
        control = render_html(build_report(session, viewer=CONTROL))
        north_timeline = render_html(build_report(session, viewer="north"), timeline=True)
    assert "Team report · Northland" in north
    assert SECRET["north_objective"] in north and SECRET["north_red_line"] in north
    assert "Your goals and the outcome" in north and "What the others saw of you" in north
    for name in ("north_objective", "north_red_line", "north_brief", "east_brief"):
        assert SECRET[name] not in south, f"south's report shows {name}"
    for name in ("north_brief", "east_brief", "east_inject", "note", "undone"):
        assert SECRET[name] not in north, f"north's report shows {name}"
    assert "Appendix: the timeline" in north_timeline
    assert SECRET["undone"] not in north_timeline, "no undone entry, even in the appendix"
    assert "b-control" not in north_timeline.split('id="timeline"')[1], "no Control entry"
    assert "Team page" in control and "Team report" not in control
