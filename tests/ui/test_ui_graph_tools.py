"""The graph tab zooms and fits, its side panel follows the record it shows, and the
graph shown large for the room holds only what the room may see."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ui import operations as ops
from ui.main_window import FacilitatorWindow


@pytest.fixture
def window(qtbot: Any, session: Any, isolated_settings: Path) -> FacilitatorWindow:
    made = FacilitatorWindow(session)
    qtbot.addWidget(made)
    made.show()
    assert made.run(ops.start_round) is None
    assert made.run(ops.propose_commitment, giver="usa", receiver="dprk",
                    issue="sanctions_relief", text="PUBLIC-PLEDGE") is None  # fmt: skip
    assert made.run(ops.propose_commitment, giver="dprk", receiver="usa",
                    issue="sanctions_relief", text="SECRET-PLEDGE",
                    visibility=("dprk", "usa")) is None  # fmt: skip
    made.tabs.setCurrentWidget(made.insight.graph_host)
    qtbot.waitUntil(lambda: made.insight.view is not None and made.insight._drawn["graph"])
    return made


def test_zoom_and_fit(window: FacilitatorWindow) -> None:
    view = window.insight.view
    assert view is not None
    fitted = view.transform().m11()
    view.zoom_in()
    assert view.transform().m11() == pytest.approx(fitted * 1.25) and view.zoomed
    view.resize(view.width() + 50, view.height())
    assert view.transform().m11() == pytest.approx(fitted * 1.25), "a resize keeps the zoom"
    view.fit()
    assert not view.zoomed


def test_the_side_panel_follows_the_commitment_it_shows(window: FacilitatorWindow) -> None:
    insight = window.insight
    first = next(iter(window.session.state.commitments))
    insight.show_details(first)
    assert insight.details is not None and "proposed" in insight.details.toPlainText()
    assert window.run(ops.change_commitment, commitment=first, action="agree") is None
    assert "agreed" in insight.details.toPlainText(), "not stale after the status changed"


def test_the_large_graph_shows_only_what_the_room_may_see(
    window: FacilitatorWindow, qtbot: Any
) -> None:
    public, secret = list(window.session.state.commitments)
    window.insight.show_large()
    large = window.insight.large
    assert large is not None
    qtbot.addWidget(large)
    tab = window.insight.view
    assert tab is not None
    assert {public, secret} <= set(tab.positions), "Control's tab shows both: the test can fail"
    assert public in large.view.positions and secret not in large.view.positions
    assert window.run(ops.propose_commitment, giver="rok", receiver="dprk",
                      issue="sanctions_relief", text="NEW-PUBLIC") is None  # fmt: skip
    newest = list(window.session.state.commitments)[-1]
    assert newest in large.view.positions, "it follows the session live"
    large.close()
    assert window.insight.large is None


def test_nodes_and_details_say_the_numbers_people_say(window: FacilitatorWindow) -> None:
    from PySide6.QtWidgets import QGraphicsSimpleTextItem

    view = window.insight.view
    assert view is not None
    state = window.session.state
    labels = {i.text() for i in view.scene().items() if isinstance(i, QGraphicsSimpleTextItem)}
    numbers = {f"Commitment {c.number}" for c in state.commitments.values()}
    shown = {t.split(" · ")[0] for t in labels}
    assert numbers <= shown and not set(state.commitments) & shown, labels
    first = next(iter(state.commitments))
    window.insight.show_details(first)
    details = window.insight.details
    assert details is not None
    text = details.toPlainText()
    assert text.startswith(f"Commitment {state.commitments[first].number} ({first})")
    assert text.count(first) == 1, "the stable id once, beside the heading"


def test_details_name_teams_indicators_and_records_in_words(tmp_path: Path) -> None:
    import re

    from engine.scenario import load_scenario
    from engine.session.simulate import simulate_session
    from ui.details import record_html
    from ui.save_names import DEFAULT_SCENARIO

    scenario = load_scenario(DEFAULT_SCENARIO)
    with simulate_session(scenario, tmp_path / "d.parley", 4, seed=3) as s:
        state = s.state
    ids = {t.id for t in scenario.teams} | {o.id for o in scenario.observers}
    records = [*state.moves, *state.demands, *state.commitments, *state.agreements]
    assert len(records) > 40
    for record in records:
        html = record_html(scenario, state, record)
        body = re.sub(r"<small[^>]*>\([a-z]\d+\)</small>", "", html)  # the id beside the title
        body = re.sub(r"<[^>]+>", " ", body)
        words = set(re.findall(r"\b[a-z][a-z0-9_.]*\b", body))
        assert not re.search(r"(?<!a )\b[mdca]\d+\b", body), (record, body)  # not "a d6"
        assert not words & ids, (record, words & ids)
        assert not any("." in w and w.split(".")[0] in {"trust", "support"} for w in words)
