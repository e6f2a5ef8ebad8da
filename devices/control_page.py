"""The Control device's page: its inbox, the rulings, the indicators and the whole log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from devices import panels
from devices.pages import feed_html, frame, panel
from engine.domain.events import CONTROL
from engine.report.markup import esc

if TYPE_CHECKING:
    from devices.clock import Clock
    from engine.session.live import Session


def control_page(
    session: Session, csrf: str, clock: Clock, items: list[tuple[int, str]], error: str = ""
) -> str:
    shown = panels.render(session, CONTROL, csrf)
    after = items[-1][0] if items else 0
    say = f'<p class="error" role="alert">Not done: {esc(error)}</p>' if error else ""
    body = (
        f"<header><h1>Control</h1><p class='meta'>{esc(session.scenario.title)}</p>"
        f"{panel('status', shown['status'])}{clock.html()}</header><main>{say}"
        f"{panel('inbox', shown['inbox'], 'Inbox')}"
        f"{panel('rulings', shown['rulings'], 'Moves to rule on')}"
        f"{panel('indicators', shown['indicators'], 'Indicators')}"
        f"<section class='panel'><h2>The log</h2>{feed_html(items)}</section></main>"
    )
    return frame("Control", body, stream="/events", after=after, csrf=csrf, css="control")
