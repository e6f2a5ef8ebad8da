"""The projector shows everything it promises at 1280x720 and up, in both text sizes: a
card that cannot hold all its blocks turns pages (or, for the feed, says how many earlier
items are left out); no block is ever cut or dropped without a word."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from engine.scenario import load_scenario
from engine.session.simulate import simulate_session
from ui import theme
from ui.panels.paged_card import PagedCard, block_height, join_blocks, paginate
from ui.projector import ProjectorWindow, public_indicator_blocks
from ui.timer import PhaseTimer


def test_paginate_keeps_blocks_whole_and_in_order() -> None:
    heights = [30, 30, 50, 200, 10]

    def fits(indices: list[int]) -> bool:
        return sum(heights[i] for i in indices) <= 100

    assert paginate(len(heights), fits) == [[0, 1], [2], [3], [4]]
    assert paginate(0, fits) == []


def test_rows_of_a_page_share_one_table() -> None:
    html = join_blocks(["<tr><td>a</td></tr>", "<tr><td>b</td></tr>", "<p>x</p>"])
    assert html.count("<table") == 1 and html.index("</table>") < html.index("<p>x</p>")


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory, qapp: Any) -> Any:
    from conftest import DEFAULT_SCENARIO

    folder = tmp_path_factory.mktemp("fit")
    made = simulate_session(load_scenario(DEFAULT_SCENARIO), folder / "fit.parley", 4, seed=2019,
                            events_per_round=45)  # fmt: skip
    made.start_round()
    yield made
    made.close()


@pytest.mark.parametrize(
    "large",
    [False, True],
    ids=["normal text", "large text"],
)
@pytest.mark.parametrize("size", [(1280, 720), (1366, 768), (1920, 1080)])
def test_every_card_fits_its_room_and_pages_hold_every_block(
    qtbot: Any, session: Any, size: tuple[int, int], large: bool
) -> None:
    app = QApplication.instance()
    theme.set_large_text(app, large)  # type: ignore[arg-type]
    try:
        projector = ProjectorWindow(session, PhaseTimer())
        qtbot.addWidget(projector)
        projector.resize(*size)
        projector.show()
        qtbot.waitExposed(projector)
        assert projector.height() <= size[1], "the window never grows past its screen"
        cards: list[PagedCard] = [
            projector.feed_card,
            projector.indicators_card,
            projector.agreements_card,
        ]
        for card in cards:
            room, width = card.body.height(), card.body.width()
            for page in range(len(card.pages)):
                card.page = page
                card.relayout()
                shown = card.shown_html()
                assert block_height(shown, card.body.font(), width) <= room, card.objectName()
            placed = sorted(i for page in card.pages for i in page)
            if card.overflow == "pages":
                assert placed == list(range(len(card.blocks))), "every block is on a page"
                assert (card.counter.text() != "") == (len(card.pages) > 1)
            else:
                assert placed == list(range(len(placed))), "the feed keeps its newest items"
                assert card.left_out == len(card.blocks) - len(placed)
        every = public_indicator_blocks(session)
        assert projector.indicators_card.blocks == every
    finally:
        theme.set_large_text(app, False)  # type: ignore[arg-type]


def test_pages_turn(qtbot: Any, session: Any) -> None:
    card = PagedCard("Test", "testCard")
    qtbot.addWidget(card)
    card.resize(400, 160)
    card.show()
    card.set_blocks([f"<p>Block number {n} with some words in it</p>" for n in range(12)])
    assert len(card.pages) > 1
    first = card.shown_html()
    card.next_page()
    assert card.page == 1 and card.shown_html() != first
    assert card.counter.text() == f"2 / {len(card.pages)}"


def test_no_tall_block_is_dropped(qtbot: Any, tmp_path: Path) -> None:
    card = PagedCard("Test", "testCard")
    qtbot.addWidget(card)
    card.resize(300, 120)
    card.show()
    words = " ".join(["word"] * 120)
    card.set_blocks([f"<p>{words}</p>", "<p>short</p>"])
    assert [i for page in card.pages for i in page] == [0, 1]
    card.page = 0
    card.relayout()
    assert "word" in card.shown_html()
