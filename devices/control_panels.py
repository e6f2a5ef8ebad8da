"""The Control device's panels: the inbox (accept, optionally edited; hold; reject with
a reason the team sees) and the moves waiting for a ruling, each item with its forms.

Every action posts to ``/control/<action>`` and runs on the owner thread inside
``session.acting_device(device)`` (``DeviceServer.control``), so the log records who took it.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from devices.forms_html import hidden
from devices.team_panels import summary
from engine.domain.words import Words
from engine.report.markup import esc

if TYPE_CHECKING:
    from engine.session.live import Session

RULINGS = 20
INBOX = 50  # submissions listed, oldest first


def _post(action: str, csrf: str, fields: str, button: str, css: str = "") -> str:
    return (
        f'<form method="post" action="/control/{action}" class="inline {css}">{hidden(csrf)}'
        f'{fields}<button type="submit">{button}</button></form>'
    )


def inbox_html(session: Session, csrf: str) -> str:
    state = session.state
    words = Words(session.scenario, state)
    waiting = [(k, s) for k, s in state.submissions.items() if s.status in ("pending", "held")]
    items = []
    for sid, s in waiting[:INBOX]:
        device = state.devices.get(s.device)
        label = f" ({esc(device.label)})" if device is not None and device.label else ""
        ref = f'<input type="hidden" name="submission" value="{esc(sid)}">'
        text = s.payload.get("text")
        edit = (
            f'<label>Text <textarea name="text" rows="2">{esc(text)}</textarea></label>'
            if isinstance(text, str)
            else ""
        )
        held = f" <span class='reason'>held: {esc(s.note)}</span>" if s.status == "held" else ""
        items.append(
            f'<li id="sub-{esc(sid)}"><p><b>{esc(words.team(s.team))}</b>{label} · '
            f"{time.strftime('%H:%M:%S', time.localtime(s.at))} · "
            f"{esc(summary(s.what, s.payload, words))}{held}</p>"
            + _post("accept", csrf, ref + edit, "Accept")
            + _post("hold", csrf, ref + '<label>Note <input name="note"></label>', "Hold")
            + _post(
                "reject",
                csrf,
                ref + '<label>Reason (the team sees it) <input name="reason" required></label>',
                "Reject",
            )
            + "</li>"
        )
    if not items:
        return "<p>The inbox is empty.</p>"
    more = len(waiting) - INBOX
    tail = f"<p>And {more} more after these.</p>" if more > 0 else ""
    return "<ol>" + "".join(items) + "</ol>" + tail


def rulings_html(session: Session, csrf: str) -> str:
    state = session.state
    words = Words(session.scenario, state)
    unruled = [m for m in state.moves.values() if m.outcome is None and m.seq not in state.voided]
    items = []
    for move in list(reversed(unruled))[:RULINGS]:
        fields = (
            f'<input type="hidden" name="move" value="{esc(move.id)}">'
            '<label>Outcome <select name="outcome"><option value="success">success</option>'
            '<option value="partial">partial</option><option value="failure">failure</option>'
            '</select></label><label>Reason <input name="reason" required></label>'
        )
        items.append(
            f"<li><p><b>{esc(words.record(move.id))}</b> {esc(words.team(move.team))} · "
            f"{esc(words.move_type(move.move_type))}: <q>{esc(move.text)}</q></p>"
            + _post("rule", csrf, fields, "Rule")
            + "</li>"
        )
    return "<ol>" + "".join(items) + "</ol>" if items else "<p>No move waits for a ruling.</p>"
