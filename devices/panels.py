"""The live panels of each kind of page, by viewer, and the changes that refresh each.

A panel is re-rendered after an event only when the event's kind sets one of the
``Changes`` flags the panel shows (an undo refreshes them all), and sent to the streams
only when its HTML changed. Panels sent on a stream carry no CSRF token: the script
fills it in from the page, so one rendering serves every device of a viewer.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from devices import views
from devices.control_panels import inbox_html, rulings_html
from devices.team_panels import answers_html, mine_html
from engine.domain.events import CONTROL
from engine.domain.visibility import PUBLIC

if TYPE_CHECKING:
    from engine.session.live import Session

Maker = Callable[["Session"], str]

FLAGS = {
    "status": {"round"},
    "indicators": {"indicators"},
    "answers": {"commitments", "submissions"},
    "mine": {"submissions"},
    "inbox": {"submissions", "devices"},
    "rulings": {"moves"},
    "board-feed": {"moves", "injects"},
    "agreements": {"agreements"},
}


def makers(viewer: str, csrf: str = "") -> dict[str, Maker]:
    """The panels of ``viewer``'s page (a team id, ``CONTROL``, or ``PUBLIC``: the board)."""
    if viewer == PUBLIC:
        return {
            "status": views.status_html,
            "board-feed": views.board_feed_html,
            "agreements": views.agreements_html,
            "indicators": partial(views.indicators_html, viewer=PUBLIC),
        }
    if viewer == CONTROL:
        return {
            "status": views.status_html,
            "inbox": partial(inbox_html, csrf=csrf),
            "rulings": partial(rulings_html, csrf=csrf),
            "indicators": partial(views.indicators_html, viewer=CONTROL),
        }
    return {
        "status": views.status_html,
        "indicators": partial(views.indicators_html, viewer=viewer),
        "answers": partial(answers_html, team=viewer, csrf=csrf),
        "mine": partial(mine_html, team=viewer),
    }


def render(session: Session, viewer: str, csrf: str = "") -> dict[str, str]:
    return {name: make(session) for name, make in makers(viewer, csrf).items()}


def touched(flags: set[str], everything: bool = False) -> set[str]:
    """The panels an event with these ``Changes`` flags may change."""
    return {name for name, shown in FLAGS.items() if everything or shown & flags}
