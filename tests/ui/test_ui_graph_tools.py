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
